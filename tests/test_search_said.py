"""What a screen reader hears of the search page, and what Back returns to, in Chromium with
Pagefind: the results follow each keystroke, but the live region says a search's outcome
once, when the reader has settled (typing paused, Enter), never "Searching…" nor a "no
results" for a name half typed; arrowing through a filter's menu is one history entry; a
"show more" says nothing again, and one lost offline is told by its retry button; a search
from the header is read once, as its count takes the focus; "Clear filters" is no Tab stop
before a filter is chosen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

SETTLED_MS = 1000  # settling.js: typing paused this long has settled
WORD = "القافلة"  # in CONVOYS articles: three pages of results
CONVOYS = 45
YEARS = ["2023", "2022", "2021"]  # the convoys' years, as the year menu lists them
# A name typed key by key, and its count: the demo article's writer.
NAME = {"ar": ("كيفن كوبسي", "نتيجة واحدة"), "en": ("Kevin Copsey", "1 result")}

# Records, from the page's start, each text the live region ([role=status]) takes (window.said: [text, time])
# and each the status shown takes (window.shown), and the time of the last key (lastKey).
RECORD = """
window.said = []; window.shown = []; window.lastKey = 0;
// A key's press, or its letter typed (Arabic letters are typed without a key event).
for (const type of ["keydown", "input"]) {
  document.addEventListener(type, () => { window.lastKey = performance.now(); }, true);
}
document.addEventListener("DOMContentLoaded", () => {
  const region = document.querySelector("[role=status]");
  const status = document.querySelector(".search-status");
  if (!region) return;
  const watch = { childList: true, characterData: true, subtree: true };
  new MutationObserver(() => {
    const text = region.textContent.trim();
    if (text) window.said.push([text, performance.now()]);
  }).observe(region, watch);
  new MutationObserver(() => {
    window.shown.push([status.textContent.trim(), performance.now()]);
  }).observe(status, watch);
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo and CONVOYS articles naming the convoy, over YEARS."""
    files = {}
    for n in range(CONVOYS):
        year, month = YEARS[n % 3], 1 + n % 12
        files[f"content/ar/{year}/{month:02d}/convoy-{n}.md"] = (
            f'---\ntitle: "قافلة المساعدات رقم {n}"\ndate: "{year}-{month:02d}-{1 + n % 28:02d}"\n'
            f"---\nوصلت القافلة رقم {n} إلى المعبر.\n"
        )
    with demo_site_with(tmp_path_factory.mktemp("said"), files) as base:
        yield base


@pytest.fixture
def recorded(page: Any) -> Any:
    page.add_init_script(RECORD)
    page.set_default_timeout(20_000)
    return page


def _said(page: Any) -> list[str]:
    return [text for text, _ in page.evaluate("window.said")]


def _strings(page: Any) -> dict[str, Any]:
    return json.loads(page.locator(".search-strings").text_content())  # type: ignore[no-any-return]


def _settles(page: Any, count: int) -> list[str]:
    """Waits for `count` announcements, then for a second and a half more (nothing more
    should come): all that was said."""
    page.wait_for_function(f"window.said.length >= {count}")
    page.wait_for_timeout(SETTLED_MS + 500)
    return _said(page)


def _opened(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    page.wait_for_function("window.said.length > 0")  # the shared search's count
    page.evaluate("window.said = []")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_typing_a_name_says_its_count_once_when_typing_pauses(
    site: str, recorded: Any, lang: str
) -> None:
    """At 300 ms a key the page said 15 things for 10 keys: "Searching…" and a count at each
    pause, five of them "no results" for the name half typed."""
    page = recorded
    name, count = NAME[lang]
    page.goto(f"{site}{lang}/search/")
    page.wait_for_selector("[data-search][data-ready]")
    page.locator("#search-input").press_sequentially(name, delay=300)
    said = _settles(page, 1)
    assert said == [count]
    [(_, at)] = page.evaluate("window.said")
    last_key = page.evaluate("window.lastKey")
    assert last_key > 0
    assert at - last_key >= SETTLED_MS - 50  # not before typing paused
    # The results followed the typing all the while: counts shown before the last key.
    strings = _strings(page)
    shown = [text for text, when in page.evaluate("window.shown") if when < last_key]
    assert [text for text in shown if text not in (strings["loading"], strings["hint"])], shown
    assert page.locator(".search-status").inner_text() == count
    assert page.locator(".search-result").count() == 1


def test_enter_says_the_count_at_once_and_once(site: str, recorded: Any) -> None:
    page = recorded
    _opened(page, f"{site}ar/search/?q={quote(WORD)}")  # its parts of the index downloaded
    box = page.locator("#search-input")
    box.fill("")
    box.press_sequentially(WORD, delay=50)
    box.press("Enter")
    count = "45 نتيجة"
    page.wait_for_function("window.said.length > 0")
    [(_, at)] = page.evaluate("window.said")
    assert at - page.evaluate("window.lastKey") < SETTLED_MS  # not kept for the pause
    assert _settles(page, 1) == [count]  # not again as the pause comes
    box.press("Enter")  # the same search asked again: said again
    assert _settles(page, 2) == [count, count]


def test_arrowing_through_a_filter_menu_is_one_history_entry_and_one_count(
    site: str, recorded: Any
) -> None:
    """Each ArrowDown in a menu changes it: each searched and pushed an entry (four Backs for
    four steps) and said "Searching…" and its count."""
    page = recorded
    _opened(page, f"{site}ar/search/?q={quote(WORD)}")
    clear = page.locator(".clear-filters")
    assert clear.is_hidden()  # nothing to clear: no Tab stop
    page.locator(".show-filters").click()
    menu = page.locator("select[name=year]")
    menu.focus()
    entries = page.evaluate("history.length")
    for _ in range(3):  # All → 2023 → 2022 → 2021
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(200)
    page.wait_for_function("new URLSearchParams(location.search).get('year') === '2021'")
    assert _settles(page, 1) == ["15 نتيجة، مصفّاة حسب 2021"]
    assert page.evaluate("history.length") == entries + 1
    assert page.locator(".search-result").count() == 15  # searched, and shown

    assert clear.is_visible()  # a filter chosen: the button clears it
    clear.click()
    assert page.evaluate("document.activeElement.matches('.filter-list select')")  # not lost
    assert clear.is_hidden()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 20")
    page.go_back()  # one Back: the year the reader settled on
    page.wait_for_function("document.querySelector('select[name=year]').value === '2021'")
    page.go_back()  # and one more: the search before the menu was touched
    page.wait_for_function(f"location.search === '?q={quote(WORD)}'")
    page.wait_for_function("document.querySelector('select[name=year]').value === ''")


def test_a_menu_left_has_settled_before_the_pause(site: str, recorded: Any) -> None:
    """Tab from one menu to the next and a step in each: two choices, two entries."""
    page = recorded
    _opened(page, f"{site}ar/search/?q={quote(WORD)}")
    page.locator(".show-filters").click()
    page.locator("select[name=year]").focus()
    entries = page.evaluate("history.length")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # the next menu
    page.keyboard.press("ArrowDown")
    page.wait_for_function("[...new URLSearchParams(location.search).keys()].length === 3")
    query = parse_qs(urlsplit(page.url).query)
    assert query["year"] == ["2023"] and len(query) == 3, query
    assert page.evaluate("history.length") == entries + 2


def test_show_more_says_nothing_and_offline_its_retry_is_described(
    site: str, recorded: Any
) -> None:
    """A "show more" said the unchanged count again; offline, the focus went to "Try again"
    with the message beside it unread."""
    page = recorded
    _opened(page, f"{site}ar/search/?q={quote(WORD)}")
    strings = _strings(page)
    more = page.locator(".search-results .more")
    more.get_by_role("button", name=strings["more"]).click()
    page.wait_for_selector(".search-result >> nth=39")
    page.wait_for_timeout(SETTLED_MS + 500)
    assert _said(page) == []  # the count is as it was
    page.context.set_offline(True)
    more.get_by_role("button", name=strings["more"]).click()
    retry = more.get_by_role("button", name=strings["retry"])
    retry.wait_for()
    assert retry.evaluate("button => button === document.activeElement")
    described = retry.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == strings["lost"]
    assert _said(page) == []  # read once, with the button
    page.context.set_offline(False)
    page.wait_for_function(f"document.querySelectorAll('.search-result').length === {CONVOYS}")


def test_a_search_offline_is_said_at_once(site: str, recorded: Any) -> None:
    page = recorded
    page.goto(f"{site}ar/search/")
    page.wait_for_selector("[data-search][data-ready]")
    page.context.set_offline(True)
    page.locator("#search-input").press_sequentially(WORD, delay=50)
    lost = _strings(page)["lost"]
    page.wait_for_function("window.said.length > 0")
    [(text, at)] = page.evaluate("window.said")
    assert text == lost
    assert at - page.evaluate("window.lastKey") < SETTLED_MS  # not kept for the pause
    retry = page.get_by_role("button", name=_strings(page)["retry"])
    assert page.locator(f"#{retry.get_attribute('aria-describedby')}").inner_text() == lost


def test_a_search_from_the_header_is_read_once_as_its_count_takes_the_focus(
    site: str, recorded: Any
) -> None:
    """The count was said by the live region, then read again as it took the focus."""
    page = recorded
    page.goto(f"{site}ar/")
    page.locator(".site-header input[type=search]").fill(WORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ar/search/**")
    page.wait_for_function("document.activeElement.classList.contains('search-status')")
    assert page.locator(".search-status").inner_text() == "45 نتيجة"
    page.wait_for_timeout(SETTLED_MS + 500)
    assert _said(page) == []
