"""`gloss` over the whole archive, in workers, never holding the archive in memory.

Two passes over the articles, each spread over the cores (workers.py). The first reads and
checks every article and gloss file for the problems a build finds in them
(content/articlechecks.py), keeping only those: any error stops `gloss` before it writes
anything (docs/editors-guide.md). The second, run only when there is none, takes each
article in turn: it reads and checks it again, finds the entities its paragraphs name,
writes the stub or the new pending blocks, and sends back one line's worth. Holding every
article's parsed body, matched, until the first write took 5.3 GB at 100,000 articles.
`gloss ARTICLE…` takes the same two passes over the stories named.

The diagnostics come out in the order load_stories gives them, and the files are written
and named in the order of the articles: the run prints what a serial one does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from ..content.articlechecks import check_article
from ..content.glossfiles import GlossChange, read_gloss, write_gloss
from ..content.glossstatus import article_status
from ..content.links import Linking
from ..content.registryfile import read_registry
from ..content.removednames import RemovedNames, removed_names
from ..content.strayglosses import stray_glosses
from ..content.textfiles import markdown_sources, read_source
from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import path_of_story, story_of_path
from ..entities.matcher import build_matcher, find_mentions
from ..entities.registry import Registry
from .media import checking_links, media_in
from .workers import MIN_PARALLEL, task_ranges, worker_count, worker_pool


@dataclass(frozen=True)
class Archive:
    """What the checking pass leaves for the writing one: the files by NFC path relative to
    content/ (their paths on disk as markdown_sources gives them), and the articles that
    parsed, in order; how the build would publish their links (they are checked as it checks
    them); and the day of the run (glosses are checked against it, and dated)."""

    content_dir: Path
    sources: Mapping[str, str]
    glosses: Mapping[str, str]
    registry: Registry
    articles: tuple[str, ...]
    linking: Linking
    today: datetime.date | None = None
    removed: RemovedNames | None = None  # the names no file may hold, as a build checks


class Checked(NamedTuple):
    """One article file's diagnostics, by kind (their order in the output differs), and
    whether it parsed."""

    read: tuple[Diagnostic, ...]  # the article cannot be read
    parsed: tuple[Diagnostic, ...]  # its parse's
    gloss_read: tuple[Diagnostic, ...]  # its gloss cannot be read
    gloss: tuple[Diagnostic, ...]  # its gloss's parse's (when the article parsed)
    ok: bool


class Glossed(NamedTuple):
    """What the writing pass did for one article: the change and its problems, and its file
    as named in gloss's closing lines if it has stale blocks, or orphan blocks after."""

    change: GlossChange | None
    problems: tuple[Diagnostic, ...]
    stale: str | None
    orphans: str | None


def check_archive(
    root: Path, only: Sequence[str] | None = None, today: datetime.date | None = None
) -> tuple[Archive, tuple[Diagnostic, ...]]:
    """Read and check every article (its own problems, as the build finds them:
    content/articlechecks.py), gloss and the registry, for their diagnostics, in the order
    load_stories gives them, without finding entities or keeping any text. only:
    these stories' files alone (`gloss ARTICLE…`: the day's articles, in an archive of any
    size; an error in another article does not stop it)."""
    content_dir = root / "content"
    if only is None:
        sources, ar_found = markdown_sources(content_dir, "ar")
        glosses, en_found = markdown_sources(content_dir, "en")
    else:
        sources, glosses = (
            _story_files(content_dir, "ar", only),
            _story_files(content_dir, "en", only),
        )
        ar_found = en_found = ()
    registry, registry_found = read_registry(content_dir)
    linking = checking_links(content_dir, media_in(content_dir))
    removed = removed_names(registry)
    archive = Archive(content_dir, sources, glosses, registry, (), linking, today, removed)
    rels = list(sources)
    checked = list(_in_workers(_check, archive, rels))
    gloss_unread: dict[str, tuple[Diagnostic, ...]] = {}
    for rel, each in zip(rels, checked, strict=True):
        if each.gloss_read:
            gloss_unread[_gloss_of(rel)] = each.gloss_read
    stories = {story_of_path(rel) for rel in sources}
    for rel in glosses:  # the glosses of no article: read for their own errors
        if story_of_path(rel) not in stories:
            found = _unreadable(glosses[rel], rel)
            if found:
                gloss_unread[rel] = found
    unread_articles = [d for each in checked for d in each.read]
    diags = (
        *ar_found,
        *unread_articles,
        *registry_found,
        *(d for each in checked for d in each.parsed),
        *en_found,
        *(d for rel in glosses for d in gloss_unread.get(rel, ())),
        *(d for each in checked for d in each.gloss),
        # An article that cannot be read (a conflict left in it) is there all the same:
        # its gloss is no stray, and the article's own error is the one to fix.
        *stray_glosses((rel for rel in glosses if rel not in gloss_unread), stories),
    )
    parsed = tuple(rel for rel, each in zip(rels, checked, strict=True) if each.ok)
    return Archive(content_dir, sources, glosses, registry, parsed, linking, today, removed), diags


