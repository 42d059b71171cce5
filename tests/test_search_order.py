"""Search results in the order a reader expects, in Chromium with Pagefind, on the archive
of test_search_precision.py: relevance by default (the query as written above a variant,
an entity named often or in the title above a passing mention), the date sort one click away
and kept in the address, the words marked as each article writes them, the date and source
as the article shows them."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .test_search_precision import Article, _listed
from .test_search_precision import archive as archive  # a fixture: the same archive, built here
from .webtools import listed_paths

pytestmark = pytest.mark.browser


def _ranked(page, base: str, query: str, extra: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    return listed_paths(page, f"{base}ar/search/?q={quote(query)}{extra}")


@pytest.mark.parametrize(
    ("query", "first", "then"),
    [
        # As written (ترمب) above a registry variant (the demo writes ترامب).
        ("ترمب", "/ar/2022/04/meeting/", DEMO_URL := "/ar/2020/11/coalition-us-forces-syria-iraq/"),
        # And the other way round.
        ("ترامب", DEMO_URL, "/ar/2022/04/meeting/"),
        # In the title and three times above a passing mention in a longer text.
        ("الانتخابات", "/ar/2022/01/elections/", "/ar/2022/02/weather/"),
        # The word as typed (with its article) above its bare stem only: the museum writes
        # وبالقطار and القطارات, the train article قطار.
        ("قطار", "/ar/2021/03/train-camp/", "/ar/2021/09/museum/"),
        # The query as written above a variant however often the variant is named: the
        # parade holds القوات once in a long text, the withdrawal only قوات (which Pagefind's
        # stemmer does not join with القوات), in its title and three times in its text.
        ("القوات", "/ar/2022/07/parade/", "/ar/2022/06/withdrawal/"),
        # The spelling typed above another spelling of the same key: the clinic writes
        # مستشفى, the hospital article only مستشفي.
        ("مستشفى", "/ar/2022/08/clinic/", "/ar/2022/03/hospital/"),
        ("مستشفي", "/ar/2022/03/hospital/", "/ar/2022/08/clinic/"),
    ],
)
def test_relevance_is_the_default_order(
    archive: tuple[str, list[Article]], page, query: str, first: str, then: str
) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    listed = _ranked(page, base, query)
    assert listed.index(first) < listed.index(then), listed


def test_date_sort_is_one_click_away_and_kept_in_the_url(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    elections, weather = "/ar/2022/01/elections/", "/ar/2022/02/weather/"
    assert _ranked(page, base, "الانتخابات") == [elections, weather]
    assert "sort=" not in page.url
    page.get_by_label("الأحدث أولًا").check()
    page.wait_for_function("location.search.includes('sort=newest')")
    page.wait_for_function(
        "document.querySelector('.search-result h2 a')?.href.includes('/2022/02/')"
    )
    shared = page.url
    assert _ranked(page, shared.split("ar/search/")[0], "الانتخابات", "&sort=newest") == [
        weather,
        elections,
    ]
    page.goto(shared)
    page.wait_for_selector("[data-search][data-ready]")
    assert page.get_by_label("الأحدث أولًا").is_checked()
    page.get_by_label("الأقدم أولًا").check()
    page.wait_for_function("location.search.includes('sort=oldest')")


def test_a_registry_spelling_is_marked_beside_a_word_as_written(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    """The meeting writes البيت as typed and ترمب where the query has ترامب: both marked."""
    base, _ = archive
    page.set_default_timeout(10_000)
    assert _listed(page, base, "البيت ترامب") == ["/ar/2022/04/meeting/"]
    marks = page.locator(".search-result .excerpt mark").all_inner_texts()
    assert {"البيت", "ترمب"} <= set(marks), marks


def test_titles_highlight_the_query_as_written(archive: tuple[str, list[Article]], page) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    _listed(page, base, "الانتخابات")
    titles = page.locator(".search-result h2 mark").all_inner_texts()
    assert titles == ["الانتخابات"]  # the elections' title; the weather's does not hold it


def test_results_show_the_date_and_source_the_article_shows(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    _listed(page, base, "عرضا")
    shown = page.locator(".search-result .meta")
    assert shown.locator("time").inner_text() == "14 تموز/يوليو 2022"
    assert shown.locator("time").get_attribute("datetime") == "2022-07-14"
    assert shown.locator(".source").inner_text() == "وكالة الأنباء المستقلة"
    page.goto(f"{base}en/search/?q=coalition")  # the demo's English page, dated by month
    page.wait_for_selector("[data-search][data-ready]")
    shown = page.locator(".search-result .meta")
    assert shown.locator("time").inner_text() == "November 2020"
    assert shown.locator(".source").inner_text() == "Shafaq News"
