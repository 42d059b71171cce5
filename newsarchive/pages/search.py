"""The search page of each language; the search itself runs in the browser (pure)."""

from __future__ import annotations

from ..assembly.searchnames import entity_names
from ..assembly.searchtext import KEY_MARKER
from ..core import urls
from ..core.model import OutputFile, month_names
from ..entities.registry import ENTITY_TYPES
from .entities import arabic_order, english_order
from .renderer import Renderer


def render_search(r: Renderer, lang: str) -> OutputFile:
    """The search page of one language (the search itself runs in the browser)."""
    other = "en" if lang == "ar" else "ar"
    return r.page(
        "search.html",
        lang,
        urls.search(lang),
        switch_path=urls.search(other),
        key_marker=KEY_MARKER,
        types=ENTITY_TYPES,
        months=month_names(lang),
        entity_names=urls.search_entities(lang) if r.site.config.search else None,
        other_entity_names=urls.search_entities(other),
    )


def render_search_entities(r: Renderer, lang: str) -> list[OutputFile]:
    """The entities the search page of one language offers pages for (a site with search):
    made with the entities index, which shows the same names and counts, so that an edit
    that renders the index again makes it again too."""
    if not r.site.config.search:
        return []

    def content() -> bytes:  # made only when the index is rendered (an edit's renderer)
        order = arabic_order if lang == "ar" else english_order
        entities = sorted(r.by_id.values(), key=order)  # equal counts: as the index lists them
        counts = r.site.mention_counts()
        return entity_names(entities, counts, lang, lambda id_: r.href(urls.entity(lang, id_)))

    return [r.companion_file(urls.entities_index(lang), urls.search_entities(lang), content)]
