"""Importing many raw files at once: check every one, then write them all, or nothing (I/O).

Each request names where an error about it is reported: the raw file itself (one file
given with --date) or the manifest line that describes it.

A delivery can be imported again, to finish an import that was stopped or to add rows to
it: a row whose text is already in the archive at the path the row makes (or at the free
slug an earlier run gave it) was imported before and is skipped. The same text anywhere
else is the same story from another row or another source: an error, as before.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import signal
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from ..core.yamldoc import Node
from .atomic import create_file
from .dateline import Knowledge, knowledge
from .duplicates import archive_fingerprints
from .extras import extra_warning
from .frontmatter import closing_fence, split_document
from .importer import ImportedArticle, import_article
from .links import Linking, link_problems
from .manifest import ManifestRow
from .markdown import render_body
from .registryfile import read_registry
from .removednames import RemovedNames, removed_mentions, removed_names
from .textfiles import read_delivered_file, read_source

# What stops an import, and undoes what it wrote: Ctrl-C, and SIGTERM (`kill`) and SIGHUP
# (the terminal closed), which `import` turns into Ctrl-C.
STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}

# The kinds of problem a row can have, as the summary counts them.
UNREADABLE = "files that cannot be read"
NOT_IMPORTABLE = "texts that cannot be imported as given (date, slug, URL, no text)"
ARCHIVED = "texts already in the archive"
TWICE = "texts twice in this delivery"
TAKEN = "article paths already taken by another text"


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
    taken: str | None = None  # the path another row of the batch makes, when it was taken


@dataclass(frozen=True)
class Plan:
    """What an import of the requests would do: the articles to write, the rows imported
    before (skipped), the problems at their rows (errors, and warnings about lines that look
    like no part of an article), how many of each kind, and the files read in an encoding
    other than UTF-8 (by encoding)."""

    planned: tuple[Planned, ...]
    done: tuple[tuple[Request, str], ...]  # and the article (content/…) it made before
    problems: tuple[Diagnostic, ...]
    kinds: Mapping[str, int] = field(default_factory=dict)
    encodings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def load_knowledge(
    content_dir: Path,
) -> tuple[Knowledge, RemovedNames | None, tuple[Diagnostic, ...]]:
    """The registry's outlets and places (and the built-in lists) for reading datelines,
    and the names removed from the archive, which no article imported may hold."""
    registry, diags = read_registry(content_dir)
    return knowledge(registry), removed_names(registry), diags


@dataclass
class _Seen:
    """What the rows checked so far have found and claimed."""

    archive: dict[str, tuple[str, ...]]  # fingerprint -> the archive's articles of that text
    text: dict[str, str] = field(default_factory=dict)  # fingerprint -> the row with it
    path: dict[str, str] = field(default_factory=dict)  # content/… -> the row making it
    claimed: set[str] = field(default_factory=set)  # archive articles a row was skipped for
    encodings: dict[str, list[str]] = field(default_factory=dict)


def plan_imports(
    content_dir: Path,
    requests: Sequence[Request],
    known: Knowledge,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    drop_extras: bool = False,
    today: datetime.date | None = None,
) -> Plan:
    """Every request read, imported and checked against the archive and the rest of the
        batch: no file overwritten, no text twice (unless `force`); a row imported before is
        skipped; a path two rows of the batch make goes to the first, the others get a free
        slug (`-2`, `-3` …). A line of a planned file that looks like no part of the article is a
        warning at its line of the raw file (left out with `drop_extras`). A date after the day
    after `today` (the site's) is refused before the file is made, as the build refuses it."""
    seen = _Seen(archive_fingerprints(content_dir, known))
    planned: list[Planned] = []
    done: list[tuple[Request, str]] = []
    diags: list[Diagnostic] = []
    kinds: Counter[str] = Counter()
    for count, request in enumerate(requests, 1):
        if progress is not None:
            progress(count)
        found = _problem(content_dir, request, known, seen, force, drop_extras, today)
        if isinstance(found, Planned):
            planned.append(found)
        elif isinstance(found, str):
            done.append((request, found))
        elif found is not None:
            kind, problem = found
            kinds[kind] += 1
            # As the manifest names the file (relative to its folder), or the file itself.
            prefix = "" if request.report_path == str(request.file) else f"{request.row.file}: "
            diags.append(Diagnostic(request.report_path, request.report_line, prefix + problem))
    diags += [
        extra_warning(str(item.request.file), extra.line, extra.text, extra.kind, extra.outcome)
        for item in planned
        for extra in item.article.extras
    ]
    encodings = {name: tuple(files) for name, files in seen.encodings.items()}
    return Plan(tuple(planned), tuple(done), tuple(diags), dict(kinds), encodings)


def _problem(
    content_dir: Path,
    request: Request,
    known: Knowledge,
    seen: _Seen,
    force: bool,
    drop_extras: bool,
    today: datetime.date | None,
) -> Planned | str | tuple[str, str] | None:
    """One request planned, or the article it made when it was imported before, or its
    problem's kind and what it is (None: a date the manifest refused, its file read without
    a problem)."""
    try:
        raw, encoding = read_delivered_file(request.file)
    except ContentError as exc:
        return UNREADABLE, exc.diagnostic.message
    if encoding is not None:
        seen.encodings.setdefault(encoding, []).append(request.row.file)
    if request.row.date_refused:
        return None  # the manifest said why; the file is read for its own problems
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
            today,
        )
    except ValueError as exc:
        return NOT_IMPORTABLE, str(exc)
    target = "content/" + article.rel_path
    archived = seen.archive.get(article.fingerprint, ())
    own = [path for path in archived if _made_by(path, target) and path not in seen.claimed]
    differs = _differs(content_dir, own[0], article) if own else ""
    if own and not differs:  # imported by an earlier run of this delivery
        seen.claimed.add(own[0])
        return own[0]
    if not force and differs:
        return ARCHIVED, (
            f"same text as {own[0]}, where this would go, but with another {differs}: another "
            "copy of that story (--force imports it anyway), or this one, imported before "
            "and edited since (then leave this one out)"
        )
    if not force and archived:
        return ARCHIVED, f"same text as {archived[0]} (--force imports it anyway)"
    if not force and article.fingerprint in seen.text:
        return TWICE, f"same text as {seen.text[article.fingerprint]} (--force imports it anyway)"
    # The article of an earlier row of the delivery, imported before, takes the path as it
    # did in that run; an article the delivery did not make, or changed since, is an error.
    if (content_dir / article.rel_path).exists() and target not in seen.claimed:
        free = _free_path(content_dir, article.rel_path, seen.path)
        return TAKEN, (
            f"{target} already exists; not overwritten: give another slug, "
            f"e.g. {_slug(free)} (or, if that article is this one edited since an earlier "
            "import, leave this one out)"
        )
    here = _where(request)
    taken = None
    if target in seen.path or target in seen.claimed:
        taken = target
        article = replace(article, rel_path=_free_path(content_dir, article.rel_path, seen.path))
    seen.path["content/" + article.rel_path] = here
    if not force:
        seen.text[article.fingerprint] = here
    return Planned(request, article, taken)


