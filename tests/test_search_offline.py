"""A connection lost during a search, in Chromium with Pagefind: a search that lost a download
of the index is never shown as a complete answer, the page says the connection was lost and
searches again (the reader's button, or the browser back online), fetching what was lost; a
search offline ends in that message, not in "Searching…"; a search kept in memory is shown
again offline, and parts.json is not read again before each search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from .webtools import count_searches, demo_site_with

pytestmark = pytest.mark.browser

WORD = "التحالف"  # in the demo article (2020) and in each of 2021's: two pages of results
IN_2021 = 24
LOST = {
    "ar": "انقطع الاتصال قبل أن يكتمل البحث.",
    "en": "The connection was lost before the search finished.",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo and articles of 2021 naming the coalition: two parts of the index."""
    files = {
        f"content/ar/2021/{1 + n % 12:02d}/coalition-{n}.md": (
            f'---\ntitle: "بيان رقم {n}"\ndate: "2021-{1 + n % 12:02d}-{1 + n // 12:02d}"\n---\n'
            f"قال التحالف في بيانه رقم {n} إن قواته باقية.\n"
        )
        for n in range(IN_2021)
    }
    with demo_site_with(tmp_path_factory.mktemp("offline"), files) as base:
        yield base


def _strings(page: Any) -> dict[str, Any]:
    return json.loads(page.locator(".search-strings").text_content())  # type: ignore[no-any-return]


def _status(page: Any) -> str:
    return page.locator(".search-status").inner_text().strip()  # type: ignore[no-any-return]


def _says_lost(page: Any) -> None:
    """Waits for the message that the connection was lost, with its button."""
    strings = _strings(page)
    page.get_by_role("button", name=strings["retry"]).wait_for()
    assert _status(page) == f"{strings['lost']} {strings['retry']}"
    assert page.locator(".search-result").count() == 0  # no answer shown as complete


def _shows_count(page: Any, count: int) -> None:
    """Waits for the status to say `count` results, and as many listed (up to a page)."""
    page.wait_for_function(
        """(count) => {
          const strings = JSON.parse(document.querySelector(".search-strings").textContent);
          const n = count.toLocaleString(document.documentElement.lang);
          const form = count === 0 ? "zero" : new Intl.PluralRules(document.documentElement.lang).select(count);
          return document.querySelector(".search-status").textContent.trim() ===
              (strings.results[form] || strings.results.other).replace("{n}", n)
            && document.querySelectorAll(".search-result").length === Math.min(count, 20);
        }""",
        arg=count,
    )


def _search(page: Any, query: str) -> None:
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")


def _opened(page: Any, base: str, lang: str = "ar") -> None:
    page.set_default_timeout(20_000)
    page.goto(f"{base}{lang}/search/")
    page.wait_for_selector("[data-search][data-ready]")


