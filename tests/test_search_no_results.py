"""A search that finds nothing says what to try (docs/search.md, "What readers can do"): the
tips that fit it (removing a filter, the search without its quotation marks, fewer words),
then another word and the ways to every article without a search; in Chromium."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .conftest import REPO
from .webtools import demo_site_with, listed_paths

pytestmark = pytest.mark.browser

STRINGS = tomllib.loads((REPO / "templates/strings.toml").read_text(encoding="utf-8"))
TIPS = ".search-results .no-results li"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    vote = (
        '---\ntitle: "تأجيل الانتخابات في كردستان"\ndate: "2022-09-08"\n---\n'
        "صوت برلمان إقليم كردستان على تأجيل الانتخابات التي كانت مقررة في أكتوبر.\n"
    )
    files = {"content/ar/2022/09/kurdistan-vote.md": vote}
    with demo_site_with(tmp_path_factory.mktemp("noresults"), files) as base:
        yield base


def tips(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The tips a search page shows under its results, after opening `url`."""
    assert listed_paths(page, url) == []
    return page.locator(TIPS).all_inner_texts()


@pytest.mark.parametrize(
    ("query", "extra", "fitting"),
    [
        ("كردستان بغداد", "", ["no_results_words"]),  # each word found, never together
        ('"الانتخابات كردستان"', "", ["no_results_phrase"]),  # the words, not in this order
        ("الانتخابات", "&year=2020", ["no_results_filters"]),
        ("الانتخابات البيشمركة", "&year=2020", ["no_results_filters", "no_results_words"]),
        ("و", "", []),
    ],
)
def test_a_search_that_finds_nothing_says_what_to_try(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    extra: str,
    fitting: list[str],
) -> None:
    ar = STRINGS["ar"]
    shown = tips(page, f"{site}ar/search/?q={quote(query)}{extra}")
    assert page.inner_text(".search-status").startswith(ar["results_zero"])
    expected = [ar[key] for key in [*fitting, "no_results_spelling"]]
    assert shown[: len(expected)] == expected
    # Then the ways to every article without a search, through the site's own links.
    ways = page.locator(f"{TIPS} a")
    assert ways.all_inner_texts() == [ar["search_noscript_years"], ar["search_noscript_entities"]]
    ways.nth(1).click()
    page.wait_for_url(f"{site}ar/entities/**")


def test_the_english_page_says_it_too(site: str, page) -> None:  # type: ignore[no-untyped-def]
    en = STRINGS["en"]
    shown = tips(page, f"{site}en/search/?q={quote('coalition zzzz')}")
    assert shown[:2] == [en["no_results_words"], en["no_results_spelling"]]


def test_the_tips_go_with_the_next_search_that_finds(site: str, page) -> None:  # type: ignore[no-untyped-def]
    assert tips(page, f"{site}ar/search/?q={quote('كردستان بغداد')}")
    page.fill("#search-input", "كردستان")
    page.wait_for_function(
        "document.querySelectorAll('.search-results .search-result').length === 1"
    )
    assert page.locator(".search-results .no-results").count() == 0
