"""What a build keeps for the next one, and which pages an edit touches (pure).

An incremental build must not parse or render the articles that did not change, yet the
pages that list them (archives, entity pages, the status page, feeds) show a little of each.
So every build keeps a *light view* of each article: the article without its body or blocks
but with its excerpt and first-mention sentences, and the gloss without its English text.
Pages rendered from light views are identical to those of a full build
(tests/test_cli_incremental.py compares them byte for byte);
the language feeds, which carry whole texts, keep their entries instead.

An edit must not load 20,000 light views either (a quarter of a second): the snapshot also
keeps a *skeleton* (the story order, the archives, which stories name each entity), each
year's translation sums and each article's status row, and the site of an edit
(build/storedsite.py) looks a view up only when a page it renders shows that article.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace

from ..assembly.lightviews import light_view
from ..assembly.site import Site, YearArchive
from ..assembly.views import ArticleView, status_of
from ..content.glossstatus import ArticleStatus, YearStatus, year_status
from ..content.links import media_linked
from ..content.siteaddresses import address_index
from ..core import urls
from ..entities.registry import Registry, name_key
from ..pages.atom import FeedEntry
from ..pages.entities import entity_page_paths
from ..pages.feedentries import EntryContext, entry_of
from ..pages.translated import listable, translated_list_edit


@dataclass(frozen=True)
class Skeleton:
    """What an edit needs of the whole archive besides a few articles, so that it loads only
    the light views of the pages it renders: the order of the stories, the archives, and
    which stories name each entity. An edit never changes these (a new article or date does
    not patch: it builds in full)."""

    order: tuple[str, ...]  # newest first
    years: tuple[YearArchive, ...]
    naming: Mapping[str, tuple[int, ...]]  # entity id -> positions in order of its articles
    # The name key of each dateline place, source outlet and byline name -> positions of the
    # articles that give it: their pages show that entity's English name, so its edit renders
    # them again.
    credited: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # Each file of content/media/ (media/…) -> positions of the articles that show or link it:
    # their pages hold its address and an image's size, so its change makes them again.
    media: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # Each page linked by a site address (`ar/2020/`) -> positions of the articles linking
    # it: an edit that removes the page checks their links (addresscheck.py).
    addresses: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # The withdrawn articles, in no list (not in `order`): their pages are noindex, and a
    # full build makes them again rather than keep them (keptarticles.py).
    withdrawn: tuple[str, ...] = ()

    def positions(self, stories: Set[str]) -> set[int]:
        """Where these stories are in `order`."""
        return {p for p, story in enumerate(self.order) if story in stories}


@dataclass(frozen=True)
class Snapshot:
    """The light view of every article, and the entries of the language feeds, by story."""

    views: Mapping[str, ArticleView]
    feed_entries: Mapping[str, Mapping[str, FeedEntry]]  # lang -> story -> entry
    registry: Registry  # what the articles were matched against
    skeleton: Skeleton
    progress: Mapping[int, YearStatus]  # each year's translation sums
    status_rows: Mapping[int, Sequence[ArticleStatus]]  # each year's, in the year's order
    # The stories each page looked up while it rendered (as positions in skeleton.order), by
    # page path: the pages an edit of a story renders again, recorded rather than foreseen.
    shown: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def with_shown(self, looked_up: Mapping[str, Sequence[str]]) -> Snapshot:
        """This snapshot, with what these (re-)rendered pages looked up now."""
        where = {story: p for p, story in enumerate(self.skeleton.order)}
        found = {page: tuple(where[s] for s in stories) for page, stories in looked_up.items()}
        return replace(self, shown={**self.shown, **found})

    def without(self, pages: Set[str]) -> Snapshot:
        """This snapshot, without what pages that no longer exist looked up."""
        if not pages:
            return self
        return replace(self, shown={p: s for p, s in self.shown.items() if p not in pages})


@dataclass(frozen=True)
class Wanted:
    """What an incremental build renders again: page paths (urls.*) and feed file paths."""

    pages: Container[str]
    feeds: Container[str]
    entities: frozenset[str] = frozenset()  # whose views the pages need
    articles: frozenset[str] = frozenset()  # the stories whose own pages are among `pages`


def _credited_names(view: ArticleView) -> tuple[str | None, ...]:
    """The article's dateline place, source outlet, byline's names and tags, as written
    (pages show their English names from the registry)."""
    article = view.article
    source = article.source.name if article.source else None
    return article.dateline, source, *article.authors, *article.tags


def credited_keys(view: ArticleView) -> set[str]:
    """The name keys of the article's dateline place, source outlet, byline's names and
    tags."""
    return {name_key(name) for name in _credited_names(view) if name}


def skeleton_of(
    order: tuple[str, ...], years: tuple[YearArchive, ...], views: Sequence[ArticleView]
) -> Skeleton:
    """The skeleton of a site whose articles, in `order`, are these `views`: which of them
    name each entity, credit each name, show each media file and link each page. A full
    build makes it, and so does folding the edits into a new base (snapshotfile.save_edit):
    derived from the views as they are then, never patched index by index."""
    naming: dict[str, list[int]] = {}
    credited: dict[str, list[int]] = {}
    media: dict[str, list[int]] = {}
    for position, view in enumerate(views):
        for count in view.entity_counts:
            naming.setdefault(count.entity_id, []).append(position)
        for key in credited_keys(view):
            credited.setdefault(key, []).append(position)
        for name in media_linked(view.links):
            media.setdefault(name, []).append(position)
    return Skeleton(
        order,
        years,
        {i: tuple(p) for i, p in naming.items()},
        {k: tuple(p) for k, p in credited.items()},
        {m: tuple(p) for m, p in media.items()},
        address_index([view.links for view in views]),
    )


def snapshot_of(site: Site, entries: Mapping[str, Mapping[str, FeedEntry]]) -> Snapshot:
    """A full build's snapshot of its site of light views."""
    skeleton = skeleton_of(tuple(site.stories()), site.years, site.articles)
    skeleton = replace(skeleton, withdrawn=tuple(site.index.withdrawn))
    by_story = site.article_by_story()
    rows = {year.year: tuple(status_of(by_story[s]) for s in year.stories) for year in site.years}
    progress = {year: year_status(year, found) for year, found in rows.items()}
    return Snapshot(by_story, entries, site.registry, skeleton, progress, rows)


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


