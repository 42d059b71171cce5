"""The first screen of an article on short screens, in Chromium: a phone turned sideways
(740 by 360, 844 by 390 px) and small phones upright show the text's first line, whatever
the headline's length, in Arabic and in English (site.css, "Short screens")."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .test_low_vision import large_text
from .webtools import serve_folder

pytestmark = pytest.mark.browser
__all__ = ["large_text"]  # a fixture, used by name

DEMO = "2020/11/coalition-us-forces-syria-iraq/"
LONG = "2021/03/long-headline/"
# Eighteen words, 114 characters: four words more than an imported article's provisional
# title (importer.TITLE_MAX_WORDS), half as long again as the demo's.
LONG_AR = (
    "مجلس النواب العراقي يصوت بالأغلبية على قانون الموازنة الاتحادية لعام 2021"
    " بعد خلافات طويلة مع حكومة إقليم كوردستان"
)
LONG_EN = (
    "Iraq's parliament passes the 2021 federal budget by a majority after a long dispute"
    " with the Kurdistan Region's government"
)
SIDEWAYS = [{"width": 740, "height": 360}, {"width": 844, "height": 390}]
UPRIGHT = {"width": 360, "height": 640}
SMALLEST = {"width": 320, "height": 568}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo project and the demo article again under a long headline, built and served."""
    root = tmp_path_factory.mktemp("short")
    shutil.copytree(REPO / "content", root / "content")
    demo = "content/{}/" + DEMO.rstrip("/") + ".md"
    arabic = (root / demo.format("ar")).read_text(encoding="utf-8")
    english = (root / demo.format("en")).read_text(encoding="utf-8")
    arabic = re.sub(r'title: ".*"', f'title: "{LONG_AR}"', arabic, count=1)
    write(root, "content/ar/" + LONG.rstrip("/") + ".md", arabic.replace('"2020-11"', '"2021-03"'))
    english = re.sub(r'title: ".*"', f'title: "{LONG_EN}"', english, count=1)
    english = re.sub(r"title_of: .*\n", "", english, count=1)
    write(root, "content/en/" + LONG.rstrip("/") + ".md", english)
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(root / "site", "/repo/") as base:
        yield base


# Where the text's first line ends (the bottom of its first line box), the headline's size
# against the text's, and how far the page scrolls sideways.
FIRST_SCREEN = """() => {
  const first = document.querySelector('.article .body > p[id], .article .body > [id] p');
  const range = document.createRange(); range.selectNodeContents(first);
  const size = (element) => parseFloat(getComputedStyle(element).fontSize);
  return {
    first_line_bottom: Math.round([...range.getClientRects()].find((box) => box.width).bottom),
    headline_to_text: size(document.querySelector('h1')) / size(first),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def _first_screen(browser: Any, url: str, viewport: dict[str, int]) -> dict[str, Any]:
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    found: dict[str, Any] = page.evaluate(FIRST_SCREEN)
    context.close()
    return found


SCREENS = [
    *[(article, screen) for article in (DEMO, LONG) for screen in [*SIDEWAYS, UPRIGHT]],
    (DEMO, SMALLEST),
]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(
    ("article", "viewport"),
    SCREENS,
    ids=[f"{a.split('/')[2]}-{v['width']}x{v['height']}" for a, v in SCREENS],
)
def test_the_text_s_first_line_is_on_the_first_screen(
    site: str, browser: Any, article: str, viewport: dict[str, int], lang: str
) -> None:
    """A reader who opens a shared link on a phone turned sideways saw the headline, the meta
    lines, the side by side button and "in this article", and no text: its first line ended
    497 px down at 740 by 360 (the demo, Arabic), 605 px under a long headline; upright, the
    English demo's 645 px at 360 by 640. The headline stays larger than the text."""
    found = _first_screen(browser, f"{site}{lang}/{article}", viewport)
    assert found["first_line_bottom"] <= viewport["height"], found
    assert found["headline_to_text"] >= 1.1, found
    assert found["overflow"] == 0, found


def test_with_large_text_the_short_screen_s_headline_grows_with_it(
    site: str, large_text: Any
) -> None:
    """The headline's size follows the screen's height only down to a size in rem: a reader
    who doubled the text size in the browser's settings gets a headline twice as large, still
    larger than the text, and the page reflows without a sideways scroll."""
    page = large_text.new_page()
    try:
        page.set_viewport_size(SIDEWAYS[0])
        page.goto(f"{site}ar/{LONG}", wait_until="networkidle")
        found = page.evaluate(FIRST_SCREEN)
        headline = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
        )
    finally:
        page.close()
    assert headline >= 1.3 * 36 - 0.1, (headline, found)  # 1.3rem of a 36 px root (32 px × 112.5%)
    assert found["headline_to_text"] >= 1.1 and found["overflow"] <= 0, found
