"""Whole-site model: articles, entity backlinks and co-mentions, archives (pure)."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple, overload

from ..content.glossstatus import ArticleStatus
from ..core.model import Article, PartialDate, SiteConfig
from ..entities.registry import Entity, Registry
from .views import ArticleView, EntityCount, gloss_of, status_of

COMPANIONS = 8  # an entity page shows the entities most often named with it


@dataclass(frozen=True)
class Backlink:
    """An article that mentions an entity, with the sentence of its first mention (and the
    same in English, where translated)."""

    story: str
    sentence: str
    sentence_en: str = ""


@dataclass(frozen=True)
class EntityView:
    """An entity with the articles that mention it (newest first) and its frequent companions."""

    entity: Entity
    backlinks: Sequence[Backlink]  # a tuple, or StoredBacklinks in an edit
    co_mentions: tuple[EntityCount, ...]


class StoredBacklinks(Sequence[Backlink]):
    """An entity's backlinks, each made from its article's view when asked for: an edit
    renders one or two of an entity's pages, and loads only the views that they list
    (a slice is a StoredBacklinks too)."""

    def __init__(
        self, entity_id: str, stories: Sequence[str], views: Mapping[str, ArticleView]
    ) -> None:
        self.entity_id, self.stories, self.views = entity_id, stories, views

    def __len__(self) -> int:
        return len(self.stories)

    @overload
    def __getitem__(self, index: int) -> Backlink: ...
    @overload
    def __getitem__(self, index: slice) -> StoredBacklinks: ...
    def __getitem__(self, index: int | slice) -> Backlink | StoredBacklinks:
        if isinstance(index, slice):
            return StoredBacklinks(self.entity_id, self.stories[index], self.views)
        story = self.stories[index]
        return backlink(self.views[story], self.entity_id)


def backlink_stories(view: EntityView) -> Sequence[str]:
    """The stories naming an entity, in site order, without making their backlinks."""
    if isinstance(view.backlinks, StoredBacklinks):
        return view.backlinks.stories
    return [b.story for b in view.backlinks]


@dataclass(frozen=True)
class MonthArchive:
    """The stories of one month, newest first."""

    month: int
    stories: tuple[str, ...]


@dataclass(frozen=True)
class YearArchive:
    """The stories of one year (those known only to the year have month None)."""

    year: int
    stories: tuple[str, ...]
    months: tuple[MonthArchive, ...]


@dataclass(frozen=True)
class SiteIndex:
    """What every renderer looks up in a site, made once with it (an edit's site passes
    lookups over the snapshot instead, see build/storedsite.py)."""

    by_story: Mapping[str, ArticleView]  # the withdrawn articles' too
    stories: Sequence[str]  # newest first
    mention_counts: Mapping[str, int]  # how many articles name each registry entity
    status_rows: Mapping[int, Sequence[ArticleStatus]] | None = None  # by year, when stored
    # The withdrawn articles (content/withdrawn.py): their pages are published, noindex, and
    # nothing lists, counts or offers them; not among `stories`, nor the site's articles.
    withdrawn: Sequence[str] = ()


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs; built once per build from parsed inputs (site_of)."""

    config: SiteConfig
    registry: Registry
    articles: Sequence[ArticleView]  # newest first (an edit's site loads them on demand)
    entities: tuple[EntityView, ...]  # every registry entity, by id
    years: tuple[YearArchive, ...]  # newest first
    index: SiteIndex = field(compare=False, repr=False)

    def article_by_story(self) -> Mapping[str, ArticleView]:
        """Index of articles by story path."""
        return self.index.by_story

    def with_entities(self, entities: tuple[EntityView, ...]) -> Site:
        """The same site with other entity views (the same index: this site's counts)."""
        return replace(self, entities=entities)

    def mention_counts(self) -> Mapping[str, int]:
        """How many articles name each registry entity (the entities index shows it)."""
        return self.index.mention_counts

    def unnamed_entities(self) -> frozenset[str]:
        """The registry's entities that no article names: their pages stay, quiet and
        noindex, no list, sitemap or search offers them, and every build notes them at
        their entries (a full build's and an edit's alike)."""
        return frozenset(
            entity_id for entity_id, count in self.mention_counts().items() if not count
        )

    def status_rows(self, year: YearArchive) -> Sequence[ArticleStatus]:
        """The translation status of each article of a year, in its order (an edit's site
        has them from the snapshot: counting them would load every view of the year)."""
        if self.index.status_rows is not None:
            return self.index.status_rows[year.year]
        by_story = self.article_by_story()
        return [status_of(by_story[story]) for story in year.stories]

    def stories(self) -> Sequence[str]:
        """The story paths of the articles, newest first."""
        return self.index.stories

    @functools.cached_property
    def translations(self) -> tuple[Translation, ...]:
        """The articles an English reader can read (a paragraph or more in English), in site
        order, with the days they are listed by: from each year's status rows, which an
        edit's site has without loading a view. Made once a site (a full build renders its
        lists in many shards)."""
        if self.index.status_rows is not None:
            rows = (row for year in self.years for row in self.status_rows(year))
            return tuple(_translation_of_row(row) for row in rows if row.has_translation)
        # A full build's site: asking each gloss is a tenth of counting its status row.
        by_story = self.article_by_story()
        found = (translation_of(by_story[story]) for story in self.stories())
        return tuple(t for t in found if t is not None)

    @functools.cached_property
    def translated(self) -> tuple[str, ...]:
        """The stories of the translated list, the newest translation first (newest_translated)."""
        return newest_translated(self.translations)


