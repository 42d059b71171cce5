"""`build` and `serve`: the one build engine, once or on every save."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.hosts import DEFAULT_HOST, HOSTS, SiteSize, over_limits
from .report import EXIT_FAILED, EXIT_OK, print_diagnostics, say_waiting

if TYPE_CHECKING:  # the build is imported when a command runs it
    from ..build.engine import BuildResult


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site."""
    from ..build.engine import build
    from ..build.output import OutputError
    from ..content.atomic import WriteError

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    started = time.perf_counter()
    try:
        progress = _progress(started) if _show_progress(args.quiet) else None
        search = not args.no_search
        result = build(root, out, args.base_url, search, progress, waiting=say_waiting)
    except BuildFailed as failed:
        print_diagnostics(failed.diagnostics)
        print(
            f"build failed: {len(failed.diagnostics)} error(s); {out} was not changed",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except WriteError as exc:  # a full disk: the previous site/ is kept whole (a full build)
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    print_diagnostics((*result.warnings, *_warned(result.removed)))
    if not args.quiet:
        said = f"{_done(result)} in {result.seconds:.2f} s, {_counted(result)}"
        print(f"{said} -> {out.resolve()}/index.html")
        for removed in result.removed:
            if removed.severity == "note":
                print(removed)
    return _check_host(root, args.host, result.size, args.quiet)


def _done(result: BuildResult) -> str:
    """What a build did to the site folder, in words: a new folder (a full build, whose
    unchanged files are linked from the last one, not counted), files replaced in place, or
    nothing."""
    if result.written is None:
        return f"built {result.files} files"
    if result.files:
        return f"updated {result.files} files, {result.unchanged} unchanged"
    return f"up to date, {result.unchanged} files unchanged"


def _counted(result: BuildResult) -> str:
    """How many warnings the build printed, and notes when it printed some (an entity no
    article names): a note asks for nothing, and counted as a warning it read as one."""
    warned = (*result.warnings, *_warned(result.removed))
    notes = sum(1 for said in warned if said.severity == "note")
    counted = f"{len(warned) - notes} warning(s)"
    return f"{counted}, {notes} note(s)" if notes else counted


def _warned(removed: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """What the build took away that it warns of (an article's address), printed and counted
    with its warnings; the notes (an entity's pages) follow the summary."""
    return tuple(said for said in removed if said.severity != "note")


def _check_host(root: Path, name: str | None, size: SiteSize, quiet: bool) -> int:
    """State the site's size against its host's limits; fail when it does not fit (a
    publishing workflow stops here, before uploading)."""
    from ..content.config import load_config

    host = HOSTS[name or load_config(root).host]
    problem = over_limits(host, size)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_FAILED
    if not quiet:
        print(f"site: {size}, within the limits of {host.name}")
    return EXIT_OK


def _show_progress(quiet: bool) -> bool:
    """Progress lines only for a person at a terminal: never with --quiet, in CI or in a pipe."""
    return not quiet and not os.environ.get("CI") and sys.stderr.isatty()


def _progress(started: float) -> Callable[[str], None]:
    """A reporter that rewrites one terminal line with the phase and the time so far."""

    def report(phase: str) -> None:
        took = time.perf_counter() - started
        print(f"\r\x1b[K[{took:6.1f} s] {phase} …", end="", file=sys.stderr, flush=True)
        if phase.startswith("writing"):
            print(file=sys.stderr)

    return report


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, serve with live reload, rebuild on every change until Ctrl-C."""
    from ..serve.loop import Preview, base_path_of, run_preview
    from ..serve.server import DevServer

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        server = DevServer((args.bind, args.port), out, base_path_of(root, args.base_url))
    except OSError as exc:
        print(f"error: cannot listen on {args.bind}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        preview = Preview(root, out, args.base_url, not args.no_search, say_waiting)
        run_preview(preview, server, _say)
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return EXIT_OK


def _say(line: str) -> None:
    print(line, flush=True)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `build` and `serve`."""
    build = sub.add_parser("build", help="build the site into site/")
    build.add_argument("--root", default=".", help="project folder holding content/ (default: .)")
    build.add_argument("--out", help="output folder (default: ROOT/site)")
    build.add_argument(
        "--base-url", help="public URL of the site, e.g. https://user.github.io/repo/"
    )
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    build.add_argument("--quiet", action="store_true", help="print only errors")
    build.add_argument(
        "--host",
        choices=HOSTS,
        help="where the site is published, for its limits (default: host in site.toml, "
        f"else {DEFAULT_HOST})",
    )
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="live preview: serve, watch and rebuild on every save")
    serve.add_argument("--root", default=".", help="project folder holding content/ (default: .)")
    serve.add_argument("--out", help="served output folder (default: ROOT/site)")
    # Not --host: that is build's host the site is published to, for its limits.
    serve.add_argument(
        "--bind", default="127.0.0.1", help="address to listen on (default: 127.0.0.1 only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free)")
    serve.add_argument("--base-url", help="public URL, e.g. https://user.github.io/repo/")
    serve.add_argument(
        "--no-search",
        action="store_true",
        help="no search index: pages without search keys, no re-indexing",
    )
    serve.set_defaults(func=cmd_serve)
