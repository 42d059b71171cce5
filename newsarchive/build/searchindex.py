"""Pagefind indexing of the output folder, in parts by year (or month) and language (I/O:
runs the Pagefind binary).

What Pagefind reads. Each article page has a search record beside the site's pages, in
`.search/` (urls.search_record, written with the page; templates/search_record.html): the
title, the date, source and entities as filters and result meta, the text, and the hidden
key copy that lets any spelling find it (assembly/searchtext.py). The record is never
published (deploy, the Pages workflow and the site's size leave `.search/` out), so the
pages readers and crawlers get carry no hidden text and no attribute for the index: at
20,000 articles the key copy alone was 1.8 KB an Arabic page. A page whose record did not
change (a translated name, a count in "in this article") is not indexed again.

Design. Pagefind keeps everything it indexes in memory until it writes the bundle, about a
quarter of a megabyte per article (its Arabic and English pages), so one run over a
20,000-article archive needs 4.8-5.1 GB. The index is therefore split into parts, one per year
and language of the article URLs (`<lang>/<year>/…`, urls.article()), and Pagefind runs once
per part: the peak is that of the largest part (~0.4 GB at 20,000 articles), not of the
archive. A year with more than SPLIT_FROM article pages in a language is indexed month by
month instead (`<year>-<month>-<lang>`; month 00 holds the articles dated to the year only),
so that an edit re-indexes a month of a large archive rather than its year: at 100,000
articles a year holds 9,000 and took 34 s to index. Two runs go at a time when two of the
largest part fit in MEMORY_BUDGET, so both cores stay busy; an edit re-indexes its part in
both languages side by side. Each part is a complete bundle in `pagefind/<part>/`, and
`pagefind/parts.json` lists the parts, newest first, with the language each one indexes and
its page count:

    {"parts": [{"name": "2021-en", "languages": ["en"], "pages": 12}, …]}

A year with no English text yet has no English part: Pagefind, finding no record with
`data-pagefind-body`, would index its records whole (an English page with nothing
translated has a record without it, which Pagefind leaves out where others have it).

The search page (templates/static/js/parts.js) reads that list, keeps the parts of its
language, looks the query up in the language's word map (searchmap.py, listed in the same
file) and searches only the parts that hold it, each with a Pagefind instance of its own. It
joins their results itself: by relevance with each part's scores scaled to those of one
index of all of them (the page counts), by date in part order, which is date order because
parts do not overlap. Fewer parts make a cheaper search of a word found all over the
archive (each part searched costs its metadata and a chunk of its index per word), hence
parts by month only where a year is large.

A part is replaced atomically (pagefindrun.py), so a failed run leaves the previous
bundle. Only an article's record changes its part's index, so after an edit the incremental
build re-indexes just the parts of the changed records (`index_parts(site,
parts_to_index(site, changed))`), and every part of a year that has just changed between one
part and parts by month. A full build calls `index_site`, on the new output before it
replaces `site/`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..content.atomic import replace_file
from ..content.siteaddresses import SEARCH_INDEX
from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.hosts import SiteSize
from .collector import release_freed_memory
from .output import measure
from .pagefindrun import run_into
from .searchmap import EVERYWHERE, map_ids, update_maps
from .searchmap import PREFIX as MAP_PREFIX
from .searchreuse import keep_unchanged

BUNDLE = SEARCH_INDEX  # the folder links may not name (content/siteaddresses.py)
MANIFEST = "parts.json"
LANGS = ("ar", "en")
# Two runs at a time keep both cores busy, but only while two of the largest part fit in the
# memory budget: the whole build should stay under 1.5 GB and its own process still holds
# ~0.3 GB at 20,000 articles. Pagefind's peak is ~8 times the size of the pages it reads
# (measured: a year of 5,000 articles, 16 MB of pages -> 130 MB; of 20,000, 66 MB -> 490 MB).
MAX_RUNS = 2
MEMORY_BUDGET = 1000 * 2**20
PEAK_PER_PAGE_BYTE = 8
# urls.article(): <lang>/<year>/<month>/<slug>/ or <lang>/<year>/<slug>/, but not the lists
# <lang>/<year>/page/<n>/, <lang>/<year>/<month>/ and <lang>/<year>/<month>/page/<n>/.
MONTH = r"(0[1-9]|1[0-2])/"
ARTICLE_PATH = re.compile(
    rf"(ar|en)/(\d{{4}})/(?:{MONTH}(?!page/)|(?!page/|{MONTH}))[^/]+/(?:index\.html)?$"
)
MONTH_FOLDER = re.compile(r"0[1-9]|1[0-2]")
# <year>-<lang>, or <year>-<month>-<lang> in a year indexed month by month (month 00: the
# year's articles dated to the year only).
PART_NAME = re.compile(r"(\d{4})(?:-(0[0-9]|1[0-2]))?-(ar|en)")
# A year with more article pages than this in a language is indexed month by month: an edit
# re-indexes its part, and a year of 1,800 articles took 4.2 s (both languages side by side)
# at 20,000 articles. The benchmark's 20,000 articles (1,818 a year) keep a part a year.
SPLIT_FROM = 2000
BODY = b"data-pagefind-body"
# What Pagefind reads: each article page's search record (urls.search_record), in a folder of
# the site that is never published. The pages readers get carry nothing for the index.
RECORDS = urls.SEARCH_RECORDS


def _part(article_path: re.Match[str], by_month: bool) -> str:
    """The part whose bundle indexes an article page (a match of ARTICLE_PATH); by_month: the
    page's year is indexed month by month (_by_month).

    `ar/2020/11/slug/index.html` and `ar/2020/slug/` are part "2020-ar", `en/2020/11/slug/`
    part "2020-en"; by month, "2020-11-ar" and "2020-00-ar".
    """
    lang, year, month = article_path.group(1, 2, 3)  # (MONTH's second group is in a lookahead)
    return f"{year}-{month or '00'}-{lang}" if by_month else f"{year}-{lang}"


def _records_of(files: Iterable[str]) -> list[re.Match[str]]:
    """The search records among these files of a site (paths relative to it), each as a
    match of ARTICLE_PATH on the path of the page it records: a page that changed while its
    record did not (a name's translation, a count in "in this article") is not indexed again."""
    prefix = f"{RECORDS}/"
    return [
        match
        for file in files
        if file.startswith(prefix) and (match := ARTICLE_PATH.match(file.removeprefix(prefix)))
    ]


def records_of_pages(pages: Iterable[str]) -> list[str]:
    """The search records of these files of a site that are article pages."""
    return [urls.search_record(page) for page in pages if ARTICLE_PATH.match(page)]


def parts_to_index(site_dir: Path, files: Iterable[str]) -> set[str]:
    """The parts to re-index after these files of site_dir changed (paths relative to it):
    the part of each changed search record, and every part of its year, old and new, when the
    year has just changed between one part and parts by month (a part of the other kind is
    then removed)."""
    found = _records_of(files)
    by_month = _kinds(site_dir, map(_year_lang, found))
    parts = {_part(match, by_month[_year_lang(match)]) for match in found}
    for (year, lang), monthly in by_month.items():
        indexed = _bundles_of(site_dir, year, lang)
        if any(_is_monthly(name) != monthly for name in indexed):
            parts |= indexed | _year_parts(site_dir, year, lang)
    return parts


def bundles_changed_by(site_dir: Path, files: Iterable[str]) -> list[str]:
    """What re-indexing after these pages changed may change, relative to site_dir: the
    bundle folders of their years and languages, the word maps and the manifest."""
    years = {_year_lang(found) for found in _records_of(files)}
    folders = {name for year in years for name in _bundles_of(site_dir, *year)}
    folders |= {path.name for path in (site_dir / BUNDLE).glob(f"{MAP_PREFIX}*")}
    return [*(f"{BUNDLE}/{name}" for name in sorted(folders)), f"{BUNDLE}/{MANIFEST}"]


def _year_lang(article_path: re.Match[str]) -> tuple[str, str]:
    """The year and language of an article page (a match of ARTICLE_PATH)."""
    return article_path.group(2), article_path.group(1)


def _bundles_of(site_dir: Path, year: str, lang: str) -> set[str]:
    """The names of the bundles a year has in a language, whatever their kind."""
    found = (site_dir / BUNDLE).glob(f"{year}-*{lang}")
    return {path.name for path in found if PART_NAME.fullmatch(path.name)}


def _year_of(part: str) -> tuple[str, str]:
    """The year and language of a part's name (a valid one)."""
    named = PART_NAME.fullmatch(part)
    assert named is not None
    return named.group(1), named.group(3)


def _is_monthly(part: str) -> bool:
    named = PART_NAME.fullmatch(part)
    return named is not None and named.group(2) is not None


def _kinds(site_dir: Path, years: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """Whether each (year, language) is indexed month by month, each counted once."""
    return {year: _by_month(site_dir, *year) for year in set(years)}


def _by_month(site_dir: Path, year: str, lang: str) -> bool:
    """Whether a year is indexed month by month: it has more than SPLIT_FROM article pages
    in the language (folders counted, no page read)."""
    return _article_count(site_dir / RECORDS / lang / year) > SPLIT_FROM


def _article_count(year_folder: Path) -> int:
    """The article folders of a year of search records: <month>/<slug>/ and <slug>/."""
    if not year_folder.is_dir():
        return 0
    count = 0
    with os.scandir(year_folder) as entries:
        for entry in entries:
            if not entry.is_dir() or entry.name == "page":
                continue
            if MONTH_FOLDER.fullmatch(entry.name):
                with os.scandir(entry.path) as month:
                    count += sum(1 for e in month if e.is_dir() and e.name != "page")
            else:
                count += 1
    return count


def site_parts(site_dir: Path) -> set[str]:
    """The parts of the site in site_dir: each year and language with a page to index, or
    each month of a year indexed month by month."""
    records = site_dir / RECORDS
    return {
        part
        for lang in LANGS
        if (records / lang).is_dir()
        for year in (records / lang).iterdir()
        if re.fullmatch(r"\d{4}", year.name)
        for part in _year_parts(site_dir, year.name, lang)
    }


def _year_parts(site_dir: Path, year: str, lang: str) -> set[str]:
    """The parts a year has in a language: one, or one per month (and 00) with a page."""
    if not _by_month(site_dir, year, lang):
        candidates = [f"{year}-{lang}"]
    else:
        folders = (site_dir / RECORDS / lang / year).iterdir()
        months = [p.name for p in folders if MONTH_FOLDER.fullmatch(p.name)]
        candidates = [f"{year}-{month}-{lang}" for month in ["00", *months]]
    return {part for part in candidates if _indexable(site_dir, part)}


def _indexable(site_dir: Path, part: str) -> bool:
    """Whether the part has a page with text to index (its pages are read until one has)."""
    return any(BODY in page.read_bytes() for page in _pages(site_dir, part))


def _globs(part: str) -> list[str]:
    """The search records Pagefind reads for a part, relative to their folder."""
    named = PART_NAME.fullmatch(part)
    if named is None:
        return []
    year, month, lang = named.groups()
    if month is None:
        return [f"{lang}/{year}/[0-9][0-9]/*/index.html", f"{lang}/{year}/*/index.html"]
    if month == "00":
        return [f"{lang}/{year}/*/index.html"]
    return [f"{lang}/{year}/{month}/*/index.html"]


def _pages(site_dir: Path, part: str) -> Iterator[Path]:
    """The search records Pagefind reads for a part (pagefind_glob); none for a non-part."""
    for glob in _globs(part):
        yield from (site_dir / RECORDS).glob(glob)


def pagefind_glob(part: str) -> str:
    """The search records Pagefind reads for a part, as one glob of its --glob option."""
    globs = _globs(part)
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


def index_site(site_dir: Path, previous: Path | None = None, new_maps: bool = False) -> SiteSize:
    """Index the whole site into site_dir/pagefind/ (one bundle per part); BuildFailed on failure.
    The bytes and files of the bundle. `previous`: the site this one replaces, whose bundles
    of unchanged parts are kept (searchreuse.py); `new_maps`: its word maps are not, and the
    maps are made from the parts' own words (a name removed from the archive may linger in
    a map's records, which hold a little more than their parts: searchmap._map_words).

    Bundles of parts that no longer exist, and anything else in the folder, are removed.
    """
    bundle = site_dir / BUNDLE
    parts = site_parts(site_dir)
    if bundle.is_dir():
        for stale in bundle.iterdir():
            if stale.name not in parts:
                _remove(stale)
    kept: set[str] = set()
    if previous is not None and not bundle.is_dir():
        bundle.mkdir()
        kept = keep_unchanged(site_dir, previous, parts, part_pages, BUNDLE)
    words_from = previous / BUNDLE if previous is not None and not new_maps else None
    index_parts(site_dir, parts - kept, words_from)
    return measure(site_dir, [BUNDLE])


def part_pages(site_dir: Path, part: str) -> list[str]:
    """The search records Pagefind reads for a part, relative to site_dir."""
    return [page.relative_to(site_dir).as_posix() for page in _pages(site_dir, part)]


def index_parts(
    site_dir: Path, parts: Iterable[str | None], words_from: Path | None = None
) -> None:
    """Re-index the given parts of site_dir, each replaced atomically, and the word maps of
    their languages (searchmap.py); BuildFailed if one failed.

    A part with no page left to index loses its bundle; None (pages of no part) and names that
    are no part are ignored. Parts whose run succeeded are in place even when another one failed.
    words_from: the bundle folder whose maps hold the other parts' words (default: this site's).
    """
    wanted = {part for part in parts if part is not None and PART_NAME.fullmatch(part)}
    by_month = _kinds(site_dir, map(_year_of, wanted))
    # A part of the kind its year no longer has (one part, or parts by month) goes too.
    present = {
        part
        for part in wanted
        if by_month[_year_of(part)] == _is_monthly(part) and _indexable(site_dir, part)
    }
    bundle = site_dir / BUNDLE
    bundle.mkdir(exist_ok=True)
    for gone in sorted(wanted - present):
        _remove(bundle / gone)
    todo = sorted(wanted & present, reverse=True)
    runs = concurrent_runs([_pages_size(site_dir, part) for part in todo])
    release_freed_memory()  # before Pagefind needs it
    with ThreadPoolExecutor(max_workers=runs) as pool:
        runs_of = pool.map(lambda part: _index_part(site_dir, part), todo)
        failed = dict(zip(todo, runs_of, strict=True))
    failures = [failure for failure in failed.values() if failure is not None]
    indexed = {part for part, failure in failed.items() if failure is None}
    failures += update_maps(
        bundle, _complete_parts(bundle), indexed | (wanted - present), words_from or bundle
    )
    _write_manifest(bundle, {part for part, failure in failed.items() if failure is not None})
    if failures:
        raise BuildFailed(failures)


def mark_updating(site_dir: Path, parts: Iterable[str]) -> None:
    """Say in the manifest that these parts are behind the pages (before the pages change):
    the search page tells readers so until index_parts has brought them up to date."""
    bundle = site_dir / BUNDLE
    if bundle.is_dir():
        _write_manifest(bundle, set(parts))


def concurrent_runs(part_sizes: list[int]) -> int:
    """How many Pagefind runs at a time, for parts of these sizes (bytes of pages to read)."""
    largest = max(part_sizes, default=0) * PEAK_PER_PAGE_BYTE
    return max(1, min(MAX_RUNS, len(part_sizes), MEMORY_BUDGET // max(largest, 1)))


def _pages_size(site_dir: Path, part: str) -> int:
    return sum(page.stat().st_size for page in _pages(site_dir, part))


def _index_part(site_dir: Path, part: str) -> Diagnostic | None:
    """Run Pagefind for one part into its bundle folder; the failure if any."""
    failure = run_into(site_dir / BUNDLE / part, site_dir / RECORDS, pagefind_glob(part))
    return None if failure is None else _failure(part, failure)


def _complete_parts(bundle: Path) -> list[str]:
    """The parts with a complete bundle, newest first."""
    found = (entry.parent.name for entry in bundle.glob("[!.]*/pagefind-entry.json"))
    return sorted((name for name in found if PART_NAME.fullmatch(name)), reverse=True)


def manifest(bundle: Path, updating: Iterable[str] = ()) -> dict[str, Any]:
    """What the search page reads first: every complete part, newest first, with the
    languages it indexes and its page count (for relevance across parts); the part of each
    record of every language's word map (maps, by record id); the parts whose pages changed
    since they were indexed (updating, if any)."""
    parts = []
    for name in _complete_parts(bundle):
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry.get("languages", {})
        pages = sum(language.get("page_count", 0) for language in languages.values())
        parts.append({"name": name, "languages": sorted(languages), "pages": pages})
    found: dict[str, Any] = {"parts": parts}
    # A map whose every part was re-indexed since it was built names none: left out, the
    # page searches every part without looking the query up first.
    if maps := {
        lang: ids for lang, ids in map_ids(bundle).items() if set(ids.values()) - {EVERYWHERE}
    }:
        found["maps"] = maps
    if behind := sorted(updating, reverse=True):
        found["updating"] = behind
    return found


def _write_manifest(bundle: Path, updating: Iterable[str] = ()) -> None:
    text = json.dumps(manifest(bundle, updating), ensure_ascii=False, separators=(",", ":"))
    replace_file(bundle / MANIFEST, (text + "\n").encode("utf-8"))


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _failure(part: str, message: str) -> Diagnostic:
    return Diagnostic(f"{BUNDLE}/{part}/", 1, message)
