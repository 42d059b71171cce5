"""Datelines of wire copy: which outlet and which place open the first paragraph (pure).

Recognised forms, at the very start of the first paragraph:

    OUTLET/ text                 شفق نيوز/ قال …
    CITY/ OUTLET/ text           بغداد/ شفق نيوز/ أعلنت …
    OUTLET/ CITY/ text           شفق نيوز/ أربيل/ أعلنت …
    CITY - OUTLET: text          بغداد - شفق نيوز: أعلنت …
    CITY-OUTLET: text            بغداد-واع: أعلنت …  (INA's; CITY- OUTLET:, CITY -OUTLET:)
    CITY – OUTLET – text         بغداد – واع – أعلنت …
    CITY (OUTLET) - text         بغداد (رويترز) - قال …
    CITY - D/M/YYYY - text       بغداد - 12/3/2011 - قال …  (the date as written, day first)

Anything else is left in the text untouched: a dateline is taken whole or not at all.
Which of two slash parts is the outlet is decided by `Knowledge.kind` (the registry's
organisations and places first, then the lists and word rules of `core/datelineforms.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.arabic import without_invisibles
from ..core.datelineforms import (
    BRACKETS,
    DASH_COLON,
    DASH_DASH,
    KNOWN_OUTLETS,
    KNOWN_PLACES,
    ONE_SLASH,
    OUTLET_WORDS,
    PLACE_DATE,
    PLACE_WORDS,
    TWO_SLASHES,
)
from ..entities.registry import Registry, name_key

_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Known:
    """A name the registry (or a built-in list) knows: its role and canonical Arabic name."""

    kind: str  # "outlet" | "place"
    ar: str


@dataclass(frozen=True)
class Knowledge:
    """What decides an outlet from a place: names by key, from the registry (organisations
    and groups are outlets, places are places); the built-in lists fill the gaps."""

    names: Mapping[str, Known]

    def lookup(self, name: str) -> Known | None:
        """The registry's (or the lists') entry for a name as written, if any; "وكالة شفق
        نيوز" is also found as "شفق نيوز"."""
        key = name_key(name)
        found = self.names.get(key)
        first, _, rest = key.partition(" ")
        if found is None and first in OUTLET_WORDS and rest:
            inner = self.names.get(rest)
            found = inner if inner is not None and inner.kind == "outlet" else None
        return found

    def kind(self, name: str) -> str | None:
        """The role of a name: "outlet", "place", or None when nothing tells."""
        known = self.lookup(name)
        if known is not None:
            return known.kind
        keys = name_key(name).split()
        if _LATIN.search(name) or any(k in OUTLET_WORDS for k in keys):
            return "outlet"
        if keys and keys[0] in PLACE_WORDS:
            return "place"
        return None


def knowledge(registry: Registry) -> Knowledge:
    """What the registry and the built-in lists know; the registry wins."""
    names: dict[str, Known] = {}
    for outlet in KNOWN_OUTLETS:
        names[name_key(outlet)] = Known("outlet", outlet)
    for place in KNOWN_PLACES:
        names[name_key(place)] = Known("place", place)
    roles = {"organization": "outlet", "group": "outlet", "place": "place"}
    for entity in registry.entities:
        if entity.type not in roles:
            continue
        for name in entity.ar:
            names[name_key(name)] = Known(roles[entity.type], entity.name_ar)
    return Knowledge(names)


@dataclass(frozen=True)
class Dateline:
    """What a dateline said, and the paragraph without it."""

    outlet: str | None  # the registry's canonical name when it knows the outlet
    place: str | None  # as written
    rest: str
    date: str | None = None  # a date after the place (`بغداد - 12/3/2011`), as written


def split_dateline(paragraph: str, known: Knowledge | None = None) -> Dateline:
    """Take the dateline off the start of a first paragraph; no dateline: all None."""
    known = known or Knowledge({})
    marks = _leading_marks(paragraph)
    dated = _place_and_date(paragraph[marks:], known)
    taken = _take(paragraph[marks:], known) if dated is None else dated[:3]
    if taken is None:
        return Dateline(None, None, paragraph)
    outlet, place, end = taken
    end += marks  # the marks go with the dateline they stand before
    if end >= len(paragraph):  # nothing after it: not a dateline but the whole text
        return Dateline(None, None, paragraph)
    # A right-to-left mark a word processor put before the place, or tatweel inside a name,
    # is no part of the field a reader sees and an editor searches.
    outlet = without_invisibles(outlet).strip() if outlet else outlet
    place = without_invisibles(place).strip() if place else place
    found = known.lookup(outlet) if outlet else None
    canonical = found.ar if found is not None and found.kind == "outlet" else outlet
    return Dateline(canonical, place, paragraph[end:], dated[3] if dated else None)


