"""Atom feeds: one per language and per entity, parsed by feedparser without errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.feeds import Feed, FeedEntry, atom_xml, timestamp
from newsarchive.model import PartialDate
from newsarchive.pipeline import build

from .conftest import REPO

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq/"


@pytest.mark.parametrize(
    ("date", "stamp"),
    [
        (PartialDate(2020, 11, 17), "2020-11-17T00:00:00Z"),
        (PartialDate(2020, 11), "2020-11-01T00:00:00Z"),
        (PartialDate(2020), "2020-01-01T00:00:00Z"),
    ],
)
def test_partial_dates_become_the_start_of_their_period(date: PartialDate, stamp: str) -> None:
    assert timestamp(date) == stamp


def _feed(*entries: FeedEntry) -> feedparser.FeedParserDict:
    feed = Feed("ar", "أرشيف", "", BASE + "ar/feed.xml", BASE + "ar/", BASE, "أرشيف", entries)
    return feedparser.parse(atom_xml(feed))


def test_markup_in_titles_is_text_and_entries_are_newest_first() -> None:
    old = FeedEntry(
        "<b>قديم</b> & </title>", BASE + "ar/a/", "ar", "ar", PartialDate(2019), "s", "<p>x</p>"
    )
    new = FeedEntry("جديد", BASE + "ar/b/", "ar", "ar", PartialDate(2020, 5, 2), "s", "<p>y</p>")
    parsed = _feed(old, new)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["جديد", "<b>قديم</b> & </title>"]
    assert parsed.feed.updated == "2020-05-02T00:00:00Z"


def test_empty_feed_is_valid_and_stable() -> None:
    parsed = _feed()
    assert not parsed.bozo and parsed.entries == []
    assert atom_xml(Feed("ar", "t", "", BASE, BASE, BASE, "a", ())) == atom_xml(
        Feed("ar", "t", "", BASE, BASE, BASE, "a", ())
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", BASE, search=False)
    return root / "site"


def test_arabic_feed_marks_language_and_direction(site: Path) -> None:
    parsed = feedparser.parse((site / "ar" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "ar"
    assert parsed.feed.links[0].href == BASE + "ar/feed.xml"
    (entry,) = parsed.entries
    assert entry.link == BASE + "ar/" + STORY
    assert entry.published == "2020-11-01T00:00:00Z"
    assert entry.author == "شفق نيوز"
    content = entry.content[0]
    assert content.language == "ar"
    assert content.value.startswith('<div dir="rtl" lang="ar">')
    assert "معبر الوليد" in content.value
    # Entity links inside the body resolve to absolute URLs under the base.
    assert 'href="https://example.github.io/repo/ar/entities/' in content.value


def test_english_feed_links_the_english_pages(site: Path) -> None:
    parsed = feedparser.parse((site / "en" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "en"
    (entry,) = parsed.entries
    assert entry.link == BASE + "en/" + STORY
    # While the gloss is pending the entry carries the Arabic text, marked as such.
    if entry.content[0].language == "ar":
        assert entry.content[0].value.startswith('<div dir="rtl" lang="ar">')


def test_every_entity_page_has_a_feed_of_its_articles(site: Path) -> None:
    pages = sorted((site / "ar" / "entities").glob("*/index.html"))
    assert pages
    for page in pages:
        entity_id = page.parent.name
        html = page.read_text("utf-8")
        assert f'href="/repo/ar/entities/{entity_id}/feed.xml"' in html
        parsed = feedparser.parse((page.parent / "feed.xml").read_bytes())
        assert not parsed.bozo, entity_id
        mentioned = f'href="/repo/ar/{STORY}"' in html
        assert [e.link for e in parsed.entries] == ([BASE + "ar/" + STORY] if mentioned else [])