class Translation(NamedTuple):
    """An article on the translated list: its story, the day its English was published (None
    when its gloss does not say) and the article's date."""

    story: str
    translated: PartialDate | None
    date: PartialDate


def translation_of(view: ArticleView) -> Translation | None:
    """The article as the translated list orders it; None when it is not on the list."""
    gloss = gloss_of(view)
    if not gloss.has_translation:
        return None
    return Translation(view.article.story, gloss.translated, view.article.date)


def _translation_of_row(row: ArticleStatus) -> Translation:
    assert row.date is not None  # a site's rows are made with their article's date
    return Translation(row.story, row.translated, row.date)


def listed_when(translated: PartialDate | None, date: PartialDate) -> tuple[tuple[int, ...], ...]:
    """The translated list's order key (newest first when reversed): the day the English
    was published, or the article's date when the gloss does not say (an archive that never
    dates its glosses lists them as it always did); then the article's date."""
    return ((translated or date).moment_key(), date.moment_key())


def when_translated(view: ArticleView) -> tuple[tuple[int, ...], ...]:
    """A view's place on the translated list and in its feed (listed_when)."""
    return listed_when(gloss_of(view).translated, view.article.date)


def newest_translated(translations: Iterable[Translation]) -> tuple[str, ...]:
    """The stories, the newest translation first (listed_when); one day's articles as the
    site orders them (by story, descending). Translators of an archive mostly work on its
    backlog: by its own date, an old article translated today came in below hundreds of
    newer ones, past the list and the feed."""
    ordered = sorted(translations, key=lambda t: (*listed_when(t.translated, t.date), t.story))
    return tuple(t.story for t in reversed(ordered))


def site_of(
    config: SiteConfig,
    registry: Registry,
    articles: Sequence[ArticleView],
    entities: tuple[EntityView, ...],
    years: tuple[YearArchive, ...],
    withdrawn: Sequence[ArticleView] = (),
) -> Site:
    """A site of these parts (and the `withdrawn` articles, which it lists nowhere), with
    its index made from them."""
    listed = {v.article.story: v for v in articles}
    counts = {v.entity.id: len(v.backlinks) for v in entities}
    apart = {v.article.story: v for v in withdrawn}
    index = SiteIndex({**listed, **apart}, tuple(listed), counts, withdrawn=tuple(apart))
    return Site(config, registry, articles, entities, years, index)


def newest_first(article: Article) -> tuple[tuple[int, int, int, int], str]:
    """Sort key: date and time descending is applied by reverse=True; path breaks ties
    deterministically."""
    return (article.date.moment_key(), article.story)


def assemble_views(
    config: SiteConfig,
    registry: Registry,
    views: Sequence[ArticleView],
    entity_ids: Collection[str] | None = None,
) -> Site:
    """The whole-site model from finished article views (the incremental build keeps views):
    the withdrawn articles are in no list, archive or entity's count.

    entity_ids: only these entities get a view (an incremental build needs a few at most).
    """
    ordered = sorted(views, key=lambda v: newest_first(v.article), reverse=True)
    listed = tuple(view for view in ordered if view.article.withdrawn is None)
    withdrawn = [view for view in ordered if view.article.withdrawn is not None]
    entities = entity_views(registry, listed, entity_ids)
    return site_of(config, registry, listed, entities, _archives(listed), withdrawn)


def entity_views(
    registry: Registry, views: Sequence[ArticleView], only: Collection[str] | None = None
) -> tuple[EntityView, ...]:
    """Each registry entity (or only those) with its backlinks, newest first, and the
    COMPANIONS entities most often mentioned with it."""
    if only is not None and not only:
        return ()  # without walking every article's mentions
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for view in views:
        ids = [c.entity_id for c in view.entity_counts]
        for entity_id in ids:
            if only is not None and entity_id not in only:
                continue
            backlinks[entity_id].append(backlink(view, entity_id))
            together[entity_id].update(other for other in ids if other != entity_id)
    by_id = registry.by_id()
    return tuple(
        EntityView(
            by_id[entity_id],
            tuple(backlinks[entity_id]),
            top_companions(together[entity_id]),
        )
        for entity_id in sorted(by_id)  # every registry entity gets a page, mentioned or not
        if only is None or entity_id in only
    )


def top_companions(together: Mapping[str, int]) -> tuple[EntityCount, ...]:
    """The entities most often named with one (by articles naming both), most first."""
    top = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:COMPANIONS]
    return tuple(EntityCount(entity_id, count) for entity_id, count in top)


def backlink(view: ArticleView, entity_id: str) -> Backlink:
    """The article as an entity's page lists it: with the sentences of its first mention of
    the entity ("" when it has none)."""
    return Backlink(
        view.article.story,
        view.first_sentences.get(entity_id, ""),
        view.first_sentences_en.get(entity_id, ""),
    )


def _archives(views: Sequence[ArticleView]) -> tuple[YearArchive, ...]:
    by_year: dict[int, list[ArticleView]] = defaultdict(list)
    for view in views:
        by_year[view.article.date.year].append(view)
    years = []
    for year in sorted(by_year, reverse=True):
        by_month: dict[int, list[str]] = defaultdict(list)
        for view in by_year[year]:
            if view.article.date.month is not None:
                by_month[view.article.date.month].append(view.article.story)
        months = tuple(MonthArchive(m, tuple(by_month[m])) for m in sorted(by_month, reverse=True))
        years.append(YearArchive(year, tuple(v.article.story for v in by_year[year]), months))
    return tuple(years)
