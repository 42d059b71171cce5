"""An entity's name in English text, however a translator transliterated it (pure).

Why. A name that must go from the archive (a court order, a person's safety) is written in
the English glosses too, and rarely as the registry spells it: `Sarah al-Jubouri` is also
`Sara al-Juburi` and `Al-Jabouri's` there. `entities find --entity ID` lists those places
beside the Arabic mentions, so that an editor removing a name finds every one of them.

How. A word of the text is the entity's when it has the skeleton of a word of the entity's
English names (the registry's variants too): the rule English search reads names' spellings
by (docs/search.md, "Names in other spellings"; templates/static/js/latinnames.js): a final
h after a vowel dropped, a final vowel one sign, the other vowels but a leading one
dropped, doubled letters one. The words are the search's (core/latinwords.py): `O'Brien`
is one word, obrien, and `Straße` straße, as the search page lowercases it; `Jabouri's` is
read as Jabouri too, as the English stemmer reads it. Only a word written with a capital is
read so: an ordinary word of the same skeleton (`sure` beside `Sarah`) is no name in English
prose.
"""

from __future__ import annotations

import re

from ..core.latinwords import latin_key, latin_words
from .registry import Entity

FEWEST_LETTERS = 4  # a shorter word, or skeleton, is read only as written (latinnames.js)
FEWEST_SIGNS = 3
FINAL_VOWEL = "V"
JOINING = frozenset({"al", "el", "the", "of", "and", "for", "to", "de"})
# A possessive's 's: the search's English stemmer reads `Jabouri's` (indexed jabouris) as
# Jabouri, so the word is read without it too.
_POSSESSIVE = re.compile("['\u2019][sS]$")


def skeleton(word: str) -> str | None:
    """How a Latin word transliterates (`Jubouri`, `Juburi` and `Jabouri` are jbrV), or None
    for a word of fewer than four letters a-z, a joining word, or a skeleton under three."""
    key = latin_key(word)
    if not re.fullmatch("[a-z]+", key) or len(key) < FEWEST_LETTERS or key in JOINING:
        return None
    key = re.sub("(?<=[aeiou])h$", "", key)
    final = FINAL_VOWEL if re.search("[aeiouy]$", key) else ""
    body = re.sub("(?:[aeiou]+|y)$", "", key)
    shape = re.sub(r"(.)\1+", r"\1", body[:1] + re.sub("[aeiou]", "", body[1:])) + final
    return shape if len(shape) >= FEWEST_SIGNS else None


def word_skeletons(written: str, key: str) -> set[str]:
    """The skeletons a word of text is read by: its key's, and without a possessive's 's."""
    found = {skeleton(key)}
    if _POSSESSIVE.search(written):
        found.add(skeleton(key[:-1]))
    return {shape for shape in found if shape is not None}


def name_skeletons(entity: Entity) -> frozenset[str]:
    """The skeletons of the words of an entity's English names (none while it has none),
    the words read as the search reads them (`O'Brien` is obrien)."""
    words = (word for name in entity.en_names for word in latin_words(name))
    return frozenset(s for s in (skeleton(word.key) for word in words) if s is not None)


# What may stand between two words of one name: spaces, a hyphen, a joining word (`Sarah al-`).
_BETWEEN = re.compile(r"[ \-\u2010\u2011]*(?:(?:al|el|the|of|de)[ \-\u2010\u2011]+)?", re.I)


def english_spellings(skeletons: frozenset[str], text: str) -> list[tuple[int, int]]:
    """Where the text writes words of those skeletons with a capital: (start, end) of each
    run of them, a name's words written together being one (`Sara al-Juburi`). The text's
    words are the search's (core/latinwords.py): `O'Brien` one word, obrien."""
    spans: list[tuple[int, int]] = []
    for word in latin_words(text):
        written = text[word.start : word.end]
        if not written[0].isupper() or not word_skeletons(written, word.key) & skeletons:
            continue
        start, end = word.start, word.end
        if skeleton(word.key) not in skeletons:  # the name is the word before its 's
            end -= 2
        if spans and _BETWEEN.fullmatch(text, spans[-1][1], start):
            start = spans.pop()[0]
        spans.append((start, end))
    return spans