class _FailOnce:
    """A route handler that aborts the first request whose address holds `part` (as a lost
    connection does), and lets every other through; `seen` counts those requests."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.seen = 0

    def __call__(self, route: Any) -> None:
        if self.part in route.request.url:
            self.seen += 1
            if self.seen == 1:
                route.abort("internetdisconnected")
                return
        route.continue_()


@pytest.mark.parametrize("lost", ["/2021-ar/index/", "/2021-ar/fragment/", "/map-ar/index/"])
def test_a_download_lost_once_is_said_and_the_next_search_fetches_it(
    site: str, page: Any, lost: str
) -> None:
    """Pagefind keeps a chunk that failed as loaded: before, the word's 2021 articles were
    missing from every later search (one result of four, or none) until a reload."""
    page.add_init_script(count_searches())
    failing = _FailOnce(lost)
    page.route("**/pagefind/**", failing)
    _opened(page, site)
    _search(page, WORD)
    _says_lost(page)
    assert failing.seen >= 1
    searched = page.evaluate("window.pagefindSearches")
    page.get_by_role("button", name=_strings(page)["retry"]).click()
    _shows_count(page, 1 + IN_2021)
    assert failing.seen >= 2  # fetched again
    assert page.evaluate("window.pagefindSearches") > searched  # in Pagefind's worker still
    _search(page, "باقية")  # and the next search finds the 2021 articles too
    _shows_count(page, IN_2021)


def test_a_page_of_results_lost_is_said_in_its_place_and_shown_back_online(
    site: str, page: Any
) -> None:
    """The first page stays, with its count; the message and its button take the place of
    "show more", where the reader is."""
    _opened(page, site)
    _search(page, WORD)
    _shows_count(page, 1 + IN_2021)
    strings = _strings(page)
    page.context.set_offline(True)
    more = page.locator(".search-results .more")
    more.get_by_role("button", name=strings["more"]).click()
    retry = more.get_by_role("button", name=strings["retry"])
    retry.wait_for()
    assert more.inner_text().strip() == f"{strings['lost']} {strings['retry']}"
    assert retry.evaluate("button => button === document.activeElement")
    assert page.locator(".search-result").count() == 20
    page.context.set_offline(False)
    page.wait_for_function(f"document.querySelectorAll('.search-result').length === {1 + IN_2021}")
    assert page.locator(".search-results .more").count() == 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_search_offline_says_so_and_runs_again_back_online(
    site: str, page: Any, lang: str
) -> None:
    _opened(page, site, lang)
    page.context.set_offline(True)
    _search(page, WORD if lang == "ar" else "coalition")
    _says_lost(page)
    assert _strings(page)["lost"] == LOST[lang]
    page.context.set_offline(False)  # no click: the page searches again
    _shows_count(page, 1 + IN_2021 if lang == "ar" else 1)


def test_searches_kept_are_shown_offline_and_parts_json_is_read_once(site: str, page: Any) -> None:
    """Every search read parts.json first (a round trip each on a phone's 3G), and offline
    Back to a search whose results were in memory showed "Searching…" forever."""
    read: list[str] = []

    def count(request: Any) -> None:
        if "parts.json" in request.url:
            read.append(request.url)

    page.on("request", count)
    _opened(page, site)
    _search(page, WORD)
    _shows_count(page, 1 + IN_2021)
    _search(page, "باقية")
    _shows_count(page, IN_2021)
    _search(page, WORD)
    _shows_count(page, 1 + IN_2021)
    assert len(read) == 1  # when the page opened
    page.context.set_offline(True)
    page.go_back()
    page.wait_for_function("document.querySelector('#search-input').value === 'باقية'")
    _shows_count(page, IN_2021)
    page.go_forward()
    _shows_count(page, 1 + IN_2021)


def test_a_shared_search_says_it_is_loading_while_the_index_opens(site: str, page: Any) -> None:
    """The box shows the address's query as soon as the page's script runs; the status said
    "type a word" while the index opened (3.7 s on a phone's 3G)."""
    held: list[Any] = []
    page.route("**/pagefind/parts.json", lambda route: held.append(route))
    page.set_default_timeout(20_000)
    page.goto(f"{site}ar/search/?q={quote(WORD)}", wait_until="commit")
    page.wait_for_function(f"document.querySelector('#search-input')?.value === {json.dumps(WORD)}")
    assert _status(page) == _strings(page)["opening"] == "جارٍ تحميل البحث…"
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    _shows_count(page, 1 + IN_2021)


def test_an_index_that_could_not_open_says_so_and_opens_again(site: str, page: Any) -> None:
    failing = _FailOnce("parts.json")
    page.route("**/pagefind/parts.json", failing)
    page.set_default_timeout(20_000)
    page.goto(f"{site}ar/search/?q={quote(WORD)}")
    _says_lost(page)
    with page.expect_navigation():
        page.get_by_role("button", name=_strings(page)["retry"]).click()
    _shows_count(page, 1 + IN_2021)
