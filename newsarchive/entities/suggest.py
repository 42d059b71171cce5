"""Registry suggestions: (path, text) documents + Registry -> candidate names to review (pure).

The rules (suggestrules.py, suggestbodies.py, suggestplaces.py, suggestcontext.py) take the
words after a title or an office (وزيرة الهجرة إيفان فائق جابرو), after an institution word
(مخيم حسن شام, وزارة الصحة السورية), a body's official name with ال (البنك المركزي العراقي),
a dateline's place, the place a sentence opens on (وفي البصرة،), places listed after a plural
(محافظتي ميسان وذي قار), after a direction (شمال شرقي الموصل), between a verb of saying and an
office, in quotes, and 2–3 word sequences that recur across documents. A name the registry
already knows is never offered. Each candidate is then counted wherever it occurs, with the
sentence it was first found in and a registry entry to paste. Nothing is edited.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..core.arabic import (
    SENTENCE_BREAK,
    split_proclitics,
    tokenize,
    without_invisibles,
)
from . import suggestcontext as context
from . import suggestcues as cue
from . import suggestrules as rules
from .matcher import Matcher, build_matcher, find_mentions
from .registry import Entity, Registry, name_key

MAX_SENTENCE = 240


@dataclass(frozen=True)
class Suggestion:
    """A name the registry may be missing: where it occurs, why it was suggested, the type it
    suggests, the sentence it was first found in, and other forms of it seen there."""

    name: str
    count: int
    places: tuple[tuple[str, int], ...]  # (path, line), sorted, unique
    reason: str
    kind: str = "other"  # person | organization | place | group | event | other
    sentence: str = ""
    variants: tuple[str, ...] = ()  # the bare name (نينوى for محافظة نينوى), a lone surname


def suggest_entities(
    documents: Sequence[tuple[str, str]], registry: Registry
) -> tuple[Suggestion, ...]:
    """Candidate entity names found in ``documents``, most frequent first."""
    matcher = build_matcher(registry)
    # Invisible characters (a ZWNJ or ZWJ from Word) would cut a name where a rule expects
    # only spaces, and be pasted into the registry: suggestions read the text without them.
    # Line breaks stay, so line numbers are the file's.
    docs = [_prepare(path, without_invisibles(text), matcher) for path, text in documents]
    known_keys = {name_key(name) for entity in registry.entities for name in entity.ar}
    found: dict[str, _Found] = {}
    for candidate in [c for doc in docs for c in context.candidates(doc)] + list(
        context.recurring(docs)
    ):
        candidate = _whole_words(candidate)
        name = _surface(candidate.doc, candidate.first, candidate.last)[candidate.clitics :]
        name = "ال" + name if candidate.article_dropped else name
        key = name_key(name)
        if not key or key in known_keys:
            continue
        entry = found.setdefault(key, _Found(name, candidate, set(), set()))
        if _in_front_matter(entry.first) and not _in_front_matter(candidate):
            entry.first = candidate  # show a sentence of the body, not the title's line
        entry.reasons.add(candidate.reason)
        if candidate.bare_from is not None and candidate.bare_from <= candidate.last:
            bare = _surface(candidate.doc, candidate.bare_from, candidate.last)
            if name_key(bare) not in known_keys:
                entry.variants.add(bare)
    merged = _merge_bare_forms(found)
    for entry in merged.values():
        entry.variants.update(_lone_surnames(entry))
    return _count(docs, merged)


def _whole_words(candidate: rules.Candidate) -> rules.Candidate:
    """The candidate with every hyphenated word it cuts taken whole (هينيس of هينيس-بلاسخارت,
    whichever rule found it): half of such a word would name someone else in the registry."""
    doc, first, last = candidate.doc, candidate.first, candidate.last
    while rules.hyphenated(doc, first - 1, first):
        first -= 1
    while rules.hyphenated(doc, last, last + 1):
        last += 1
    if first == candidate.first:
        return replace(candidate, last=last)
    # The proclitics were the first word's, now inside the name: the new first word has none.
    return replace(candidate, first=first, last=last, clitics=0, article_dropped=False)


_PROVISIONAL = re.compile(r"^title_provisional: *true\b", re.M)
_TITLE = re.compile(r"^title:", re.M)


def _provisional_title_line(text: str) -> int | None:
    """The line of a title `import` derived from the lead sentence (`title_provisional:
    true`), whose names are the lead's; None for a title an editor wrote."""
    end = context.body_start(text)
    title = _TITLE.search(text, 0, end)
    if title is None or not _PROVISIONAL.search(text, 0, end):
        return None
    return text.count("\n", 0, title.start()) + 1


