"""Crawler files: sitemap.xml, an index of gzip-compressed sitemaps with language
alternates; robots.txt; .nojekyll (pure)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core import urls
from ..core.model import OutputFile, PartialDate, SiteConfig

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NOT_PAGES = ("404.html",)  # served for missing paths; never a page to index
# The sitemap protocol's limits for one file (sitemaps.org): a larger archive's sitemap is an
# index of several files. 20,000 articles make about 55,000 pages.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SitemapPage:
    """One page: its site path and its versions by language (itself included)."""

    path: str
    versions: tuple[tuple[str, str], ...]  # (lang, path), sorted by lang
    # When it last changed, for the pages that say (a corrected article's): no other page
    # carries a date, which at 55,000 pages would weigh more than it tells.
    lastmod: PartialDate | None = None


def page_path(output_path: str) -> str | None:
    """The site path served by an output file, or None when it is not an HTML page."""
    if output_path in NOT_PAGES or not output_path.endswith(".html"):
        return None
    if output_path == "index.html":
        return ""
    return output_path.removesuffix("index.html")


def language_of(path: str) -> str | None:
    """The language folder a site path lives in (None for the root page)."""
    first = path.split("/", 1)[0]
    return first if first in urls.LANGS else None


def sitemap_pages(
    output_paths: Iterable[str], lastmod: Mapping[str, PartialDate] | None = None
) -> list[SitemapPage]:
    """Every HTML page, each with the same path in the other language when that exists,
    and its last change where `lastmod` (by site path) has it."""
    # The editors' status pages are noindex: a sitemap must not offer them to crawlers.
    found = {p for p in map(page_path, output_paths) if p is not None}
    paths = sorted(p for p in found if not p.startswith(urls.status()))
    existing = set(paths)
    pages = []
    for path in paths:
        lang = language_of(path)
        versions: list[tuple[str, str]] = []
        if lang is not None:
            rest = path[len(lang) :]
            versions = [(other, other + rest) for other in urls.LANGS if other + rest in existing]
        pages.append(SitemapPage(path, tuple(versions), (lastmod or {}).get(path)))
    return pages


def sitemap_xml(config: SiteConfig, pages: Sequence[SitemapPage]) -> bytes:
    """sitemap.xml: one <url> per page with xhtml:link alternates for each language version.

    Written as text (as ElementTree would indent it): building and serialising an element
    tree for 50,000 pages took most of a second.
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">',
    ]
    for page in pages:
        lines += ["  <url>", f"    <loc>{xml_text(urls.absolute(config, page.path))}</loc>"]
        if page.lastmod is not None:
            lines.append(f"    <lastmod>{page.lastmod.iso()}</lastmod>")
        # A lone version needs no alternates; otherwise every version lists all, itself included.
        if len(page.versions) > 1:
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{xml_attribute(lang)}"'
                f' href="{xml_attribute(urls.absolute(config, path))}" />'
                for lang, path in page.versions
            ]
        lines.append("  </url>")
    if not pages:
        lines[-1] = lines[-1].removesuffix(">") + " />"
    else:
        lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def xml_text(value: str) -> str:
    """Element text escaped as ElementTree escapes it (xml.sax.saxutils.escape: & > <).

    Not that function itself: its module imports urllib.request, and with it http.client and
    email, a tenth of the start of an edit's build.
    """
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attribute(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    escaped = xml_text(value).replace('"', "&quot;").replace("\n", "&#10;")
    return escaped.replace("\t", "&#09;").replace("\r", "&#13;")


def robots_txt(config: SiteConfig) -> bytes:
    """robots.txt allowing everything and naming the sitemap by its absolute URL."""
    return (
        f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(config, urls.sitemap())}\n"
    ).encode()


def sitemap_files(config: SiteConfig, pages: Sequence[SitemapPage]) -> list[OutputFile]:
    """sitemap.xml, a sitemap index naming sitemap-1.xml.gz, sitemap-2.xml.gz, …: the pages
    in order, as few parts as the protocol's limits for one file allow (MAX_URLS, MAX_BYTES
    uncompressed). The protocol lets a sitemap be gzip-compressed: compressed, the parts take
    a twentieth of their bytes on the host, and crawlers read them as they are."""
    parts = _sitemap_parts(config, pages)
    files = [
        OutputFile(urls.sitemap_part(n), gzip.compress(part, 9, mtime=0))  # no clock: same bytes
        for n, part in enumerate(parts, start=1)
    ]
    return [OutputFile(urls.sitemap(), sitemap_index_xml(config, [f.path for f in files])), *files]


def _sitemap_parts(config: SiteConfig, pages: Sequence[SitemapPage]) -> list[bytes]:
    """The pages' sitemaps: one, or as few as the limits allow (a part too large is halved)."""
    if len(pages) > MAX_URLS:
        return _sitemap_parts(config, pages[:MAX_URLS]) + _sitemap_parts(config, pages[MAX_URLS:])
    xml = sitemap_xml(config, pages)
    if len(xml) <= MAX_BYTES or len(pages) < 2:
        return [xml]
    half = len(pages) // 2
    return _sitemap_parts(config, pages[:half]) + _sitemap_parts(config, pages[half:])


def sitemap_index_xml(config: SiteConfig, paths: Sequence[str]) -> bytes:
    """A sitemap index naming the sitemap files at these paths."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sitemapindex xmlns="{SITEMAP}">']
    for path in paths:
        loc = xml_text(urls.absolute(config, path))
        lines += ["  <sitemap>", f"    <loc>{loc}</loc>", "  </sitemap>"]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def crawler_files(
    config: SiteConfig, paths: Iterable[str], lastmod: Mapping[str, PartialDate] | None = None
) -> list[OutputFile]:
    """sitemap.xml (and its parts), robots.txt and .nojekyll for the rendered files (their
    output paths; `lastmod`: the last change of the pages that have one, by site path)."""
    return [
        *sitemap_files(config, sitemap_pages(paths, lastmod)),
        OutputFile("robots.txt", robots_txt(config)),
        # Pages would otherwise run Jekyll on a branch deploy and hide folders starting with _.
        OutputFile(".nojekyll", b""),
    ]
