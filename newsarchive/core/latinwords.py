"""Latin words as the search reads them (pure): an apostrophe between two Latin letters and
the full stop after each single letter of an abbreviation dropped, as Pagefind drops them
from the words it indexes (`O'Brien` is obrien, `U.N.` is un), and each word keyed as the
search page keys a word (templates/static/js/readings.js, toKey). The search's key copy
(assembly/searchruns.py), the names the search page offers (assembly/searchnames.py) and
the English spellings of a name (entities/englishspellings.py) read words by this one rule.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .arabic import tokenize

# An apostrophe between two Latin letters, and the full stop after each single letter of an
# abbreviation, which Pagefind drops from the words it indexes (O'Brien is indexed as
# obrien, organisation's as organisations, U.N. as un): a query drops them too, or the
# letters on either side would be words that no text holds (O, Brien; s; U, N).
_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_APOSTROPHE = re.compile(f"(?<=[{_LATIN}])['\u2019](?=[{_LATIN}])")
_ABBREVIATION_STOP = re.compile(f"(?<![{_LATIN}])([{_LATIN}])\\.(?=[{_LATIN}](?![{_LATIN}]))")


def latin_words_joined(text: str) -> str:
    """`text` with the apostrophes and abbreviations' full stops Pagefind drops from Latin
    words dropped too (`O'Brien` is obrien, `U.N.` is un)."""
    return _ABBREVIATION_STOP.sub(r"\1", _LATIN_APOSTROPHE.sub("", text))


def latin_key(word: str) -> str:
    """A Latin word as the search page keys it (readings.js, toKey): lowercased as
    JavaScript's toLowerCase does, not casefolded (`Straße` stays straße, as Pagefind
    indexes it, not strasse), its accents dropped (`Qāsim` is qasim, `İbrahim` ibrahim)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class LatinWord(NamedTuple):
    """A word of a text as the search reads it: where the text writes it, and its key."""

    start: int
    end: int
    key: str


def latin_words(text: str) -> tuple[LatinWord, ...]:
    """The words of `text` as the search reads them (latin_words_joined, then the search's
    words, arabic.tokenize), with their offsets in `text` itself: `O'Brien's` is one word,
    obriens, written from the O to the s."""
    joined = latin_words_joined(text)
    if joined == text:
        return tuple(
            LatinWord(t.start, t.end, latin_key(text[t.start : t.end])) for t in tokenize(text)
        )
    # Only characters were dropped, each followed by a letter kept: the kept characters are
    # found in order (at[i] is where joined[i] stands in text).
    at: list[int] = []
    for index, char in enumerate(text):
        if len(at) < len(joined) and joined[len(at)] == char:
            at.append(index)
    return tuple(
        LatinWord(at[t.start], at[t.end - 1] + 1, latin_key(joined[t.start : t.end]))
        for t in tokenize(joined)
    )
