"""The search page does not jump while Pagefind loads and results arrive, in Chromium.

Layout shift is measured as browsers report it to the page (a PerformanceObserver of
`layout-shift` entries, those right after the reader's input left out, as in the Cumulative
Layout Shift metric), on a phone's and a desktop's viewport, over a slowed-down network so
that the page is painted well before the index and the results come.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import OBSERVE_SHIFTS, count_searches, demo_site_with, serve_folder, slow_network

pytestmark = pytest.mark.browser

VIEWPORTS = {"mobile": (390, 844), "desktop": (1280, 800)}
MAX_SHIFT = 0.05


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo plus thirty articles on the elections, over three years (three index parts),
    each naming the Iraqi forces (a registry entity: its page is offered above the results)."""
    root = tmp_path_factory.mktemp("search-page")
    shutil.copytree(REPO / "content", root / "content")
    for n in range(30):
        year, month = 2021 + n % 3, 1 + n % 12
        write(
            root,
            f"content/ar/{year}/{month:02d}/elections-{n}.md",
            f'---\ntitle: "الانتخابات في المدينة رقم {n}"\ndate: "{year}-{month:02d}-03"\n'
            f"---\nجرت الانتخابات في المدينة، وقال المراقبون إن المشاركة كانت واسعة، "
            f"وانتشرت القوات العراقية حول المراكز. "
            f"{'وتحدث المرشحون عن الاقتصاد والتعليم والصحة. ' * (n % 5)}\n",
        )
    build(root, root / "site", "http://127.0.0.1/")
    with serve_folder(root / "site") as base:
        yield base


def _layout_shift(browser, viewport: str, url: str, then: Callable[[Any], None]) -> float:  # type: ignore[no-untyped-def]
    """The cumulative layout shift of the search page at url on the viewport, over a slowed
    network, once it is ready and `then` (the page) has looked at it or acted on it."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.set_default_timeout(20_000)
        slow_network(page)
        page.add_init_script(OBSERVE_SHIFTS)
        page.goto(url)
        page.wait_for_selector("[data-search][data-ready]")
        then(page)
        page.wait_for_timeout(300)  # shifts are reported after the frame that made them
        return float(page.evaluate("window.layoutShift"))
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("query", ["الانتخابات", "بالقوات العراقية", ""])
def test_layout_shift_while_loading_and_showing_results(
    site: str, browser, viewport: str, query: str
) -> None:  # type: ignore[no-untyped-def]
    def show_more(page: Any) -> None:
        if query:
            page.wait_for_selector(".search-result >> nth=19")
            named = page.locator(".entity-pages a").count()
            assert named == (1 if "القوات" in query else 0)
            page.locator(".search-results .more button").click()  # the reader's input
            page.wait_for_selector(".search-result >> nth=29")

    shift = _layout_shift(browser, viewport, f"{site}ar/search/?q={quote(query)}", show_more)
    assert shift <= MAX_SHIFT, f"{viewport}: cumulative layout shift {shift:.3f}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("search", [{"q": "الانتخابات", "year": "2022"}, {"year": "2022"}])
def test_layout_shift_with_a_filter_in_the_address(
    site: str, browser, viewport: str, search: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    """The line naming the chosen filters (under the count) comes in the update that empties
    the results' place, before they come: nothing shown moves for it."""

    def results_and_line(page: Any) -> None:
        page.wait_for_selector(".search-result >> nth=9")
        assert page.locator(".chosen-filters button bdi").all_inner_texts() == ["2022"]

    shift = _layout_shift(
        browser, viewport, f"{site}ar/search/?{urlencode(search)}", results_and_line
    )
    assert shift <= MAX_SHIFT, f"{viewport}: cumulative layout shift {shift:.3f}"


