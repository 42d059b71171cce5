"""The renderer: one page at a time through Jinja2, with the links, head and footer every
page kind shares (pure apart from loading templates); pagination.py splits lists into pages."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from ..assembly import metadata
from ..assembly.site import Site, YearArchive
from ..assembly.views import ArticleView, article_path
from ..content.bidi import name_html
from ..content.glossstatus import ArticleStatus, YearStatus, year_status
from ..core import urls
from ..core.model import OutputFile, PartialDate, SiteConfig
from ..entities.registry import Entity
from .charts import story_dates
from .environment import Strings
from .feeds import FeedLink, site_feeds
from .templatefaults import TemplateFault, template_fault


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


class _Looking:
    """A page's `story()` (its bound `look`): looks a story's view up and notes the story (a
    page's inputs). A method of the package, so templates call it straight (environment.py's
    code generator), not through Jinja's generic call: 120,000 lookups at 1,000 articles."""

    def __init__(self, by_story: Mapping[str, ArticleView], seen: list[str]) -> None:
        self.by_story, self.seen = by_story, seen

    def look(self, story: str) -> ArticleView | None:
        self.seen.append(story)
        return self.by_story.get(story)


class Renderer:
    """Renders one page at a time; holds the site, environment and strings of one build.

    `shown`, when given, receives the stories each rendered page looked up (by page path):
    the pages an edit of a story must render again (build/snapshot.py keeps them)."""

    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        strings: Strings,
        shown: dict[str, list[str]] | None = None,
    ) -> None:
        self.site = site
        self.env = env
        self.strings = strings
        self.shown = shown
        self.by_story = site.article_by_story()
        self.by_id = site.registry.by_id()
        self._footers: dict[str, Markup] = {}
        self._outlets: dict[tuple[str, str], Markup] = {}  # a few outlets, thousands of entries
        # A link under the base path (a dict lookup, see _Links).
        self.href: Callable[[str], str] = _Links(site.config).__getitem__

    def feed_link(self, lang: str) -> FeedLink:
        """The feed of the page's language, advertised in its head (absolute URL: a link with
        hreflang must not be relative, and feed readers take the address as it is). The other
        language's feed is advertised by that language's pages: naming both on every article
        page cost 135 bytes a page and offered an Arabic reader the English feed."""
        config = self.site.config
        title = config.title_ar if lang == "ar" else config.title_en
        return FeedLink(title, urls.absolute(config, urls.feed(lang)), lang)

    def footer(self, lang: str) -> Markup:
        """The footer of every page of one language, rendered once per build."""
        if lang not in self._footers:
            html = self._render(
                "_footer.html", dict(lang=lang, t=self.strings[lang], href=self.href, urls=urls)
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
            "og_locale": metadata.og_locale(lang),
            "description": context.pop("description", None) or _site_description(config, lang),
            "feeds": [self.feed_link(lang), *context.pop("feeds", ())],
            "jsonld": context.pop("jsonld", None),
            "cite": context.pop("cite", None),
            "share_image": context.pop("share_image", None),  # og:image, of a page with a photo
            "t_by_lang": self.strings,
            "switch_path": context.pop("switch_path", twin or urls.home(other_lang)),
            "entity": context.pop("entity", None),
            "story": self.by_story.get if self.shown is None else self._looking(path),
            "entity_of": self.by_id.get,
            "article_path": article_path,
            "outlet": self.outlet,
            "english_name": self.english_name,  # what templates copied before outlet() call
            "footer": partial(self.footer, lang),
        }
        values.update(context)
        html = self._render(template, values)
        return OutputFile(urls.output_path(path), html.encode("utf-8"))

    def _render(self, template: str, values: Mapping[str, Any]) -> str:
        """The template rendered with `values`; a TemplateFault saying where when the
        template fails (templatefaults.py)."""
        try:
            return self.env.get_template(template).render(values)
        except TemplateFault:
            raise  # a template it renders (the footer) failed, and said where
        except Exception as exc:
            fault = template_fault(exc, self.env)
            if fault is None:
                raise
            raise fault from exc

    def record(self, lang: str, path: str, **context: Any) -> OutputFile:
        """The search record of the article page at `path` (search_record.html), which the
        site does not publish: only what Pagefind reads of the page."""
        html = self._render("search_record.html", dict(lang=lang, **context))
        return OutputFile(urls.search_record(path), html.encode("utf-8"))

    def redirect(
        self, lang: str, path: str, target: str, title: str, note: str = "moved_to"
    ) -> OutputFile:
        """The page at `path`, an article's (or entity's) earlier address, that leads to its
        page at `target` (redirect.html), saying so with the UI string `note`."""
        config = self.site.config
        html = self._render(
            "redirect.html",
            dict(
                lang=lang,
                t=self.strings[lang],
                note=self.strings[lang][note],
                title=title,
                canonical=urls.absolute(config, target),
                href=self.href(target),
                script=self.href(urls.static("js/redirect.js")),
            ),
        )
        return OutputFile(urls.output_path(path), html.encode("utf-8"))

    def companion_file(self, along: str, path: str, content: Callable[[], bytes]) -> OutputFile:
        """A file (at output path `path`) made from the facts the page at site path `along`
        shows, and so made whenever that page is: the search page's entity names, with
        the entities index."""
        return OutputFile(path, content())

    @functools.cached_property
    def story_dates(self) -> dict[str, PartialDate]:
        """Each story's year and month, for timelines (from the archives, made once)."""
        return story_dates(self.site.years)

    def english_name(self, name: str | None) -> str | None:
        """The registry's English name of an outlet or place named in Arabic, if it has one."""
        return self.site.registry.english_name(name)

    def outlet(self, lang: str, name: str) -> Markup:
        """An article's outlet as a page of `lang` names it beside the article's date (lists,
        entity pages, its English page): in English the registry's English name when it has
        one, else the name as written, in a <bdi> when in the other script (name_html)."""
        key = (lang, name)
        if key not in self._outlets:
            shown = (self.english_name(name) if lang == "en" else None) or name
            self._outlets[key] = Markup(name_html(shown, lang))
        return self._outlets[key]

    def place_path(self, name: str | None, lang: str) -> str | None:
        """The entity page of a dateline's place, when the registry knows the place."""
        entity = self._named(name)
        return urls.entity(lang, entity.id) if entity is not None else None

    def _named(self, name: str | None) -> Entity | None:
        return self.site.registry.named(name) if name else None

    def _looking(self, path: str) -> Callable[[str], ArticleView | None]:
        assert self.shown is not None
        return _Looking(self.by_story, self.shown.setdefault(path, [])).look

    def wants(self, path: str) -> bool:
        """Whether the page at `path` is rendered (a selective renderer skips the rest early,
        without building their contexts: at 20,000 articles the skipped ones add up)."""
        return True

    def wants_any(self, prefix: str) -> bool:
        """Whether some page under `prefix` may be rendered (a selective renderer that knows
        its pages says no for a list none of whose pages it renders, before the list is
        made)."""
        return True

    def own_pages(self) -> Iterable[ArticleView]:
        """The articles whose own pages are rendered, the withdrawn ones too (a selective
        renderer names them instead of asking wants() for each of 40,000 pages)."""
        return self.by_story.values()

    def progress(self, year: YearArchive, rows: Callable[[], list[ArticleStatus]]) -> YearStatus:
        """The translation sums of one year (a selective renderer may know them)."""
        return year_status(year.year, rows())

    def derived_page(
        self, template: str, lang: str, path: str, context: Callable[[], dict[str, Any]]
    ) -> OutputFile:
        """A page whose context is costly to compute (a year's status rows): a selective
        renderer computes it only for a page it renders (an edit would load every view)."""
        return self.page(template, lang, path, **context())

    def feeds(self) -> list[OutputFile]:
        """The site's Atom feeds (a selective renderer makes the wanted ones only)."""
        return site_feeds(self.site, self.strings)


def _site_description(config: SiteConfig, lang: str) -> str:
    return config.description_ar if lang == "ar" else config.description_en
