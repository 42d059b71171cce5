"""Atom feeds: one per language and one per entity, from feed entries to XML bytes (pure)."""

from __future__ import annotations

import heapq
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from . import urls
from .assemble import ArticleView, Site
from .model import OutputFile, PartialDate, SiteConfig

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
MAX_ENTRIES = 50
EPOCH = "1970-01-01T00:00:00Z"  # `updated` of an empty feed: fixed, so builds stay identical
DIRECTIONS = {"ar": "rtl", "en": "ltr"}


@dataclass(frozen=True)
class FeedLink:
    """A feed advertised in a page's head."""

    title: str
    href: str
    lang: str


@dataclass(frozen=True)
class FeedEntry:
    """One article page in a feed; html is the body as shown on that page."""

    title: str
    url: str  # absolute
    lang: str  # language of the page
    text_lang: str  # language of title, summary and html (Arabic while a gloss is pending)
    published: PartialDate
    summary: str
    html: str
    author: str | None = None


@dataclass(frozen=True)
class Feed:
    """A whole feed: where it lives, what it is called, its entries newest first."""

    lang: str
    title: str
    subtitle: str
    self_url: str  # absolute URL of the feed itself
    page_url: str  # absolute URL of the HTML page it mirrors
    base_url: str  # the site's base URL, against which root-relative links in html resolve
    author: str
    entries: tuple[FeedEntry, ...]


def timestamp(date: PartialDate) -> str:
    """An RFC 3339 timestamp for a partial date: the first moment of its known period."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    if text is not None:
        child.text = text
    return child


def _entry(parent: ET.Element, entry: FeedEntry) -> None:
    node = _add(parent, "entry", **{XML_LANG: entry.text_lang})
    _add(node, "title", entry.title)
    _add(node, "link", rel="alternate", type="text/html", href=entry.url, hreflang=entry.lang)
    _add(node, "id", entry.url)
    _add(node, "published", timestamp(entry.published))
    _add(node, "updated", timestamp(entry.published))
    if entry.author:
        _add(_add(node, "author"), "name", entry.author)
    _add(node, "summary", entry.summary)
    if not entry.html:
        return  # a summary-only entry (entity feeds): the link leads to the text
    # Direction travels inside the content, as readers render it as HTML: Arabic stays RTL.
    direction = DIRECTIONS.get(entry.text_lang, "ltr")
    body = f'<div dir="{direction}" lang="{entry.text_lang}">{entry.html}</div>'
    _add(node, "content", body, type="html")


def atom_xml(feed: Feed) -> bytes:
    """The feed as an Atom 1.0 document (UTF-8, deterministic)."""
    entries = sorted(feed.entries, key=lambda e: (e.published.sort_key(), e.url), reverse=True)[
        :MAX_ENTRIES
    ]
    # Plain tag names under an explicit xmlns keep the output free of generated prefixes.
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: feed.lang, XML_BASE: feed.base_url})
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    _add(root, "id", feed.self_url)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.page_url, hreflang=feed.lang)
    _add(root, "updated", timestamp(entries[0].published) if entries else EPOCH)
    _add(_add(root, "author"), "name", feed.author)
    _add(root, "generator", "newsarchive")
    for entry in entries:
        _entry(root, entry)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def newest(config: SiteConfig, lang: str, views: Iterable[ArticleView]) -> list[ArticleView]:
    """The articles a feed shows (atom_xml's order and cut), chosen before making entries."""

    # Making an entry joins the article's whole HTML: for every article, that was most of
    # the time of the feeds of a large archive.
    def order(view: ArticleView) -> tuple[tuple[int, int, int], str]:
        url = urls.absolute(config, urls.article(lang, view.article.story))
        return (view.article.date.sort_key(), url)

    return heapq.nlargest(MAX_ENTRIES, views, key=order)


def arabic_entry(config: SiteConfig, view: ArticleView) -> FeedEntry:
    """An Arabic article page as a feed entry."""
    a = view.article
    return FeedEntry(
        title=a.title,
        url=urls.absolute(config, urls.article("ar", a.story)),
        lang="ar",
        text_lang="ar",
        published=a.date,
        summary=view.excerpt,
        html="".join(b.html for b in view.blocks),
        author=a.source.name if a.source else None,
    )


def english_entry(config: SiteConfig, view: ArticleView) -> FeedEntry:
    """An English gloss page as a feed entry; in Arabic until something is translated."""
    gloss = view.gloss
    done = [p for p in gloss.paragraphs if p.state == "done"] if gloss else []
    base = arabic_entry(config, view)
    url = urls.absolute(config, urls.article("en", view.article.story))
    if gloss is None or (not gloss.title and not done):
        return replace(base, url=url, lang="en")
    summary = " ".join(" ".join(p.text for p in done).split()[:40])
    return replace(
        base,
        url=url,
        lang="en",
        text_lang="en",
        title=gloss.title or base.title,
        summary=summary or gloss.title or base.title,
        html="".join(p.html for p in done),
    )


def entry_of(lang: str, config: SiteConfig, view: ArticleView) -> FeedEntry:
    """The feed entry of an article's page in one language."""
    return arabic_entry(config, view) if lang == "ar" else english_entry(config, view)


EntryOf = Callable[[str, SiteConfig, ArticleView], FeedEntry]


def language_feed(
    site: Site, lang: str, entry: EntryOf = entry_of, xml: Callable[[Feed], bytes] = atom_xml
) -> OutputFile:
    """The feed of every article page of one language (the dev server passes memoised makers)."""
    config = site.config
    feed = Feed(
        lang=lang,
        title=config.title_ar if lang == "ar" else config.title_en,
        subtitle=config.description_ar if lang == "ar" else config.description_en,
        self_url=urls.absolute(config, urls.feed(lang)),
        page_url=urls.absolute(config, urls.home(lang)),
        base_url=config.base_url,
        author=config.title_ar if lang == "ar" else config.title_en,
        entries=tuple(entry(lang, config, view) for view in newest(config, lang, site.articles)),
    )
    return OutputFile(urls.feed(lang), xml(feed))


def entity_feeds(
    site: Site, entry: EntryOf = entry_of, xml: Callable[[Feed], bytes] = atom_xml
) -> list[OutputFile]:
    """One Arabic feed per entity page: the articles that mention it."""
    config = site.config
    by_story = site.article_by_story()
    files = []
    for view in site.entities:
        entity = view.entity
        mentioning = [by_story[b.story] for b in view.backlinks]
        feed = Feed(
            lang="ar",
            title=f"{entity.name_ar} · {config.title_ar}",
            subtitle=entity.description_ar or "",
            self_url=urls.absolute(config, urls.entity_feed("ar", entity.id)),
            page_url=urls.absolute(config, urls.entity("ar", entity.id)),
            base_url=config.base_url,
            author=config.title_ar,
            # Summaries only: the full texts are in the language feed, and 300 entities
            # times 50 whole articles made these feeds a third of a large site's bytes.
            entries=tuple(
                replace(entry("ar", config, v), html="") for v in newest(config, "ar", mentioning)
            ),
        )
        files.append(OutputFile(urls.entity_feed("ar", entity.id), xml(feed)))
    return files


def site_feeds(
    site: Site, entry: EntryOf = entry_of, xml: Callable[[Feed], bytes] = atom_xml
) -> list[OutputFile]:
    """The Arabic and English feeds, and one feed per entity."""
    languages = [language_feed(site, lang, entry, xml) for lang in urls.LANGS]
    return languages + entity_feeds(site, entry, xml)
