"""Writing an edit into site/ in place (I/O): only the files whose bytes differ, each
replaced by an atomic rename, the viewed pages first; the pages that vanished deleted; the
search parts of changed pages indexed again."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from ..content.atomic import replace_file, replacing
from ..core import urls
from ..core.hosts import SiteSize
from ..core.model import OutputFile
from . import cache
from .filecopy import copy_bytes, same_bytes
from .output import measure


def write_patch(
    options: cache.BuildOptions,
    files: tuple[list[OutputFile], list[OutputFile], list[tuple[str, Path]], list[str]],
    on_written: Callable[[tuple[str, ...]], None],
    size: SiteSize,
) -> tuple[tuple[str, ...], SiteSize]:
    """Replace the files whose bytes differ, the viewed ones first, then the media files
    copied (path in the site, file: compared and copied a block at a time), telling
    `on_written` of each lot as it lands, and delete the pages that vanished; then bring the
    search parts
    of changed pages up to date (the search page says the index is behind until they are).
    The written files and the site's size after (`size`, the size before, corrected by what
    changed)."""
    out_dir = options.out_dir
    first, rest, copies, gone = files
    first, rest = differing(out_dir, first), differing(out_dir, rest)
    copies = [(path, source) for path, source in copies if not same_bytes(out_dir / path, source)]
    changed = (
        [file.path for file in first + rest] + [path for path, _ in copies] + gone
    )  # a page gone leaves its part
    # What may change the site's size: not the search records, which are never published.
    touched = [path for path in changed if not path.startswith(f"{urls.SEARCH_RECORDS}/")]
    published = set(touched)
    parts: set[str] = set()
    bundles: list[str] = []
    if options.search:
        # Here: a build without search never needs them.
        from .searchindex import bundles_changed_by
        from .searchmanifest import mark_updating
        from .searchparts import parts_to_index

        parts = parts_to_index(out_dir, changed)
        bundles = bundles_changed_by(out_dir, changed)
    before = measure(out_dir, touched + bundles)
    if parts:
        mark_updating(out_dir, parts)
    written: tuple[str, ...] = ()
    for lot in (first, rest):
        if lot:
            replace_files(out_dir, lot)
            pages = tuple(file.path for file in lot if file.path in published)
            on_written(pages)
            written += pages
    if copies:
        copy_files(out_dir, copies)
        pages = tuple(path for path, _ in copies)
        on_written(pages)
        written += pages
    delete_pages(out_dir, gone)
    if parts:
        from .searchindex import bundles_changed_by, index_parts

        # Counted again on the new pages: a year that grew past SPLIT_FROM (or shrank) has
        # changed between one part and parts by month.
        index_parts(out_dir, parts | parts_to_index(out_dir, changed))
        bundles = bundles_changed_by(out_dir, changed)
    after = measure(out_dir, touched + bundles)
    return written, size.changed(before, after)


def delete_pages(out_dir: Path, paths: Iterable[str]) -> None:
    """Delete these files, and the folders they leave empty (a full build has none)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            (out_dir / path).unlink()
        folder = (out_dir / path).parent
        while folder != out_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def differing(out_dir: Path, files: list[OutputFile]) -> list[OutputFile]:
    """The files whose bytes differ from those in out_dir (or are not there)."""
    found = []
    for file in files:
        with contextlib.suppress(OSError):
            if (out_dir / file.path).read_bytes() == file.content:
                continue
        found.append(file)
    return found


def copy_files(out_dir: Path, files: list[tuple[str, Path]]) -> None:
    """Replace each file (path in out_dir, file to copy) atomically, as replace_files does,
    copying it a block at a time; one gone since the build looked is left as it was (the
    next build sees it gone)."""
    for path, source in files:
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(source, "rb", buffering=0) as reading, replacing(target) as writing:
                copy_bytes(reading, writing)
        except FileNotFoundError as gone:
            if gone.filename != str(source):
                raise


def replace_files(out_dir: Path, files: list[OutputFile]) -> None:
    """Replace each file atomically: readers see the old file or the new one, never half."""
    for file in files:
        target = out_dir / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, file.content)
