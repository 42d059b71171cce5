"""Which raw texts could name a set of names, without tokenising or matching them (pure).

A registry edit changes the mentions only of articles that named a changed entity or that
contain one of its new names. Finding the latter with the matcher means keying every word of
every article (seconds at 20,000 articles); one regular expression over the raw text finds
a superset in a fraction of that: for each name, one word of it that any match must contain,
each letter written as the set of characters that key to it (core.arabic.to_key: alef and
hamza forms, ى/ي, ة/ه, Persian letters, presentation forms, digits, and the hamza seats the
key folds by their place in a word), with tashkeel, tatweel and invisible characters allowed
between letters. A text holding a character that keys to several letters (a ligature) is
always a candidate. tests/test_matcher.py checks the superset against find_mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..core.arabic import ARTICLE, name_parts, to_key, tokenize

_WAW, _YEH, _HAMZA = "\u0648", "\u064a", "\u0621"


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern found in every text where one of these registry names could be matched
    (and in some others); None when there are no names with letters."""
    stems = sorted({stem for name in names if (stem := _required_stem(name))})
    if not stems:
        return None
    _, gaps, several = _key_sources()
    gap = f"[{re.escape(gaps)}]*"
    alternatives = [gap.join(_letter_pattern(letter) for letter in stem) for stem in stems]
    alternatives.append(f"[{re.escape(several)}\U00010000-\U0010ffff]")
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=256)
def _letter_pattern(letter: str) -> str:
    """The characters a key letter may be written with, as a pattern."""
    sources, gaps, _ = _key_sources()
    written = f"[{re.escape(sources.get(letter, letter))}]"
    if letter == _HAMZA:
        # A word's last hamza keys to ء with the ي before it dropped (شيء → شء): the ي may be there.
        return f"(?:{_letter_pattern(_YEH)}[{re.escape(gaps)}]*)?{written}"
    return written


def _required_stem(name: str) -> str:
    """The longest piece of the name's key that every text matching it contains: a later
    word's key as it is, or the first word's without its article (the text may write
    proclitics before it, and لل+ال drops the article's alef)."""
    keys = [part for token in tokenize(name) for part in name_parts(token.key)]
    if not keys:
        return ""
    first = keys[0].removeprefix(ARTICLE) or keys[0]
    return max([first, *keys[1:]], key=len)


@lru_cache(maxsize=1)
def _key_sources() -> tuple[dict[str, str], str, str]:
    """For each key letter, every character whose key it is; the characters with an empty
    key (marks, tatweel, invisibles); those whose key has several letters."""
    sources: dict[str, list[str]] = {}
    gaps: list[str] = []
    several: list[str] = []
    yeh_seats: list[str] = []  # ئ, composed and in presentation forms
    for code in range(0x10000):  # beyond it: always a candidate (names_pattern)
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        key = to_key(char)
        if unicodedata.normalize("NFKD", char) == "\u064a\u0654":
            yeh_seats.append(char)
        if key == "\u0627":  # a word's first ئ (or ۓ) keys to ا; inside a word, to ي or ء
            for inside in {to_key(f"\u0628{char}\u0628")[1:-1], to_key(f"\u0628{char}")[1:]}:
                if len(inside) == 1 and inside != key:
                    sources.setdefault(inside, []).append(char)
        if not key:
            gaps.append(char)
        elif len(key) == 1:
            sources.setdefault(key, []).append(char)
        else:
            several.append(char)
    # Hamza seats key by their place in the word (arabic._fold_hamza_seats): ئ and ء before و
    # key to و, a word's last ئ to ء, a word's first ئ to ا (Kurdish; alone, as keyed here,
    # ئ is a word's first letter) and any other ئ to ي. ئ is also written decomposed (a yeh,
    # then the hamza mark: a gap) and in presentation forms.
    seats = [_HAMZA, "\u064a", "\u0649", "\u06cc", *yeh_seats]
    sources[_WAW] += seats
    sources[_HAMZA] += seats
    joined = {letter: "".join(dict.fromkeys(chars)) for letter, chars in sources.items()}
    return joined, "".join(gaps), "".join(several)
