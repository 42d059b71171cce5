"""A full build's articles made again once every worker is done (I/O: removes and writes
their pages): what a worker could not know from its own articles, the whole phase's views
now say. A kept article whose linked files or view do not hold up, an older article that
takes a withdrawn one's place in the language feeds, and an article whose links to English
pages were guessed wrong each have their files removed and are made again by the same
worker code (articleworker.py), in this process: they are few.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..assembly.views import article_langs, has_english_page
from ..content.links import stale_links
from ..core import urls
from ..core.model import story_of_path
from ..pages.feeds import newest
from ..pages.redirects import redirect_paths
from .articleworker import Done, work
from .collector import collector_paused
from .keptarticles import Kept
from .output import link_files


def with_feed_entries(inputs: dict[str, Any], done: list[Done]) -> list[Done]:
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
    remade = work({**inputs, "feed_candidates": wanted, "linkable": frozenset()}, again)
    out = list(done)
    for index, each in zip(again, remade, strict=True):
        out[index] = each
    return out


def with_links_corrected(inputs: dict[str, Any], done: list[Done]) -> list[Done]:
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
    remade = work({**inputs, "linking": linking, "linkable": frozenset()}, again)
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


def with_kept_views(inputs: dict[str, Any], done: list[Done], unchanged: Kept) -> list[Done]:
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
    remade = work({**inputs, "linkable": frozenset()}, again) if again else []
    for index, each in zip(again, remade, strict=True):
        out[index] = each
    return out
