"""The archive's rights statement (site.toml) and its about pages: what a library or a web
archive reads before it mirrors the site, in the feeds, the pages' JSON-LD and the footer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.cli import main

from .webtools import sitemap_urls

STATEMENT = """\
rights_ar = "حقوق المقالات لناشريها الأصليين. الترجمات متاحة بموجب رخصة CC BY 4.0."
rights_en = "Articles © their original publishers. The translations are licensed CC BY 4.0."
license_url = "https://creativecommons.org/licenses/by/4.0/"
publisher_ar = "مؤسسة الأرشيف"
publisher_en = "The Archive Foundation"
source_url = "https://github.com/example/news-archive"
"""
ARTICLE = "2020/11/coalition-us-forces-syria-iraq"
BASE = "https://example.org/archive/"


def _settings(project: Path, statement: str) -> None:
    """The project's site.toml with this statement in place of the demo's."""
    settings = project / "content" / "site.toml"
    kept = settings.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in kept if not line.startswith("rights_")]
    settings.write_text("".join(kept) + statement, encoding="utf-8")


def _build(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    capsys.readouterr()
    argv = ["build", "--root", str(project), "--no-search", "--base-url", BASE]
    assert main(argv) == 0
    said = capsys.readouterr()
    return project / "site", said.out + said.err


def _jsonld(page: Path) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text())
    assert found is not None, page
    data: dict[str, object] = json.loads(found[1])
    return data


def test_a_stated_archive_says_its_rights_in_feeds_records_and_about_pages(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(project, STATEMENT)
    site, said = _build(project, capsys)
    assert "note:" not in said and "rights" not in said
    ar_rights = "حقوق المقالات لناشريها الأصليين. الترجمات متاحة بموجب رخصة CC BY 4.0."
    en_rights = "Articles © their original publishers. The translations are licensed CC BY 4.0."
    for feed, rights in (
        ("ar/feed.xml", ar_rights),
        ("en/feed.xml", en_rights),
        ("ar/entities/syria/feed.xml", ar_rights),
        ("en/translated/feed.xml", en_rights),
    ):
        assert feedparser.parse((site / feed).read_bytes()).feed.rights == rights, feed
    license_url = "https://creativecommons.org/licenses/by/4.0/"
    for lang in ("ar", "en"):
        assert _jsonld(site / lang / ARTICLE / "index.html")["license"] == license_url
        about = site / lang / "about" / "index.html"
        html = about.read_text(encoding="utf-8")
        record = _jsonld(about)
        assert record["@type"] == "AboutPage"
        website = record["about"]
        assert isinstance(website, dict)
        assert website["copyrightNotice"] == (ar_rights if lang == "ar" else en_rights)
        assert website["license"] == license_url
        assert website["publisher"]["name"] in html  # who publishes it, said on the page
        assert (ar_rights if lang == "ar" else en_rights) in html.replace("&#39;", "'")
        assert f'<a href="{license_url}" rel="license noreferrer">' in html
        # how to mirror it, the search index with it: the source to build it from
        assert "git clone https://github.com/example/news-archive archive" in html
        assert "pagefind/" in html
    listed = sitemap_urls(site)
    assert f"{BASE}ar/about/" in listed and f"{BASE}en/about/" in listed


def test_a_licence_without_the_statement_it_belongs_to_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(project, '\nlicense_url = "https://creativecommons.org/licenses/by/4.0/"\n')
    line = (project / "content/site.toml").read_text(encoding="utf-8").count("\n")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"content/site.toml:{line}: error: 'license_url' needs the rights statement" in err


def test_every_page_links_the_about_page_of_its_language(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, _ = _build(project, capsys)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="(ar|en)"', html)
        assert lang is not None, page
        footer = html[html.index("<footer>") :]
        assert f'<a href="/archive/{lang[1]}/about/">' in footer, page


def test_an_archive_without_a_statement_is_built_with_one_note_saying_what_it_costs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(project, "")
    site, said = _build(project, capsys)
    notes = [line for line in said.splitlines() if ": note: " in line]
    assert len(notes) == 1 and notes[0].startswith("content/site.toml:1: note: no rights")
    assert "mirrors, libraries and web archives cannot tell what they may copy" in notes[0]
    assert ", 0 warning(s), 1 note(s) -> " in said
    assert "<rights>" not in (site / "ar" / "feed.xml").read_text(encoding="utf-8")
    assert "license" not in _jsonld(site / "ar" / ARTICLE / "index.html")
    about = (site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert "has not yet said what may be copied or reused" in about
    # an edit keeps the note, as it keeps the other warnings of the files it did not read
    article = project / "content" / "ar" / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", encoding="utf-8")
    _, said = _build(project, capsys)
    assert ", 1 note(s) -> " in said and "content/site.toml:1: note: no rights" in said
