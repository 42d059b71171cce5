"""Arabic inside English text and Latin inside Arabic, set apart for the bidirectional
algorithm (pure).

In a left-to-right paragraph a run of Arabic pulls the neutral characters and digits after it
into its own right-to-left order: "the party حزب الدعوة 2 seats" showed the 2 before the name.
Each run in a <bdi lang="ar"> is isolated (the 2 stays after it) and set in the Naskh face.
In an Arabic paragraph the last full stop of "U.S." was drawn before the U: a run of Latin,
with the full stop of an abbreviation such as U.S. or U.N., goes in a <bdi lang="en">, and
so does a web or mail address, whole.

Plain text has no <bdi>: a feed reader shows an entry's title and summary as text, in the
reader's own direction. There Unicode's isolates set a run apart as <bdi> does (browsers,
and so readers, honour both): RLI … PDI right to left, LRI … PDI left to right."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from .markdown import Block, escape_html, may_hold_address

# A run begins and ends with an Arabic letter or mark (not a digit: digits around a name
# belong to the English sentence); spaces, digits and Arabic punctuation may stand between.
_LETTER = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
# An underscore joins the words of a hashtag (#انتخابات_كردستان): cut there, an English
# line drew its two words in English order.
_INSIDE = (
    _LETTER + " \u00a0\u200c_0-9\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u061f\u066b\u066c\u06d4"
)
_ARABIC_RUN = re.compile(f"[{_LETTER}](?:[{_INSIDE}]*[{_LETTER}])?")
ARABIC_LETTER = re.compile(f"[{_LETTER}]")  # of Arabic script, its marks included
_TAG = re.compile(r"(<[^>]*>)")
# A run of Latin: from a letter to a letter or digit (F-16, COVID-19, AT&T, Apple Inc,
# file_name_v2), and the full stop closing an abbreviation of letters and stops (U.S., U.N.),
# not one ending a sentence. A hashtag or a handle (#KRG_Elections, @IraqiGov_PMO) is one run
# with its '#' or '@': cut at the sign and at each '_', its pieces were drawn right to left
# ("PMO_IraqiGov@", another account). A web or mail address is not read with it but taken
# whole (see _latin_runs). Each alternative opens with a character, not the sign's optional
# group, so that re looks only at the places a run can start: twice as fast.
_LATIN_RUN = re.compile(
    r"(?:[A-Za-z]|[#@](?<![A-Za-z0-9_][#@])[0-9_]*[A-Za-z])"
    r"(?:[A-Za-z0-9 _.'\u2019/&-]*[A-Za-z0-9])?(?:(?<=\.[A-Za-z])\.)?"
)
_LATIN_LETTER = re.compile("[A-Za-z]")
_RLI, _LRI, _PDI = "\u2067", "\u2066", "\u2069"


def isolate_arabic(markup: str) -> str:
    """The HTML with each run of Arabic in its text (never in a tag) wrapped in <bdi lang="ar">."""
    if _ARABIC_RUN.search(markup) is None:
        return markup
    parts = _TAG.split(markup)
    for i in range(0, len(parts), 2):  # the text between tags: even places of the split
        parts[i] = _ARABIC_RUN.sub(lambda run: f'<bdi lang="ar">{run.group(0)}</bdi>', parts[i])
    return "".join(parts)


def isolate_latin(block: Block) -> str:
    """An Arabic block's HTML with each run of Latin in its text (never in a tag) wrapped in
    <bdi lang="en">. The text between tags is read unescaped (the letters of &quot; are no
    word) and escaped again as markdown-it escapes it."""
    if _LATIN_LETTER.search(block.text) is None:  # most Arabic paragraphs: nothing to do
        return block.html
    parts = _TAG.split(block.html)
    for i in range(0, len(parts), 2):  # the text between tags: even places of the split
        text = html.unescape(parts[i])
        if _LATIN_LETTER.search(text) is not None:
            parts[i] = latin_isolated(text)
    return "".join(parts)


def latin_isolated(text: str) -> str:
    """Plain Arabic text (an excerpt, a quoted sentence) as HTML, escaped, each run of Latin
    in a <bdi lang="en">."""
    pieces, cursor = [], 0
    for start, end in _latin_runs(text):
        pieces += [escape_html(text[cursor:start]), '<bdi lang="en">']
        pieces += [escape_html(text[start:end]), "</bdi>"]
        cursor = end
    return "".join(pieces) + escape_html(text[cursor:])


def _latin_runs(text: str) -> Iterator[tuple[int, int]]:
    """Where each run of Latin in an Arabic text starts and ends. A web or mail address is one
    run, whole, from the first character to the last that a body links (autolinks.py decides
    both): cut at its ':' '?' '=' '@' into runs of Latin, its pieces were set right to left
    (`=15 id? moelc.gov.iq/news ://https`), and a run ending elsewhere than its link drew the
    link's end apart from it."""
    cursor = 0
    for start, end in _address_spans(text):
        yield from (run.span() for run in _LATIN_RUN.finditer(text, cursor, start))
        yield start, end
        cursor = end
    yield from (run.span() for run in _LATIN_RUN.finditer(text, cursor))


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
    pieces, cursor = [_RLI], 0
    for start, end in _latin_runs(text):
        pieces += [text[cursor:start], _LRI, text[start:end], _PDI]
        cursor = end
    return "".join([*pieces, text[cursor:], _PDI])


def arabic_isolated_plain(text: str) -> str:
    """Plain English text as plain text with each run of Arabic in it set apart, right to
    left (as <bdi lang="ar"> sets it apart on a page)."""
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
