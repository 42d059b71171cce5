"""The search page of each language; the search itself runs in the browser (pure)."""

from __future__ import annotations

from ..assembly.searchtext import KEY_MARKER
from ..core import urls
from ..core.model import OutputFile, month_names
from ..entities.registry import ENTITY_TYPES
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
    )
