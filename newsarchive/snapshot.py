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
(storedsite.py) looks a view up only when a page it renders shows that article.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from . import urls
from .assemble import ArticleView, Site, YearArchive, first_sentence, gloss_of
from .entities import Registry
from .feeds import FeedEntry, entry_of
from .gloss import ArticleStatus, GlossParagraph, State, YearStatus, article_status, year_status
from .page_entities import entity_page_count

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
    status_rows: Mapping[int, Sequence[ArticleStatus]]  # each year's, in the year's order


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
    rows = {year.year: tuple(_status_of(by_story[s]) for s in year.stories) for year in site.years}
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
            _status_of(self.views[row.story]) if row.story in self.since else row
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
    fingerprints of paragraphs that are not stale); it keeps what lists and entity pages
    read of the blocks, the excerpt and the first-mention sentences."""
    gloss = view.gloss
    if gloss is not None:
        bare = tuple(_bare(p.index, p.state, p.block_id, p.fingerprint) for p in gloss.paragraphs)
        gloss = replace(gloss, paragraphs=bare)
    article = replace(
        view.article, body="", date=_shared(view.article.date), source=_shared(view.article.source)
    )
    counts = tuple(_shared(c) for c in view.entity_counts)
    # Entities first named in the same sentence share it: one string stored, not one each.
    sentences: dict[str, str] = {}
    first = {
        entity_id: sentences.setdefault(sentence, sentence)
        for entity_id, sentence in view.first_sentences.items()
    }
    return replace(
        view, article=article, blocks=(), entity_counts=counts, gloss=gloss, first_sentences=first
    )


def _bare(index: int, state: State, block_id: str | None, fingerprint: str) -> GlossParagraph:
    """A paragraph as lists and the status pages read it: its state, and for a stale one
    what the status page names (the others are shared, see _shared)."""
    if state == "stale":
        return GlossParagraph(index, state, block_id, "", fingerprint)
    # Looked up by the key _shared gives it (fields in order): made only when first seen.
    found = _FIRST.get((GlossParagraph, index, state, block_id, "", "", ""))
    if found is None:
        found = _shared(GlossParagraph(index, state, block_id, "", ""))
    return cast(GlossParagraph, found)


# Values seen by light_view, by their type and fields: a tuple of plain values hashes and
# compares in C, a frozen dataclass by Python calls (at 1,000 articles looking them up by
# the values themselves took a third of light_view's own time).
_FIRST: dict[tuple[object, ...], object] = {}
_FIRST_LIMIT = 1 << 16  # distinct values remembered: a dev server's process lives long


def _shared(value: T) -> T:
    """The first value seen equal to this one (a frozen dataclass's fields are its
    instance dict). Dates, sources, entity counts and bare paragraphs repeat across an
    archive; as one object each, the light views a full build holds (20,000 at once) take
    less memory."""
    if value is None:
        return value
    key = (type(value), *vars(value).values())
    found = _FIRST.get(key)
    if found is None:
        if len(_FIRST) >= _FIRST_LIMIT:
            _FIRST.clear()
        found = _FIRST[key] = value
    return cast(T, found)


def patched_snapshot(
    old: Snapshot,
    site: Site,
    fresh: Mapping[str, ArticleView],
    progress: Mapping[int, YearStatus],
    since: Set[str],
) -> Snapshot:
    """The snapshot after the `fresh` (fully parsed) views replaced their old light views
    (`since`: the stories edited since the full build, these and earlier ones)."""
    views = Overlay({story: light_view(v) for story, v in fresh.items()}, old.views)
    entries = {lang: dict(found) for lang, found in old.feed_entries.items()}
    for lang, found in entries.items():
        for story in found.keys() & fresh.keys():
            found[story] = entry_of(lang, site.config, fresh[story])
    rows = StatusRows(old.status_rows, views, since)
    return Snapshot(views, entries, old.registry, old.skeleton, progress, rows)


def list_item(view: ArticleView, lang: str) -> object:
    """What list pages (home, years, months) of one language show of an article: a body
    edit below the excerpt changes none of it, and re-renders no list."""
    a, g = view.article, view.gloss
    if lang == "ar":
        return (a.title, a.date, a.source, view.excerpt)
    return (a.title, a.date, a.source, (g.title, g.count("done"), len(g.paragraphs)) if g else None)


def titled(view: ArticleView) -> object:
    """What entity pages and the status page show of a story they list: titles and date."""
    return (view.article.title, view.article.date, view.gloss.title if view.gloss else None)


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
