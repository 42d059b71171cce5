"""Translation progress from the last build's record, for `status` (I/O).

`status` read, parsed and aligned every article and gloss file: 3.5 minutes at 100,000
articles. The last build's snapshot holds every article's status row already (the status
pages are made from them), so `status` starts from those rows and reads again only the
article and gloss files that changed since that build, found by the same stat walk as an
incremental build's (and the articles showing a media file changed since), checked as the
build checks them (content/articlechecks.py). Anything the rows cannot stand for (no record
or snapshot, a file in content/ar or content/en that is not an article or gloss by its
name) answers None: then `status` reads everything, as before.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from pathlib import Path

from ..content.articlechecks import check_article
from ..content.glossstatus import ArticleStatus, article_status
from ..content.registryfile import REGISTRY_FILE, read_registry
from ..content.removednames import RemovedNames, removed_names
from ..content.strayglosses import stray_glosses
from ..content.textfiles import read_stories
from ..core import urls
from ..core.diagnostics import Diagnostic
from ..core.model import path_of_story
from . import cache, snapshotfile
from .inputfiles import ARTICLE_FOLDERS, changed_names, look_at_all, story_of
from .keptarticles import showing_media
from .media import INPUT_PREFIX, checking_links, is_media, media_names
from .registryedit import is_unnamed_note
from .snapshot import StatusRows


def recorded_progress(
    root: Path, day: datetime.date
) -> tuple[list[ArticleStatus], tuple[Diagnostic, ...]] | None:
    """Every article's status row, by story, and the problems of the files read again (and
    of the registry, if it changed; `day`: the site's, which no date may pass by more than
    one); None when the last build's rows cannot be used."""
    record = cache.load_record(root)
    if record is None or not record.snapshot:
        return None
    loaded = snapshotfile.load(root, record.snapshot, None)
    if loaded is None:
        return None
    known = {name: stamp for name, stamp in record.files.items() if name.startswith("content/")}
    looked = look_at_all(
        [("content/", str(root / "content"))], known, record.saved_ns - cache.RACY_NS
    )
    gone = looked.gone(known)
    now = {name: stamp for name, stamp in known.items() if name not in gone} | looked.fresh
    changed: set[str] = set()
    media: set[str] = set()
    registry_changed = False
    for name in changed_names(known, now):
        story = story_of(name)
        if story is not None:
            changed.add(story)
        elif name.startswith(ARTICLE_FOLDERS):
            return None  # a file `status` names as misnamed, or a name not in NFC
        elif is_media(name):
            media.add(name.removeprefix("content/"))
        registry_changed = registry_changed or name == REGISTRY_FILE
    # An article showing or linking a media file added, deleted or replaced since may have
    # gained or lost a problem (a photo gone, no image any more): it is checked again.
    changed |= showing_media(loaded, frozenset(media))
    snapshot = loaded.snapshot
    stored = StatusRows(snapshot.status_rows, snapshot.views, loaded.delta)
    rows = {row.story: row for year in stored for row in stored[year] if row.story not in changed}
    registry = snapshot.registry
    if registry_changed:
        registry, registry_problems = read_registry(root / "content")
        if registry.removed != snapshot.registry.removed:
            return None  # every file is to be read for a name removed (as a build does)
    fresh, problems = _fresh_rows(root / "content", changed, now, day, removed_names(registry))
    read_again = {
        f"content/{path_of_story(lang, story)}" for story in changed for lang in urls.LANGS
    }
    if registry_changed:
        problems += registry_problems
        read_again.add(REGISTRY_FILE)
    # The last build's warnings of the files not read again (an article's '<!--' line, a
    # registry's doubtful name) are still true: status names them every time, as it did. Its
    # notes of entities no article names are the build's, which matches every article: status
    # reading every file does not, so neither does this.
    problems += [w for w in record.warnings if w.path not in read_again and not is_unnamed_note(w)]
    rows |= fresh
    return [rows[story] for story in sorted(rows)], tuple(problems)


def _fresh_rows(
    content: Path,
    stories: set[str],
    now: Collection[str],
    day: datetime.date,
    removed: RemovedNames | None,
) -> tuple[dict[str, ArticleStatus], list[Diagnostic]]:
    """The status rows of these stories, from their files as they are now (`now`: the record
    names of every input file), and the problems found reading them, as `status` reading every
    file finds them (`day`: the site's today; `removed`: the registry's names removed from
    the archive)."""
    rows: dict[str, ArticleStatus] = {}
    if not stories:  # nothing changed: not even the media files are listed
        return rows, []
    texts, unread = read_stories(content, "ar", sorted(stories))
    glosses, unread_glosses = read_stories(content, "en", sorted(stories))
    problems = [*unread, *unread_glosses]
    linking = checking_links(content, media_names(n for n in now if n.startswith(INPUT_PREFIX)))
    for story in sorted(stories):
        rel = path_of_story("ar", story)
        if rel not in texts or f"content/{rel}" not in now:
            continue
        checked = check_article(rel, texts[rel], glosses, day, linking, None, None, removed)
        problems += checked.problems
        listed = checked.article is not None and checked.article.withdrawn is None
        if checked.gloss is not None and listed:  # a withdrawn article has nothing to translate
            rows[story] = article_status(checked.gloss)
    strays = [rel for rel in glosses if f"content/ar/{rel.removeprefix('en/')}" not in now]
    if strays:  # named with the article each most likely belongs to, among all of them
        named = (story_of(name) for name in now if name.startswith("content/ar/"))
        problems += stray_glosses(strays, {story for story in named if story is not None})
    return rows, problems
