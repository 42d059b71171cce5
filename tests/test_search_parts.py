"""Search index parts: a bundle per year (or month) and language, which pages go where, how
builds, edits and failures replace them, and the search page merging them (real Pagefind)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from newsarchive.build import pagefindrun, searchindex, searchparts
from newsarchive.build.engine import build
from newsarchive.build.output import measure
from newsarchive.build.searchindex import index_parts, index_site
from newsarchive.build.searchparts import SPLIT_FROM, parts_to_index
from newsarchive.core import urls
from newsarchive.core.diagnostics import BuildFailed

from .conftest import snapshot, write

ARTICLE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"


def _built(project: Path, search: bool = True) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=search)
    return project / "site"


def test_build_indexes_into_the_published_site(project: Path) -> None:
    site = _built(project, search=True)
    assert (site / "pagefind" / "2020-ar" / "pagefind.js").is_file()
    assert list((site / "pagefind" / "2020-ar").glob("pagefind.ar_*.pf_meta"))
    assert list((site / "pagefind" / "2020-en").glob("pagefind.en_*.pf_meta"))
    manifest = _manifest(site)
    assert manifest["parts"] == [
        {"name": "2020-en", "languages": ["en"], "pages": 1},
        {"name": "2020-ar", "languages": ["ar"], "pages": 1},
    ]
    # The word map of each language names its one part (tests/test_search_map.py).
    assert {lang: list(ids.values()) for lang, ids in manifest["maps"].items()} == {
        "ar": ["2020-ar"],
        "en": ["2020-en"],
    }


@pytest.mark.parametrize(
    ("page", "part"),
    [
        ("ar/2020/11/coalition-us-forces-syria-iraq/index.html", "2020-ar"),
        ("en/2020/11/coalition-us-forces-syria-iraq/", "2020-en"),
        ("ar/2019/year-only-story/index.html", "2019-ar"),
        ("ar/2020/42/index.html", "2020-ar"),  # a year-only article whose slug is a number
        ("ar/2020/index.html", None),  # the year's, the month's lists and their pages
        ("ar/2020/page/2/index.html", None),
        ("ar/2020/11/index.html", None),
        ("en/2020/11/page/3/", None),
        ("ar/entities/syria/index.html", None),
        ("en/search/index.html", None),
        ("index.html", None),
    ],
)
def test_part_of_a_page_is_its_year_and_language(
    page: str, part: str | None, tmp_path: Path
) -> None:
    record = urls.search_record(page)
    assert parts_to_index(tmp_path, [record]) == ({part} if part else set())
    if part is None:
        return
    # A year with more article pages than SPLIT_FROM in the language is indexed month by
    # month: the page is in its month's part (00: dated to the year only).
    lang, year = page.split("/")[:2]
    for n in range(SPLIT_FROM + 1):
        (tmp_path / urls.SEARCH_RECORDS / lang / year / f"story-{n}").mkdir(parents=True)
    by_month = part.replace("-", "-11-" if "/11/" in page else "-00-", 1)
    assert parts_to_index(tmp_path, [record]) == {by_month}


def _article(year: str, slug: str) -> str:
    return f"content/ar/{year}/01/{slug}.md"


def _add(project: Path, year: str, slug: str, text: str = "خبر عن العراق") -> None:
    body = f'---\ntitle: "{slug}"\ndate: "{year}-01-05"\n---\n{text}\n'
    write(project, _article(year, slug), body)


def _manifest(site: Path) -> object:
    return json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))


def _urls(part: Path) -> set[str]:
    """The page URLs a part's bundle holds (from its fragments)."""
    import gzip

    return {
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        for f in (part / "fragment").iterdir()
    }


def test_one_bundle_per_year_and_language_newest_first_without_pagefinds_own_ui(
    project: Path,
) -> None:
    _add(project, "2019", "older-story")
    write(project, "content/ar/2019/year-only.md", '---\ntitle: "t"\ndate: "2019"\n---\nنص\n')
    _add(project, "2021", "newer-story")
    site = _built(project)
    index_site(site)
    # 2019 and 2021 have nothing translated: no English part (Pagefind would index the
    # stub pages whole, finding no data-pagefind-body on any of them).
    names = [p["name"] for p in _manifest(site)["parts"]]  # type: ignore[index]
    assert names == ["2021-ar", "2020-en", "2020-ar", "2019-ar"]
    assert _urls(site / "pagefind/2019-ar") == {"/ar/2019/01/older-story/", "/ar/2019/year-only/"}
    assert "/ar/2021/01/newer-story/" in _urls(site / "pagefind/2021-ar")
    assert _urls(site / "pagefind/2020-en") == {"/en/2020/11/coalition-us-forces-syria-iraq/"}
    assert not (site / "pagefind/2021-ar/pagefind-ui.js").exists()
    assert (site / "pagefind/2021-ar/pagefind-worker.js").is_file()
    assert not [p for p in (site / "pagefind").iterdir() if p.name.startswith(".")]


