"""Importing many raw files at once: check every one, then write them all, or nothing (I/O).

Each request names where an error about it is reported: the raw file itself (one file
given with --date) or the manifest line that describes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from .dateline import Knowledge, knowledge
from .duplicates import archive_fingerprints
from .extras import extra_warning
from .importer import ImportedArticle, import_article, write_import
from .manifest import ManifestRow
from .registryfile import read_registry
from .textfiles import read_text_file
from .today import today


@dataclass(frozen=True)
class Request:
    """One raw file to import and what to import it as: its manifest row (for one file
    given with --date, a row made from the options, at line 1 of the file itself)."""

    file: Path
    report_path: str  # where problems are reported: the raw file or the manifest
    row: ManifestRow

    @property
    def report_line(self) -> int:
        return self.row.line


@dataclass(frozen=True)
class Planned:
    """A request checked and turned into its content file."""

    request: Request
    article: ImportedArticle


def load_knowledge(content_dir: Path) -> tuple[Knowledge, tuple[Diagnostic, ...]]:
    """The registry's outlets and places (and the built-in lists) for reading datelines."""
    registry, diags = read_registry(content_dir)
    return knowledge(registry), diags


def plan_imports(
    content_dir: Path,
    requests: Sequence[Request],
    known: Knowledge,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    drop_extras: bool = False,
) -> tuple[tuple[Planned, ...], tuple[Diagnostic, ...]]:
    """Every request read, imported and checked against the archive and the rest of the
    batch: no file overwritten, no two of one path, no text twice (unless `force`). A line
    of a planned file that looks like no part of the article is a warning at its line of
    the raw file (left out with `drop_extras`)."""
    seen_text = {} if force else archive_fingerprints(content_dir, known)
    seen_path: dict[str, str] = {}
    planned: list[Planned] = []
    diags: list[Diagnostic] = []
    for done, request in enumerate(requests, 1):
        if progress is not None:
            progress(done)
        problem = _problem(
            content_dir, request, known, seen_text, seen_path, force, planned, drop_extras
        )
        if problem is not None:
            # As the manifest names the file (relative to its folder), or the file itself.
            prefix = "" if request.report_path == str(request.file) else f"{request.row.file}: "
            diags.append(Diagnostic(request.report_path, request.report_line, prefix + problem))
    diags += [
        extra_warning(str(item.request.file), extra.line, extra.text, extra.kind, extra.outcome)
        for item in planned
        for extra in item.article.extras
    ]
    return tuple(planned), tuple(diags)


def _problem(
    content_dir: Path,
    request: Request,
    known: Knowledge,
    seen_text: dict[str, str],
    seen_path: dict[str, str],
    force: bool,
    planned: list[Planned],
    drop_extras: bool,
) -> str | None:
    """What is wrong with one request (None: it was planned)."""
    try:
        raw = read_text_file(request.file)
    except ContentError as exc:
        return exc.diagnostic.message
    try:
        article = import_article(
            raw,
            request.row.date,
            request.row.title,
            request.row.slug,
            request.row.source_url,
            request.row.original_url,
            known,
            drop_extras,
            today(),  # a date the build would refuse is refused before the file is made
        )
    except ValueError as exc:
        return str(exc)
    target = "content/" + article.rel_path
    if not force and article.fingerprint in seen_text:  # first: re-importing names the copy
        return f"same text as {seen_text[article.fingerprint]} (--force imports it anyway)"
    if (content_dir / article.rel_path).exists():
        return f"{target} already exists; not overwritten (give another slug)"
    if target in seen_path:
        return f"{target} would also be made from {seen_path[target]} (give another slug)"
    here = _where(request)
    seen_path[target] = here
    if not force:
        seen_text[article.fingerprint] = here
    planned.append(Planned(request, article))
    return None


def _where(request: Request) -> str:
    if request.report_path == str(request.file):
        return str(request.file)
    return f"{request.row.file} ({request.report_path}:{request.report_line})"


def write_planned(
    content_dir: Path,
    planned: Sequence[Planned],
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write every planned article. If one appeared meanwhile (FileExistsError), the ones
    this call wrote are removed again before the error is raised: all or nothing."""
    written: list[Path] = []
    try:
        for item in planned:
            written.append(write_import(content_dir, item.article))
            if progress is not None:
                progress(len(written))
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
