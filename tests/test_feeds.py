"""Atom feeds: one per language and per entity, parsed by feedparser without errors."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import quote

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.assembly.site import assemble_views
from newsarchive.assembly.views import article_view, english_names
from newsarchive.build.engine import build
from newsarchive.content.articles import parse_article
from newsarchive.content.markdown import render_body
from newsarchive.core.model import PartialDate, SiteConfig
from newsarchive.entities.matcher import build_matcher, find_mentions
from newsarchive.entities.registry import parse_registry
from newsarchive.pages.atom import (
    ATOM,
    EPOCH,
    MAX_ENTRIES,
    Enclosure,
    Feed,
    FeedEntry,
    atom_xml,
    timestamp,
)
from newsarchive.pages.environment import PACKAGE_TEMPLATES
from newsarchive.pages.feeds import ENTITY_FEED_ENTRIES, entity_feeds

from .conftest import (
    ARCHIVE_BASE,
    DEMO_ARTICLE,
    IGNORE_COMPILED,
    REPO,
    build_archive,
    differ_from_full,
)
from .sites import PACKAGE_STRINGS
from .webtools import sitemap_urls

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq/"


@pytest.mark.parametrize(
    ("date", "zone", "stamp"),
    [
        (PartialDate(2020, 11, 17), "UTC", "2020-11-17T00:00:00Z"),
        (PartialDate(2020, 11), "UTC", "2020-11-01T00:00:00Z"),
        (PartialDate(2020), "UTC", "2020-01-01T00:00:00Z"),
        # On the site's clock: midnight in Baghdad, not 03:00 there (midnight UTC).
        (PartialDate(2026, 12, 7), "Asia/Baghdad", "2026-12-07T00:00:00+03:00"),
        (PartialDate(2026, 12), "Asia/Baghdad", "2026-12-01T00:00:00+03:00"),
        (PartialDate(2026, 7, 1), "America/New_York", "2026-07-01T00:00:00-04:00"),
        # Beirut's clocks skip from midnight to 01:00 that day: the instant its day began.
        (PartialDate(2026, 3, 29), "Asia/Beirut", "2026-03-29T00:00:00+02:00"),
        (PartialDate(2026, 12, 7, "14:30"), "UTC", "2026-12-07T14:30:00Z"),
    ],
)
def test_partial_dates_become_the_start_of_their_period(
    date: PartialDate, zone: str, stamp: str
) -> None:
    assert timestamp(date, zone) == stamp


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


def _element_tree_atom(feed: Feed) -> bytes:
    """The feed as ElementTree wrote it (what atom_xml wrote before it built text)."""
    xml = "{http://www.w3.org/XML/1998/namespace}"

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        child = ET.SubElement(parent, tag, attrs)
        child.text = text
        return child

    entries = sorted(feed.entries, key=lambda e: (e.published.sort_key(), e.url), reverse=True)
    root = ET.Element("feed", {"xmlns": ATOM, xml + "lang": feed.lang, xml + "base": feed.base_url})
    add(root, "title", feed.title)
    if feed.subtitle:
        add(root, "subtitle", feed.subtitle)
    add(root, "id", feed.self_url)
    add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    add(root, "link", rel="alternate", type="text/html", href=feed.page_url, hreflang=feed.lang)
    add(root, "updated", timestamp(entries[0].published) if entries else EPOCH)
    add(add(root, "author"), "name", feed.author)
    add(root, "generator", "newsarchive")
    if feed.rights:
        add(root, "rights", feed.rights)
    for entry in entries[:MAX_ENTRIES]:
        node = add(root, "entry", **{xml + "lang": entry.text_lang})
        add(node, "title", entry.title)
        add(node, "link", rel="alternate", type="text/html", href=entry.url, hreflang=entry.lang)
        for e in entry.enclosures:
            add(node, "link", rel="enclosure", type=e.type, length=str(e.length), href=e.href)
        add(node, "id", entry.url)
        add(node, "published", timestamp(entry.published))
        add(node, "updated", timestamp(entry.published))
        for author in entry.authors:
            add(add(node, "author"), "name", author)
        add(node, "summary", entry.summary)
        if entry.html:
            direction = "rtl" if entry.text_lang == "ar" else "ltr"
            body = f'<div dir="{direction}" lang="{entry.text_lang}">{entry.html}</div>'
            add(node, "content", body, type="html")
    ET.indent(root, space="")
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
    return (text + "\n").encode("utf-8")


ODD = "a&b <c> \"d\" 'e'\n\tf\r سوريا"


@pytest.mark.parametrize("subtitle", ["", ODD])
@pytest.mark.parametrize("count", [0, 1, 3, MAX_ENTRIES + 2])
def test_feed_text_is_what_element_tree_writes(subtitle: str, count: int) -> None:
    entries = [
        FeedEntry(
            ODD if i % 2 else f"عنوان {i}",
            f"{BASE}ar/{i}/?a=1&b={ODD}",
            ("ar", "en")[i % 2],
            ("ar", "en")[i % 3 % 2],
            PartialDate(2000 + i % 20, 1 + i % 12, None if i % 5 else 3),
            "" if i % 4 == 1 else ODD,
            "" if i % 3 == 0 else f"<p>{ODD}</p>\n<p>ب</p>",
            () if i % 2 else (ODD,) * (1 + i % 3),  # none, one or several writers
            # none, one or two recordings
            enclosures=tuple(
                Enclosure(f"{BASE}{ODD}{n}.mp3", "audio/mpeg", i) for n in range(i % 3)
            ),
        )
        for i in range(count)
    ]
    feed = Feed("ar", ODD, subtitle, BASE + ODD, BASE + "ar/", BASE + ODD, ODD, tuple(entries))
    assert atom_xml(feed) == _element_tree_atom(feed)
    stated = replace(feed, rights=ODD)  # the site's rights statement, as any text
    assert atom_xml(stated) == _element_tree_atom(stated)
    empty = Feed("en", "", "", "", "", "", "", ())
    assert atom_xml(empty) == _element_tree_atom(empty)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", BASE, search=False)
    return root / "site"


def test_the_sites_address_offers_a_feed_reader_both_languages_feeds(site: Path) -> None:
    """A subscriber gives a reader the site's address: its root page (the language chooser)
    names both feeds, each a feed in its language."""
    root = (site / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', root)
    assert found == [BASE + "ar/feed.xml", BASE + "en/feed.xml"]
    for href, lang in zip(found, ("ar", "en"), strict=True):
        parsed = feedparser.parse((site / href.removeprefix(BASE)).read_bytes())
        assert parsed.feed.language == lang and parsed.entries


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
    assert entry.content[0].language == "en"
    assert entry.content[0].value.startswith('<div dir="ltr" lang="en">')


def test_every_entity_page_has_a_feed_of_its_articles(site: Path) -> None:
    pages = sorted((site / "ar" / "entities").glob("*/index.html"))
    assert pages
    for page in pages:
        entity_id = page.parent.name
        html = page.read_text("utf-8")
        assert f'href="{BASE}ar/entities/{entity_id}/feed.xml"' in html
        parsed = feedparser.parse((page.parent / "feed.xml").read_bytes())
        assert not parsed.bozo, entity_id
        mentioned = f'href="/repo/ar/{STORY}"' in html
        assert [e.link for e in parsed.entries] == ([BASE + "ar/" + STORY] if mentioned else [])


def test_an_entity_feed_picks_its_newest_by_url_among_articles_of_one_date() -> None:
    """The site lists one day's articles by story, a feed by URL: where an entity is named by
    more articles of one day than its feed shows, the feed shows the last ones by URL
    (an Arabic slug's URL is percent-encoded: it sorts before a Latin one, its story after)."""
    registry, _ = parse_registry("- id: iraq\n  type: place\n  ar: العراق\n", "entities.yaml")
    find = partial(find_mentions, build_matcher(registry))
    slugs = [f"news-{n:02d}" for n in range(30)] + [f"خبر-{n:02d}" for n in range(30)]
    bodies = []
    for slug in slugs:
        text = '---\ntitle: "خبر"\ndate: "2020-11-17"\n---\n\nزيارة إلى العراق.\n'
        article, problems = parse_article(text, f"ar/2020/11/{slug}.md")
        assert article is not None and not problems
        bodies.append((article, render_body(article.body, find)))
    config = SiteConfig("أرشيف", "Archive", BASE)
    english = english_names(registry)
    views = [article_view(article, blocks, {}, english) for article, blocks in bodies]
    arabic, _ = entity_feeds(assemble_views(config, registry, views), PACKAGE_STRINGS)
    assert arabic.path == "ar/entities/iraq/feed.xml"
    shown = [e.link for e in feedparser.parse(arabic.content).entries]
    urls = sorted((BASE + quote(f"ar/2020/11/{slug}/") for slug in slugs), reverse=True)
    assert shown == urls[:ENTITY_FEED_ENTRIES]  # the newest of the day's 60, by URL
    assert all("news-" in url for url in shown)


def _english_author(site: Path) -> str:
    parsed = feedparser.parse((site / "en" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return str(entry.author)


def test_the_english_feed_names_the_outlet_as_the_english_pages_do(
    project: Path, tmp_path: Path
) -> None:
    """An English subscriber reads the outlet's English name from the registry, as the English
    page's "Source:" line gives it (it was the Arabic name); an edit of that name reaches the
    feed as a full build makes it, and without one the feed gives the Arabic name."""
    build_archive(project)
    assert _english_author(project / "site") == "Shafaq News"
    page = (project / "site/en" / STORY / "index.html").read_text(encoding="utf-8")
    assert '<span class="source">Shafaq News</span>' in page
    registry = project / "content/entities.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("en: Shafaq News\n", "en: Shafaq News Agency\n"), "utf-8")
    assert build_archive(project).written is not None  # patched, not built in full
    assert _english_author(project / "site") == "Shafaq News Agency"
    assert differ_from_full(project, tmp_path) == []
    registry.write_text(text.replace("  en: Shafaq News\n", ""), "utf-8")
    build_archive(project)
    assert _english_author(project / "site") == "شفق نيوز"
    assert differ_from_full(project, tmp_path / "unknown") == []


def test_an_outdated_english_title_is_noted_in_the_feed_in_the_words_of_the_ui_strings(
    project: Path,
) -> None:
    """The note after an English title whose Arabic headline changed is the UI strings'
    (title_outdated), in the feed as in the lists: a project that words it otherwise gets its
    own words in both (the feed kept a copy of the tool's wording)."""
    shutil.copytree(PACKAGE_TEMPLATES, project / "templates", ignore=IGNORE_COMPILED)
    strings = project / "templates/strings.toml"
    text = strings.read_text(encoding="utf-8")
    assert text.count('title_outdated = "(outdated title)"') == 1
    note = "(the Arabic headline has changed)"
    strings.write_text(text.replace("(outdated title)", note), encoding="utf-8")
    arabic = project / "content" / DEMO_ARTICLE
    headline = arabic.read_text(encoding="utf-8")
    arabic.write_text(headline.replace('title: "', 'title: "عاجل: ', 1), encoding="utf-8")
    build_archive(project)
    title = "International coalition: US forces' move from Syria towards Iraq is routine"
    parsed = feedparser.parse((project / "site/en/feed.xml").read_bytes())
    assert [e.title for e in parsed.entries] == [f"{title} {note}"]
    home = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert f'<span class="note">{note}</span>' in home


def test_an_english_entry_without_an_english_title_says_the_title_is_pending(
    project: Path,
) -> None:
    """A translated paragraph but no English title yet: the English feed's entry says "English
    title pending" before the Arabic headline, as the English lists do (it gave the bare
    Arabic headline as the English entry's title)."""
    gloss = project / "content/en" / (STORY.rstrip("/") + ".md")
    text = gloss.read_text(encoding="utf-8")
    start = text.index("title: ")
    gloss.write_text(text[:start] + 'title: ""' + text[text.index("\n", start) :], "utf-8")
    build_archive(project)
    parsed = feedparser.parse((project / "site/en/feed.xml").read_bytes())
    (entry,) = parsed.entries
    assert entry.link == ARCHIVE_BASE + "en/" + STORY and entry.content[0].language == "en"
    headline = "التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق تحرك اعتيادي ولا انسحاب"
    assert entry.title == f"English title pending \u2067{headline}\u2069"  # set apart
    home = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert '<span class="note pending-title">English title pending</span>' in home


def test_an_english_summary_cut_short_says_so(project: Path) -> None:
    """The English entry's summary is the first 40 words of its translation, and ends with
    "…" where it was cut, as the pages' descriptions do (it stopped mid-sentence)."""
    build_archive(project)
    (entry,) = feedparser.parse((project / "site/en/feed.xml").read_bytes()).entries
    words = entry.summary.split()
    assert len(words) == 41 and words[-1] == "…"
    assert entry.summary.startswith("The international coalition said on Tuesday")


HEADLINE = "التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق تحرك اعتيادي ولا انسحاب"
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def _english_entry(root: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((root / "site/en/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return entry


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def _empty_block(gloss: Path, block: str) -> None:
    """Delete the English under a block, as a translator taking it back would."""
    lines = gloss.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"<!-- gloss {block} ")) + 1
    while lines[at].startswith("<!--"):
        at += 1
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("<!-- gloss "))
    lines[at:end] = [""]
    gloss.write_text("\n".join(lines), encoding="utf-8")


def test_an_english_subscriber_gets_a_short_english_entry_for_an_untranslated_article(
    project: Path,
) -> None:
    """Nothing translated: the English feed's entry is in English (it carried the whole
    Arabic text as an entry xml:lang="ar", half the English feed of a real archive): the
    pending English title with the Arabic headline set apart, and one line saying it is not
    translated yet, linking the Arabic original, which is the page the entry links."""
    (project / "content/en" / (STORY.rstrip("/") + ".md")).unlink()
    build_archive(project)
    entry = _english_entry(project)
    original = ARCHIVE_BASE + "ar/" + STORY
    assert entry.title == f"English title pending \u2067{HEADLINE}\u2069"
    assert entry.link == original and entry.links[0].hreflang == "ar"
    assert entry.summary == "Not yet translated into English."
    content = entry.content[0]
    assert content.language == "en"
    assert "Not yet translated into English." in content.value
    assert f'<a href="{original}" hreflang="ar">Read the Arabic original</a>' in content.value
    assert not ARABIC_LETTER.search(content.value)  # no Arabic text an English reader cannot read


def test_a_partly_translated_entry_marks_each_gap_and_says_how_much_is_translated(
    project: Path,
) -> None:
    """The demo translates p1, p2 and p5 of 13: its entry says "3 / 13 paragraphs
    translated" and puts a marker where p3–4 and p6–13 are missing (General Copsey's words
    followed p2 as if nothing were left out)."""
    build_archive(project)
    content = _english_entry(project).content[0].value
    progress = "3\u00a0/\u00a013\u00a0paragraphs translated"
    assert content.index(progress) < content.index("The international coalition said")
    order = [
        "The international coalition said",
        "International press sources reported",
        "[paragraphs 3–4 not yet translated]",
        "General Copsey said",
        "[paragraphs 6–13 not yet translated]",
    ]
    assert [content.index(part) for part in order] == sorted(content.index(p) for p in order)
    assert f'href="{ARCHIVE_BASE}ar/{STORY}#p3" hreflang="ar">Arabic paragraphs 3–4</a>' in content


def test_an_entry_with_no_english_title_and_only_outdated_english_says_what_the_page_says(
    project: Path,
) -> None:
    """The English title emptied, p2 and p5 taken back and the Arabic of p1 edited: both
    English feeds titled the entry with the bare Arabic headline, the English feed carried
    the Arabic text, and the translated feed said "0 / 13 paragraphs translated" of an
    article it lists as translated. Now they say what the page and the lists say."""
    gloss = project / "content/en" / (STORY.rstrip("/") + ".md")
    text = gloss.read_text(encoding="utf-8")
    _edit(gloss, text[text.index("title: ") : text.index("\n", text.index("title: "))], 'title: ""')
    _empty_block(gloss, "p2")
    _empty_block(gloss, "p5")
    _edit(project / "content" / DEMO_ARTICLE, "يوم الثلاثاء", "يوم الأربعاء")
    build_archive(project)
    title = f"English title pending \u2067{HEADLINE}\u2069"
    progress = (
        "0\u00a0/\u00a013\u00a0paragraphs translated · "
        "1\u00a0outdated since\u00a0the\u00a0Arabic\u00a0was\u00a0edited"
    )
    entry = _english_entry(project)
    assert entry.title == title and entry.summary == progress
    content = entry.content[0]
    assert content.language == "en" and not ARABIC_LETTER.search(content.value)
    outdated = "[outdated: the Arabic paragraph changed after this translation]"
    assert content.value.index(outdated) < content.value.index("The international coalition")
    translated = feedparser.parse((project / "site/en/translated/feed.xml").read_bytes())
    (listed,) = translated.entries
    assert listed.title == title and listed.summary == progress
    page = (project / "site/en" / STORY / "index.html").read_text(encoding="utf-8")
    assert progress in page  # the page's own progress line, word for word
    # The page is noindex: no crawler is offered it (test_english_pages.py edits it warm).
    assert '<meta name="robots" content="noindex">' in page
    assert ARCHIVE_BASE + "en/" + STORY not in sitemap_urls(project / "site")
    arabic = (project / "site/ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en" href=' not in arabic


def test_an_english_entity_page_has_an_english_feed_that_follows_an_edit(
    project: Path, tmp_path: Path
) -> None:
    """The English entity page offered only the Arabic feed: an English subscriber following
    Kevin Copsey now gets English entries (the English title, how much is translated,
    the English page's link), and an edit of the English title reaches it in a patched
    build as in a full one."""
    build_archive(project)
    feed = project / "site/en/entities/kevin-copsey/feed.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "en" and parsed.feed.title == "Kevin Copsey · News Archive"
    (entry,) = parsed.entries
    assert entry.link == ARCHIVE_BASE + "en/" + STORY
    assert entry.title.startswith("International coalition: US forces")
    assert entry.summary == "3\u00a0/\u00a013\u00a0paragraphs translated"
    gloss = project / "content/en" / (STORY.rstrip("/") + ".md")
    _edit(gloss, "International coalition: US forces", "Coalition: US forces")
    assert build_archive(project).written is not None  # patched in place
    (entry,) = feedparser.parse(feed.read_bytes()).entries
    assert entry.title.startswith("Coalition: US forces")
    assert differ_from_full(project, tmp_path) == []


def test_latin_set_apart_in_arabic_stays_set_apart_through_a_readers_html_cleaning() -> None:
    """feedparser, as many readers, keeps only the elements of its list: a <bdi> kept its
    text and lost its isolation. The entry's runs are spans with a dir, which it keeps."""
    html = '<p>قوات <bdi lang="en">U.S.</bdi> نحو <bdi dir="ltr">+1,000</bdi> جندي</p>'
    escaped = html.replace("&", "&amp;").replace("<", "&lt;")
    written = f'<feed xmlns="{ATOM}"><entry><content type="html">{escaped}</content></entry></feed>'
    assert "bdi" not in feedparser.parse(written).entries[0].content[0].value  # dropped
    entry = FeedEntry("t", BASE + "ar/a/", "ar", "ar", PartialDate(2020), "s", html)
    shown = _feed(entry).entries[0].content[0].value
    assert (
        '<p>قوات <span dir="auto" lang="en">U.S.</span> نحو <span dir="ltr">+1,000</span> جندي</p>'
    ) in shown
