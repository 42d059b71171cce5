"""Copying a file into the site as it is, never holding it in memory (I/O): a media file of
content/ published, or replaced in a published site. A 300 MB video read whole made the
demo's build peak at 319 MB cold, and at 605 MB over a site (compared with the published
file, read whole too) or with the video replaced; copied and compared a block at a time,
33 MB in each, what the demo takes without it (bench/bench_media.py, docs/benchmarks.md).
Never a hard link to the file in content/ (output.copy_in says why)."""

from __future__ import annotations

import contextlib
import errno
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
    """Copy source's bytes into a new file at target, in the kernel (copy_file_range: on
    btrfs or XFS a shared extent, no byte copied), else 1 MiB at a time: never whole in
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
    """Copy the rest of one open file into another, in the kernel where it can (two files on
    one file system, Linux), else through a buffer of 1 MiB."""
    in_kernel = getattr(os, "copy_file_range", None)  # Linux only
    try:
        while in_kernel is not None and in_kernel(reading.fileno(), writing.fileno(), COPY_CHUNK):
            pass
    except OSError as exc:
        if exc.errno not in KERNEL_CANNOT_COPY:
            raise
    shutil.copyfileobj(reading, writing, 1 << 20)  # what the kernel did not copy: none, or all


COPY_CHUNK = 1 << 30
# copy_file_range's answers when it cannot copy these two files (another file system on an
# older kernel, a file system or kernel without it): the bytes are copied by reading them.
KERNEL_CANNOT_COPY = frozenset(
    {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}
)
