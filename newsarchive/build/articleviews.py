"""An article's full view, made in this process: checked (parsed, its gloss aligned, its own
problems found) and matched. An edit's few articles (article_views), `export`'s whole archive
one at a time (each_article_view) and a full build's workers (articleworker.py) make them
the same way, so an edit's view of an article is the one a full build made.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import replace

from ..assembly.views import ArticleView, article_view, english_names
from ..content.articlechecks import check_article
from ..content.links import Linking, links_to_keep
from ..content.removednames import RemovedNames, removed_names
from ..content.today import today
from ..core.diagnostics import Diagnostic
from ..core.model import SiteConfig
from ..entities.matcher import build_matcher
from ..entities.registry import Registry
from .workers import Finder, Linker, matching

Checked = tuple[tuple[Diagnostic, ...], ArticleView | None]  # its problems, its full view


def checked_article(
    rel: str,
    text: str,
    glosses: Mapping[str, str],
    find: Finder,
    href: Linker,
    english: Mapping[str, str],
    day: datetime.date,
    linking: Linking,
    removed: RemovedNames | None,
) -> Checked:
    """One article checked (content/articlechecks.py: parsed, its gloss aligned, its own
    problems found), its paragraphs matched: its diagnostics and full view (`english`: the
    entities' English names, by id; `day`: the build's, which the article's date and its
    gloss's `translated` date may not pass by more than one; `linking`: how links are
    published; `removed`: the names no file may hold). The links it cannot publish are
    errors here; those to other articles are kept in its view for the whole archive's check
    (links.missing_articles)."""
    checked = check_article(rel, text, glosses, day, linking, find, href, removed)
    article, blocks, gloss = checked.article, checked.blocks, checked.gloss
    if article is None or gloss is None:
        return checked.problems, None
    title = find(article.title)
    view = article_view(article, blocks, {article.story: gloss}, english, title, checked.footnotes)
    return checked.problems, replace(view, links=links_to_keep(checked.notes))


def article_views(
    texts: Mapping[str, str],
    glosses: Mapping[str, str],
    registry: Registry,
    config: SiteConfig,
    linking: Linking | None = None,
) -> tuple[dict[str, ArticleView], list[Diagnostic]]:
    """The full views of a few articles (an edit's), made in this process (`linking`: how
    their links are published; by default, for a site with no media files)."""
    views: dict[str, ArticleView] = {}
    diagnostics: list[Diagnostic] = []
    for found, view in each_article_view(texts, glosses, registry, linking or Linking(config)):
        diagnostics += found
        if view is not None:
            views[view.article.story] = view
    return views, diagnostics


def each_article_view(
    texts: Mapping[str, str], glosses: Mapping[str, str], registry: Registry, linking: Linking
) -> Iterator[Checked]:
    """Each article's problems and full view (None when it does not parse), one at a time,
    as article_views makes them (`linking`: how links are published, the config with it):
    `export` reads the whole archive without holding every body at once."""
    find, href = matching(build_matcher(registry), linking.config)
    english, removed = english_names(registry), removed_names(registry)
    day = today(linking.config.time_zone)
    for rel, text in texts.items():
        yield checked_article(rel, text, glosses, find, href, english, day, linking, removed)