def _made_by(path: str, target: str) -> bool:
    """Whether the archive's article `path` is the one an import making `target` made: the
    same path, or a free slug given it (`x-2.md` for `x.md`)."""
    stem = target.removesuffix(".md")
    return path == target or re.fullmatch(re.escape(stem) + r"-\d+\.md", path) is not None


# What a row and its copy decide of an article, besides its text and path, that tells an
# earlier import of the row from the same story imported from another copy: its date, its
# outlet and its place (not its title, which the editor is asked to write).
IDENTITY = (("date",), ("source", "name"), ("dateline",))


def _differs(content_dir: Path, path: str, article: ImportedArticle) -> str:
    """Which of IDENTITY the archive's article `path` has other than `article` ("": none)."""
    try:
        text = read_source(str(content_dir / path.removeprefix("content/")), path)
        there = split_document(text, path).meta
    except ContentError:
        return "front matter (it does not read)"
    here = split_document(article.markdown, path).meta
    return ", ".join(
        "/".join(keys) for keys in IDENTITY if _value(there, keys) != _value(here, keys)
    )


def _value(meta: Mapping[str, Node], keys: tuple[str, ...]) -> object:
    value: object = meta
    for key in keys:
        node = value.get(key) if isinstance(value, dict) else None
        value = None if node is None else node.value
    return value


def _free_path(content_dir: Path, rel_path: str, claimed: Mapping[str, str]) -> str:
    """rel_path with the first free slug `<slug>-2`, `<slug>-3` … of its folder."""
    stem = rel_path.removesuffix(".md")
    number = 2
    while (content_dir / f"{stem}-{number}.md").exists() or f"content/{stem}-{number}.md" in (
        claimed
    ):
        number += 1
    return f"{stem}-{number}.md"


def _slug(rel_path: str) -> str:
    return rel_path.rsplit("/", 1)[-1].removesuffix(".md")


def _where(request: Request) -> str:
    if request.report_path == str(request.file):
        return str(request.file)
    return f"{request.row.file} ({request.report_path}:{request.report_line})"


def unpublishable_links(planned: Sequence[Planned], linking: Linking) -> tuple[Diagnostic, ...]:
    """A warning for each image or link of a planned article that the build would refuse (an
    image not in content/media/, most often), at its line of the file to be made: the editor
    learns of it at the import, not when the build fails."""
    found: list[Diagnostic] = []
    for item in planned:
        lines = item.article.markdown.split("\n")
        fence = closing_fence(lines)
        if fence is None:
            continue
        body = "\n".join(lines[fence + 1 :])
        context = linking.of(item.article.rel_path, fence + 2)
        notes = [note for block in render_body(body, links=context) for note in block.links]
        found += [replace(problem, severity="warning") for problem in link_problems(notes)]
    return tuple(found)


def removed_in_copy(
    planned: Sequence[Planned], removed: RemovedNames | None
) -> tuple[Diagnostic, ...]:
    """An error for each place a planned article names an entry marked removed, at its line
    of the file to be made (its text or its title): the build would refuse it, so the name
    does not come back with old copy."""
    found: list[Diagnostic] = []
    for item in planned:
        path = "content/" + item.article.rel_path
        found += removed_mentions(removed, path, item.article.markdown)
    return tuple(found)


def write_import(content_dir: Path, article: ImportedArticle) -> Path:
    """Create the content file, whole or not at all; FileExistsError if anything is already
    there."""
    target = content_dir / article.rel_path
    target.parent.mkdir(parents=True, exist_ok=True)
    create_file(target, article.markdown.encode("utf-8"))
    return target


def write_planned(
    content_dir: Path,
    planned: Sequence[Planned],
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write every planned article, each whole or not at all (atomic.create_file). If one
    cannot be written (it appeared meanwhile, the disk is full) or the import is stopped
    (Ctrl-C), the ones this call wrote are removed again before the exception goes on:
    all or nothing."""
    written: list[Path] = []
    try:
        for item in planned:
            with _ctrl_c_deferred():  # a file made is a file listed, to be undone
                written.append(write_import(content_dir, item.article))
            if progress is not None:
                progress(len(written))
    except BaseException:
        with _ctrl_c_deferred():  # nor is the undoing stopped half-way
            for path in written:
                path.unlink(missing_ok=True)
        raise
    return written


@contextlib.contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Ctrl-C (and the other STOPS) held back until the block is done, then delivered."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
