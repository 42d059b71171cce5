"""Memoised build pieces kept between rebuilds: parsed articles, rendered bodies, rendered pages.

A fresh BuildMemo gives a plain full build; the dev server keeps one and passes it to every
rebuild, so only what an edit touches is parsed and rendered again (pure apart from stat()).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from . import urls
from .arabic import tokenize
from .assemble import Site
from .content import parse_article
from .diagnostics import Diagnostic
from .entities import Registry, name_key
from .feeds import Feed, FeedEntry, atom_xml
from .gloss import Gloss, align_glosses
from .jinjaenv import Strings, make_environment
from .livecontent import ContentReader
from .livefeeds import FeedsMemo
from .livemodel import SiteMemo
from .markdown import Block, render_body
from .matcher import Matcher, build_matcher, find_mentions
from .model import Article, OutputFile, SiteConfig
from .pagememo import (
    CachingRenderer,
    FeedMemo,
    ItemMemo,
    MemoPage,
    RenderStats,
    Superseded,
    same,
)
from .render import Renderer
from .sitemap import crawler_files

Parsed = tuple[Article | None, tuple[Diagnostic, ...]]
__all__ = ["BuildMemo", "Superseded", "same"]


@dataclass(frozen=True)
class _Body:
    text: str
    blocks: tuple[Block, ...]
    keys: list[str]  # lazily filled: the body's word keys, to find where new names may match


@dataclass(frozen=True)
class _Aligned:
    gloss_text: str | None
    blocks: tuple[Block, ...]
    gloss: Gloss
    diagnostics: tuple[Diagnostic, ...]


class BuildMemo:
    """What one build can hand to the next; a new instance means a full build."""

    def __init__(self) -> None:
        self.articles: dict[str, tuple[str, Parsed]] = {}
        self.bodies: dict[str, _Body] = {}
        self.names: dict[str, tuple[str, ...]] | None = None
        self.base_path: str | None = None
        self.matcher: Matcher | None = None
        self.env: tuple[Path, jinja2.Environment] | None = None
        self.glosses: dict[str, _Aligned] = {}
        self.site: Site | None = None
        self.pages: dict[str, MemoPage] = {}
        self.next_pages: dict[str, MemoPage] = {}
        self.globals: tuple[Any, ...] | None = None
        self.stats = RenderStats()
        self.rendering = False
        self.items = ItemMemo()
        self.feeds = FeedMemo()
        self.crawler: tuple[SiteConfig, list[str], list[OutputFile]] | None = None
        self.model = SiteMemo()
        self.feed_files = FeedsMemo()
        self.readers = {"ar": ContentReader(), "en": ContentReader()}
        self.registry: Registry | None = None
        self.stop: Callable[[], bool] | None = None  # asked before each page; True aborts

    def read_content(self, content_dir: Path) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
        """content.read_content, reading only the files whose stat changed."""
        return self.readers["ar"].read(content_dir, "ar")

    def settle(self, content_dir: Path) -> bool:
        """Look at content again when files saved just before the last look are past the
        racy window, so that the next edit does not re-read them all (True if it looked)."""
        if all(reader.settled() for reader in self.readers.values()):
            return False
        self.read_content(content_dir)
        self.read_glosses(content_dir)
        return True

    def read_glosses(self, content_dir: Path) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
        """glossfiles.read_glosses, reading only the files whose stat changed."""
        return self.readers["en"].read(content_dir, "en")

    def assemble(
        self,
        config: SiteConfig,
        registry: Registry,
        bodies: Sequence[tuple[Article, tuple[Block, ...]]],
        glosses: Mapping[str, Gloss],
    ) -> Site:
        """assemble.assemble, patched for the articles that changed; views kept by identity."""
        return self.stable_site(self.model.assemble(config, registry, bodies, glosses))

    def stable_registry(self, registry: Registry) -> Registry:
        """The re-parsed registry with last build's Entity objects where they are equal, so
        that "unchanged entity" is an identity check (the same Registry when nothing changed)."""
        old = self.registry
        if old is None:
            self.registry = registry
            return registry
        ids = old.by_id()
        entities = tuple(ids[e.id] if ids.get(e.id) == e else e for e in registry.entities)
        if entities == old.entities:
            return old
        self.registry = Registry(entities)
        return self.registry

    def parse_article(self, text: str, rel: str) -> Parsed:
        """parse_article, reused while the file's text is unchanged."""
        found = self.articles.get(rel)
        if found is not None and found[0] == text:
            return found[1]
        parsed = parse_article(text, rel)
        self.articles[rel] = (text, parsed)
        return parsed

    def render_bodies(
        self, articles: Sequence[Article], registry: Registry, config: SiteConfig
    ) -> list[tuple[Article, tuple[Block, ...]]]:
        """Each article's blocks with mentions marked; only new or affected bodies are rendered."""
        self._refresh_matcher(registry, config)
        assert self.matcher is not None
        find = _Finder(self.matcher)
        href = _EntityHref(config)
        result = []
        for article in articles:
            cached = self.bodies.get(article.path)
            if cached is None or cached.text != article.body:
                cached = _Body(article.body, render_body(article.body, find, href), [])
                self.bodies[article.path] = cached
            result.append((article, cached.blocks))
        return result

    def align_glosses(
        self, texts: Mapping[str, str], bodies: Sequence[tuple[Article, tuple[Block, ...]]]
    ) -> tuple[dict[str, Gloss], tuple[Diagnostic, ...]]:
        """gloss.align_glosses, re-aligning only articles whose blocks or gloss file changed."""
        done: dict[str, _Aligned] = {}
        for article, blocks in bodies:
            rel = f"en/{article.story}.md"
            old = self.glosses.get(article.story)
            text = texts.get(rel)
            if old is None or old.blocks is not blocks or old.gloss_text != text:
                one = {rel: text} if text is not None else {}
                aligned, diags = align_glosses(one, [(article, blocks)])
                old = _Aligned(text, blocks, aligned[article.story], diags)
            done[article.story] = old
        self.glosses = done
        orphans = {rel: t for rel, t in texts.items() if rel[3:].removesuffix(".md") not in done}
        _, orphan_diags = align_glosses(orphans, [])  # glosses without an article warn
        found = [d for aligned in done.values() for d in aligned.diagnostics]
        return {story: a.gloss for story, a in done.items()}, (*found, *orphan_diags)

    def stable_site(self, site: Site) -> Site:
        """The site with last build's view objects where they are equal, so that pages and
        derived values can tell "unchanged" by identity."""
        old = self.site
        if old is None:
            self.site = site
            return site
        stories = {v.article.story: v for v in old.articles}
        ids = {v.entity.id: v for v in old.entities}
        articles = tuple(_kept(stories.get(v.article.story), v) for v in site.articles)
        entities = tuple(_kept(ids.get(v.entity.id), v) for v in site.entities)
        self.site = replace(site, articles=articles, entities=entities)
        return self.site

    def feed_entry(self, lang: str, config: SiteConfig, view: Any) -> FeedEntry:
        """A feed entry, reused while its view is the same object."""
        return self.feeds.entry(lang, config, view)

    def feed_xml(self, feed: Feed) -> bytes:
        """A feed's XML, reused while the feed value is equal."""
        return self.feeds.atom(feed, atom_xml)

    def crawler_files(self, config: SiteConfig, files: Sequence[OutputFile]) -> list[OutputFile]:
        """sitemap.xml, robots.txt, .nojekyll; reused while the set of pages is the same."""
        paths = [f.path for f in files]
        if self.crawler is None or self.crawler[0] != config or self.crawler[1] != paths:
            self.crawler = (config, paths, crawler_files(config, paths))
        return self.crawler[2]

    def _refresh_matcher(self, registry: Registry, config: SiteConfig) -> None:
        names = {e.id: e.ar for e in registry.entities}
        if names == self.names and config.base_path == self.base_path:
            return
        if self.names is None or config.base_path != self.base_path:
            self.bodies.clear()
        else:
            self._forget_bodies_touching(_changed_names(self.names, names))
        self.names, self.base_path = names, config.base_path
        self.matcher = build_matcher(registry)

    def _forget_bodies_touching(self, changed: Mapping[str, set[str]]) -> None:
        """Drop the bodies whose mentions could differ under the changed names."""
        keys = {k for names in changed.values() for k in names if k}
        for path, body in list(self.bodies.items()):
            mentioned = {m.entity_id for b in body.blocks for m in b.mentions}
            if mentioned & changed.keys() or _contains_any(body, keys):
                del self.bodies[path]

    def environment(self, templates_dir: Path) -> jinja2.Environment:
        """One Jinja2 environment per templates folder (it recompiles edited templates)."""
        self.rendering = False  # called once per build, before rendering starts
        if self.env is None or self.env[0] != templates_dir:
            self.env = (templates_dir, make_environment(templates_dir, reload=True))
        return self.env[1]

    def same_templates(self, tdir: Path) -> bool:
        """Whether the templates are those the last successful render used."""
        return self.globals is not None and self.globals[3] == _templates_stamp(tdir)

    def renderer(self, site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        """A caching renderer; pages from the last build survive only if nothing global changed."""
        if not self.rendering:  # the first renderer of this build checks what is global
            tdir = self.env[0] if self.env else None
            now = (site.config, strings, site.years, _templates_stamp(tdir))
            if self.globals is None or not same(self.globals, now):
                self.pages = {}
            self.globals = now
            self.next_pages = {}
            self.stats = RenderStats()
            self.rendering = True
        return CachingRenderer(site, env, strings, self)

    def finish_render(self) -> None:
        """Keep only the pages of the build that just succeeded."""
        self.pages, self.next_pages = self.next_pages, {}
        self.rendering = False
        self.items.finish()
        self.feeds.finish()


class _Finder:
    """find_mentions bound to a matcher (a class, so the bound value is comparable)."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def __call__(self, text: str) -> Sequence[Any]:
        return find_mentions(self.matcher, text)


class _EntityHref:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config

    def __call__(self, entity_id: str) -> str:
        return urls.href(self.config, urls.entity("ar", entity_id))


def _changed_names(
    old: Mapping[str, tuple[str, ...]], new: Mapping[str, tuple[str, ...]]
) -> dict[str, set[str]]:
    """Entity id -> name keys (old and new) of every entity whose names changed."""
    changed: dict[str, set[str]] = {}
    for entity_id in old.keys() | new.keys():
        before, after = old.get(entity_id, ()), new.get(entity_id, ())
        if before != after:
            changed[entity_id] = {name_key(n) for n in (*before, *after)}
    return changed


def _kept(old: Any, new: Any) -> Any:
    """The old value when it equals the new one (its identity then means "unchanged")."""
    return old if old is not None and same(old, new) else new


def _contains_any(body: _Body, keys: Iterable[str]) -> bool:
    """Whether any name key occurs in the body's word keys (a superset of real matches)."""
    if not body.keys:
        body.keys.append(" " + " ".join(t.key for t in tokenize(body.text)) + " ")
    text = body.keys[0]
    # Names may carry proclitics on the first word, so search without a leading boundary.
    return any(key + " " in text for key in keys)


def _templates_stamp(tdir: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Modification stamps of every template, so an edited template re-renders every page."""
    if tdir is None:
        return ()
    return tuple(
        (p.relative_to(tdir).as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(tdir.rglob("*"))
        if p.is_file() and "static" not in p.relative_to(tdir).parts
    )
