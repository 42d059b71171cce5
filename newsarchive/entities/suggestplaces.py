"""Places that news copy names without a place word, for registry suggestions (pure): the
dateline an editor pasted with the text (`بغداد/ شفق نيوز/ …`), the place a paragraph turns
to (`وفي البصرة، قال …`), and the places listed after a plural (`محافظتي ميسان وذي قار`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..core.datelineforms import BRACKETS, TWO_SLASHES
from . import suggestcues as cue
from .suggestrules import Candidate, Doc, free, joined

# The two forms whose names are both in the text: CITY/ OUTLET/ and CITY (OUTLET) -.
_TEXT_DATELINE = re.compile(rf"\s*(?:{TWO_SLASHES.pattern}|{BRACKETS.pattern})")
_COMMA = re.compile(r"[^\S\n]*[،,]")


def text_datelines(doc: Doc, body: int) -> Iterator[Candidate]:
    """The place and the outlet of a dateline left at the start of the body's first paragraph,
    in the forms `import` reads: CITY/ OUTLET/ (the usual order, as `import` assumes) and
    CITY (OUTLET) -."""
    match = _TEXT_DATELINE.match(doc.text, body)
    if match is None:
        return
    starts = [token.start for token in doc.tokens]
    place, outlet = ("a", "b") if match.group("a") is not None else ("place", "outlet")
    spans = {
        part: (
            bisect.bisect_left(starts, match.start(part)),
            bisect.bisect_left(starts, match.end(part)) - 1,
        )
        for part in (place, outlet)
    }
    unknown = {
        part: first <= last and all(free(doc, i) for i in range(first, last + 1))
        for part, (first, last) in spans.items()
    }
    if place == "a" and not unknown[place] and unknown[outlet]:
        place, outlet = outlet, place  # شفق نيوز/ أربيل/: the registry knows the outlet
    for part, kind in ((place, "place"), (outlet, "organization")):
        if unknown[part]:
            first, last = spans[part]
            reason = "the dateline's place" if kind == "place" else "the dateline's outlet"
            yield Candidate(doc, first, last, reason, kind)


def paragraph_places(doc: Doc, body: int) -> Iterator[Candidate]:
    """The place a sentence opens on: `وفي البصرة، قال …`, `وفي دير الزور، …` (one word, or a
    plain word and a definite one), not `وفي السياق،`."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.key not in ("وفي", "في") or token.start < body:
            continue
        before = doc.text[tokens[index - 1].end : token.start] if index else "\n"
        if "\n" not in before and "." not in before:
            continue  # not where a sentence starts
        first = last = index + 1
        if first >= len(tokens) or not joined(doc, index, first) or not _place_word(doc, first):
            continue
        if not doc.definite(first) and joined(doc, first, first + 1):
            last = first + 1  # دير الزور, ذي قار
            if not doc.definite(last) or not _place_word(doc, last):
                continue
        if _COMMA.match(doc.text, tokens[last].end):
            word = doc.word(index)
            yield Candidate(doc, first, last, f"after {word} at a sentence's start", "place")


def listed_places(doc: Doc) -> Iterator[Candidate]:
    """Two places or more listed after a plural place word: محافظتي ميسان وذي قار, أقضية
    رانية وقلعة دزة وجمجمال; not a list of adjectives (مدن عراقية وسورية)."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if not cue.is_place_plural(token) or doc.definite(index):
            continue
        items: list[tuple[int, int]] = []
        first = index + 1
        while first < len(tokens) and joined(doc, first - 1, first) and _place_word(doc, first):
            if items and not tokens[first].key.startswith("و"):
                break
            last = first
            following = last + 1
            if (
                joined(doc, last, following)
                and following < len(tokens)
                and _place_word(doc, following)
                and not tokens[following].key.startswith("و")
                and _ends_item(doc, following)
            ):
                last = following  # قلعة دزة, ذي قار, تل السمن
            items.append((first, last))
            first = last + 1
        if len(items) < 2 or all(doc.word(last).endswith(("ي", "ية")) for _, last in items):
            continue
        word = doc.word(index)
        for number, (first, last) in enumerate(items):
            clitics = 1 if number else 0  # وذي قار: the name is ذي قار
            yield Candidate(doc, first, last, f"in a list after {word}", "place", None, clitics)


def _place_word(doc: Doc, index: int) -> bool:
    token = doc.tokens[index]
    return (
        free(doc, index)
        and not cue.is_generic(token)
        and not cue.is_discourse_word(token)
        and not cue.is_direction(token)
        and cue.institution(token) is None
        and not cue.is_speech_verb(token)
    )


def _ends_item(doc: Doc, index: int) -> bool:
    """Token ``index`` can end a listed place's second word: punctuation, و or a function word
    follows, or it is definite (تل السمن)."""
    following = index + 1
    return (
        doc.definite(index)
        or not joined(doc, index, following)
        or doc.function_word(following)
        or doc.tokens[following].key.startswith("و")
    )
