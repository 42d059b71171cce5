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
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..assembly.site import Site
from ..assembly.views import ArticleView
from ..content.config import load_config
from ..content.glossstatus import YearStatus
from ..content.links import Linking
from ..content.registryfile import REGISTRY_FILE
from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic, errors_only
from ..core.hosts import SiteSize
from ..core.model import OutputFile, SiteConfig
from ..entities.registry import Registry
from ..pages.environment import Strings, make_environment
from ..pages.feeds import entry_context
from ..pages.kinds import patchable
from . import cache, snapshotfile
from .addresscheck import unpublished_in_edit
from .changes import Changes, changed_inputs, copied_files
from .collector import collector_paused
from .englishlinks import english_before
from .freshviews import fresh_views, read_fresh
from .keptarticles import showing_media
from .media import linking, media_names, media_problems, photos_resized, replaced_renditions
from .output import measure
from .pageset import crawler_files_after, edit_page_changes
from .patchwrite import differing, replace_files, write_patch
from .registryedit import is_unnamed_note, registry_edit, unnamed_notes
from .selective import render_wanted
from .snapshot import Wanted, patched_progress, patched_snapshot, wanted_pages
from .storedsite import counts_before, stored_entity_views, stored_site
from .textchanges import earlier_of, text_warnings

Written = Callable[[tuple[str, ...]], None]  # told of files as soon as they are in place


@dataclass(frozen=True)
class Edit:
    """What patching needs: the build's options, the last build's record, the inputs now,
    the templates folder and its UI strings, the output paths browsers are viewing (written
    first), and whom to tell of files as they land."""

    options: cache.BuildOptions
    record: cache.Record
    inputs: cache.Inputs
    templates: tuple[Path, Strings]
    viewed: Collection[str]
    on_written: Written


def patch_site(
    root: Path, edit: Edit, step: Callable[[str], None]
) -> tuple[tuple[str, ...], int, tuple[Diagnostic, ...], SiteSize, tuple[Diagnostic, ...]] | None:
    """Patch the site for the changed stories, registry entries and static files: (files
    written, pages unchanged, warnings, the site's size, the warnings said once: moved
    paragraph anchors, textchanges.py). None when this build cannot be incremental (a full
    build then). Every input is checked before the first write."""
    loaded = snapshotfile.load(root, edit.record.snapshot, edit.options.as_dict())
    scope = None if loaded is None else _scope(root, loaded, edit, step)
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
        early = _write_viewed_early(
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
    patch = _render_patch(root, scope.loaded, fresh, config, edit, step, entities)
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


@dataclass(frozen=True)
class _Scope:
    """What an edit changed and what must be made again: the last build's snapshot (with the
    registry as edited), the inputs changed, the stories to read again, the entities whose
    names changed (and whether every Arabic name stayed), the registry before, and the
    problems found so far."""

    loaded: snapshotfile.Loaded
    changes: Changes
    stories: frozenset[str]
    renamed: frozenset[str]
    same_names: bool
    registry_before: Registry
    problems: tuple[Diagnostic, ...]


def _scope(
    root: Path, loaded: snapshotfile.Loaded, edit: Edit, step: Callable[[str], None]
) -> _Scope | None:
    """What the edit changed (None: nothing, or a registry edit that needs a full build)."""
    changes = changed_inputs(edit.record.files, edit.inputs.files, loaded.snapshot.views)
    if not changes:
        return None
    # A media file replaced: the articles that show or link it are made again.
    stories = changes.stories | showing_media(loaded, changes.media)
    problems = tuple(media_problems(root / "content", changes.media))
    registry_before = loaded.snapshot.registry
    if not changes.registry:
        return _Scope(loaded, changes, stories, frozenset(), False, registry_before, problems)
    step("finding the articles the registry edit changes")
    edited = registry_edit(root, loaded.snapshot, loaded.delta)
    if edited is None:
        return None
    snapshot = replace(loaded.snapshot, registry=edited.registry)
    return _Scope(
        replace(loaded, snapshot=snapshot),
        changes,
        stories | edited.stories,
        edited.entities,
        edited.same_names,
        registry_before,
        (*problems, *edited.warnings),
    )


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
    scope: _Scope,
    made: tuple[dict[str, ArticleView], frozenset[str], Any],
    warnings: tuple[Diagnostic, ...],
    early: tuple[tuple[str, ...], SiteSize],
) -> tuple[tuple[str, ...], int, tuple[Diagnostic, ...], SiteSize]:
    """Write the patch (`made`: the fresh views, their stories and _render_patch's pages),
    then the snapshot and the build record."""
    options, record = edit.options, edit.record
    fresh, stories, ((first, rest), site, progress, shown, (appear, vanish)) = made
    cache.forget(root)  # from the first write on, an interrupted build is not current
    # A media file replaced is copied if a page uses it (the skeleton's: unchanged by a patch);
    # a photo shown resized gets new renditions, before the pages showing them, and the old
    # ones leave.
    used = scope.loaded.snapshot.skeleton.media
    rest += copied_files(root, edit.templates[0], scope.changes, used)
    resized = photos_resized(fresh.values()) & scope.changes.media
    stamps = (record.files, edit.inputs.files)
    renditions, old = replaced_renditions(root, options.out_dir, resized, stamps)
    first = renditions + first
    gone = sorted(urls.output_path(page) for page in vanish)
    if options.search:
        from .searchparts import records_of_pages  # here: a build without search never needs it

        gone += records_of_pages(gone)
    gone += old
    written, size = write_patch(options, (first, rest, gone), edit.on_written, early[1])
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


