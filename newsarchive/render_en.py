"""The English side of the site: gloss pages, English lists, entities and status (pure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import jinja2

from . import urls
from .assemble import ArticleView, EntityView, Site, YearArchive, gloss_of
from .entities import ENTITY_TYPES
from .gloss import ArticleStatus, YearStatus
from .jinjaenv import Strings
from .model import OutputFile, PartialDate
from .render import (
    Renderer,
    _list_pages,
    article_meta,
    entity_pages,
    inputs_of,
    sidebar_groups,
)


def render_article_en(r: Renderer, view: ArticleView) -> OutputFile:
    """The English page of one article: glossed, pending and outdated paragraphs."""

    def context() -> dict[str, Any]:
        title = gloss_of(view).title or view.article.title
        return dict(
            view=view,
            groups=sidebar_groups(view, r.by_id),
            **article_meta(r, view, "en", title, translated=True),
        )

    path = urls.article("en", view.article.story)
    return r.derived_page(partial(inputs_of, r, view), "article_en.html", "en", path, context)


def render_entity_en(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The English pages of one entity."""
    return entity_pages(r, view, "en", "entity_en.html")


def render_status(r: Renderer) -> list[OutputFile]:
    """The editors' pages (English only): progress by year, and each year's articles.

    One page per year keeps each page readable, and an edit re-renders one year's page;
    the rows are counted only for pages that are rendered (derived pages).
    """
    by_story = r.site.article_by_story()
    counted: dict[int, list[ArticleStatus]] = {}

    def rows(year: YearArchive) -> list[ArticleStatus]:
        if year.year not in counted:
            counted[year.year] = list(r.site.status_rows(year))
        return counted[year.year]

    def summary() -> list[YearStatus]:
        return [r.progress(year, partial(rows, year)) for year in r.site.years]

    def year_page(year: YearArchive) -> dict[str, Any]:
        return dict(alternates=(), year=year.year, rows=rows(year))

    files = []
    for year in r.site.years:
        if not r.wants(urls.status(year.year)):
            continue
        inputs = partial(_views_of, by_story, year.stories)
        page = partial(year_page, year)
        files.append(r.derived_page(inputs, "status.html", "en", urls.status(year.year), page))
    index = r.derived_page(
        lambda: (r.site.articles,),
        "status_years.html",
        "en",
        urls.status(),
        lambda: dict(alternates=(), years_done=summary()),
    )
    return [*files, index]


def _views_of(by_story: Mapping[str, ArticleView], stories: Sequence[str]) -> tuple[Any, ...]:
    return tuple(by_story[story] for story in stories)


def render_english(
    site: Site,
    env: jinja2.Environment,
    strings: Strings,
    make_renderer: Callable[[Site, jinja2.Environment, Strings], Renderer] = Renderer,
) -> list[OutputFile]:
    """Every English page: home and archives by English title, articles, entities, status."""
    r = make_renderer(site, env, strings)  # parallel builds pass one that renders a shard
    stories = site.stories()
    files = list(_list_pages(r, "en", stories, lambda n: urls.home("en", n), site.config.title_en))
    for year in site.years:
        heading = f"{strings['en']['year_archive']} {year.year}"
        path_of = partial(urls.numbered, urls.year("en", year.year))
        files += _list_pages(r, "en", year.stories, path_of, heading)
        for month in year.months:
            name = PartialDate(year.year, month.month).display("en")
            path_of = partial(urls.numbered, urls.month("en", year.year, month.month))
            heading = f"{strings['en']['month_archive']} {name}"
            files += _list_pages(r, "en", month.stories, path_of, heading)
    files += [
        render_article_en(r, view)
        for view in r.own_pages()
        if r.wants(urls.article("en", view.article.story))
    ]
    for entity_view in site.entities:
        files += render_entity_en(r, entity_view)
    files.append(
        r.page(
            "entities_en.html",
            "en",
            urls.entities_index("en"),
            entities=[r.by_id[entity_id] for entity_id in sorted(r.by_id)],
            counts=site.mention_counts(),
            types=ENTITY_TYPES,
        )
    )
    files += render_status(r)
    return files
