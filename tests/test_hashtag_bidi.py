"""A hashtag, a handle or a snake_case name in Arabic copy is one run, drawn as written: cut
at its '#', '@' and '_' into runs of Latin, the paragraph's right-to-left order set its pieces
backwards, `#KRG_Elections` as "#Elections_KRG" and `@IraqiGov_PMO` as "PMO_IraqiGov@" (a
wrong tag, another account). An Arabic hashtag is Arabic: nothing in it is set apart. A
hashtag mixing Arabic with Latin or digits (#COP28_العراق) is one unit, set apart in the
direction of its first letter: its Latin alone set apart, it was drawn "العراق_#COP28"."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.content.bidi import (
    isolate_arabic,
    isolate_latin,
    latin_isolated,
    latin_isolated_plain,
)
from newsarchive.content.markdown import Block, render_body

from .webtools import CHAR_EDGES, demo_site_with

PARAGRAPH = (
    "انتشر وسم #KRG_Elections على منصة إكس، فيما نشر حساب @IraqiGov_PMO بياناً حول موعد الانتخابات."
)
ARABIC_TAG = "#انتخابات_كردستان"
SECOND = f"وتصدّر وسم {ARABIC_TAG} وأُرفق الملف file_name_v2 بالبيان."
MIXED = "انتشر وسم #COP28_العراق على المنصات، ثم وسم #العراق_2024 ووسم #بغداد_Baghdad كذلك."


def _html(body: str) -> str:
    (block,) = render_body(body)
    return isolate_latin(block)


def test_a_hashtag_and_a_handle_are_each_one_run_with_their_sign() -> None:
    assert _html(PARAGRAPH) == (
        '<p>انتشر وسم <bdi lang="en">#KRG_Elections</bdi> على منصة إكس، فيما نشر حساب '
        '<bdi lang="en">@IraqiGov_PMO</bdi> بياناً حول موعد الانتخابات.</p>\n'
    )


def test_a_snake_case_name_is_one_run_and_an_arabic_hashtag_none() -> None:
    assert _html(SECOND) == (
        f'<p>وتصدّر وسم {ARABIC_TAG} وأُرفق الملف <bdi lang="en">file_name_v2</bdi> بالبيان.</p>\n'
    )


def test_a_mixed_hashtag_is_one_unit_in_the_direction_of_its_first_letter() -> None:
    assert _html(MIXED) == (
        '<p>انتشر وسم <bdi dir="ltr"><bdi lang="en">#COP28</bdi>_العراق</bdi> على المنصات، '
        'ثم وسم <bdi dir="rtl">#العراق_2024</bdi> ووسم '
        '<bdi dir="rtl">#بغداد_<bdi lang="en">Baghdad</bdi></bdi> كذلك.</p>\n'
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # A link inside the tag (the mention the matcher found in it) is inside its unit.
        (
            'وسم #COP28_<a href="/ar/entities/iraq/">العراق</a> اليوم',
            'وسم <bdi dir="ltr"><bdi lang="en">#COP28</bdi>_<a href="/ar/entities/iraq/">'
            "العراق</a></bdi> اليوم",
        ),
        (
            'وسم #<a href="/ar/entities/iraq/">العراق</a>_2024',
            'وسم <bdi dir="rtl">#<a href="/ar/entities/iraq/">العراق</a>_2024</bdi>',
        ),
        # Digits first: the first letter is Arabic.
        ("وسم #2024_العراق", 'وسم <bdi dir="rtl">#2024_العراق</bdi>'),
        # Not a hashtag: a '#' in an address or a link, after a letter, an entity's.
        (
            '<a href="/ar/x/#COP28_العراق">رابط</a> وC#_العراق و&#39;',
            '<a href="/ar/x/#COP28_العراق">رابط</a> و<bdi lang="en">C</bdi>#_العراق و\'',
        ),
        ('<a href="#COP28_العراق">رابط</a>', '<a href="#COP28_العراق">رابط</a>'),
        # A link that starts in the tag and ends after it leaves the tag as it was.
        (
            'وسم #العراق_<a href="/x/">2024 كله</a>',
            'وسم #العراق_<a href="/x/">2024 كله</a>',
        ),
    ],
)
def test_a_mixed_hashtag_in_html_keeps_its_links_whole(text: str, shown: str) -> None:
    assert isolate_latin(Block(0, 0, text, f"<p>{text}</p>", ())) == f"<p>{shown}</p>"


def test_an_excerpt_sets_a_mixed_hashtag_apart_whatever_comes_before_it() -> None:
    """Plain text is no HTML: a '<' before the tag is a character, not a tag it is inside."""
    assert latin_isolated("س < ص #COP28_العراق") == (
        'س &lt; ص <bdi dir="ltr"><bdi lang="en">#COP28</bdi>_العراق</bdi>'
    )


def test_a_feed_sets_a_mixed_hashtag_apart_in_its_direction() -> None:
    plain = latin_isolated_plain(MIXED)
    assert "\u2066\u2066#COP28\u2069_العراق\u2069" in plain
    assert "\u2067#العراق_2024\u2069" in plain
    assert "\u2067#بغداد_\u2066Baghdad\u2069\u2069" in plain


PIECES = st.sampled_from(
    ["#", "_", " ", "COP28", "العراق", "2024", "٢٠٢٤", "بغداد", "Baghdad", "C", "&", "<", "/", "،"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_setting_hashtags_apart_never_changes_the_text(text: str) -> None:
    """Whatever the text, the page and the feed show its characters as written, in order, and
    every isolate opened is closed."""
    shown = latin_isolated(text)
    assert html.unescape(re.sub("<[^>]*>", "", shown)) == text
    assert shown.count("<bdi") == shown.count("</bdi>")
    plain = latin_isolated_plain(text)
    assert re.sub("[\u2066-\u2069]", "", plain) == text
    assert plain.count("\u2069") == sum(plain.count(c) for c in "\u2066\u2067\u2068")


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("وسم #2024_Vote و @_Rudaw و #Iraq #KRG", ["#2024_Vote", "@_Rudaw", "#Iraq", "#KRG"]),
        # A sign that opens no Latin word stays outside, as before: C#, a number, an address.
        ("لغة C# والرقم #5 وinfo@ina.iq", ["C", "info@ina.iq"]),
        # A trailing underscore or sign closes no run.
        ("الحساب abc_ ثم x_y@ فقط", ["abc", "x_y"]),
    ],
)
def test_the_runs_set_apart(text: str, runs: list[str]) -> None:
    plain = latin_isolated_plain(text)
    assert [part.split("\u2069")[0] for part in plain.split("\u2066")[1:]] == runs


def test_a_feed_sets_the_whole_hashtag_and_handle_apart() -> None:
    plain = latin_isolated_plain(PARAGRAPH)
    assert "\u2066#KRG_Elections\u2069" in plain and "\u2066@IraqiGov_PMO\u2069" in plain


def test_an_arabic_hashtag_in_english_copy_is_one_arabic_run() -> None:
    """Cut at its '_', its two words were drawn in English order on an English page."""
    assert isolate_arabic(f"The tag {ARABIC_TAG} trended.") == (
        'The tag #<bdi lang="ar">انتخابات_كردستان</bdi> trended.'
    )


@pytest.mark.browser
def test_hashtags_and_handles_in_arabic_copy_are_drawn_as_written(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    article = f'---\ntitle: "وسم #KRG_Elections يتصدر"\ndate: "2021-03-14"\n---\n\n{PARAGRAPH}\n\n{SECOND}\n'
    latin = [("h1", "#KRG_Elections"), ("#p1", "#KRG_Elections"), ("#p1", "@IraqiGov_PMO")]
    latin += [("#p2", "file_name_v2")]
    with demo_site_with(tmp_path, {"content/ar/2021/03/hashtag.md": article}, search=False) as base:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base + "ar/2021/03/hashtag/")
        drawn = {where: page.evaluate(CHAR_EDGES, list(where)) for where in latin}
        arabic = page.evaluate(CHAR_EDGES, ["#p2", ARABIC_TAG])
    for where, edges in drawn.items():
        assert edges is not None, where
        assert edges == sorted(edges) and len(set(edges)) == len(edges), where  # left to right
    # The Arabic hashtag is drawn right to left, its '#' first, on the right.
    assert arabic is not None and arabic == sorted(arabic, reverse=True), arabic
    assert arabic[0] > arabic[1], arabic


@pytest.mark.browser
def test_a_mixed_hashtag_is_drawn_as_one_unit_in_its_direction(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Chromium draws #COP28_العراق left to right, its '#' leftmost and العراق (linked: the
    demo registry's Iraq) after the '_'; #العراق_2024 and #بغداد_Baghdad right to left, their
    '#' rightmost and their digits or Latin after the '_', on its left."""
    article = f'---\ntitle: "وسوم"\ndate: "2021-03-14"\n---\n\n{MIXED}\n'
    tags = ("#COP28_العراق", "#العراق_2024", "#بغداد_Baghdad")
    with demo_site_with(tmp_path, {"content/ar/2021/03/tags.md": article}, search=False) as base:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base + "ar/2021/03/tags/")
        drawn = [page.evaluate(CHAR_EDGES, ["#p1", tag]) for tag in tags]
    assert all(edges is not None for edges in drawn), drawn
    latin_first, arabic_digits, arabic_latin = drawn
    # "#COP28_" left to right, then العراق to its right, right to left.
    assert latin_first[:7] == sorted(latin_first[:7]), latin_first
    assert min(latin_first[7:]) > latin_first[6], latin_first
    assert latin_first[7:] == sorted(latin_first[7:], reverse=True), latin_first
    # "#العراق_" right to left, then "2024" or "Baghdad" to its left, left to right.
    for tag, edges in zip(tags[1:], (arabic_digits, arabic_latin), strict=True):
        after = tag.index("_") + 1
        assert edges[:after] == sorted(edges[:after], reverse=True), edges
        assert max(edges[after:]) < edges[after - 1], edges
        assert edges[after:] == sorted(edges[after:]), edges
