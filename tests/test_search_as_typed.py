"""Articles holding the query as typed come first, and a first page that they fill
is shown before the variants are looked up, and without ranking the articles that hold only
a variant, in Chromium with Pagefind."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import count_searches, demo_site_with, listed_paths

pytestmark = pytest.mark.browser

VARIANT_ONLY = "/ar/2022/12/troops/"
# Marks in window.searchedTerms (webtools.count_searches) each result's data asked of
# Pagefind's worker: the first page's excerpts and titles.
LOG_DATA = """
const postData = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.method === "getData") window.searchedTerms.push("<data>");
  return postData.call(this, message, ...rest);
};
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo (it writes القوات), 21 articles writing القوات, and one writing only قوات,
    which Pagefind's stemmer does not join with القوات."""
    files = {
        f"content/ar/2022/{1 + n % 11:02d}/forces-{n}.md": (
            f'---\ntitle: "خبر رقم {n}"\ndate: "2022-{1 + n % 11:02d}-05"\n---\n'
            f"وصلت القوات إلى المدينة رقم {n} صباح اليوم.\n"
        )
        for n in range(21)
    }
    files["content/ar/2022/12/troops.md"] = (
        '---\ntitle: "انتشار قوات"\ndate: "2022-12-05"\n---\n'
        "انتشرت قوات في المدينة، وقال شهود إن قوات أخرى في الطريق، وإن قوات ستبقى.\n"
    )
    with demo_site_with(tmp_path_factory.mktemp("as-typed"), files) as base:
        yield base


def _listed(page) -> list[str]:  # type: ignore[no-untyped-def]
    return listed_paths(page)


def test_the_variant_is_ranked_only_when_a_page_reaches_it(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(count_searches())  # and the terms, in window.searchedTerms
    page.goto(f"{site}ar/search/?q={quote('القوات')}")
    page.wait_for_selector("[data-search][data-ready]")
    assert page.locator(".search-status").inner_text() == "23 نتيجة"
    first = _listed(page)
    assert len(first) == 20 and VARIANT_ONLY not in first  # 22 articles hold القوات
    terms = page.evaluate("window.searchedTerms")
    assert '"قوات"' in terms  # the variant looked up, for the count
    assert "قوات" not in terms  # but not ranked: the first page needs none of its articles
    page.locator(".search-results .more button").click()
    page.wait_for_selector(".search-result >> nth=22")
    assert _listed(page)[-1] == VARIANT_ONLY  # after every article holding the word as typed
    assert "قوات" in page.evaluate("window.searchedTerms")


def test_the_first_page_comes_before_the_variant_is_looked_up(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(count_searches())
    page.add_init_script(LOG_DATA)
    page.goto(f"{site}ar/search/?q={quote('القوات')}")
    page.wait_for_selector("[data-search][data-ready]")
    assert page.locator(".search-status").inner_text() == "23 نتيجة"
    terms = page.evaluate("window.searchedTerms")
    # Neither the word map nor any part was asked for the variant before the first page's
    # twenty results were read: the count asked for it after.
    variant = terms.index('"قوات"')
    assert terms[:variant].count("<data>") == 20, terms


def test_a_double_click_on_more_results_shows_the_next_page_once(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}ar/search/?q={quote('القوات')}")
    page.wait_for_selector("[data-search][data-ready]")
    page.wait_for_selector(".search-results .more button")
    page.locator(".search-results .more button").dblclick()
    page.wait_for_selector(".search-result >> nth=22")
    page.wait_for_timeout(500)  # a second load, if the button started one, would be in by now
    listed = _listed(page)
    assert len(listed) == 23 and len(set(listed)) == 23


def test_more_results_by_keyboard_moves_the_focus_to_the_first_new_result(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """The button goes once pressed: the focus moves on to the first result it brought,
    rather than falling back to the top of the page."""
    page.goto(f"{site}ar/search/?q={quote('القوات')}")
    page.wait_for_selector("[data-search][data-ready]")
    page.locator(".search-results .more button").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-result >> nth=20")
    focused = page.evaluate("document.activeElement.closest('.search-result') !== null")
    assert focused, page.evaluate("document.activeElement.outerHTML")
    assert (
        page.evaluate(
            "[...document.querySelectorAll('.search-result h2 a')].indexOf(document.activeElement)"
        )
        == 20
    )


def test_the_language_switch_keeps_the_search_before_the_index_opens(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """A reader who switches language while the index is still loading (or never loads)
    keeps the query, its sort and its year."""
    page.route("**/pagefind/**", lambda route: None)  # the index never arrives
    page.goto(f"{site}ar/search/?q={quote('القوات')}&sort=oldest&year=2022&person=x")
    link = page.locator(".lang-switch")
    page.wait_for_function("document.querySelector('.lang-switch').href.includes('q=')")
    href = link.get_attribute("href") or ""
    assert href.endswith(f"en/search/?q={quote('القوات')}&year=2022&sort=oldest"), href
