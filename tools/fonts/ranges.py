"""The characters of the small Naskh file each page preloads, by the cut each comes from.

Written once here and read by subset.py, which cuts the file, and by tests/test_fonts.py,
which requires site.css to send that file exactly these characters (control characters
aside) and the full "arabic" file none of them. No fontTools here: the tests read this
without it.
"""

# Arabic letters, marks, punctuation and Arabic-Indic digits (U+0600-066D), superscript
# alef and wasla, the Persian and Kurdish letters of names (پ چ ژ ڤ ک گ ی ڕ ڵ ۆ ێ ە ھ), the
# full stop, the joiners and the left-to-right mark, hyphens, ornate parentheses; the null
# and carriage return the font's tables expect.
ARABIC = (
    "U+0000,U+000D,U+0020,U+00A0,U+0600-066D,U+0670-0671,U+067E,U+0686,"
    "U+0695,U+0698,U+06A4,U+06A9,U+06AF,U+06B5,U+06BE,U+06C6,U+06CC,U+06CE,U+06D4-06D5,"
    "U+200C-200E,U+2010-2011,U+FD3E-FD3F"
)
# Digits, spaces and punctuation, from the Latin file: "2023" in an Arabic sentence is
# drawn by the same font as its words.
LATIN = "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0-00BF,U+00D7,U+00F7,U+2012-2027,U+2030-203A"