def gloss_archive(archive: Archive) -> Iterator[Glossed]:
    """Create or update the gloss of every article that parsed, in order: what each got."""
    return _in_workers(_gloss, archive, list(archive.articles))


def _in_workers(work: Any, archive: Archive, rels: list[str]) -> Iterator[Any]:
    """work(state, part) over parts of rels, each result as its part is done, in order;
    across the cores for an archive big enough. Each worker reads the files itself (forked:
    the paths are not pickled)."""
    inputs = {"archive": archive, "rels": rels}
    workers = worker_count()
    if workers < 2 or len(rels) < MIN_PARALLEL:
        yield from work(dict(inputs), range(len(rels)))
        return
    with worker_pool(work, inputs, workers) as run:
        for part in run(task_ranges(len(rels), workers)):
            yield from part


def _story_files(content_dir: Path, lang: str, stories: Sequence[str]) -> dict[str, str]:
    """The article (ar) or gloss (en) files of these stories that exist, by path relative
    to content_dir, as markdown_sources names them."""
    rels = (path_of_story(lang, story) for story in dict.fromkeys(stories))
    return {rel: str(content_dir / rel) for rel in rels if (content_dir / rel).is_file()}


def _gloss_of(rel: str) -> str:
    return path_of_story("en", story_of_path(rel))


def _unreadable(path: str, rel: str) -> tuple[Diagnostic, ...]:
    try:
        read_source(path, rel)
    except ContentError as exc:
        return (exc.diagnostic,)
    return ()


def _check(state: dict[str, Any], part: Iterable[int]) -> list[Checked]:
    """A part's articles (and their glosses) read and parsed, for their diagnostics."""
    archive: Archive = state["archive"]
    rels: list[str] = state["rels"]
    return [_check_one(archive, rels[index]) for index in part]


def _check_one(archive: Archive, rel: str) -> Checked:
    gloss_rel = _gloss_of(rel)
    gloss_text: str | None = None
    gloss_read: tuple[Diagnostic, ...] = ()
    if gloss_rel in archive.glosses:
        try:
            gloss_text = read_source(archive.glosses[gloss_rel], gloss_rel)
        except ContentError as exc:
            gloss_read = (exc.diagnostic,)
    try:
        text = read_source(archive.sources[rel], rel)
    except ContentError as exc:
        return Checked((exc.diagnostic,), (), gloss_read, (), False)
    gloss_texts = {} if gloss_text is None else {gloss_rel: gloss_text}
    checked = check_article(
        rel, text, gloss_texts, archive.today, archive.linking, removed=archive.removed
    )
    # Apart, as load_stories orders them: the article's own (its links' too), its gloss's.
    parsed = tuple(d for d in checked.problems if not d.path.startswith("content/en/"))
    gloss = tuple(d for d in checked.problems if d.path.startswith("content/en/"))
    return Checked((), parsed, gloss_read, gloss, checked.article is not None)


def _gloss(state: dict[str, Any], part: Iterable[int]) -> list[Glossed]:
    """A part's articles glossed: each read, matched and aligned, and its gloss written."""
    archive: Archive = state["archive"]
    rels: list[str] = state["rels"]
    if "matcher" not in state:  # once per worker, kept for its other parts
        state["matcher"] = build_matcher(archive.registry)
    matcher = state["matcher"]
    return [_gloss_one(archive, rels[index], matcher) for index in part]


def _gloss_one(archive: Archive, rel: str, matcher: Any) -> Glossed:
    gloss_rel = _gloss_of(rel)
    try:
        text = read_source(archive.sources[rel], rel)
        texts = {}
        if gloss_rel in archive.glosses:
            texts[gloss_rel] = read_source(archive.glosses[gloss_rel], gloss_rel)
    except ContentError as exc:  # gone or spoilt since the checking pass: left alone
        return Glossed(None, (exc.diagnostic,), None, None)
    find = partial(find_mentions, matcher)
    checked = check_article(rel, text, texts, archive.today, archive.linking, find)
    # The paragraphs and then the footnotes: a gloss file has a block for each.
    article, blocks, gloss = checked.article, checked.glossed, checked.gloss
    if article is None or gloss is None:
        return Glossed(None, checked.problems, None, None)
    if article.withdrawn is not None:  # no page shows its text: its gloss is left as it is
        return Glossed(None, checked.problems, None, None)
    stale_ids = article_status(gloss).stale_named
    stale = f"content/{gloss_rel} ({', '.join(stale_ids)})" if stale_ids else None
    change, problems = write_gloss(
        archive.content_dir, article, blocks, archive.registry, archive.today
    )
    # Its orphan blocks as the file now reads: `gloss` takes out the empty ones, and adds
    # blocks for paragraphs that had none, which leaves no block unpaired. So only a file
    # that had orphans is read again (every written file was: a fifth of the run).
    if change is not None and change.action == "updated" and gloss.orphans:
        gloss = read_gloss(archive.content_dir, article, blocks)
    orphans = f"content/{gloss_rel} ({', '.join(gloss.orphans)})" if gloss.orphans else None
    return Glossed(change, problems, stale, orphans)
