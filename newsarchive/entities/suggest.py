"""Registry suggestions: (path, text) documents + Registry -> candidate names to review (pure).

Three heuristics find candidates that the registry does not know yet: the words after a
title (الجنرال كيفن كوبسي), short quoted names ("مارك أسبر") and 2–3 word sequences that
recur across documents. Each candidate is then counted wherever it occurs. Nothing is edited.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..core.arabic import Token, split_proclitics, to_key, tokenize
from .matcher import Matcher, build_matcher, find_mentions
from .registry import Entity, Registry, name_key

TITLES = (
    "الرئيس", "الجنرال", "العقيد", "وزير", "الوزير", "الناطق", "المتحدث", "القائد",
    "الكولونيل", "اللواء", "العميد", "السفير",
)  # fmt: skip
FUNCTION_WORDS = (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "خلال", "بعد", "قبل", "أن", "إن", "ان",
    "الذي", "التي", "الذين", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم", "نحن", "قال",
    "قد", "لقد", "كان", "كانت", "لم", "لن", "لا", "ما", "ثم", "أو", "بين", "عند", "ضد",
    "حول", "منذ", "لدى", "عبر", "دون", "كل", "بعض", "أي", "كما", "حتى", "أيضا", "باسم",
    "يوم", "فقط", "بل", "ليس", "أنه", "إنه", "أنها", "أنهم", "عليها", "عليه", "فيها", "فيه",
    "منها", "منه", "له", "لها", "لهم", "إنها", "هناك", "هنا", "الآن", "جميع", "أمام", "نحو",
)  # fmt: skip
_TITLE_KEYS = MappingProxyType({to_key(word): word for word in TITLES})
_FUNCTION_KEYS = frozenset(to_key(word) for word in FUNCTION_WORDS)
_QUOTED_RE = re.compile(r'"([^"\n]+)"|«([^»\n]+)»|“([^”\n]+)”')
_SPACES_RE = re.compile(r"[^\S\r\n]+")
_DEFINITE_WITH_CLITIC = ("وال", "فال", "بال", "كال", "لل")
MAX_AFTER_TITLE = 3
MAX_QUOTED = 4
RECURRING = "recurring"  # reason placeholder, replaced by the final document count


@dataclass(frozen=True)
class Suggestion:
    """A name the registry may be missing: where it occurs and why it was suggested."""

    name: str
    count: int
    places: tuple[tuple[str, int], ...]  # (path, line), sorted, unique
    reason: str


@dataclass(frozen=True)
class _Doc:
    path: str
    text: str
    tokens: tuple[Token, ...]
    known: frozenset[int]  # indexes of tokens inside a mention of a registry entity


def suggest_entities(
    documents: Sequence[tuple[str, str]], registry: Registry
) -> tuple[Suggestion, ...]:
    """Candidate entity names found in ``documents``, most frequent first."""
    matcher = build_matcher(registry)
    docs = [_prepare(path, text, matcher) for path, text in documents]
    known_keys = {name_key(name) for entity in registry.entities for name in entity.ar}
    reasons: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for key, name, reason in _candidates(docs):
        if key and key not in known_keys:
            names.setdefault(key, name)
            reasons.setdefault(key, set()).add(reason)
    return _count(docs, names, reasons)


def _prepare(path: str, text: str, matcher: Matcher) -> _Doc:
    tokens = tokenize(text)
    doc = _Doc(path, text, tokens, frozenset())
    known: set[int] = set()
    for mention in find_mentions(matcher, text):
        first, last = _token_range(doc, mention.start, mention.end)
        known.update(range(first, last + 1))
    return _Doc(path, text, tokens, frozenset(known))


def _candidates(docs: list[_Doc]) -> Iterator[tuple[str, str, str]]:
    for doc in docs:
        yield from _after_titles(doc)
        yield from _quoted(doc)
    yield from _recurring(docs)


def _after_titles(doc: _Doc) -> Iterator[tuple[str, str, str]]:
    """1–3 plain words after a title, skipping up to two adjectives (الرئيس الأمريكي …)."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        title = _title(token)
        if title is None:
            continue
        first = index + 1
        while (
            first < min(index + 3, len(tokens))
            and _joined(doc, first - 1, first)
            and tokens[first].key.startswith("ال")
            and _plain(doc, first)
        ):
            first += 1
        last = first - 1
        while last + 1 < min(first + MAX_AFTER_TITLE, len(tokens)) and _joined(doc, last, last + 1):
            if not _plain(doc, last + 1) or tokens[last + 1].key.startswith(_DEFINITE_WITH_CLITIC):
                break
            if last + 1 == first and tokens[first].key.startswith("ال"):
                break  # a name right after the skipped adjectives does not start with ال
            last += 1
        if last >= first:
            yield _candidate(doc, first, last, f"after the title {title}")


