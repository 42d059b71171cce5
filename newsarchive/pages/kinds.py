"""Every page of the site, kind by kind, in both languages (pure apart from loading
templates). A renderer decides which pages it renders (a selective one: those an edit
touched, or a worker's shard)."""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from ..assembly.metadata import about_jsonld, dump_jsonld
from ..assembly.site import Site
from ..assembly.views import ArticleView
from ..content.links import media_linked, media_resized
from ..core import urls
from ..core.model import OutputFile
from .articles import render_articles
from .entities import render_entities
from .environment import Strings
from .lists import render_lists
from .redirects import redirect_paths
from .renderer import Renderer
from .search import render_search, render_search_entities
from .status import render_status
from .translated import render_translated

MakeRenderer = Callable[[Site, jinja2.Environment, Strings], Renderer]


def placement(view: ArticleView) -> tuple[object, ...]:
    """What places an article among the pages that list articles (other than by the entities
    it names, see build/snapshot.py): its path and date, for the archives and lists. An edit
    that changes it builds the site in full, as pages gain or lose it. A page kind that
    groups articles by another field of theirs (a page per source) adds that field here."""
    return (view.article.path, view.article.date)


def patchable(view: ArticleView, stored: ArticleView) -> bool:
    """Whether an edit that made an article's `stored` view this `view` can be patched: not
    when the archives and lists change (its placement; an article withdrawn or restored
    leaves or joins them all, and a withdrawn one's rare edits build in full too, so that
    no step of a patch needs to know one), when pages at its earlier addresses come or go,
    or when the media files its pages show or link change (a file no page uses any more
    leaves the site, one used anew joins it: build/media.py), or which of them they show
    resized (their renditions join or leave the site). Else a full build."""
    return (
        view.article.withdrawn is None
        and stored.article.withdrawn is None
        and placement(view) == placement(stored)
        and redirect_paths(view) == redirect_paths(stored)
        and media_linked(view.links) == media_linked(stored.links)
        and media_resized(view.links) == media_resized(stored.links)
    )


def render_about(r: Renderer, lang: str) -> OutputFile:
    """The about page of one language: publisher, rights, how to cite and mirror the site."""
    jsonld = dump_jsonld(about_jsonld(r.site.config, lang))
    return r.page("about.html", lang, urls.about(lang), jsonld=jsonld)


def render_pages(
    site: Site, env: jinja2.Environment, strings: Strings, make: MakeRenderer = Renderer
) -> list[OutputFile]:
    """Every page and feed of the site (static files are copied by the build)."""
    r = make(site, env, strings)
    files = [*render_lists(r, "ar"), *render_articles(r, "ar"), *render_entities(r, "ar")]
    # Served for any missing address, it has none of its own: no canonical link, no og:url.
    files.append(r.page("404.html", "ar", "404.html", t_en=strings["en"], canonical=None))
    files += r.feeds()
    files += [render_search(r, lang) for lang in ("ar", "en")]
    files += [render_about(r, lang) for lang in ("ar", "en")]
    files += [file for lang in ("ar", "en") for file in render_search_entities(r, lang)]
    files += [*render_lists(r, "en"), *render_translated(r)]
    files += [*render_articles(r, "en"), *render_entities(r, "en")]
    return files + render_status(r)
