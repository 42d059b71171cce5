"""The site of an edit, made from the snapshot rather than from every light view (pure).

An edit at 20,000 articles must not load 20,000 light views (a quarter of a second). Its site
(stored_site) looks a view up only when a page it renders shows that article; it counts each
entity's articles from the skeleton, and takes each year's status rows from the snapshot, both
corrected by the stories edited since the full build (whose views are in memory).

An edit that changes what entity pages show of an article (its title, excerpt or mentions)
re-renders pages of each entity it names: the first and the one that lists it, or all of
them when the article names the entity anew or no longer (snapshot.wanted_pages). The
entity's view (stored_entity_views) is what a full build's is (assembly/site.py
entity_views), but made without
loading the view of every article naming the entity, thousands for a common one: which
articles name it comes from the skeleton, its companions are counted from the same, and each
backlink is made from its article's view only when a rendered page lists it.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence, Set
from typing import overload

from ..assembly.site import EntityView, Site, SiteIndex, StoredBacklinks, top_companions
from ..assembly.views import ArticleView
from ..core.model import SiteConfig
from .snapshot import Overlay, Skeleton, Snapshot, StatusRows


def stored_site(
    config: SiteConfig, snapshot: Snapshot, fresh: Mapping[str, ArticleView], since: Set[str]
) -> Site:
    """The site of an edit: the fresh views over the snapshot's, in the stored order; a
    view is loaded when a page asks for it (iterating `articles` loads them all). `since`:
    the stories edited since the full build (the snapshot's delta and the fresh ones)."""
    views = Overlay(fresh, snapshot.views)
    skeleton = snapshot.skeleton
    articles = _InOrder(skeleton.order, views)
    ids = [entity.id for entity in snapshot.registry.entities]
    counts = _MentionCounts(ids, skeleton, since, views)
    rows = StatusRows(snapshot.status_rows, views, since)
    index = SiteIndex(views, skeleton.order, counts, rows, skeleton.withdrawn)
    return Site(config, snapshot.registry, articles, (), skeleton.years, index)


def counts_before(snapshot: Snapshot, since: Set[str]) -> Mapping[str, int]:
    """How many articles named each entity before this edit (`since`: the stories edited
    between the full build and it, whose stored views are the patched ones)."""
    ids = [entity.id for entity in snapshot.registry.entities]
    return _MentionCounts(ids, snapshot.skeleton, since, snapshot.views)


class _MentionCounts(Mapping[str, int]):
    """The articles naming each entity: the full build's, corrected by the stories edited
    since (whose views are at hand), counted when asked: one entity's alone (an edit's
    entity pages), or all at once when iterated (the entities index, re-rendered when an
    edit changes which entities an article names)."""

    def __init__(
        self,
        ids: Collection[str],
        skeleton: Skeleton,
        since: Set[str],
        views: Mapping[str, ArticleView],
    ) -> None:
        self.ids, self.skeleton, self.since, self.views = ids, skeleton, since, views
        self.known = frozenset(self.ids)

    @functools.cached_property
    def counts(self) -> dict[str, int]:
        return {entity_id: self._count(entity_id) for entity_id in self.ids}

    @functools.cached_property
    def _now(self) -> dict[int, list[str]]:
        return named_now(self.skeleton, self.since, self.views)

    def __getitem__(self, entity_id: str) -> int:
        """One entity's count; without counting the others', unless they were counted."""
        if "counts" in self.__dict__ or entity_id not in self.known:
            return self.counts[entity_id]
        return self._count(entity_id)

    def _count(self, entity_id: str) -> int:
        return naming_count(self.skeleton, entity_id, self._now)

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


class _InOrder(Sequence[ArticleView]):
    """The views of stories in a given order, each looked up when asked for."""

    def __init__(self, order: Sequence[str], views: Mapping[str, ArticleView]) -> None:
        self.order = order
        self.views = views

    def __len__(self) -> int:
        return len(self.order)

    @overload
    def __getitem__(self, index: int) -> ArticleView: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ArticleView]: ...
    def __getitem__(self, index: int | slice) -> ArticleView | Sequence[ArticleView]:
        if isinstance(index, slice):
            return tuple(self.views[story] for story in self.order[index])
        return self.views[self.order[index]]


def stored_entity_views(
    site: Site,
    skeleton: Skeleton,
    ids: Collection[str],
    since: Set[str],
    companions: Collection[str],
) -> tuple[EntityView, ...]:
    """assembly.site.entity_views(site.registry, site.articles, ids), equal in what it gives but
    for the companions of entities not in `companions`, which are left out: only an entity's
    first page shows them, and counting them walks every article naming the entity (for a
    common one, most of an edit's time).

    `site`: an edit's site (stored_site); `since`: the stories edited since the
    full build, fresh or in the snapshot's delta."""
    views = site.article_by_story()
    now = named_now(skeleton, since, views)
    naming = {entity_id: naming_positions(skeleton, entity_id, now) for entity_id in ids}
    counted = [naming[entity_id] for entity_id in ids if entity_id in companions]
    named = _names_of(skeleton, set().union(*counted) - now.keys())
    named.update(now)
    by_id = site.registry.by_id()
    found = []
    for entity_id in sorted(i for i in ids if i in by_id):
        positions = naming[entity_id]
        counted_here = positions if entity_id in companions else []
        together = Counter(o for p in counted_here for o in named[p] if o != entity_id)
        stories = tuple(skeleton.order[p] for p in positions)
        backlinks = StoredBacklinks(entity_id, stories, views)
        found.append(EntityView(by_id[entity_id], backlinks, top_companions(together)))
    return tuple(found)


def named_now(
    skeleton: Skeleton, since: Set[str], views: Mapping[str, ArticleView]
) -> dict[int, list[str]]:
    """The entities each story edited since the full build names now, by its position."""
    return {
        p: [c.entity_id for c in views[skeleton.order[p]].entity_counts]
        for p in skeleton.positions(since)
    }


def naming_positions(skeleton: Skeleton, entity_id: str, now: Mapping[int, list[str]]) -> list[int]:
    """The positions (site order) of the articles naming the entity now: the full build's,
    but the edited ones (`now`) as they are now."""
    kept = (p for p in skeleton.naming.get(entity_id, ()) if p not in now)
    return sorted({*kept, *(p for p, found in now.items() if entity_id in found)})


def naming_count(skeleton: Skeleton, entity_id: str, now: Mapping[int, list[str]]) -> int:
    """How many articles name the entity now, len(naming_positions), told without listing
    them: the entities index and every edit's notes (Site.unnamed_entities) count each
    entity, some named by thousands of articles."""
    naming = skeleton.naming.get(entity_id, ())
    edited = sum(_holds(naming, position) for position in now)
    return len(naming) - edited + sum(entity_id in found for found in now.values())


def _holds(positions: Sequence[int], position: int) -> bool:
    """Whether ascending positions (the skeleton's) hold this one."""
    at = bisect_left(positions, position)
    return at < len(positions) and positions[at] == position


def _names_of(skeleton: Skeleton, positions: set[int]) -> dict[int, list[str]]:
    """The entities that the articles at these positions named at the full build."""
    named: dict[int, list[str]] = defaultdict(list)
    for entity_id, naming in skeleton.naming.items():
        for position in positions.intersection(naming):
            named[position].append(entity_id)
    return named
