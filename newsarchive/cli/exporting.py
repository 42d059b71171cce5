"""`export`: every published article's metadata in a file a spreadsheet, a script or a
reference manager reads (CSV, JSON Lines, BibTeX, RIS; docs/export.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .report import EXIT_FAILED, EXIT_OK, EXIT_USAGE, print_diagnostics

# assembly.exportformats.FORMATS' keys, which --format offers before that module is imported:
# it brings the registry and the matcher, 60 ms more for every command (tests/test_export.py
# checks the two are the same).
EXTENSIONS = ("csv", "jsonl", "bib", "ris")
FILES_NAMED = ", ".join(f".{name}" for name in EXTENSIONS[:-1]) + f" or .{EXTENSIONS[-1]}"


def cmd_export(args: argparse.Namespace) -> int:
    """Write the archive's metadata to FILE, whole or not at all."""
    from ..assembly.exportformats import FORMATS
    from ..build.archiveread import archive_records
    from ..content.atomic import WriteError, create_file, replace_file
    from ..core.diagnostics import BuildFailed, errors_only
    from ..core.urls import names_this_machine

    root, target = Path(args.root), Path(args.file)
    kind = args.format or target.suffix.lower().removeprefix(".")
    if kind not in FORMATS:
        said = f"'.{kind}'" if kind else "no extension"
        print(
            f"{target}: error: unknown export format ({said}): name a {FILES_NAMED} file, or "
            "give --format",
            file=sys.stderr,
        )
        return EXIT_USAGE
    refused = _refused(root, target, args.force)
    if refused:
        print(f"{target}: error: {refused}", file=sys.stderr)
        return EXIT_FAILED
    try:
        records, problems = archive_records(root, args.base_url)
    except BuildFailed as failed:
        problems = list(failed.diagnostics)
        records = []
    print_diagnostics(problems)
    if errors_only(problems):
        print(f"export: {target} not written (fix the errors above)", file=sys.stderr)
        return EXIT_FAILED
    if records and names_this_machine(records[0].cite_ar.permalink):
        print(
            f"{target}: warning: its addresses start with this machine's preview address "
            f"({records[0].cite_ar.permalink.split('/ar/')[0]}/): give --base-url, or set "
            "base_url in content/site.toml",
            file=sys.stderr,
        )
    data = FORMATS[kind](records)
    try:
        (replace_file if args.force else create_file)(target, data)
    except FileExistsError:  # made since the check above
        print(f"{target}: error: {_EXISTS}", file=sys.stderr)
        return EXIT_FAILED
    except WriteError as exc:
        print(f"{target}: error: cannot write it: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    english = sum(1 for r in records if r.cite_en is not None)
    print(f"exported {len(records)} article(s), {english} with an English page -> {target}")
    return EXIT_OK


_EXISTS = "exists already: export never replaces a file (give another name, or --force)"


def _refused(root: Path, target: Path, force: bool) -> str | None:
    """Why `target` may not be written, before the archive is read: a file of content/
    (never, even with --force), a folder, an existing file without --force, a folder that
    does not exist or cannot be written to."""
    folder = target.parent
    if target.resolve().is_relative_to((root / "content").resolve()):
        return "is inside content/, the archive's own files: export writes outside it"
    if target.is_dir():
        return "is a folder: name the file to write"
    if target.exists() and not force:
        return _EXISTS
    if not folder.is_dir():
        made = "is a file, not a folder" if folder.exists() else "does not exist"
        return f"cannot write it: {folder} {made}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write it: the folder {folder} is not writable"
    return None


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `export`."""
    export = sub.add_parser(
        "export",
        help="every published article's metadata as CSV, JSON Lines, BibTeX or RIS",
    )
    export.add_argument("file", help=f"the file to write: {FILES_NAMED}")
    export.add_argument(
        "--format", choices=EXTENSIONS, help="the format, whatever FILE's extension"
    )
    export.add_argument("--root", default=".", help="project folder holding content/ (default: .)")
    export.add_argument(
        "--base-url", help="public URL the addresses start with (default: site.toml's base_url)"
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (an earlier export)"
    )
    export.set_defaults(func=cmd_export)