def _in_front_matter(candidate: rules.Candidate) -> bool:
    text = candidate.doc.text
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 3)
    return end < 0 or candidate.doc.tokens[candidate.first].start < end


def _lone_surnames(entry: _Found) -> set[str]:
    """The last word of a person's name where it stands alone (وقالت جابرو): a variant."""
    # Compared with the text's tokens: the word before لودريان in جان-إيف لودريان is إيف.
    words = [token.key for token in tokenize(entry.name)]
    if entry.first.kind != "person" or len(words) < 2:
        return set()
    surname, before = words[-1], words[-2]
    for doc in [entry.first.doc]:  # where it was found: a surname elsewhere may be another's
        for index, token in enumerate(doc.tokens):
            stems = {split.stem for split in split_proclitics(token.key)}
            alone = index == 0 or doc.tokens[index - 1].key != before
            free = index not in doc.known and not doc.function_word(index)
            if surname in stems and free and alone:
                return {doc.word(index)[len(token.key) - len(surname) :]}
    return set()


@dataclass
class _Found:
    name: str
    first: rules.Candidate  # where it was found first: its sentence and type
    reasons: set[str]
    variants: set[str]


def _merge_bare_forms(found: dict[str, _Found]) -> dict[str, _Found]:
    """A candidate that is another's variant (نينوى of محافظة نينوى) or a lone surname of a
    person found in the same document (جابرو of إيفان فائق جابرو) becomes that one's variant.
    Place words that only introduce the name (مدينة الموصل) leave the bare name alone."""
    variant_of: dict[str, str] = {}
    for key, entry in found.items():
        for variant in sorted(entry.variants):
            variant_of.setdefault(name_key(variant), key)
        words = entry.name.split()
        if entry.first.kind == "person" and len(words) > 1:
            variant_of.setdefault(name_key(words[-1]), key)
    merged: dict[str, _Found] = {}
    for key, entry in found.items():
        owner = variant_of.get(key)
        if owner is not None and owner != key and owner in found:
            found[owner].variants.add(entry.name)
            found[owner].reasons.update(entry.reasons)
            continue
        merged[key] = entry
    for entry in merged.values():
        first = entry.first
        if first.bare_from is not None and cue.is_bare_place_word(first.doc.tokens[first.first]):
            bare = _surface(first.doc, first.bare_from, first.last)
            entry.variants.discard(bare)
            entry.variants.add(entry.name)
            entry.name = bare  # مدينة الموصل: the registry names الموصل
    return merged


def _prepare(path: str, text: str, matcher: Matcher) -> rules.Doc:
    tokens = tokenize(text)
    doc = rules.Doc(path, text, tokens, frozenset())
    known: set[int] = set()
    for mention in find_mentions(matcher, text):
        first, last = _token_range(doc, mention.start, mention.end)
        known.update(range(first, last + 1))
    return rules.Doc(path, text, tokens, frozenset(known))


