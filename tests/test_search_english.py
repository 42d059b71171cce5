"""English search as a reader types it, in Chromium with Pagefind: a Latin word written with
an apostrophe (O'Brien, a possessive) or an abbreviation (U.N.) is one word, found and
marked whole, and a hyphenated name (F-16, S-400, MQ-9) is found and marked whole; an entity's
English name as the registry writes it finds a translation writing it shorter
(docs/search.md). An Arabic name typed there is led to the Arabic search too."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, quote_plus

import pytest

from newsarchive.content.gloss import fingerprint

from .conftest import DEMO_ARTICLE, REPO
from .webtools import demo_site_with

pytestmark = pytest.mark.browser


def _gloss() -> str:
    """An English gloss of the demo article with its first paragraph translated."""
    text = (REPO / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
    first = text.split("---\n", 2)[2].strip().split("\n\n")[0]
    return (
        '---\ntitle: "Coalition: the move to Iraq is routine"\n---\n'
        f"<!-- gloss p1 {fingerprint(first)} -->\n"
        "The coalition's spokesman, Colonel Sean O'Brien, told the U.N. on Tuesday that the movement "
        "of American forces to Iraq was routine, as Christopher Miller had said of the "
        "70,000 people of al-Hasakah. F-16 jets, an S-400 battery and MQ-9 drones were seen.\n"
    )


# An article naming Iraq in its Arabic title, its English page translated but for its title:
# the English search record names it "English title pending" and the Arabic title.
DELEGATION = "2021/01/iraq-delegation"
DELEGATION_AR = "قال مسؤول إن وفدا من العراق وصل إلى دمشق."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        f"content/en/{DEMO_ARTICLE.removeprefix('ar/')}": _gloss(),
        f"content/ar/{DELEGATION}.md": (
            f'---\ntitle: "وفد من العراق يزور دمشق"\ndate: "2021-01-10"\n---\n{DELEGATION_AR}\n'
        ),
        f"content/en/{DELEGATION}.md": (
            f"---\n---\n<!-- gloss p1 {fingerprint(DELEGATION_AR)} -->\n"
            "An official said a delegation arrived in Damascus.\n"
        ),
    }
    with demo_site_with(tmp_path_factory.mktemp("english"), files) as base:
        yield base


def _marks(page, base: str, query: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The words marked in each listed result."""
    page.goto(f"{base}en/search/?q={quote(query)}")
    page.wait_for_selector("[data-search][data-ready]")
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        ".search-result",
        "items => items.map((i) => [...i.querySelectorAll('mark')].map((m) => m.textContent))",
    )


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("O'Brien", {"O'Brien"}),
        ("O\u2019Brien", {"O'Brien"}),
        ("OBrien", {"O'Brien"}),
        ("coalition's", {"coalition's"}),
        ("Sean O'Brien", {"Sean", "O'Brien"}),
        ('"Sean O\'Brien"', {"Sean", "O'Brien"}),  # a phrase
        # An abbreviation is one word too, as Pagefind indexes it (un).
        ("U.N.", {"U.N."}),
        ("UN", {"U.N."}),
        # Words joined by a comma or a hyphen are marked as one.
        ("70,000", {"70,000"}),
        ("al-Hasakah", {"al-Hasakah"}),
    ],
)
def test_a_word_written_with_an_apostrophe_is_found_and_marked_whole(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    marked: set[str],
) -> None:
    results = _marks(page, site, query)
    assert len(results) == 1, query
    assert set(results[0]) == marked


@pytest.mark.parametrize(
    ("query", "marked"),
    [("F-16", "F-16"), ("S-400", "S-400"), ("MQ-9", "MQ-9"), ("F16", "F-16"), ("s400", "S-400")],
)
def test_a_hyphenated_name_is_found_as_written_and_marked_whole(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    marked: str,
) -> None:
    """`F-16` is the words f and 16 to the page, and Pagefind indexes F-16 as f16 and 16 but
    no part of one letter: the English record carries f, s and 9 (an Arabic record's key
    copy holds them anyway), so the token as written finds the translation, marked whole."""
    assert _marks(page, site, query) == [[marked]]


def test_the_registry_english_name_finds_a_translation_without_its_initial(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """`Christopher C. Miller`, as the entity's page names him, finds the translation that
    writes `Christopher Miller`, marked; the C. no text writes is no obstacle."""
    results = _marks(page, site, "Christopher C. Miller")
    assert len(results) == 1
    assert set(results[0]) == {"Christopher", "Miller"}


def test_a_name_found_by_another_word_marks_none_of_its_short_words(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """`Defeat`, of Global Coalition to Defeat ISIS, finds the translation writing the
    coalition's: the title's Coalition and that are marked, the `to` of both is not."""
    assert _marks(page, site, "Defeat") == [["Coalition", "coalition's"]]


def test_a_search_finding_nothing_says_what_english_search_covers(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """An English reader whose word is in no translation was told "No results", as if the
    archive had nothing on it; most of it is not translated yet. The message now says that
    only translated paragraphs are searched in English, and where the rest is found."""
    page.goto(f"{site}en/search/?q=zzqxv")
    page.wait_for_selector("[data-search][data-ready]")
    said = page.locator(".search-status").inner_text()
    assert said.startswith("No results"), said
    assert "translated paragraphs" in said and "searching in Arabic" in said, said


def test_an_arabic_name_is_led_to_the_arabic_search_though_a_title_holds_it(
    site: str,
    page,  # type: ignore[no-untyped-def]
) -> None:
    """`العراق` typed on the English page found the one translation whose title is still the
    Arabic one, and said "1 result" under "Entity page: Iraq — 2 articles", with no way to the
    Arabic articles, which the page offers only where it finds nothing: it now offers the
    Arabic search for the query all the same."""
    page.goto(f"{site}en/search/?q={quote('العراق')}")
    page.wait_for_selector("[data-search][data-ready]")
    assert page.locator(".search-status").inner_text() == "1 result"
    lines = page.eval_on_selector_all(
        ".entity-pages a", "as => as.map((a) => [a.innerText, a.getAttribute('href')])"
    )
    assert lines == [
        ["Entity page: Iraq — 2 articles", "/en/entities/iraq/"],
        ["Search the Arabic articles for «العراق»", f"/ar/search/?q={quote_plus('العراق')}"],
    ]
