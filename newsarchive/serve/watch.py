"""Watch content/ and templates/ with watchdog; collect editor bursts into one batch (I/O)."""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

QUIET_SECONDS = 0.01  # an editor's save is several events within a millisecond or two
MAX_WAIT_SECONDS = 0.5  # a long burst (a git checkout) still rebuilds now and then
# Swap, backup and temporary files of common editors and tools, and what builds compile
# (templates/__pycache__); never part of the site.
TEMP_PATTERNS = (
    ".*", "*~", "#*#", "*.swp", "*.swo", "*.swx", "*.tmp", "*.bak", "*.orig", "4913",
    "*___jb_tmp___", "*___jb_old___", "*.crdownload", "*.part", "__pycache__",
)  # fmt: skip
IGNORED_EVENTS = ("opened", "closed_no_write", "attrib")


def is_temporary(path: Path) -> bool:
    """Whether a path is an editor's scratch file (or lies in a hidden folder)."""
    return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in TEMP_PATTERNS)


class ChangeQueue(FileSystemEventHandler):
    """Receives watchdog events and hands out debounced batches of changed paths."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = [r.absolute() for r in roots]
        self._paths: set[Path] = set()
        self._last = 0.0
        self._first = 0.0
        self._cond = threading.Condition()
        self.closed = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Note the paths of a relevant event (both ends of a rename)."""
        if event.event_type in IGNORED_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder "changes" whenever a file in it does; the file event says more
        ends = [event.src_path, getattr(event, "dest_path", "")]
        paths = {Path(str(p)) for p in ends if p}
        paths = {p for p in paths if not is_temporary(self._relative(p))}
        if paths:
            self.add(paths)

    def _relative(self, path: Path) -> Path:
        for root in self.roots:
            if path.is_relative_to(root):
                return path.relative_to(root)
        return path

    def add(self, paths: Iterable[Path]) -> None:
        """Queue changed paths (also used by tests and the initial build)."""
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.update(paths)
            self._last = now
            self._cond.notify_all()

    def next_batch(self, timeout: float | None = None) -> set[Path] | None:
        """Block until changes have been quiet for a moment; None on close or timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self.closed:
                now = time.monotonic()
                if self._paths:
                    quiet = self._last + QUIET_SECONDS - now
                    overdue = self._first + MAX_WAIT_SECONDS - now
                    if quiet <= 0 or overdue <= 0:
                        batch, self._paths = self._paths, set()
                        return batch
                    self._cond.wait(min(quiet, overdue))
                    continue
                if deadline is not None and now >= deadline:
                    return None
                self._cond.wait(None if deadline is None else deadline - now)
        return None

    def pending(self) -> bool:
        """Whether changes are waiting for the next batch."""
        with self._cond:
            return bool(self._paths)

    def close(self) -> None:
        """Wake every waiter; next_batch returns None from now on."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class Watcher:
    """A watchdog observer on the folders a preview reads, kept in step with them: a project's
    templates/ can appear (copied in to customise) or go while the server runs."""

    def __init__(self, queue: ChangeQueue) -> None:
        self.queue = queue
        self.observer = Observer()
        self.observer.daemon = True
        self.watches: dict[Path, ObservedWatch] = {}

    def follow(self, folders: Iterable[Path]) -> bool:
        """Watch exactly the existing `folders` (recursively); whether one is newly watched."""
        wanted = [folder for folder in folders if folder.is_dir()]
        for gone in set(self.watches) - set(wanted):
            self.observer.unschedule(self.watches.pop(gone))
        added = [folder for folder in wanted if folder not in self.watches]
        for folder in added:
            self.watches[folder] = self.observer.schedule(self.queue, str(folder), recursive=True)
        return bool(added)

    def start(self) -> None:
        """Start delivering events to the queue."""
        self.observer.start()

    def stop(self) -> None:
        """Stop the observer and wait (briefly) for its thread."""
        self.observer.stop()
        self.observer.join(timeout=2)
