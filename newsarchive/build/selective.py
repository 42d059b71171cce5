"""Render only the pages an edit touched, from a site of light and fresh views (pure)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Mapping
from dataclasses import replace
from typing import Any

import jinja2

from ..assembly.site import Site, YearArchive
from ..assembly.views import ArticleView
from ..content.glossstatus import ArticleStatus, YearStatus
from ..core import urls
from ..core.model import OutputFile
from ..pages.atom import FeedEntry
from ..pages.environment import Strings
from ..pages.feedentries import EntryContext, EntryOf, entry_of
from ..pages.feeds import entity_feeds, language_feed, translated_feed
from ..pages.kinds import render_pages
from ..pages.renderer import Renderer
from .snapshot import Wanted

EntryMaker = EntryOf


class SelectiveRenderer(Renderer):
    """Renders the wanted pages and feeds; any other page is skipped without its context.

    Unchanged articles are light views here: only their own pages would show what a light
    view lacks, and those are never wanted.
    """

    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        strings: Strings,
        wanted: Wanted,
        feeds: tuple[EntryMaker, Mapping[str, Collection[str]]],  # entries; stories by language
        progress: Mapping[int, YearStatus] | None = None,  # each year's sums, when known
        sink: Callable[[OutputFile], None] | None = None,
        shown: dict[str, list[str]] | None = None,  # receives each page's stories looked up
    ) -> None:
        super().__init__(site, env, strings, shown)
        self.wanted = wanted
        self.entry, self.feed_stories = feeds
        self.known_progress = progress or {}
        self.rendered: list[OutputFile] = []
        # Each file goes to the sink when there is one (a full build writes and forgets it).
        self.keep: Callable[[OutputFile], None] = sink or self.rendered.append

    def own_pages(self) -> list[ArticleView]:
        """The articles whose own pages are wanted (an edit's: the edited ones)."""
        return [self.by_story[story] for story in sorted(self.wanted.articles)]

    def progress(self, year: YearArchive, rows: Callable[[], list[ArticleStatus]]) -> YearStatus:
        """The sums the snapshot keeps (an edit's site loads no other year's articles)."""
        known = self.known_progress.get(year.year)
        return known if known is not None else super().progress(year, rows)

    def wants(self, path: str) -> bool:
        """Only the wanted pages."""
        return path in self.wanted.pages

    def wants_any(self, prefix: str) -> bool:
        """An edit's pages are a set: whether one is under `prefix`; a walk or a shard's
        pages (a test of each path) may be."""
        pages = self.wanted.pages
        if isinstance(pages, frozenset):
            return any(page.startswith(prefix) for page in pages)
        return True

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Render the page if it is wanted and keep it; a placeholder is returned either way."""
        if not self.wants(path):
            return OutputFile(urls.output_path(path), b"")
        file = super().page(template, lang, path, **context)
        self.keep(file)
        return OutputFile(file.path, b"")

    def record(self, lang: str, path: str, **context: Any) -> OutputFile:
        """The search record of a wanted page, kept with it."""
        if not self.wants(path):
            return OutputFile(urls.search_record(path), b"")
        file = super().record(lang, path, **context)
        self.keep(file)
        return OutputFile(file.path, b"")

    def redirect(
        self, lang: str, path: str, target: str, title: str, note: str = "moved_to"
    ) -> OutputFile:
        """An earlier address's page, kept when its article's (or entity's) page is wanted."""
        if not self.wants(target):
            return OutputFile(urls.output_path(path), b"")
        file = super().redirect(lang, path, target, title, note)
        self.keep(file)
        return OutputFile(file.path, b"")

    def companion_file(self, along: str, path: str, content: Callable[[], bytes]) -> OutputFile:
        """Made and kept when the page at `along` is wanted."""
        if not self.wants(along):
            return OutputFile(path, b"")
        file = super().companion_file(along, path, content)
        self.keep(file)
        return OutputFile(file.path, b"")

    def derived_page(
        self, template: str, lang: str, path: str, context: Callable[[], dict[str, Any]]
    ) -> OutputFile:
        """Like page(); the context of a page that is not wanted is never computed."""
        if not self.wants(path):
            return OutputFile(urls.output_path(path), b"")
        return super().derived_page(template, lang, path, context)

    def feeds(self) -> list[OutputFile]:
        """The wanted language feeds (from kept entries), translated feed and entity feeds."""
        # A feed's articles are those of its kept entries (dates do not change in an edit):
        # choosing among them, not among all, loads only their views.
        files = [
            language_feed(
                replace(self.site, articles=self._feed_views(lang)), lang, self.strings, self.entry
            )
            for lang in urls.LANGS
            if urls.feed(lang) in self.wanted.feeds
        ]
        if urls.translated_feed() in self.wanted.feeds:
            stories = self.site.translated
            files.append(translated_feed(self.site, self.strings, stories))
        chosen = tuple(
            view
            for view in self.site.entities
            if urls.entity_feed("ar", view.entity.id) in self.wanted.feeds
        )
        if chosen:
            files += entity_feeds(self.site.with_entities(chosen), self.strings)
        for file in files:
            self.keep(file)
        return [OutputFile(file.path, b"") for file in files]

    def _feed_views(self, lang: str) -> tuple[ArticleView, ...]:
        return tuple(self.by_story[story] for story in self.feed_stories[lang])


def render_wanted(
    site: Site,
    env: jinja2.Environment,
    strings: Strings,
    wanted: Wanted,
    kept_entries: Mapping[str, Mapping[str, FeedEntry]],
    fresh: Mapping[str, ArticleView],
    progress: Mapping[int, YearStatus],
    shown: dict[str, list[str]],
) -> list[OutputFile]:
    """The wanted pages and feeds of both languages, as a full build would render them;
    `shown` receives the stories each of the pages looked up."""

    def entry(lang: str, context: EntryContext, view: ArticleView) -> FeedEntry:
        story = view.article.story
        return entry_of(lang, context, view) if story in fresh else kept_entries[lang][story]

    made: list[SelectiveRenderer] = []

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        feeds = (entry, {lang: found.keys() for lang, found in kept_entries.items()})
        made.append(SelectiveRenderer(site, env, strings, wanted, feeds, progress, shown=shown))
        return made[-1]

    render_pages(site, env, strings, make)
    return [file for renderer in made for file in renderer.rendered]


class _Asked(Container[str]):
    """Wants no page, and notes each one it is asked about."""

    def __init__(self) -> None:
        self.paths: dict[str, None] = {}

    def __contains__(self, path: object) -> bool:
        if isinstance(path, str):
            self.paths[path] = None
        return False


def page_paths(site: Site, env: jinja2.Environment, strings: Strings) -> list[str]:
    """The output paths of every page but the articles': a walk over the site that asks
    about each page (as the workers' walks do) and renders none."""
    asked = _Asked()
    wanted = Wanted(asked, ())

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        return SelectiveRenderer(site, env, strings, wanted, (entry_of, {}))

    render_pages(site, env, strings, make)
    return [urls.output_path(path) for path in asked.paths]
