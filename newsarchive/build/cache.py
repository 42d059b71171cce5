"""The build cache in ROOT/.cache/: skip a build whose inputs and output are unchanged (I/O).

The key is a sha256 of every input's bytes (content/, templates, the package's own code) and
of the options, so an edit anywhere, a new version of the tool or another --base-url builds
again. Each file's digest is kept with its stat (mtime_ns, size, inode): a file whose stat is
unchanged is not read again, unless it changed so close to the record that the clock could
not tell (git's "racily clean" rule). The output folder is recognised by its inode and
marker stamp: a site/ deleted or replaced by hand is rebuilt. A cache file that is missing,
unreadable or malformed only means a full build; it can never make a build skip wrongly,
because the file carries a CRC-32 of its contents and its fields' types are checked.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import marshal
import os
import pickle
import time
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..content.atomic import replace_file
from ..core.diagnostics import Diagnostic
from ..core.hosts import NOTHING, SiteSize
from .collector import collector_paused, unpickled_to_keep
from .inputfiles import Stamped, look, look_at_all, watched_inputs
from .output import MARKER

CACHE_DIR = ".cache"
CACHE_FILE = "build.pickle"
LOCK_FILE = "build.lock"
MAGIC = b"newsarchive-record-7\n"  # the format's version: another one is simply not read
RACY_NS = 2_000_000_000  # a file changed this close to the record is hashed again
KEY_MODULUS = 2**256  # the files key: a sum of sha256 digests (_files_key)
PACKAGE = Path(__file__).resolve().parent.parent  # the newsarchive package


@dataclass(frozen=True)
class Record:
    """What the last successful build left: its input key, output stamp, pages and warnings."""

    key: str
    site: list[int]
    pages: int
    warnings: tuple[Diagnostic, ...]
    files: dict[str, Stamped] = field(default_factory=dict)  # by "label/relative path"
    saved_ns: int = 0  # when the record was written (for the racily-clean rule)
    snapshot: str = ""  # digest of the snapshot file the next incremental build starts from
    files_key: str = ""  # the digest of every input file (the key without the options)
    size: SiteSize = NOTHING  # the site's bytes and files, and its big files


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for; a build with other options does not reuse the last one."""

    out_dir: Path
    base_url: str | None
    search: bool
    epoch: str = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH", ""))

    def as_dict(self) -> dict[str, object]:
        """The options as recorded in the cache."""
        out = str(self.out_dir.absolute())
        return {"base_url": self.base_url, "search": self.search, "out": out, "epoch": self.epoch}


@dataclass(frozen=True)
class Inputs:
    """The key of the inputs as they are now, and each file's stat and digest."""

    key: str
    files: dict[str, Stamped]
    files_key: str
    refused: tuple[str, ...] = ()  # what in content/ no build reads (inputfiles.Looked's)

    def record(
        self,
        site: list[int],
        pages: int,
        warnings: tuple[Diagnostic, ...],
        snapshot: str,
        size: SiteSize,
    ) -> Record:
        """The record of a build of these inputs."""
        return Record(
            self.key, site, pages, warnings, self.files, 0, snapshot, self.files_key, size
        )


def input_state(
    root: Path,
    templates: Path,
    options: Mapping[str, object],
    last: Record | None,
    changed: Collection[Path] | None = None,
) -> Inputs:
    """The input key, reading only files whose stat differs from the last record's.

    One stat per file is the floor (inputfiles.py); the key is brought up to date from
    the files that changed.

    `changed`: the files a watcher saw change since `last` was written (the dev server's);
    then only those, and the files the racily-clean rule cannot trust yet, are looked at.
    """
    known = last.files if last is not None else {}
    racy = (last.saved_ns if last is not None else 0) - RACY_NS
    folders = (("content/", root / "content"), ("templates/", templates), ("code/", PACKAGE))
    watched = watched_inputs(folders, known, racy, changed) if changed is not None else None
    if watched is None:
        looked = look_at_all(((prefix, str(folder)) for prefix, folder in folders), known, racy)
        gone = looked.gone(known)
    else:  # the files no watcher event named keep their stamps
        found, gone = watched
        looked = look(found, known, racy)
    # The record's own tuples for unchanged files: patch.py tells them by identity.
    files = {name: stamp for name, stamp in known.items() if name not in gone} if gone else known
    files = files | looked.fresh if looked.fresh else files
    if last is not None and last.files_key:
        files_key = _files_key_after(last.files_key, known, files, looked.fresh.keys() | gone)
    else:
        files_key = _files_key(files)
    key = hashlib.sha256(f"{json.dumps(options, sort_keys=True)}\0{files_key}".encode())
    return Inputs(key.hexdigest(), files, files_key, looked.refused)


