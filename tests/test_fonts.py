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
import importlib.util
import re
import string
import unicodedata
from pathlib import Path

import pytest

from .conftest import REPO
from .webtools import serve_folder

pytestmark = pytest.mark.browser

FONTS = REPO / "templates" / "static" / "fonts"
STYLESHEET = REPO / "templates" / "static" / "css" / "site.css"
JOINER = "ب"
ARABIC_BLOCK = 0x0600


def _ranges() -> tuple[str, str]:
    """tools/fonts/ranges.py's ARABIC and LATIN: the characters subset.py cuts the small file
    to (a script beside subset.py, not a package the tests could import)."""
    spec = importlib.util.spec_from_file_location("ranges", REPO / "tools/fonts/ranges.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ARABIC, module.LATIN


ARABIC_RANGE, LATIN_RANGE = _ranges()


def code_points(unicode_range: str) -> set[int]:
    """The code points of a unicode-range (`U+0600-066D, U+067E`)."""
    points: set[int] = set()
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def declared_range(font: str) -> set[int]:
    """The code points site.css sends to `font` (a file name without .woff2)."""
    css = STYLESHEET.read_text(encoding="utf-8")
    face = re.search(rf"@font-face \{{[^}}]*/{font}\.woff2[^}}]*unicode-range: ([^;]+);", css)
    assert face, f"site.css declares {font}"
    return code_points(face[1])


def core_characters() -> list[str]:
    """The Arabic letters the stylesheet sends to the small file (its unicode-range), one by
    one."""
    return [
        chr(code)
        for code in sorted(declared_range("naskh-400"))
        if chr(code).isalpha() and code >= ARABIC_BLOCK
    ]


@pytest.mark.parametrize("weight", [400, 700])
def test_the_stylesheet_sends_the_small_file_what_it_holds(weight: int) -> None:
    """site.css's ranges are written by hand: each weight's small file is sent every
    character subset.py cut it to (a character left out would be drawn by the full file,
    53 kB more), and the full file none of them (it would be downloaded for a digit)."""
    cut = code_points(f"{ARABIC_RANGE},{LATIN_RANGE}")
    holds = {c for c in cut if unicodedata.category(chr(c)) != "Cc"}  # not null and CR
    assert declared_range(f"naskh-{weight}") == holds
    assert not declared_range(f"naskh-arabic-{weight}") & holds


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


def _fallback_faces() -> list[str]:
    """The bodies of site.css's "Naskh fallback" faces (a local font standing in for Naskh
    until its files arrive)."""
    css = STYLESHEET.read_text(encoding="utf-8")
    return re.findall(r'@font-face \{([^}]*font-family: "Naskh fallback";[^}]*)\}', css)


def test_the_fallback_stands_in_for_what_naskh_draws_and_nothing_else() -> None:
    """Every character a Naskh file draws is drawn by the fallback while the files are on
    their way; a Latin letter in Arabic text is not (it keeps its own font, at its size)."""
    faces = _fallback_faces()
    assert len(faces) == 2, "a fallback face for each weight"
    naskh = set().union(
        *(declared_range(f"{name}-{w}") for name in ("naskh", "naskh-arabic") for w in (400, 700))
    )
    letters = {ord(c) for c in string.ascii_letters}
    for face in faces:
        covered = code_points(re.search(r"unicode-range: ([^;]+);", face)[1])  # type: ignore[index]
        assert naskh <= covered
        assert not covered & letters


def test_the_fallback_takes_the_room_naskh_takes(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Measured in Chromium with the stylesheet's own faces: the demo article's Arabic, set
    in the fallback (DejaVu Sans, as size-adjusted), is as wide as in Naskh within 2%, and
    its line stands as high above and below the baseline. So text drawn before the Naskh
    files arrive wraps (nearly) as it will in Naskh, and nothing below it moves when it
    comes."""
    article = (REPO / "content/ar/2020/11/coalition-us-forces-syria-iraq.md").read_text("utf-8")
    lines = [line for line in article.split("---", 2)[2].split("\n") if line.strip()]
    spans = "".join(f"<p><span>{html.escape(line)}</span></p>" for line in lines)
    (tmp_path / "css").mkdir()
    (tmp_path / "css/site.css").write_bytes(STYLESHEET.read_bytes())
    (tmp_path / "fonts").mkdir()
    for font in FONTS.glob("*.woff2"):
        (tmp_path / "fonts" / font.name).write_bytes(font.read_bytes())
    (tmp_path / "measure.html").write_text(
        '<!DOCTYPE html><html lang="ar" dir="rtl"><meta charset="utf-8">'
        '<link rel="stylesheet" href="css/site.css">'
        "<style>span { white-space: pre; font-size: 100px; line-height: normal; }</style>"
        f"<body>{spans}</body></html>",
        encoding="utf-8",
    )
    measure = """async ([family, weight]) => {
      await document.fonts.load(`${weight} 100px ${family}`, document.body.textContent);
      const spans = [...document.querySelectorAll('span')];
      for (const span of spans) { span.style.fontFamily = family; span.style.fontWeight = weight; }
      const first = spans[0].getBoundingClientRect();
      const base = document.createElement('i');  // an empty inline-block sits on the baseline
      base.style.display = 'inline-block';
      spans[0].append(base);
      const baseline = base.getBoundingClientRect().bottom;
      base.remove();
      const width = spans.reduce((sum, s) => sum + s.getBoundingClientRect().width, 0);
      return [width, baseline - first.top, first.bottom - baseline];
    }"""
    with serve_folder(tmp_path, "/") as base:
        page.goto(f"{base}measure.html")
        for weight in (400, 700):
            naskh = page.evaluate(measure, ['"Noto Naskh Arabic"', weight])
            fallback = page.evaluate(measure, ['"Naskh fallback"', weight])
            used = page.evaluate(
                "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
            )
            assert "Naskh fallback" in used, "DejaVu Sans is not installed (fonts-dejavu-core)"
            assert fallback[0] == pytest.approx(naskh[0], rel=0.02), f"weight {weight}: width"
            assert fallback[1:] == pytest.approx(naskh[1:], abs=1), (
                f"weight {weight}: ascent, descent"
            )
