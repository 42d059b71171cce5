"""Dark mode that follows the system, remembers the reader's choice and never paints the
other theme first; print with the article, source and citation only; pages that do not move
while fonts and scripts arrive (on the demo site of test_design.py)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from .conftest import REPO
from .test_design import ARTICLE, DESKTOP, PHONE, open_page, site
from .webtools import CHROMIUM, CHROMIUM_ARGS, OBSERVE_SHIFTS, slow_network

__all__ = ["open_page", "site"]  # fixtures, used by name

pytestmark = pytest.mark.browser


def _background(page: Any) -> tuple[int, ...]:
    color = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    return tuple(int(n) for n in re.findall(r"\d+", color)[:3])


def _words(element: Any) -> str:
    """An element's text as read, its no-break spaces (which hold a count to its words) as spaces."""
    return str(element.inner_text()).replace("\u00a0", " ")


def _dark(rgb: tuple[int, ...]) -> bool:
    return sum(rgb) / 3 < 60


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP, "dark")
    assert _dark(_background(page))
    toggle = page.locator(".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert not _dark(_background(page))
    assert toggle.get_attribute("aria-pressed") == "false"
    page.reload(wait_until="networkidle")
    assert not _dark(_background(page)), "the reader's choice was lost on reload"
    page.goto(site + "en/" + ARTICLE, wait_until="networkidle")
    assert not _dark(_background(page)), "the choice is the whole site's"
    page.locator(".theme-toggle").click()
    assert _dark(_background(page))
    light = open_page(site + "ar/", DESKTOP, "light")
    assert not _dark(_background(light))


def test_a_page_shown_again_by_back_or_in_another_tab_takes_the_readers_new_theme(
    site: str, browser
) -> None:  # type: ignore[no-untyped-def]
    """Browsers keep a page for Back and Forward (Playwright turns that off: it is turned on
    here) and bring it back as it was left: a reader who chose dark on the next page went
    back to a light one. A page open in another tab follows the choice too."""
    keeping = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        context = keeping.new_context(viewport=DESKTOP, color_scheme="light")
        page = context.new_page()
        page.goto(site + "ar/", wait_until="networkidle")
        page.evaluate("window.kept = true")
        other_tab = context.new_page()
        other_tab.goto(site + "en/", wait_until="networkidle")
        page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
        page.locator(".theme-toggle").click()
        assert _dark(_background(page))
        page.go_back(wait_until="commit")
        page.wait_for_function("document.readyState === 'complete'")
        assert page.evaluate("window.kept === true"), "the page was loaded again, not kept"
        assert _dark(_background(page)), "the kept page showed the theme it was left in"
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
        other_tab.wait_for_timeout(300)
        assert _dark(_background(other_tab)), "the other tab kept the old theme"
        assert other_tab.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
    finally:
        keeping.close()


def test_the_stored_theme_is_applied_before_the_first_paint(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    html = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    tag = re.search(r"<script src=[^>]*theme\.js[^>]*>", html)
    assert tag and "defer" not in tag[0] and "async" not in tag[0], "the theme runs at once"
    assert tag.start() < html.index('rel="stylesheet"')
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site + "ar/", wait_until="networkidle")
        page.evaluate("localStorage.setItem('newsarchive.theme', 'dark')")
        # The first animation frame comes before the first paint: the colour it sees is the
        # colour the reader's first sight of the page has.
        page.add_init_script(
            """requestAnimationFrame(() => { window.firstFrame =
                 getComputedStyle(document.documentElement).backgroundColor; });"""
        )
        page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
        first = page.evaluate("window.firstFrame")
        assert first is not None
        rgb = tuple(int(n) for n in re.findall(r"\d+", first)[:3])
        assert _dark(rgb), f"first frame painted {first}"
    finally:
        context.close()


@pytest.mark.parametrize(
    "where", ["ar/" + ARTICLE, "en/" + ARTICLE, "ar/", "ar/entities/syria/", "en/search/"]
)
def test_axe_finds_no_violation_in_dark_mode(site: str, open_page, where: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    page = open_page(site + where, DESKTOP, "dark")
    assert _dark(_background(page))
    results = Axe().run(page)
    assert results.response["passes"], "axe ran no rule"
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert found == []


def test_print_shows_the_article_source_and_citation_only(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP, "dark")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".theme-toggle", ".parallel-toggle", ".in-article", "footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ("h1", ".article .body", ".article .meta .source", ".cite"):
        assert page.locator(shown).first.is_visible(), shown
    assert not _dark(_background(page)), "print is black on white"
    # No empty page: the PDF has no more pages than the printed content fills.
    pdf = page.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm"})
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 sheet's width
    content = page.evaluate("document.documentElement.scrollHeight")
    printable = (297 - 40) / 25.4 * 96  # A4 less the margins, in CSS pixels
    assert 1 <= pages <= -(-content // printable), (pages, content)


def test_print_of_the_parallel_view_keeps_the_english_the_reader_chose(
    site: str, open_page
) -> None:  # type: ignore[no-untyped-def]
    """A researcher reading the Arabic with the English under each paragraph prints both, as
    shown; with the view off, the Arabic alone. The English was left off the paper."""
    page = open_page(site + "ar/" + ARTICLE, DESKTOP)
    page.emulate_media(media="print")
    assert page.locator(".parallel-gloss").count() == 0  # fetched only when asked for
    page.emulate_media(media="screen")
    page.locator(".parallel-toggle").click()
    page.wait_for_selector(".parallel-gloss.done:not([hidden])")
    page.emulate_media(media="print")
    english = page.locator(".parallel-gloss.done [lang=en]").first
    assert english.is_visible() and "coalition" in english.inner_text().lower()
    page.emulate_media(media="screen")
    page.locator(".parallel-toggle").click()  # the view off: the English stays in the page
    page.emulate_media(media="print")
    assert page.locator(".parallel-gloss").count() > 0
    assert page.locator(".parallel-gloss").first.is_hidden()
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_printed_english_page_says_it_is_a_translation_how_much_and_of_what(
    site: str, open_page, viewport: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """On paper the English page said nothing of being a translation: its line "English gloss
    of an Arabic article · Read the Arabic original · 3 / 13 paragraphs translated" was left
    out. It prints, with the original's address written out (paper has no links), without
    the side by side view paper cannot open; the notes' links to Arabic paragraphs do not
    print as words that lead nowhere."""
    page = open_page(site + "en/" + ARTICLE, viewport)
    page.emulate_media(media="print")
    line = page.locator(".gloss-progress")
    assert line.is_visible()
    original = "https://example.github.io/repo/ar/" + ARTICLE
    assert _words(line) == (
        f"English gloss of an Arabic article. Read the Arabic original: {original}"
        " · 3 / 13 paragraphs translated"
    )
    box = line.bounding_box()
    assert box and box["width"] <= viewport["width"]  # the address wraps, not the page
    assert page.get_by_text("Translation pending for paragraphs 3–4.").is_visible()
    assert page.get_by_role("link", name="Arabic paragraphs").first.is_hidden()
    page.emulate_media(media="screen")  # on screen: links, no address
    assert _words(line) == (
        "English gloss of an Arabic article. Read the Arabic original"
        " · Arabic and English side by side · 3 / 13 paragraphs translated"
    )


@pytest.mark.parametrize("where", ["ar/entities/syria/", "en/entities/syria/", "en/"])
def test_a_printed_chart_leaves_out_its_closed_table(site: str, open_page, where: str) -> None:  # type: ignore[no-untyped-def]
    """On paper the chart is drawn, and its "figures as a table", a closed control that
    paper cannot open, is left out (it printed as a triangle and a label)."""
    page = open_page(site + where, DESKTOP, "dark")
    page.emulate_media(media="print")
    assert page.locator(".chart svg").first.is_visible()
    assert page.locator(".chart summary").first.is_hidden()


def _layout_shift(browser: Any, url: str, viewport: dict[str, int], fonts_late: float = 0) -> float:
    """The page's cumulative layout shift over a slow connection (4 Mbit/s down, 150 ms to
    each response), the font files held back `fonts_late` seconds more."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.set_default_timeout(30_000)
        slow_network(page, download=200_000, upload=100_000)
        if fonts_late:
            page.route("**/*.woff2", lambda route: (time.sleep(fonts_late), route.continue_()))
        page.add_init_script(OBSERVE_SHIFTS)
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)  # shifts are reported after the frame that made them
        return float(page.evaluate("window.layoutShift"))
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["ar/" + ARTICLE, "en/" + ARTICLE, "ar/", "en/", "ar/2020/"])
def test_pages_do_not_move_while_fonts_and_scripts_arrive(
    site: str, browser: Any, viewport: dict[str, int], path: str
) -> None:
    """Over a slow connection the text is painted before the fonts and scripts are in; when
    they come nothing may move (the fonts are fetched beside the stylesheet, the parallel
    view's button has its place from the first paint)."""
    shift = _layout_shift(browser, site + path, viewport)
    assert shift <= 0.02, f"{path}: cumulative layout shift {shift:.3f}"


def test_an_entity_page_does_not_move_when_the_naskh_files_arrive_late(
    site: str, browser: Any
) -> None:
    """Over a slow link the Naskh files came 1.5 s after the text was drawn: the phone's
    entity page moved by 0.18 (its headline and list wrapped anew); drawn in the fallback
    face sized as Naskh (site.css), by nothing."""
    shift = _layout_shift(browser, site + "ar/entities/syria/", PHONE, fonts_late=1.5)
    assert shift <= 0.02, f"cumulative layout shift {shift:.3f}"


# The height of the headline, then of each block of the page's text: its lines, in the end.
_BLOCKS = """() => [document.querySelector('main h1'),
  ...document.querySelectorAll('main :is(h2, h3, p, li, blockquote, summary)')]
  .map(element => Math.round(element.getBoundingClientRect().height))"""


def _drawn(
    browser: Any, url: str, viewport: dict[str, int], naskh: bool, stylesheet: str = ""
) -> tuple[list[int], bytes]:
    """The heights of the page's blocks (_BLOCKS) and its screenshot, drawn in Naskh or
    without it (its files never arrive: the fallback draws), site.css replaced by
    `stylesheet` if one is given."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        if not naskh:
            page.route("**/*.woff2", lambda route: route.abort())
        if stylesheet:
            page.route(
                "**/css/site.css",
                lambda route: route.fulfill(body=stylesheet, content_type="text/css"),
            )
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page.evaluate(_BLOCKS), page.screenshot(full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["ar/" + ARTICLE, "ar/entities/syria/"])
def test_text_drawn_before_the_naskh_files_arrive_takes_the_lines_it_will_take(
    site: str, browser: Any, viewport: dict[str, int], path: str
) -> None:
    """Drawn in the reader's own font (here DejaVu Sans) until Naskh comes, the headline
    took 5 lines on a phone, then 3, and a fifth of the article's blocks or more changed
    height: everything below moved. The fallback face sized as Naskh (site.css) keeps the
    headline's lines and nearly every block's (a line whose words fill it to a pixel may
    still wrap)."""
    before = _drawn(browser, site + path, viewport, naskh=False)[0]
    after = _drawn(browser, site + path, viewport, naskh=True)[0]
    assert len(before) == len(after) >= 8
    assert before[0] == after[0], f"the headline: {before[0]} px high, then {after[0]}"
    same = sum(a == b for a, b in zip(before, after, strict=True))
    assert same >= 0.85 * len(after), f"{same} of {len(after)} blocks keep their height"


def test_where_the_fallback_font_is_not_installed_the_page_draws_as_without_it(
    site: str, browser: Any
) -> None:
    """A reader's machine without DejaVu Sans (Windows, a Mac, a phone) skips the fallback
    face: before the Naskh files arrive the page is drawn, to the pixel, as it was before
    the face was added, by the next font of the list."""
    css = (REPO / "templates/static/css/site.css").read_text(encoding="utf-8")
    assert 'local("DejaVu Sans")' in css
    absent = css.replace('local("DejaVu Sans', 'local("No Such Font')
    without = re.sub(r'@font-face \{[^}]*"Naskh fallback";[^}]*\}', "", css)
    assert without != css
    url = site + "ar/" + ARTICLE
    shots = [_drawn(browser, url, PHONE, False, stylesheet)[1] for stylesheet in (absent, without)]
    assert shots[0] == shots[1]
