"""The reading page on tablets and on phones turned sideways, in Chromium: a header of one
row, "in this article" as wide as the text above it, mentions that show they are links
where there is no hover (test_design.py: phones and desktops; docs/architecture.md,
"Tablets")."""

from __future__ import annotations

from typing import Any

import pytest

from .test_design import ARTICLE, open_page, site
from .test_low_vision import _contrast, _rgb

pytestmark = pytest.mark.browser
__all__ = ["open_page", "site"]  # fixtures, used by name

# A foldable's inner screen, phones turned sideways, tablets upright and an iPad on its side.
TABLETS = {
    "fold-673x841": {"width": 673, "height": 841},
    "phone-sideways-740x360": {"width": 740, "height": 360},
    "ipad-768x1024": {"width": 768, "height": 1024},
    "android-800x1280": {"width": 800, "height": 1280},
    "phone-sideways-844x390": {"width": 844, "height": 390},
    "ipad-sideways-1024x768": {"width": 1024, "height": 768},
}


# The top of every part of the header (the title, each link shown, each button shown).
HEADER_TOPS = """() => [...document.querySelectorAll(
    '.site-title, .site-header nav a, .site-header button')]
  .filter((element) => element.offsetWidth > 0)
  .map((element) => [element.textContent.trim(), element.getBoundingClientRect().top])"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("viewport", TABLETS.values(), ids=TABLETS.keys())
def test_the_header_is_one_row_on_tablets_and_phones_turned_sideways(
    site: str, open_page: Any, viewport: dict[str, int], lang: str
) -> None:
    """From 640 to 960 px the search field took a row of its own (English: up to 1,060 px):
    a header of 110 px, on a phone turned sideways a third of its 360 px before the
    headline. Now the title, the links and the buttons stand on one row of 64 px."""
    page = open_page(site + f"{lang}/{ARTICLE}", viewport)
    tops = page.evaluate(HEADER_TOPS)
    header = page.locator(".site-header").bounding_box()
    headline = page.locator("h1").bounding_box()
    assert max(top for _, top in tops) - min(top for _, top in tops) < 16, tops
    assert header["height"] <= 70, header
    assert headline["y"] <= 100, headline
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # Search is still one tap away: the button (alone where the field does not fit).
    assert page.locator(".site-header .search-box button:visible").count() == 1


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [673, 768, 844])
def test_in_this_article_is_as_wide_as_the_text_on_a_tablet(
    site: str, open_page: Any, width: int, lang: str
) -> None:
    """Between 640 and 960 px the text keeps its measure while the box of "in this article"
    above it spanned the whole page, ending 170-400 px past the text's end."""
    page = open_page(site + f"{lang}/{ARTICLE}", {"width": width, "height": 1000})
    box = page.locator(".in-article").bounding_box()
    text = page.locator(".article .body").bounding_box()
    assert box["x"] == pytest.approx(text["x"], abs=1), (box, text)
    assert box["width"] == pytest.approx(text["width"], abs=1), (box, text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_touch_screen_a_mention_shows_it_is_a_link_without_hover(
    site: str, open_page: Any, browser: Any, scheme: str
) -> None:
    """A mention's underline is faint (2:1 against the light paper, 2.7:1 the dark) and
    grows stronger on hover, which a touch screen never shows: there it is drawn at 3:1
    from the start. A mouse reader's page keeps the quiet line."""
    mention = """() => [getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.querySelector('.article .body a[href*="/entities/"]'))
        .textDecorationColor]"""
    viewport = TABLETS["ipad-768x1024"]
    mouse = open_page(site + "ar/" + ARTICLE, viewport, scheme)
    touch = browser.new_context(viewport=viewport, has_touch=True, color_scheme=scheme)
    page = touch.new_page()
    page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
    paper, line = (_rgb(color) for color in page.evaluate(mention))
    touch.close()
    _, quiet = (_rgb(color) for color in mouse.evaluate(mention))
    assert _contrast(line, paper) >= 3, (line, paper)
    assert _contrast(quiet, paper) < _contrast(line, paper), (quiet, line, paper)
