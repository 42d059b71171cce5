"""Corrections: an article's dated notes (front matter `corrections`), shown under its text on
both pages, its last update on the meta line, in its JSON-LD, its feed entries and its
sitemap entry; never a paragraph of the text. And a feed entry's id is the article's first
address, so that a `move` is no new entry for subscribers."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.cli import main
from newsarchive.core.model import PartialDate
from newsarchive.pages.atom import Feed, FeedEntry, atom_xml

from .conftest import DEMO_ARTICLE, snapshot

STORY = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")  # 2020/11/coalition-…
AR_PAGE = f"ar/{STORY}/index.html"
EN_PAGE = f"en/{STORY}/index.html"
BASE = "https://example.github.io/repo/"
NOTE = "صُحّح اسم كيفن كوبسي (Kevin Copsey)، وكان قد ورد خطأً."
# Under the demo article's date line (line 3): the date on line 5, the note on line 6.
CORRECTION = f'corrections:\n  - date: "2020-12-07"\n    note: "{NOTE}"\n'
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _front_matter(root: Path, lines: str) -> None:
    """`lines` added to the demo article's front matter, under its date line."""
    article = root / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    assert '\ndate: "2020-11"\n' in text
    article.write_text(text.replace('\ndate: "2020-11"\n', f'\ndate: "2020-11"\n{lines}', 1))


def _build(root: Path) -> dict[str, bytes]:
    assert main(["build", "--root", str(root), "--no-search", "--base-url", BASE]) == 0
    return snapshot(root / "site")


def _page(site: dict[str, bytes], path: str) -> str:
    return site[path].decode("utf-8")


def _body(page: str) -> str:
    """The text of an article page: its paragraphs and notes, up to the corrections or the
    entity list and citation below (in one <aside>)."""
    start = page.index('<div class="body"')
    below = ('<div class="corrections"', "<aside>")
    ends = (page.find(mark, start) for mark in below)
    return page[start : min(end for end in ends if end >= 0)]


def _description(page: str) -> str:
    found = re.search(r'<meta name="description" content="[^"]*">', page)
    assert found is not None
    return found[0]


def _lastmods(site: dict[str, bytes]) -> dict[str, str]:
    """Each sitemap URL that has a <lastmod>, with it."""
    urls = ET.fromstring(gzip.decompress(site["sitemap-1.xml.gz"])).iter(f"{SITEMAP}url")
    found = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}
    return {str(loc): day for loc, day in found.items() if day is not None}


