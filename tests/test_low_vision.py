"""A reader with low vision, in Chromium: text made large in the browser's settings, the page
zoomed to 400% (320 CSS px on a 1280 px screen) with WCAG 1.4.12's text spacing, Windows'
contrast themes (forced colours) and a request for more contrast (on the demo site of
test_design.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from .test_design import ARTICLE, DESKTOP, site
from .webtools import CHROMIUM, CHROMIUM_ARGS

__all__ = ["site"]  # a fixture, used by name

pytestmark = pytest.mark.browser

SEARCHES = ["en/search/?q=forces", "ar/search/?q=" + quote("القوات")]

# The WCAG 1.4.12 bookmarklet's rules, as a reader's style sheet applies them.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }"
)

# The search form's controls as drawn: each box, and whether the filters' box cuts its button.
SEARCH_FORM = """() => {
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width};
  };
  const list = box('.filter-list'), button = box('.show-filters');
  return {
    field: box('.search-row input').width,
    em: parseFloat(getComputedStyle(document.querySelector('.search-row input')).fontSize),
    button_cut: button.left < list.left - 1 || button.right > list.right + 1,
    icon: parseFloat(getComputedStyle(document.querySelector('.search-row button'), '::before').width),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.fixture(scope="module")
def large_text(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A phone's Chromium whose reader set its text size to 32 px (twice the default), in its
    settings: the page's rem, and its media queries, follow it."""
    profile = tmp_path_factory.mktemp("large-text")
    (profile / "Default").mkdir()
    preferences = {"webkit": {"webprefs": {"default_font_size": 32}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(preferences))
    context = browser.browser_type.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context
    context.close()


@pytest.mark.parametrize("path", SEARCHES)
def test_large_text_leaves_the_search_field_and_the_filters_button_whole(
    site: str, large_text: Any, path: str
) -> None:
    """At twice the text size the search field was squeezed to two letters beside its button,
    and "Choose filters" cut to a sliver by the room kept for "Clear filters": the button now
    goes under the field, "Clear filters" under the filters, and the icon grows with the text."""
    page = large_text.new_page()
    page.goto(site + path, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    form = page.evaluate(SEARCH_FORM)
    page.close()
    assert form["em"] >= 32, "the reader's text size was not applied"
    assert form["field"] >= 6 * form["em"], form
    assert not form["button_cut"], form
    assert form["icon"] >= 0.9 * form["em"], "the magnifier kept its size at the default text"
    assert form["overflow"] <= 0


@pytest.mark.parametrize("path", SEARCHES)
def test_at_400_percent_with_wider_text_spacing_the_filters_button_is_whole(
    site: str, browser: Any, path: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 200}, device_scale_factor=4)
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    page.add_style_tag(content=TEXT_SPACING)
    page.evaluate("document.fonts.ready.then(() => true)")
    form = page.evaluate(SEARCH_FORM)
    context.close()
    assert not form["button_cut"], form
    assert form["overflow"] <= 0


def test_wider_letter_spacing_reaches_latin_in_an_arabic_page_but_never_arabic(
    site: str, browser: Any
) -> None:
    """Arabic is cursive, so its letters are never spaced; the English names beside the Arabic
    ones in "in this article" take the reader's spacing (they kept none)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
    page.add_style_tag(content=TEXT_SPACING)
    spacing = page.evaluate(
        """() => [document.querySelector('.body p'), document.querySelector('.in-article li > bdi')]
        .map((element) => getComputedStyle(element).letterSpacing)"""
    )
    context.close()
    assert spacing[0] == "normal"
    assert spacing[1] != "normal" and float(spacing[1].removesuffix("px")) > 1


def _rgb(color: str) -> tuple[int, ...]:
    return tuple(int(float(n)) for n in re.findall(r"[\d.]+", color)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_forced_colours_the_side_by_side_button_shows_that_it_is_on(
    site: str, browser: Any, scheme: str
) -> None:
    """Its pressed state was a yellow background only, which a contrast theme paints over:
    turned on and off, the button looked the same."""
    context = browser.new_context(viewport=DESKTOP, forced_colors="active", color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
    toggle = page.locator(".parallel-toggle")
    background = "(element) => getComputedStyle(element).backgroundColor"
    off = _rgb(toggle.evaluate(background))
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    on = _rgb(toggle.evaluate(background))
    paper = _rgb(page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
    context.close()
    assert on != off and on != paper, (off, on, paper)


def _luminance(rgb: tuple[int, ...]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_more_contrast_strengthens_faint_lines_and_muted_text(
    site: str, browser: Any, scheme: str
) -> None:
    """A mention's underline and the box of "in this article" stood at 1.3 to 2:1 against the
    paper; a reader who asks for more contrast gets them at 3:1 (WCAG 1.4.11) and the muted
    dates and notes as dark as the text."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.emulate_media(contrast="more")
    page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
    colors = page.evaluate(
        """() => {
          const style = (selector) => getComputedStyle(document.querySelector(selector));
          return {
            paper: getComputedStyle(document.documentElement).backgroundColor,
            ink: getComputedStyle(document.documentElement).color,
            mention: style('.article .body a[href*="/entities/"]').textDecorationColor,
            box: style('.in-article').borderInlineStartColor,
            meta: style('.meta').color,
          };
        }"""
    )
    context.close()
    paper = _rgb(colors["paper"])
    assert _contrast(_rgb(colors["mention"]), paper) >= 3, colors
    assert _contrast(_rgb(colors["box"]), paper) >= 3, colors
    assert colors["meta"] == colors["ink"], colors


# Every word of the page's main part whose letters stand on more than one line.
BROKEN_WORDS = r"""() => {
  const broken = [], range = document.createRange();
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/[A-Za-z]+/g)) {
      const tops = new Set();
      for (let i = word.index; i < word.index + word[0].length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) tops.add(Math.round(box.top));
      }
      if (tops.size > 1) broken.push(word[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("path", ["en/", "en/2020/11/", "en/translated/"])
def test_large_text_breaks_no_list_label_inside_a_word(
    site: str, large_text: Any, path: str
) -> None:
    """At twice the text size "3 / 13 paragraphs translated", held on one line by no-break
    spaces, was wider than the phone and broke as "tr" | "anslated": it now breaks before
    "translated"."""
    page = large_text.new_page()
    page.goto(site + path, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    broken = page.evaluate(BROKEN_WORDS)
    page.close()
    assert "translated" not in broken, broken


# The focused element's focus ring (its box grown by the outline's width and offset) beyond
# each edge of the window, in px (0 where it is inside).
RING_OUTSIDE = r"""() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element), box = element.getBoundingClientRect();
  const ring = style.outlineStyle === 'none' ? 0 :
    parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  return [element.outerHTML.slice(0, 80), Math.max(0, ring - box.left),
          Math.max(0, box.right + ring - document.documentElement.clientWidth),
          Math.max(0, ring - box.top), Math.max(0, box.bottom + ring - innerHeight)];
}"""


@pytest.mark.parametrize("path", ["ar/" + ARTICLE, "en/" + ARTICLE, "en/"])
def test_at_400_percent_zoom_a_focus_ring_stays_in_the_window(
    site: str, browser: Any, path: str
) -> None:
    """Zoomed to 400% (320 by 256 CSS px on a 1280 by 1024 screen), Tab and Shift+Tab scrolled
    each control just into view, and the window's edge cut its focus ring by 5 px: every ring,
    forwards and back, is now whole in the window."""
    context = browser.new_context(viewport={"width": 320, "height": 256})
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    cut = []
    for key in ["Tab"] * 60 + ["Shift+Tab"] * 60:
        page.keyboard.press(key)
        ring = page.evaluate(RING_OUTSIDE)
        if ring is not None and max(ring[1:]) > 0.5:
            cut.append((key, *ring))
    context.close()
    assert cut == [], cut[:5]
