"""Entity pages of both languages (each entity's articles, a page at a time, under its
header) and the entities index (pure)."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..assembly.site import EntityView
from ..core import urls
from ..core.model import OutputFile
from ..entities.registry import ENTITY_TYPES
from .feeds import FeedLink
from .renderer import Renderer, paged


def render_entities(r: Renderer, lang: str) -> list[OutputFile]:
    """Every entity's pages in one language, then the index of all entities."""
    render = render_entity if lang == "ar" else render_entity_en
    files = [file for view in r.site.entities for file in render(r, view)]
    files.append(
        r.page(
            "entities.html" if lang == "ar" else "entities_en.html",
            lang,
            urls.entities_index(lang),
            entities=[r.by_id[entity_id] for entity_id in sorted(r.by_id)],
            counts=r.site.mention_counts(),
            types=ENTITY_TYPES,
        )
    )
    return files


def render_entity(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The Arabic pages of one entity."""
    entity_id = view.entity.id
    feed = FeedLink(
        f"{view.entity.name_ar} · {r.site.config.title_ar}",
        urls.absolute(r.site.config, urls.entity_feed("ar", entity_id)),
        "ar",
    )
    return entity_pages(r, view, "ar", "entity.html", feeds=[feed])


def entity_pages(
    r: Renderer, view: EntityView, lang: str, template: str, **context: Any
) -> list[OutputFile]:
    """An entity's pages in one language: its articles, `per_page` a page, each page under
    the entity's header."""
    path_of = partial(urls.entity, lang, view.entity.id)
    per_page = r.site.config.per_page
    return [
        r.page(
            template,
            lang,
            path,
            entity_view=view,
            backlinks=chunk,
            first_number=(number - 1) * per_page + 1,
            pages=bar,
            page_number=number,
            **context,
        )
        for number, path, chunk, bar in paged(r, view.backlinks, path_of)
    ]


def entity_page_count(mentions: int, per_page: int) -> int:
    """How many pages an entity named by `mentions` articles has in each language."""
    return max(1, -(-mentions // per_page))


def entity_page_paths(entity_id: str, mentions: int, per_page: int) -> list[str]:
    """The site paths of the pages of an entity named by `mentions` articles, both languages."""
    count = entity_page_count(mentions, per_page)
    return [urls.entity(lang, entity_id, n) for lang in urls.LANGS for n in range(1, count + 1)]


def render_entity_en(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The English pages of one entity."""
    return entity_pages(r, view, "en", "entity_en.html")
