"""The word map says which search parts hold each word (build/searchmap.py), kept up to date
by full builds and edits, with the real Pagefind; and the search page, merging only the parts
the map names, finds what merging every part finds (Chromium)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from newsarchive.build import searchmap
from newsarchive.build.engine import build
from newsarchive.build.searchmap import EVERYWHERE
from newsarchive.core.diagnostics import BuildFailed

from .conftest import indexed_pages, write

BASE = "https://example.github.io/repo/"


def _write(project: Path, date: str, slug: str, text: str) -> None:
    body = f'---\ntitle: "خبر {slug}"\ndate: "{date}"\n---\n{text}\n'
    write(project, f"content/ar/{date[:4]}/{date[5:7]}/{slug}.md", body)


def _build(project: Path) -> Path:
    build(project, project / "site", BASE, search=True)
    return project / "site"


def _manifest(site: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((site / "pagefind/parts.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _records(site: Path, lang: str) -> dict[str, set[str]]:
    """The words of each part's record in a language's map, by part (as Pagefind splits
    them: at white space, punctuation kept; Pagefind drops it when it indexes a word)."""
    found = {}
    for fragment in (site / f"pagefind/map-{lang}/fragment").iterdir():
        data = _decoded(fragment)
        found[data["url"].strip("/")] = set(data["content"].split())
    return found


def _decoded(fragment: Path) -> dict:  # type: ignore[type-arg]
    """A Pagefind fragment's JSON (gzip of a signature and the object)."""
    return json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))  # type: ignore[no-any-return]


