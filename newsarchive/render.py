"""Site model -> output files through Jinja2 templates (pure apart from loading templates)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from . import urls
from .assemble import ArticleView, EntityView, Site
from .diagnostics import BuildFailed, Diagnostic
from .entities import ENTITY_TYPES, Entity
from .model import OutputFile, PartialDate

Strings = dict[str, dict[str, str]]


@dataclass(frozen=True)
class PageLink:
    """A numbered link in a pagination bar."""

    number: int
    href: str
    current: bool


def parse_strings(text: str, path: str) -> Strings:
    """The UI strings file: one table per language with the same keys."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuildFailed([Diagnostic(path, 1, str(exc))]) from None
    missing = set(data.get("ar", {})) ^ set(data.get("en", {}))
    if set(data) != set(urls.LANGS) or missing:
        raise BuildFailed(
            [Diagnostic(path, 1, f"strings differ between languages: {sorted(missing)}")]
        )
    return {lang: {k: str(v) for k, v in table.items()} for lang, table in data.items()}


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Autoescaping, strict Jinja2 environment over the templates folder."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Renderer:
    """Renders one page at a time; holds the site, environment and strings of one build."""

    def __init__(self, site: Site, env: jinja2.Environment, strings: Strings) -> None:
        self.site = site
        self.env = env
        self.strings = strings
        self.by_story = site.article_by_story()
        self.by_id = site.registry.by_id()

    def href(self, path: str) -> str:
        """A link under the base path."""
        return urls.href(self.site.config, path)

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Render one template to the file that serves `path`."""
        config = self.site.config
        values: dict[str, Any] = {
            "lang": lang,
            "t": self.strings[lang],
            "config": config,
            "path": path,
            "canonical": urls.absolute(config, path),
            "href": self.href,
            "urls": urls,
            "alternates": context.pop("alternates", ()),
            "switch_path": context.pop("switch_path", urls.home("en" if lang == "ar" else "ar")),
            "entity": context.pop("entity", None),
            "story": self.by_story.get,
            "entity_of": self.by_id.get,
            "years": self.site.years,
        }
        values.update(context)
        html = self.env.get_template(template).render(values)
        return OutputFile(urls.output_path(path), html.encode("utf-8"))


def paginate(items: Sequence[str], per_page: int) -> list[Sequence[str]]:
    """Split a list into pages (at least one page, possibly empty)."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]


def pages_bar(
    count: int, current: int, path_of: Callable[[int], str], href: Callable[[str], str]
) -> list[PageLink]:
    """The pagination links for page `current` of `count`."""
    return [PageLink(n, href(path_of(n)), n == current) for n in range(1, count + 1)]


def _list_pages(
    r: Renderer, lang: str, stories: Sequence[str], path_of: Callable[[int], str], heading: str
) -> Iterator[OutputFile]:
    chunks = paginate(stories, r.site.config.per_page)
    for number, chunk in enumerate(chunks, start=1):
        bar = pages_bar(len(chunks), number, path_of, r.href) if len(chunks) > 1 else []
        yield r.page(
            "list.html",
            lang,
            path_of(number),
            heading=heading,
            stories=chunk,
            pages=bar,
            page_number=number,
        )


def sidebar_groups(
    view: ArticleView, by_id: Mapping[str, Entity]
) -> list[tuple[str, list[tuple[Entity, int]]]]:
    """The article's entities grouped by type, in registry type order."""
    groups = []
    for kind in ENTITY_TYPES:
        members = [
            (by_id[c.entity_id], c.count)
            for c in view.entity_counts
            if c.entity_id in by_id and by_id[c.entity_id].type == kind
        ]
        if members:
            groups.append((kind, members))
    return groups


def render_article(r: Renderer, view: ArticleView) -> OutputFile:
    """The Arabic page of one article."""
    story = view.article.story
    return r.page(
        "article.html",
        "ar",
        urls.article("ar", story),
        view=view,
        groups=sidebar_groups(view, r.by_id),
        switch_path=urls.article("en", story),
    )


def render_entity(r: Renderer, view: EntityView) -> OutputFile:
    """The Arabic page of one entity."""
    entity_id = view.entity.id
    return r.page(
        "entity.html",
        "ar",
        urls.entity("ar", entity_id),
        entity_view=view,
        switch_path=urls.entity("en", entity_id),
    )


def render_site(site: Site, env: jinja2.Environment, strings: Strings) -> list[OutputFile]:
    """Every page of the site (static assets are copied by the pipeline)."""
    r = Renderer(site, env, strings)
    stories = [v.article.story for v in site.articles]
    files = list(_list_pages(r, "ar", stories, lambda n: urls.home("ar", n), site.config.title_ar))
    root = r.page(
        "list.html",
        "ar",
        "",
        heading=site.config.title_ar,
        stories=stories[: site.config.per_page],
        pages=[],
        page_number=1,
    )
    files.append(root)
    for year in site.years:
        files += _list_pages(
            r,
            "ar",
            year.stories,
            partial(_numbered, urls.year("ar", year.year)),
            f"{strings['ar']['year_archive']} {year.year}",
        )
        for month in year.months:
            base = urls.month("ar", year.year, month.month)
            heading = f"{strings['ar']['month_archive']} {_month_name(year.year, month.month)}"
            files += _list_pages(r, "ar", month.stories, partial(_numbered, base), heading)
    files += [render_article(r, view) for view in site.articles]
    files += [render_entity(r, view) for view in site.entities]
    files.append(
        r.page(
            "entities.html",
            "ar",
            urls.entities_index("ar"),
            entity_views=site.entities,
            types=ENTITY_TYPES,
        )
    )
    files.append(r.page("404.html", "ar", "404.html", t_en=strings["en"]))
    return files


def _numbered(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def _month_name(year: int, month: int) -> str:
    return PartialDate(year, month).display("ar")
