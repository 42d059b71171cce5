"""Unchanged parts of the search index carried over from the previous site (I/O).

A full build writes a new folder and indexes it, and Pagefind takes about 3 ms a page: at
100,000 articles every part together took 230 s, although adding an article changes the
pages of one month (or year) only. A part whose search records (searchindex.py) are byte for
byte those the previous site's bundle was made from, by the same Pagefind, gets that bundle
instead of a run. Its
files are hard links: nothing is copied, and the previous site stays whole until the new
one is swapped in (a failed build leaves it as it was). A part the previous site listed as
`updating` (an edit's re-index that failed) is behind its pages and is indexed again.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

INDEXED = b"data-pagefind-body"  # Pagefind indexes only the pages that have it
PagesOf = Callable[[Path, str], list[str]]  # a part's pages, relative to the site


def keep_unchanged(
    site_dir: Path, previous: Path, parts: Iterable[str], pages_of: PagesOf, bundle: str
) -> set[str]:
    """Link into site_dir/<bundle>/ the previous site's bundle of every part whose pages are
    unchanged; the parts so kept (the others need a Pagefind run)."""
    version = pagefind_version()
    old_bundle = previous / bundle
    if version is None or not old_bundle.is_dir():
        return set()
    behind = _updating(old_bundle)
    kept: set[str] = set()
    for part in sorted(parts):
        old = old_bundle / part
        if part in behind or _made_by(old) != version:
            continue
        if _same_pages(site_dir, previous, part, pages_of):
            link_tree(old, site_dir / bundle / part)
            kept.add(part)
    return kept


def pagefind_version() -> str | None:
    """The version of the Pagefind that indexes (the `pagefind` package runs its binary)."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return None


def _made_by(part: Path) -> str | None:
    """The Pagefind version that wrote a bundle, None if it is no complete bundle."""
    try:
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry.get("version") if isinstance(entry, dict) else None


def _updating(bundle: Path) -> set[str]:
    """The parts the previous site's manifest says are behind their pages."""
    try:
        manifest = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {path.name for path in bundle.iterdir()}  # unknown: none is trusted
    return set(manifest.get("updating", [])) if isinstance(manifest, dict) else set()


def _same_pages(site_dir: Path, previous: Path, part: str, pages_of: PagesOf) -> bool:
    """Whether a part has the same pages, byte for byte, in both sites."""
    pages = pages_of(site_dir, part)
    if sorted(pages) != sorted(pages_of(previous, part)):
        return False
    return all(_same_for_search(site_dir / page, previous / page) for page in pages)


def _same_for_search(new: Path, old: Path) -> bool:
    """The same bytes, or two versions of a record Pagefind skips (no data-pagefind-body:
    an English page with nothing translated)."""
    if os.path.samefile(new, old):  # linked from the previous site (output.py): no reading
        return True
    if filecmp.cmp(new, old, shallow=False):
        return True
    return not any(INDEXED in page.read_bytes() for page in (new, old))


def link_tree(source: Path, target: Path) -> None:
    """A copy of the folder source at target whose files are hard links to source's."""
    shutil.copytree(source, target, copy_function=_link)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: a copy then
        shutil.copy2(source, target)
