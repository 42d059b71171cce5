"""A number and the word that completes it kept on one line in an Arabic body's HTML (pure).

A line of an Arabic paragraph could end at "15" and begin the next with "مليون", or leave
"%", "م" or "هـ" alone at the start of a line: read apart, "15" is another figure. The space
between a number and such a word is made a no-break space (U+00A0) when the page is
rendered, never in the article's file. The words are a closed list (UNIT_WORDS): a rule
for "a number and the next word" glued "في 2026 قال" and the like, words that say nothing
of the number, and cost a byte for each.

Why U+00A0: it costs one byte more than the space it replaces (two in UTF-8, C2 A0; written
as `&nbsp;`, five more), where U+202F NARROW NO-BREAK SPACE costs two (E2 80 AF) and is drawn
narrower than the text's spaces, and a `<span>` with `white-space: nowrap` twenty. Its
bidirectional class (CS) leaves the line's order as the space left it: between a number and
an Arabic word or a '%' it resolves to the paragraph's direction, as a space does; between
two numbers it would join them (W4), which no word of the list is.

Search never sees it: the search record is made from the text as Markdown renders it
(pages/articles.py, render_record), not from this pass, so Pagefind indexes and the search
page marks the words as written, and its fragments carry no byte more (the search page's
own splitting, excerpts.js's `\\s`, would read U+00A0 as a space all the same).

A number written onto its unit ("15%", "2026م", "$15") needs nothing: Unicode's line
breaking never breaks a number from a '%' or a currency sign before or after it, nor inside
a word. Arabic puts no unit word before a number, so only the order number, space, word is
kept together.
"""

from __future__ import annotations

import re

# A digit: Western, Arabic-Indic and Eastern Arabic-Indic (as content/bidi.py reads them).
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# The words that complete a number before them, as the text writes them (one form a line:
# hamza written or not). Each may end in the accusative's alif and tanwin (ألفاً, دولاراً,
# مليوناً), with or without its marks.
UNIT_WORDS = (
    # Scale: a thousand to a trillion.
    "ألف آلاف الف الاف مليون ملايين مليار مليارات بليون ترليون ترليونات تريليون تريليونات",
    # Currencies.
    "دينار دنانير دولار دولارات يورو ليرة ليرات ريال ريالات جنيه جنيهات درهم دراهم تومان",
    # Lengths, areas, weights, volumes, power, temperature.
    "كيلومتر كيلومترات كم متر أمتار امتار سنتيمتر سم مليمتر ملم ميل أميال",
    "دونم دونمات هكتار هكتارات كيلوغرام كيلوغرامات كغم كغ غرام طن أطنان اطنان",
    "لتر لترات برميل براميل ميغاواط ميجاوات كيلوواط درجة",
    # A percentage written out, one word.
    "بالمئة بالمائة",
    # The era after a year (ميلادي, هجري), and م also metres or p.m. after a number.
    "م هـ ه",
)
# A percentage written out in two words, both spaces kept; and its signs.
_PER_CENT = "في (?=المئة|المائة)"
_SIGNS = "%\u066a"
_MARKS = "\u064b-\u0652"  # tanwin, harakat, shadda, sukun
_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"

_WORDS = sorted({w for line in UNIT_WORDS for w in line.split()}, key=len, reverse=True)
_UNIT = (
    f"(?:(?:{'|'.join(_WORDS)})(?:[{_MARKS}]*\u0627)?[{_MARKS}]*"
    f"(?![{_ARABIC_LETTER}{_MARKS}\u0640])|ق\\.م|[{_SIGNS}])"
)
# A number's last digit, any inline tags closing after it (**15** مليون), a space, the unit.
# Not a superscript's: a footnote's number (<sup><a …>1</a></sup>) counts nothing of the
# word after it. Opens with the digit, a class of characters that re looks for fast.
_NUMBER_UNIT = re.compile(f"([{_DIGIT}](?:</(?!sup>)[a-z]+>)*) (?:({_PER_CENT})|(?={_UNIT}))")


def keep_units(markup: str) -> str:
    """An Arabic block's HTML with the space between a number and a word of UNIT_WORDS
    (ق.م, في المئة, '%'), a no-break space, in its text only, never in a tag."""
    if _NUMBER_UNIT.search(markup) is None:  # most paragraphs: one scan
        return markup
    return _NUMBER_UNIT.sub(lambda m: _glued(markup, m), markup)


def _glued(markup: str, match: re.Match[str]) -> str:
    """The match with its spaces no-break spaces, unless it is inside a tag (an alt text)."""
    if markup.rfind("<", 0, match.start()) > markup.rfind(">", 0, match.start()):
        return match.group(0)
    per_cent = (match.group(2) or "").replace(" ", "\u00a0")  # في المئة
    return f"{match.group(1)}\u00a0{per_cent}"
