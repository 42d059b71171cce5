"""`import`: raw wire copy into content files, one file with --date or many with --manifest."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.diagnostics import counted, shown
from .report import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    print_diagnostics,
    site_day,
    stop_on_termination,
)

if TYPE_CHECKING:
    from ..content.batch import Planned, Request
    from ..content.importer import ImportedArticle
    from ..core.diagnostics import Diagnostic

PROGRESS_FROM = 50  # batches this large show progress on a terminal


def cmd_import(args: argparse.Namespace) -> int:
    """Turn raw seed articles into content files: all of them, or none if one is bad; the
    rows a run before imported are skipped."""
    from ..build.media import checking_links, media_in
    from ..content.batch import (
        STOPS,
        load_knowledge,
        plan_imports,
        removed_in_copy,
        unpublishable_links,
        write_planned,
    )
    from ..core.diagnostics import errors_only
    from .importsummary import summarised

    if args.manifest is None:
        requests, diags, usage = _single(args)
    else:
        requests, diags, usage = _from_manifest(args)
    if usage:
        print(f"import: {usage}", file=sys.stderr)
        return EXIT_USAGE
    day = site_day(Path(args.root))  # a date after the site's tomorrow is refused
    if day is None:
        print("import: nothing was written (fix the problems above)", file=sys.stderr)
        return EXIT_FAILED
    stop_on_termination(STOPS)
    content_dir = Path(args.root) / "content"
    try:
        known, removed, registry_problems = load_knowledge(content_dir)  # outlets, places
        diags += errors_only(registry_problems)
        show = _progress("checking", len(requests))
        plan = plan_imports(content_dir, requests, known, args.force, show, args.drop_extras, day)
    except KeyboardInterrupt:  # while the delivery was read and checked: no traceback
        print("\nimport: stopped before writing anything", file=sys.stderr)
        return EXIT_FAILED
    linking = checking_links(content_dir, media_in(content_dir))
    links = unpublishable_links(plan.planned, linking)
    diags += removed_in_copy(plan.planned, removed)
    notes = [d for d in diags if d.severity == "note"]
    print_diagnostics(sorted([*(d for d in diags if d not in notes), *plan.problems, *links]))
    summary = summarised(plan, notes, links, errors_only(diags))
    if errors_only([*diags, *plan.problems]):  # a warning (a line that looks extra) stops nothing
        for line in summary:
            print(f"import: {line}", file=sys.stderr)
        print("import: nothing was written (fix the problems above)", file=sys.stderr)
        return EXIT_FAILED
    try:
        written = write_planned(content_dir, plan.planned, _progress("writing", len(plan.planned)))
    except OSError as exc:
        print(shown(f"import: error: {exc}; nothing was written"), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(
            "import: stopped; the files it had written were removed, so nothing was written: "
            "run it again to import the delivery",
            file=sys.stderr,
        )
        return EXIT_FAILED
    for item, target in zip(plan.planned, written, strict=True):
        print(f"imported {_made(item.article)} -> {target}{_note(item)}")
    for line in summary:
        print(f"import: {line}")
    return EXIT_OK


def _made(article: ImportedArticle) -> str:
    """What an imported article was made of: `3 paragraphs`, `3 paragraphs and 1 table`."""
    count, tables = len(article.paragraphs) - article.tables, article.tables
    made = counted(count, "paragraph")
    return made + (f" and {counted(tables, 'table')}" if tables else "")


def _note(item: Planned) -> str:
    """What an import found in the copy (outlet, place, byline) and what to check."""
    article = item.article
    found = [f"source: {article.source_name}"] if article.source_name else []
    found += [f"dateline: {article.place}"] if article.place else []
    found += [f"by: {' / '.join(article.authors)}"] if article.authors else []
    note = f" [{', '.join(found)}]" if found else ""
    note += " (provisional title: edit it)" if article.title_provisional else ""
    left_out = sum(extra.outcome != "kept" for extra in article.extras)
    note += f" ({counted(left_out, 'line')} left out)" if left_out else ""
    if item.taken is not None:
        note += f" ({item.taken} is made from another row: given a free slug)"
    return note


def _single(args: argparse.Namespace) -> tuple[list[Request], list[Diagnostic], str | None]:
    """One raw file with --date (and its own --title, --slug…)."""
    from ..content.batch import Request
    from ..content.manifest import ManifestRow

    if len(args.files) != 1 or Path(args.files[0]).is_dir():
        return [], [], "give one raw file with --date, or many with --manifest MANIFEST.csv"
    if args.date is None:
        return [], [], "--date is required (YYYY-MM-DD, YYYY-MM or YYYY); dates are never guessed"
    file = Path(args.files[0])
    row = ManifestRow(
        1, str(file), args.date, args.title, args.slug, args.source_url, args.original_url
    )
    request = Request(file, str(file), row)
    return [request], [], None


def _from_manifest(
    args: argparse.Namespace,
) -> tuple[list[Request], list[Diagnostic], str | None]:
    """The manifest's rows, limited to the files and folders given (all rows if none)."""
    from ..content.batch import Request
    from ..content.manifest import delimiter_of, files_named, parse_manifest
    from ..content.textfiles import ENCODING_NAMES, read_delivered_file
    from ..core.diagnostics import ContentError, Diagnostic

    given = [args.date, args.title, args.slug, args.source_url, args.original_url]
    if any(value is not None for value in given):
        return [], [], "with --manifest, dates, titles, slugs and URLs come from its columns"
    manifest = Path(args.manifest)
    try:
        text, encoding = read_delivered_file(manifest)
        rows, diags = parse_manifest(text, str(manifest))
    except ContentError as exc:
        return [], [exc.diagnostic], None
    problems = list(diags)
    if encoding is not None:
        read_as = f"read as {ENCODING_NAMES[encoding]}, not UTF-8"
        problems.append(Diagnostic(str(manifest), 1, read_as, "note"))
    base = manifest.parent
    by_file = {(base / row.file).resolve(): row for row in rows}
    for path, row in list(by_file.items()):
        if not path.is_file():  # a row naming no file is a mistake whatever is imported
            problems.append(Diagnostic(str(manifest), row.line, f"{row.file}: no such file"))
            del by_file[path]
    chosen = set(by_file)
    if args.files:
        selected = _raw_files([Path(f) for f in args.files], problems)
        chosen = set()
        # A file a bad row names is left out of by_file: that row's own error says why.
        named = {(base / name).resolve() for name in files_named(text)}
        for file in selected:
            if file.resolve() in by_file:
                chosen.add(file.resolve())
            elif file.resolve() not in named:
                row_file = os.path.relpath(file.resolve(), base.resolve())
                wanted = f"{row_file}{delimiter_of(text)}YYYY-MM-DD"
                message = f"not in {manifest} (add a row: {wanted})"
                problems.append(Diagnostic(str(file), 1, message))
    requests = [
        Request(base / row.file, str(manifest), row)
        for path, row in by_file.items()
        if path in chosen
    ]
    return sorted(requests, key=lambda r: r.report_line), problems, None


