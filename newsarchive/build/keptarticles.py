"""The articles a full build keeps from the last build (I/O: the record, the snapshot).

A new, deleted or re-dated article is not patched: the archives' order changes (patch.py),
so the site is built in full, and so is a file of content/media/ added or deleted
(media.py). But nothing on an article's own pages depends on the other articles
(articles.py; but for whether one it links in English has its English page, which the kept
view's links say, so a kept article linking one that gained or lost it is made again), nor
on media files it does not show or link (the snapshot's skeleton says which articles do:
those are made again). So when only article, gloss and media files
changed since the last build,
and its snapshot and its site are as it left them, the full build takes each untouched
article's light view from the snapshot and links its pages and search records from the site
it replaces, instead of parsing, matching and rendering it again (articleworker.py). The lists,
entity pages and feeds are still made from every view, as in any full build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..assembly.lightviews import Sharing, light_view
from ..assembly.views import ArticleView
from ..content.links import media_linked
from ..core.diagnostics import Diagnostic
from ..core.model import path_of_story, story_of_path
from . import cache, snapshotfile
from .inputfiles import Stamped, changed_names, story_of
from .media import INPUT_PREFIX, media_names


@dataclass(frozen=True)
class Kept:
    """The articles a full build keeps, by source path (ar/…/x.md); the snapshot they come
    from, whose light views are read after the workers that link the files have forked (a
    build process holding them would be counted in each worker's memory); the warnings the
    last build gave for their files, by source path, in its order."""

    rels: frozenset[str]
    snapshot: snapshotfile.Loaded
    warnings: Mapping[str, tuple[Diagnostic, ...]]
    sharing: Sharing = field(default_factory=Sharing, compare=False)

    def view(self, rel: str) -> ArticleView | None:
        """A kept article's light view; None when what is stored is damaged. The views are
        stored one by one, so their dates, sources, counts and paragraphs are shared again
        as a full build shares them (light_view): at 100,000 articles 0.44 GB instead of 0.78."""
        try:
            return light_view(self.snapshot.view(story_of_path(rel)), self.sharing)
        except snapshotfile.SnapshotDamaged:
            return None

    def close(self) -> None:
        """Let go of the snapshot's file (0.23 GB at 100,000 articles, read through)."""
        self.snapshot.stored.close()


def kept_articles(
    record: cache.Record, inputs: cache.Inputs, snapshot: snapshotfile.LoadedOnce
) -> Kept | None:
    """The articles whose files did not change since the last build, and that show or link
    no media file that did, when nothing but article, gloss and media files did and its
    snapshot is intact (the caller checked that its site is); else None."""
    changed = _stories_changed(record.files, inputs.files)
    if changed is None:
        return None
    loaded = snapshot()
    if loaded is None:
        return None
    # A withdrawn article is made again (it has no search record to link, and no text).
    touched = changed[0] | showing_media(loaded, changed[1]) | {*loaded.snapshot.skeleton.withdrawn}
    views = loaded.snapshot.views
    kept = frozenset(path_of_story("ar", story) for story in views if story not in touched)
    warnings: dict[str, list[Diagnostic]] = {}
    for warning in record.warnings:
        lang, _, rest = warning.path.removeprefix("content/").partition("/")
        if lang in ("ar", "en") and f"ar/{rest}" in kept:
            warnings.setdefault(f"ar/{rest}", []).append(warning)
    return Kept(kept, loaded, {rel: tuple(found) for rel, found in warnings.items()})


def _stories_changed(
    before: Mapping[str, Stamped], now: Mapping[str, Stamped]
) -> tuple[set[str], frozenset[str]] | None:
    """The stories whose article or gloss file was added, deleted or changed, and the media
    files added, deleted or changed (media/…); None when another input changed (the
    registry, the config, a template, the tool)."""
    touched: set[str] = set()
    names = changed_names(before, now)
    for name in names:
        story = story_of(name)
        if story is not None:
            touched.add(story)
        elif not name.startswith(INPUT_PREFIX):
            return None
    return touched, media_names(names)


def showing_media(loaded: snapshotfile.Loaded, media: frozenset[str]) -> set[str]:
    """The stories whose pages show or link one of these media files (more, never fewer:
    an article edited since may have dropped the link): their pages are made again. A file
    added was linked by no article, or the last build, which made the snapshot, had failed."""
    if not media:
        return set()
    skeleton = loaded.snapshot.skeleton
    found = {skeleton.order[p] for name in media for p in skeleton.media.get(name, ())}
    edited = loaded.edited.items()
    return found | {story for story, view in edited if media & media_linked(view.links)}
