"""Listing a part's pages without a query word (a date sort, filters alone) looks up the word
of every page, so the search page downloads one index chunk of each part, not all of them
(Pagefind's search without a word); and a reader who types that word finds nothing."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from newsarchive.assembly.searchtext import EVERY_PAGE
from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import count_searches, serve_folder

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
YEARS = (2021, 2022, 2023)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo (its English page glossed) and two years of articles full of made-up words:
    each of these years' parts has many index chunks."""
    root = tmp_path_factory.mktemp("every-page")
    shutil.copytree(REPO / "content", root / "content")
    made_up = random.Random(7)
    for year in YEARS:
        for n in range(12):
            text = " ".join("".join(made_up.choice(LETTERS) for _ in range(6)) for _ in range(1500))
            write(
                root,
                f"content/ar/{year}/{n % 12 + 1:02d}/story-{n}.md",
                f'---\ntitle: "خبر {n} من سنة {year}"\ndate: "{year}-{n % 12 + 1:02d}-10"\n'
                f"---\nخبر عن البصرة. {text}\n",
            )
    build(root, root / "site", "http://127.0.0.1/")
    for year in YEARS:  # what the test is about: parts of several chunks
        assert len(list((root / f"site/pagefind/{year}-ar/index").iterdir())) > 3
    with serve_folder(root / "site") as base:
        yield base


def _listed(
    page, base: str, params: dict[str, str], lang: str = "ar"
) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The titles listed for a search, and the index chunks of the parts it downloaded."""
    chunks: list[str] = []
    page.on("request", lambda request: chunks.append(request.url))
    page.goto(f"{base}{lang}/search/?{urlencode(params)}")
    page.wait_for_selector("[data-search][data-ready]", timeout=20_000)
    titles = page.locator(".search-result h2").all_inner_texts()
    return titles, [url for url in chunks if re.search(r"/pagefind/\d{4}-ar/index/", url)]


@pytest.mark.browser
@pytest.mark.parametrize(
    "params", [{"year": "2022"}, {"q": "البصرة", "sort": "newest"}], ids=["filter", "date sort"]
)
def test_listing_without_a_word_downloads_one_chunk_a_part(site: str, page, params) -> None:  # type: ignore[no-untyped-def]
    titles, chunks = _listed(page, site, params)
    years = [int(re.search(r"\d{4}$", title).group()) for title in titles]  # type: ignore[union-attr]
    assert years == sorted(years, reverse=True)  # newest first
    assert len(titles) == (12 if "year" in params else 20)  # a year's articles; a first page
    if "year" in params:
        assert set(years) == {2022}
    # The word of every page, and with a query the chunks of its readings (البصرة, بصرة).
    per_part = Counter(re.search(r"/pagefind/([^/]+)/", url).group(1) for url in chunks)  # type: ignore[union-attr]
    assert max(per_part.values()) <= (1 if "year" in params else 3), chunks


@pytest.mark.browser
def test_a_date_sort_lists_only_the_parts_its_page_shows(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(count_searches(f'"{EVERY_PAGE}"'))
    # A year alone: a search in each of the four parts counts its articles, one more lists
    # the year's part.
    assert len(_listed(page, site, {"year": "2022"})[0]) == 12
    assert page.evaluate("window.pagefindSearches") == 4 + 1
    # The first 20 of 36, newest first: 2023's twelve and eight of 2022's; 2021 waits.
    titles, _ = _listed(page, site, {"q": "البصرة", "sort": "newest"})
    assert page.evaluate("window.pagefindSearches") == 2
    page.locator(".search-results .more button").click()
    page.wait_for_selector(".search-result >> nth=35")
    titles = page.locator(".search-result h2").all_inner_texts()
    years = [int(title.rsplit(" ", 1)[1]) for title in titles]
    assert years == [2023] * 12 + [2022] * 12 + [2021] * 12
    assert page.evaluate("window.pagefindSearches") == 3
    assert page.locator(".search-status").inner_text() == "36 نتيجة"


@pytest.mark.browser
def test_english_pages_carry_the_word_too(site: str, page) -> None:  # type: ignore[no-untyped-def]
    titles, _ = _listed(page, site, {"year": "2020"}, lang="en")
    assert titles == ["International coalition: US forces' move from Syria towards Iraq is routine"]


@pytest.mark.browser
def test_the_word_of_every_page_finds_nothing(site: str, page) -> None:  # type: ignore[no-untyped-def]
    titles, _ = _listed(page, site, {"q": EVERY_PAGE})
    assert titles == []
    assert page.locator(".search-status").inner_text() == "لا توجد نتائج"


def test_the_search_page_looks_up_the_word_the_pages_carry() -> None:
    script = (REPO / "templates/static/js/parts.js").read_text(encoding="utf-8")
    assert f'const EVERY_PAGE = "{EVERY_PAGE}";' in script


@pytest.mark.browser
def test_parts_opened_all_at_once_search_right(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """A year's filter alone opens every part's Pagefind instance at once, before any other
    search has set up Pagefind's WebAssembly in the page's worker. (Instances made before it
    was set up each made one of their own: "memory access out of bounds", and the search
    never ended, in about one page in five at 20,000 articles.)"""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    for _ in range(8):  # a race: eight pages, eight chances to lose it
        for year in YEARS:
            titles, _ = _listed(page, site, {"year": str(year)})
            assert len(titles) == 12
    assert errors == []


@pytest.mark.browser
def test_the_filters_lists_load_while_searches_run_and_spoil_none(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """The filters' lists load while the page searches: every search still lists what it
    lists alone, and the lists are complete. (Loaded by a second Pagefind instance in the
    page's worker, they corrupted the memory of the one searching: "memory access out of
    bounds", and no search worked after it.)"""
    for _ in range(3):  # a race: three pages, three chances to lose it
        _count_while_the_lists_load(site, page)


def _count_while_the_lists_load(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}ar/")  # a page without a search form: no index is open
    found = page.evaluate(
        """async ([base, words]) => {
          const parts = await import(`${base}static/js/parts.js`);
          const count = async (opened, word) => (await parts.searchParts(opened, word, {}, "relevance")).count();
          const opened = await parts.openIndex(`${base}pagefind/`, "ar", base);
          const values = parts.filterValues(opened);
          const together = await Promise.all(words.map((word) => count(opened, word)));
          const lists = await values;
          const alone = [];
          for (const word of words) alone.push(await count(opened, word));
          return { together, alone, years: [...lists.year].sort() };
        }""",
        [site, ["البصرة", "خبر", "سنة", "التحالف", "سوريا", "العراق", "الأمريكية"]],
    )
    assert found["together"] == found["alone"]
    assert found["alone"][0] == 36  # every made-up article names البصرة
    assert found["years"] == ["2020", "2021", "2022", "2023"]
