"""Arabic inside English text and Latin inside Arabic, set apart for the bidirectional
algorithm (pure).

In a left-to-right paragraph a run of Arabic pulls the neutral characters and digits after it
into its own right-to-left order: "the party حزب الدعوة 2 seats" showed the 2 before the name.
Each run in a <bdi lang="ar"> is isolated (the 2 stays after it) and set in the Naskh face.
In an Arabic paragraph the last full stop of "U.S." was drawn before the U: a run of Latin,
with the full stop of an abbreviation such as U.S. or U.N., goes in a <bdi lang="en">, and
so does a web or mail address, whole. A hashtag that mixes Arabic with Latin letters or
digits (#COP28_العراق, #العراق_2024, #بغداد_Baghdad) is one <bdi> in the direction of its
first letter, as the tag is read (left to right from the C of #COP28_العراق, right to left
from the ع of #العراق_2024); its Latin inside it is set apart as anywhere else. The direction
is written out, not left to dir="auto", which skips the <bdi> of the Latin inside the tag and
so read #COP28_العراق right to left from its ع. In English text every hashtag holding Arabic,
mixed or not (#انتخابات_كردستان too), is such a unit, its Arabic set apart inside it: with
its Arabic alone set apart, "#العراق_2024" was drawn "#2024_العراق" and "#COP28_العراق" kept
its '#' away from the Arabic word it tags.

Plain text has no <bdi>: a feed reader shows an entry's title and summary as text, in the
reader's own direction. There Unicode's isolates set a run apart as <bdi> does (browsers,
and so readers, honour both): RLI … PDI right to left, LRI … PDI left to right."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence

from ..core.arabic import PROCLITICS
from .bodyparser import may_hold_address
from .markdown import Block
from .mentionmarks import escape_html
from .numberunits import keep_units

# A digit: Western, Arabic-Indic and Eastern Arabic-Indic (Persian and Urdu write those).
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# A run begins and ends with an Arabic letter or mark (not a digit: digits around a name
# belong to the English sentence); spaces, digits and Arabic punctuation may stand between.
_LETTER = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
# An underscore joins the words of a hashtag (#انتخابات_كردستان): cut there, an English
# line drew its two words in English order.
_INSIDE = _LETTER + " \u00a0\u200c_" + _DIGIT + "\u060c\u061b\u061f\u066b\u066c\u06d4"
_ARABIC_RUN = re.compile(f"[{_LETTER}](?:[{_INSIDE}]*[{_LETTER}])?")
ARABIC_LETTER = re.compile(f"[{_LETTER}]")  # of Arabic script, its marks included
_TAG = re.compile(r"(<[^>]*>)")
# A run of Latin: from a letter to a letter or digit (F-16, COVID-19, AT&T, Apple Inc,
# file_name_v2), and the full stop closing an abbreviation of letters and stops (U.S., U.N.),
# not one ending a sentence. A hashtag or a handle (#KRG_Elections, @IraqiGov_PMO) is one run
# with its '#' or '@': cut at the sign and at each '_', its pieces were drawn right to left
# ("PMO_IraqiGov@", another account). A web or mail address is not read with it but taken
# whole (see _latin_runs). A number written onto Latin letters (5G, 4K, $5M, 12.5km) is part
# of their run: the letters alone set apart, "شبكة 5G" was drawn "G5" and "$5M" "M$5". Each
# alternative opens with a character, not the sign's optional group, so that re looks only
# at the places a run can start: twice as fast.
_LATIN_RUN = re.compile(
    r"(?:[A-Za-z]|[#@](?<![A-Za-z0-9_][#@])[0-9_]*[A-Za-z]"
    r"|[$\u20ac\u00a3][0-9][0-9.,]*[A-Za-z]|(?<![0-9.,$\u20ac\u00a3])[0-9][0-9.,]*[A-Za-z])"
    r"(?:[A-Za-z0-9 _.'\u2019/&-]*[A-Za-z0-9])?(?:(?<=\.[A-Za-z])\.)?"
)
# A number in groups of digits parted by spaces (a phone number, +964 770 123 4567; 25 000):
# in a right-to-left line the bidirectional algorithm orders the groups right to left, and
# "+964 770 123 4567" was drawn "4567 123 770 964+", another number. It is set apart left to
# right, in no language (its digits stay in the text's face). It may follow an Arabic letter
# (و+964 …, بـ 25 000), not a Latin one, a digit or a mark of a number. So is a number with
# its sign (+19, −31, +١٩, -4.5%, a table's column of changes): a right-to-left line drew
# its sign after it ("19+", "٣١−"), where the author wrote it before the number. It may follow
# a proclitic (و−٣١), not a word, whose '-' joins it to a number (كوفيد-19, F-16).
_NUMBERS_AS_TYPED = re.compile(
    f"(?<![A-Za-z{_DIGIT}.,+])\\+?[{_DIGIT}]+(?:[ \u00a0][{_DIGIT}]+)+(?![A-Za-z{_DIGIT}])"
    f"|(?<![A-Za-z{_DIGIT}.,+\\-\u2212])(?<![{_LETTER}]{{2}})"
    f"(?:(?<![{_LETTER}])|(?<=[{PROCLITICS}]))"
    f"[+\\-\u2212][{_DIGIT}]+"
    f"(?:[.,\u066b\u066c][{_DIGIT}]+)*[%\u066a]?(?![A-Za-z{_DIGIT}])"
)
_LATIN_LETTER = re.compile("[A-Za-z]")
# Whether a text may need a run of Latin, a number in groups or a signed number set apart: one
# scan that opens with one class of characters, which re looks for fast (0.9 µs a paragraph
# of the demo against 1.4 for the Latin letter alone it replaces, and 3.7 written as an
# alternation).
_TO_SET_APART = re.compile(
    f"[A-Za-z{_DIGIT}+\\-\u2212]"
    f"(?:(?<=[A-Za-z])|(?<=[+\\-\u2212])(?=[{_DIGIT}])|(?<![+\\-\u2212])(?=[ \u00a0][{_DIGIT}]))"
)
_RLI, _LRI, _PDI = "\u2067", "\u2066", "\u2069"
# A hashtag of any script: its '#' after no Latin letter or digit nor a mark of an address or
# an entity (C#, &#39;, /#p3), then letters, digits, marks and underscores, with the links of
# the mentions the matcher found in it (#COP28_<a href="…">العراق</a>): its Latin alone set
# apart, "#COP28" and "_العراق" were drawn in the paragraph's order, "العراق_#COP28". Only one
# that mixes Arabic with Latin letters or digits is set apart (_MIXED): an Arabic one reads
# right to left as its paragraph does, a Latin one is a run of Latin (_LATIN_RUN). In English
# text every one holding Arabic is set apart: an English line drew the '#' of an Arabic one
# after it, on its left (isolate_arabic).
_TAG_CHAR = "[\\w\u200c\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_TAG_SIGN = "(?<![A-Za-z0-9_&/#@.:=?%-])#"
_HASHTAG = re.compile(f"{_TAG_SIGN}{_TAG_CHAR}+")
_HASHTAG_HTML = re.compile(f"{_TAG_SIGN}(?:{_TAG_CHAR}|<a\\b[^>]*>|</a>)*{_TAG_CHAR}")
_MIXED = re.compile(f"[A-Za-z{_DIGIT}]")
_LINK_OPEN, _LINK_CLOSE = re.compile("<a\\b"), "</a>"


def isolate_arabic(markup: str) -> str:
    """The HTML with each run of Arabic in its text (never in a tag) wrapped in <bdi lang="ar">,
    and each hashtag holding Arabic one <bdi> in the direction of its first letter."""
    if _ARABIC_RUN.search(markup) is None:
        return markup
    return _with_hashtags(markup, _isolate_arabic_runs, _HTML_ISOLATES, _HASHTAG_HTML, "en")


def _isolate_arabic_runs(markup: str) -> str:
    """HTML with each run of Arabic in its text in <bdi lang="ar">."""
    parts = _TAG.split(markup)
    for i in range(0, len(parts), 2):  # the text between tags: even places of the split
        parts[i] = _ARABIC_RUN.sub(lambda run: f'<bdi lang="ar">{run.group(0)}</bdi>', parts[i])
    return "".join(parts)


def isolate_latin(block: Block) -> str:
    """An Arabic block's HTML with each run of Latin in its text (never in a tag) wrapped in
    <bdi lang="en">, each number in groups or with its sign in <bdi dir="ltr">, and each
    number kept on one line with the unit after it (numberunits.py). The text between tags
    is read unescaped (the letters of &quot; are no word) and escaped again as markdown-it
    escapes it."""
    if "#" not in block.text and _TO_SET_APART.search(block.text) is None:  # most of them
        return keep_units(block.html)
    return keep_units(
        _with_hashtags(block.html, _isolate_latin_runs, _HTML_ISOLATES, _HASHTAG_HTML)
    )


def _isolate_latin_runs(markup: str) -> str:
    """HTML with each run of Latin in its text in <bdi lang="en">."""
    parts = _TAG.split(markup)
    for i in range(0, len(parts), 2):  # the text between tags: even places of the split
        text = html.unescape(parts[i])
        if _TO_SET_APART.search(text) is not None:
            parts[i] = _latin_runs_html(text)
    return "".join(parts)


def latin_isolated(text: str) -> str:
    """Plain Arabic text (an excerpt, a quoted sentence) as HTML, escaped, each run of Latin
    in a <bdi lang="en">, each number in groups or with its sign in a <bdi dir="ltr">, each
    hashtag mixing Arabic with Latin or digits in a <bdi>."""
    return _with_hashtags(text, _latin_runs_html, _HTML_ISOLATES, _HASHTAG)


# How a mixed hashtag is set apart, left to right or right to left, and closed.
_Isolates = tuple[str, str, str]
_HTML_ISOLATES: _Isolates = ('<bdi dir="ltr">', '<bdi dir="rtl">', "</bdi>")
_PLAIN_ISOLATES: _Isolates = (_LRI, _RLI, _PDI)


def _with_hashtags(
    text: str,
    outside: Callable[[str], str],
    isolates: _Isolates,
    hashtag: re.Pattern[str],
    lang: str = "ar",
) -> str:
    """``text`` (plain, or HTML: ``hashtag`` says) of a page in ``lang`` with each hashtag
    that its language sets apart (_mixed_hashtags), as ``outside`` makes any text, set apart
    by ``isolates`` in the direction of its first letter."""
    pieces, cursor = [], 0
    for start, end, latin_first in _mixed_hashtags(text, hashtag, lang):
        opening = isolates[0] if latin_first else isolates[1]
        pieces += [outside(text[cursor:start]), opening, outside(text[start:end]), isolates[2]]
        cursor = end
    return "".join(pieces) + outside(text[cursor:])


def _mixed_hashtags(
    markup: str, hashtag: re.Pattern[str], lang: str = "ar"
) -> Iterator[tuple[int, int, bool]]:
    """Where each hashtag that mixes Arabic with Latin letters or digits (in English text
    ``lang`` "en": each one holding Arabic) starts and ends in text or HTML (in text, never
    in a tag, with every link opened in it closed in it), and whether its first letter is
    Latin."""
    if "#" not in markup:  # nearly every paragraph: no regex
        return
    for tag in hashtag.finditer(markup):
        start, end = tag.span()
        if hashtag is _HASHTAG_HTML and markup.rfind("<", 0, start) > markup.rfind(">", 0, start):
            continue  # in a tag's attribute (href="#…")
        opened = len(_LINK_OPEN.findall(markup, start, end))
        closed = markup.count(_LINK_CLOSE, start, end)
        while closed < opened and markup.startswith(_LINK_CLOSE, end):  # the last word's link
            end, closed = end + len(_LINK_CLOSE), closed + 1
        shown = _TAG.sub("", markup[start:end])
        arabic = ARABIC_LETTER.search(shown)
        if closed == opened and arabic and (lang == "en" or _MIXED.search(shown)):
            latin = _LATIN_LETTER.search(shown)
            yield start, end, latin is not None and latin.start() < arabic.start()


def _latin_runs_html(text: str) -> str:
    """Plain text as HTML, escaped, each run of Latin in a <bdi lang="en">, each number in
    groups in a <bdi dir="ltr">."""
    pieces, cursor = [], 0
    for start, end, latin in _latin_runs(text):
        opening = '<bdi lang="en">' if latin else '<bdi dir="ltr">'
        pieces += [escape_html(text[cursor:start]), opening]
        pieces += [escape_html(text[start:end]), "</bdi>"]
        cursor = end
    return "".join(pieces) + escape_html(text[cursor:])


def _latin_runs(text: str) -> Iterator[tuple[int, int, bool]]:
    """Where each run of Latin in an Arabic text starts and ends (True), and each number in
    groups of digits between them (False). A web or mail address is one run, whole, from the
    first character to the last that a body links (autolinks.py decides both): cut at its ':'
    '?' '=' '@' into runs of Latin, its pieces were set right to left
    (`=15 id? moelc.gov.iq/news ://https`), and a run ending elsewhere than its link drew the
    link's end apart from it."""
    cursor = 0
    for start, end in _address_spans(text):
        yield from _runs_between(text, cursor, start)
        yield start, end, True
        cursor = end
    yield from _runs_between(text, cursor, len(text))


