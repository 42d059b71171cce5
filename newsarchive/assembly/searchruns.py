"""Runs of text between spaces that hold several words (F-16, U.S.-led, 4.7%, 120,000):
the words Pagefind indexes for them, the numbers it joins their digits into, and a number
written in groups of thousands read as the one number it is (pure). The search key copy
(searchtext.key_text) is made with them, and templates/static/js/readings.js reads a
query's words and grouped numbers alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from ..core.arabic import CONJUNCTIONS, PREPOSITIONS, Token, tokenize
from ..core.latinwords import latin_words_joined

# Pagefind indexes each run of text between spaces with its non-word characters dropped, so a
# decimal number (4.7, ٤٫٧) or a date (23/7) is to it also the word its digits make together
# (47, 237), which the article does not hold: a search for 47 listed an article about 4.7%
# inflation. The key copy names each such run as JOINED_NUMBER and those digits, so that the
# search page checks the text of an article Pagefind finds for a number only when the article
# also holds it so (parts.js, withoutJoinedNumbers). Thousands written in groups (1,320,
# ١٬٣٢٠) are the number they join to, and are not named (grouped_numbers).
JOINED_NUMBER = "joineddigits"
# A run between spaces holding two words (a character of a word, then others that are not,
# then a word's again): only such a run can be a number in several words, and tokenizing
# every run to ask was three quarters of the key text's time.
_SEVERAL_WORDS = re.compile(r"(?<!\S)\S*?[^\W_](?:[^\w\s]|_)+[^\W_]\S*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[,\u066c]\d{3})+$")
# The marks between a number's groups of thousands (120,000, ١٢٠٬٠٠٠): the comma and Arabic's
# thousands separator.
_GROUP_MARKS = frozenset(",\u066c")
# The first group may carry a proclitic, as a number may (و120,000 is و + 120000, as و47 is 47).
_LEADING_GROUP = re.compile(f"[{CONJUNCTIONS}]?[{PREPOSITIONS}]?([0-9]{{1,3}})")
_GROUP = re.compile(r"[0-9]{3}")
# Where Pagefind splits a run it indexes into parts (pagefind_words): at ASCII punctuation,
# then where letters meet digits and where a capital follows a small letter or starts the
# last word of a run of capitals (WKWeb: wk, web).
_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]+")
_CASE_OR_DIGIT_PARTS = re.compile(r"\d+|[A-Z]+(?![a-z])|[A-Z]?[^\W\dA-Z_]+|[^\W\d_]+")


def _number_runs(texts: Iterable[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each run of `texts` between spaces that is one number in several words (4.7, 1,320,
    ٤٫٧, 23/7/2024, in brackets or before a % too): its digits as written and its words' keys."""
    for run in _SEVERAL_WORDS.findall("\n".join(texts)):
        tokens = tokenize(run)
        keys = tuple(token.key for token in tokens)
        if len(keys) >= 2 and all(key.isascii() and key.isdigit() for key in keys):
            yield run[tokens[0].start : tokens[-1].end], keys


def joined_numbers(texts: Iterable[str]) -> tuple[str, ...]:
    """The key-copy words naming the runs of `texts` that Pagefind indexes as a number they do
    not hold (JOINED_NUMBER and the digits of 4.7, 1.5.2, ٤٫٧ or 23/7, in ASCII), each once."""
    return _joined(_number_runs(texts))


def _joined(runs: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            JOINED_NUMBER + "".join(keys) for digits, keys in runs if not _THOUSANDS.match(digits)
        )
    )


def unindexed_words(texts: Iterable[str]) -> tuple[str, ...]:
    """The words a query reads in the runs of `texts` that hold several (f and 16 of F-16, us
    and led of U.S.-led, 3 and 5 of 3.5%: a query's words) which Pagefind's own indexing of
    those runs does not hold (pagefind_words), each once: an English key copy's, as an
    English record has no key copy of its words."""
    found = (
        token.key
        for run in _SEVERAL_WORDS.findall("\n".join(texts))
        for token in tokenize(latin_words_joined(run))
        if token.key not in pagefind_words(run)
    )
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1 << 14)
def pagefind_words(run: str) -> frozenset[str]:
    """The words Pagefind 1.5 indexes for a run between spaces (its splitting.rs), before
    stemming: the word its letters and digits make together (f16 of F-16), and, as the run
    holds punctuation, the parts between its ASCII punctuation, split again where letters
    meet digits or a capital follows a small letter, of two bytes or more (16 of F-16, never
    its f; 400 of S-400, not s). Where unsure the set is smaller than Pagefind's (a part
    beside other punctuation, an en dash or ٫, is left out): a word it leaves out is only
    carried twice, where one it held wrongly would be a word no query finds."""
    whole = "".join(ch for ch in run if ch.isalnum())
    parts = (
        piece
        for chunk in _ASCII_PUNCTUATION.split(run)
        if chunk.isalnum()
        for piece in _CASE_OR_DIGIT_PARTS.findall(chunk)
        if len(piece.encode()) > 1
    )
    return frozenset(map(_pagefind_form, (whole, *parts)))


def _pagefind_form(word: str) -> str:
    """A word as Pagefind indexes it: in small letters, accents dropped (Eastern digits kept,
    unlike its key: ٣٥ is no 35 to Pagefind)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def grouped_number_end(text: str, tokens: Sequence[Token], at: int) -> int:
    """Where the number written in groups of thousands that starts at tokens[at] ends (the
    index after its last group), or at + 1 when none starts there: a group of one to three
    digits (a proclitic on it or not), then groups of three each after one comma or ٬
    (120,000, ١٢٠٬٠٠٠, 1,480, و120,000), in either digit set. A query reads such a number
    as one word, its digits joined (120000), as Pagefind reads the text's; as two words it
    matched every 000 (docs/search.md)."""
    end = at + 1
    if not _LEADING_GROUP.fullmatch(tokens[at].key):
        return end
    while (
        end < len(tokens)
        and tokens[end].start == tokens[end - 1].end + 1
        and text[tokens[end - 1].end] in _GROUP_MARKS
        and _GROUP.fullmatch(tokens[end].key)
    ):
        end += 1
    return end


def grouped_numbers(texts: Iterable[str]) -> tuple[str, ...]:
    """The numbers `texts` write in groups of thousands that Pagefind does not index as the
    number, joined in ASCII digits (120000), each once: it joins a run as written, so
    ١٢٠٬٠٠٠ is ١٢٠٠٠٠ to it and و120,000 و120000. The key copy holds them, so that the query
    120,000 or 120000 finds every spelling."""
    found: dict[str, None] = {}
    for run in _SEVERAL_WORDS.findall("\n".join(texts)):
        tokens = tokenize(run)
        at = 0
        while at < len(tokens):  # from one number's end on: 120,000 of 1,120,000 is none
            end = grouped_number_end(run, tokens, at)
            lead = _LEADING_GROUP.fullmatch(tokens[at].key)
            if end > at + 1 and lead is not None:
                number = lead.group(1) + "".join(t.key for t in tokens[at + 1 : end])
                if number not in pagefind_words(run):
                    found[number] = None
            at = end
    return tuple(found)
