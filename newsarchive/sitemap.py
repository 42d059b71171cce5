"""Crawler files: sitemap.xml with language alternates, robots.txt, .nojekyll (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import urls
from .model import OutputFile, SiteConfig

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NOT_PAGES = ("404.html",)  # served for missing paths; never a page to index


@dataclass(frozen=True)
class SitemapPage:
    """One page: its site path and its versions by language (itself included)."""

    path: str
    versions: tuple[tuple[str, str], ...]  # (lang, path), sorted by lang


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


def sitemap_pages(output_paths: Iterable[str]) -> list[SitemapPage]:
    """Every HTML page, each with the same path in the other language when that exists."""
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
        pages.append(SitemapPage(path, tuple(versions)))
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


def crawler_files(config: SiteConfig, paths: Iterable[str]) -> list[OutputFile]:
    """sitemap.xml, robots.txt and .nojekyll for the rendered files (their output paths)."""
    listed = sitemap_pages(paths)
    return [
        OutputFile(urls.sitemap(), sitemap_xml(config, listed)),
        OutputFile("robots.txt", robots_txt(config)),
        # Pages would otherwise run Jekyll on a branch deploy and hide folders starting with _.
        OutputFile(".nojekyll", b""),
    ]
