"""Per-article work and page rendering spread over all cores (forked worker processes).

The output is byte-identical to a serial build: workers run the same pure functions on the
same values, and results are put back in input order. Forked workers inherit the inputs
(texts, Site) instead of receiving them pickled; only results travel back.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

import jinja2

from . import urls
from .assemble import Site
from .content import parse_article
from .diagnostics import Diagnostic
from .entities import Registry
from .markdown import Block, render_body
from .matcher import build_matcher, find_mentions
from .model import Article, OutputFile, SiteConfig
from .render import Renderer, Strings, make_environment, render_site
from .render_en import render_english

Parsed = tuple[Article | None, tuple[Diagnostic, ...]]
MIN_PARALLEL = 200  # below this many articles, starting workers costs more than it saves
CHUNKS_PER_WORKER = 4  # small enough to balance, large enough to amortise pickling

# Filled in each worker by _start (and in the parent just before forking): a forked child
# reads it without pickling. Never used for anything but handing inputs to workers.
_INPUTS: dict[str, Any] = {}


def worker_count() -> int:
    """The cores this process may use (NEWSARCHIVE_WORKERS overrides, 1 means serial)."""
    wanted = os.environ.get("NEWSARCHIVE_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0))


def _pool(workers: int) -> Executor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _chunks(count: int, workers: int) -> list[range]:
    size = max(1, -(-count // (workers * CHUNKS_PER_WORKER)))
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def _parse_and_render(part: range) -> list[tuple[Parsed, tuple[Block, ...] | None]]:
    items: list[tuple[str, str]] = _INPUTS["items"]
    config: SiteConfig = _INPUTS["config"]
    matcher = _INPUTS.get("matcher") or build_matcher(_INPUTS["registry"])
    _INPUTS["matcher"] = matcher  # built once per worker, reused for its other chunks

    def href(entity_id: str) -> str:
        return urls.href(config, urls.entity("ar", entity_id))

    def find(text: str) -> Any:
        return find_mentions(matcher, text)

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
) -> tuple[list[Parsed], list[tuple[Article, tuple[Block, ...]]]]:
    """parse_article and render_body of every article, in the order of texts."""
    workers = workers or worker_count()
    items = list(texts.items())
    _INPUTS.clear()
    _INPUTS.update(items=items, registry=registry, config=config)
    try:
        if workers < 2 or len(items) < MIN_PARALLEL:
            results = _parse_and_render(range(len(items)))
        else:
            with _pool(workers) as pool:
                parts = pool.map(_parse_and_render, _chunks(len(items), workers))
                results = [r for part in parts for r in part]
    finally:
        _INPUTS.clear()
    parsed = [p for p, _ in results]
    bodies = [(p[0], b) for p, b in results if p[0] is not None and b is not None]
    return parsed, bodies


class ShardRenderer(Renderer):
    """Renders only the pages of its shard (by a hash of the path); others come back empty."""

    def __init__(
        self, site: Site, env: jinja2.Environment, strings: Strings, shard: int, shards: int
    ) -> None:
        super().__init__(site, env, strings)
        self.shard, self.shards = shard, shards
        self.skipped: set[int] = set()  # ids of the placeholders returned

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """The page, or an empty placeholder when another shard owns it."""
        if zlib.crc32(path.encode("utf-8")) % self.shards == self.shard:
            return super().page(template, lang, path, **context)
        placeholder = OutputFile(urls.output_path(path), b"")
        self.skipped.add(id(placeholder))
        return placeholder


def _render_shard(shard: int) -> list[tuple[int, OutputFile]]:
    site: Site = _INPUTS["site"]
    shards: int = _INPUTS["shards"]
    env = make_environment(_INPUTS["templates"])
    renderers: list[ShardRenderer] = []

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        renderers.append(ShardRenderer(site, env, strings, shard, shards))
        return renderers[-1]

    files = render_site(site, env, _INPUTS["strings"], make)
    files += render_english(site, env, _INPUTS["strings"], make)
    skipped = set().union(*(r.skipped for r in renderers))
    # Files made outside page() (feeds) come from every shard, identical: the first one is kept.
    return [(i, f) for i, f in enumerate(files) if id(f) not in skipped]


def render_pages(
    site: Site,
    templates: Any,
    strings: Strings,
    serial: Callable[[], list[OutputFile]],
    workers: int | None = None,
) -> list[OutputFile]:
    """Every page of both languages, rendered in shards by all workers, in serial order."""
    workers = workers or worker_count()
    if workers < 2 or len(site.articles) < MIN_PARALLEL:
        return serial()
    _INPUTS.clear()
    _INPUTS.update(site=site, templates=templates, strings=strings, shards=workers)
    try:
        with _pool(workers) as pool:
            shards = list(pool.map(_render_shard, range(workers)))
    except Exception:  # a template error: the serial render raises it with its position
        return serial()
    finally:
        _INPUTS.clear()
    merged: dict[int, OutputFile] = {}
    for owned in shards:
        for index, file in owned:
            merged.setdefault(index, file)
    return [merged[i] for i in range(len(merged))]
