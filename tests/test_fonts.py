"""The small Naskh file draws Arabic text exactly as the full file it is cut from.

tools/fonts/subset.py cuts Noto Naskh Arabic's 53 kB "arabic" file to the characters of
Arabic (and the Persian and Kurdish letters of names), keeping every glyph their shaping
reaches, and merges in the digits and punctuation of the Latin file. Chromium renders the same
text with each file, and the pixels must be the same: every letter alone, first, in the middle
and last in a word, lam-alef, the vowel marks, Arabic-Indic digits and punctuation, and the
demo article (its Latin digits drawn by the small file in both), in both weights.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import REPO
from .webtools import serve_folder

pytestmark = pytest.mark.browser

FONTS = REPO / "templates" / "static" / "fonts"
STYLESHEET = REPO / "templates" / "static" / "css" / "site.css"
JOINER = "ب"
ARABIC_BLOCK = 0x0600
# What the small file holds besides Arabic (subset.py's LATIN): the "Full" family takes
# these from it too.
LATIN_RANGE = (
    "U+0020-0040, U+005B-0060, U+007B-007E, U+00A0-00BF, U+00D7, U+00F7, U+2012-2027, U+2030-203A"
)


def core_characters() -> list[str]:
    """The Arabic letters the stylesheet sends to the small file (its unicode-range), one by
    one."""
    css = STYLESHEET.read_text(encoding="utf-8")
    face = re.search(r"@font-face \{[^}]*naskh-400[^}]*unicode-range: ([^;]+);", css)
    assert face, "site.css declares the small face"
    letters: list[str] = []
    for part in face[1].split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            if chr(code).isalpha() and code >= ARABIC_BLOCK:
                letters.append(chr(code))
    return letters


def sample_text() -> str:
    letters = core_characters()
    assert len(letters) > 40
    words = [f"{c} {c}{JOINER} {JOINER}{c}{JOINER} {JOINER}{c} {c}{c}{c}" for c in letters]
    words.append("لا لأ لإ لآ للا الله بَ بُ بِ بّ بْ بً بٌ بٍ بٰ ٱلقمر")
    words.append("٠١٢٣٤٥٦٧٨٩ ٪ ، ؛ ؟ ۔ ﴾نص﴿")
    article = (REPO / "content/ar/2020/11/coalition-us-forces-syria-iraq.md").read_text("utf-8")
    words.append(article.split("---", 2)[2])
    return "\n".join(words)


def test_the_small_font_draws_arabic_as_the_full_font_does(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    body = html.escape(sample_text()).replace("\n", "<br>")
    faces = ""
    for weight in (400, 700):
        for family, name, unicodes in (
            ("Core", f"naskh-{weight}", ""),
            # Declared last, the full file draws every character it holds (spaces too).
            ("Full", f"naskh-{weight}", f" unicode-range: {LATIN_RANGE};"),
            ("Full", f"naskh-arabic-{weight}", ""),
        ):
            source = FONTS / f"{name}.woff2"
            (tmp_path / source.name).write_bytes(source.read_bytes())
            faces += (
                f"@font-face {{ font-family: {family}; font-weight: {weight};"
                f' src: url("{source.name}") format("woff2");{unicodes} }}\n'
            )
    for family in ("Core", "Full"):
        for weight in (400, 700):
            (tmp_path / f"{family}{weight}.html").write_text(
                f'<!DOCTYPE html><html lang="ar" dir="rtl"><meta charset="utf-8"><style>{faces}'
                f"body {{ margin: 0; width: 900px; font: {weight} 22px/2 {family}; }}</style>"
                f"<body>{body}</body></html>",
                encoding="utf-8",
            )
    page.set_viewport_size({"width": 900, "height": 800})
    with serve_folder(tmp_path, "/") as base:
        for weight in (400, 700):
            shots = {}
            for family in ("Core", "Full"):
                page.goto(f"{base}{family}{weight}.html")
                loaded = page.evaluate(
                    "document.fonts.ready.then(() => [...document.fonts]"
                    ".filter(f => f.status === 'loaded').map(f => f.family))"
                )
                assert set(loaded) == {family}, f"{family} {weight} drew the text: {loaded}"
                shots[family] = page.screenshot(full_page=True)
            assert shots["Core"] == shots["Full"], (
                f"weight {weight}: the small file draws differently"
            )