def _write_dated(project: Path, date: str, slug: str, text: str = "خبر عن العراق") -> None:
    """An article dated `date` (YYYY-MM-DD, or YYYY for one dated to the year only)."""
    folder = f"{date[:4]}/{date[5:7]}" if len(date) > 4 else date
    body = f'---\ntitle: "{slug}"\ndate: "{date}"\n---\n{text}\n'
    write(project, f"content/ar/{folder}/{slug}.md", body)


def test_a_large_year_is_indexed_month_by_month(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searchparts, "SPLIT_FROM", 2)  # 2019 has three articles, 2020 one
    _write_dated(project, "2019-01-05", "january")
    _write_dated(project, "2019-03-05", "march")
    _write_dated(project, "2019", "year-only")
    site = _built(project, search=True)
    names = [p["name"] for p in _manifest(site)["parts"]]  # type: ignore[index]
    assert names == ["2020-en", "2020-ar", "2019-03-ar", "2019-01-ar", "2019-00-ar"]
    assert _urls(site / "pagefind/2019-03-ar") == {"/ar/2019/03/march/"}
    assert _urls(site / "pagefind/2019-01-ar") == {"/ar/2019/01/january/"}
    assert _urls(site / "pagefind/2019-00-ar") == {"/ar/2019/year-only/"}
    assert _urls(site / "pagefind/2020-ar") == {f"/{ARTICLE.removesuffix('index.html')}"}