def _runs_between(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The runs of Latin of text[start:end] (True) and its numbers in groups or with their
    signs (False)."""
    cursor = start
    for run in _LATIN_RUN.finditer(text, start, end):
        yield from (
            (*n.span(), False) for n in _NUMBERS_AS_TYPED.finditer(text, cursor, run.start())
        )
        yield run.start(), run.end(), True
        cursor = run.end()
    yield from ((*n.span(), False) for n in _NUMBERS_AS_TYPED.finditer(text, cursor, end))


def _address_spans(text: str) -> list[tuple[int, int]]:
    """The addresses of the text that hold Latin (an address all in Cyrillic, `пример.рф`, is
    linked but no run of Latin)."""
    if not may_hold_address(text):  # most text: linkify-it is not even imported
        return []
    from .autolinks import address_spans

    return [(s, e) for s, e in address_spans(text) if _LATIN_LETTER.search(text, s, e)]


def name_html(name: str, lang: str) -> str:
    """A name shown beside a date (an article's outlet) as HTML on a page of `lang`, escaped:
    as it is when written in the page's script, else in a <bdi> tagged with the name's
    language, so that it neither reorders the line around it nor is read aloud in the page's
    voice (an Arabic outlet with no English name yet on an English page, a Latin one on an
    Arabic page), as the search results show an outlet. No wrapper otherwise: entity pages
    and lists show one per article, and nothing styles it."""
    arabic = _ARABIC_RUN.search(name) is not None
    if arabic == (lang == "ar"):
        return escape_html(name)
    return f'<bdi lang="{"ar" if arabic else "en"}">{escape_html(name)}</bdi>'


def names_html(names: Sequence[str], lang: str) -> str:
    """A byline's names as one phrase of `lang` (each as name_html shows it): "A, B and C";
    in Arabic "أ، ب وج", the و joined to the name it comes before, as Arabic writes it."""
    shown = [name_html(name, lang) for name in names]
    if len(shown) < 2:
        return "".join(shown)
    last = f" و{shown[-1]}" if lang == "ar" else f" and {shown[-1]}"
    return ("، " if lang == "ar" else ", ").join(shown[:-1]) + last


def latin_isolated_plain(text: str) -> str:
    """Plain Arabic text (a headline, an excerpt) as plain text drawn right to left whatever
    the direction around it, each run of Latin in it set apart (as latin_isolated does)."""
    if not text:
        return text
    return _RLI + _with_hashtags(text, _latin_runs_plain, _PLAIN_ISOLATES, _HASHTAG) + _PDI


def _latin_runs_plain(text: str) -> str:
    """Plain text with each run of Latin between LRI and PDI."""
    pieces, cursor = [], 0
    for start, end, _ in _latin_runs(text):
        pieces += [text[cursor:start], _LRI, text[start:end], _PDI]
        cursor = end
    return "".join([*pieces, text[cursor:]])


def arabic_isolated_plain(text: str) -> str:
    """Plain English text as plain text with each run of Arabic in it set apart, right to
    left (as <bdi lang="ar"> sets it apart on a page), and each hashtag holding Arabic in the
    direction of its first letter (as isolate_arabic sets it apart)."""
    return _with_hashtags(text, _arabic_runs_plain, _PLAIN_ISOLATES, _HASHTAG, "en")


def _arabic_runs_plain(text: str) -> str:
    """Plain text with each run of Arabic between RLI and PDI."""
    return _ARABIC_RUN.sub(lambda run: f"{_RLI}{run.group(0)}{_PDI}", text)


def english_title_plain(title_en: str | None, title_ar: str, pending: str) -> str:
    """An article's English title as plain text (its English page's <title> and og:title, a
    feed entry's title, the page at its earlier address): the gloss's title, each run of
    Arabic in it set apart; while the gloss has none, `pending` (the UI's "English title
    pending") then the Arabic headline set apart right to left. The words and their order are
    those a page shows as HTML (templates/_english_title.html): one rule, so that a reader
    and a crawler meet the same title wherever the article is named, and the Arabic is never
    passed off as the English title."""
    if title_en:
        return arabic_isolated_plain(title_en)
    return f"{pending} {latin_isolated_plain(title_ar)}"
