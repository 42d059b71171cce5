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
import os
import pickle
import tempfile
import time
import zlib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import jinja2

from ..core.diagnostics import Diagnostic
from ..core.hosts import SiteSize
from ..pages.environment import COMPILED_CODE, PACKAGE_TEMPLATES, make_environment
from .collector import unpickled_to_keep
from .output import MARKER

CACHE_DIR = ".cache"
CACHE_FILE = "build.pickle"
LOCK_FILE = "build.lock"
MAGIC = b"newsarchive-record-5\n"  # the format's version: another one is simply not read
RACY_NS = 2_000_000_000  # a file changed this close to the record is hashed again
Stamped = tuple[int, int, int, bytes]  # mtime_ns, size, inode, sha256 digest of the bytes
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
    size: tuple[int, int] = (0, 0)  # the site's bytes and files


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

    def record(
        self,
        site: list[int],
        pages: int,
        warnings: tuple[Diagnostic, ...],
        snapshot: str,
        size: SiteSize,
    ) -> Record:
        """The record of a build of these inputs."""
        sized = (size.bytes, size.files)
        return Record(
            self.key, site, pages, warnings, self.files, 0, snapshot, self.files_key, sized
        )


def input_state(
    root: Path,
    templates: Path,
    options: Mapping[str, object],
    last: Record | None,
    read: dict[str, bytes] | None = None,
    changed: Collection[Path] | None = None,
) -> Inputs:
    """The input key, reading only files whose stat differs from the last record's.

    One stat per file is the floor (30,000 files: a tenth of a second here); the digest
    of all files is made again only when one of them changed. `read` receives the bytes of
    the content files read, by path relative to content/, for the build not to read them
    again (at 20,000 articles a second reading took half a second).

    `changed`: the files a watcher saw change since `last` was written (the dev server's);
    then only those, and the files the racily-clean rule cannot trust yet, are looked at.
    """
    known = last.files if last is not None else {}
    racy = (last.saved_ns if last is not None else 0) - RACY_NS
    files: dict[str, Stamped] = {}
    same = last is not None and bool(last.files_key)
    folders = (("content", root / "content"), ("templates", templates), ("code", PACKAGE))
    watched = _watched(folders, known, racy, changed) if changed is not None else None
    for label, folder in folders:
        if watched is None:
            found = _walk(folder, f"{label}/", label == "code")
        else:
            found = watched[0][label]
        for name, path, stat in found:
            seen = known.get(name)
            if (
                seen is None
                or seen[0] != stat.st_mtime_ns
                or seen[1] != stat.st_size
                or seen[2] != stat.st_ino
                or stat.st_mtime_ns >= racy
            ):
                with open(path, "rb") as file:
                    data = file.read()
                digest = hashlib.sha256(data).digest()
                if read is not None and label == "content":
                    read[name.removeprefix("content/")] = data
                same = same and seen is not None and seen[3] == digest
                seen = (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)
            files[name] = seen
    if watched is not None:  # the files no watcher event named keep their stamps
        gone = watched[1]
        same = same and not gone
        files = {n: s for n, s in known.items() if n not in gone and n not in files} | files
    files_key = last.files_key if same and last and len(files) == len(known) else _files_key(files)
    key = hashlib.sha256(f"{json.dumps(options, sort_keys=True)}\0{files_key}".encode())
    return Inputs(key.hexdigest(), files, files_key)


def _files_key(files: Mapping[str, Stamped]) -> str:
    """One digest of every file's name and digest, in name order."""
    parts = (b"%s\0%s" % (name.encode(), files[name][3]) for name in sorted(files))
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


Found = list[tuple[str, str, os.stat_result]]  # (name, path, stat) of files looked at


def _watched(
    folders: tuple[tuple[str, Path], ...],
    known: Mapping[str, Stamped],
    racy: int,
    changed: Collection[Path],
) -> tuple[dict[str, Found], set[str]] | None:
    """What input_state looks at when a watcher named the changed files: those that exist,
    by label, and each known file that changed too close to the record to be trusted; and
    the names of those that are gone. None (walk everything) for a folder event or a file
    outside the inputs: then only a walk tells what changed."""
    wanted = {name for name, stamp in known.items() if stamp[0] >= racy}
    for path in changed:
        name = _name_of(path, folders)
        if name is None or path.is_dir():
            return None
        wanted.add(name)
    looked: dict[str, Found] = {label: [] for label, _ in folders}
    gone: set[str] = set()
    where = dict(folders)
    for name in sorted(wanted):
        label, _, rel = name.partition("/")
        file = os.path.join(where[label], rel)
        try:
            looked[label].append((name, file, os.stat(file)))
        except OSError:
            gone.add(name)
    return looked, gone


