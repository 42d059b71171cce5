"""The reader without scripts (Tor Browser's "Safest" level, a blocker, a proxy that strips
scripts) in a real Chromium: every page reads, no control that needs a script is shown, the
search page says plainly that search needs one and how to find an article without it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import serve_folder

pytestmark = pytest.mark.browser

STORY = "2020/11/coalition-us-forces-syria-iraq/"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# A page of every kind, in both languages.
PAGES = [
    "ar/",
    "ar/" + STORY,
    "ar/2020/",
    "ar/2020/11/",
    "ar/entities/",
    "ar/entities/kevin-copsey/",
    "ar/about/",
    "en/",
    "en/" + STORY,
    "en/2020/",
    "en/entities/",
    "en/entities/kevin-copsey/",
    "en/translated/",
    "en/status/",
]

# Every control on screen that a reader can press or type in, as (tag, type, text).
SHOWN_CONTROLS = """() => [...document.querySelectorAll('button, input, select, textarea')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.tagName, e.type, (e.innerText || e.getAttribute('aria-label') || '').trim()])"""

# The links on screen, as (text, href).
SHOWN_LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.innerText.trim(), e.getAttribute('href')])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive, built without its search index (no page here runs a search)."""
    root = tmp_path_factory.mktemp("nojs")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", "http://127.0.0.1/", search=False)
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve_folder(site) as url:
        yield url


def no_script_context(browser: Browser, viewport: dict[str, int], scheme: str) -> BrowserContext:
    return browser.new_context(
        java_script_enabled=False,
        viewport=viewport,
        color_scheme=scheme,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_shows_a_control_that_needs_a_script(
    browser: Browser, base: str, viewport: dict[str, int]
) -> None:
    """The theme toggle, the parallel view, the side by side link and the header's search
    field do nothing without a script: none is shown. The header's search button stays, a
    plain link to the search page, which says why search does not run."""
    context = no_script_context(browser, viewport, "light")
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(base + path)
            controls = page.evaluate(SHOWN_CONTROLS)
            assert [tag for tag, kind, _ in controls] == ["BUTTON"], (path, controls)
            assert controls[0][1] == "submit"  # the header's search button
            links = page.evaluate(SHOWN_LINKS)
            assert not [href for _, href in links if href.endswith("#parallel")], path
            assert page.locator(".body p >> nth=0").is_visible() or "/" + STORY not in path
    finally:
        context.close()


def test_the_headers_search_button_leads_to_a_page_that_says_why_search_does_not_run(
    browser: Browser, base: str
) -> None:
    context = no_script_context(browser, DESKTOP, "light")
    try:
        page = context.new_page()
        page.goto(base + "en/" + STORY)
        page.locator(".site-header .search-box button").click()
        page.wait_for_url("**/en/search/**")
        said = page.locator(".search-without-js")
        assert said.is_visible()
        assert said.inner_text().startswith("Search runs in your browser and needs JavaScript")
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "message", "ways"),
    [
        (
            "ar",
            "يعمل البحث في المتصفح ويحتاج إلى جافاسكربت",
            ["السنوات والأشهر في الصفحة الرئيسية", "فهرس الأشخاص والأماكن والمنظمات"],
        ),
        (
            "en",
            "Search runs in your browser and needs JavaScript",
            [
                "the years and months, on the home page",
                "the index of people, places and organisations",
            ],
        ),
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_search_page_without_scripts_says_so_first_and_shows_the_ways_on(
    browser: Browser, base: str, viewport: dict[str, int], lang: str, message: str, ways: list[str]
) -> None:
    """No field, sort or filter that cannot search: the message comes under the heading, on
    the first screen of a phone, with links to the archive by date and by name."""
    context = no_script_context(browser, viewport, "dark")
    try:
        page = context.new_page()
        page.goto(base + f"{lang}/search/?q=copsey")
        said = page.locator(".search-without-js")
        assert said.is_visible()
        assert said.inner_text().startswith(message)
        box = said.bounding_box()
        assert box is not None and box["y"] + box["height"] < viewport["height"]
        assert page.evaluate(SHOWN_CONTROLS) == []
        links = dict(
            said.locator("a").evaluate_all(
                "as => as.map(a => [a.innerText, a.getAttribute('href')])"
            )
        )
        assert links == {ways[0]: f"/{lang}/", ways[1]: f"/{lang}/entities/"}
    finally:
        context.close()


def test_a_proxy_that_strips_scripts_still_gets_the_message(browser: Browser, base: str) -> None:
    """Scripts allowed but never arriving (a proxy or filter removed them): <noscript> would
    stay hidden, the message does not."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())
        page.goto(base + "ar/search/")
        assert page.locator(".search-without-js").is_visible()
        assert not page.locator("#search-input").is_visible()
    finally:
        context.close()


def test_with_scripts_the_message_is_never_painted(page: Page, base: str) -> None:
    """theme.js marks the page before its first paint: the message is hidden from the start,
    and the search field is there."""
    page.goto(base + "en/search/", wait_until="commit")
    page.wait_for_selector(".search-page", state="attached")
    assert not page.locator(".search-without-js").is_visible()
    assert page.locator("#search-input").is_visible()
