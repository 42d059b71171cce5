"""The build cache in ROOT/.cache/: skip a build whose inputs and output are unchanged (I/O).

The key is a sha256 of every input's bytes (content/, templates, the package's own code) and
of the options, so an edit anywhere, a new version of the tool or another --base-url builds
again. Each file's digest is kept with its stat (mtime_ns, size, inode): a file whose stat is
unchanged is not read again, unless it changed so close to the record that the clock could
not tell (git's "racily clean" rule). The output folder is recognised by its inode and
marker stamp: a site/ deleted or replaced by hand is rebuilt. A cache file that is missing,
unreadable or malformed only means a full build; it can never make a build skip wrongly,
because every field is checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .diagnostics import Diagnostic
from .output import MARKER

CACHE_DIR = ".cache"
CACHE_FILE = "build.json"
VERSION = 3
RACY_NS = 2_000_000_000  # a file changed this close to the record is hashed again
Stamped = tuple[int, int, int, str]  # mtime_ns, size, inode, sha256 of the bytes
PACKAGE = Path(__file__).resolve().parent


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


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for; a build with other options does not reuse the last one."""

    out_dir: Path
    base_url: str | None
    search: bool
    epoch: str = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH", ""))

    def as_dict(self) -> dict[str, object]:
        """The options as recorded in the cache (JSON)."""
        out = str(self.out_dir.absolute())
        return {"base_url": self.base_url, "search": self.search, "out": out, "epoch": self.epoch}


@dataclass(frozen=True)
class Inputs:
    """The key of the inputs as they are now, and each file's stat and digest."""

    key: str
    files: dict[str, Stamped]


def input_state(
    root: Path, templates: Path, options: Mapping[str, object], last: Record | None
) -> Inputs:
    """The input key, reading only files whose stat differs from the last record's."""
    known = last.files if last is not None else {}
    racy = (last.saved_ns if last is not None else 0) - RACY_NS
    parts = [json.dumps(options, sort_keys=True), os.environ.get("SOURCE_DATE_EPOCH", "")]
    files: dict[str, Stamped] = {}
    folders = (("content", root / "content"), ("templates", templates), ("code", PACKAGE))
    for label, folder in folders:
        for name, path in _walk(folder, f"{label}/", label == "code"):
            stat = os.stat(path)
            seen = known.get(name)
            if (
                seen is None
                or seen[0] != stat.st_mtime_ns
                or seen[1] != stat.st_size
                or seen[2] != stat.st_ino
                or stat.st_mtime_ns >= racy
            ):
                with open(path, "rb") as file:
                    digest = hashlib.sha256(file.read()).hexdigest()
                seen = (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)
            files[name] = seen
            parts.append(f"{name}\0{seen[3]}")
    return Inputs(hashlib.sha256("\0".join(parts).encode()).hexdigest(), files)


def _walk(folder: Path, prefix: str, code: bool) -> list[tuple[str, str]]:
    """(prefix + relative posix name, path) of the files under folder, sorted by name;
    only *.py for code. os.scandir: no Path object, no extra stat per file."""
    if code:  # a new version of the tool builds again
        return [(prefix + p.name, str(p)) for p in sorted(folder.glob("*.py"))]
    found: list[tuple[str, str]] = []
    stack = [(str(folder), prefix)]
    while stack:
        directory, named = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:  # as os.walk: a folder that cannot be listed has no files
            continue
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():  # as os.walk: linked folders are not followed
                    stack.append((entry.path, f"{named}{entry.name}/"))
            else:
                found.append((named + entry.name, entry.path))
    found.sort()
    return found


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache (atomic writes; a damaged or stale file is compiled again) that a
    read-only or odd cache folder does not break: what it cannot read or store is compiled."""

    def __init__(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(root: Path) -> jinja2.BytecodeCache:
    """Templates compiled once, kept by their source in ROOT/.cache/templates/: a short
    build need not compile them again (a tenth of an edit's time at 20,000 articles)."""
    return _CompiledTemplates(root / CACHE_DIR / "templates")


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
        data = json.loads(_cache_file(root).read_text(encoding="utf-8"))
        if data["version"] != VERSION:
            return None
        warnings = tuple(
            Diagnostic(str(p), int(n), str(m), str(s)) for p, n, m, s in data["warnings"]
        )
        site = [int(v) for v in data["site"]]
        files: dict[str, Stamped] = {
            str(name): (int(m), int(size), int(ino), str(sha))
            for name, (m, size, ino, sha) in data["files"].items()
        }
        return Record(
            str(data["key"]),
            site,
            int(data["pages"]),
            warnings,
            files,
            int(data["saved_ns"]),
            str(data["snapshot"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_current(record: Record | None, key: str, out_dir: Path) -> bool:
    """Whether the output folder is exactly what a build of these inputs would write."""
    if record is None or record.key != key:
        return False
    stamp = site_stamp(out_dir)
    return bool(stamp) and stamp == record.site


def save_record(root: Path, record: Record) -> None:
    """Write the record atomically (a crash leaves the old record or none, never half)."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    data = {
        "version": VERSION,
        "key": record.key,
        "site": record.site,
        "pages": record.pages,
        "warnings": [[d.path, d.line, d.message, d.severity] for d in record.warnings],
        "files": record.files,
        "saved_ns": time.time_ns(),
        "snapshot": record.snapshot,
    }
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".build-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(data))  # dumps uses the C encoder, dump the Python one (4x slower)
    os.replace(temp, folder / CACHE_FILE)


def forget(root: Path) -> None:
    """Drop the record (before a build starts, so a failed build never looks current)."""
    _cache_file(root).unlink(missing_ok=True)