def _name_of(path: Path, folders: tuple[tuple[str, Path], ...]) -> str | None:
    """The record's name of a watched file ("content/…", "templates/…"), None if no input."""
    for label, folder in folders:
        if label != "code" and path.is_relative_to(folder):
            rel = path.relative_to(folder).as_posix()
            return None if "__pycache__" in rel.split("/") else f"{label}/{rel}"
    return None


def _walk(folder: Path, prefix: str, code: bool) -> list[tuple[str, str, os.stat_result]]:
    """(prefix + relative posix name, path, stat) of the files under folder; only the *.py
    files for code (every module of the package, in its sub-packages too). os.scandir: no
    Path objects, the stat taken from its entry.
    A __pycache__ folder holds what builds compile (compiled_templates), never an input."""
    found: list[tuple[str, str, os.stat_result]] = []
    stack = [(str(folder), prefix)]
    while stack:
        directory, named = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:  # as os.walk: a folder that cannot be listed has no files
            continue
        for entry in entries:
            if entry.is_dir():
                # as os.walk: links not followed
                if not entry.is_symlink() and entry.name != "__pycache__":
                    stack.append((entry.path, f"{named}{entry.name}/"))
            elif not code or entry.name.endswith(".py"):  # a new version of the tool
                found.append((named + entry.name, entry.path, entry.stat()))
    return found


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache (atomic writes; a damaged or stale file is compiled again) that a
    read-only or odd cache folder does not break: what it cannot read or store is compiled."""

    def __init__(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_source_checksum(self, source: str) -> str:
        # With the version of the code our generator writes: what an earlier one compiled
        # is compiled again, not run (it would still render right, only slower).
        return super().get_source_checksum(f"{COMPILED_CODE}\0{source}")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(root: Path, templates: Path) -> jinja2.BytecodeCache:
    """Templates compiled once and kept by their source: a build need not compile them again
    (a tenth of an edit's time at 20,000 articles, 60 ms of any cold build's).

    A project's own templates are kept in ROOT/.cache/templates/. The tool's own are kept
    beside them, in templates/__pycache__/ (compiled at setup, as its modules are: see
    compile_package_templates), for every project's first build, where the tool's folder
    can be written to.
    """
    shared = templates / "__pycache__"
    if templates == PACKAGE_TEMPLATES and _writable(shared):
        return _CompiledTemplates(shared)
    return _CompiledTemplates(root / CACHE_DIR / "templates")


def _writable(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        folder.mkdir(exist_ok=True)
        return os.access(folder, os.W_OK)
    return False


def compile_package_templates() -> int:
    """Compile the tool's own templates into their cache (make's setup); how many."""
    env = make_environment(PACKAGE_TEMPLATES, compiled_templates(Path.cwd(), PACKAGE_TEMPLATES))
    names = env.list_templates(extensions=["html"])
    for name in names:
        env.get_template(name)
    return len(names)


def site_stamp(out_dir: Path) -> list[int]:
    """Identity of the output folder a build swapped in: its inode and its marker's stamp."""
    try:
        folder, marker = out_dir.stat(), (out_dir / MARKER).stat()
    except OSError:
        return []
    return [folder.st_ino, marker.st_ino, marker.st_mtime_ns]


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
        record = Record(*unpickled_to_keep(payload))  # tens of thousands of small tuples
        if not isinstance(record.files, dict) or not all(
            isinstance(value, int)
            for value in (*record.site, record.pages, record.saved_ns, *record.size)
        ):
            return None
        return record
    except Exception:  # any damage to the cache only costs a full build
        return None


def is_current(record: Record | None, key: str, out_dir: Path) -> bool:
    """Whether the output folder is exactly what a build of these inputs would write."""
    if record is None or record.key != key:
        return False
    stamp = site_stamp(out_dir)
    return bool(stamp) and stamp == record.site


def save_record(root: Path, record: Record) -> None:
    """Write the record atomically (a crash leaves the old record or none, never half),
    with a CRC-32 of its pickle: a damaged file is not read."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    saved = replace(record, saved_ns=time.time_ns())
    values = tuple(getattr(saved, f.name) for f in fields(saved))
    payload = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".build-", suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    os.replace(temp, folder / CACHE_FILE)
    with contextlib.suppress(OSError):  # the record as earlier versions wrote it
        (folder / "build.json").unlink(missing_ok=True)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the block: one build at a time writes site/ and the
    record, whichever command runs it (the dev server's, `build` in another terminal)."""
    try:
        (root / CACHE_DIR).mkdir(exist_ok=True)
        fd = os.open(root / CACHE_DIR / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:  # a read-only project: nothing else can write its record either
        yield
        return
    try:
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
