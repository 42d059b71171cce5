"""The registry's names across entries: each entity's Arabic and English names with their
lines -> Diagnostics (pure); and the key under which the matcher knows an Arabic name.

Two entities that one text names alike cannot be told apart: the matcher links one of them,
and English search and the entities index, which go by the English name, show both as one
row. A name that is a common word (في) or a single letter (ع) would be found all over the
archive, each time as the entity: a build would link every في to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..core.arabic import Token, name_parts, split_proclitics, tokenize
from ..core.diagnostics import Diagnostic
from .suggestcues import is_function_word


@dataclass(frozen=True)
class NameAt:
    """One name of an entity, at its line of the registry."""

    entity_id: str
    name: str
    line: int


def name_key(name: str) -> str:
    """The form under which the matcher knows a name: its word keys joined by one space,
    a joined عبدال… as two words (arabic.name_parts)."""
    return " ".join(part for token in tokenize(name) for part in name_parts(token.key))


def check_arabic_names(names: Sequence[NameAt], path: str) -> list[Diagnostic]:
    """Arabic names that match another's text, take another's mentions, or match common
    words; `names` in file order."""
    return [*_same_keys(names, path), *_proclitic_names(names, path), *_broad_names(names, path)]


def check_english_names(names: Sequence[NameAt], path: str) -> list[Diagnostic]:
    """English names shared by two entities (an error: English pages filter, list and
    search by the name) or repeated within one (a warning). `names`: every English name of
    every entity, in file order."""
    diags = []
    seen: dict[str, NameAt] = {}
    for named in names:
        key = " ".join(named.name.casefold().split())
        other = seen.setdefault(key, named)
        if other is named:
            continue
        if other.entity_id == named.entity_id:
            message = f"English name '{named.name}' repeats '{other.name}' (line {other.line})"
            diags.append(Diagnostic(path, named.line, message, "warning"))
            continue
        message = (
            f"English name '{named.name}' of '{named.entity_id}' is also the English name of "
            f"'{other.entity_id}' (line {other.line}): English search and the entities index "
            "would show the two as one; add to the name what tells them apart, as people "
            "sharing a name get '(footballer)' or '(politician)'"
        )
        diags.append(Diagnostic(path, named.line, message))
    return diags


def _same_keys(names: Sequence[NameAt], path: str) -> Iterator[Diagnostic]:
    # Names that normalise to the same key are indistinguishable in text, so the matcher
    # could not tell the two entities apart.
    seen: dict[str, NameAt] = {}
    for named in names:
        other = seen.setdefault(name_key(named.name), named)
        if other is named:
            continue
        if other.entity_id == named.entity_id:
            message = f"name '{named.name}' repeats '{other.name}' (line {other.line})"
            yield Diagnostic(path, named.line, message, "warning")
        else:
            message = (
                f"name '{named.name}' of '{named.entity_id}' matches the same text as "
                f"'{other.name}' of '{other.entity_id}' (line {other.line})"
            )
            yield Diagnostic(path, named.line, message)


def _proclitic_names(names: Sequence[NameAt], path: str) -> Iterator[Diagnostic]:
    # The matcher finds a name behind attached proclitics (و ف ب ل ك, لل), and on equal
    # length prefers the name without them: a name that is another name plus proclitics
    # would silently take that name's mentions (another entity's) or add nothing (its own).
    first: dict[str, NameAt] = {}
    for named in names:
        first.setdefault(name_key(named.name), named)
    for named in names:
        head, *rest = name_key(named.name).split(" ")
        for split in split_proclitics(head):
            other = first.get(" ".join([*name_parts(split.stem), *rest]))
            if split.prefix == 0 or split.article or other is None:
                continue
            clitics = head[: split.prefix]
            if other.entity_id == named.entity_id:
                message = (
                    f"name '{named.name}' is '{other.name}' (line {other.line}) with the "
                    f"proclitic {clitics}: the matcher already finds it with {clitics}; "
                    "remove it"
                )
                yield Diagnostic(path, named.line, message, "warning")
            else:
                message = (
                    f"name '{named.name}' of '{named.entity_id}' is '{other.name}' of "
                    f"'{other.entity_id}' (line {other.line}) with the proclitic {clitics}: "
                    f"the matcher already finds '{other.entity_id}' there, and this name "
                    "would take those mentions from it; remove it"
                )
                yield Diagnostic(path, named.line, message)
            break


def _broad_names(names: Sequence[NameAt], path: str) -> Iterator[Diagnostic]:
    """A name of one letter (an error: it is no name) or of function words only (a warning:
    the list is the one registry suggestions use, `suggestcues.FUNCTION_WORDS`, and a
    word on it is almost never a whole name)."""
    for named in names:
        if sum(char.isalpha() for char in named.name) == 1:
            message = (
                f"name '{named.name}' of '{named.entity_id}' is a single letter: it would be "
                "found wherever that letter stands alone (an initial, an abbreviation); "
                "remove it"
            )
            yield Diagnostic(path, named.line, message)
        elif _common_words(named.name):
            message = (
                f"name '{named.name}' of '{named.entity_id}' is a common word: every "
                f"'{named.name}' in the articles would be taken for '{named.entity_id}'; "
                f"remove it (`entities find content/ar --entity {named.entity_id}` lists "
                "what each of its names finds)"
            )
            yield Diagnostic(path, named.line, message, "warning")


def _common_words(name: str) -> bool:
    """Whether every word of `name` is a function word (في, على; not the name علي)."""
    tokens = tokenize(name)
    return bool(tokens) and all(_function_word(token, name) for token in tokens)


def _function_word(token: Token, name: str) -> bool:
    return is_function_word(token, name[token.start : token.end])