def _place_and_date(paragraph: str, known: Knowledge) -> tuple[None, str, int, str] | None:
    """(None, place, where the text starts, the date) of `بغداد - 12/3/2011 - …`: a name
    known as a place, or one or two words not known as an outlet, then a date of figures."""
    match = PLACE_DATE.match(paragraph)
    if match is None:
        return None
    place = match.group("place").strip()
    kind = known.kind(place)
    if kind == "outlet" or (kind is None and len(place.split()) > 2):
        return None
    return None, place, match.end(), match.group("date")


def _dash_names(
    pattern: re.Pattern[str], match: re.Match[str], known: Knowledge
) -> tuple[str, str] | None:
    """(outlet, place) of a dateline with a dash or brackets; None if its names make none."""
    place, outlet = match.group("place").strip(), match.group("outlet").strip()
    kinds = (known.kind(place), known.kind(outlet))
    if kinds[0] == "outlet" and kinds[1] != "outlet":  # OUTLET - CITY: the other way round
        place, outlet, kinds = outlet, place, (kinds[1], kinds[0])
    if pattern is BRACKETS:  # brackets are enough on their own
        return outlet, place
    dash = match.group("dash")
    if pattern is DASH_COLON and dash[0].isspace() and dash[-1].isspace():
        # "قال الوزير - في تصريح: …" is a sentence: a spaced dash and a colon make a
        # dateline only with a name known as a place or an outlet.
        return (outlet, place) if kinds != (None, None) else None
    # INA's `بغداد-واع:` is a hyphenated word to a reader's eye ("في بغداد-واع"), and
    # `خاص - شفق نيوز - قال …` no dateline: here the outlet must be known, and the place
    # known too, or be a single word before a colon.
    one_word = pattern is DASH_COLON and kinds[0] is None and " " not in place
    return (outlet, place) if kinds[1] == "outlet" and (kinds[0] == "place" or one_word) else None


def _leading_marks(paragraph: str) -> int:
    """How many characters of symbols open the paragraph: a Telegram channel's emoji or
    bullet before its dateline (`🔴 البصرة/ شفق نيوز/ …`), with their joiners, variation
    selectors and spaces."""
    for at, char in enumerate(paragraph):
        if not (char in _MARK_PARTS or unicodedata.category(char) in ("So", "Sk")):
            return at
    return len(paragraph)


_MARK_PARTS = frozenset("\u200d\ufe0f\u2022 \t")  # joiner, emoji presentation, bullet, spaces


def _take(paragraph: str, known: Knowledge) -> tuple[str | None, str | None, int] | None:
    """(outlet, place, where the text starts) for the first form that matches whole."""
    two = TWO_SLASHES.match(paragraph)
    if two:
        a, b = two.group("a").strip(), two.group("b").strip()
        if name_key(a).isdigit() or name_key(b).isdigit():  # 17/11/2020 is a date
            return None
        kinds = (known.kind(a), known.kind(b))
        if kinds in (("outlet", "place"), ("outlet", None), (None, "place")):
            return a, b, two.end()
        # CITY/ OUTLET/ is the usual order; nothing telling otherwise, it is assumed.
        if kinds != ("outlet", "outlet") and kinds != ("place", "place"):
            return b, a, two.end()
        return None
    for pattern in (DASH_COLON, DASH_DASH, BRACKETS):
        match = pattern.match(paragraph)
        names = _dash_names(pattern, match, known) if match else None
        if match and names:
            outlet, place = names
            return outlet, place, match.end()
    one = ONE_SLASH.match(paragraph)
    if one:
        name = one.group("a").strip()
        if name_key(name).isdigit():
            return None
        if known.kind(name) == "place":
            return None, name, one.end()
        return name, None, one.end()
    return None
