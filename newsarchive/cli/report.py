"""What every command shares: exit codes and how input problems are printed."""

from __future__ import annotations

import argparse
import datetime
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from ..content.photoweight import one_warning_per_photo
from ..core.diagnostics import Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """Each problem as `path:line: error: message`, on stderr; a photo heavy for a phone
    once, however many articles show it (`status` and `gloss` check each article alone)."""
    for diagnostic in one_warning_per_photo(diagnostics):
        print(diagnostic, file=sys.stderr)


def site_day(root: Path) -> datetime.date | None:
    """The site's day, on site.toml's time_zone (content/today.py), for the commands that
    stamp or check one; None, its problems said, when site.toml cannot be read."""
    from ..content.today import site_today
    from ..core.diagnostics import BuildFailed

    try:
        return site_today(root)
    except BuildFailed as failed:
        print_diagnostics(failed.diagnostics)
        return None


def missing_project(args: argparse.Namespace) -> int | None:
    """Every command works on the project in --root (default: the current folder): without
    its content/ folder, say so and exit 1 before anything is read or written, so no command
    leaves a site/ or .cache/ in a folder that is not a project (nor in content/ itself)."""
    if not hasattr(args, "root") or getattr(args, "registry", None):
        return None  # `entities find --registry FILE` needs no project
    root = Path(args.root)
    if (root / "content").is_dir():
        return None
    print(f"no content/ folder in {root.resolve()} (use --root)", file=sys.stderr)
    return EXIT_FAILED


# The commands that read or write content/ outside a build (which finds its links in the
# walk it makes anyway, the same: textfiles.entries_under): a link there would have them
# copy a file of another folder into content/ (`move`, `gloss`) or write through it out of
# content/ (`import`).
_READING_CONTENT = frozenset({"move", "gloss", "import", "status", "entities", "export"})


def linked_content(args: argparse.Namespace) -> int | None:
    """Name every symbolic link in content/, and every name there holding a control
    character, and exit 1 before a command that reads or writes it does anything; None when
    there is none."""
    if getattr(args, "command", None) not in _READING_CONTENT or getattr(args, "registry", None):
        return None
    from ..content.textfiles import refused_entries

    found = refused_entries(Path(args.root) / "content")
    if not found:
        return None
    print_diagnostics(found)
    print(f"{args.command}: nothing was done (fix the problems above)", file=sys.stderr)
    return EXIT_FAILED


def say_waiting() -> None:
    """Said once by a build or deploy that waits for the project's lock: it looked hung."""
    print(
        "waiting for the build or deploy already running in this folder…",
        file=sys.stderr,
        flush=True,
    )


def stop_on_termination(stops: set[signal.Signals]) -> None:
    """SIGTERM (`kill`, a cancelled CI job) and SIGHUP (the terminal closed) stop a command
    as Ctrl-C does (KeyboardInterrupt), so that it cleans up and says where that leaves
    things: by default they end Python at once, silently (a deploy left the rclone it
    started writing to the remote; an import, the files it had written)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    for signum in stops - {signal.SIGINT}:
        signal.signal(signum, stop)