def _count(docs: list[rules.Doc], found: dict[str, _Found]) -> tuple[Suggestion, ...]:
    """Count every occurrence of every candidate (with proclitics, outside known mentions)."""
    keys = sorted(found)
    entities = (
        Entity(str(i), "other", (found[k].name,), None, None, None, None, 0)
        for i, k in enumerate(keys)
    )
    # Longest match also settles overlaps: a pair inside a recurring triple counts for the triple.
    matcher = build_matcher(Registry(tuple(entities)))
    places: dict[str, list[tuple[str, int]]] = {key: [] for key in keys}
    spellings: dict[str, Counter[str]] = {key: Counter() for key in keys}
    for doc in docs:
        line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
        repeated = _provisional_title_line(doc.text)
        for mention in find_mentions(matcher, doc.text):
            if _overlaps_known(doc, mention.start, mention.end):
                continue
            line = bisect.bisect_right(line_starts, mention.start)
            if line == repeated:
                continue  # the lead sentence's words again, counted where they stand
            places[keys[int(mention.entity_id)]].append((doc.path, line))
            if name_key(mention.surface) == keys[int(mention.entity_id)]:  # not لحزب of للحزب
                spellings[keys[int(mention.entity_id)]][mention.surface] += 1
    suggestions = []
    for key, where in places.items():
        entry = found[key]
        first = entry.first
        paths = len({path for path, _ in where})
        if entry.reasons == {rules.RECURRING} and paths < 2:
            continue  # its other occurrences were all inside a longer candidate
        if not where:  # found by a rule only inside a longer name: محافظة X in مجلس محافظة X
            offset = first.doc.tokens[first.first].start
            where = [(first.doc.path, first.doc.text.count("\n", 0, offset) + 1)]
        reason = "; ".join(
            sorted(
                f"recurs in {paths} documents" if r == rules.RECURRING else r for r in entry.reasons
            )
        )
        # The spelling the archive writes most (of two as common, the first met), not the
        # first file's: مصطفی الکاظمی typed on a Persian keyboard in one file in ten.
        written = spellings[key].most_common(1)
        name = written[0][0] if written else entry.name
        suggestions.append(
            Suggestion(
                name,
                len(where),
                tuple(sorted(set(where))),
                reason,
                first.kind,
                _sentence_of(first),
                tuple(sorted(entry.variants - {name}, key=lambda v: (-len(v), v))),
            )
        )
    return tuple(sorted(suggestions, key=lambda s: (-s.count, s.name)))


def _sentence_of(candidate: rules.Candidate) -> str:
    """The sentence a candidate was found in; in the front matter (a title), the field's text
    as the page shows it, not its YAML line (`title: "…"`)."""
    text, offset = candidate.doc.text, candidate.doc.tokens[candidate.first].start
    if not _in_front_matter(candidate):
        return _sentence(text, offset)
    line = text[text.rfind("\n", 0, offset) + 1 : text.find("\n", offset) % (len(text) + 1)]
    field = _FIELD.match(line)
    value = field["value"].strip() if field else line.strip()
    quote = value[:1]
    if quote in ("'", '"') and len(value) > 1 and value.endswith(quote):
        value = value[1:-1].replace('\\"', '"') if quote == '"' else value[1:-1].replace("''", "'")
    return _sentence(value, 0)


_FIELD = re.compile(r"\s*(?:- )?[A-Za-z_]+:\s*(?P<value>.*)")


def _sentence(text: str, offset: int) -> str:
    """The sentence around ``offset``, on one line, cut to MAX_SENTENCE characters."""
    ends = [m.start() for m in SENTENCE_BREAK.finditer(text)]
    index = bisect.bisect_left(ends, offset)
    start = ends[index - 1] + 1 if index > 0 else 0
    end = ends[index] + 1 if index < len(ends) else len(text)
    sentence = " ".join(text[start:end].split())
    if len(sentence) > MAX_SENTENCE:
        sentence = sentence[: MAX_SENTENCE - 1] + "…"
    return sentence


def _overlaps_known(doc: rules.Doc, start: int, end: int) -> bool:
    first, last = _token_range(doc, start, end)
    return any(index in doc.known for index in range(first, last + 1))


def _token_range(doc: rules.Doc, start: int, end: int) -> tuple[int, int]:
    """The indexes of the first and last tokens overlapping text[start:end]."""
    starts = [token.start for token in doc.tokens]
    return max(bisect.bisect_right(starts, start) - 1, 0), bisect.bisect_left(starts, end) - 1


def _surface(doc: rules.Doc, first: int, last: int) -> str:
    return " ".join(doc.text[doc.tokens[first].start : doc.tokens[last].end].split())