def _files_key(files: Mapping[str, Stamped]) -> str:
    """One digest of every file's name and digest: the sum of a hash of each, modulo
    2**256 (a multiset hash), which an edit brings up to date by the files it changed
    instead of hashing 150,000 names again at 100,000 articles (0.2 s of an edit)."""
    total = sum(_file_term(name, stamp[3]) for name, stamp in files.items())
    return f"{total % KEY_MODULUS:064x}"


def _files_key_after(
    key: str, before: Mapping[str, Stamped], after: Mapping[str, Stamped], changed: set[str]
) -> str:
    """The files key of `after`, from the key of `before` and the names that differ."""
    total = int(key, 16)
    for name in changed:
        if name in before:
            total -= _file_term(name, before[name][3])
        if name in after:
            total += _file_term(name, after[name][3])
    return f"{total % KEY_MODULUS:064x}"


def _file_term(name: str, digest: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"%s\0%s" % (name.encode(), digest)).digest(), "big")


def site_stamp(out_dir: Path) -> list[int]:
    """Identity of the output folder a build swapped in: its inode and its marker's stamp."""
    try:
        folder, marker = out_dir.stat(), (out_dir / MARKER).stat()
    except OSError:
        return []
    return [folder.st_ino, marker.st_ino, marker.st_mtime_ns]


_PICKLED = tuple(f.name for f in fields(Record) if f.name != "files")  # the rest: marshal


def _cache_file(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def load_record(root: Path) -> Record | None:
    """The last build's record; None when absent or not exactly as written (then: build)."""
    try:
        data = _cache_file(root).read_bytes()
        if not data.startswith(MAGIC):
            return None
        crc, payload = data[len(MAGIC) : len(MAGIC) + 4], data[len(MAGIC) + 4 :]
        if int.from_bytes(crc, "big") != zlib.crc32(payload):
            return None  # damaged, or altered by hand
        rest, stamps = unpickled_to_keep(payload)
        with collector_paused(keep=True):  # tens of thousands of small tuples
            files = marshal.loads(stamps)
        record = Record(**dict(zip(_PICKLED, rest, strict=True)), files=files)
        if (
            not isinstance(record.files, dict)
            or not all(
                isinstance(value, int) for value in (*record.site, record.pages, record.saved_ns)
            )
            or not isinstance(record.size, SiteSize)
        ):
            return None
        return record
    except Exception:  # any damage to the cache only costs a full build
        return None


def is_current(record: Record | None, key: str, out_dir: Path) -> bool:
    """Whether the output folder is exactly what a build of these inputs would write."""
    return record is not None and record.key == key and site_left(record, out_dir)


def site_left(record: Record, out_dir: Path) -> bool:
    """Whether the output folder is the one the recorded build swapped in, as it left it."""
    stamp = site_stamp(out_dir)
    return bool(stamp) and stamp == record.site


def save_record(root: Path, record: Record) -> None:
    """Write the record atomically (a crash leaves the old record or none, never half),
    with a CRC-32 of its contents: a damaged file is not read.

    The files' stamps are written with marshal, the rest pickled: at 100,000 articles
    pickle took 0.14 s to write the 150,000 stamps (it remembers every object it writes,
    for references that plain tuples never have), marshal 0.02 s (the edit target of
    docs/benchmarks.md)."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    saved = replace(record, saved_ns=time.time_ns())
    rest = tuple(getattr(saved, name) for name in _PICKLED)
    payload = pickle.dumps((rest, marshal.dumps(saved.files)), protocol=pickle.HIGHEST_PROTOCOL)
    replace_file(folder / CACHE_FILE, MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    with contextlib.suppress(OSError):  # the record as earlier versions wrote it
        (folder / "build.json").unlink(missing_ok=True)


@contextlib.contextmanager
def build_lock(root: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock for the block: one build at a time writes site/ and the
    record, whichever command runs it (the dev server's, `build` in another terminal).
    `waiting` is called once when another holds it, before waiting for it: a build behind
    a long deploy otherwise looked hung."""
    try:
        (root / CACHE_DIR).mkdir(exist_ok=True)
        fd = os.open(root / CACHE_DIR / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:  # a read-only project: nothing else can write its record either
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def record_stamp(root: Path) -> tuple[int, int] | None:
    """The build record file's identity (inode, mtime), None when there is none: a change
    tells the dev server that another command built the site."""
    try:
        stat = _cache_file(root).stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def forget(root: Path) -> None:
    """Drop the record (before a build starts, so a failed build never looks current)."""
    _cache_file(root).unlink(missing_ok=True)
