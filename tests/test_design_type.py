"""The reading page's type in Chromium: English set apart in Arabic and Arabic in English,
meta labels on their values' lines, balanced headlines, an Arabic name as tall as the English
around it, abbreviations that keep their stops, the skip link and "in this article" (on the
demo site of test_design.py)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .test_design import ARTICLE, DESKTOP, PHONE, open_page, site
from .webtools import LATIN_EDGES, serve_folder

__all__ = ["open_page", "site"]  # fixtures, used by name

pytestmark = pytest.mark.browser


def test_an_arabic_entity_page_sets_its_english_description_apart_left_to_right(
    site: str, open_page
) -> None:  # type: ignore[no-untyped-def]
    """Under its Arabic label, the English description is a block of its own that starts at
    the left, as English does (it ran right-aligned inside the Arabic label's line)."""
    page = open_page(site + "ar/entities/mark-esper/", PHONE)
    shown = page.evaluate(
        """() => {
          const p = document.querySelector('.entity .description');
          const range = document.createRange(); range.selectNodeContents(p);
          const text = range.getClientRects()[0], box = p.getBoundingClientRect();
          const label = p.previousElementSibling;
          return {lang: p.lang, dir: p.dir, align: getComputedStyle(p).textAlign,
                  direction: getComputedStyle(p).direction,
                  gap: text.left - box.left, label: label.textContent, label_lang: label.closest('[lang]').lang};
        }"""
    )
    assert (shown["lang"], shown["dir"], shown["direction"]) == ("en", "ltr", "ltr"), shown
    assert shown["align"] in ("start", "left") and abs(shown["gap"]) < 1, shown
    assert (shown["label"], shown["label_lang"]) == ("وصف بالإنجليزية:", "ar"), shown


# Of each label of the article's meta line ("المصدر:", "Source:"…), whether its last word
# stands on the line of the value that follows it.
LABELS_BESIDE_VALUES = """() => {
  const meta = document.querySelector('.article > header > .meta');
  const found = [];
  for (const value of meta.querySelectorAll('.source, .dateline, time')) {
    const node = (value.closest('a') && value.closest('a') !== value ? value.closest('a') : value).previousSibling;
    const text = node.data.trimEnd();
    const range = document.createRange();
    range.setStart(node, text.length - 1); range.setEnd(node, text.length);
    const label = range.getClientRects()[0];
    const first = value.getClientRects()[0];
    found.push([text.trim(), Math.abs((label.top + label.bottom) / 2 - (first.top + first.bottom) / 2) < 8]);
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_meta_label_stays_on_the_line_of_its_value(
    site: str, open_page, lang: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    """«المصدر:» never ends a line with «شفق نيوز» on the next one, nor any other label."""
    page = open_page(site + f"{lang}/{ARTICLE}", {"width": width, "height": 780})
    found = page.evaluate(LABELS_BESIDE_VALUES)
    labels = 3 if lang == "en" else 2  # the English page says when it was translated, too
    assert len(found) == labels and all(beside for _, beside in found), found


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_headline_s_lines_are_balanced_on_a_phone(site: str, open_page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The article's headline wraps into lines of about equal length, not a full line and
    a word or two alone on the last."""
    page = open_page(site + f"{lang}/{ARTICLE}", PHONE)
    widths = page.evaluate(
        """() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));
                   const lines = new Map();
                   for (const b of r.getClientRects()) {
                     const key = Math.round((b.top + b.bottom) / 2);
                     lines.set(key, (lines.get(key) || 0) + b.width);
                   }
                   return [...lines.values()].map(Math.round); }"""
    )
    assert len(widths) > 1, "the headline takes one line: nothing to balance"
    assert min(widths) > 0.6 * max(widths), widths


# tall(element, letter): how far the letter rises above the baseline in the element's font,
# as the canvas measures it (Naskh draws smaller than the Latin face at one size).
TALL = """
  const canvas = document.createElement('canvas').getContext('2d');
  const tall = (el, letter) => {
    const s = getComputedStyle(el);
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return canvas.measureText(letter).actualBoundingBoxAscent;
  };
"""


def test_an_arabic_name_in_english_text_stands_as_tall_as_the_english(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """Naskh draws smaller than the Latin face at one size: on an English page the Arabic
    name under the heading was a size smaller than the words beside it (its lam 12 px tall
    beside an l of 14). Its tall letters now reach the English ones, in a line no taller."""
    page = open_page(site + "en/entities/kevin-copsey/", DESKTOP)
    shown = page.evaluate(
        "() => {"
        + TALL
        + """
          const names = document.querySelector('.names');
          const arabic = names.querySelector('bdi[lang="ar"]');
          return {lam: tall(arabic, 'ل'), l: tall(names, 'l'), line: names.getBoundingClientRect().height,
                  most: parseFloat(getComputedStyle(names).lineHeight)};
        }"""
    )
    assert shown["lam"] >= 0.95 * shown["l"], shown
    assert shown["line"] <= shown["most"] + 1, shown


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_arabic_language_switch_stands_as_tall_as_the_english_links(
    site: str, open_page, viewport: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """On an English page the header's «اقرأ بالعربية» was set at the size of the links beside
    it, and Naskh draws smaller than the Latin face at one size: its lam 11 px tall beside an
    l of 12. It now reaches the English links, in a box no taller than theirs, on their
    baseline."""
    page = open_page(site + "en/" + ARTICLE, viewport)
    shown = page.evaluate(
        "() => {"
        + TALL
        + """
          const baseline = (el) => {
            const probe = document.createElement('span');
            probe.style.cssText = 'display: inline-block; inline-size: 0; block-size: 0';
            el.append(probe);
            const y = probe.getBoundingClientRect().bottom;
            probe.remove();
            return y;
          };
          const home = document.querySelector('.site-header nav li:not(.nav-home) a');
          const arabic = document.querySelector('.site-header .lang-switch');
          return {lam: tall(arabic, 'ل'), l: tall(home, 'l'),
                  box: arabic.getBoundingClientRect().height, home: home.getBoundingClientRect().height,
                  lower: baseline(arabic) - baseline(home)};
        }"""
    )
    assert shown["lam"] >= 0.95 * shown["l"], shown
    assert shown["box"] <= shown["home"] + 1, shown
    assert abs(shown["lower"]) < 1, shown


def test_an_abbreviation_in_an_arabic_paragraph_keeps_its_full_stops(tmp_path, open_page) -> None:  # type: ignore[no-untyped-def]
    """A run of Latin in Arabic text is isolated: "U.S." is drawn U.S. (its last full stop
    was drawn before the U), and a model number or a brand keeps its letters together: in the
    article, in its excerpt on the month's list and in the sentence quoted on the page of the
    entity it names (the last two drew '.U.S' until they were isolated too)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content/ar/2021/05").mkdir(parents=True)
    (tmp_path / "content/ar/2021/05/latin.md").write_text(
        '---\ntitle: "لاتينية"\ndate: "2021-05-02"\n---\n\n'
        "قال ترامب إن وزارة الدفاع U.S. أعلنت أن طائرات F-16 وصلت، وأعلنت شركة AT&T أن 5 ملايين.\n",
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(tmp_path / "site", "/repo/") as base:
        shown = {}
        for where, text in [
            ("ar/2021/05/latin/", ".article .body p"),
            ("ar/2021/05/", ".excerpt"),
            ("ar/entities/donald-trump/", ".backlinks blockquote"),
        ]:
            page = open_page(f"{base}{where}", DESKTOP)
            shown[where] = page.evaluate(LATIN_EDGES, text)
    for where, lefts in shown.items():
        assert lefts["us"], where  # the quote may end at U.S. (its stop ends a sentence)
        for word in ("us", "f16"):
            xs = lefts[word]
            assert xs == sorted(xs), (where, word, xs)  # drawn left to right, as written


@pytest.mark.parametrize(
    ("where", "english"),
    [
        ("404.html", "section[lang='en'] p"),
        ("ar/" + ARTICLE, ".cite p[lang='en']"),
        ("ar/entities/mark-esper/", ".description[lang='en']"),
    ],
)
def test_english_inside_an_arabic_page_keeps_the_leading_of_english(
    site: str, open_page, where: str, english: str
) -> None:  # type: ignore[no-untyped-def]
    """English set on an Arabic page is spaced as on an English page (1.6 lines), not at
    Naskh's 1.9, which spread its lines apart."""
    page = open_page(site + where, PHONE)
    block = page.locator(english).first
    leading = block.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
    )
    english_page = open_page(site + "en/" + ARTICLE, PHONE)
    meant = english_page.evaluate(
        """() => { const e = document.querySelector('.cite p:lang(en)');
                   return parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize); }"""
    )
    assert abs(leading - meant) < 0.01 and leading < 1.7, (leading, meant)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_focused_skip_link_hides_no_part_of_a_word(
    site: str, open_page, viewport: dict[str, int], lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The first Tab shows the skip link over the header: every piece of the header is
    either wholly under it or wholly clear of it (on an Arabic phone the title's first
    letter stood beside it, the links' tops under it)."""
    page = open_page(site + lang + "/", viewport, "dark")
    page.keyboard.press("Tab")
    found = page.evaluate(
        """() => {
          const link = document.activeElement;
          const box = link.getBoundingClientRect();
          const cut = [];
          for (const el of document.querySelectorAll('.site-title, .site-header nav a, .header-tools button')) {
            const b = el.getBoundingClientRect();
            if (!b.width) continue;
            const meets = b.right > box.left && b.left < box.right && b.bottom > box.top && b.top < box.bottom;
            const under = b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom;
            if (meets && !under) cut.push(el.textContent.trim() || el.getAttribute('aria-label'));
          }
          return {skip: link.classList.contains('skip-link'), cut,
                  inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth};
        }"""
    )
    assert found["skip"] and found["inside"] and found["cut"] == [], found


def _tab_stops(page: Any, until: str) -> list[str]:
    """The tags Tab stops at from the page's start until the element matching `until`."""
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({until!r})"):
            return seen
        seen.append(page.evaluate("document.activeElement.tagName"))
    raise AssertionError(f"Tab never reached {until}: {seen}")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_in_this_article_is_a_heading_beside_the_text_and_a_control_on_a_phone(
    site: str, open_page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Beside the text the list is always shown: Tab goes on to its names with no stop at a
    summary that opens nothing there (it was announced "collapsed" beside the list shown),
    and its heading is shown. On a phone the summary is the control it was."""
    desktop = open_page(f"{site}{lang}/{ARTICLE}", DESKTOP)
    assert "SUMMARY" not in _tab_stops(desktop, ".in-article li a")
    assert desktop.locator(".in-article > h2").is_visible()
    phone = open_page(f"{site}{lang}/{ARTICLE}", PHONE)
    _tab_stops(phone, ".in-article > summary")
    assert phone.locator(".in-article > h2").is_hidden()
    phone.keyboard.press("Enter")
    assert phone.locator(".in-article li a").first.is_visible()
