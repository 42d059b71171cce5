"""Replacing a file atomically (I/O): the one way every file that may already exist is
written, a user's gloss or the build's own record alike. Readers, and a build that stops
half-way, see the old file or the new one, never part of one."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class WriteError(OSError):
    """A file of the output could not be written (a full disk, a quota, a file too large),
    with the file's path, which os.write's own error does not carry; the build says it
    in plain words (`cannot write PATH: No space left on device`)."""


def as_write_error(exc: OSError, target: Path | str) -> WriteError:
    """exc as a WriteError naming target (what the system said kept)."""
    if isinstance(exc, WriteError):
        return exc
    return WriteError(exc.errno, exc.strerror or str(exc), str(target))


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[BinaryIO]:
    """A file written beside target (a temporary name of its own in the same folder) and
    swapped in for it once the block ends; if the block raises, target is left as it was
    and the temporary file removed. The folder must exist."""
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    except OSError as exc:
        raise as_write_error(exc, target) from exc
    try:
        # mkstemp's file is private (0600): a page replaced in site/ was then one the web
        # server could not read, and a user's gloss lost its group's access. It takes the
        # permissions of the file it replaces, or a new file's.
        os.fchmod(fd, _permissions(target))
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):  # the disk full, most likely, as the file was written
            raise as_write_error(exc, target) from exc
        raise


def _permissions(target: Path) -> int:
    """The permission bits of target, or those a new file gets."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return new_file_permissions()


@functools.cache
def new_file_permissions() -> int:
    """The permission bits a new file gets: 0666 less the umask (read once: the only way
    to read the umask is to set it, and put it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def replace_file(target: Path, data: bytes) -> None:
    """Replace target's bytes with data atomically (see replacing)."""
    with replacing(target) as out:
        out.write(data)


def create_file(target: Path, data: bytes) -> None:
    """Create target holding data, whole or not at all: written beside it under a temporary
    name, then linked in under its own, FileExistsError if something is there already (never
    overwritten). A process stopped half-way (Ctrl-C, a crash, a full disk) leaves no empty
    or half file under target's name, which a build would refuse. The folder must exist."""
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    except OSError as exc:
        raise as_write_error(exc, target) from exc
    try:
        os.fchmod(fd, new_file_permissions())
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        try:
            os.link(temp, target)  # atomic, and refused if target exists
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, some network shares)
            if os.path.lexists(target):
                raise FileExistsError(
                    errno.EEXIST, os.strerror(errno.EEXIST), str(target)
                ) from None
            os.replace(temp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        raise as_write_error(exc, target) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
