"""The changed articles read again for a patch (I/O): parsed, matched and aligned as a full
build does them, with the articles whose links to an English page that comes or goes change
what they show, and the links of the edited ones to articles the archive does not have."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..assembly.views import ArticleView
from ..content.links import Linking, missing_articles
from ..content.movedfrom import moved_stories
from ..content.textfiles import read_source
from ..core import urls
from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import path_of_story
from ..entities.registry import Registry
from . import snapshotfile
from .articleviews import article_views
from .englishlinks import english_after, relinked


def read_fresh(
    root: Path, stories: frozenset[str], links: Linking, loaded: snapshotfile.Loaded
) -> tuple[dict[str, ArticleView], frozenset[str], list[Diagnostic]] | None:
    """The fresh views of `stories` and of the articles an English page coming or going
    makes link otherwise, those stories, and the problems found; None when a stored view
    a link asks about is damaged (a full build then)."""
    snapshot = loaded.snapshot
    try:
        fresh, found = fresh_views(root, stories, links, snapshot.registry)
        # An English page linked that comes or goes: the articles linking it read again.
        again = relinked(snapshot, loaded.delta, fresh)
        if again:
            links = replace(links, english=english_after(snapshot, fresh))
            more, found_again = fresh_views(root, frozenset(again), links, snapshot.registry)
            found = [d for d in found if _story_of(d.path) not in again] + found_again
            fresh, stories = {**fresh, **more}, stories | again
    except snapshotfile.SnapshotDamaged:
        return None
    return fresh, stories, found + _unlinked(fresh, snapshot.views)


def fresh_views(
    root: Path, stories: frozenset[str], links: Linking, registry: Registry
) -> tuple[dict[str, ArticleView], list[Diagnostic]]:
    """Read, parse, match and align the changed stories as a full build would (`links`: how
    the build publishes links, its config included)."""
    content = root / "content"
    diags: list[Diagnostic] = []
    texts: dict[str, str] = {}
    glosses: dict[str, str] = {}
    for story in sorted(stories):
        for lang, into in (("ar", texts), ("en", glosses)):
            rel = path_of_story(lang, story)
            file = content / rel
            if lang == "en" and not file.exists():
                continue
            try:
                into[rel] = read_source(str(file), rel)
            except ContentError as exc:
                diags.append(exc.diagnostic)
    views, found = article_views(texts, glosses, registry, links.config, links)
    return views, diags + found


def _story_of(path: str) -> str:
    """The story of a diagnostic's file (content/ar/… or content/en/…, else "")."""
    lang, _, rest = path.removeprefix("content/").partition("/")
    return rest.removesuffix(".md") if lang in urls.LANGS else ""


def _unlinked(
    fresh: Mapping[str, ArticleView], views: Mapping[str, ArticleView]
) -> list[Diagnostic]:
    """The edited articles' links to articles the archive does not have (an edit adds or
    deletes none: every other article's links were checked by the build that made them).
    The moved articles are looked for only when one is missing."""
    notes = [note for view in fresh.values() for note in view.links]
    if all(not note.story or note.story in views for note in notes):
        return []
    moved = moved_stories(view.article for view in views.values())
    return missing_articles(notes, views, moved)
