"""Names removed from the archive: an article's or gloss's text -> an error at each place it
names a registry entry marked `removed:` (pure).

Why. A name removed for a legal reason (a court order, a person's safety) must never be
published again, and nothing else stops it coming back: an old article imported, a
translator's gloss, a title, a photo's description. Its entry stays in the registry, marked
`removed:` (entities/registry.py), so that the build knows the name: the entry publishes
nothing, and every build that reads an article or gloss naming it fails here.

How. The whole file is read, front matter and notes included (a title, a photo's
description, a correction's note, a gloss's `<!-- ar: … -->`): the Arabic names by the
matcher (the same spellings it links: hamza, ة/ه, attached و ف ب ل ك ال), the English ones
by their skeletons (entities/englishspellings.py: `Sara al-Juburi` is `Sarah al-Jubouri`),
as `entities find --entity ID` lists them, when two words of a name stand in a row or the
word is its surname: a first name alone shares its skeleton with ordinary words (`Sure`
reads as `Sara`; in this project's docs, 3 of 18 common names' words met one), which
`entities find` lists for the editor but would stop every build. A matcher of the removed
entries alone costs a file almost nothing; a registry with none removed costs nothing. A
file where it finds one is matched again with every entry, so that a longer name of another
entity holding the removed one (`سلمان الجبوري` beside a removed `الجبوري`) stays that
entity's, as its pages link it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from ..core.diagnostics import Diagnostic
from ..core.latinwords import latin_words
from ..entities.englishspellings import english_spellings, name_skeletons, skeleton
from ..entities.matcher import Matcher, build_matcher, find_mentions
from ..entities.registry import Entity, Registry
from .registryfile import REGISTRY_FILE


@dataclass(frozen=True)
class RemovedNames:
    """The entries marked removed, a matcher of their Arabic names and the skeletons of
    their English ones."""

    registry: Registry
    matcher: Matcher
    skeletons: tuple[frozenset[str], ...]  # each removed entity's, in its order

    @cached_property
    def everyone(self) -> Matcher:
        """A matcher of every entry, removed or not: a removed name inside a longer name of
        another entity (`الجبوري` in `سلمان الجبوري`) is that entity's, as pages link it.
        Made only once a file holds a removed name."""
        return build_matcher(Registry((*self.registry.entities, *self.registry.removed)))

    def within(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside another entity's English name as the registry
        writes it (`Juburi` in `Salman al-Juburi`, beside a removed `Sara al-Juburi`)."""
        return any(
            found.start() <= start and end <= found.end()
            for pattern in self._english_names
            for found in pattern.finditer(text)
        )

    @cached_property
    def _english_names(self) -> tuple[re.Pattern[str], ...]:
        names = (name for entity in self.registry.entities for name in entity.en_names)
        return tuple(re.compile(re.escape(name), re.IGNORECASE) for name in names)


def removed_names(registry: Registry) -> RemovedNames | None:
    """What to look for of the registry's removed entries; None when it has none."""
    if not registry.removed:
        return None
    skeletons = tuple(name_skeletons(entity) for entity in registry.removed)
    return RemovedNames(registry, build_matcher(Registry(registry.removed)), skeletons)


def removed_mentions(removed: RemovedNames | None, path: str, text: str) -> list[Diagnostic]:
    """An error at each place the file `path` (its text `text`) names a removed entry."""
    if removed is None:
        return []
    entities = removed.registry.removed
    by_id = {entity.id: entity for entity in entities}
    mentions = find_mentions(removed.matcher, text)
    if mentions:  # rare: read again with every name, so that a longer name takes its own
        mentions = find_mentions(removed.everyone, text)
    spans = [(m.start, m.end, by_id[m.entity_id]) for m in mentions if m.entity_id in by_id]
    for entity, skeletons in zip(entities, removed.skeletons, strict=True):
        english = english_spellings(skeletons, text)
        spans += [
            (start, end, entity)
            for start, end in english
            if _whole_name(entity, skeletons, text[start:end])
            and not removed.within(text, start, end)
        ]
    found = []
    for start, end, entity in sorted(spans, key=lambda span: span[:2]):
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        message = (
            f"column {column}: this names '{text[start:end]}', whose name was removed from "
            f"the archive ({REGISTRY_FILE}:{entity.line}): replace it (see 'Removing "
            "something for a legal reason' in docs/editors-guide.md)"
        )
        found.append(Diagnostic(path, line, message))
    return found


def _whole_name(entity: Entity, skeletons: frozenset[str], written: str) -> bool:
    """Whether English words found of an entity name it: two of its names' words in a row
    (`Sara al-Juburi`), or its surname (`Juburi`), never a first name alone, whose skeleton
    ordinary words share (`Sure` and `Sara`, `Summer` and `Samir`, `Hide` and `Hadi`)."""
    shapes = [skeleton(word.key) for word in latin_words(written)]
    named = [shape for shape in shapes if shape in skeletons]
    return len(named) >= 2 or bool(_surnames(entity) & set(named))


def removed_in_file_names(removed: RemovedNames | None, names: Iterable[str]) -> list[Diagnostic]:
    """An error at each media file (`names`: media/…, relative to content/) whose name, or a
    folder's on its path, names a removed entry: it is published under that name
    (`sara-al-juburi.jpg`, and its renditions `sara-al-juburi-480w-….jpg`). A name in Latin
    letters names it when a word of it has the skeleton of the last word of one of the
    entry's English names (the surname: file names are written in lower case, so the
    capital that English text needs is not asked for); in Arabic, as the matcher finds it."""
    if removed is None:
        return []
    found = []
    for name in sorted(names):
        written = re.sub(
            r"[-_.]+", " ", PurePosixPath(name.removeprefix("media/")).with_suffix("").as_posix()
        )
        for entity in _named_in(removed, written):
            message = (
                f"this file's name names '{entity.en or entity.name_ar}', whose name was "
                f"removed from the archive ({REGISTRY_FILE}:{entity.line}): rename the file "
                "and the links to it (see 'Removing something for a legal reason' in "
                "docs/editors-guide.md)"
            )
            found.append(Diagnostic(f"content/{name}", 1, message))
    return found


def _named_in(removed: RemovedNames, written: str) -> list[Entity]:
    """The removed entries a file's name (its words parted by spaces) names, in their order."""
    by_id = {mention.entity_id for mention in find_mentions(removed.matcher, written)}
    shapes = {skeleton(word.key) for word in latin_words(written)} - {None}
    return [
        entity
        for entity in removed.registry.removed
        if entity.id in by_id or shapes & _surnames(entity)
    ]


def _surnames(entity: Entity) -> set[str | None]:
    """The skeleton of the last word of each of an entity's English names that has one."""
    found: set[str | None] = set()
    for name in entity.en_names:
        shapes = [skeleton(word.key) for word in latin_words(name)]
        found.update([s for s in shapes if s is not None][-1:])
    return found
