"""The pages an edit renders again (I/O: loads the stored views they need): every page and
feed that shows the fresh views, the pages browsers are viewing in a lot of their own, the
site they were rendered from, and the pages that appear or vanish; or None, before anything
is written, when the edit cannot be patched.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path

from ..assembly.site import Site
from ..assembly.views import ArticleView
from ..content.glossstatus import YearStatus
from ..core import urls
from ..core.model import OutputFile, SiteConfig
from ..entities.registry import Registry
from ..pages.environment import make_environment
from ..pages.kinds import patchable
from . import snapshotfile
from .collector import collector_paused
from .compiledtemplates import compiled_templates
from .editscope import Edit
from .pageset import crawler_files_after, edit_page_changes
from .selective import render_wanted
from .snapshot import Wanted, patched_progress, wanted_pages
from .storedsite import counts_before, stored_entity_views, stored_site

Rendered = tuple[
    tuple[list[OutputFile], list[OutputFile]],  # the viewed pages, and the rest
    Site | None,  # None when no story changed (static files only)
    Mapping[int, YearStatus],
    Mapping[str, list[str]],  # the stories each rendered page looked up
    tuple[frozenset[str], frozenset[str]],  # the pages that appear and vanish (site paths)
]


def render_patch(
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
            env = make_environment(tdir, compiled_templates(root, tdir))
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


def ignore_step(phase: str) -> None:
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
