"""Search results set apart the other script as the pages do: Arabic names inside English
titles and excerpts, Latin inside Arabic ones (templates/static/js/bidi.js), in Chromium."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from newsarchive.content.bidi import isolate_arabic, latin_isolated
from newsarchive.content.gloss import fingerprint

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

ARABIC = "أعلنت الولايات المتحدة U.S. أن شركة Apple Inc ستفتح مكتباً في بغداد قرب السفارة."
ENGLISH = "Votes for حزب الدعوة 2,100 and for (قسد) 3,400 were counted in Baghdad."
STORY = "2023/03/baghdad-office"

# Where a substring of an element's text is drawn: {left, right} of its characters' boxes.
BOX = """([selector, part]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '', node;
  while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
  const from = text.indexOf(part);
  if (from < 0) return null;
  const rects = [];
  for (const [n, at] of nodes) {
    for (let i = 0; i < n.data.length; i++) {
      if (at + i < from || at + i >= from + part.length) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + 1);
      rects.push(range.getBoundingClientRect());
    }
  }
  return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right))};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    article = f'---\ntitle: "مكتب جديد في بغداد"\ndate: "2023-03-04"\n---\n{ARABIC}\n'
    gloss = f'---\ntitle: "{ENGLISH}"\n---\n<!-- gloss p1 {fingerprint(ARABIC)} -->\n{ENGLISH}\n'
    files = {f"content/ar/{STORY}.md": article, f"content/en/{STORY}.md": gloss}
    with demo_site_with(tmp_path_factory.mktemp("bidi"), files) as base:
        yield base


def test_a_number_after_an_arabic_name_stays_after_it_in_english_results(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}en/search/?q=Baghdad")
    page.wait_for_selector(".search-result")
    for where in (".search-result h2 a", ".search-result .excerpt"):
        name = page.evaluate(BOX, [where, "حزب الدعوة"])
        number = page.evaluate(BOX, [where, "2,100"])
        assert number["left"] >= name["right"] - 1, (where, name, number)
        named = page.locator(f"{where} bdi[lang=ar]").all_inner_texts()
        assert named == ["حزب الدعوة", "قسد"], where


def test_an_abbreviation_keeps_its_last_stop_in_arabic_results(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}ar/search/?q={quote('بغداد')}")
    page.wait_for_selector(".search-result")
    excerpt = ".search-result .excerpt"
    assert page.locator(f"{excerpt} bdi[lang=en]").all_inner_texts() == ["U.S.", "Apple Inc"]
    letters = page.evaluate(BOX, [excerpt, "U.S"])
    stop = page.evaluate(BOX, [excerpt, "U.S."])
    assert stop["right"] > letters["right"], (letters, stop)  # drawn after the S, not before U


TEXTS = [
    ENGLISH,
    "The resolution قرار 2254 لمجلس الأمن passed; AT&T and F-16 stay.",
    ARABIC,
    "قال مسؤول في U.N. إن خطة Plan B جاهزة (COVID-19) و AT&T.",
    "No Arabic at all, 5 & 6.",
    "انتشر وسم #KRG_Elections و#انتخابات_كردستان، ونشر @IraqiGov_PMO الملف file_name_v2.",
    "The tag #انتخابات_كردستان trended with #KRG_Elections.",
]


def test_the_search_page_finds_the_runs_the_pages_find(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """bidi.js, which the search page runs, sets apart the runs content/bidi.py does."""
    page.goto(f"{site}en/search/")
    got = page.evaluate(
        """async (texts) => {
            const base = document.querySelector('[data-search]').dataset.base;
            const bidi = await import(base + 'static/js/bidi.js');
            const readings = await import(base + 'static/js/readings.js');
            return ['en', 'ar'].map((lang) => texts.map((text) => {
              const tags = bidi.runTags(text, 0, text.length, readings.tokenize(text), lang);
              // The runs tagged with a language (a hashtag's <bdi dir> holds some).
              const runs = [];
              tags.forEach(([at, tag], i) => {
                if (!tag.includes('lang')) return;
                const end = tags.slice(i + 1).find(([, t]) => t === '</bdi>')[0];
                runs.push(text.slice(at, end));
              });
              return runs;
            }));
        }""",
        TEXTS,
    )

    def runs(markup: str, lang: str) -> list[str]:
        found = re.findall(f'<bdi lang="{lang}">(.*?)</bdi>', markup)
        return [html.unescape(run) for run in found]

    assert got[0] == [runs(isolate_arabic(html.escape(text, quote=False)), "ar") for text in TEXTS]
    assert got[1] == [runs(latin_isolated(text), "en") for text in TEXTS]


def _tagged(page, site: str, lang: str, texts: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts as the search page of `lang` sets them apart (bidi.js runTags), as HTML."""
    page.goto(f"{site}{lang}/search/")
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([texts, lang]) => {
            const base = document.querySelector('[data-search]').dataset.base;
            const bidi = await import(base + 'static/js/bidi.js');
            return texts.map((text) => {
              let html = '', at = 0;
              for (const [offset, tag] of bidi.runTags(text, 0, text.length, [], lang)) {
                html += text.slice(at, offset) + tag;
                at = offset;
              }
              return html + text.slice(at);
            });
        }""",
        [texts, lang],
    )


MIXED_TAGS = [
    "انتشر وسم #COP28_العراق على المنصات، ثم وسم #العراق_2024 ووسم #بغداد_Baghdad كذلك.",
    "وسم #2024_العراق و#KRG_Elections و#انتخابات_كردستان وC#_العراق في U.S. اليوم",
]


def test_the_search_page_sets_a_mixed_hashtag_apart_as_the_pages_do(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """A hashtag mixing Arabic with Latin or digits in an Arabic result is the one <bdi> in
    the direction of its first letter that its page shows (content/bidi.py)."""
    assert _tagged(page, site, "ar", MIXED_TAGS) == [latin_isolated(text) for text in MIXED_TAGS]


ENGLISH_TAGS = [
    "The tags #COP28_العراق, #العراق_2024 and #بغداد_Baghdad trended, as did #Iraq.",
    "Under #انتخابات_كردستان and #2024_العراق, حزب الدعوة 2,100 and C#_العراق.",
]


def test_the_search_page_sets_a_hashtag_holding_arabic_apart_as_english_pages_do(
    site: str,
    page,  # type: ignore[no-untyped-def]
) -> None:
    """A hashtag holding Arabic in an English result is the one <bdi> in the direction of its
    first letter, its Arabic set apart inside it, that its page shows (content/bidi.py)."""
    tagged = _tagged(page, site, "en", ENGLISH_TAGS)
    assert tagged == [isolate_arabic(text) for text in ENGLISH_TAGS]


NUMBERS = [
    "اتصل على +964 770 123 4567 أو و0770 123 4567، والمبلغ 25 000 دينار.",
    "شبكة 5G وصفقة $5M في U.S. و١٢٣ ٤٥٦ وفي 15/3/2021 و1,250 و45٫5٪.",
    # a signed figure after each proclitic (bidi.js's PROCLITICS), and one after a word
    "الفرق +١٩ و−٣١ ف+5 ب-4.5% ل+٢٫٥٪ ك-3 وكوفيد-19 مقعدًا.",
]


def test_the_search_page_sets_numbers_apart_as_the_pages_do(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """A number in groups (a phone number) or with its sign (و−٣١) in an Arabic result is one
    <bdi dir="ltr">, and a number written onto Latin letters (5G) is in the run of Latin, as
    on its page."""
    assert _tagged(page, site, "ar", NUMBERS) == [latin_isolated(text) for text in NUMBERS]