def test_a_correction_is_a_dated_note_under_the_text_not_a_paragraph_of_it(project: Path) -> None:
    before = _build(project)
    _front_matter(project, CORRECTION)
    after = _build(project)
    ar, en = _page(after, AR_PAGE), _page(after, EN_PAGE)

    # The meta line says when it was updated, linking the note; the note is under the text,
    # labelled and dated in each language's date format, the Latin in the Arabic set apart.
    assert (
        ' · حُدّث في&nbsp;<a href="#corrections"><time datetime="2020-12-07">'
        "7 كانون الأول/ديسمبر 2020</time></a>" in ar
    )
    note_ar = 'صُحّح اسم كيفن كوبسي (<bdi lang="en">Kevin Copsey</bdi>)، وكان قد ورد خطأً.'
    block = (
        '<div class="corrections" id="corrections" role="note">\n<p><strong>تصحيح،\xa0'
        '<time datetime="2020-12-07">7 كانون الأول/ديسمبر 2020</time>:</strong> '
        f"{note_ar}</p>\n</div>\n"
    )
    assert _body(ar) + block + '<aside><details class="entity-sidebar' in ar  # under the text
    assert (
        ' · Updated&nbsp;<a href="#corrections"><time datetime="2020-12-07">7 December 2020' in en
    )
    assert (
        '<p><strong>Correction,\xa0<time datetime="2020-12-07">7 December 2020</time>, to the '
        f'Arabic original:</strong> <bdi lang="ar">{note_ar}</bdi></p>' in en
    )
    for page in (ar, en):
        assert '"datePublished":"2020-11","dateModified":"2020-12-07"' in page

    # The text, its paragraph anchors and description are as they were; so is every page
    # that quotes or lists it (its excerpt, the entities' first mentions: the note names
    # Kevin Copsey, who is counted no more often). What changed says when.
    for path in (AR_PAGE, EN_PAGE):
        assert _body(_page(after, path)) == _body(_page(before, path))
        assert _description(_page(after, path)) == _description(_page(before, path))
    changed = {path for path in after if after[path] != before.get(path)}
    assert {AR_PAGE, EN_PAGE, "ar/feed.xml", "en/feed.xml", "sitemap-1.xml.gz"} <= changed
    others = changed - {AR_PAGE, EN_PAGE, "sitemap-1.xml.gz"}
    assert others and all(path.endswith("feed.xml") for path in others), sorted(others)

    # Only its two pages carry a date in the sitemap.
    assert _lastmods(after) == {
        BASE + AR_PAGE[:-10]: "2020-12-07",
        BASE + EN_PAGE[:-10]: "2020-12-07",
    }
    assert _lastmods(before) == {}

    # The feeds: updated that day, published as before, the note under the text.
    for feed, lang in (("ar/feed.xml", "ar"), ("en/feed.xml", "en")):
        parsed = feedparser.parse(after[feed])
        assert not parsed.bozo
        entry = parsed.entries[0]
        assert entry.link == BASE + f"{lang}/{STORY}/"
        assert (entry.published, entry.updated) == ("2020-11-01T00:00:00Z", "2020-12-07T00:00:00Z")
        assert parsed.feed.updated == "2020-12-07T00:00:00Z"
        assert (
            "Kevin Copsey" in entry.content[0].value
            and 'id="corrections"' in entry.content[0].value
        )
    entity = feedparser.parse(after["ar/entities/kevin-copsey/feed.xml"]).entries[0]
    assert entity.updated == "2020-12-07T00:00:00Z" and "corrections" not in entity.summary
    # The translated feed lists it by the day its English came out (after the correction).
    translated = feedparser.parse(after["en/translated/feed.xml"]).entries[0]
    assert (
        translated.updated == feedparser.parse(before["en/translated/feed.xml"]).entries[0].updated
    )


def test_the_newest_correction_is_the_update_and_notes_read_oldest_first(project: Path) -> None:
    _front_matter(
        project,
        'corrections:\n  - date: "2021-01-03"\n    note: "صُحّح التاريخ."\n'
        '  - date: "2020-12-07"\n    note: "صُحّح الاسم."\n',
    )
    ar = _page(_build(project), AR_PAGE)
    assert ar.index("صُحّح الاسم.") < ar.index("صُحّح التاريخ.")
    assert '"dateModified":"2021-01-03"' in ar
    assert '<a href="#corrections"><time datetime="2021-01-03">' in ar


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (
            CORRECTION.replace("2020-12-07", "2020-10-30"),
            5,
            "correction date 2020-10-30 is before the article's date 2020-11",
        ),
        (
            CORRECTION.replace("2020-12-07", "2020-12"),
            5,
            "a correction's date is the day it was made (YYYY-MM-DD), not 2020-12",
        ),
        (CORRECTION.replace("2020-12-07", "7/12/2020"), 5, "date '7/12/2020' is not YYYY-MM-DD"),
        (CORRECTION.replace("2020-12-07", "2999-12-07"), 5, "date 2999-12-07 is in the future"),
        (CORRECTION.replace(f'"{NOTE}"', "[صُحّح, الاسم]"), 6, "'note' must be text"),
        (CORRECTION.replace(f'    note: "{NOTE}"\n', ""), 5, "this correction needs a 'note'"),
        (f'corrections: "{NOTE}"\n', 4, "'corrections' is a list of dated notes"),
        (
            'updated: "2020-12-07"\n',
            4,
            "unknown front-matter key 'updated' (its update is the "
            "day of its newest correction: add one to 'corrections')",
        ),
    ],
)
def test_a_mistaken_correction_is_an_error_at_its_line_and_the_site_stays(
    project: Path, capsys: pytest.CaptureFixture[str], lines: str, line: int, message: str
) -> None:
    site = _build(project)
    _front_matter(project, lines)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search", "--base-url", BASE]) == 1
    assert f"content/{DEMO_ARTICLE}:{line}: error: {message}" in capsys.readouterr().err
    assert snapshot(project / "site") == site


