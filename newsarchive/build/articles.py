"""A full build's per-article work: parse, match, align and write its two pages, in workers.

Each worker renders the Arabic and English pages of the articles it parsed as soon as it has
them, writes them into the new output folder and sends back only a light view
(assembly/lightviews.py, articleworker.py): the whole archive's bodies never travel between
processes nor sit in the parent's memory.
What an article page shows of the rest of the site is the registry and the config: nothing
that other articles change, but whether an article it links in English has its English page
(content/links.py): the workers guess it from the gloss files there are, and the few
articles whose links the guess got wrong are made again once every view says
(remadearticles.py). The parent then renders the lists, entity pages and feeds from the
light views.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import jinja2

from ..content.articles import PATH_RE
from ..content.links import Linking
from ..content.today import today
from ..core.model import SiteConfig
from ..entities.registry import Registry
from ..pages.atom import MAX_ENTRIES
from ..pages.environment import Strings
from .articleworker import Done, work
from .keptarticles import Kept
from .remadearticles import with_feed_entries, with_kept_views, with_links_corrected
from .workers import MIN_PARALLEL, task_ranges, worker_count, worker_pool


def _folder(rel: str) -> tuple[int, int] | None:
    """(year, month or 0) of an article's folder, which its date must match; None for a path
    that is no article's (parse_article reports it and the build fails)."""
    match = PATH_RE.fullmatch(rel)
    return None if match is None else (int(match[2]), int(match[3] or 0))


def feed_candidates(rel_paths: Iterable[str], count: int = MAX_ENTRIES) -> frozenset[str]:
    """The articles that may be among the `count` newest (the language feeds'), from their
    paths alone: those of the newest folders that together hold `count` articles. Their
    workers make their feed entries from the full views, which the parent never holds."""
    by_folder: dict[tuple[int, int], list[str]] = {}
    for rel in rel_paths:
        folder = _folder(rel)
        if folder is not None:
            by_folder.setdefault(folder, []).append(rel)
    chosen: list[str] = []
    for folder in sorted(by_folder, reverse=True):
        if len(chosen) >= count:
            break
        chosen += by_folder[folder]
    return frozenset(chosen)


def write_articles(
    sources: Mapping[str, str],
    glosses: Mapping[str, str],
    registry: Registry,
    config: SiteConfig,
    templates: Path,
    strings: Strings,
    folder: Path,
    workers: int | None = None,
    compiled: jinja2.BytecodeCache | None = None,
    replacing: Path | None = None,
    unchanged: Kept | None = None,
    linking: Linking | None = None,
) -> list[Done]:
    """Every article's pages written into folder; per article (in order of sources, its
    files by path relative to content/, as glosses are) its diagnostics, light view and, if
    it may be among the newest, its feed entries. Each worker reads the files it parses:
    the build process never holds the archive's text, which each forked worker would be
    counted with (at 100,000 articles 500 MB). Pages of articles with errors are written
    too: a build with errors never swaps its folder in. The `unchanged` articles (but those that
    may be the newest, whose feed entries are made from their full views) have their files
    linked from the site being replaced (`replacing`) and their views and warnings kept."""
    workers = workers or worker_count()
    rels = list(sources)
    candidates = feed_candidates(rels)
    linkable: frozenset[str] = frozenset()
    if unchanged is not None and replacing is not None:
        linkable = frozenset(r for r in unchanged.rels if r in sources and r not in candidates)
    inputs = dict(
        rels=rels,
        sources=sources,
        glosses=glosses,
        registry=registry,
        config=config,
        templates=templates,
        compiled=compiled,
        strings=strings,
        folder=folder,
        replacing=replacing,
        feed_candidates=candidates,
        linkable=linkable,
        today=today(config.time_zone),
        linking=linking or Linking(config),
    )
    if workers < 2 or len(rels) < MIN_PARALLEL:
        done = work(inputs, range(len(rels)))
    else:
        with worker_pool(work, inputs, workers) as run:
            done = [each for part in run(task_ranges(len(rels), workers)) for each in part]
    if unchanged is not None and linkable:
        done = with_kept_views(inputs, done, unchanged)
    return with_feed_entries(inputs, with_links_corrected(inputs, done))
