"""What a build keeps for the next one, and which pages an edit touches (pure).

An incremental build must not parse or render the articles that did not change, yet the
pages that list them (archives, entity pages, the status page, feeds) show a little of each.
So every build keeps a *light view* of each article: the article without its body or blocks
but with its excerpt and first-mention sentences, and the gloss without its English text.
Pages rendered from light views are identical to those of a full build
(tests/test_cli_incremental.py compares them byte for byte);
the language feeds, which carry whole texts, keep their entries instead.

An edit must not load 20,000 light views either (a quarter of a second): the snapshot also
keeps a *skeleton* (the story order, the archives, which stories name each entity) and each
year's translation sums, and the site of an edit (stored_site) looks a view up only when a
page it renders shows that article.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import TypeVar, cast, overload

from . import urls
from .assemble import ArticleView, Site, YearArchive, first_sentence
from .entities import Registry
from .feeds import FeedEntry, entry_of
from .gloss import ArticleStatus, GlossParagraph, State, YearStatus, article_status, year_status
from .model import SiteConfig
from .pagememo import list_item, titled
from .render import entity_page_count
from .render_en import gloss_of

T = TypeVar("T")


@dataclass(frozen=True)
class Skeleton:
    """What an edit needs of the whole archive besides a few articles, so that it loads only
    the light views of the pages it renders: the order of the stories, the archives, and
    which stories name each entity. An edit never changes these (a new article or date does
    not patch: it builds in full)."""

    order: tuple[str, ...]  # newest first
    years: tuple[YearArchive, ...]
    naming: Mapping[str, tuple[int, ...]]  # entity id -> positions in order of its articles

    def positions(self, stories: Set[str]) -> set[int]:
        """Where these stories are in `order`."""
        return {p for p, story in enumerate(self.order) if story in stories}


@dataclass(frozen=True)
class Snapshot:
    """The light view of every article, and the entries of the language feeds, by story."""

    views: Mapping[str, ArticleView]
    feed_entries: Mapping[str, Mapping[str, FeedEntry]]  # lang -> story -> entry
    registry: Registry  # what the articles were matched against (unchanged, or a full build)
    skeleton: Skeleton
    progress: Mapping[int, YearStatus]  # each year's translation sums


@dataclass(frozen=True)
class Wanted:
    """What an incremental build renders again: page paths (urls.*) and feed file paths."""

    pages: Container[str]
    feeds: Container[str]
    entities: frozenset[str] = frozenset()  # whose views the pages need
    articles: frozenset[str] = frozenset()  # the stories whose own pages are among `pages`


def snapshot_of(site: Site, entries: Mapping[str, Mapping[str, FeedEntry]]) -> Snapshot:
    """A full build's snapshot of its site of light views."""
    naming: dict[str, list[int]] = {}
    for position, view in enumerate(site.articles):
        for count in view.entity_counts:
            naming.setdefault(count.entity_id, []).append(position)
    skeleton = Skeleton(tuple(site.stories()), site.years, {i: tuple(p) for i, p in naming.items()})
    by_story = site.article_by_story()
    progress = {
        year.year: year_status(year.year, [_status_of(by_story[s]) for s in year.stories])
        for year in site.years
    }
    return Snapshot(by_story, entries, site.registry, skeleton, progress)


