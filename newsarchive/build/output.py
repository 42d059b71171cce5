"""Atomic output: write the site into a temporary folder, then swap it in for site/ (I/O).

A page whose bytes equal the replaced site's file is not written but linked to that file.
Deleting the old site then frees only the files that changed: on this machine's disk
(mounted with `discard`) freeing a site's files took longer than writing them, so a full
rebuild over a site was slower than a cold build (docs/benchmarks.md). A linked file is
shared with the old site until it is deleted, so no file is ever written into in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..content.atomic import WriteError, as_write_error, new_file_permissions
from ..core.hosts import SiteSize, size_of
from ..core.model import OutputFile
from ..core.urls import SEARCH_RECORDS
from .filecopy import copy_new, same_bytes

MARKER = ".newsarchive-build"  # proves a folder was made by us, so we may replace it
MARKER_TEXT = b"made by build.py; safe to delete with the folder\n"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class OutputError(Exception):
    """The output folder cannot be replaced safely."""


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    import ctypes.util  # here: an edit that swaps nothing does not pay for importing it

    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)


def recover(out_dir: Path) -> None:
    """Undo what an interrupted build left: restore a swapped-out site/, drop temp folders."""
    parent = out_dir.parent
    for leftover in sorted(parent.glob(f".{out_dir.name}-old-*")):
        if not out_dir.exists() and (leftover / MARKER).exists():
            leftover.rename(out_dir)
        elif (leftover / MARKER).exists():
            shutil.rmtree(leftover)
    for leftover in parent.glob(f".{out_dir.name}-tmp-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover)


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace an output folder that we did not create (it may hold someone's files)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder; move it away")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError(f"{out_dir} was not made by build.py; move it away or delete it first")


def write_files(
    root: Path,
    files: Iterable[OutputFile],
    made: set[str] | None = None,
    replacing: Path | None = None,
) -> SiteSize:
    """Write files under root, creating folders (`made` remembers them); the bytes and files
    written (the build adds these up to state the site's size without walking it). A file
    whose bytes equal its namesake's in the site root will replace (`replacing`) is linked
    to it instead.

    Paths are joined as strings: a Path per file and per folder cost more than the system
    calls that create them (on tmpfs 37 µs a page against 23 µs)."""
    made = set() if made is None else made
    base = os.fspath(root)
    before = None if replacing is None else os.fspath(replacing)
    return size_of((file.path, _written(base, file, made, before)) for file in files)


def _written(base: str, file: OutputFile, made: set[str], before: str | None) -> int:
    """Put one file under base, linked to its namesake under `before` when that holds the
    same bytes, else written; its bytes."""
    target = _placed(base, file.path, made)
    if before is None or not _linked_if_same(f"{before}/{file.path}", target, file.content):
        write_new(target, file.content)
    return len(file.content)


def link_files(old: Path, new: Path, paths: Iterable[str], made: set[str]) -> SiteSize | None:
    """Link these files of the site folder old into the new one, making folders as
    write_files does: their bytes and count; None when one cannot be linked (those before it
    stay linked: writing its path again replaces the file, see write_new)."""
    before, base = os.fspath(old), os.fspath(new)
    linked: list[tuple[str, int]] = []
    for path in paths:
        size = _linked_over(f"{before}/{path}", _placed(base, path, made))
        if size is None:
            return None
        linked.append((path, size))
    return size_of(linked)


def _linked_over(source: str, target: str) -> int | None:
    """Link target to the replaced site's file source: its bytes; None when it cannot be
    linked, or is a private file (0600) an older build left (the article is made again)."""
    try:
        found = os.stat(source)
        if stat.S_IMODE(found.st_mode) != new_file_permissions():
            return None
        os.link(source, target)
    except OSError:
        return None
    return found.st_size


def link_in(
    root: Path, files: Iterable[tuple[str, Path]], made: set[str] | None = None
) -> SiteSize:
    """Put each file (its path under root, the file elsewhere: a photo's rendition in the
    build cache) under root as a hard link to it, copied where it cannot be linked (another
    file system, no links): the bytes and files put."""
    made = set() if made is None else made
    base = os.fspath(root)
    return size_of((path, _linked_in(_placed(base, path, made), source)) for path, source in files)


def _linked_in(target: str, source: Path) -> int:
    """Put source at target as a hard link, or a copy where it cannot be linked: its bytes."""
    try:
        os.link(source, target)
        return os.stat(target).st_size
    except OSError:
        return copy_new(target, source)


def copy_in(
    root: Path, files: Iterable[tuple[str, Path]], replacing: Path | None = None
) -> SiteSize:
    """Put each file (its path under root, the file elsewhere: a media file of content/)
    under root as it is, never holding it in memory (a 300 MB video made a build hold 300 MB,
    600 MB over a site: docs/benchmarks.md): linked to its namesake in the site root will
    replace (`replacing`) when that holds the same bytes, else copied. Never linked to the
    file in content/: an editor's program that saves over it in place would change the
    published site, and the site's file would keep the editor's permissions. A file gone
    since the build looked is left out (the next build sees it gone). The bytes and files."""
    made: set[str] = set()
    base = os.fspath(root)
    before = None if replacing is None else os.fspath(replacing)
    put = ((path, _copied(base, path, source, made, before)) for path, source in files)
    return size_of((path, size) for path, size in put if size is not None)


def _copied(base: str, path: str, source: Path, made: set[str], before: str | None) -> int | None:
    """Put source at path under base, linked to the same path under `before` when that holds
    the same bytes, else copied; its bytes, None when source is gone."""
    try:
        size = os.stat(source).st_size
    except OSError:
        return None
    target = _placed(base, path, made)
    if before is not None and same_bytes(f"{before}/{path}", source):
        with contextlib.suppress(OSError):  # else copied: a file system without links
            os.link(f"{before}/{path}", target)
            return size
    try:
        return copy_new(target, source)
    except FileNotFoundError as gone:  # deleted since its stat
        if gone.filename != os.fspath(source):
            raise
        return None


def _placed(base: str, path: str, made: set[str]) -> str:
    """The file path under base, its folder made if `made` does not have it yet."""
    target = f"{base}/{path}"
    folder = target.rpartition("/")[0]
    if folder not in made:
        _make_folder(folder)
        made.add(folder)
    return target


def _linked_if_same(old: str, target: str, content: bytes) -> bool:
    """Link target to the file old when it holds exactly these bytes; False when it does
    not, or cannot be read or linked (the caller writes the file then)."""
    try:
        fd = os.open(old, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != new_file_permissions():
            return False  # a private file (0600) an older build left: written anew, readable
        held = b""
        while len(held) <= len(content):  # one byte more than expected: a longer file differs
            chunk = os.read(fd, len(content) + 1 - len(held))
            if not chunk:
                break
            held += chunk
    except OSError:
        return False
    finally:
        os.close(fd)
    if held != content:
        return False
    try:
        os.link(old, target)
    except OSError:  # a file system without links, or the link count at its limit
        return False
    return True


def _make_folder(folder: str) -> None:
    """mkdir, with its parents when missing (os.makedirs alone stats the parent first)."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise


def write_new(target: str | Path, content: bytes) -> None:
    """Write bytes to a new file in three system calls. Path.write_bytes makes six (its
    buffered file stats the file, asks whether it is a terminal and seeks): 20 µs more a
    page here. A file already there is unlinked first, never truncated: it may be linked
    to the replaced site's file, which must stay whole until the new site is swapped in."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        try:
            fd = os.open(target, flags, 0o666)
        except FileExistsError:
            os.unlink(target)
            fd = os.open(target, flags, 0o666)
        try:
            view = memoryview(content)
            while view:  # a regular file takes it all at once, unless interrupted or full
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as exc:  # os.write's error names no file: the build must say which
        raise as_write_error(exc, target) from exc


def copy_static(static_dir: Path, target: Path, replacing: Path | None = None) -> None:
    """Copy templates/static/ into the site's static/ folder (`replacing`: the replaced
    site's, whose equal files are linked)."""
    if not static_dir.is_dir():
        return
    found = (path for path in sorted(static_dir.rglob("*")) if path.is_file())
    files = [OutputFile(p.relative_to(static_dir).as_posix(), p.read_bytes()) for p in found]
    write_files(target, files, replacing=replacing)


def fill_site(
    out_dir: Path,
    fill: Callable[[Path], SiteSize],
    static_dir: Path,
    finish: Callable[[Path], SiteSize] | None = None,
) -> SiteSize:
    """Make a new site beside out_dir: `fill` writes its files into the new folder and says
    what it wrote; static files are copied and `finish` run on it (e.g. indexing: it says what
    it added); then it is swapped in for out_dir. The whole site's size, added up as it was
    written: a walk over the finished site took 42 s at 100,000 articles (221,613 files)."""
    out_dir = out_dir.absolute()
    recover(out_dir)
    check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=out_dir.parent))
    try:
        size = fill(tmp)
        copy_static(static_dir, tmp / "static", out_dir / "static")
        size += measure(tmp, ["static"])
        if finish is not None:
            size += finish(tmp)
        size += write_files(tmp, [OutputFile(MARKER, MARKER_TEXT)])
        tmp.chmod(0o755)
        swap_in(tmp, out_dir)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, WriteError) and str(exc.filename).startswith(f"{tmp}/"):
            # Named where the user will look for it: the new site's folder is gone.
            place = out_dir / str(exc.filename).removeprefix(f"{tmp}/")
            raise WriteError(exc.errno, exc.strerror, str(place)) from exc
        raise
    return size