# A registry edit that keeps every Arabic name (an English name or a description changed)
# renders again each article that names the entity: at 5,000 articles, one named in 1,000
# was written 2.4 s after the save, the page a browser was viewing among the last. That page
# is written first now, from its own fresh view once the edited articles are checked: such
# an edit changes no other article's light view (what the page shows of it), so the patch
# that follows renders it the same and leaves it as it is.
def _write_viewed_early(
    root: Path,
    stories: frozenset[str],
    edited: frozenset[str],
    context: tuple[snapshotfile.Loaded, Linking, Edit, Any],
    size: SiteSize,
) -> tuple[tuple[str, ...], SiteSize]:
    """Write the viewed pages a registry edit that keeps the Arabic names changes, before the
    patch's other pages (`stories`: those it reaches; `edited`: the article and gloss files
    edited with it): (the pages written, the site's size after, `size` before)."""
    loaded, links, edit, renamed_and_before = context
    config = links.config
    out_dir = edit.options.out_dir
    viewed = {
        story
        for story in stories
        if any(urls.output_path(urls.article(lang, story)) in edit.viewed for lang in urls.LANGS)
    }
    first = edited | viewed
    try:
        fresh, found = fresh_views(root, first, links, loaded.snapshot.registry)
    except snapshotfile.SnapshotDamaged:  # the patch finds it too, and builds in full
        return (), size
    if errors_only(found):
        raise BuildFailed(errors_only(found))
    quiet = _ignore_step  # the step said is writing the viewed pages
    made = _render_patch(root, loaded, fresh, config, edit, quiet, renamed_and_before, True)
    if made is None or fresh.keys() != first:
        return (), size
    folders = (out_dir, edit.templates[0] / "static")  # no page vanishes: made is not None
    unpublished = unpublished_in_edit(loaded.snapshot, frozenset(), fresh, folders, made[4])
    if unpublished:
        raise BuildFailed(unpublished)
    # Not their search records: the patch indexes the parts of the records it writes.
    pages = [file for file in differing(out_dir, made[0][0]) if file.path in edit.viewed]
    paths = [file.path for file in pages]
    before = measure(out_dir, paths)
    cache.forget(root)  # from the first write on, an interrupted build is not current
    replace_files(out_dir, pages)
    edit.on_written(tuple(paths))
    after = measure(out_dir, paths)
    return tuple(paths), size.changed(before, after)


Rendered = tuple[
    tuple[list[OutputFile], list[OutputFile]],  # the viewed pages, and the rest
    Site | None,  # None when no story changed (static files only)
    Mapping[int, YearStatus],
    Mapping[str, list[str]],  # the stories each rendered page looked up
    tuple[frozenset[str], frozenset[str]],  # the pages that appear and vanish (site paths)
]


