"""What an edit did to the paragraphs of articles the last build published, said once by the
build that sees it (I/O: the last build's snapshot, the day).

Readers and researchers cite paragraphs by their anchors (`#p4`): a paragraph inserted or
deleted renumbers every one after it, and a published text changed with no correction note
leaves no trace for them. Each article's view keeps its paragraphs' fingerprints
(content/paragraphprints.py); a build compares the edited articles' with the last build's
and warns, as articles gone are warned of (articlesgone.py): beside the summary, not kept
in the record, so the next build, which compares with this one, does not say it again. A
build with no record to compare with (a cold one) says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..assembly.views import ArticleView
from ..content.paragraphprints import moved_anchors, text_change, unnoted_edit
from ..content.today import today
from ..core.diagnostics import Diagnostic
from ..core.model import Article
from . import cache, snapshotfile
from .inputfiles import story_of

Earlier = Mapping[str, tuple[Article, bytes]]  # story -> its article and paragraphs, as last built


def earlier_texts(
    record: cache.Record, inputs: cache.Inputs, snapshot: snapshotfile.LoadedOnce
) -> Earlier:
    """The last build's article and paragraphs of each article whose file changed since, for
    a full build (read before its snapshot is replaced)."""
    stories = [
        story
        for name, stamp in inputs.files.items()
        if name.startswith("content/ar/")
        and name in record.files
        and record.files[name][3] != stamp[3]
        and (story := story_of(name)) is not None
    ]
    if not stories:
        return {}
    loaded = snapshot()
    if loaded is None:
        return {}
    return earlier_of(loaded.snapshot.views, stories)


def earlier_of(views: Mapping[str, ArticleView], stories: Iterable[str]) -> Earlier:
    """The article and paragraphs of these stories' views (those the views have, intact)."""
    found = {}
    for story in stories:
        try:
            view = views[story]
        except (KeyError, snapshotfile.SnapshotDamaged):
            continue
        found[story] = (view.article, view.paragraphs)
    return found


def text_warnings(
    earlier: Earlier, views: Iterable[ArticleView], zone: str
) -> tuple[Diagnostic, ...]:
    """The warnings of moved paragraph anchors and of published text changed with no
    correction note, for these views of articles the last build knew as `earlier` (`zone`:
    site.toml's time_zone, whose day says which articles are published)."""
    day = today(zone)
    warnings = []
    for view in views:
        before = earlier.get(view.article.story)
        article = view.article
        if before is None or not before[1] or article.withdrawn or before[0].withdrawn:
            continue  # not built before (or by a tool that kept no paragraphs), or withdrawn
        if before[1] == view.paragraphs:
            continue
        change = text_change(before[1], view.paragraphs, article.body_line)
        file = f"content/{article.path}"
        moved = moved_anchors(change)
        if moved is not None:
            warnings.append(Diagnostic(file, change.moved_line, moved, "warning"))
        unnoted = unnoted_edit(change, before[0], article, day)
        if unnoted is not None:
            warnings.append(Diagnostic(file, change.first_line, unnoted, "warning"))
    return tuple(sorted(warnings))
