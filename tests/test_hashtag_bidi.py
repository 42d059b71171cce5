"""A hashtag, a handle or a snake_case name in Arabic copy is one run, drawn as written: cut
at its '#', '@' and '_' into runs of Latin, the paragraph's right-to-left order set its pieces
backwards, `#KRG_Elections` as "#Elections_KRG" and `@IraqiGov_PMO` as "PMO_IraqiGov@" (a
wrong tag, another account). An Arabic hashtag is Arabic: nothing in it is set apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.content.bidi import isolate_arabic, isolate_latin, latin_isolated_plain
from newsarchive.content.markdown import render_body

from .webtools import CHAR_EDGES, demo_site_with

PARAGRAPH = (
    "انتشر وسم #KRG_Elections على منصة إكس، فيما نشر حساب @IraqiGov_PMO بياناً حول موعد الانتخابات."
)
ARABIC_TAG = "#انتخابات_كردستان"
SECOND = f"وتصدّر وسم {ARABIC_TAG} وأُرفق الملف file_name_v2 بالبيان."


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
