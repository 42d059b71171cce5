"""`build.py serve`: build, serve, watch, rebuild what changed, tell browsers (I/O)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .collector import collector_paused
from .config import load_config
from .diagnostics import BuildFailed, Diagnostic
from .incremental import BuildMemo, Superseded
from .liveclient import error_report
from .livefirst import viewed_files
from .livesite import Changes, LiveSite, static_files
from .output import OutputError
from .pipeline import Gathered, gather, render_gathered, templates_dir
from .serve import DevServer
from .watch import ChangeQueue, start_watching

Report = Callable[[str], None]
Published = Callable[[Changes], None]
FIRST_WAIT_SECONDS = 1.0  # let reloaded pages load before the rest of the build takes the CPU
INDEX_DELAY_SECONDS = 0.3  # let browsers fetch the reloaded page before Pagefind takes the CPU


@dataclass(frozen=True)
class Rebuilt:
    """One successful rebuild."""

    changes: Changes
    seconds: float
    rendered: int
    reused: int
    warnings: tuple[Diagnostic, ...]


class Preview:
    """The live site: a memo of the last build, the served folder and the server's state."""

    def __init__(
        self, root: Path, out_dir: Path, base_url: str | None, search: bool = True
    ) -> None:
        self.root = root.absolute()
        self.base_url = base_url
        self.search = search  # pages carry search keys, and Pagefind re-indexes after edits
        self.memo = BuildMemo()
        self.site = LiveSite(out_dir)
        self.lock = threading.Lock()

    def rebuild(
        self,
        viewed: Collection[str] = (),
        first: Published | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> Rebuilt:
        """Render with the memo and write what changed; BuildFailed leaves the folder as it was.

        The `viewed` output paths are rendered and written first, and `first` is called with
        them, before the rest of the site is rendered (only when no template changed, so
        that a template error cannot leave them half-published). Once they are out, the
        rest stops with Superseded as soon as `stop()` is true (a newer edit is waiting).
        """
        started = time.perf_counter()
        with self.lock:
            # Keep the cyclic GC off until the viewed pages are out: with the memo of a
            # 5,000-article site one full collection takes ~0.3 s.
            with collector_paused() if first and viewed else nullcontext():
                gathered = gather(self.root, self.base_url, self.memo, self.search)
                early = self._viewed_first(gathered, viewed) if first and viewed else None
                if early is not None and first is not None and early.written:
                    first(early)
            self.memo.stop = stop if early is not None and early.written else None
            try:
                files, warnings = render_gathered(self.root, gathered, self.memo)
            finally:
                self.memo.stop = None
            files += static_files(templates_dir(self.root) / "static")
            changes = self.site.publish(files)
        took = time.perf_counter() - started
        stats = self.memo.stats
        return Rebuilt(changes, took, stats.rendered, stats.reused, warnings)

    def _viewed_first(self, gathered: Gathered, viewed: Collection[str]) -> Changes | None:
        if self.site.current is None or not self.memo.same_templates(gathered.templates):
            return None
        try:
            env = self.memo.environment(gathered.templates)
            files = viewed_files(gathered, env, viewed)
        except jinja2.TemplateError:
            return None  # the full render reports it
        return self.site.publish_some(files)

    def settle(self) -> None:
        """While idle: re-look at content saved just before the last rebuild (see livecontent)."""
        with self.lock:
            self.memo.settle(self.root / "content")

    def watched(self) -> list[Path]:
        """content/ and the templates folder in use (the project's or the shipped one)."""
        return [self.root / "content", templates_dir(self.root)]


def base_path_of(root: Path, base_url: str | None) -> str:
    """The path the site lives under (/ or /repo/); defaults when site.toml is broken."""
    try:
        return load_config(root, base_url).base_path
    except BuildFailed:
        return "/"


def run_preview(
    preview: Preview,
    server: DevServer,
    report: Report,
    stop: threading.Event | None = None,
) -> None:
    """Serve and rebuild on every change until `stop` is set or Ctrl-C; then shut down cleanly."""
    stop = stop or threading.Event()
    queue = ChangeQueue(preview.watched())
    indexer = _Indexer(preview.site.out_dir, report) if preview.search else None
    _attempt(preview, server, report, indexer)
    observer = start_watching(preview.watched(), queue)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    report(f"serving {server.url} (Ctrl-C to stop)")
    try:
        while not stop.is_set():
            if queue.next_batch(timeout=0.2) is not None:
                _attempt(preview, server, report, indexer, queue)
            else:
                preview.settle()
    finally:
        queue.close()
        server.state.close()
        observer.stop()
        server.shutdown()
        server.server_close()
        if indexer is not None:
            indexer.close()
        observer.join(timeout=2)


def _attempt(
    preview: Preview,
    server: DevServer,
    report: Report,
    indexer: _Indexer | None,
    queue: ChangeQueue | None = None,
) -> None:
    """One rebuild: publish and reload browsers, or keep the last good site and show errors."""
    state = server.state
    started = time.perf_counter()

    def first(changes: Changes) -> None:
        # reported now, not after the rebuild: a newer edit may stop the rest (Superseded)
        report(f"viewed pages written after {(time.perf_counter() - started) * 1000:.0f} ms")
        state.bump(False, changes.written)
        state.wait_reloaded(changes.written, FIRST_WAIT_SECONDS)

    try:
        done = preview.rebuild(state.viewed(), first, queue.pending if queue else None)
    except Superseded:
        report("viewed pages reloaded; the rest waits for the newer edit")
        return
    except BuildFailed as failed:
        for diagnostic in failed.diagnostics:
            report(str(diagnostic))
        report("build failed; still serving the last good site")
        server.state.set_errors(error_report(failed.diagnostics, [preview.root]))
        return
    except (OutputError, OSError) as exc:
        report(f"error: {exc}")
        server.state.set_errors(error_report([Diagnostic(str(exc), 0, "cannot write")], []))
        return
    except Exception as exc:  # a bug must not stop the server: show it, keep serving
        report(f"internal error: {exc!r}")
        server.state.set_errors(error_report([Diagnostic("build", 0, repr(exc))], []))
        preview.memo = BuildMemo()  # its state may be half-updated: the next build is full
        return
    for warning in done.warnings:
        report(str(warning))
    touched = done.changes.written + done.changes.deleted
    if touched:
        server.state.bump(done.changes.css_only, touched)
        if indexer is not None:
            indexer.request(touched)
    else:
        server.state.set_errors([])
    report(
        f"rebuilt in {done.seconds * 1000:.0f} ms: {done.rendered} pages rendered, "
        f"{done.reused} reused, {len(done.changes.written)} files written, "
        f"{len(done.changes.deleted)} deleted"
    )


class _Indexer:
    """Re-indexes search in the background, after browsers were told to reload.

    The first run indexes the whole site; later runs only the parts (year and language) whose
    article pages were written or deleted, so an edit does not re-index a large archive.
    """

    def __init__(self, site_dir: Path, report: Report) -> None:
        self.site_dir = site_dir
        self.report = report
        self.wanted = threading.Event()
        self.lock = threading.Lock()
        self.everything = True  # until the first run
        self.parts: set[str] = set()
        self.closed = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def request(self, touched: Collection[str]) -> None:
        """Index the parts of these pages soon (requests during a run coalesce)."""
        from .search import part_of

        with self.lock:
            self.parts |= {part for path in touched if (part := part_of(path))}
            if self.everything or self.parts:
                self.wanted.set()

    def close(self) -> None:
        """Stop after the current run."""
        self.closed = True
        self.wanted.set()

    def _take(self) -> set[str] | None:
        """The parts to index now (None: all), forgetting them."""
        with self.lock:
            self.wanted.clear()
            parts, everything = self.parts, self.everything
            self.parts, self.everything = set(), False
        return None if everything else parts

    def _run(self) -> None:
        from .search import index_parts, index_site

        while True:
            self.wanted.wait()
            if self.closed:
                return
            time.sleep(INDEX_DELAY_SECONDS)
            parts = self._take()
            try:
                if parts is None:
                    index_site(self.site_dir)
                else:
                    index_parts(self.site_dir, parts)
            except BuildFailed as failed:
                self.report(f"search index not updated: {failed}")
                with self.lock:  # retried with the next request
                    self.everything |= parts is None
                    self.parts |= parts or set()
                continue
            done = "every year" if parts is None else ", ".join(sorted(parts, reverse=True))
            self.report(f"search index updated: {done}")