def _raw_files(given: list[Path], problems: list[Diagnostic]) -> list[Path]:
    """The files given, and the *.txt files in the folders given (hidden ones skipped)."""
    from ..core.diagnostics import Diagnostic

    files: list[Path] = []
    for path in given:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*.txt")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Diagnostic(str(path), 1, "no such file or folder"))
    return files


def _progress(what: str, total: int) -> Callable[[int], None] | None:
    """A progress line on a terminal for large batches (None: no progress shown); it is
    cleared when the last item is done, so what follows starts on a clean line."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None

    def show(done: int) -> None:
        if done == total:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
        elif done % 10 == 0:
            print(f"\r{what} {done}/{total}", end="", file=sys.stderr, flush=True)

    return show


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `import`."""
    imp = sub.add_parser(
        "import", help="turn raw seed articles into content/ar/YYYY/MM/<slug>.md files"
    )
    imp.add_argument(
        "files",
        nargs="*",
        metavar="FILE_OR_DIR",
        help="raw text: one paragraph per line, dateline first (folders: their *.txt files)",
    )
    imp.add_argument("--manifest", help="CSV with a header file,date[,title,slug,source_url,…]")
    imp.add_argument(
        "--date",
        help="date of a single file: YYYY-MM-DD (with its time: YYYY-MM-DDTHH:MM), YYYY-MM or YYYY",
    )
    imp.add_argument("--title", help="title (default: provisional, from the lead sentence)")
    imp.add_argument("--slug", help="file name / URL part (default: from the title)")
    imp.add_argument("--source-url", help="the outlet's home page")
    imp.add_argument("--original-url", help="the article's original URL")
    imp.add_argument("--force", action="store_true", help="import even a text already archived")
    imp.add_argument(
        "--drop-extras",
        action="store_true",
        help="leave out lines that look like no part of the article (انتهى, اقرأ أيضاً: …, "
        "المصدر: …, captions, channel promotions), each named; without it they are kept "
        "and named",
    )
    imp.add_argument("--root", default=".", help="project folder holding content/")
    imp.set_defaults(func=cmd_import)
