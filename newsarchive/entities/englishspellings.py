"""An entity's name in English text, however a translator transliterated it (pure).

Why. A name that must go from the archive (a court order, a person's safety) is written in
the English glosses too, and rarely as the registry spells it: `Sarah al-Jubouri` is also
`Sara al-Juburi` and `Al-Jabouri's` there. `entities find --entity ID` lists those places
beside the Arabic mentions, so that an editor removing a name finds every one of them.

How. A word of the text is the entity's when it has the skeleton of a word of the entity's
English names (the registry's variants too): the rule English search reads names' spellings
by (docs/search.md, "Names in other spellings"; templates/static/js/latinnames.js): a final
h after a vowel dropped, a final vowel one sign, the other vowels but a leading one
dropped, doubled letters one. Only a word written with a capital is read so: an ordinary
word of the same skeleton (`sure` beside `Sarah`) is no name in English prose.
"""

from __future__ import annotations

import re
import unicodedata

from .registry import Entity

FEWEST_LETTERS = 4  # a shorter word, or skeleton, is read only as written (latinnames.js)
FEWEST_SIGNS = 3
FINAL_VOWEL = "V"
JOINING = frozenset({"al", "el", "the", "of", "and", "for", "to", "de"})
_WORD = re.compile(r"[^\W\d_]+")


def latin_key(word: str) -> str:
    """A Latin word lowercased, its accents dropped (`Qāsim` is qasim)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


def name_skeletons(entity: Entity) -> frozenset[str]:
    """The skeletons of the words of an entity's English names (none while it has none)."""
    words = (word for name in entity.en_names for word in _WORD.findall(name))
    return frozenset(s for s in map(skeleton, words) if s is not None)


# What may stand between two words of one name: spaces, a hyphen, a joining word (`Sarah al-`).
_BETWEEN = re.compile(r"[ \-\u2010\u2011]*(?:(?:al|el|the|of|de)[ \-\u2010\u2011]+)?", re.I)


def english_spellings(skeletons: frozenset[str], text: str) -> list[tuple[int, int]]:
    """Where the text writes words of those skeletons with a capital: (start, end) of each
    run of them, a name's words written together being one (`Sara al-Juburi`)."""
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        if not match.group()[0].isupper() or skeleton(match.group()) not in skeletons:
            continue
        start, end = match.span()
        if spans and _BETWEEN.fullmatch(text, spans[-1][1], start):
            start = spans.pop()[0]
        spans.append((start, end))
    return spans