def _ids(site: dict[str, bytes]) -> dict[str, list[tuple[str, str]]]:
    """Each feed's entries: (id, link)."""
    return {
        path: [(e.id, e.link) for e in feedparser.parse(data).entries]
        for path, data in site.items()
        if path.endswith("feed.xml")
    }


def test_a_moved_article_keeps_its_feed_entry_ids(project: Path) -> None:
    """The id of each entry, in every feed, is the address the article was first published
    at: a subscriber's reader does not show a moved story as a new one."""
    before = _ids(_build(project))
    first = {(BASE + f"{lang}/{STORY}/") for lang in ("ar", "en")}
    assert {i for entries in before.values() for i, link in entries} == first
    args = ["--root", str(project)]
    assert main(["move", STORY, "--date", "2020-12-01", *args]) == 0
    moved = "2020/12/coalition-us-forces-syria-iraq"
    assert main(["move", moved, "--slug", "us-forces-routine-move", *args]) == 0
    after = _ids(_build(project))
    assert after.keys() == before.keys()
    for feed, entries in after.items():
        assert [i for i, _ in entries] == [i for i, _ in before[feed]], feed
        assert all("2020/12/us-forces-routine-move/" in link for _, link in entries), feed


def test_a_correction_updates_an_entry_where_it_is_in_the_feed() -> None:
    """An old article corrected today stays in its place among the others (a feed lists by
    publication), its <updated> and the feed's saying when."""

    def entry(slug: str, published: PartialDate, updated: PartialDate | None) -> FeedEntry:
        url = f"{BASE}ar/{slug}/"
        return FeedEntry(slug, url, "ar", "ar", published, "s", "<p>x</p>", updated=updated)

    old = entry("old", PartialDate(2020, 1, 5), PartialDate(2021, 3, 1))
    new = entry("new", PartialDate(2020, 6), None)
    feed = Feed("ar", "t", "", BASE + "ar/feed.xml", BASE + "ar/", BASE, "a", (old, new))
    parsed = feedparser.parse(atom_xml(feed))
    assert [e.title for e in parsed.entries] == ["new", "old"]
    assert [e.updated for e in parsed.entries] == ["2020-06-01T00:00:00Z", "2021-03-01T00:00:00Z"]
    assert parsed.feed.updated == "2021-03-01T00:00:00Z"


def _updates(site: dict[str, bytes]) -> dict[str, list[str]]:
    """Every feed's <updated> values, its own and its entries', and the sitemap's lastmods."""
    found = {
        path: re.findall(r"<updated>([^<]+)</updated>", data.decode("utf-8"))
        for path, data in site.items()
        if path.endswith("feed.xml")
    }
    for path, data in site.items():
        if path.endswith(".xml.gz"):
            found[path] = re.findall(r"<lastmod>([^<]+)<", gzip.decompress(data).decode())
    return found


def test_a_note_edited_again_announces_nothing_and_a_new_correction_does(
    project: Path,
) -> None:
    """A typo fixed in a correction's note is no new correction: the pages and feeds show
    the note as it is now, but no feed's <updated> nor the sitemap's lastmod moves, so a
    subscriber's reader does not show the article again. A second correction does move them."""
    _front_matter(project, CORRECTION.replace("كوبسي (Kevin", "كوبسى (Kevin"))
    corrected = _build(project)
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8").replace("كوبسى (Kevin", "كوبسي (Kevin")
    article.write_text(text, encoding="utf-8")
    edited = _build(project)
    for shown in (_page(edited, AR_PAGE), edited["ar/feed.xml"].decode("utf-8")):
        assert "كيفن كوبسي" in shown
        assert "كوبسى" not in shown
    assert _updates(edited) == _updates(corrected)
    assert "2020-12-07T00:00:00Z" in _updates(edited)["ar/feed.xml"]
    second = '  - date: "2020-12-09"\n    note: "أُضيف مصدر."\n'
    article.write_text(text.replace(f'    note: "{NOTE}"\n', f'    note: "{NOTE}"\n{second}'))
    again = _updates(_build(project))
    assert again["ar/feed.xml"][0] == again["en/feed.xml"][0] == "2020-12-09T00:00:00Z"
    assert any("2020-12-09" in dates for path, dates in again.items() if path.endswith(".gz"))