def swap_in(new: Path, out_dir: Path) -> None:
    """Put the folder `new` in out_dir's place atomically (exchange, or two renames that
    recover() can undo) and delete what was there."""
    if not out_dir.exists():
        new.rename(out_dir)
        return
    if _exchange(new, out_dir):
        shutil.rmtree(new)  # `new` now holds the previous site
        return
    old = out_dir.parent / f".{out_dir.name}-old-{os.getpid()}"
    out_dir.rename(old)  # recover() restores it if we die before the next line
    new.rename(out_dir)
    shutil.rmtree(old)


def measure(out_dir: Path, under: Iterable[str] | None = None) -> SiteSize:
    """The bytes and files of the site (hidden files included: they are published too, but
    not the search records, which are not), or of these paths in it, files or folders
    (absent ones count nothing), naming the files over BIG_FILE."""
    if under is None:
        names = os.listdir(out_dir) if out_dir.is_dir() else []
        under = [name for name in names if name != SEARCH_RECORDS]
    return size_of(_sizes_under(f"{out_dir}/", under))


def _sizes_under(top: str, under: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(path under top, bytes) of each file at or under these paths, links not followed."""
    stack = [top + rel for rel in under]
    while stack:
        path = stack.pop()
        try:
            if not os.path.isdir(path):
                yield path.removeprefix(top), os.stat(path).st_size
                continue
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                        continue
                    yield entry.path.removeprefix(top), entry.stat(follow_symlinks=False).st_size
        except FileNotFoundError:
            continue
