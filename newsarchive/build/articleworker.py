"""What a full build's worker does with its chunk of articles (I/O: reads the articles and
writes their pages): each article read, checked and matched (articleviews.py), its Arabic
and English pages and search records rendered and written into the new output folder, and
only a light view sent back (assembly/lightviews.py), with its feed entries when it may be
among the newest. An article the build keeps (keptarticles.py) has its files linked from the
site being replaced instead, and its view read by the parent once the workers are done.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ..assembly.lightviews import Sharing, light_view
from ..assembly.site import site_of
from ..assembly.views import ArticleView, english_names
from ..content.removednames import removed_names
from ..content.textfiles import read_source
from ..core import urls
from ..core.diagnostics import ContentError, Diagnostic
from ..core.hosts import NOTHING, SiteSize
from ..core.model import SiteConfig, story_of_path
from ..entities.matcher import build_matcher
from ..pages.articles import article_files
from ..pages.atom import FeedEntry
from ..pages.environment import make_environment
from ..pages.feedentries import entry_context, entry_of
from ..pages.renderer import Renderer
from .articleviews import checked_article
from .output import link_files, write_files
from .workers import matching


class Done(NamedTuple):
    """What one article gives back: its diagnostics (parse and gloss), its light view, and
    its entries in the language feeds when it may be among their newest (by language)."""

    found: tuple[Diagnostic, ...]
    view: ArticleView | None
    entries: Mapping[str, FeedEntry] | None = None
    written: SiteSize = NOTHING  # its pages' bytes and files (site size without a walk)
    linked: bool = False  # its files linked from the replaced site, its view the kept one


def _read(rel: str, sources: Mapping[str, str], glosses: Mapping[str, str]) -> Done | _Texts:
    """An article's text and its gloss's (by path), or the Done of one that cannot be read."""
    try:
        text = read_source(sources[rel], rel)
    except ContentError as exc:
        return Done((exc.diagnostic,), None)
    gloss = "en/" + rel.removeprefix("ar/")
    if gloss not in glosses:
        return _Texts(text, {}, ())
    try:
        return _Texts(text, {gloss: read_source(glosses[gloss], gloss)}, ())
    except ContentError as exc:  # the article is built unglossed, and the build fails
        return _Texts(text, {}, (exc.diagnostic,))


class _Texts(NamedTuple):
    article: str
    gloss: Mapping[str, str]  # its gloss's text by path, if it has one
    found: tuple[Diagnostic, ...]  # why its gloss could not be read


def work(state: dict[str, Any], part: Iterable[int]) -> list[Done]:
    """The articles at these indexes of state["rels"], each read and written or linked (the
    state: the phase's inputs, articles.write_articles; what a worker makes once is kept in
    it for its other chunks)."""
    rels: list[str] = state["rels"]
    config: SiteConfig = state["config"]
    if "renderer" not in state:  # once per worker, reused for its other chunks
        # A site of no articles: article pages read nothing of a site (their renderer
        # refuses, pages/articleinputs.py), feed entries its configuration and registry.
        site = site_of(config, state["registry"], (), (), ())
        env = make_environment(state["templates"], state["compiled"])
        state["renderer"] = Renderer(site, env, state["strings"])
        state["matching"] = matching(build_matcher(state["registry"]), config)
        state["english"] = english_names(state["registry"])
        state["removed"] = removed_names(state["registry"])
        state["made"] = set()
    renderer: Renderer = state["renderer"]
    find, href = state["matching"]
    out: list[Done] = []
    for index in part:
        rel = rels[index]
        if rel in state["linkable"]:
            linked = _linked(state, rel)
            if linked is not None:
                out.append(Done((), None, written=linked, linked=True))
                continue
        read = _read(rel, state["sources"], state["glosses"])
        if isinstance(read, Done):
            out.append(read)
            continue
        found, view = checked_article(
            rel,
            read.article,
            read.gloss,
            find,
            href,
            state["english"],
            state["today"],
            state["linking"],
            state["removed"],
        )
        found = (*read.found, *found)
        entries, written = None, NOTHING
        if view is not None:
            pages, records = article_files(renderer, view)  # in English only if translated
            folder, made, replacing = state["folder"], state["made"], state["replacing"]
            written = write_files(folder, pages, made, replacing)
            # The search records are not published: left out of the site's size.
            write_files(folder, records, made, replacing)
            if rel in state["feed_candidates"]:
                context = entry_context(renderer.site, renderer.strings)
                entries = {lang: entry_of(lang, context, view) for lang in urls.LANGS}
            view = light_view(view, state.setdefault("sharing", Sharing()))
        out.append(Done(found, view, entries, written))
    return out


def _linked(state: dict[str, Any], rel: str) -> SiteSize | None:
    """Link a kept article's pages and search records from the site being replaced, its
    English page if that site has one (it did when the article was last built): the pages'
    bytes and files; None when its Arabic page is missing there (the article is made again)."""
    story = story_of_path(rel)
    old, new, made = state["replacing"], state["folder"], state["made"]
    english = urls.article("en", story)
    pages = [urls.article("ar", story)]
    if os.path.exists(f"{old}/{urls.output_path(english)}"):
        pages.append(english)
    written = link_files(old, new, map(urls.output_path, pages), made)
    if written is None or not state["config"].search:
        return written
    # The search records are not published: left out of the site's size.
    return None if link_files(old, new, map(urls.search_record, pages), made) is None else written