class StatusRows(Mapping[int, Sequence[ArticleStatus]]):
    """Each year's status rows: the full build's, but those of the stories edited since
    (`since`, whose views are at hand) made again from their views."""

    def __init__(
        self,
        rows: Mapping[int, Sequence[ArticleStatus]],
        views: Mapping[str, ArticleView],
        since: Set[str],
    ) -> None:
        self.rows, self.views, self.since = rows, views, since

    def __getitem__(self, year: int) -> tuple[ArticleStatus, ...]:
        return tuple(
            status_of(self.views[row.story]) if row.story in self.since else row
            for row in self.rows[year]
        )

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def patched_progress(
    progress: Mapping[int, YearStatus],
    old: Mapping[str, ArticleView],
    fresh: Mapping[str, ArticleView],
) -> dict[int, YearStatus]:
    """Each year's sums after the fresh views replaced the old ones (dates unchanged)."""
    sums = dict(progress)
    for story, new in fresh.items():
        before, after = status_of(old[story]), status_of(new)
        year = sums[new.article.date.year]
        sums[year.year] = replace(
            year,
            done=year.done - before.done + after.done,
            pending=year.pending - before.pending + after.pending,
            stale=year.stale - before.stale + after.stale,
        )
    return sums


def patched_snapshot(
    old: Snapshot,
    context: EntryContext,
    fresh: Mapping[str, ArticleView],
    progress: Mapping[int, YearStatus],
    since: Set[str],
) -> Snapshot:
    """The snapshot after the `fresh` (fully parsed) views replaced their old light views
    (`since`: the stories edited since the full build, these and earlier ones; `context`:
    the edited site's, for their feed entries)."""
    views = Overlay({story: light_view(v) for story, v in fresh.items()}, old.views)
    entries = {lang: dict(found) for lang, found in old.feed_entries.items()}
    for lang, found in entries.items():
        for story in found.keys() & fresh.keys():
            found[story] = entry_of(lang, context, fresh[story])
    rows = StatusRows(old.status_rows, views, since)
    # The skeleton stays the full build's: lookups add the stories edited since (the delta),
    # and folding the delta into a new base derives it again (skeleton_of).
    return Snapshot(views, entries, old.registry, old.skeleton, progress, rows, old.shown)


