"""Page memo for rebuilds: a renderer that reuses a page when the inputs it showed are unchanged.

Each rendered page records its template, context (or the `inputs` of a derived page) and the
values it looked up; the next build reuses the page when all of them are the same (pure).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any

import jinja2

from . import urls
from .assemble import ArticleView, Site
from .entities import Entity
from .feeds import Feed, FeedEntry, entry_of
from .jinjaenv import Strings
from .model import OutputFile, SiteConfig
from .render import Renderer

if TYPE_CHECKING:
    from .incremental import BuildMemo

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


def list_item(view: ArticleView | None, lang: str) -> Any:
    """What pages show of an article they only list: the fields list.html,
    entity*.html and status.html read. A page that looks a story up depends on this, not on
    the whole article, so a body edit below the excerpt does not re-render every list."""
    if view is None:
        return None
    a, g = view.article, view.gloss
    if lang == "ar":
        return (a.title, a.date, a.source, view.excerpt)
    return (a.title, a.date, a.source, (g.title, g.count("done"), len(g.paragraphs)) if g else None)


def titled(view: ArticleView | None) -> Any:
    """What entity pages and the status page show of a story they list: titles and date."""
    if view is None:
        return None
    return (view.article.title, view.article.date, view.gloss.title if view.gloss else None)


SHOWN: dict[str, Callable[[ArticleView | None], Any]] = {
    "entity.html": titled,
    "entity_en.html": titled,
    "status.html": titled,
}


@dataclass(frozen=True)
class MemoPage:
    """One rendered page and everything it was rendered from."""

    template: str
    lang: str
    path: str
    context: dict[str, Any]
    inputs: tuple[Any, ...] | None  # set for derived pages, whose context is not kept
    lookups: dict[tuple[str, str], tuple[Any, Any]]  # (kind, key) -> (value, what is shown)
    file: OutputFile


@dataclass
class RenderStats:
    """How much of the last render was reused."""

    rendered: int = 0
    reused: int = 0


@dataclass
class ItemMemo:
    """Per-view derived values, kept while the view object is the same one."""

    items: dict[tuple[str, int], tuple[ArticleView, Any]] = field(default_factory=dict)
    used: dict[tuple[str, int], tuple[ArticleView, Any]] = field(default_factory=dict)

    def list_item(self, view: ArticleView | None, lang: str) -> Any:
        """list_item(view, lang), computed once per view object."""
        if view is None:
            return None
        key = (lang, id(view))
        found = self.used.get(key) or self.items.get(key)
        if found is None or found[0] is not view:
            found = (view, list_item(view, lang))
        self.used[key] = found
        return found[1]

    def finish(self) -> None:
        """Keep what the last build used (so memory follows the site, not its history)."""
        self.items, self.used = self.used, {}


class _Recorder(Mapping[str, Any]):
    """A read-only index that notes which keys the page being rendered looked up."""

    def __init__(
        self,
        kind: str,
        index: Mapping[str, Any],
        seen: Callable[[], dict[Any, Any]],
        project: Callable[[Any], Any],
    ):
        self.kind = kind
        self.index = index
        self.seen = seen
        self.project = project  # what of the value a page can show

    def __getitem__(self, key: str) -> Any:
        return self.index[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)

    def get(self, key: str, default: Any = None) -> Any:
        """Look up key, remembering (the shown part of) it for the page being rendered."""
        value = self.index.get(key, default)
        # The value itself too: next build, the same object needs no projection to compare.
        self.seen()[(self.kind, key)] = (value, self.project(value))
        return value


class Superseded(Exception):
    """A newer edit arrived while rendering: the build stops, the next one starts now."""


class CachingRenderer(Renderer):
    """A Renderer that returns last build's page when the page's inputs are unchanged."""

    def __init__(
        self, site: Site, env: jinja2.Environment, strings: Strings, memo: BuildMemo
    ) -> None:
        super().__init__(site, env, strings)
        self.memo = memo
        self._seen: dict[tuple[str, str], Any] = {}
        self.indexes: dict[str, Mapping[str, Any]] = {"story": self.by_story, "entity": self.by_id}
        self.template, self.lang = "", ""  # of the page being rendered
        self.by_story = _Recorder("story", self.by_story, lambda: self._seen, self._shown_now)
        self.by_id = _Recorder("entity", self.by_id, lambda: self._seen, lambda e: e)

    def _shown_now(self, view: ArticleView | None) -> Any:
        return self._shown(self.template, self.lang, view)

    def _shown(self, template: str, lang: str, view: ArticleView | None) -> Any:
        """What a page made from `template` in `lang` shows of a story it looks up."""
        project = SHOWN.get(template)
        return project(view) if project else self.memo.items.list_item(view, lang)

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Reuse the previous rendering when template, context and looked-up values match."""
        old = self._previous(template, lang, path)
        if old is not None and old.inputs is None and same(old.context, context):
            return self._reuse(old)
        return self._render(template, lang, path, dict(context), context, None)

    def derived_page(
        self,
        inputs: Callable[[], tuple[Any, ...]],
        template: str,
        lang: str,
        path: str,
        context: Callable[[], dict[str, Any]],
    ) -> OutputFile:
        """Reuse the previous rendering without computing the context when its inputs match."""
        old, now = self._previous(template, lang, path), inputs()
        if old is not None and old.inputs is not None and same(old.inputs, now):
            return self._reuse(old)
        return self._render(template, lang, path, context(), {}, now)

    def feeds(self) -> list[OutputFile]:
        """The feeds, from memoised entries and XML."""
        return self.memo.feed_files.site_feeds(self.site, self.memo.feed_entry, self.memo.feed_xml)

    def _previous(self, template: str, lang: str, path: str) -> MemoPage | None:
        if self.memo.stop is not None and self.memo.stop():
            raise Superseded  # a newer edit is waiting: this build's output would be stale
        old = self.memo.pages.get(urls.output_path(path))
        if old is None or (old.template, old.lang, old.path) != (template, lang, path):
            return None
        by_story, by_id = self.indexes["story"], self.indexes["entity"]
        for (kind, name), (raw, shown) in old.lookups.items():
            now = by_story.get(name) if kind == "story" else by_id.get(name)
            if now is raw:
                continue
            if not same(self._shown(template, lang, now) if kind == "story" else now, shown):
                return None
        return old

    def _reuse(self, old: MemoPage) -> OutputFile:
        self.memo.next_pages[old.file.path] = old
        self.memo.stats.reused += 1
        return old.file

    def _render(
        self,
        template: str,
        lang: str,
        path: str,
        values: dict[str, Any],
        kept: dict[str, Any],
        inputs: tuple[Any, ...] | None,
    ) -> OutputFile:
        self._seen, self.template, self.lang = {}, template, lang
        file = super().page(template, lang, path, **values)
        page = MemoPage(template, lang, path, kept, inputs, self._seen, file)
        self.memo.next_pages[file.path] = page
        self._seen = {}
        self.memo.stats.rendered += 1
        return file


