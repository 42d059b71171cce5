"""The search page's history and its language switch: a settled query (typing paused, Enter,
a sort or filter chosen) is an entry of its own that Back and Forward return to, with its
query, sort, filters and results, as many pages of them as were shown and where the page was
scrolled, and the header's link to the other language keeps the search, in Chromium with
Pagefind."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from .webtools import demo_site_with, listed_paths

pytestmark = pytest.mark.browser

IMAM = "/ar/2021/03/imam/"
SCHOOL = "/ar/2022/04/school/"
CONVOY = "القافلة"  # in CONVOYS articles: three pages of results
CONVOYS = 45


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        "content/ar/2021/03/imam.md": (
            '---\ntitle: "الإمام يفتتح المسجد"\ndate: "2021-03-02"\n---\nافتتح الإمام المسجد.\n'
        ),
        "content/ar/2022/04/school.md": (
            '---\ntitle: "مدرسة جديدة"\ndate: "2022-04-02"\n---\nافتتحت مدرسة في المدينة.\n'
        ),
    }
    for n in range(CONVOYS):
        files[f"content/ar/2023/{1 + n % 12:02d}/convoy-{n}.md"] = (
            f'---\ntitle: "قافلة المساعدات رقم {n}"\ndate: "2023-{1 + n % 12:02d}-{1 + n % 28:02d}"\n'
            f"---\nوصلت القافلة رقم {n} إلى المعبر، {'وعبرت الشاحنات الحدود. ' * (n % 4)}\n"
        )
    with demo_site_with(tmp_path_factory.mktemp("history"), files) as base:
        yield base


def _query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.url).query)


def _shows(page, query: str, paths: list[str], sort: str = "relevance") -> None:  # type: ignore[no-untyped-def]
    """Wait until the page shows this search: the address, the box, the sort and the results."""
    page.wait_for_function(
        """([query, paths, sort]) =>
          new URLSearchParams(location.search).get("q") === query &&
          document.querySelector("#search-input").value === query &&
          document.querySelector("input[name=sort]:checked").value === sort &&
          JSON.stringify([...document.querySelectorAll(".search-result h2 a")]
            .map((a) => new URL(a.href).pathname)) === JSON.stringify(paths)""",
        arg=[query, paths, sort],
    )


def test_back_and_forward_return_to_settled_searches(site: str, page) -> None:  # type: ignore[no-untyped-def]
    start = f"{site}ar/search/?q={quote('المسجد')}"
    assert listed_paths(page, start) == [IMAM]
    box = page.locator("#search-input")
    box.fill("")
    box.press_sequentially("مدرسة", delay=40)  # each keystroke replaces the last's entry
    _shows(page, "مدرسة", [SCHOOL])
    page.wait_for_timeout(1300)  # typing paused: the query has settled
    page.locator("input[name=sort][value=oldest]").check()  # an entry of its own
    _shows(page, "مدرسة", [SCHOOL], "oldest")
    assert _query(page) == {"q": ["مدرسة"], "sort": ["oldest"]}

    page.go_back()
    _shows(page, "مدرسة", [SCHOOL])
    page.go_back()  # not a prefix typed on the way (مدر): the search before it
    _shows(page, "المسجد", [IMAM])
    page.go_forward()
    _shows(page, "مدرسة", [SCHOOL])
    page.go_forward()
    _shows(page, "مدرسة", [SCHOOL], "oldest")


def test_back_restores_the_filters(site: str, page) -> None:  # type: ignore[no-untyped-def]
    listed_paths(page, f"{site}ar/search/?q={quote('افتتح')}")
    both = sorted([IMAM, SCHOOL])
    page.wait_for_function("document.querySelectorAll('.search-result').length === 2")
    page.locator(".show-filters").click()
    page.locator("select[name=year]").select_option("2021")
    _shows(page, "افتتح", [IMAM])
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 2")
    assert sorted(listed_paths(page)) == both
    assert page.locator("select[name=year]").input_value() == ""
    page.go_forward()
    _shows(page, "افتتح", [IMAM])
    assert page.locator("select[name=year]").input_value() == "2021"


def test_the_language_switch_keeps_the_search(site: str, page) -> None:  # type: ignore[no-untyped-def]
    listed_paths(page, f"{site}ar/search/?q={quote('البصرة')}&year=2021&sort=oldest")
    switch = page.locator("a.lang-switch")
    href = switch.get_attribute("href") or ""
    assert href.startswith("/en/search/?")
    assert parse_qs(urlsplit(href).query) == {
        "q": ["البصرة"],
        "year": ["2021"],
        "sort": ["oldest"],
    }
    page.locator("#search-input").fill("الإمام")
    page.wait_for_function(
        "(part) => document.querySelector('a.lang-switch').href.includes(part)",
        arg=quote("الإمام"),
    )
    switch.click()
    page.wait_for_selector("[data-search][data-ready]")
    assert urlsplit(page.url).path == "/en/search/"
    assert page.locator("#search-input").input_value() == "الإمام"
    assert _query(page)["sort"] == ["oldest"]


def _show_two_pages(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the search at url, show more once: the paths of the forty results listed."""
    listed_paths(page, url)
    page.wait_for_selector(".search-result >> nth=19")
    page.locator(".search-results .more button").click()
    page.wait_for_selector(".search-result >> nth=39")
    return listed_paths(page)


# The 26th result's top edge in the window, once the page shows forty results.
TOP_OF_26TH = """() => document.querySelectorAll('.search-result').length === 40
  && document.querySelectorAll('.search-result h2 a')[25].getBoundingClientRect().top"""


@pytest.mark.parametrize("viewport", [(360, 780), (1280, 800)])
def test_back_from_a_result_shows_the_pages_shown_where_they_were(
    site: str, browser, viewport: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    """Back from the 26th result to a search shown to its second page: forty results, the 26th
    where it was, though the browser made the page anew (no back/forward cache: Playwright's,
    a phone short of memory). It showed the first twenty, at the top."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        url = f"{site}ar/search/?q={quote(CONVOY)}"
        shown = _show_two_pages(page, url)
        result = page.locator(".search-result h2 a").nth(25)
        result.scroll_into_view_if_needed()
        top = page.evaluate(TOP_OF_26TH)
        page.evaluate("window.leftBehind = true")
        result.click()  # right after scrolling to it
        page.wait_for_url(f"**{shown[25]}")
        page.go_back()
        page.wait_for_selector("[data-search][data-ready]")
        assert page.evaluate("window.leftBehind") is None  # a new page, not the one kept
        page.wait_for_function(f"() => Math.abs(({TOP_OF_26TH})() - {top}) <= 1", timeout=10_000)
        assert listed_paths(page) == shown
        assert page.locator(".search-results .more button").count() == 1  # the third page
        # The address is the search's alone: shared (opened in a new tab), it starts at its
        # first page, at the top.
        shared = context.new_page()
        shared.goto(url)
        shared.wait_for_selector("[data-search][data-ready]")
        assert (shared.locator(".search-result").count(), shared.evaluate("scrollY")) == (20, 0)
    finally:
        context.close()


def test_back_and_forward_between_searches_show_their_pages(site: str, page) -> None:  # type: ignore[no-untyped-def]
    url = f"{site}ar/search/?q={quote(CONVOY)}"
    shown = _show_two_pages(page, url)
    box = page.locator("#search-input")
    box.fill("المسجد")
    box.press("Enter")  # an entry of its own
    _shows(page, "المسجد", [IMAM])
    page.go_back()
    _shows(page, CONVOY, shown)
    page.go_forward()
    _shows(page, "المسجد", [IMAM])
