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
and language of the article URLs, or per month of a year with more than SPLIT_FROM article
pages in a language (searchparts.py), and Pagefind runs once per part: the peak is that of
the largest part (~0.4 GB at 20,000 articles), not of the archive. Two runs go at a time
when two of the largest part fit in MEMORY_BUDGET, so both cores stay busy; an edit
re-indexes its part in both languages side by side. Each part is a complete bundle in
`pagefind/<part>/`, and `pagefind/parts.json` lists the parts, newest first, with the
language each one indexes and its page count (searchmanifest.py).

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

import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.hosts import SiteSize
from .collector import release_freed_memory
from .output import measure
from .pagefindrun import run_into
from .searchmanifest import MANIFEST, complete_parts, write_manifest
from .searchmap import PREFIX as MAP_PREFIX
from .searchmap import update_maps
from .searchparts import (
    BUNDLE,
    RECORDS,
    bundles_of_records,
    pagefind_glob,
    pages_size,
    part_pages,
    parts_present,
    site_parts,
)
from .searchreuse import keep_unchanged

# Two runs at a time keep both cores busy, but only while two of the largest part fit in the
# memory budget: the whole build should stay under 1.5 GB and its own process still holds
# ~0.3 GB at 20,000 articles. Pagefind's peak is ~8 times the size of the pages it reads
# (measured: a year of 5,000 articles, 16 MB of pages -> 130 MB; of 20,000, 66 MB -> 490 MB).
MAX_RUNS = 2
MEMORY_BUDGET = 1000 * 2**20
PEAK_PER_PAGE_BYTE = 8


def bundles_changed_by(site_dir: Path, files: Iterable[str]) -> list[str]:
    """What re-indexing after these pages changed may change, relative to site_dir: the
    bundle folders of their years and languages, the word maps and the manifest."""
    folders = bundles_of_records(site_dir, files)
    folders |= {path.name for path in (site_dir / BUNDLE).glob(f"{MAP_PREFIX}*")}
    return [*(f"{BUNDLE}/{name}" for name in sorted(folders)), f"{BUNDLE}/{MANIFEST}"]


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


def index_parts(
    site_dir: Path, parts: Iterable[str | None], words_from: Path | None = None
) -> None:
    """Re-index the given parts of site_dir, each replaced atomically, and the word maps of
    their languages (searchmap.py); BuildFailed if one failed.

    A part with no page left to index loses its bundle; None (pages of no part) and names that
    are no part are ignored. Parts whose run succeeded are in place even when another one failed.
    words_from: the bundle folder whose maps hold the other parts' words (default: this site's).
    """
    # A part of the kind its year no longer has (one part, or parts by month) goes too.
    wanted, present = parts_present(site_dir, parts)
    bundle = site_dir / BUNDLE
    bundle.mkdir(exist_ok=True)
    for gone in sorted(wanted - present):
        _remove(bundle / gone)
    todo = sorted(wanted & present, reverse=True)
    runs = concurrent_runs([pages_size(site_dir, part) for part in todo])
    release_freed_memory()  # before Pagefind needs it
    with ThreadPoolExecutor(max_workers=runs) as pool:
        runs_of = pool.map(lambda part: _index_part(site_dir, part), todo)
        failed = dict(zip(todo, runs_of, strict=True))
    failures = [failure for failure in failed.values() if failure is not None]
    indexed = {part for part, failure in failed.items() if failure is None}
    failures += update_maps(
        bundle, complete_parts(bundle), indexed | (wanted - present), words_from or bundle
    )
    write_manifest(bundle, {part for part, failure in failed.items() if failure is not None})
    if failures:
        raise BuildFailed(failures)


def concurrent_runs(part_sizes: list[int]) -> int:
    """How many Pagefind runs at a time, for parts of these sizes (bytes of pages to read)."""
    largest = max(part_sizes, default=0) * PEAK_PER_PAGE_BYTE
    return max(1, min(MAX_RUNS, len(part_sizes), MEMORY_BUDGET // max(largest, 1)))


def _index_part(site_dir: Path, part: str) -> Diagnostic | None:
    """Run Pagefind for one part into its bundle folder; the failure if any."""
    failure = run_into(site_dir / BUNDLE / part, site_dir / RECORDS, pagefind_glob(part))
    return None if failure is None else _failure(part, failure)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _failure(part: str, message: str) -> Diagnostic:
    return Diagnostic(f"{BUNDLE}/{part}/", 1, message)