@dataclass
class FeedMemo:
    """Feed entries per view object and feed XML per feed value, kept between builds."""

    entries: dict[tuple[str, int], tuple[ArticleView, SiteConfig, FeedEntry]] = field(
        default_factory=dict
    )
    xml: dict[str, tuple[Feed, bytes]] = field(default_factory=dict)

    used: dict[tuple[str, int], tuple[ArticleView, SiteConfig, FeedEntry]] = field(
        default_factory=dict
    )

    def entry(self, lang: str, config: SiteConfig, view: ArticleView) -> FeedEntry:
        """entry_of, reused while the view object and the config are the same."""
        key = (lang, id(view))
        found = self.used.get(key) or self.entries.get(key)
        if found is None or found[0] is not view or found[1] != config:
            found = (view, config, entry_of(lang, config, view))
        self.used[key] = found
        return found[2]

    def finish(self) -> None:
        """Keep the entries of the last build only."""
        self.entries, self.used = self.used, {}

    def atom(self, feed: Feed, make: Callable[[Feed], bytes]) -> bytes:
        """make(feed), reused while the feed value is equal."""
        found = self.xml.get(feed.self_url)
        if found is None or found[0] != feed:
            found = (feed, make(feed))
            self.xml[feed.self_url] = found
        return found[1]