def _render_patch(
    root: Path,
    loaded: snapshotfile.Loaded,
    fresh: Mapping[str, ArticleView],
    config: SiteConfig,
    edit: Edit,
    step: Callable[[str], None],
    renamed_and_before: tuple[frozenset[str], Registry],
    viewed_only: bool = False,
) -> Rendered | None:
    """Every page and feed that shows the fresh views, the viewed ones first (each lot in
    its own list), the site they were rendered from and each year's translation sums; None
    when the edit cannot be patched (a date or a path changed) or a stored view is damaged.
    Every view the pages need is loaded here, so that nothing has been written yet when
    either is found. viewed_only: the viewed pages alone (no other lot), None when a page
    would appear or vanish."""
    snapshot = loaded.snapshot
    renamed, before_registry = renamed_and_before
    if not fresh and not renamed:
        return ([], []), None, snapshot.progress, {}, (frozenset(), frozenset())
    # An edit makes few cycles and soon ends; the collector walking the thousands of views
    # an entity or status page loads took longer than rendering the pages.
    with collector_paused(keep=True):
        try:
            if not all(patchable(view, snapshot.views[s]) for s, view in fresh.items()):
                return None  # the lists, earlier addresses or published media change
            since = loaded.delta | fresh.keys()  # edited since the full build
            site = stored_site(config, snapshot, fresh, since)
            feed_stories = {lang: kept.keys() for lang, kept in snapshot.feed_entries.items()}
            wanted = wanted_pages(site, snapshot, fresh, feed_stories, renamed, before_registry)
            tdir, strings = edit.templates
            env = make_environment(tdir, cache.compiled_templates(root, tdir))
            before = counts_before(snapshot, loaded.delta)
            existed = {entity.id for entity in before_registry.entities}
            change, in_sitemap = edit_page_changes(
                site, (snapshot.views, fresh), before, existed, wanted.entities
            )
            if viewed_only:
                if any(change) or any(in_sitemap):
                    return None
                wanted = _viewed_first(wanted, edit.viewed)[0]
                wanted = replace(wanted, entities=_entities_paged(wanted))
            crawler: list[OutputFile] = []
            if any(in_sitemap):  # a page more or less in the sitemap, or its date
                order = snapshot.skeleton.order
                made = crawler_files_after(site, env, strings, order, in_sitemap)
                if made is None:
                    return None
                crawler = made
            if wanted.entities:
                first = {i for i in wanted.entities if _first_page_wanted(wanted, i)}
                entities = stored_entity_views(
                    site, snapshot.skeleton, wanted.entities, since, first
                )
                site = site.with_entities(entities)
            progress = patched_progress(snapshot.progress, snapshot.views, fresh)
            step("rendering the changed pages")
            lots, shown = [], dict[str, list[str]]()
            for part in (wanted,) if viewed_only else _viewed_first(wanted, edit.viewed):
                kept = snapshot.feed_entries
                lots.append(render_wanted(site, env, strings, part, kept, fresh, progress, shown))
        except snapshotfile.SnapshotDamaged:
            return None
    rest = [] if viewed_only else lots[1] + crawler
    return (lots[0], rest), site, progress, shown, change


def _ignore_step(phase: str) -> None:
    return None


def _entities_paged(wanted: Wanted) -> frozenset[str]:
    """The wanted entities that have a wanted page of their own (the others' views are
    needed only by pages not wanted)."""
    assert isinstance(wanted.pages, frozenset)  # as _viewed_first makes it
    return frozenset(
        i
        for i in wanted.entities
        if any(
            page.startswith(urls.entity(lang, i)) for page in wanted.pages for lang in urls.LANGS
        )
    )


def _first_page_wanted(wanted: Wanted, entity_id: str) -> bool:
    """Whether an entity's first page (the one showing its companions) is rendered."""
    return any(urls.entity(lang, entity_id) in wanted.pages for lang in urls.LANGS)


def _viewed_first(wanted: Wanted, viewed: Collection[str]) -> tuple[Wanted, Wanted]:
    """The wanted pages that browsers are viewing (no feeds), and the rest."""
    assert isinstance(wanted.pages, frozenset)  # as wanted_pages makes it
    first = frozenset(page for page in wanted.pages if urls.output_path(page) in viewed)
    own = frozenset(
        s for s in wanted.articles if any(urls.article(lang, s) in first for lang in urls.LANGS)
    )
    return (
        replace(wanted, pages=first, feeds=frozenset(), articles=own),
        replace(wanted, pages=wanted.pages - first),
    )