def test_an_edit_reindexes_its_month_and_a_year_changes_kind_as_it_grows(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits patched in place: an edit in a year indexed month by month re-indexes its month
    alone; a year whose English pages grow past SPLIT_FROM (a gloss filled in) is indexed
    month by month from then on, its one part removed, and has one part again when they
    shrink back (a gloss emptied)."""
    from newsarchive.cli import main

    monkeypatch.setattr(searchparts, "SPLIT_FROM", 1)
    _write_dated(project, "2020-12-05", "december")  # 2020: the demo (glossed) and this one
    site = project / "site"
    build(project, site, search=True)

    def parts() -> list[str]:
        return [p["name"] for p in _manifest(site)["parts"]]  # type: ignore[index]

    assert parts() == ["2020-en", "2020-12-ar", "2020-11-ar"]
    november = snapshot(site / "pagefind/2020-11-ar")
    _write_dated(project, "2020-12-05", "december", "خبر جديد عن الموصل")
    assert build(project, site, search=True).written  # patched in place, not a new folder
    assert snapshot(site / "pagefind/2020-11-ar") == november
    assert any("الموصل".encode() in data for data in _fragments(site / "pagefind/2020-12-ar"))

    assert main(["gloss", "--root", str(project)]) == 0
    gloss = project / "content/en/2020/12/december.md"
    stub = gloss.read_text(encoding="utf-8")
    filled = stub.replace('title: ""', 'title: "December"') + "\nNews from Mosul.\n"
    gloss.write_text(filled, encoding="utf-8")
    done = build(project, site, search=True)
    assert done.written and done.size == measure(site)  # the size it states, bundles too
    assert parts() == ["2020-12-en", "2020-12-ar", "2020-11-en", "2020-11-ar"]
    assert not (site / "pagefind/2020-en").exists()
    assert _urls(site / "pagefind/2020-12-en") == {"/en/2020/12/december/"}

    gloss.write_text(stub, encoding="utf-8")  # nothing translated: no English page
    done = build(project, site, search=True)
    assert done.written and done.size == measure(site)
    assert parts() == ["2020-en", "2020-12-ar", "2020-11-ar"]
    assert not list((site / "pagefind").glob("2020-1?-en"))
    assert _urls(site / "pagefind/2020-en") == {"/en/2020/11/coalition-us-forces-syria-iraq/"}


def _fragments(part: Path) -> list[bytes]:
    import gzip

    return [gzip.decompress(f.read_bytes()) for f in (part / "fragment").iterdir()]


def test_index_parts_replaces_only_the_given_parts(project: Path) -> None:
    _add(project, "2019", "older-story")
    site = _built(project)
    index_site(site)
    before = snapshot(site / "pagefind/2020-ar")
    _add(project, "2019", "second-story")
    site = _rebuilt_keeping_the_index(project)
    index_parts(site, {"2019-ar"})
    assert snapshot(site / "pagefind/2020-ar") == before
    assert _urls(site / "pagefind/2019-ar") == {
        "/ar/2019/01/older-story/",
        "/ar/2019/01/second-story/",
    }


def _rebuilt_keeping_the_index(project: Path) -> Path:
    """The site built again (as an incremental build leaves it), with its previous pagefind/."""
    build(project, project / "next", "https://example.github.io/repo/")
    shutil.rmtree(project / "next/pagefind")
    (project / "site/pagefind").rename(project / "next/pagefind")
    return project / "next"


def test_a_year_without_pages_loses_its_bundle(project: Path) -> None:
    _add(project, "2019", "older-story")
    site = _built(project)
    index_site(site)
    (project / _article("2019", "older-story")).unlink()
    site = _rebuilt_keeping_the_index(project)
    index_parts(site, ["2019-ar"])
    assert not (site / "pagefind/2019-ar").exists()
    assert [p["name"] for p in _manifest(site)["parts"]] == ["2020-en", "2020-ar"]  # type: ignore[index]


def test_a_year_whose_last_translation_goes_loses_its_english_part(project: Path) -> None:
    site = _built(project)
    index_site(site)
    for gloss in (project / "content/en").rglob("*.md"):
        gloss.unlink()
    site = _rebuilt_keeping_the_index(project)
    index_parts(site, ["2020-en"])
    assert not (site / "pagefind/2020-en").exists()
    assert [p["name"] for p in _manifest(site)["parts"]] == ["2020-ar"]  # type: ignore[index]


def test_names_that_are_no_part_are_ignored(project: Path) -> None:
    site = _built(project)
    index_site(site)
    before = snapshot(site)
    index_parts(site, [None, "..", "", "pagefind", "../2020-ar", "2020", "2020-fr"])
    assert snapshot(site) == before


def test_two_pagefind_runs_at_a_time_only_while_they_fit_in_memory() -> None:
    mb = 2**20
    assert searchindex.concurrent_runs([16 * mb] * 11) == 2  # a year of a 5,000-article archive
    assert searchindex.concurrent_runs([55 * mb] * 20) == 2  # the Arabic part of a year of 20,000
    assert searchindex.concurrent_runs([66 * mb] * 11) == 1  # both languages of such a year
    assert searchindex.concurrent_runs([16 * mb]) == 1
    assert searchindex.concurrent_runs([]) == 1


def test_a_failed_part_leaves_the_previous_bundle(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _built(project)
    index_site(site)
    before = snapshot(site / "pagefind")
    monkeypatch.setattr(
        pagefindrun, "ARGS", [sys.executable, "-c", "import sys; sys.exit('disk full')"]
    )
    with pytest.raises(BuildFailed) as failed:
        index_parts(site, ["2020-ar"])
    assert str(failed.value) == (
        "pagefind/2020-ar/:1: error: Pagefind failed, the search index was not replaced: disk full"
    )
    after = snapshot(site / "pagefind")
    manifest = json.loads(after.pop("parts.json"))
    assert manifest["updating"] == ["2020-ar"]  # the search page says this part is behind
    assert manifest["parts"] == json.loads(before.pop("parts.json"))["parts"]
    assert after == before  # the previous bundle, and no temporary folder left either


def test_pagefind_failure_fails_the_build_and_keeps_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _built(project, search=True)
    before = snapshot(site)
    monkeypatch.setattr(pagefindrun, "ARGS", [sys.executable, "-c", "import sys; sys.exit(3)"])
    _add(project, "2021", "newer-story")
    with pytest.raises(BuildFailed) as failed:
        _built(project, search=True)
    assert str(failed.value).startswith("pagefind/20")
    assert "exit status 3" in str(failed.value)
    assert snapshot(site) == before


# ---- several parts in Chromium: one bundle per year or month, merged by the search page ----

# (date, slug, extra text): every article mentions العراق; two more mention سوريا (an entity).
DATED = [
    ("2019", "year-only-2019", ""),
    ("2019-03-10", "march-2019", ""),
    ("2019-07-01", "july-2019", "ووصل وفد إلى سوريا."),
    ("2020-02-01", "february-2020", ""),
    ("2020-12-20", "december-2020", "ووصل وفد إلى سوريا."),
    ("2021-01-05", "january-2021", ""),
    ("2021-06-30", "june-2021", ""),
]
SEED = "coalition-us-forces-syria-iraq"  # the demo article, dated 2020-11, mentions سوريا
NEWEST_FIRST = [
    "june-2021",
    "january-2021",
    "december-2020",
    SEED,
    "february-2020",
    "july-2019",
    "march-2019",
    "year-only-2019",  # dated to the year only: before its year's dated articles
]


@pytest.fixture(scope="module", params=["by year", "by month"])
def parts_site(request, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo plus seven articles over three years, served under /repo/: three Arabic
    parts, or with every year indexed month by month, eight (one for the year-only article)."""
    import shutil

    from .conftest import REPO
    from .webtools import serve_folder

    root = tmp_path_factory.mktemp("parts")
    shutil.copytree(REPO / "content", root / "content")
    for date, slug, extra in DATED:
        _write_dated(root, date, slug, f"خبر عن العراق في {date}. {extra}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchparts, "SPLIT_FROM", 1 if request.param == "by month" else 2000)
        build(root, root / "site", "https://example.github.io/repo/")
    parts = _manifest(root / "site")["parts"]  # type: ignore[index]
    arabic = [part for part in parts if part["languages"] == ["ar"]]
    assert len(arabic) == (8 if request.param == "by month" else 3)
    with serve_folder(root / "site", "/repo/") as base:
        yield base


def _results(page, base: str, lang: str, extra: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.set_default_timeout(15_000)
    page.goto(f"{base}{lang}/search/?{extra}")
    page.wait_for_selector("[data-search][data-ready]")
    return [
        href.rstrip("/").rsplit("/", 1)[1]
        for href in page.eval_on_selector_all(
            ".search-result h2 a", "links => links.map((a) => a.getAttribute('href'))"
        )
    ]


@pytest.mark.browser
def test_parts_are_merged_newest_first_across_years(parts_site: str, page) -> None:  # type: ignore[no-untyped-def]
    assert _results(page, parts_site, "ar", "q=العراق&sort=newest") == NEWEST_FIRST
    assert _results(page, parts_site, "ar", "q=العراق&sort=oldest") == NEWEST_FIRST[::-1]
    # Relevance (the default): every article once, whatever the order.
    assert sorted(_results(page, parts_site, "ar", "q=العراق")) == sorted(NEWEST_FIRST)
    assert page.locator(".search-status").inner_text() == "8 نتائج"


@pytest.mark.browser
def test_filters_span_every_part(parts_site: str, page) -> None:  # type: ignore[no-untyped-def]
    # An entity filter without a query lists its articles from every year, in date order.
    assert _results(page, parts_site, "ar", "place=سوريا") == ["december-2020", SEED, "july-2019"]
    years = page.locator("select[name=year] option").all_inner_texts()[1:]
    assert years == ["2021", "2020", "2019"]
    assert page.locator("select[name=part]").count() == 0  # the parts' own filter stays hidden
    assert _results(page, parts_site, "ar", "q=العراق&year=2020&sort=newest") == [
        "december-2020",
        SEED,
        "february-2020",
    ]


@pytest.mark.browser
def test_english_search_uses_only_parts_with_english_pages(parts_site: str, page) -> None:  # type: ignore[no-untyped-def]
    # Only 2020 has a glossed English page: the newer parts have no English index, and an
    # Arabic page must never come up on the English search page.
    assert _results(page, parts_site, "en", "q=coalition") == [SEED]
    assert _results(page, parts_site, "en", "q=العراق") == []


# Pagefind writes a part's filter chunks in another order at each run, the same values each
# time (its filters are a hash map, iterated in a random order: its source carries "TODO:
# Change filter indexes to BTree to give them a stable hash"), and so its metadata, which
# names them by their hash, and the entry file, which names the metadata.
PAGEFINDS_OWN_ORDER = re.compile(
    r"pagefind/[^/]+/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)"
)


def test_two_builds_of_the_same_content_differ_only_in_pagefinds_filter_order(
    project: Path, tmp_path: Path
) -> None:
    """The same content gives the same files (docs/architecture.md) but for what Pagefind
    writes in an order of its own: the pages are given to it in one order, so its fragments
    and word chunks, the word maps and the filter values the search page lists are the same."""
    for n in range(3):
        _add(project, "2020", f"more-{n}", f"خبر عن العراق وسوريا رقم {n}")
    build(project, tmp_path / "one", search=True)
    build(project, tmp_path / "two", search=True)
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(list((tmp_path / "one/pagefind/2020-ar/fragment").iterdir())) == 4
    differing = sorted(p for p in one.keys() | two.keys() if one.get(p) != two.get(p))
    assert [p for p in differing if not PAGEFINDS_OWN_ORDER.fullmatch(p)] == []
    for part in ("2020-ar", "2020-en"):  # as many filter chunks, one a filter
        counts = [
            len(list((tmp_path / run / "pagefind" / part / "filter").iterdir()))
            for run in ("one", "two")
        ]
        assert counts[0] == counts[1] == len(json.loads(one[f"pagefind/{part}/filters.json"]))
