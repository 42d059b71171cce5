"""Keep a served folder equal to the latest build, file by file (I/O).

Only files whose bytes changed are written (each atomically: temp file, then os.replace);
files of the previous build that are gone are deleted. Files the build did not make (the
Pagefind index) are left alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import OutputFile
from .output import MARKER, check_replaceable

MARKER_TEXT = b"made by build.py; safe to delete with the folder\n"
NOT_OURS = ("pagefind/",)  # written by the search indexer, after the build


@dataclass(frozen=True)
class Changes:
    """What one publish did to the folder."""

    written: tuple[str, ...]
    deleted: tuple[str, ...]

    @property
    def css_only(self) -> bool:
        """Only stylesheets changed: browsers can swap them without reloading."""
        touched = self.written + self.deleted
        return bool(touched) and all(path.endswith(".css") for path in touched)


def static_files(static_dir: Path) -> list[OutputFile]:
    """templates/static/** as output files under static/, like the full build copies them."""
    if not static_dir.is_dir():
        return []
    return [
        OutputFile("static/" + p.relative_to(static_dir).as_posix(), p.read_bytes())
        for p in sorted(static_dir.rglob("*"))
        if p.is_file()
    ]


class LiveSite:
    """The served output folder and the bytes we last wrote into it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.absolute()
        self.current: dict[str, bytes] | None = None

    def publish(self, files: Iterable[OutputFile]) -> Changes:
        """Make the folder hold exactly `files` (plus the marker and files that are not ours)."""
        new = {f.path: f.content for f in files}
        new[MARKER] = MARKER_TEXT
        old = self.current if self.current is not None else self._read_existing()
        written = [p for p, data in new.items() if not _same_bytes(old.get(p), data)]
        for path in written:
            _write_atomic(self.out_dir / path, new[path])
        deleted = sorted(set(old) - set(new))
        for path in deleted:
            _delete(self.out_dir, path)
        self.current = new
        return Changes(tuple(sorted(written)), tuple(deleted))

    def publish_some(self, files: Iterable[OutputFile]) -> Changes:
        """Write these files ahead of the rest of a build (the pages browsers are showing)."""
        if self.current is None:
            return Changes((), ())
        written = [f for f in files if not _same_bytes(self.current.get(f.path), f.content)]
        for file in written:
            _write_atomic(self.out_dir / file.path, file.content)
            self.current[file.path] = file.content  # so the full publish sees them as done
        return Changes(tuple(sorted(f.path for f in written)), ())

    def _read_existing(self) -> dict[str, bytes]:
        """The files an earlier build left in the folder (refusing a folder that is not ours)."""
        check_replaceable(self.out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        found: dict[str, bytes] = {}
        for file in self.out_dir.rglob("*"):
            rel = file.relative_to(self.out_dir).as_posix()
            if file.is_file() and not file.is_symlink() and not rel.startswith(NOT_OURS):
                found[rel] = file.read_bytes()
        return found


def _same_bytes(old: bytes | None, new: bytes) -> bool:
    return old is new or old == new


def _write_atomic(target: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    tmp.write_bytes(data)
    tmp.chmod(0o644)
    os.replace(tmp, target)


def _delete(root: Path, rel: str) -> None:
    """Remove a file and the folders it leaves empty (never root itself)."""
    target = root / rel
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
