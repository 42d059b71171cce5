"""The feeds as a feed reader draws them (Chromium): Latin inside Arabic text and Arabic
inside English text keep the order they were written in, as on the pages."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import LATIN_EDGES

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
STORY = "2021/05/latin/"
TITLE = "ترامب يقول إن قوات U.S. تغادر وطائرات F-16 باقية"
BODY = "قال مسؤول إن قوات U.S. تغادر وطائرات F-16 باقية في القاعدة."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive with an untranslated article naming U.S. and F-16 in its title and text."""
    root = tmp_path_factory.mktemp("feed-bidi")
    shutil.copytree(REPO / "content", root / "content")
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


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_latin_in_the_arabic_text_of_a_feed_entry_is_drawn_as_written(
    site: Path, page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """A reader shows an entry's content as HTML: "U.S." in an Arabic paragraph drew its last
    full stop before the U, in the Arabic feed and in the English one while the article is
    untranslated (the page sets the Latin apart; the feed's copy of its text did not)."""
    content = _entry(site, lang, STORY).find(ATOM + "content")
    assert content is not None and content.text is not None
    _shown(page, content.text)
    drawn = page.evaluate(LATIN_EDGES, "article p")
    assert "U.S." in drawn["text"], drawn
    assert drawn["us"] == sorted(drawn["us"]) and drawn["f16"] == sorted(drawn["f16"]), drawn
