"""The Atom document of a feed: its entries, newest first, as UTF-8 XML bytes (pure).
Which articles go into a feed is feeds.py's, what each entry says feedentries.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.model import PartialDate
from ..core.moments import DEFAULT_TIME_ZONE, period_start, rfc3339
from .sitemap import xml_attribute, xml_text

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
EPOCH = "1970-01-01T00:00:00Z"  # `updated` of an empty feed: fixed, so builds stay identical
DIRECTIONS = {"ar": "rtl", "en": "ltr"}


@dataclass(frozen=True)
class Enclosure:
    """A recording an entry's page plays, which a podcast app downloads and plays: its
    absolute address, media type and size in bytes."""

    href: str
    type: str
    length: int


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
    authors: tuple[str, ...] = ()  # the byline's names, else the outlet's
    updated: PartialDate | None = None  # when it was last brought up to date (None: published)
    # Its Atom id, which must never change: the address the article was first published at
    # (a move is no new entry), under the base the ids were first made from. None: its url.
    atom_id: str | None = None
    listed: PartialDate | None = None  # the day the feed places it by (None: published)
    enclosures: tuple[Enclosure, ...] = ()  # its recordings, in the order its page plays them


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
    feed_id: str | None = None  # its Atom id (None: self_url), which must never change
    rights: str = ""  # the site's rights statement in the feed's language ("" when none)
    time_zone: str = DEFAULT_TIME_ZONE  # the zone of its entries' times (site.toml's)


def timestamp(date: PartialDate, zone: str = DEFAULT_TIME_ZONE) -> str:
    """An RFC 3339 timestamp for a partial date: its time with the offset of the site's
    time zone (`zone`) when it has one, else the first moment of its known period on that
    zone's clock (a day alone: its midnight there, before the day's timed articles)."""
    return rfc3339(date, zone) or period_start(date, zone)


def _element(tag: str, text: str = "", **attrs: str) -> str:
    """One element on its own line, as ElementTree writes it: `<tag a="…">text</tag>`, or
    `<tag a="…" />` when it has no text. Lines are not indented: a feed is read by programs,
    and indenting 1,600 entity feeds was a tenth of their bytes (docs/benchmarks.md)."""
    pairs = "".join(f' {name}="{xml_attribute(value)}"' for name, value in attrs.items())
    if not text:
        return f"<{tag}{pairs} />"
    return f"<{tag}{pairs}>{xml_text(text)}</{tag}>"


def _entry(entry: FeedEntry, zone: str) -> list[str]:
    published = timestamp(entry.published, zone)
    updated = published if entry.updated is None else timestamp(entry.updated, zone)
    lines = [
        f'<entry xml:lang="{xml_attribute(entry.text_lang)}">',
        _element("title", entry.title),
        _element("link", rel="alternate", type="text/html", href=entry.url, hreflang=entry.lang),
        *(
            _element("link", rel="enclosure", type=e.type, length=str(e.length), href=e.href)
            for e in entry.enclosures
        ),
        _element("id", entry.atom_id or entry.url),
        _element("published", published),
        _element("updated", updated),
    ]
    for author in entry.authors:
        lines += ["<author>", _element("name", author), "</author>"]
    lines.append(_element("summary", entry.summary))
    if entry.html:  # none: a summary-only entry (entity feeds), whose link leads to the text
        # Direction travels inside the content, as readers render it as HTML: Arabic stays RTL.
        direction = DIRECTIONS.get(entry.text_lang, "ltr")
        html = isolated_for_readers(entry.html)
        body = f'<div dir="{direction}" lang="{entry.text_lang}">{html}</div>'
        lines.append(_element("content", body, type="html"))
    return [*lines, "</entry>"]


_BDI = re.compile(r"<bdi( [^>]*)?>")


def isolated_for_readers(html: str) -> str:
    """HTML whose isolated runs (`<bdi>`: "U.S." in an Arabic line, an Arabic name in an
    English one) are spans with a `dir`, which isolates them as bdi does (HTML's rendering
    rules: `[dir] { unicode-bidi: isolate }`). Feed readers clean an entry's HTML against a
    list of elements, and feedparser's, which many use, has no bdi: it kept the text and
    dropped the isolation, and "U.S." lost its full stop to the Arabic's other end."""
    if "<bdi" not in html:
        return html

    def span(match: re.Match[str]) -> str:
        attributes = match.group(1) or ""
        said = ' dir="' in attributes  # a bdi without dir takes its text's direction
        return f"<span{attributes}>" if said else f'<span dir="auto"{attributes}>'

    return _BDI.sub(span, html).replace("</bdi>", "</span>")


@lru_cache(maxsize=1 << 12)
def _summary_entry(entry: FeedEntry, zone: str) -> str:
    """A summary-only entry's lines, made once: an article is in the feed of every entity it
    names (four on average), and its entry is the same in each."""
    return "\n".join(_entry(entry, zone))


def atom_xml(feed: Feed) -> bytes:
    """The feed as an Atom 1.0 document (UTF-8, deterministic).

    Written as text, byte for byte as ElementTree writes it with a line an element (tested):
    building and serialising the trees of 600 entity feeds was a sixth of the time of the
    list pages.
    """
    entries = sorted(feed.entries, key=_newest_first, reverse=True)[:MAX_ENTRIES]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{xml_attribute(feed.lang)}"'
        f' xml:base="{xml_attribute(feed.base_url)}">',
        _element("title", feed.title),
    ]
    if feed.subtitle:
        lines.append(_element("subtitle", feed.subtitle))
    lines += [
        _element("id", feed.feed_id or feed.self_url),
        _element("link", rel="self", type="application/atom+xml", href=feed.self_url),
        _element("link", rel="alternate", type="text/html", href=feed.page_url, hreflang=feed.lang),
        _element("updated", _newest_update(entries, feed.time_zone) if entries else EPOCH),
        "<author>",
        _element("name", feed.author),
        "</author>",
        _element("generator", "newsarchive"),
    ]
    if feed.rights:  # what a subscriber, or an archive of the feed, may reuse
        lines.append(_element("rights", feed.rights))
    for entry in entries:
        zone = feed.time_zone
        lines += [_summary_entry(entry, zone)] if not entry.html else _entry(entry, zone)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _newest_update(entries: list[FeedEntry], zone: str) -> str:
    """When the feed last changed: its newest entry's day (and time), or a later
    correction's."""
    return timestamp(max(map(_updated, entries), key=PartialDate.moment_key), zone)


def _updated(entry: FeedEntry) -> PartialDate:
    return entry.published if entry.updated is None else entry.updated


def _newest_first(
    entry: FeedEntry,
) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int], str]:
    """An entry's place (reversed): by the day (and time) the feed lists it by, then
    published, then by URL; a correction updates an entry where it is, never moving it up."""
    listed = entry.published if entry.listed is None else entry.listed
    return (listed.moment_key(), entry.published.moment_key(), entry.url)