def test_query_box_takes_typing_before_the_index_has_loaded(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(20_000)
    slow_network(page)
    page.goto(f"{site}ar/search/", wait_until="commit")
    box = page.locator("#search-input")
    box.fill("الانتخابات")  # as soon as the box is there, before Pagefind has loaded
    assert page.get_attribute("[data-search]", "data-ready") is None
    page.wait_for_selector("[data-search][data-ready]")
    assert box.input_value() == "الانتخابات"  # nothing the reader typed is lost
    page.wait_for_selector(".search-result")
    assert "q=" in page.url
    assert page.locator(".search-status").inner_text() == "30 نتيجة"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_heading_labels_the_query_box(site: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The box is named by the page's heading, which a click on it focuses; no second label
    under the heading says the same again (it put the results 35 px lower on a phone)."""
    page.goto(f"{site}{lang}/search/")
    heading = page.locator("h1").inner_text()
    assert page.get_by_label(heading, exact=True).get_attribute("id") == "search-input"
    assert page.locator("main label:visible").all_inner_texts()[0] == heading
    assert heading not in page.locator("form.search-form").inner_text()
    page.locator("h1 label").click()  # the heading's words
    assert page.evaluate("document.activeElement.id") == "search-input"


SHOWN = """(wanted) => {
  const status = document.querySelector('.search-status').textContent;
  return location.search === wanted && !status.endsWith('…')
    && document.querySelector('.search-result') !== null;
}"""


def _shown(page, search: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles listed once the page shows the results of `search` (its URL's query)."""
    page.wait_for_function(SHOWN, arg=search)
    return page.locator(".search-result h2").all_inner_texts()  # type: ignore[no-any-return]


def test_going_back_to_a_sort_or_a_query_searches_nothing_again(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(20_000)
    page.add_init_script(count_searches())
    query = "?" + urlencode({"q": "الانتخابات"})
    page.goto(f"{site}ar/search/{query}")
    relevant = _shown(page, query)
    assert page.evaluate("window.pagefindSearches") > 0  # the count sees the page's searches
    page.check("input[name=sort][value=newest]")
    newest = _shown(page, f"{query}&sort=newest")
    assert newest != relevant
    page.evaluate("window.pagefindSearches = 0")
    page.check("input[name=sort][value=relevance]")
    assert _shown(page, query) == relevant
    box = page.locator("#search-input")
    box.fill("الانتخابات المراقبون")
    _shown(page, "?" + urlencode({"q": "الانتخابات المراقبون"}))
    box.fill("الانتخابات")
    assert _shown(page, query) == relevant
    # Only the new word was looked up: the first, and the sort, had been.
    searched = page.evaluate("window.pagefindSearches")
    alone = "?" + urlencode({"q": "المراقبون"})
    page.goto(f"{site}ar/search/{alone}")
    _shown(page, alone)
    assert searched == page.evaluate("window.pagefindSearches")
    # What was kept is what a fresh page finds.
    page.goto(f"{site}ar/search/{query}&sort=newest")
    assert _shown(page, f"{query}&sort=newest") == newest


@pytest.mark.parametrize("width", [360, 1024])
@pytest.mark.parametrize("opened_by", ["button", "url"])
def test_the_filters_shown_keep_the_page_as_wide_as_the_screen(
    site: str, browser, width: int, opened_by: str
) -> None:  # type: ignore[no-untyped-def]
    """The row of filters scrolls in its own box: shown by the reader's click or by a filter
    in the address, it made a phone's page 1023 px wide (a fieldset is as wide as its
    content unless told otherwise)."""
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        page.set_default_timeout(20_000)
        query = "?" + urlencode({"q": "الانتخابات"})
        page.goto(f"{site}ar/search/{query}{'&year=2021' if opened_by == 'url' else ''}")
        page.wait_for_selector("[data-search][data-ready]")
        if opened_by == "button":
            page.locator(".show-filters").click()
        page.wait_for_selector(".filter-list select")
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in {widths[1]}"
    finally:
        context.close()


def _reuters_translated_untitled() -> dict[str, str]:
    """An article from an outlet with no English name, translated but without an English
    title: what an English result shows in Arabic."""
    from newsarchive.content.gloss import fingerprint

    arabic = "قالت مصادر في سوريا إن القافلة وصلت."
    return {
        "content/ar/2021/05/reuters.md": '---\ntitle: "وصول القافلة"\ndate: "2021-05-02"\n'
        f'source:\n  name: "رويترز"\n---\n{arabic}\n',
        "content/en/2021/05/reuters.md": '---\ntitle: ""\n---\n\n'
        f"<!-- gloss p1 {fingerprint(arabic)} -->\n\nSources in Syria said the convoy arrived.\n",
    }


@pytest.mark.browser
def test_arabic_in_english_results_is_isolated_as_on_the_article_page(tmp_path, page) -> None:  # type: ignore[no-untyped-def]
    """An English result gives what has no English yet as the English page does, in a
    <bdi lang="ar"> in Naskh: a source without an English name (it was a bare span in the
    Latin face) and a title not yet translated, after "English title pending" (the two were
    one plain string)."""
    with demo_site_with(tmp_path, _reuters_translated_untitled()) as base:
        page.goto(base + "en/search/?q=convoy")
        page.wait_for_selector("[data-search][data-ready]")
        result = page.locator(".search-result").first
        link = result.locator("h2 a")
        assert link.locator(".pending-title").text_content() == "English title pending"
        title, source = link.locator("bdi"), result.locator(".meta .source")
        assert title.evaluate("e => [e.lang, e.textContent]") == ["ar", "وصول القافلة"]
        assert source.evaluate("e => [e.tagName, e.lang, e.textContent]") == ["BDI", "ar", "رويترز"]
        for arabic_part in (title, source):
            font = arabic_part.evaluate("e => getComputedStyle(e).fontFamily")
            assert font.startswith('"Noto Naskh Arabic"'), font


@pytest.mark.browser
def test_an_arabic_name_in_the_english_filters_is_marked_arabic(tmp_path, page) -> None:  # type: ignore[no-untyped-def]
    """The English filters list a source (or a person) without an English name in Arabic;
    a screen reader read «رويترز» with an English voice, as the option said nothing of its
    language. It is marked lang="ar" now, the English names beside it are not."""
    with demo_site_with(tmp_path, _reuters_translated_untitled()) as base:
        page.goto(base + "en/search/?q=convoy")
        page.wait_for_selector("[data-search][data-ready]")
        page.locator(".show-filters").click()
        sources = page.locator("select[name=source] option")
        sources.first.wait_for(state="attached")
        marked = sources.evaluate_all("all => all.map((o) => [o.textContent, o.lang])")
        assert ["رويترز", "ar"] in marked, marked
        assert ["Shafaq News", ""] in marked, marked


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [320, 360])
def test_the_button_that_shows_the_filters_is_never_cut(
    site: str, browser, lang: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    """On a 320 px phone "Choose filters" stood in a box narrower than itself and read
    "Choose filter"; it takes two lines there instead, whole, and one at 360 px."""
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(f"{site}{lang}/search/?q=coalition")
        page.wait_for_selector("[data-search][data-ready]")
        shown = page.evaluate(
            """() => {
              const list = document.querySelector('.filter-list');
              const button = list.querySelector('.show-filters');
              const box = list.getBoundingClientRect(), b = button.getBoundingClientRect();
              const range = document.createRange(); range.selectNodeContents(button);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
              return {cut: list.scrollWidth > list.clientWidth || b.left < box.left - 0.5
                        || b.right > box.right + 0.5, lines, page: document.documentElement.scrollWidth};
            }"""
        )
    finally:
        context.close()
    assert not shown["cut"] and shown["page"] <= width, shown
    if width == 360:
        assert shown["lines"] == 1, shown  # where it fits, it keeps to one line


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_layout_shift_of_a_query_in_the_other_script(site: str, browser, viewport: str) -> None:  # type: ignore[no-untyped-def]
    """A name typed in English on the Arabic page finds nothing there: the lines offering the
    entity's page and the English search come in the update that says so, and the second
    file of names they need (the English one) is read first."""

    def offered(page: Any) -> None:
        page.wait_for_selector("[data-search][data-ready]")
        assert page.locator(".entity-pages a").count() == 2  # the entity and the other search

    url = f"{site}ar/search/?q={quote('Iraqi Security Forces')}"
    shift = _layout_shift(browser, viewport, url, offered)
    assert shift <= MAX_SHIFT, f"{viewport}: cumulative layout shift {shift:.3f}"
