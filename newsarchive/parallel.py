"""Work spread over all cores (forkpool.py), and parse_and_render (one-off builds in memory).

The output is byte-identical to a serial build: this process and its forked workers run the
same pure functions on the same values, and results are put back in input order. Forked
workers inherit the inputs (texts, Site) through _INPUTS instead of receiving them pickled;
only results travel back.
The CLI's full build uses the pool for its two phases (articlework.py, fullbuild.py).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from . import urls
from .collector import collector_paused
from .content import parse_article
from .diagnostics import Diagnostic
from .entities import Registry
from .forkpool import ForkPool
from .markdown import Block, render_body
from .matcher import Matcher, build_matcher, find_mentions
from .model import Article, SiteConfig

Parsed = tuple[Article | None, tuple[Diagnostic, ...]]
MIN_PARALLEL = 200  # below this many articles, starting workers costs more than it saves
MIN_CHUNK = 16  # articles: the smallest task, about 25 ms of a worker's time

# Filled in just before forking: a forked worker reads it without pickling, and this
# process, a worker too, reads the same. Never used for anything but handing inputs to workers.
_INPUTS: dict[str, Any] = {}


def worker_count() -> int:
    """The cores this process may use (NEWSARCHIVE_WORKERS overrides, 1 means serial)."""
    wanted = os.environ.get("NEWSARCHIVE_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0))


@contextlib.contextmanager
def _pool(workers: int, collect: bool = False) -> Iterator[ForkPool]:
    """This process and forked workers; unless collect=True the forked ones never run the
    cyclic garbage collector (this one's is the caller's to pause).

    Parsing makes no cycles, and there the collector spent a tenth of the time on objects
    that reference counting frees anyway. Rendering makes a few: a worker that rendered
    6,000 pages held 1,100 objects in cycles (97 KB: its Jinja environment), and collecting
    as it went cost 5% of its time. The parent's objects are frozen so that no collection
    walks, and so copies page by page, what the workers inherited.
    """
    gc.freeze()
    pool = ForkPool(workers, None if collect else gc.disable)
    try:
        yield pool
    finally:
        pool.close()
        gc.unfreeze()


def _chunks(count: int, workers: int) -> list[range]:
    """Consecutive ranges over count items that shrink towards the end: each the workers'
    share of what is left, halved. Big first ones cost little to hand out; the small last
    ones let the workers finish together (the first free worker takes the next)."""
    parts: list[range] = []
    start = 0
    while start < count:
        size = max(MIN_CHUNK, -(-(count - start) // (2 * workers)))
        parts.append(range(start, min(start + size, count)))
        start += size
    return parts


Body = tuple[Article, tuple[Block, ...]]


Finder = Callable[[str], Any]
Linker = Callable[[str], str]


def matching(matcher: Matcher, config: SiteConfig) -> tuple[Finder, Linker]:
    """The mention finder and entity-page link a body is rendered with."""

    def find(text: str) -> Any:
        return find_mentions(matcher, text)

    def href(entity_id: str) -> str:
        return urls.href(config, urls.entity("ar", entity_id))

    return find, href


def _parse_and_render(part: range) -> list[tuple[Parsed, tuple[Block, ...] | None]]:
    items: list[tuple[str, str]] = _INPUTS["items"]
    config: SiteConfig = _INPUTS["config"]
    if "matching" not in _INPUTS:  # built once per worker, reused for its other chunks
        _INPUTS["matching"] = matching(build_matcher(_INPUTS["registry"]), config)
    find, href = _INPUTS["matching"]

    out: list[tuple[Parsed, tuple[Block, ...] | None]] = []
    for index in part:
        rel, text = items[index]
        parsed = parse_article(text, rel)
        article = parsed[0]
        blocks = render_body(article.body, find, href) if article is not None else None
        out.append((parsed, blocks))
    return out


def parse_and_render(
    texts: Mapping[str, str], registry: Registry, config: SiteConfig, workers: int | None = None
) -> tuple[list[Parsed], list[Body]]:
    """parse_article and render_body of every article, in the order of texts."""
    workers = workers or worker_count()
    items = list(texts.items())
    _INPUTS.clear()
    _INPUTS.update(items=items, registry=registry, config=config)
    try:
        if workers < 2 or len(items) < MIN_PARALLEL:
            results = _parse_and_render(range(len(items)))
        else:
            # Results are unpickled here as they come: millions of small acyclic objects, which
            # the collector would walk again and again (most of the unpickling time).
            with _pool(workers) as pool, collector_paused():
                parts = pool.map(_parse_and_render, _chunks(len(items), workers))
                results = [r for part in parts for r in part]
    finally:
        _INPUTS.clear()
    parsed = [p for p, _ in results]
    bodies = [(p[0], b) for p, b in results if p[0] is not None and b is not None]
    return parsed, bodies