def _inodes(folder: Path) -> set[int]:
    return {path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def two_years(project: Path) -> Path:
    """The demo (2020, glossed) and an article of 2019, built with search."""
    _write(project, "2019-05-01", "older", "افتتح متحف زمردستان في البصرة")
    _build(project)
    return project


def test_the_map_has_a_record_of_every_part_with_the_words_pagefind_indexed(
    two_years: Path,
) -> None:
    site = two_years / "site"
    manifest = _manifest(site)
    assert manifest["maps"] == {
        lang: {
            path.stem: _records_url(path)
            for path in (site / f"pagefind/map-{lang}/fragment").iterdir()
        }
        for lang in ("ar", "en")
    }
    assert sorted(manifest["maps"]["ar"].values()) == ["2019-ar", "2020-ar", EVERYWHERE]
    assert sorted(manifest["maps"]["en"].values()) == ["2020-en"]  # one part: nothing shared
    records = _records(site, "ar")
    words = {part: _indexed_words(site / "pagefind" / part) for part in ("2019-ar", "2020-ar")}
    # The words of both parts once, in the record that sends a search to every part; each
    # part's other words in its own.
    assert records[EVERYWHERE] == words["2019-ar"] & words["2020-ar"] != set()
    for part in ("2019-ar", "2020-ar"):
        assert records[part] == words[part] - records[EVERYWHERE]
    # The article's words as written and the key copy's readings, and no word of another part.
    assert {"زمردستان", "البصرة.", "بصره."} <= records["2019-ar"]
    assert "زمردستان" not in records["2020-ar"]
    assert "التحالف" in records["2020-ar"] and "التحالف" not in records["2019-ar"]
    assert "coalition" in _records(site, "en")["2020-en"]


def _indexed_words(part: Path) -> set[str]:
    """The words Pagefind indexed in a part that a reader may look up: each page's text and
    title, split at white space as Pagefind splits them (the date meta is one token no reader
    types: left out)."""
    found: set[str] = set()
    for page in indexed_pages(part).values():
        found |= {*page["content"].split(), *page["meta"].get("title", "").split()}
    return found


def _records_url(fragment: Path) -> str:
    return str(_decoded(fragment)["url"]).strip("/")


def test_an_edit_leaves_its_part_out_of_the_map_until_too_many_are(
    two_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = two_years / "site"
    maps = {lang: _inodes(site / f"pagefind/map-{lang}") for lang in ("ar", "en")}
    _write(two_years, "2019-05-01", "older", "افتتح متحف ياقوتستان في البصرة")
    assert build(two_years, site, BASE, search=True).written is not None  # an edit
    # No Pagefind run for the map: 2019-ar's record is dropped, and the page merges 2019-ar
    # into every search (test_an_edited_part_is_searched_until_the_map_has_it).
    assert _inodes(site / "pagefind/map-ar") - maps["ar"] == {
        (site / "pagefind/map-ar/ids.json").stat().st_ino
    }
    assert _inodes(site / "pagefind/map-en") == maps["en"]
    assert sorted(_manifest(site)["maps"]["ar"].values()) == ["2020-ar", EVERYWHERE]
    # One part more than MAX_UNMAPPED left out: the edit rebuilds the map.
    monkeypatch.setattr(searchmap, "MAX_UNMAPPED", 0)
    _write(two_years, "2019-05-01", "older", "افتتح متحف فيروزستان في البصرة")
    assert build(two_years, site, BASE, search=True).written is not None
    records = _records(site, "ar")
    assert "فيروزستان" in records["2019-ar"] and "ياقوتستان" not in records["2019-ar"]
    assert "التحالف" in records["2020-ar"]  # the other part's words, from the previous map
    assert sorted(_manifest(site)["maps"]["ar"].values()) == ["2019-ar", "2020-ar", EVERYWHERE]


def test_a_full_build_links_an_unchanged_languages_map_and_drops_a_gone_part(
    two_years: Path,
) -> None:
    site = two_years / "site"
    english = _inodes(site / "pagefind/map-en")
    _write(two_years, "2019-09-01", "newer", "خبر عن كربلاء")  # a new article: a full build
    assert build(two_years, site, BASE, search=True).written is None
    assert _inodes(site / "pagefind/map-en") == english  # hard links, no Pagefind run
    assert "كربلاء." in _records(site, "ar")["2019-ar"]
    for article in (two_years / "content/ar/2019").rglob("*.md"):
        article.unlink()
    _build(two_years)
    assert set(_records(site, "ar")) == {"2020-ar"}
    assert sorted(_manifest(site)["maps"]["ar"].values()) == ["2020-ar"]


def _values(folder: Path) -> dict[str, list[str]]:
    return json.loads((folder / "filters.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _with_a_new_source(project: Path) -> None:
    """An edit of the 2019 article: a source no other article has."""
    body = '---\ntitle: "خبر older"\ndate: "2019-05-01"\nsource:\n  name: "وكالة الرافدين"\n---\n'
    write(project, "content/ar/2019/05/older.md", body + "افتتح متحف زمردستان في البصرة\n")


def test_each_part_and_each_map_list_their_filter_values(two_years: Path) -> None:
    bundle = two_years / "site/pagefind"
    older, demo = _values(bundle / "2019-ar"), _values(bundle / "2020-ar")
    assert older["year"] == ["2019"] and "source" not in older
    assert demo["year"] == ["2020"] and demo["source"] == ["شفق نيوز"]
    assert "دونالد ترامب" in demo["person"] and "سوريا" in demo["place"]
    assert "Donald Trump" in _values(bundle / "2020-en")["person"]  # the glossed page's names
    both = {key: sorted({*older.get(key, []), *demo.get(key, [])}) for key in {*older, *demo}}
    assert _values(bundle / "map-ar") == both
    # An edit rewrites its part's values, and the map's list from every part's, though the
    # map leaves the part out (the search page also reads the part's own list).
    _with_a_new_source(two_years)
    assert build(two_years, two_years / "site", BASE, search=True).written is not None
    assert _values(bundle / "2019-ar")["source"] == ["وكالة الرافدين"]
    assert _values(bundle / "map-ar")["source"] == ["شفق نيوز", "وكالة الرافدين"]
    assert "2019-ar" not in _manifest(two_years / "site")["maps"]["ar"].values()
    # An edit that takes the value away again takes it out of the map's list too.
    _write(two_years, "2019-05-01", "older", "افتتح متحف زمردستان في البصرة")
    assert build(two_years, two_years / "site", BASE, search=True).written is not None
    assert _values(bundle / "map-ar") == both
    # A full build (a new article) lists it in the map.
    _with_a_new_source(two_years)
    _write(two_years, "2019-09-01", "newer", "خبر عن كربلاء")
    assert build(two_years, two_years / "site", BASE, search=True).written is None
    assert _values(bundle / "map-ar")["source"] == ["شفق نيوز", "وكالة الرافدين"]


def test_a_map_that_cannot_be_built_is_removed_and_the_build_fails(
    two_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = two_years / "site"
    monkeypatch.setattr(searchmap, "run_into", lambda *args, **kwargs: "disk full")
    _write(two_years, "2019-09-01", "newer", "خبر عن كربلاء")
    with pytest.raises(BuildFailed, match=r"pagefind/map-ar/:1: error: disk full"):
        _build(two_years)
    assert (site / "pagefind/map-ar").is_dir()  # the previous site is whole
    # An edit whose map fails: the map goes, and the search page merges every part.
    monkeypatch.undo()
    _build(two_years)
    monkeypatch.setattr(searchmap, "MAX_UNMAPPED", 0)
    monkeypatch.setattr(searchmap, "run_into", lambda *args, **kwargs: "disk full")
    _write(two_years, "2019-09-01", "newer", "خبر عن النجف")
    with pytest.raises(BuildFailed, match=r"pagefind/map-ar/:1: error: disk full"):
        _build(two_years)
    assert not (site / "pagefind/map-ar").exists()
    assert list(_manifest(site)["maps"]) == ["en"]


# ---- in Chromium: the parts the page merges, and the results it lists ----

WORDS = re.compile(r"[\u0621-\u064a]+")


def _bundles(page, url: str) -> tuple[int, set[str]]:  # type: ignore[no-untyped-def]
    """The results of a search page and the index bundles it downloaded."""
    fetched: list[str] = []

    def note(request) -> None:  # type: ignore[no-untyped-def]
        fetched.append(request.url)

    page.on("request", note)
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    page.remove_listener("request", note)
    found = {m.group(1) for url in fetched if (m := re.search(r"/pagefind/([^/]+)/", url))}
    return page.locator(".search-result").count(), found


@pytest.mark.browser
def test_a_word_of_one_year_downloads_that_years_part_only(two_years: Path, page) -> None:  # type: ignore[no-untyped-def]
    from .webtools import serve_folder

    with serve_folder(two_years / "site", "/repo/") as base:
        assert _bundles(page, f"{base}ar/search/?q=زمردستان") == (1, {"map-ar", "2019-ar"})
        assert _bundles(page, f"{base}ar/search/?q=التحالف") == (1, {"map-ar", "2020-ar"})
        # A word no article holds merges no part at all.
        assert _bundles(page, f"{base}ar/search/?q=كلمةأولى") == (0, {"map-ar"})


@pytest.mark.browser
def test_an_edited_part_is_searched_until_the_map_has_it(two_years: Path, page) -> None:  # type: ignore[no-untyped-def]
    from .webtools import serve_folder

    _write(two_years, "2019-05-01", "older", "افتتح متحف ياقوتستان في البصرة")
    assert build(two_years, two_years / "site", BASE, search=True).written is not None
    with serve_folder(two_years / "site", "/repo/") as base:
        assert _bundles(page, f"{base}ar/search/?q=ياقوتستان") == (1, {"map-ar", "2019-ar"})
        both = {"map-ar", "2019-ar", "2020-ar"}
        assert _bundles(page, f"{base}ar/search/?q=التحالف") == (1, both)


def _shown_filters(page, url: str) -> tuple[dict[str, list[str]], list[str]]:  # type: ignore[no-untyped-def]
    """The values of each filter list the search page shows, and the search files it
    downloaded to show them."""
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    page.wait_for_load_state("networkidle")
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.get_by_role("button", name="اختر عوامل التصفية").click()
    page.wait_for_selector(".filter-list select")
    shown = page.eval_on_selector_all(
        ".filter-list select",
        "all => Object.fromEntries(all.map(s => [s.name, [...s.options].slice(1).map(o => o.value).sort()]))",
    )
    return shown, [url.split("/pagefind/")[1] for url in fetched if "/pagefind/" in url]


def _pagefind_values(page, base: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every filter's values as Pagefind lists them, every part merged."""
    page.goto(f"{base}ar/")
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([index, base]) => {
          const listed = await (await fetch(`${index}parts.json`)).json();
          const parts = listed.parts.filter((p) => p.languages.includes("ar")).map((p) => p.name);
          const pagefind = await import(`${index}${parts[0]}/pagefind.js`);
          await pagefind.options({ baseUrl: base });
          for (const name of parts.slice(1)) {
            await pagefind.mergeIndex(`${index}${name}/`, { baseUrl: base });
          }
          const all = await pagefind.filters();
          return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Object.keys(v).sort()]));
        }""",
        [f"{base}pagefind/", base],
    )


@pytest.mark.browser
def test_the_filter_lists_are_pagefinds_values_from_one_file(two_years: Path, page) -> None:  # type: ignore[no-untyped-def]
    from .webtools import serve_folder

    with serve_folder(two_years / "site", "/repo/") as base:
        shown, fetched = _shown_filters(page, f"{base}ar/search/?q=زمردستان")
        assert fetched == ["map-ar/filters.json"]  # no metadata or filter chunk of any part
        assert shown == _pagefind_values(page, base)
    # After an edit, the map leaves the edited part out: its values come from its own file.
    _with_a_new_source(two_years)
    assert build(two_years, two_years / "site", BASE, search=True).written is not None
    with serve_folder(two_years / "site", "/repo/") as base:
        shown, fetched = _shown_filters(page, f"{base}ar/search/?q=زمردستان")
        assert sorted(fetched) == ["2019-ar/filters.json", "map-ar/filters.json"]
        assert shown["source"] == ["شفق نيوز", "وكالة الرافدين"]
        assert shown == _pagefind_values(page, base)


def _searched(page, base: str, words: list[str]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The pages (fragment ids) the search page's own code lists for each word, sorted."""
    page.goto(f"{base}ar/")  # a page without a search form: no index is open
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([index, base, words]) => {
          const search = await import(`${base}static/js/parts.js`);
          const opened = await search.openIndex(index, "ar", base);
          const found = [];
          for (const word of words) {
            const hits = await search.searchParts(opened, word, {}, "relevance");
            const all = await hits.page(0, await hits.count());
            found.push(all.map((hit) => hit.result.id).sort());
          }
          return found;
        }""",
        [f"{base}pagefind/", base, words],
    )


@pytest.mark.browser
def test_the_map_loses_no_article_for_any_word(two_years: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Every word of every article and of the entity registry (whose spellings the key copy
    holds), found through the map and by merging every part (the page without a map): the
    same articles."""
    from .webtools import serve_folder

    _write(two_years, "2019-07-01", "july", "وبالمتحف الجديد زوار من الموصل والبصرة")
    _write(two_years, "2021-02-01", "february", "زار وفد المتحف في كربلاء")
    site = _build(two_years)
    texts = [path.read_text(encoding="utf-8") for path in (two_years / "content/ar").rglob("*.md")]
    texts.append((two_years / "content/entities.yaml").read_text(encoding="utf-8"))
    words = sorted({word for text in texts for word in WORDS.findall(text)})
    assert len(words) > 300
    with serve_folder(site, "/repo/") as base:
        routed = _searched(page, base, words)
        page.route("**/pagefind/parts.json", _without_maps)
        merged = _searched(page, base, words)
    assert sum(map(len, routed)) > 300  # results, not empty lists
    assert dict(zip(words, routed, strict=True)) == dict(zip(words, merged, strict=True))


def _without_maps(route) -> None:  # type: ignore[no-untyped-def]
    listed = json.loads(route.fetch().text())
    listed.pop("maps")
    route.fulfill(json=listed)


def _updating(route, behind: list[int]) -> None:  # type: ignore[no-untyped-def]
    """parts.json as served, listing 2020-ar as updating while behind[0] > 0 (counted down)."""
    listed = json.loads(route.fetch().text())
    if behind[0] > 0:
        behind[0] -= 1
        listed["updating"] = ["2020-ar"]
    route.fulfill(json=listed)


@pytest.mark.browser
def test_the_page_waits_for_an_index_behind_its_pages(two_years: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Opened while a part is being re-indexed, the page says so and searches once it is done;
    a search after an edit began (a minute after parts.json was last read: the page reads it
    no more often) reloads the page when the index has caught up."""
    from .webtools import serve_folder

    behind = [2]
    page.route("**/pagefind/parts.json", lambda route: _updating(route, behind))
    page.clock.install()  # time runs on, and can be run forward
    shown = """(expected) => {
      const strings = JSON.parse(document.querySelector('.search-strings').textContent);
      return document.querySelector('.search-status').textContent === strings[expected];
    }"""
    with serve_folder(two_years / "site", "/repo/") as base:
        page.goto(f"{base}ar/search/?q=التحالف")
        page.wait_for_function(shown, arg="behind", polling="raf")
        page.wait_for_selector("[data-search][data-ready]")
        assert behind == [0]
        assert page.locator(".search-result").count() == 1
        behind[0] = 2  # an edit starts: the next search sees it, once a minute has passed
        page.fill("#search-input", "زمردستان")
        page.wait_for_selector(".search-result a[href*='/2019/05/older/']")
        assert behind == [2]
        page.clock.fast_forward("01:01")
        with page.expect_navigation():
            page.fill("#search-input", "متحف زمردستان")
            page.wait_for_function(shown, arg="behind", polling="raf")
        page.wait_for_selector("[data-search][data-ready]")
        assert page.url.endswith(
            "q=%D9%85%D8%AA%D8%AD%D9%81+%D8%B2%D9%85%D8%B1%D8%AF%D8%B3%D8%AA%D8%A7%D9%86"
        )
        assert page.locator(".search-result").count() == 1


def test_a_map_rereads_what_it_cannot_read_and_forgets_a_gone_part(two_years: Path) -> None:
    site = two_years / "site"
    bundle = site / "pagefind"
    # A previous map whose records cannot be read: a full build that keeps the 2019 part
    # reads its words from the part's own bundle.
    kept = _inodes(bundle / "2019-ar")
    for fragment in (bundle / "map-ar/fragment").iterdir():
        fragment.write_bytes(b"not gzip")
    _write(two_years, "2020-12-01", "december", "خبر عن كربلاء")  # a new article: a full build
    _build(two_years)
    assert _inodes(bundle / "2019-ar") == kept  # the part was not indexed again
    assert "زمردستان" in _records(site, "ar")["2019-ar"]
    assert "كربلاء." in _records(site, "ar")["2020-ar"]
    # The 2019 part gone (as update_maps is told after its last page went): its record is
    # dropped, the map itself is kept.
    assert searchmap.update_maps(bundle, ["2020-ar", "2020-en"], [], None) == []
    assert sorted(_manifest_ids(bundle, "ar").values()) == ["2020-ar", EVERYWHERE]


def _manifest_ids(bundle: Path, lang: str) -> dict[str, str]:
    return json.loads((bundle / f"map-{lang}/ids.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
