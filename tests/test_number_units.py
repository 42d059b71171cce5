"""A number stays on one line with the word that completes it (content/numberunits.py): a line
of an Arabic paragraph ended at "15" and the next began with "مليون", or a line began with
"%" or "م" alone. The space between them is a no-break space on the page only; any other word
after a number ("في 2026 قال") may still begin the next line, and search reads the text as
written."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.content.bidi import isolate_latin
from newsarchive.content.markdown import render_body
from newsarchive.content.numberunits import UNIT_WORDS, keep_units

from .webtools import demo_site_with, listed_with_marks

NBSP = "\u00a0"


def _page_html(body: str) -> str:
    (block,) = render_body(body)
    return isolate_latin(block)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("بلغت الخسائر 15 مليون دولار.", "15\u00a0مليون"),
        ("نزح ١٥ ألف شخص.", "١٥\u00a0ألف"),
        ("قرابة 20 ألفًا من الجنود و30 ألفاً من المدنيين.", "20\u00a0ألفًا"),
        ("و30 ألفاً من المدنيين.", "30\u00a0ألفاً"),
        ("بلغت 3 مليارات دينار.", "3\u00a0مليارات"),
        ("سعر البرميل 80 دولاراً.", "80\u00a0دولاراً"),
        ("على بعد 40 كم من بغداد.", "40\u00a0كم"),
        ("ارتفعت بنسبة 15 % عن العام الماضي.", "15\u00a0%"),
        ("ارتفعت بنسبة ١٥ ٪ عن العام الماضي.", "١٥\u00a0٪"),
        ("ارتفعت 5 في المئة.", "5\u00a0في\u00a0المئة"),
        ("ارتفعت 7 بالمئة.", "7\u00a0بالمئة"),
        ("ولد عام 1950 م في بغداد.", "1950\u00a0م"),
        ("في عام 1445 هـ صدر القرار.", "1445\u00a0هـ"),
        ("بنيت عام 500 ق.م على النهر.", "500\u00a0ق.م"),
        # After a number set apart (in groups, with its sign, written onto Latin).
        ("خصصت 25 000 دولار.", '<bdi dir="ltr">25 000</bdi>\u00a0دولار'),
        ("تغير السعر +4.5 % أمس.", '<bdi dir="ltr">+4.5</bdi>\u00a0%'),
        # After a number in emphasis: the space after its closing tag.
        ("بلغت **15** مليون دولار.", "<strong>15</strong>\u00a0مليون"),
    ],
)
def test_a_number_and_its_unit_are_joined_by_a_no_break_space(text: str, kept: str) -> None:
    assert kept in _page_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "في 2026 قال الوزير إن المشروع اكتمل.",  # a word that says nothing of the number
        "قتل 15 شخصاً في الهجوم.",  # what is counted, not a unit
        "أصبح 15 مليونيراً في البلد.",  # a word that opens with a unit's letters
        "قطعوا 10 ملمترات.",
        "وصل 3 من الجرحى.",  # من opens with م
        "انتهى الاجتماع 5 هنا.",  # هنا opens with ه
        "ثم ألف 15 كتاباً.",  # a unit word before the number: not joined
    ],
)
def test_a_word_not_in_the_list_stays_apart_from_the_number(text: str) -> None:
    assert NBSP not in _page_html(text)


def test_a_footnote_number_is_no_number_of_the_text() -> None:
    """A reference's superscript number (content/notes.py) counts nothing of the word after
    it; the number it follows keeps its unit."""
    ref = '<sup><a href="#ar-n1" id="ar-r1">1</a></sup>'
    assert keep_units(f"<p>قال الوزير{ref} ملايين</p>") == f"<p>قال الوزير{ref} ملايين</p>"
    assert keep_units("<p>بلغت <em>15</em> مليون</p>") == "<p>بلغت <em>15</em>\u00a0مليون</p>"


def test_an_attribute_is_never_changed() -> None:
    """An image's alt text is no line of the page: it is left as written."""
    markup = _page_html("صورة ![عام 2026 م](media/x.jpg) في 2026 م")
    assert 'alt="عام 2026 م"' in markup
    assert markup.count(NBSP) == 1


_WORD = st.sampled_from(
    [w for line in UNIT_WORDS for w in line.split()] + ["في", "المئة", "قال", "%", "<b>"]
)
_NUMBER = st.from_regex(r"[0-9\u0660-\u0669]{1,4}", fullmatch=True)


@given(st.lists(st.one_of(_WORD, _NUMBER), max_size=12))
def test_only_spaces_change(pieces: list[str]) -> None:
    markup = " ".join(pieces)
    assert keep_units(markup).replace(NBSP, " ") == markup


BODY = " ".join(
    ["وقالت الوزارة في بيان إن قيمة الأضرار التي لحقت بالمحطة في"]
    + ["المحافظة بلغت 15 مليون دولار، وإن إصلاحها يحتاج إلى 120 يوماً"] * 3
)
UNITS = ("15\u00a0مليون",)  # as the page writes them
UNRELATED = ("120 يوماً",)
ARTICLE = f'---\ntitle: "أضرار المحطة"\ndate: "2024-03-05"\n---\n\n{BODY}\n'
# For each width of the paragraph, whether the first character of each pair and its last are
# on one line, for every occurrence of the pair in the paragraph's text.
SAME_LINE = """([pairs, widths]) => {
  const p = document.querySelector("#p1");
  const node = p.firstChild;
  const top = (i) => { const r = document.createRange(); r.setStart(node, i);
    r.setEnd(node, i + 1); return Math.round(r.getClientRects()[0].top); };
  const seen = {};
  for (const pair of pairs) seen[pair] = [];
  for (const width of widths) {
    p.style.inlineSize = width + "px";
    for (const pair of pairs) {
      for (let at = node.data.indexOf(pair); at >= 0; at = node.data.indexOf(pair, at + 1)) {
        seen[pair].push(top(at) === top(at + pair.length - 1));
      }
    }
  }
  return seen;
}"""


@pytest.mark.browser
def test_a_line_never_ends_between_a_number_and_its_unit(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """At every width from a phone's to a column's, "15" and "مليون" are on one line, while
    the same paragraph at those widths breaks between "120" and "يوماً", a word of no list:
    the widths do put a line's end there."""
    files = {"content/ar/2024/03/station.md": ARTICLE}
    with demo_site_with(tmp_path, files, search=False) as base:
        page.goto(base + "ar/2024/03/station/")
        assert page.evaluate("() => document.querySelector('#p1').childNodes.length") == 1
        seen = page.evaluate(SAME_LINE, [[*UNITS, *UNRELATED], list(range(160, 640, 3))])
    for pair in UNITS:
        assert seen[pair] and all(seen[pair]), pair
    for pair in UNRELATED:
        assert seen[pair] and not all(seen[pair]), pair  # the control: some width breaks there


@pytest.mark.browser
def test_search_finds_and_marks_the_unit_word(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """مليون, and the number with it, are found and marked as before: search reads the text as
    written, not the page's no-break space."""
    files = {"content/ar/2024/03/station.md": ARTICLE}
    with demo_site_with(tmp_path, files) as base:
        page.set_default_timeout(10_000)
        for query in ("مليون", '"15 مليون"', "15"):
            listed = dict(listed_with_marks(page, f"{base}ar/search/?q={quote(query)}"))
            assert "/ar/2024/03/station/" in listed, query
            marks = listed["/ar/2024/03/station/"]
            assert marks and all(mark in ("15", "مليون") for mark in marks), (query, marks)
