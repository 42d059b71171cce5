"""Make the small font file a page downloads first, from the Noto Naskh Arabic files we ship.

Run: .venv/bin/pip install -e '.[fonts]' && .venv/bin/python tools/fonts/subset.py

@fontsource/noto-naskh-arabic 5.3.0 ships an "arabic" file per weight (its
`noto-naskh-arabic-arabic-W-normal.woff2`, kept here as `naskh-arabic-W.woff2`: every head
names its fonts, so the names are short) covering every language written in Arabic script
(about 1,350 glyphs, 53 kB): Urdu, Sindhi, Pashto, Quranic marks.
Arabic news text needs a sixth of it. This writes `naskh-W.woff2` per weight, 22 kB, the
file every page preloads, merged from two cuts:

- the characters of Arabic, with the Persian and Kurdish letters of names in Iraqi news
  (ranges.py's ARABIC), and every glyph the font's shaping reaches from them (fontTools keeps
  the closure of the layout tables), cut from the "arabic" file;
- the digits, spaces and punctuation the stylesheet draws in Naskh (ranges.py's LATIN), so
  that "2023" in an Arabic sentence is drawn by the same font as its words: @fontsource's
  "latin" file, cut to them once and kept beside this script (`naskh-latin-W.woff2`, 5 kB,
  never served).

One file a weight rather than one a script: a page preloads two fonts, not four (two requests
fewer, and 0.28 KB of preload tags an article at 20,000 articles). The full "arabic" file
stays, declared for the remaining characters only: a page that uses one of them downloads it,
others never do. tests/test_fonts.py renders Arabic text with the small file and with the full
one and requires the same pixels.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fontTools import merge, subset
from ranges import ARABIC, LATIN  # this folder: the script's own

HERE = Path(__file__).resolve().parent
FONTS = HERE.parents[1] / "templates" / "static" / "fonts"
WEIGHTS = (400, 700)


def cut(source: Path, unicodes: str, target: Path) -> None:
    """Write `target` (TrueType): `source` with only `unicodes` and every glyph their
    shaping reaches."""
    options = subset.Options()
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> None:
    for weight in WEIGHTS:
        target = FONTS / f"naskh-{weight}.woff2"
        with tempfile.TemporaryDirectory() as folder:
            arabic, latin = Path(folder) / "arabic.ttf", Path(folder) / "latin.ttf"
            cut(FONTS / f"naskh-arabic-{weight}.woff2", ARABIC, arabic)
            cut(HERE / f"naskh-latin-{weight}.woff2", LATIN, latin)
            # The Arabic cut first: a character both hold (the spaces) takes its glyph.
            font = merge.Merger().merge([str(arabic), str(latin)])
        font.flavor = "woff2"
        font.save(str(target))
        print(f"{target.name}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
