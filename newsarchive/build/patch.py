"""Incremental build: when only article, gloss, static and media files changed (what
changed: changes.py), patch site/ in place (I/O).

The last build left a snapshot (light views of every article, see snapshot.py) whose digest
is in its build record. An edit then costs what it touches: the changed articles are parsed,
matched and aligned again, the pages that show them are rendered (those browsers are viewing
first), changed static files are copied, a media file replaced is copied and the articles
showing or linking it are made again, and only files whose bytes differ are replaced (each
by an atomic rename); the search parts of changed article pages are indexed again. Anything
else (a new or deleted article, a changed date, an entity added to or removed from the
registry, the config, the templates, the tool) means a full build; an edit of the registry's
entries matches again only the articles it can change (registryedit.py). A full build after
a new, deleted or re-dated article, or a media file added or deleted, keeps the other
articles' pages (keptarticles.py).

Safety: every input is checked before site/ is touched (bad input leaves it as it was), and
the build record is dropped before the first write, so a build interrupted half-way is
followed by a full build; a missing, corrupted or stale snapshot only means a full build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..assembly.views import ArticleView
from ..content.config import load_config
from ..content.registryfile import REGISTRY_FILE
from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic, errors_only
from ..core.hosts import SiteSize
from ..pages.feedentries import entry_context
from . import cache, snapshotfile
from .addresscheck import unpublished_in_edit
from .changes import copied_files, copied_media
from .editscope import Edit, Scope, edit_scope
from .englishlinks import english_before
from .freshviews import read_fresh
from .media import linking, media_names, photos_resized, replaced_renditions
from .patchrender import render_patch
from .patchwrite import write_patch
from .registryedit import is_unnamed_note, unnamed_notes
from .snapshot import patched_snapshot
from .storedsite import stored_site
from .textchanges import earlier_of, text_warnings
from .viewedearly import write_viewed_early


def patch_site(
    root: Path, edit: Edit, step: Callable[[str], None]
) -> tuple[tuple[str, ...], int, tuple[Diagnostic, ...], SiteSize, tuple[Diagnostic, ...]] | None:
    """Patch the site for the changed stories, registry entries and static files: (files
    written, pages unchanged, warnings, the site's size, the warnings said once: moved
    paragraph anchors, textchanges.py). None when this build cannot be incremental (a full
    build then). Every input is checked before the first write."""
    loaded = snapshotfile.load(root, edit.record.snapshot, edit.options.as_dict())
    scope = None if loaded is None else edit_scope(root, loaded, edit, step)
    if scope is None:
        return None
    config = load_config(root, edit.options.base_url, edit.options.search)
    # Once for the patch: looking for the media files goes through every input's name.
    links = linking(root / "content", config, media_names(edit.inputs.files), edit.inputs.files)
    links = replace(links, english=english_before(scope.loaded.snapshot))  # as last built
    early: tuple[tuple[str, ...], SiteSize] = ((), edit.record.size)
    if scope.same_names and edit.viewed:
        step("writing the viewed pages first")
        context = (scope.loaded, links, edit, (scope.renamed, scope.registry_before))
        early = write_viewed_early(
            root, scope.stories, scope.changes.stories, context, edit.record.size
        )
    step("reading and parsing the changed articles")
    read = read_fresh(root, scope.stories, links, scope.loaded)
    if read is None:
        return None
    fresh, stories, found = read
    problems = [*scope.problems, *found]
    if errors_only(problems):
        raise BuildFailed(errors_only(problems))
    if fresh.keys() != stories:
        return None
    entities = (scope.renamed, scope.registry_before)
    patch = render_patch(root, scope.loaded, fresh, config, edit, step, entities)
    if patch is None:
        return None
    folders = (edit.options.out_dir, edit.templates[0] / "static")
    snapshot, delta = scope.loaded.snapshot, scope.loaded.delta
    site = patch[1] or stored_site(config, snapshot, fresh, delta | fresh.keys())
    try:
        unpublished = unpublished_in_edit(snapshot, delta, fresh, folders, patch[4])
        unnamed = site.unnamed_entities()
    except snapshotfile.SnapshotDamaged:
        return None
    if unpublished:
        raise BuildFailed(unpublished)
    problems += unnamed_notes(snapshot.registry, unnamed)
    warnings = _warnings(edit.record, stories, scope.changes.registry, problems)
    said = text_warnings(earlier_of(snapshot.views, fresh.keys()), fresh.values(), config.time_zone)
    return (*_write(root, edit, scope, (fresh, stories, patch), tuple(warnings), early), said)


def _warnings(
    record: cache.Record, stories: frozenset[str], registry: bool, problems: list[Diagnostic]
) -> list[Diagnostic]:
    """The build's warnings: the record's, but for the files read again (an article the
    registry edit matches again too), whose warnings are found again, not repeated, and the
    notes on the entities no article names, made again; in file order, as a full build
    lists them."""
    files = {f"content/{lang}/{story}.md" for story in stories for lang in ("ar", "en")}
    files |= {REGISTRY_FILE} if registry else set()
    kept = [w for w in record.warnings if w.path not in files and not is_unnamed_note(w)]
    return sorted(kept + problems)


def _write(
    root: Path,
    edit: Edit,
    scope: Scope,
    made: tuple[dict[str, ArticleView], frozenset[str], Any],
    warnings: tuple[Diagnostic, ...],
    early: tuple[tuple[str, ...], SiteSize],
) -> tuple[tuple[str, ...], int, tuple[Diagnostic, ...], SiteSize]:
    """Write the patch (`made`: the fresh views, their stories and render_patch's pages),
    then the snapshot and the build record."""
    options, record = edit.options, edit.record
    fresh, stories, ((first, rest), site, progress, shown, (appear, vanish)) = made
    cache.forget(root)  # from the first write on, an interrupted build is not current
    # A media file replaced is copied if a page uses it (the skeleton's: unchanged by a patch);
    # a photo shown resized gets new renditions, before the pages showing them, and the old
    # ones leave.
    used = scope.loaded.snapshot.skeleton.media
    rest += copied_files(edit.templates[0], scope.changes)
    copies = copied_media(root, scope.changes, used)
    resized = photos_resized(fresh.values()) & scope.changes.media
    stamps = (record.files, edit.inputs.files)
    renditions, old = replaced_renditions(root, options.out_dir, resized, stamps)
    first = renditions + first
    gone = sorted(urls.output_path(page) for page in vanish)
    if options.search:
        from .searchparts import records_of_pages  # here: a build without search never needs it

        gone += records_of_pages(gone)
    gone += old
    written, size = write_patch(options, (first, rest, copies, gone), edit.on_written, early[1])
    written = early[0] + tuple(path for path in written if path not in early[0])
    digest = record.snapshot
    if site is not None:  # some story changed (not only static files)
        snapshot, delta = scope.loaded.snapshot, scope.loaded.delta
        feeds = entry_context(site, edit.templates[1])  # for the fresh stories' feed entries
        after = patched_snapshot(snapshot, feeds, fresh, progress, delta | stories)
        after = after.with_shown(shown).without(vanish)
        digest = snapshotfile.save_edit(
            root, scope.loaded, after, stories, options.as_dict(), record.snapshot
        )
    stamp = cache.site_stamp(options.out_dir)
    # An added entity's feeds, one a language, appear with its pages (pages counts every file
    # a build makes).
    added = scope.renamed - {entity.id for entity in scope.registry_before.entities}
    pages = record.pages + len(appear) - len(vanish) + len(added) * len(urls.LANGS)
    new = edit.inputs.record(stamp, pages, warnings, digest, size)
    with contextlib.suppress(OSError):
        cache.save_record(root, new)
    return written, pages - len(written), warnings, size