def stored_site(
    config: SiteConfig, snapshot: Snapshot, fresh: Mapping[str, ArticleView], since: Set[str]
) -> Site:
    """The site of an edit: the fresh views over the snapshot's, in the stored order; a
    view is loaded when a page asks for it (iterating `articles` loads them all). `since`:
    the stories edited since the full build (the snapshot's delta and the fresh ones)."""
    views = Overlay(fresh, snapshot.views)
    skeleton = snapshot.skeleton
    articles = _InOrder(skeleton.order, views)
    site = Site(config, snapshot.registry, articles, (), skeleton.years)
    site.__dict__["_by_story"] = views
    site.__dict__["_stories"] = skeleton.order
    ids = [entity.id for entity in snapshot.registry.entities]
    site.__dict__["_mention_counts"] = _MentionCounts(ids, skeleton, since, views)
    return site


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
    def _edited(self) -> set[int]:
        return self.skeleton.positions(self.since)

    def __getitem__(self, entity_id: str) -> int:
        """One entity's count; without counting the others', unless they were counted."""
        if "counts" in self.__dict__ or entity_id not in self.known:
            return self.counts[entity_id]
        return self._count(entity_id)

    def _count(self, entity_id: str) -> int:
        positions = self.skeleton.naming.get(entity_id, ())
        kept = sum(1 for p in positions if p not in self._edited)
        return kept + sum(
            1
            for story in self.since
            for count in self.views[story].entity_counts
            if count.entity_id == entity_id
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


class Overlay(Mapping[str, ArticleView]):
    """The views of `top` over those of `below` (edited stories over stored ones)."""

    def __init__(self, top: Mapping[str, ArticleView], below: Mapping[str, ArticleView]) -> None:
        self.top = top
        self.below = below

    def __getitem__(self, story: str) -> ArticleView:
        found = self.top.get(story)
        return self.below[story] if found is None else found

    def __contains__(self, story: object) -> bool:
        return story in self.top or story in self.below

    def __iter__(self) -> Iterator[str]:
        yield from self.below
        yield from (story for story in self.top if story not in self.below)

    def __len__(self) -> int:
        return len(self.below) + sum(1 for story in self.top if story not in self.below)


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


def naming_views(
    site: Site, snapshot: Snapshot, ids: Collection[str], also: Set[str]
) -> list[ArticleView]:
    """The views that may name the given entities, in site order: those that did at the full
    build, and the `also` stories (edited since), which may name them now."""
    skeleton = snapshot.skeleton
    positions = {p for entity_id in ids for p in skeleton.naming.get(entity_id, ())}
    positions |= skeleton.positions(also)
    return [site.articles[p] for p in sorted(positions)]


def patched_progress(
    progress: Mapping[int, YearStatus],
    old: Mapping[str, ArticleView],
    fresh: Mapping[str, ArticleView],
) -> dict[int, YearStatus]:
    """Each year's sums after the fresh views replaced the old ones (dates unchanged)."""
    sums = dict(progress)
    for story, new in fresh.items():
        before, after = _status_of(old[story]), _status_of(new)
        year = sums[new.article.date.year]
        sums[year.year] = replace(
            year,
            done=year.done - before.done + after.done,
            pending=year.pending - before.pending + after.pending,
            stale=year.stale - before.stale + after.stale,
        )
    return sums


def _status_of(view: ArticleView) -> ArticleStatus:
    return article_status(gloss_of(view))


def light_view(view: ArticleView) -> ArticleView:
    """The view without what only the article's own pages show (body, blocks, English text,
    fingerprints of paragraphs that are not stale).

    What lists and entity pages read of the blocks, the excerpt and the first-mention
    sentences, is kept as the light view's cached values (pickled with it).
    """
    gloss = view.gloss
    if gloss is not None:
        bare = tuple(_bare(p.index, p.state, p.block_id, p.fingerprint) for p in gloss.paragraphs)
        gloss = replace(gloss, paragraphs=bare)
    article = replace(
        view.article, body="", date=_shared(view.article.date), source=_shared(view.article.source)
    )
    article.__dict__["story"] = view.article.story
    counts = tuple(_shared(c) for c in view.entity_counts)
    light = replace(view, article=article, blocks=(), entity_counts=counts, gloss=gloss)
    light.__dict__["excerpt"] = view.excerpt  # what cached_property would have stored
    # Entities first named in the same sentence share it: one string stored, not one each.
    sentences: dict[str, str] = {}
    light.__dict__["first_sentences"] = {
        entity_id: sentences.setdefault(sentence, sentence)
        for entity_id, sentence in view.first_sentences.items()
    }
    return light


def _bare(index: int, state: State, block_id: str | None, fingerprint: str) -> GlossParagraph:
    """A paragraph as lists and the status pages read it: its state, and for a stale one
    what the status page names (the others are shared, see _shared)."""
    if state == "stale":
        return GlossParagraph(index, state, block_id, "", fingerprint)
    return _shared(GlossParagraph(index, state, block_id, "", ""))


def _shared(value: T) -> T:
    """The first value seen equal to this one. Dates, sources, entity counts and bare
    paragraphs repeat across an archive; as one object each, the light views a full build
    holds (20,000 at once) take less memory."""
    return cast(T, _first_equal(value))


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _first_equal(value: object) -> object:
    return value


def patched_snapshot(
    old: Snapshot, site: Site, fresh: Mapping[str, ArticleView], progress: Mapping[int, YearStatus]
) -> Snapshot:
    """The snapshot after the `fresh` (fully parsed) views replaced their old light views."""
    views = Overlay({story: light_view(v) for story, v in fresh.items()}, old.views)
    entries = {lang: dict(found) for lang, found in old.feed_entries.items()}
    for lang, found in entries.items():
        for story in found.keys() & fresh.keys():
            found[story] = entry_of(lang, site.config, fresh[story])
    return Snapshot(views, entries, old.registry, old.skeleton, progress)


def mentions(view: ArticleView) -> tuple[tuple[str, int, str], ...]:
    """Entity id, count and first-mention sentence: what entity pages show of an article."""
    return tuple(
        (c.entity_id, c.count, first_sentence(view, c.entity_id)) for c in view.entity_counts
    )


def wanted_pages(
    site: Site,
    old: Mapping[str, ArticleView],
    fresh: Mapping[str, ArticleView],
    feed_stories: Mapping[str, Iterable[str]],
) -> Wanted:
    """Every page and feed that shows something of the fresh articles (dates unchanged)."""
    where = _ListIndex(site)
    pages: set[str] = set()
    feeds: set[str] = set()
    entities: set[str] = set()
    for story, new in fresh.items():
        before = old[story]
        pages |= {urls.article(lang, story) for lang in urls.LANGS}
        for lang in urls.LANGS:
            if list_item(before, lang) != list_item(new, lang):
                pages |= where.lists(story, lang)
        ids = {c.entity_id for c in (*before.entity_counts, *new.entity_counts)}
        quoted = titled(before) != titled(new) or mentions(before) != mentions(new)
        if quoted or list_item(before, "ar") != list_item(new, "ar"):
            pages |= {page for i in ids for page in _entity_pages(site, i)}
            feeds |= {urls.entity_feed("ar", i) for i in ids}
            entities |= ids
        if _ids(before) != _ids(new):  # the index counts each entity's articles
            pages |= {urls.entities_index(lang) for lang in urls.LANGS}
        if titled(before) != titled(new) or _status(before) != _status(new):
            pages |= {urls.status(), urls.status(new.article.date.year)}
        feeds |= {urls.feed(lang) for lang, found in feed_stories.items() if story in found}
    return Wanted(frozenset(pages), frozenset(feeds), frozenset(entities), frozenset(fresh))


def _entity_pages(site: Site, entity_id: str) -> Iterator[str]:
    """The paths of an entity's pages in both languages (as many as its articles now fill:
    an edit that changes how many is built in full, see rebuild.py)."""
    count = entity_page_count(site.mention_counts()[entity_id], site.config.per_page)
    for lang in urls.LANGS:
        yield from (urls.entity(lang, entity_id, number) for number in range(1, count + 1))


def _ids(view: ArticleView) -> set[str]:
    return {c.entity_id for c in view.entity_counts}


def _status(view: ArticleView) -> object:
    return article_status(view.gloss) if view.gloss is not None else None


class _ListIndex:
    """Where each story sits in the home, year and month lists (page paths, both languages).

    Indexed on first use: most edits (a body below the excerpt) change no list at all.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.per_page = site.config.per_page

    @functools.cached_property
    def home(self) -> dict[str, int]:
        return {story: i for i, story in enumerate(self.site.stories())}

    @functools.cached_property
    def years(self) -> dict[str, tuple[int, int]]:
        return {s: (y.year, i) for y in self.site.years for i, s in enumerate(y.stories)}

    @functools.cached_property
    def months(self) -> dict[str, tuple[int, int, int]]:
        return {
            s: (y.year, m.month, i)
            for y in self.site.years
            for m in y.months
            for i, s in enumerate(m.stories)
        }

    def lists(self, story: str, lang: str) -> set[str]:
        """The list pages of one language that show the story."""
        found = {urls.home(lang, self.home[story] // self.per_page + 1)}
        if lang == "ar" and self.home[story] < self.per_page:
            found.add("")  # the site's root page repeats the first Arabic page
        if story in self.years:
            year, i = self.years[story]
            found.add(urls.numbered(urls.year(lang, year), i // self.per_page + 1))
        if story in self.months:
            year, month, i = self.months[story]
            found.add(urls.numbered(urls.month(lang, year, month), i // self.per_page + 1))
        return found