def wanted_pages(
    site: Site,
    snapshot: Snapshot,
    fresh: Mapping[str, ArticleView],
    feed_stories: Mapping[str, Iterable[str]],
    renamed: frozenset[str] = frozenset(),
    registry_before: Registry | None = None,
) -> Wanted:
    """Every page and feed that shows something of the fresh articles (dates unchanged): their
    own pages; the pages that looked each one up when they rendered, when what they can show
    of it (its light view) changed; and what counts its entities: every page of an entity it
    names anew or no longer (its list shifts), the first of the others (their companions),
    the entities index, the status pages and the feeds; the translated list's pages that
    shift when it joins or leaves that list, and that list's feed. And every page and feed
    that shows an entity whose registry entry changed (`renamed`; the stories naming it are
    fresh), and every page that shows an article whose dateline's, source's or byline's
    English name changed."""
    old = snapshot.views
    changed = {story for story, new in fresh.items() if light_view(new) != old[story]}
    if registry_before is not None:
        changed |= {
            story
            for story, new in fresh.items()
            if _credits(registry_before, new) != _credits(site.registry, new)
        }
    where = snapshot.skeleton.positions(changed)
    pages = {page for page, seen in snapshot.shown.items() if not where.isdisjoint(seen)}
    feeds: set[str] = set()
    entities: set[str] = set()
    for story, new in fresh.items():
        pages |= {urls.article(lang, story) for lang in urls.LANGS}
        feeds |= {urls.feed(lang) for lang, found in feed_stories.items() if story in found}
        if story not in changed:
            continue
        before, after = _ids(old[story]), _ids(new)
        entities |= before | after
        feeds |= {urls.entity_feed("ar", i) for i in before | after}
        date = new.article.date
        pages |= {urls.status(), urls.status(date.year), urls.status(date.year, date.month)}
        if before != after:
            pages |= {urls.entities_index(lang) for lang in urls.LANGS}
            pages |= {page for i in before ^ after for page in _entity_pages(site, i)}
            pages |= {urls.entity(lang, i) for i in before & after for lang in urls.LANGS}
    # The translated list: the pages an article joining or leaving it shifts (those that
    # looked a listed one up are above); its feed, when a listed article changed.
    pages |= translated_list_edit(site, old, fresh)[0]
    if any(listable(old[story]) or listable(fresh[story]) for story in changed):
        feeds.add(urls.translated_feed())
    if renamed:
        # Its own pages and feed, the index, and the first page of every entity named with
        # it (the first page lists companions by name).
        together = {i for story, new in fresh.items() for i in _ids(old[story]) | _ids(new)}
        entities |= renamed | together
        pages |= {urls.entity(lang, i) for i in together for lang in urls.LANGS}
        pages |= {page for i in renamed for page in _entity_pages(site, i)}
        pages |= {urls.entities_index(lang) for lang in urls.LANGS}
        feeds |= {urls.entity_feed("ar", i) for i in renamed}
    return Wanted(frozenset(pages), frozenset(feeds), frozenset(entities), frozenset(fresh))


def _credits(registry: Registry, view: ArticleView) -> tuple[str | None, ...]:
    """The English names of the article's dateline place, source outlet and byline's names
    (lists show the source's, the article's pages all of them)."""
    named = (registry.named(name) if name else None for name in _credited_names(view))
    return tuple(entity.en if entity else None for entity in named)


def _entity_pages(site: Site, entity_id: str) -> list[str]:
    """The paths of an entity's pages in both languages, as many as its articles now fill
    (pages that appear or vanish: build/pageset.py)."""
    return entity_page_paths(entity_id, site.mention_counts()[entity_id], site.config.per_page)


def _ids(view: ArticleView) -> set[str]:
    return {c.entity_id for c in view.entity_counts}
