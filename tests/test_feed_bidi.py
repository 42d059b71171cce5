"""The feeds as a feed reader draws them (Chromium): Latin inside Arabic text and Arabic
inside English text keep the order they were written in, as on the pages."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import CHAR_EDGES, LATIN_EDGES, WORD_EDGES

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
STORY = "2021/05/latin/"
TITLE = "ترامب يقول إن قوات U.S. تغادر وطائرات F-16 باقية"
BODY = "قال مسؤول إن قوات U.S. تغادر وطائرات F-16 باقية في القاعدة."
# Words of both, in the order they are read: drawn right to left.
READ_ARABIC = ["قوات", "U.S.", "تغادر", "F-16", "باقية"]
GLOSSED = "2020/11/coalition-us-forces-syria-iraq/"
# The demo's English title and first paragraph, naming a party in Arabic before a figure.
ENGLISH = "The party حزب الدعوة 2 seats won"
READ_ENGLISH = ["party", "الدعوة", "2 seats", "won"]  # drawn left to right
# A hashtag of Arabic and digits in the English paragraph: one unit, right to left.
TAG = "#العراق_2024"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive with an untranslated article naming U.S. and F-16 in its title and
    text, and the demo's English title and first paragraph naming a party in Arabic."""
    root = tmp_path_factory.mktemp("feed-bidi")
    shutil.copytree(REPO / "content", root / "content")
    gloss = root / "content/en" / (GLOSSED.rstrip("/") + ".md")
    english = gloss.read_text(encoding="utf-8")
    title = "International coalition: US forces' move from Syria towards Iraq is routine"
    opening = "The international coalition said on Tuesday"
    assert english.count(title) == 1 and english.count(opening) == 1
    english = english.replace(title, ENGLISH)
    english = english.replace(opening, f"{ENGLISH} under {TAG}, it said on Tuesday")
    gloss.write_text(english, encoding="utf-8")
    text = f'---\ntitle: "{TITLE}"\ndate: "2021-05-02"\n---\n\n{BODY}\n'
    write(root, f"content/ar/{STORY.rstrip('/')}.md", text)
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    return root / "site"


def _entry(site: Path, lang: str, story: str) -> ET.Element:
    """The entry of the feed of `lang` whose link leads to the story (in either language)."""
    feed = ET.parse(site / lang / "feed.xml").getroot()
    for entry in feed.iter(ATOM + "entry"):
        link = entry.find(ATOM + "link")
        if link is not None and link.get("href", "").endswith(story):
            return entry
    raise AssertionError(f"no entry for {story} in {lang}/feed.xml")


def _shown(page, markup: str) -> None:  # type: ignore[no-untyped-def]
    """The markup in a reader's page, whose own language is English."""
    page.set_content(f'<!doctype html><html lang="en"><body><article>{markup}</article></body>')


def test_latin_in_the_arabic_text_of_a_feed_entry_is_drawn_as_written(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    """A reader shows an entry's content as HTML: "U.S." in an Arabic paragraph drew its last
    full stop before the U (the page sets the Latin apart; the feed's copy of its text did
    not). The English feed carries no Arabic text of an untranslated article (test_feeds.py)."""
    content = _entry(site, "ar", STORY).find(ATOM + "content")
    assert content is not None and content.text is not None
    _shown(page, content.text)
    drawn = page.evaluate(LATIN_EDGES, "article p")
    assert "U.S." in drawn["text"], drawn
    assert drawn["us"] == sorted(drawn["us"]) and drawn["f16"] == sorted(drawn["f16"]), drawn


def _drawn(page, text: str, direction: str, words: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    """The left edges of the words of plain text (a title, a summary) as a reader whose own
    direction is `direction` draws it."""
    _shown(page, f'<p dir="{direction}"></p>')
    page.eval_on_selector("article p", "(p, text) => { p.textContent = text; }", text)
    edges: list[float] = page.evaluate(WORD_EDGES, ["article p", words])
    assert None not in edges, (text, edges)
    return edges


# The English feed's entry of an untranslated article gives its Arabic headline after
# "English title pending", and an English line for summary.
@pytest.mark.parametrize(("lang", "field"), [("ar", "title"), ("ar", "summary"), ("en", "title")])
def test_an_arabic_headline_and_summary_keep_their_order_in_a_reader_of_either_direction(
    site: Path, page, lang: str, field: str
) -> None:  # type: ignore[no-untyped-def]
    """A reader shows an entry's title and summary as text in its own direction: in a
    left-to-right one (English, or any reader of the English feed) an Arabic headline with
    U.S. and F-16 in it was drawn in pieces, Latin and Arabic in the wrong order."""
    text = _entry(site, lang, STORY).findtext(ATOM + field)
    assert text is not None
    for direction in ("ltr", "rtl"):
        edges = _drawn(page, text, direction, READ_ARABIC)
        assert edges == sorted(edges, reverse=True), (direction, edges)
        drawn = page.evaluate(LATIN_EDGES, "article p")
        assert drawn["us"] == sorted(drawn["us"]), (direction, drawn)


@pytest.mark.parametrize("field", ["title", "summary"])
def test_arabic_in_an_english_title_and_summary_keeps_the_english_order(
    site: Path, page, field: str
) -> None:  # type: ignore[no-untyped-def]
    """An English title and summary naming a party in Arabic, then a figure: the reader drew
    the figure before the name (the Arabic took it into its own order), as the page does not."""
    text = _entry(site, "en", GLOSSED).findtext(ATOM + field)
    assert text is not None and "الدعوة" in text
    edges = _drawn(page, text, "ltr", READ_ENGLISH)
    assert edges == sorted(edges), edges


def test_a_hashtag_in_an_english_summary_is_drawn_as_one_unit(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    """#العراق_2024 in an English paragraph: with its Arabic alone set apart, a reader drew it
    "#2024_العراق", the '#' and the digits on the left. As one unit, right to left (as the
    page sets it: test_hashtag_bidi.py), its '#' is drawn rightmost and 2024 after the '_',
    on its left."""
    text = _entry(site, "en", GLOSSED).findtext(ATOM + "summary")
    assert text is not None
    isolates = "[\u2066-\u2069]"
    written = re.search(f"{isolates}*#[^ ,]*2024{isolates}*", text)
    assert written is not None and re.sub(isolates, "", written.group()) == TAG
    _drawn(page, text, "ltr", [])
    edges = page.evaluate(CHAR_EDGES, ["article p", written.group()])
    assert edges is not None
    drawn = [x for x, ch in zip(edges, written.group(), strict=True) if not re.match(isolates, ch)]
    after = TAG.index("_") + 1
    assert drawn[:after] == sorted(drawn[:after], reverse=True), drawn
    assert max(drawn[after:]) < drawn[after - 1], drawn
    assert drawn[after:] == sorted(drawn[after:]), drawn
