"""`build.py serve`: a watcher, the build every command runs, and a reload notice (I/O).

As MkDocs' `serve` calls its `build()`, every rebuild here is build.engine.build with the
server's options: the same record, snapshot, writer and search index as `build.py build`,
so any sequence of the two leaves the site a fresh full build with the last options makes.
The pages browsers are viewing are a parameter of that build (written first), and a build
run by another command is noticed by its record and answered with a build of our options.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from ..build import cache
from ..build.collector import thaw_after_build
from ..build.editscope import Written
from ..build.engine import BuildResult, build, templates_dir
from ..build.output import OutputError
from ..content.config import load_config
from ..core.diagnostics import BuildFailed, Diagnostic
from .client import error_report
from .server import DevServer
from .watch import ChangeQueue, Watcher

Report = Callable[[str], None]
# What a failed build leaves in the browser, as the overlay says it too (client.js).
SERVED = "still serving the last good site"
NOT_SERVED = "no site has been built yet: the pages load once the errors are fixed"


@dataclass(frozen=True)
class Rebuilt:
    """One successful rebuild: what it did, and how long it took."""

    result: BuildResult
    seconds: float

    @property
    def everything(self) -> bool:
        """The build made a new folder (a full build): every page may have changed."""
        return self.result.written is None


class Preview:
    """The project the server previews, its build options, and what its builds have seen."""

    def __init__(
        self,
        root: Path,
        out_dir: Path,
        base_url: str | None,
        search: bool = True,
        waiting: Callable[[], None] | None = None,
    ) -> None:
        self.waiting = waiting  # said once a build waits for another build or a deploy
        self.root = root.absolute()
        self.out_dir = out_dir.absolute()
        self.base_url = base_url
        self.search = search
        self.lock = threading.Lock()
        self.record: tuple[int, int] | None = None  # the build record as our last build left it
        self.unbuilt: set[Path] = set()  # changed files no successful build has seen yet

    def rebuild(
        self,
        viewed: Collection[str] = (),
        on_written: Written | None = None,
        changed: Collection[Path] | None = None,
    ) -> Rebuilt:
        """Run the build; BuildFailed leaves the folder as it was.

        `changed`: the files the watcher saw change. They are trusted to be all that changed
        only while the record is the one our last build left (no other command built since).
        """
        started = time.perf_counter()
        with self.lock:
            self.unbuilt |= set(changed or ())
            known = changed is not None and self.record is not None and not self.record_changed()
            try:
                result = build(
                    self.root,
                    self.out_dir,
                    self.base_url,
                    self.search,
                    viewed=viewed,
                    on_written=on_written,
                    changed=self.unbuilt if known else None,
                    waiting=self.waiting,
                )
                self.unbuilt = set()
            finally:
                self.record = cache.record_stamp(self.root)
                thaw_after_build()
        return Rebuilt(result, time.perf_counter() - started)

    def record_changed(self) -> bool:
        """Whether another command wrote (or dropped) the build record since our last build."""
        return cache.record_stamp(self.root) != self.record

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
    watcher = Watcher(queue)
    watcher.follow(preview.watched())
    watcher.start()  # first: no save is missed meanwhile
    _attempt(preview, server, report)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    report(f"serving {server.url} (Ctrl-C to stop)")
    try:
        while not stop.is_set():
            batch = queue.next_batch(timeout=0.2)
            if watcher.follow(preview.watched()):  # templates/ copied in (or removed)
                queue.roots = [r.absolute() for r in preview.watched()]
                report("the templates folder in use changed; building with it")
                _attempt(preview, server, report)  # no batch: every input is checked
            elif batch is not None:
                _attempt(preview, server, report, batch)
            elif preview.record_changed():
                report("another build changed site/; building it with this server's options")
                _attempt(preview, server, report)
    finally:
        queue.close()
        server.state.close()
        server.shutdown()
        server.server_close()
        watcher.stop()


def _attempt(
    preview: Preview, server: DevServer, report: Report, changed: Collection[Path] | None = None
) -> None:
    """One rebuild: reload browsers, or keep the last good site and show errors."""
    state = server.state
    started = time.perf_counter()
    told: list[str] = []

    def written(paths: tuple[str, ...]) -> None:
        if not told:
            report(f"pages written after {(time.perf_counter() - started) * 1000:.0f} ms")
        told.extend(paths)
        state.bump(all(path.endswith(".css") for path in paths), paths)

    try:
        done = preview.rebuild(state.viewed(), written, changed)
    except Exception as exc:  # a bug too must not stop the server: show it, keep serving
        _failed(preview, server, report, exc)
        return
    for said in (*done.result.warnings, *done.result.removed):
        report(str(said))
    base_path = base_path_of(preview.root, preview.base_url)  # site.toml's base_url may change
    if base_path != server.base_path:
        server.base_path = base_path
        report(f"the site's base path changed: now serving {server.url}")
    if done.everything or state.epoch == 0:
        state.bump(False)  # a new folder (or the first build served): every page reloads
    elif not told:
        state.set_errors([])  # nothing changed (a save without a change, a fixed error)
    if done.result.files == 0 and not done.everything:
        report(f"site/ is up to date (checked in {done.seconds * 1000:.0f} ms)")
        return
    kind = "full build" if done.everything else "edit"
    report(
        f"rebuilt in {done.seconds * 1000:.0f} ms ({kind}): {done.result.files} files written"
        + ("" if done.everything else f", {done.result.unchanged} pages unchanged")
    )


def _failed(preview: Preview, server: DevServer, report: Report, exc: Exception) -> None:
    """Say why a rebuild failed, here and in the browsers' overlay, and whether the last
    good site is still served: a failed build leaves it as it was, or none at all."""
    served = bool(cache.site_stamp(preview.out_dir))  # a site some build swapped in
    if isinstance(exc, BuildFailed):
        for diagnostic in exc.diagnostics:
            report(str(diagnostic))
        report(f"build failed; {SERVED if served else NOT_SERVED}")
        # The templates folder too: the shipped one's lines show, where it lies outside.
        folders = [preview.root, templates_dir(preview.root)]
        server.state.set_errors(error_report(exc.diagnostics, folders), served)
    elif isinstance(exc, (OutputError, OSError)):
        report(f"error: {exc}")
        server.state.set_errors(error_report([Diagnostic(str(exc), 0, "cannot write")], []), served)
    else:
        report(f"internal error: {exc!r}")
        server.state.set_errors(error_report([Diagnostic("build", 0, repr(exc))], []), served)
