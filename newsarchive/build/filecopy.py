"""Copying a file into the site as it is, never holding it in memory (I/O): a media file of
content/ published, or replaced in a published site. A 300 MB video read whole made the
demo's build peak at 319 MB cold, and at 605 MB over a site (compared with the published
file, read whole too) or with the video replaced; copied and compared a block at a time,
33 MB in each, what the demo takes without it (bench/bench_media.py, docs/benchmarks.md).
Never a hard link to the file in content/ (output.copy_in says why)."""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import stat
from pathlib import Path
from typing import BinaryIO

from ..content.atomic import as_write_error, new_file_permissions


def same_bytes(published: str | Path, source: Path) -> bool:
    """Whether the site's file holds exactly source's bytes, and may be linked to (a private
    file, 0600, an older build left, may not: written anew, readable); read a block at a
    time, never whole. False when either cannot be read."""
    try:
        if stat.S_IMODE(os.stat(published).st_mode) != new_file_permissions():
            return False
        return filecmp.cmp(published, source, shallow=False)
    except OSError:
        return False


def copy_new(target: str | Path, source: Path) -> int:
    """Copy source's bytes into a new file at target, 1 MiB at a time: never whole in
    memory. A file already at target is unlinked first, never written into (write_new).
    Its bytes; FileNotFoundError naming source when it is gone, a WriteError naming target
    when the copy cannot be written."""
    with open(source, "rb", buffering=0) as reading:
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            with open(target, "xb") as writing:
                copy_bytes(reading, writing)
            return os.stat(target).st_size
        except OSError as exc:
            raise as_write_error(exc, target) from exc


def copy_bytes(reading: BinaryIO, writing: BinaryIO) -> None:
    """Copy the rest of one open file into another, 1 MiB at a time (the memory target: a
    recording is never held whole)."""
    shutil.copyfileobj(reading, writing, 1 << 20)
