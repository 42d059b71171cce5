"""Memoised build pieces kept between rebuilds: parsed articles, rendered bodies, rendered pages.

A fresh BuildMemo gives a plain full build; the dev server keeps one and passes it to every
rebuild, so only what an edit touches is parsed and rendered again (pure apart from stat()).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import urls
from .arabic import tokenize
from .assemble import Site
from .content import parse_article
from .diagnostics import Diagnostic
from .entities import Entity, Registry, name_key
from .markdown import Block, render_body
from .matcher import Matcher, build_matcher, find_mentions
from .model import Article, OutputFile, SiteConfig
from .render import Renderer, Strings, make_environment

Parsed = tuple[Article | None, tuple[Diagnostic, ...]]
IGNORED_FIELDS: dict[type, frozenset[str]] = {Entity: frozenset({"line"})}  # not rendered


def same(a: Any, b: Any) -> bool:
    """Value equality that stops at shared objects and ignores fields pages never show."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    try:
        if a == b:  # fast path: generated __eq__, with identity shortcuts inside containers
            return True
    except TypeError:
        pass
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if is_dataclass(a) and not isinstance(a, type):
        skip = IGNORED_FIELDS.get(type(a), frozenset())
        return all(
            same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a) if f.name not in skip
        )
    return bool(a == b)


@dataclass(frozen=True)
class _Body:
    text: str
    blocks: tuple[Block, ...]
    keys: list[str]  # lazily filled: the body's word keys, to find where new names may match


@dataclass
class RenderStats:
    """How much of the last render was reused."""

    rendered: int = 0
    reused: int = 0


@dataclass(frozen=True)
class _Page:
    template: str
    lang: str
    path: str
    context: dict[str, Any]
    lookups: dict[tuple[str, str], Any]
    file: OutputFile


class _Recorder(Mapping[str, Any]):
    """A read-only index that notes which keys the page being rendered looked up."""

    def __init__(self, kind: str, index: Mapping[str, Any], seen: Callable[[], dict[Any, Any]]):
        self.kind = kind
        self.index = index
        self.seen = seen

    def __getitem__(self, key: str) -> Any:
        return self.index[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)

    def get(self, key: str, default: Any = None) -> Any:
        """Look up key, remembering it for the page being rendered."""
        value = self.index.get(key, default)
        self.seen()[(self.kind, key)] = value
        return value


class CachingRenderer(Renderer):
    """A Renderer that returns last build's page when the page's inputs are unchanged."""

    def __init__(
        self, site: Site, env: jinja2.Environment, strings: Strings, memo: BuildMemo
    ) -> None:
        super().__init__(site, env, strings)
        self.memo = memo
        self._seen: dict[tuple[str, str], Any] = {}
        self.indexes: dict[str, Mapping[str, Any]] = {"story": self.by_story, "entity": self.by_id}
        self.by_story = _Recorder("story", self.by_story, lambda: self._seen)  # type: ignore[assignment]
        self.by_id = _Recorder("entity", self.by_id, lambda: self._seen)

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Reuse the previous rendering when template, context and looked-up values match."""
        key = urls.output_path(path)
        old = self.memo.pages.get(key)
        if old is not None and self._unchanged(old, template, lang, path, context):
            self.memo.next_pages[key] = old
            self.memo.stats.reused += 1
            return old.file
        self._seen = {}
        file = super().page(template, lang, path, **dict(context))
        self.memo.next_pages[key] = _Page(template, lang, path, context, self._seen, file)
        self._seen = {}
        self.memo.stats.rendered += 1
        return file

    def _unchanged(
        self, old: _Page, template: str, lang: str, path: str, context: dict[str, Any]
    ) -> bool:
        if (old.template, old.lang, old.path) != (template, lang, path):
            return False
        if not same(old.context, context):
            return False
        return all(
            same(self.indexes[kind].get(name), value) for (kind, name), value in old.lookups.items()
        )


class BuildMemo:
    """What one build can hand to the next; a new instance means a full build."""

    def __init__(self) -> None:
        self.articles: dict[str, tuple[str, Parsed]] = {}
        self.bodies: dict[str, _Body] = {}
        self.names: dict[str, tuple[str, ...]] | None = None
        self.base_path: str | None = None
        self.matcher: Matcher | None = None
        self.env: tuple[Path, jinja2.Environment] | None = None
        self.pages: dict[str, _Page] = {}
        self.next_pages: dict[str, _Page] = {}
        self.globals: tuple[Any, ...] | None = None
        self.stats = RenderStats()
        self.rendering = False

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
            self.env = (templates_dir, make_environment(templates_dir))
        return self.env[1]

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
