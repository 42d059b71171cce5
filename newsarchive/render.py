"""Site model -> output files through Jinja2 templates (pure apart from loading templates)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from . import metadata, urls
from .assemble import EXCERPT_WORDS, ArticleView, EntityView, Site, YearArchive, shorten
from .entities import ENTITY_TYPES, Entity
from .feeds import FeedLink, site_feeds
from .gloss import ArticleStatus, YearStatus, year_status
from .jinjaenv import Strings
from .model import OutputFile, PartialDate, SiteConfig
from .searchdoc import KEY_MARKER, search_fields

NEAR = 3  # pages linked on each side of the current one in a pagination bar
T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """A numbered link in a pagination bar, or a gap (…) where numbers are left out."""

    number: int
    href: str
    current: bool
    gap: bool = False


class _Links(dict[str, str]):
    """Site path -> its link under the base path, made on first use: pages link the same
    home, static files, lists and articles again and again (60,000 links at 1,000 articles),
    and a template calling a dict's lookup makes no Python call."""

    def __init__(self, config: SiteConfig) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, path: str) -> str:
        link = self[path] = urls.href(self.config, path)
        return link


class Renderer:
    """Renders one page at a time; holds the site, environment and strings of one build."""

    def __init__(self, site: Site, env: jinja2.Environment, strings: Strings) -> None:
        self.site = site
        self.env = env
        self.strings = strings
        self.by_story = site.article_by_story()
        self.by_id = site.registry.by_id()
        self._footers: dict[str, Markup] = {}
        # A link under the base path (a dict lookup, see _Links).
        self.href: Callable[[str], str] = _Links(site.config).__getitem__

    def feed_links(self) -> list[FeedLink]:
        """The site's feeds, advertised in the head of every page."""
        config = self.site.config
        return [
            FeedLink(config.title_ar, self.href(urls.feed("ar")), "ar"),
            FeedLink(config.title_en, self.href(urls.feed("en")), "en"),
        ]

    def footer(self, lang: str) -> Markup:
        """The footer of every page of one language, rendered once per build (the years list)."""
        if lang not in self._footers:
            html = self.env.get_template("_footer.html").render(
                lang=lang, t=self.strings[lang], years=self.site.years, href=self.href, urls=urls
            )
            self._footers[lang] = Markup(html.removesuffix("\n"))
        return self._footers[lang]

    def page(self, template: str, lang: str, path: str, **context: Any) -> OutputFile:
        """Render one template to the file that serves `path`."""
        config = self.site.config
        alternates = context.pop("alternates", None)
        if alternates is None:  # a page in both languages links its twin (hreflang)
            alternates = urls.alternates(config, path)
        other_lang = "en" if lang == "ar" else "ar"
        twin = urls.counterpart(path) if alternates else None
        values: dict[str, Any] = {
            "lang": lang,
            "t": self.strings[lang],
            "config": config,
            "path": path,
            "canonical": urls.absolute(config, path),
            "href": self.href,
            "urls": urls,
            "alternates": alternates,
            "og": metadata.open_graph(lang, [h for h, _ in alternates if h in urls.LANGS]),
            "description": context.pop("description", None) or _site_description(config, lang),
            "feeds": [*self.feed_links(), *context.pop("feeds", ())],
            "jsonld": context.pop("jsonld", None),
            "cite": context.pop("cite", None),
            "t_by_lang": self.strings,
            "switch_path": context.pop("switch_path", twin or urls.home(other_lang)),
            "entity": context.pop("entity", None),
            "story": self.by_story.get,
            "entity_of": self.by_id.get,
            "years": self.site.years,
            "footer": partial(self.footer, lang),
        }
        values.update(context)
        html = self.env.get_template(template).render(values)
        return OutputFile(urls.output_path(path), html.encode("utf-8"))

    def wants(self, path: str) -> bool:
        """Whether the page at `path` is rendered (a selective renderer skips the rest early,
        without building their contexts: at 20,000 articles the skipped ones add up)."""
        return True

    def own_pages(self) -> Iterable[ArticleView]:
        """The articles whose own pages are rendered (a selective renderer names them
        instead of asking wants() for each of 40,000 pages)."""
        return self.site.articles

    def progress(self, year: YearArchive, rows: Callable[[], list[ArticleStatus]]) -> YearStatus:
        """The translation sums of one year (a selective renderer may know them)."""
        return year_status(year.year, rows())

    def derived_page(
        self,
        inputs: Callable[[], tuple[Any, ...]],
        template: str,
        lang: str,
        path: str,
        context: Callable[[], dict[str, Any]],
    ) -> OutputFile:
        """A page whose context is costly to compute and follows from `inputs()` (and globals);
        only a renderer that compares them (the dev server's) asks for the inputs: those of a
        year's status page are every view of the year, which an edit would have to load."""
        return self.page(template, lang, path, **context())  # the dev server's skips unchanged

    def feeds(self) -> list[OutputFile]:
        """The site's Atom feeds (the dev server's renderer memoises them)."""
        return site_feeds(self.site)


