"""Entity matching: Registry -> Matcher (a token trie); text -> Mentions with offsets (pure).

Matching is on word keys (arabic.to_key), so hamza/alef forms, ة/ه, ى/ي, tashkeel and
tatweel do not matter. The first word of a name may carry attached proclitics (و ف ب ل ك
and their combinations, e.g. وال بال وبال لل فلل); the following words must match exactly.
A mention's span starts after the proclitics: in "والتحالف الدولي" it is "التحالف الدولي".
For لل+X the text's second ل is the article's (its alef is dropped in writing), so in
"للتحالف الدولي" the span is "لتحالف الدولي". A name is never matched without its own
article ("الحسكة" is not found in "حسكة"): variants belong in the registry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .arabic import Token, split_proclitics, to_key, tokenize
from .entities import Registry

# What may separate the words of a multi-word name: spaces and invisible characters,
# never punctuation, quotes or a line break (a paragraph boundary in plain text).
_SPACE = r"[^\S\r\n\u0085\u2028\u2029]"
_INVISIBLE = "[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
_GAP_RE = re.compile(f"(?:{_SPACE}|{_INVISIBLE})+")


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: ``surface == text[start:end]``."""

    entity_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Node:
    """A trie node over word keys: the entity whose name ends here, and the next words."""

    entity_id: str | None
    children: Mapping[str, _Node]


@dataclass(frozen=True)
class Matcher:
    """An immutable index of every registry name, keyed word by word."""

    roots: Mapping[str, _Node]
    max_words: int
    name_count: int


@dataclass(frozen=True)
class _Match:
    entity_id: str
    first: int  # index of the name's first token
    last: int  # index of its last token
    prefix: int  # proclitic key characters stripped from the first token


def build_matcher(registry: Registry) -> Matcher:
    """Index every Arabic name of every entity (on a key clash the first entity keeps it)."""
    root = _Builder()
    max_words = count = 0
    for entity in registry.entities:
        for name in entity.ar:
            keys = [token.key for token in tokenize(name)]
            if not keys:
                continue
            node = root
            for key in keys:
                node = node.children.setdefault(key, _Builder())
            node.entity_id = node.entity_id or entity.id
            max_words = max(max_words, len(keys))
            count += 1
    return Matcher(root.freeze().children, max_words, count)


class _Builder:
    """A mutable trie node, used only while building and then frozen."""

    def __init__(self) -> None:
        self.entity_id: str | None = None
        self.children: dict[str, _Builder] = {}

    def freeze(self) -> _Node:
        """The immutable copy of this subtree."""
        children = {key: child.freeze() for key, child in self.children.items()}
        return _Node(self.entity_id, MappingProxyType(children))


def find_mentions(matcher: Matcher, text: str) -> tuple[Mention, ...]:
    """All mentions in ``text``, sorted by start and non-overlapping (leftmost, then longest)."""
    tokens = tokenize(text)
    mentions: list[Mention] = []
    index = 0
    while index < len(tokens):
        match = _best_match(matcher, text, tokens, index)
        if match is None:
            index += 1
            continue
        start = _skip_prefix(text, tokens[match.first], match.prefix)
        end = tokens[match.last].end
        mentions.append(Mention(match.entity_id, start, end, text[start:end]))
        index = match.last + 1
    return tuple(mentions)


def _best_match(
    matcher: Matcher, text: str, tokens: tuple[Token, ...], first: int
) -> _Match | None:
    """The longest name starting at token ``first``; on equal length, the least stripped."""
    best: _Match | None = None
    for split in split_proclitics(tokens[first].key):
        if split.article:
            continue  # a name written with its article is not found in the bare noun
        node = matcher.roots.get(split.stem)
        if node is None:
            continue
        last = _walk(node, text, tokens, first)
        if last is None:
            continue
        if best is None or last[0] > best.last:
            best = _Match(last[1], first, last[0], split.prefix)
    return best


def _walk(node: _Node, text: str, tokens: tuple[Token, ...], first: int) -> tuple[int, str] | None:
    """Follow the trie along the tokens after ``first``; the last name end passed, if any."""
    found = (first, node.entity_id) if node.entity_id is not None else None
    index = first
    while index + 1 < len(tokens):
        gap = text[tokens[index].end : tokens[index + 1].start]
        child = node.children.get(tokens[index + 1].key)
        if child is None or not _GAP_RE.fullmatch(gap):
            break
        node, index = child, index + 1
        if node.entity_id is not None:
            found = (index, node.entity_id)
    return found


def _skip_prefix(text: str, token: Token, prefix: int) -> int:
    """The offset in ``text`` just after the token's first ``prefix`` key characters."""
    if prefix == 0:
        return token.start
    position, consumed = token.start, 0
    while consumed < prefix and position < token.end:
        consumed += len(to_key(text[position]))
        position += 1
    # Marks, tatweel or joiners written on the last proclitic letter belong to it.
    while position < token.end and not to_key(text[position]):
        position += 1
    return position
