"""The pages browsers are showing, rendered on their own before the rest of a rebuild (pure).

Like Hugo's fast render: the dev server writes these first and reloads them, then finishes
the rebuild. Only article and entity pages have a fast path (the pages one edits and checks);
any other viewed page simply waits for the whole rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2

from . import urls
from .model import OutputFile
from .pipeline import Gathered
from .render import Renderer, render_article, render_entity
from .render_en import render_article_en, render_entity_en

INDEX = "index.html"
ENTITIES = "entities/"


def viewed_files(
    gathered: Gathered, env: jinja2.Environment, viewed: Iterable[str]
) -> list[OutputFile]:
    """The files of the viewed output paths that have a fast path, as the full build makes them."""
    site = gathered.site
    r = Renderer(site, env, gathered.strings)
    entities = None
    files = []
    for out in sorted(set(viewed)):
        lang, rest = _split(out)
        if lang is None:
            continue
        if rest.startswith(ENTITIES):
            entities = entities or {v.entity.id: v for v in site.entities}
            entity = entities.get(rest[len(ENTITIES) :].split("/", 1)[0])
            if entity is not None:  # its pages are made together; the viewed one is kept
                pages = (render_entity if lang == "ar" else render_entity_en)(r, entity)
                files += [file for file in pages if file.path == out]
            continue
        view = r.by_story.get(rest)
        if view is not None and urls.article(lang, rest) == out[: -len(INDEX)]:
            files.append((render_article if lang == "ar" else render_article_en)(r, view))
    return files


def _split(out: str) -> tuple[str | None, str]:
    """("ar", "2020/11/story") for "ar/2020/11/story/index.html"; (None, "") for other files."""
    if not out.endswith("/" + INDEX):
        return None, ""
    lang, _, rest = out[: -len(INDEX) - 1].partition("/")
    return (lang, rest) if lang in urls.LANGS and rest else (None, "")
