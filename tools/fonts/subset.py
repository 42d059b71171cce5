"""Make the small font files a page downloads first, from the Noto Naskh Arabic files we ship.

Run: .venv/bin/pip install -e '.[fonts]' && .venv/bin/python tools/fonts/subset.py

@fontsource/noto-naskh-arabic 5.3.0 ships an "arabic" file per weight (its
`noto-naskh-arabic-arabic-W-normal.woff2`, kept here as `naskh-arabic-W.woff2`: every head
names its fonts, so the names are short) covering every language written in Arabic script
(about 1,350 glyphs, 53 kB): Urdu, Sindhi, Pashto, Quranic marks.
Arabic news text needs a sixth of it. This writes, per weight:

- `naskh-core-W.woff2`: the characters of Arabic, with the Persian and
  Kurdish letters of names in Iraqi news, and every glyph the font's shaping reaches from
  them (fontTools keeps the closure of the layout tables), about 16 kB;
- the `latin` file cut to the digits, spaces and punctuation the stylesheet takes from it.

The full "arabic" file stays, declared for the remaining characters only: a page that uses
one of them downloads it, others never do. tests/test_fonts.py renders Arabic text with the
core file and with the full one and requires the same pixels.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parents[2] / "templates" / "static" / "fonts"
WEIGHTS = (400, 700)

# Arabic letters, marks, punctuation and Arabic-Indic digits (U+0600-066D), superscript
# alef and wasla, the Persian and Kurdish letters of names (پ چ ژ ڤ ک گ ی ڕ ڵ ۆ ێ ە ھ), the
# full stop, joiners and marks, hyphens, ornate parentheses. Keep in step with site.css.
CORE = (
    "U+0000,U+000D,U+0020,U+00A0,U+0600-066D,U+0670-0671,U+067E,U+0686,"
    "U+0695,U+0698,U+06A4,U+06A9,U+06AF,U+06B5,U+06BE,U+06C6,U+06CC,U+06CE,U+06D4-06D5,"
    "U+200C-200F,U+2010-2011,U+FD3E-FD3F"
)
# What the stylesheet takes from the Latin file: digits, spaces and punctuation.
LATIN = "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0-00BF,U+00D7,U+00F7,U+2012-2027,U+2030-203A"


def cut(source: Path, unicodes: str, target: Path) -> None:
    """Write `target`: `source` with only `unicodes` and every glyph their shaping reaches."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> None:
    for weight in WEIGHTS:
        arabic = FONTS / f"naskh-arabic-{weight}.woff2"
        core = FONTS / f"naskh-core-{weight}.woff2"
        latin = FONTS / f"naskh-latin-{weight}.woff2"
        cut(arabic, CORE, core)
        cut(latin, LATIN, latin)  # cutting to the same set again changes nothing
        for path in (core, latin):
            print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
