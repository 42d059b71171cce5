"""Entity matching: Registry -> Matcher (a token trie); text -> Mentions with offsets (pure).

Matching is on word keys (arabic.to_key), so hamza/alef forms, ة/ه, ى/ي, tashkeel and
tatweel do not matter. The first word of a name may carry attached proclitics (و ف ب ل ك
and their combinations, e.g. وال بال وبال لل فلل); the following words must match exactly.
A mention's span starts after the proclitics: in "والتحالف الدولي" it is "التحالف الدولي".
Where a name is written with a hyphen (هينيس-بلاسخارت, جان - إيف) the text may join those two
words with a hyphen, an en dash or a maqaf, spaced or not, or a space; elsewhere a dash
separates names ("بغداد - قال" is two phrases).
For لل+X the text's second ل is the article's (its alef is dropped in writing), so in
"للتحالف الدولي" the span is "لتحالف الدولي". A name is never matched without its own
article ("الحسكة" is not found in "حسكة"): variants belong in the registry. A word
عبدال… is matched as two words (arabic.name_parts): عبد الجبار and عبدالجبار are one name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, compress
from types import MappingProxyType
from typing import NamedTuple

from ..core.arabic import (
    INVISIBLES,
    NAME_GAP,
    name_parts,
    split_proclitics,
    split_words,
    word_key,
)
from .registry import Entity, Registry

# What may separate the words of a multi-word name: arabic.NAME_GAP (search joins a name's
# عبد and the word after it, written apart, by the same rule: arabic.apart_names).
_INVISIBLE = f"[{INVISIBLES}]"
# A hyphen between two words of a hyphenated name (هينيس-بلاسخارت): hyphen-minus, hyphen,
# non-breaking hyphen, figure dash, en dash, Hebrew maqaf, small and full-width hyphen-minus.
# Not an em dash, which only ever stands between phrases.
_HYPHENS = "-\u2010\u2011\u2012\u2013\u05be\ufe63\uff0d"
_HYPHEN_RE = re.compile(f"[{_HYPHENS}]")
# A hyphen alone: suggestions keep two words joined so as one word of a name
# (entities/suggestrules.hyphenated); spaced, it is as often a dash between two phrases.
HYPHEN_GAP = re.compile(f"{_INVISIBLE}*[{_HYPHENS}]{_INVISIBLE}*")
# Where the registry joins two words of a name with a hyphen, spaced or not, the text may
# join them with any of these, spaced or not, on one line (جان - إيف لودريان for جان-إيف
# لودريان). Search reads a name as its words whatever stands between them
# (assembly/searchnames.name_keys), so it finds the name written either way too.
_SPACE_ON_LINE = f"(?:[^\\S\r\n\u0085\u2028\u2029]|{_INVISIBLE})"
_NAME_DASH = re.compile(f"{_SPACE_ON_LINE}*[{_HYPHENS}]{_SPACE_ON_LINE}*")


class Mention(NamedTuple):
    """One occurrence of an entity: ``surface == text[start:end]``. A named tuple: a news
    article has dozens, made twice as fast as a frozen dataclass's."""

    entity_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Node:
    """A trie node over word keys: the entity whose name ends here, the next words, and
    those of them a registry name joins to this one with a hyphen."""

    entity_id: str | None
    children: Mapping[str, _Node]
    after_hyphen: frozenset[str]


# Where a name may start in a word: (proclitic key characters stripped, trie node).
_Starts = tuple[tuple[int, _Node], ...]
_MEMO_LIMIT = 1 << 18  # distinct words remembered per matcher (news vocabulary is small)


class _StartsMemo(dict[str, _Starts]):
    """Word as written -> where a name may start in it, worked out on first sight.

    A cache, not state: most words start no name, and a dict lookup (no Python call when the
    word was seen before) answers that instead of splitting proclitics.
    """

    def __init__(self, roots: Mapping[str, _Node]) -> None:
        super().__init__()
        self.roots = roots

    def __missing__(self, word: str) -> _Starts:
        # A name written with its article is not found in the bare noun (split.article).
        nodes = (
            (split.prefix, _follow(self.roots, split.stem))
            for split in split_proclitics(word_key(word))
            if not split.article
        )
        found = tuple((prefix, node) for prefix, node in nodes if node is not None)
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[word] = found
        return found


@dataclass(frozen=True)
class Matcher:
    """An immutable index of every registry name, keyed word by word."""

    roots: Mapping[str, _Node]
    max_words: int
    starts: _StartsMemo = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", _StartsMemo(self.roots))


