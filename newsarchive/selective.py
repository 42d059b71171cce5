"""Render only the pages an edit touched, from a site of light and fresh views (pure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import jinja2

from . import urls
from .assemble import ArticleView, Site
from .feeds import FeedEntry, entity_feeds, entry_of, language_feed
from .model import OutputFile, SiteConfig
from .render import Renderer, Strings, render_site
from .render_en import render_english
from .snapshot import Wanted


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
        entry: Callable[[str, SiteConfig, ArticleView], FeedEntry],
        sink: Callable[[OutputFile], None] | None = None,
    ) -> None:
        super().__init__(site, env, strings)
        self.wanted = wanted
        self.entry = entry
        self.rendered: list[OutputFile] = []
        # Each file goes to the sink when there is one (a full build writes and forgets it).
        self.keep: Callable[[OutputFile], None] = sink or self.rendered.append

    def wants(self, path: str) -> bool:
        """Only the wanted pages."""
        return path in self.wanted.pages

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Render the page if it is wanted and keep it; a placeholder is returned either way."""
        if not self.wants(path):
            return OutputFile(urls.output_path(path), b"")
        file = super().page(template, lang, path, **context)
        self.keep(file)
        return OutputFile(file.path, b"")

    def derived_page(
        self,
        inputs: tuple[Any, ...],
        template: str,
        lang: str,
        path: str,
        context: Callable[[], dict[str, Any]],
    ) -> OutputFile:
        """Like page(); the context of a page that is not wanted is never computed."""
        if not self.wants(path):
            return OutputFile(urls.output_path(path), b"")
        return super().derived_page(inputs, template, lang, path, context)

    def feeds(self) -> list[OutputFile]:
        """The wanted language feeds (from kept entries) and entity feeds."""
        files = [
            language_feed(self.site, lang, self.entry)
            for lang in urls.LANGS
            if urls.feed(lang) in self.wanted.feeds
        ]
        chosen = tuple(
            view
            for view in self.site.entities
            if urls.entity_feed("ar", view.entity.id) in self.wanted.feeds
        )
        if chosen:
            files += entity_feeds(replace(self.site, entities=chosen))
        for file in files:
            self.keep(file)
        return [OutputFile(file.path, b"") for file in files]


def render_wanted(
    site: Site,
    env: jinja2.Environment,
    strings: Strings,
    wanted: Wanted,
    kept_entries: Mapping[str, Mapping[str, FeedEntry]],
    fresh: Mapping[str, ArticleView],
) -> list[OutputFile]:
    """The wanted pages and feeds of both languages, as a full build would render them."""

    def entry(lang: str, config: SiteConfig, view: ArticleView) -> FeedEntry:
        story = view.article.story
        return entry_of(lang, config, view) if story in fresh else kept_entries[lang][story]

    made: list[SelectiveRenderer] = []

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        made.append(SelectiveRenderer(site, env, strings, wanted, entry))
        return made[-1]

    render_site(site, env, strings, make)
    render_english(site, env, strings, make)
    return [file for renderer in made for file in renderer.rendered]
