"""Where the keyboard is when the search page opens, in Chromium: a search from a page's
header lands on its results' count, one Tab from the first result; the header's search
button on a phone (the box is hidden there) lands in the search box, so that typing goes
there; a reader who came by a link with a query starts at the top, as on any other page."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import serve_folder

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A word of each language's text of the demo article, and what its count then says.
QUERY = {"en": ("Copsey", "1 result"), "ar": ("كوبسي", "نتيجة واحدة")}
# The element with the focus, as HTML ("body" when none has it).
FOCUSED = (
    "() => document.activeElement === document.body ? 'body' : document.activeElement.outerHTML"
)

# Whether the search page has counted its results (its status line says neither "Searching…"
# nor the hint it shows before a search).
COUNTED = """() => {
  const strings = JSON.parse(document.querySelector('.search-strings').textContent);
  const said = document.querySelector('.search-status').textContent;
  return document.querySelector('[data-search]').dataset.ready === 'true'
    && said !== strings.loading && said !== strings.hint;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo, with its search index, built under /repo/ and served there."""
    root = tmp_path_factory.mktemp("search-focus")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", "https://example.github.io/repo/")
    with serve_folder(root / "site", "/repo/") as base:
        yield base


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_page(url, viewport, **options) -> a page at url in a context of its own."""
    contexts: list[Any] = []

    def opener(url: str, viewport: dict[str, int], **options: Any) -> Any:
        contexts.append(browser.new_context(viewport=viewport, **options))
        page = contexts[-1].new_page()
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def _ready(page: Any) -> None:
    page.wait_for_function("document.querySelector('[data-search]')?.dataset.ready === 'true'")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_search_from_the_header_lands_on_its_count_a_tab_from_the_results(
    site: str, open_page: Any, lang: str
) -> None:
    """Focus went to the top of the results page: eight Tabs through the header and the
    form to the first result."""
    word, count = QUERY[lang]
    page = open_page(site + f"{lang}/", DESKTOP)
    page.locator(".site-header input[type=search]").fill(word)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/search/**")
    _ready(page)
    status = page.locator(".search-status")
    page.wait_for_function("document.activeElement.classList.contains('search-status')")
    assert status.inner_text() == count  # what a screen reader reads on landing
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    # The first link under the count: the page of the entity the query names, then the
    # article found.
    assert focused.startswith('<a href="/repo/' + lang + '/entities/kevin-copsey/"'), focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.search-results') !== null")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_header_s_search_button_opens_the_box_ready_for_typing(
    site: str, open_page: Any, lang: str
) -> None:
    """On a phone the header has only the search button: it opened the search page with
    nothing focused, and what the reader typed went nowhere."""
    word, count = QUERY[lang]
    page = open_page(site + f"{lang}/", PHONE, has_touch=True)
    assert page.locator(".site-header input[type=search]").is_hidden()
    page.locator(".site-header .icon-search").tap()
    page.wait_for_url(f"**/{lang}/search/")
    _ready(page)
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type(word)
    page.wait_for_function(
        "([text]) => document.querySelector('.search-status').textContent === text",
        arg=[count],
    )
    assert page.locator(".search-results h2 a").count() == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_reader_who_came_by_a_link_or_reloads_starts_at_the_top_as_on_any_page(
    site: str, open_page: Any, lang: str
) -> None:
    """A reader who opens a link to a search (sent by someone; an entity page's, with its
    filter), reloads a search or comes back to it is not moved: the page starts at its top,
    and its first Tab reaches the skip link."""
    word, count = QUERY[lang]
    page = open_page(site + f"{lang}/search/?q={word}", DESKTOP)  # a shared link

    def starts_at_the_top() -> None:
        _ready(page)
        page.wait_for_function(COUNTED)
        assert page.evaluate(FOCUSED) == "body"

    starts_at_the_top()
    assert page.locator(".search-status").inner_text() == count
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.goto(site + f"{lang}/entities/kevin-copsey/")  # a link of the site, with a filter
    page.locator(f"a[href*='/{lang}/search/?']").first.click()
    page.wait_for_url(f"**/{lang}/search/?person=*")
    starts_at_the_top()

    page.goto(site + f"{lang}/")  # a search from the header, then a reload, then Back
    page.locator(".site-header input[type=search]").fill(word)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('search-status')")
    page.reload()
    starts_at_the_top()
    page.goto(site + f"{lang}/entities/")
    page.go_back()
    starts_at_the_top()
