"""The build cache in ROOT/.cache/: skip a build whose inputs and output are unchanged (I/O).

The key is a sha256 of every input's bytes (content/, templates, the package's own code) and
of the options, so an edit anywhere, a new version of the tool or another --base-url builds
again. The output folder is recognised by its inode and marker stamp: a site/ deleted or
replaced by hand is rebuilt. A cache file that is missing, unreadable or malformed only
means a full build; it can never make a build skip wrongly, because every field is checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .output import MARKER

CACHE_DIR = ".cache"
CACHE_FILE = "build.json"
VERSION = 1
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Record:
    """What the last successful build left: its input key, output stamp, pages and warnings."""

    key: str
    site: list[int]
    pages: int
    warnings: tuple[Diagnostic, ...]


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def input_key(root: Path, templates: Path, options: Mapping[str, object]) -> str:
    """sha256 of every input file (path and bytes), the package's code and the options."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for label, folder in (("content", root / "content"), ("templates", templates)):
        for file in _files(folder):
            digest.update(f"\0{label}/{file.relative_to(folder).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    for file in sorted(PACKAGE.glob("*.py")):  # a new version of the tool builds again
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


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
        return Record(str(data["key"]), site, int(data["pages"]), warnings)
    except (OSError, ValueError, KeyError, TypeError):
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
    }
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".build-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(temp, folder / CACHE_FILE)


def forget(root: Path) -> None:
    """Drop the record (before a build starts, so a failed build never looks current)."""
    _cache_file(root).unlink(missing_ok=True)
