"""A full build's per-article work: parse, match, align and write its two pages, in workers.

Each worker renders the Arabic and English pages of the articles it parsed as soon as it has
them, writes them into the new output folder and sends back only a light view
(assembly/lightviews.py): the whole archive's bodies never travel between processes nor sit
in the parent's memory.
What an article page shows of the rest of the site is the registry and the config: nothing
that other articles change, but whether an article it links in English has its English page
(content/links.py): the workers guess it from the gloss files there are, and the few
articles whose links the guess got wrong are made again once every view says (_relinked).
The parent then renders the lists, entity pages and feeds from the light views.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from ..assembly.lightviews import Sharing, light_view
from ..assembly.site import site_of
from ..assembly.views import (
    ArticleView,
    article_langs,
    article_view,
    english_names,
    has_english_page,
)
from ..content.articlechecks import check_article
from ..content.articles import PATH_RE
from ..content.links import Linking, links_to_keep, stale_links
from ..content.removednames import RemovedNames, removed_names
from ..content.textfiles import read_source
from ..content.today import today
from ..core import urls
from ..core.diagnostics import ContentError, Diagnostic
from ..core.hosts import NOTHING, SiteSize
from ..core.model import SiteConfig, story_of_path
from ..entities.matcher import build_matcher
from ..entities.registry import Registry
from ..pages.articles import article_files
from ..pages.atom import MAX_ENTRIES, FeedEntry
from ..pages.environment import Strings, make_environment
from ..pages.feeds import entry_context, entry_of, newest
from ..pages.redirects import redirect_paths
from ..pages.renderer import Renderer
from .collector import collector_paused
from .keptarticles import Kept
from .output import link_files, write_files
from .workers import MIN_PARALLEL, Finder, Linker, matching, task_ranges, worker_count, worker_pool


class Done(NamedTuple):
    """What one article gives back: its diagnostics (parse and gloss), its light view, and
    its entries in the language feeds when it may be among their newest (by language)."""

    found: tuple[Diagnostic, ...]
    view: ArticleView | None
    entries: Mapping[str, FeedEntry] | None = None
    written: SiteSize = NOTHING  # its pages' bytes and files (site size without a walk)
    linked: bool = False  # its files linked from the replaced site, its view the kept one


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


def _article(
    rel: str,
    text: str,
    glosses: Mapping[str, str],
    find: Finder,
    href: Linker,
    english: Mapping[str, str],
    day: datetime.date,
    linking: Linking,
    removed: RemovedNames | None,
) -> Done:
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
        return Done(checked.problems, None)
    title = find(article.title)
    view = article_view(article, blocks, {article.story: gloss}, english, title, checked.footnotes)
    return Done(checked.problems, replace(view, links=links_to_keep(checked.notes)))


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
) -> Iterator[tuple[tuple[Diagnostic, ...], ArticleView | None]]:
    """Each article's problems and full view (None when it does not parse), one at a time,
    as article_views makes them (`linking`: how links are published, the config with it):
    `export` reads the whole archive without holding every body at once."""
    find, href = matching(build_matcher(registry), linking.config)
    english, removed = english_names(registry), removed_names(registry)
    day = today(linking.config.time_zone)
    for rel, text in texts.items():
        found, view, *_ = _article(rel, text, glosses, find, href, english, day, linking, removed)
        yield found, view


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


def _work(state: dict[str, Any], part: Iterable[int]) -> list[Done]:
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
        found, view, *_ = _article(
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
        done = _work(inputs, range(len(rels)))
    else:
        with worker_pool(_work, inputs, workers) as run:
            done = [each for part in run(task_ranges(len(rels), workers)) for each in part]
    if unchanged is not None and linkable:
        done = _with_kept_views(inputs, done, unchanged)
    return _with_feed_entries(inputs, _relinked(inputs, done))


def _with_feed_entries(inputs: dict[str, Any], done: list[Done]) -> list[Done]:
    """The articles the language feeds show, each with its entries: the workers made those
    of the newest by their paths (feed_candidates), but a withdrawn one among them is in no
    feed, and an older article takes its place. Those are made again with their entries."""
    candidates = inputs["feed_candidates"]
    rels: list[str] = inputs["rels"]
    if not any(
        each.view is not None and each.view.article.withdrawn is not None and rel in candidates
        for rel, each in zip(rels, done, strict=True)
    ):
        return done
    listed = [e.view for e in done if e.view is not None and e.view.article.withdrawn is None]
    shown = {v.article.story for lang in urls.LANGS for v in newest(inputs["config"], lang, listed)}
    again = [
        index
        for index, each in enumerate(done)
        if each.view is not None and each.entries is None and each.view.article.story in shown
    ]
    if not again:
        return done
    _unlink_pages(inputs, [rels[index] for index in again])
    wanted = frozenset(rels[index] for index in again)
    remade = _work({**inputs, "feed_candidates": wanted, "linkable": frozenset()}, again)
    out = list(done)
    for index, each in zip(again, remade, strict=True):
        out[index] = each
    return out


def _relinked(inputs: dict[str, Any], done: list[Done]) -> list[Done]:
    """The articles whose links to English pages were guessed wrong made again, now that
    every article's view says whether it has its English page (links.stale_links): the
    workers rendered with a guess, the kept articles as the last build knew the archive."""
    linking = {
        each.view.article.story: each.view.links
        for each in done
        if each.view is not None and any(note.lang == "en" for note in each.view.links)
    }
    if not linking:  # most archives: no article links another's English page
        return done
    views = {each.view.article.story: each.view for each in done if each.view is not None}

    def english(story: str) -> bool:
        view = views.get(story)
        return view is not None and has_english_page(view)

    stale = stale_links(linking, english)
    if not stale:
        return done
    rels: list[str] = inputs["rels"]
    again = [i for i, rel in enumerate(rels) if story_of_path(rel) in stale]
    _unlink_pages(inputs, [rels[index] for index in again])
    linking = replace(inputs["linking"], english=english)
    remade = _work({**inputs, "linking": linking, "linkable": frozenset()}, again)
    out = list(done)
    for index, each in zip(again, remade, strict=True):
        out[index] = each
    return out


def _unlink_pages(inputs: dict[str, Any], rels: Iterable[str]) -> None:
    """Remove the pages and search records of articles to be made again."""
    for story in map(story_of_path, rels):
        for page in (urls.article(lang, story) for lang in urls.LANGS):
            for path in (urls.output_path(page), urls.search_record(page)):
                Path(inputs["folder"], path).unlink(missing_ok=True)


def _with_kept_views(inputs: dict[str, Any], done: list[Done], unchanged: Kept) -> list[Done]:
    """Each linked article with its kept light view and warnings, read now that the workers
    are done, and its pages at earlier addresses linked. One whose view is damaged, or whose
    pages linked are not those its view has, is made again here: its linked files are
    removed and its pages written."""
    rels: list[str] = inputs["rels"]
    out = list(done)
    again = []
    with collector_paused(keep=True):  # views that live to the build's end, with no cycles
        for index, each in enumerate(done):
            if not each.linked:
                continue
            view = unchanged.view(rels[index])
            if view is None or len(article_langs(view)) != each.written.files:
                again.append(index)
                continue
            # Its pages at earlier addresses, which the worker could not know without it.
            earlier = map(urls.output_path, redirect_paths(view))
            redirects = link_files(inputs["replacing"], inputs["folder"], earlier, set())
            if redirects is None:
                again.append(index)
                continue
            found = unchanged.warnings.get(rels[index], ())
            out[index] = each._replace(view=view, found=found, written=each.written + redirects)
    unchanged.close()
    _unlink_pages(inputs, [rels[index] for index in again])
    remade = _work({**inputs, "linkable": frozenset()}, again) if again else []
    for index, each in zip(again, remade, strict=True):
        out[index] = each
    return out