def _quoted(doc: _Doc) -> Iterator[tuple[str, str, str]]:
    """Short quoted phrases made only of plain words: often a name ("مارك أسبر")."""
    starts = [token.start for token in doc.tokens]
    for match in _QUOTED_RE.finditer(doc.text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        inner_start, inner_end = match.span(group)
        first = bisect.bisect_left(starts, inner_start)
        last = bisect.bisect_left(starts, inner_end) - 1
        words = range(first, last + 1)
        if not 1 <= len(words) <= MAX_QUOTED:
            continue
        if (
            doc.text[inner_start : doc.tokens[first].start].strip()
            or doc.text[doc.tokens[last].end : inner_end].strip()
        ):
            continue  # punctuation inside the quotes: a phrase, not a name
        if all(_plain(doc, i) for i in words) and all(
            _joined(doc, i, i + 1) for i in range(first, last)
        ):
            yield _candidate(doc, first, last, "quoted")


def _recurring(docs: list[_Doc]) -> Iterator[tuple[str, str, str]]:
    """2–3 plain words in a row that occur in at least two documents."""
    seen_in: Counter[str] = Counter()
    first_form: dict[str, tuple[_Doc, int, int]] = {}
    for doc in docs:
        keys_here: set[str] = set()
        for first, last in _runs(doc):
            key = " ".join(t.key for t in doc.tokens[first : last + 1])
            keys_here.add(key)
            first_form.setdefault(key, (doc, first, last))
        seen_in.update(keys_here)
    for key, count in sorted(seen_in.items()):
        if count >= 2:
            doc, first, last = first_form[key]
            yield _candidate(doc, first, last, RECURRING)


def _runs(doc: _Doc) -> Iterator[tuple[int, int]]:
    for first in range(len(doc.tokens)):
        last = first
        while last - first < 2 and last + 1 < len(doc.tokens) and _joined(doc, last, last + 1):
            if not (_plain(doc, first) and _plain(doc, last + 1)):
                break
            last += 1
            yield first, last


def _count(
    docs: list[_Doc], names: dict[str, str], reasons: dict[str, set[str]]
) -> tuple[Suggestion, ...]:
    """Count every occurrence of every candidate (with proclitics, outside known mentions)."""
    keys = sorted(names)
    entities = (
        Entity(str(i), "other", (names[k],), None, None, None, None, 0) for i, k in enumerate(keys)
    )
    # Longest match also settles overlaps: a pair inside a recurring triple counts for the triple.
    matcher = build_matcher(Registry(tuple(entities)))
    places: dict[str, list[tuple[str, int]]] = {key: [] for key in keys}
    for doc in docs:
        line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
        for mention in find_mentions(matcher, doc.text):
            if _overlaps_known(doc, mention.start, mention.end):
                continue
            line = bisect.bisect_right(line_starts, mention.start)
            places[keys[int(mention.entity_id)]].append((doc.path, line))
    suggestions = []
    for key, found in places.items():
        paths = len({path for path, _ in found})
        if not found:
            continue
        if reasons[key] == {RECURRING} and paths < 2:
            continue  # its other occurrences were all inside a longer candidate
        reason = "; ".join(
            sorted(f"recurs in {paths} documents" if r == RECURRING else r for r in reasons[key])
        )
        suggestions.append(Suggestion(names[key], len(found), tuple(sorted(set(found))), reason))
    return tuple(sorted(suggestions, key=lambda s: (-s.count, s.name)))


def _overlaps_known(doc: _Doc, start: int, end: int) -> bool:
    first, last = _token_range(doc, start, end)
    return any(index in doc.known for index in range(first, last + 1))


def _token_range(doc: _Doc, start: int, end: int) -> tuple[int, int]:
    """The indexes of the first and last tokens overlapping text[start:end]."""
    starts = [token.start for token in doc.tokens]
    return max(bisect.bisect_right(starts, start) - 1, 0), bisect.bisect_left(starts, end) - 1


def _candidate(doc: _Doc, first: int, last: int, reason: str) -> tuple[str, str, str]:
    surface = doc.text[doc.tokens[first].start : doc.tokens[last].end]
    name = " ".join(surface.split())
    return name_key(name), name, reason


def _title(token: Token) -> str | None:
    for split in split_proclitics(token.key):
        if not split.article and split.stem in _TITLE_KEYS:
            return _TITLE_KEYS[split.stem]
    return None


def _plain(doc: _Doc, index: int) -> bool:
    """A word that may be part of a name: not known, not a function word, title or number."""
    token = doc.tokens[index]
    if index in doc.known or token.key.isdigit() or _title(token) is not None:
        return False
    stems = (s.stem for s in split_proclitics(token.key) if not s.article and s.prefix <= 1)
    return not any(stem in _FUNCTION_KEYS for stem in stems)


def _joined(doc: _Doc, left: int, right: int) -> bool:
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return bool(_SPACES_RE.fullmatch(gap))
