"""The dev server's feeds: an entity feed is made again only when what it lists can differ (pure).

An entity feed shows the newest MAX_ENTRIES articles that mention the entity. It is kept when
the entity, its list of stories and the articles it shows are unchanged, and every other
changed article that mentions it stays below the feed's cut (same order as feeds.newest).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import urls
from .assemble import ArticleView, EntityView, Site
from .feeds import MAX_ENTRIES, Feed, FeedEntry, entity_feeds, language_feed
from .model import OutputFile, SiteConfig

EntryOf = Callable[[str, SiteConfig, ArticleView], FeedEntry]
OrderKey = tuple[tuple[int, int, int], str]


@dataclass(frozen=True)
class _Kept:
    view: EntityView
    stories: frozenset[str]
    shown: dict[str, ArticleView]  # the articles in the feed
    cut: OrderKey | None  # the order key of the last article shown, when the feed is full
    file: OutputFile


def order_key(config: SiteConfig, view: ArticleView) -> OrderKey:
    """feeds.newest's order: date, then the page's absolute URL."""
    url = urls.absolute(config, urls.article("ar", view.article.story))
    return (view.article.date.sort_key(), url)


class FeedsMemo:
    """Entity feeds kept between builds, with the site's articles they were made from."""

    def __init__(self) -> None:
        self.config: SiteConfig | None = None
        self.views: Mapping[str, ArticleView] = {}
        self.kept: dict[str, _Kept] = {}

    def site_feeds(
        self, site: Site, entry: EntryOf, xml: Callable[[Feed], bytes]
    ) -> list[OutputFile]:
        """feeds.site_feeds(site, entry, xml), making only entity feeds that can differ."""
        by_story = site.article_by_story()
        if site.config != self.config:
            self.kept = {}
        changed = {s: v for s, v in by_story.items() if self.views.get(s) is not v}
        files = [language_feed(site, lang, entry, xml) for lang in urls.LANGS]
        kept: dict[str, _Kept] = {}
        for view in site.entities:
            old = self.kept.get(view.entity.id)
            if old is None or not self._still(old, view, changed, site.config):
                old = self._make(site, view, by_story, entry, xml)
            kept[view.entity.id] = old
            files.append(old.file)
        self.config, self.views, self.kept = site.config, by_story, kept
        return files

    def _still(
        self,
        old: _Kept,
        view: EntityView,
        changed: Mapping[str, ArticleView],
        config: SiteConfig,
    ) -> bool:
        """Whether the feed made for `old` is still the feed of `view`."""
        if old.view is not view and (
            old.view.entity != view.entity or old.view.backlinks != view.backlinks
        ):
            return False
        if not changed:
            return True
        mentioning = old.stories
        for story, article in changed.items():
            if story in old.shown:
                return False
            # A mentioning article may now rank above the cut (a feed not full shows all).
            if story in mentioning and (old.cut is None or order_key(config, article) >= old.cut):
                return False
        return True

    def _make(
        self,
        site: Site,
        view: EntityView,
        by_story: Mapping[str, ArticleView],
        entry: EntryOf,
        xml: Callable[[Feed], bytes],
    ) -> _Kept:
        [file] = entity_feeds(_one_entity(site, view), entry, xml)
        stories = frozenset(b.story for b in view.backlinks)
        ordered = sorted(
            (by_story[s] for s in stories), key=lambda v: order_key(site.config, v), reverse=True
        )
        shown = {v.article.story: v for v in ordered[:MAX_ENTRIES]}
        full = len(ordered) >= MAX_ENTRIES
        cut = order_key(site.config, ordered[MAX_ENTRIES - 1]) if full else None
        return _Kept(view, stories, shown, cut, file)


def _one_entity(site: Site, view: EntityView) -> Site:
    return site.with_entities((view,))