def build_matcher(registry: Registry) -> Matcher:
    """Index every Arabic name of every entity (on a key clash the first entity keeps it)."""
    root = _Builder()
    max_words = 0
    for entity in registry.entities:
        for name in entity.ar:
            parts = split_words(name)  # [gap, word, gap, word, …, gap]
            if len(parts) < 2:
                continue
            node = root
            for word, gap in zip(parts[1::2], ["", *parts[2:-1:2]], strict=True):
                keys = name_parts(word_key(word))
                if _HYPHEN_RE.search(gap):
                    node.after_hyphen.add(keys[0])
                for key in keys:
                    node = node.children.setdefault(key, _Builder())
            node.entity_id = node.entity_id or entity.id
            max_words = max(max_words, len(parts) // 2)
    return Matcher(root.freeze().children, max_words)


class _Builder:
    """A mutable trie node, used only while building and then frozen."""

    def __init__(self) -> None:
        self.entity_id: str | None = None
        self.children: dict[str, _Builder] = {}
        self.after_hyphen: set[str] = set()

    def freeze(self) -> _Node:
        """The immutable copy of this subtree."""
        children = {key: child.freeze() for key, child in self.children.items()}
        return _Node(self.entity_id, MappingProxyType(children), frozenset(self.after_hyphen))


def find_mentions(matcher: Matcher, text: str) -> tuple[Mention, ...]:
    """All mentions in ``text``, sorted by start and non-overlapping (leftmost, then longest)."""
    parts = split_words(text)  # word k is parts[2k + 1], the gap after it parts[2k + 2]
    # One dict lookup per word, and nothing more for those that start no name (nearly all).
    starts = list(map(matcher.starts.__getitem__, parts[1::2]))
    ends: list[int] = []  # ends[i]: the offset just past parts[i], worked out when needed
    mentions: list[Mention] = []
    free = 0  # the first word not inside a mention already found
    for first in compress(range(len(starts)), starts):
        if first < free:
            continue
        match = _best_match(starts[first], parts, first)
        if match is None:
            continue
        entity_id, last, prefix = match
        ends = ends or list(accumulate(map(len, parts)))
        start, end = ends[2 * first], ends[2 * last + 1]
        if prefix:
            start = _skip_prefix(text, start, ends[2 * first + 1], prefix)
        mentions.append(Mention(entity_id, start, end, text[start:end]))
        free = last + 1
    return tuple(mentions)


def names_matched(entity: Entity, text: str, mentions: tuple[Mention, ...]) -> tuple[str, ...]:
    """Which of `entity`'s names found each of its `mentions` of `text`: the first of them
    that, alone in a registry, finds the same span (for auditing one variant everywhere)."""
    alone = _matchers_alone(entity)
    found = []
    for mention in mentions:
        word = mention.start  # its word's start, where proclitics (وب, لل) are written
        while word > 0 and not text[word - 1].isspace():
            word -= 1
        piece, span = text[word : mention.end], (mention.start - word, mention.end - word)
        same = (name for name, matcher in alone if _finds(matcher, piece, span))
        found.append(next(same, entity.name_ar))
    return tuple(found)


@lru_cache(maxsize=4)  # built once for the files of one audit
def _matchers_alone(entity: Entity) -> tuple[tuple[str, Matcher], ...]:
    """A matcher of each of `entity`'s names alone, with the name."""
    return tuple(
        (name, build_matcher(Registry((replace(entity, ar=(name,)),)))) for name in entity.ar
    )


def _finds(matcher: Matcher, text: str, span: tuple[int, int]) -> bool:
    return any((m.start, m.end) == span for m in find_mentions(matcher, text))


def _best_match(starts: _Starts, parts: list[str], first: int) -> tuple[str, int, int] | None:
    """(entity, last word, prefix) of the longest name starting at word ``first``; on equal
    length, the least stripped."""
    best: tuple[str, int, int] | None = None
    for prefix, node in starts:
        last = _walk(node, parts, first)
        if last is not None and (best is None or last[0] > best[1]):
            best = (last[1], last[0], prefix)
    return best


def _walk(node: _Node, parts: list[str], first: int) -> tuple[int, str] | None:
    """Follow the trie along the words after ``first``; the last name end passed, if any."""
    found = (first, node.entity_id) if node.entity_id is not None else None
    index = first
    while 2 * index + 3 < len(parts) and node.children:
        key = word_key(parts[2 * index + 3])
        child = node.children.get(key) or _follow(node.children, key)
        gap = parts[2 * index + 2]
        if child is None or (gap != " " and not _joins(node, key, gap)):  # nearly all: " "
            break
        node, index = child, index + 1
        if node.entity_id is not None:
            found = (index, node.entity_id)
    return found


def _joins(node: _Node, key: str, gap: str) -> bool:
    """Whether ``gap`` may separate a name's word from its next word ``key`` after ``node``."""
    if NAME_GAP.fullmatch(gap):
        return True
    return name_parts(key)[0] in node.after_hyphen and _NAME_DASH.fullmatch(gap) is not None


def _follow(children: Mapping[str, _Node], key: str) -> _Node | None:
    """The node a word with this key leads to from ``children``: a joined عبدال… word goes
    on through عبد (the trie holds names with it apart)."""
    head, *rest = name_parts(key)
    node = children.get(head)
    for part in rest:
        node = node.children.get(part) if node is not None else None
    return node


def _skip_prefix(text: str, start: int, end: int, prefix: int) -> int:
    """The offset in ``text`` just after the first ``prefix`` key characters of the word at
    [start, end)."""
    # word_key: to_key remembered, here of one character (a few of them, over and over).
    position, consumed = start, 0
    while consumed < prefix and position < end:
        consumed += len(word_key(text[position]))
        position += 1
    # Marks, tatweel or joiners written on the last proclitic letter belong to it.
    while position < end and not word_key(text[position]):
        position += 1
    return position