def paginate(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """Split a list into pages (at least one page, possibly empty)."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]


def pages_bar(
    count: int, current: int, path_of: Callable[[int], str], href: Callable[[str], str]
) -> list[PageLink]:
    """The pagination links for page `current` of `count`: the ends and the pages near current.

    Listing every page would make each list page grow with the archive, and all of them
    together grow with its square (20,000 articles: a million links per language).
    """
    near = range(max(1, current - NEAR), min(count, current + NEAR) + 1)
    shown = sorted({1, count, *near})
    # A gap of one page shows that page: "…" would take the same room.
    shown = sorted({*shown, *(n + 1 for n, m in itertools.pairwise(shown) if m == n + 2)})
    bar: list[PageLink] = []
    for n in shown:
        if bar and n > bar[-1].number + 1:
            bar.append(PageLink(n - 1, "", False, gap=True))
        bar.append(PageLink(n, href(path_of(n)), n == current))
    return bar


def _list_pages(
    r: Renderer, lang: str, stories: Sequence[str], path_of: Callable[[int], str], heading: str
) -> Iterator[OutputFile]:
    for number, path, chunk, bar in _paged(r, stories, path_of):
        yield r.page(
            "list.html",
            lang,
            path,
            heading=heading,
            stories=chunk,
            pages=bar,
            page_number=number,
        )


def _paged(
    r: Renderer, items: Sequence[T], path_of: Callable[[int], str]
) -> Iterator[tuple[int, str, Sequence[T], list[PageLink]]]:
    """Each wanted page of a list shown `per_page` items a page (archives, entity pages): its
    number, path, items and pagination bar (empty for a list of one page)."""
    chunks = paginate(items, r.site.config.per_page)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    wanted = [(number, path) for number, path in enumerate(paths, start=1) if r.wants(path)]
    if not wanted:
        return
    for number, path in wanted:
        bar = pages_bar(len(chunks), number, path_of, r.href) if len(chunks) > 1 else []
        yield number, path, chunks[number - 1], bar


def sidebar_groups(
    view: ArticleView, by_id: Mapping[str, Entity]
) -> list[tuple[str, list[tuple[Entity, int]]]]:
    """The article's entities grouped by type, in registry type order."""
    groups = []
    for kind in ENTITY_TYPES:
        members = [
            (by_id[c.entity_id], c.count)
            for c in view.entity_counts
            if c.entity_id in by_id and by_id[c.entity_id].type == kind
        ]
        if members:
            groups.append((kind, members))
    return groups


def article_meta(
    r: Renderer, view: ArticleView, lang: str, title: str, translated: bool
) -> dict[str, Any]:
    """JSON-LD, description and citation of one article page (either language)."""
    config = r.site.config
    story = view.article.story
    url = urls.absolute(config, urls.article(lang, story))
    other = "en" if lang == "ar" else "ar"
    mentions = metadata.mentioned_entities(
        [c.entity_id for c in view.entity_counts],
        r.by_id.get,
        lambda entity_id: urls.absolute(config, urls.entity(lang, entity_id)),
    )
    translation = (other, urls.absolute(config, urls.article(other, story))) if translated else None
    data = metadata.article_jsonld(config, view.article, lang, title, url, mentions, translation)
    return {
        "jsonld": metadata.dump_jsonld(data),
        "description": view.excerpt if lang == "ar" else _english_excerpt(view),
        "cite": metadata.citation(config, view.article, url, _english_title(view)),
    }


def render_article(r: Renderer, view: ArticleView) -> OutputFile:
    """The Arabic page of one article."""
    story = view.article.story

    def context() -> dict[str, Any]:
        return dict(
            view=view,
            groups=sidebar_groups(view, r.by_id),
            switch_path=urls.article("en", story),
            **article_meta(r, view, "ar", view.article.title, translated=True),
            search=search_fields(view, r.by_id) if r.site.config.search else None,
            key_marker=KEY_MARKER,
        )

    path = urls.article("ar", story)
    return r.derived_page(partial(inputs_of, r, view), "article.html", "ar", path, context)


def inputs_of(r: Renderer, view: ArticleView) -> tuple[Any, ...]:
    """What an article's pages follow from: its view, and the registry entries of the entities
    it mentions (what its pages show of them)."""
    return (view, tuple(r.by_id.get(c.entity_id) for c in view.entity_counts))


def render_search(r: Renderer, lang: str) -> OutputFile:
    """The search page of one language (the search itself runs in the browser)."""
    other = "en" if lang == "ar" else "ar"
    return r.page(
        "search.html",
        lang,
        urls.search(lang),
        switch_path=urls.search(other),
        key_marker=KEY_MARKER,
        types=ENTITY_TYPES,
    )


def render_entity(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The Arabic pages of one entity."""
    entity_id = view.entity.id
    feed = FeedLink(
        f"{view.entity.name_ar} · {r.site.config.title_ar}",
        r.href(urls.entity_feed("ar", entity_id)),
        "ar",
    )
    return entity_pages(r, view, "ar", "entity.html", feeds=[feed])


def entity_pages(
    r: Renderer, view: EntityView, lang: str, template: str, **context: Any
) -> list[OutputFile]:
    """An entity's pages in one language: its articles, `per_page` a page, each page under
    the entity's header."""
    path_of = partial(urls.entity, lang, view.entity.id)
    per_page = r.site.config.per_page
    return [
        r.page(
            template,
            lang,
            path,
            entity_view=view,
            backlinks=chunk,
            first_number=(number - 1) * per_page + 1,
            pages=bar,
            page_number=number,
            **context,
        )
        for number, path, chunk, bar in _paged(r, view.backlinks, path_of)
    ]


def entity_page_count(mentions: int, per_page: int) -> int:
    """How many pages an entity named by `mentions` articles has in each language."""
    return max(1, -(-mentions // per_page))


def render_site(
    site: Site,
    env: jinja2.Environment,
    strings: Strings,
    make_renderer: Callable[[Site, jinja2.Environment, Strings], Renderer] = Renderer,
) -> list[OutputFile]:
    """Every page of the site (static assets are copied by the pipeline)."""
    r = make_renderer(site, env, strings)  # the dev server passes a caching one
    stories = site.stories()
    files = list(_list_pages(r, "ar", stories, lambda n: urls.home("ar", n), site.config.title_ar))
    root = r.page(
        "list.html",
        "ar",
        "",
        heading=site.config.title_ar,
        stories=stories[: site.config.per_page],
        pages=[],
        page_number=1,
    )
    files.append(root)
    for year in site.years:
        files += _list_pages(
            r,
            "ar",
            year.stories,
            partial(urls.numbered, urls.year("ar", year.year)),
            f"{strings['ar']['year_archive']} {year.year}",
        )
        for month in year.months:
            base = urls.month("ar", year.year, month.month)
            heading = f"{strings['ar']['month_archive']} {_month_name(year.year, month.month)}"
            files += _list_pages(r, "ar", month.stories, partial(urls.numbered, base), heading)
    files += [
        render_article(r, view)
        for view in r.own_pages()
        if r.wants(urls.article("ar", view.article.story))
    ]
    for entity_view in site.entities:
        files += render_entity(r, entity_view)
    files.append(
        r.page(
            "entities.html",
            "ar",
            urls.entities_index("ar"),
            entities=[r.by_id[entity_id] for entity_id in sorted(r.by_id)],
            counts=site.mention_counts(),
            types=ENTITY_TYPES,
        )
    )
    files.append(r.page("404.html", "ar", "404.html", t_en=strings["en"]))
    files += r.feeds()
    files += [render_search(r, lang) for lang in urls.LANGS]
    return files


def _english_excerpt(view: ArticleView) -> str:
    """The opening of the English gloss; empty (the site description) while it is pending."""
    done = [p.text for p in view.gloss.paragraphs if p.state == "done"] if view.gloss else []
    return shorten(" ".join(done), EXCERPT_WORDS) if done else ""


def _english_title(view: ArticleView) -> str | None:
    return view.gloss.title if view.gloss else None


def _site_description(config: SiteConfig, lang: str) -> str:
    return config.description_ar if lang == "ar" else config.description_en


def _month_name(year: int, month: int) -> str:
    return PartialDate(year, month).display("ar")
