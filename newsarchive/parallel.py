"""Per-article work and page rendering spread over all cores (forked worker processes).

The output is byte-identical to a serial build: workers run the same pure functions on the
same values, and results are put back in input order. Forked workers inherit the inputs
(texts, Site) instead of receiving them pickled; only results travel back.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
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
from .output import write_files
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


@contextlib.contextmanager
def _pool(workers: int, collect: bool = True) -> Iterator[Executor]:
    """Forked workers; with collect=False they never run the cyclic garbage collector.

    Parsing makes no cycles, and there the collector spent a tenth of the time on objects
    that reference counting frees anyway (rendering does make cycles: Jinja's contexts).
    The parent's objects are frozen so that no collection walks, and so copies page by page,
    what the workers inherited.
    """
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        start = None if collect else gc.disable
        with ProcessPoolExecutor(workers, mp_context=context, initializer=start) as pool:
            yield pool
    finally:
        gc.unfreeze()


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
            with _pool(workers, collect=False) as pool:
                parts = pool.map(_parse_and_render, _chunks(len(items), workers))
                results = [r for part in parts for r in part]
    finally:
        _INPUTS.clear()
    parsed = [p for p, _ in results]
    bodies = [(p[0], b) for p, b in results if p[0] is not None and b is not None]
    return parsed, bodies


class ShardRenderer(Renderer):
    """Renders only the pages of its shard (by a hash of the path) and writes them to a folder.

    Other shards' pages come back as empty placeholders without their context being computed
    (derived_page); the feeds belong to shard 0. A written page is not kept in memory.
    """

    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        strings: Strings,
        shard: tuple[int, int],
        folder: Path,
    ) -> None:
        super().__init__(site, env, strings)
        self.shard, self.shards = shard
        self.folder = folder
        self.made: set[Path] = set()  # folders created so far

    def owns(self, path: str) -> bool:
        """Whether this shard renders the page at `path`."""
        return zlib.crc32(path.encode("utf-8")) % self.shards == self.shard

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Render and write the page when this shard owns it; an empty placeholder otherwise."""
        if not self.owns(path):
            return OutputFile(urls.output_path(path), b"")
        return self._write(super().page(template, lang, path, **context))

    def derived_page(
        self,
        inputs: tuple[Any, ...],
        template: str,
        lang: str,
        path: str,
        context: Callable[[], dict[str, Any]],
    ) -> OutputFile:
        """Like page(), but another shard's page costs nothing (its context is never built)."""
        if not self.owns(path):
            return OutputFile(urls.output_path(path), b"")
        return super().derived_page(inputs, template, lang, path, context)

    def feeds(self) -> list[OutputFile]:
        """The feeds, made and written by shard 0 only (they are not pages)."""
        return [self._write(f) for f in super().feeds()] if self.shard == 0 else []

    def _write(self, file: OutputFile) -> OutputFile:
        write_files(self.folder, [file], self.made)
        return OutputFile(file.path, b"")


def _render_shard(shard: int) -> list[str]:
    site: Site = _INPUTS["site"]
    shards: int = _INPUTS["shards"]
    env = make_environment(_INPUTS["templates"])

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        return ShardRenderer(site, env, strings, (shard, shards), _INPUTS["folder"])

    files = render_site(site, env, _INPUTS["strings"], make)
    files += render_english(site, env, _INPUTS["strings"], make)
    # Every shard lists every page (placeholders included), but only shard 0 lists the feeds.
    return [f.path for f in files]


def write_pages(
    site: Site,
    templates: Path,
    strings: Strings,
    folder: Path,
    serial: Callable[[], list[OutputFile]],
    workers: int | None = None,
) -> list[str]:
    """Render every page of both languages into folder (all workers); the paths, in serial order.

    Workers write their pages themselves: no page travels back or stays in memory.
    """
    workers = workers or worker_count()
    if workers < 2 or len(site.articles) < MIN_PARALLEL:
        return _write_serial(folder, serial)
    _INPUTS.clear()
    _INPUTS.update(site=site, templates=templates, strings=strings, shards=workers, folder=folder)
    try:
        with _pool(workers) as pool:
            listed = list(pool.map(_render_shard, range(workers)))  # raises any shard's error
        return listed[0]
    except Exception:  # a template error: the serial render raises it with its position
        return _write_serial(folder, serial)
    finally:
        _INPUTS.clear()


def _write_serial(folder: Path, serial: Callable[[], list[OutputFile]]) -> list[str]:
    files = serial()
    write_files(folder, files)
    return [f.path for f in files]
