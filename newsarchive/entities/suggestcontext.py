"""The rules that read a name's context: a direction before a place, a verb of saying and an
office around a person, quotes, and recurrence across documents; and every rule together (pure).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from . import suggestcues as cue
from .suggestbodies import definite_bodies
from .suggestplaces import listed_places, paragraph_places, text_datelines
from .suggestrules import (
    MAX_QUOTED,
    QUOTED_RE,
    RECURRING,
    Candidate,
    Doc,
    free,
    hyphenated,
    institutions,
    joined,
    person_name,
)
from .suggesttitles import after_titles

# The front matter's dateline place and source outlet: `dateline: "بغداد"`, `  name: "…"`.
_ARABIC_WORD = re.compile("[\u0600-\u06ff]")
_FRONT_MATTER_NAME = re.compile(r'^(dateline|  name): *"?([^"\n#]+?)"? *$', re.M)


def body_start(text: str) -> int:
    """Where the text after the front matter starts (0: no front matter)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---", 3)
    return 0 if end < 0 else end + 4


def front_matter(doc: Doc) -> Iterator[Candidate]:
    """The place of an article's dateline and the outlet of its source, when unknown."""
    starts = [token.start for token in doc.tokens]
    for match in _FRONT_MATTER_NAME.finditer(doc.text, 0, body_start(doc.text)):
        first = bisect.bisect_left(starts, match.start(2))
        last = bisect.bisect_left(starts, match.end(2)) - 1
        if first <= last and all(free(doc, i) for i in range(first, last + 1)):
            dateline = match.group(1) == "dateline"
            reason = "the dateline's place" if dateline else "the source's outlet"
            yield Candidate(doc, first, last, reason, "place" if dateline else "organization")


def candidates(doc: Doc) -> Iterator[Candidate]:
    """Every rule's candidates in one document."""
    body = body_start(doc.text)
    yield from front_matter(doc)
    yield from text_datelines(doc, body)
    yield from paragraph_places(doc, body)
    yield from listed_places(doc)
    yield from definite_bodies(doc)
    yield from after_titles(doc)
    yield from institutions(doc)
    yield from after_directions(doc)
    yield from attributions(doc)
    yield from quoted(doc)


def after_directions(doc: Doc) -> Iterator[Candidate]:
    """A place after a direction (شمال شرقي الموصل, جنوبي كركوك)."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if not cue.is_direction(token) or index + 1 >= len(tokens):
            continue
        first = index + 1
        if not joined(doc, index, first) or cue.is_direction(tokens[first]):
            continue
        if not free(doc, first) or cue.institution(tokens[first]) or cue.is_generic(tokens[first]):
            continue
        if _verbal_noun(doc.word(first)):
            continue  # وسط تبادل للاتهامات: amid an exchange, not in a place
        last = first
        if (
            not doc.definite(first)
            and joined(doc, first, first + 1)
            and doc.definite(first + 1)
            and not doc.word(first + 1).startswith("لل")  # وسط تبادل للاتهامات: a preposition
            and free(doc, first + 1)
            and not doc.nisba(first + 1)
        ):
            last += 1  # دير الزور
        yield Candidate(doc, first, last, f"after {doc.text[token.start : token.end]}", "place")


def _verbal_noun(word: str) -> bool:
    """A verbal noun of the form تفاعل (تبادل, تصاعد, تزايد), which no place name has."""
    return len(word) == 5 and word[0] == "ت" and word[2] == "ا"


def attributions(doc: Doc) -> Iterator[Candidate]:
    """A name between a verb of saying and its office: `وقال حسن العبيدي، مدير …`."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if not cue.is_speech_verb(token) or not joined(doc, index, index + 1):
            continue
        last = person_name(doc, index + 1)
        if last is None or last == index + 1 or last + 1 >= len(tokens):
            continue
        gap = doc.text[tokens[last].end : tokens[last + 1].start]
        if gap.strip() == "،" and (
            cue.person_title(tokens[last + 1]) or cue.is_office_noun(tokens[last + 1])
        ):
            yield Candidate(doc, index + 1, last, "before an office", "person")


def quoted(doc: Doc) -> Iterator[Candidate]:
    """Short quoted phrases made only of free words: often a name ("مارك أسبر"); not in the
    front matter, where a short title is quoted too."""
    starts = [token.start for token in doc.tokens]
    for match in QUOTED_RE.finditer(doc.text, body_start(doc.text)):
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
        if all(free(doc, i) for i in words) and all(
            joined(doc, i, i + 1) or hyphenated(doc, i, i + 1) for i in range(first, last)
        ):
            yield Candidate(doc, first, last, "quoted", "other")


def recurring(docs: Sequence[Doc]) -> Iterator[Candidate]:
    """2–3 free Arabic words in a row of the body (not the front matter, whose comments
    recur), none a generic noun, a direction or an institution word, that occur in at least
    two documents."""
    seen_in: Counter[str] = Counter()
    first_form: dict[str, tuple[Doc, int, int]] = {}
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
            yield Candidate(doc, first, last, RECURRING, "other")


def _runs(doc: Doc) -> Iterator[tuple[int, int]]:
    tokens = doc.tokens
    body = bisect.bisect_left([token.start for token in tokens], body_start(doc.text))
    for first in range(body, len(tokens)):
        if (
            not _ARABIC_WORD.match(doc.word(first))
            or not free(doc, first)
            or cue.is_generic(tokens[first])
            or cue.is_direction(tokens[first])
            or cue.institution(tokens[first])  # the institution rule reads those
            or cue.is_news_verb(tokens[first])
        ):
            continue
        last = first
        while last - first < 2 and joined(doc, last, last + 1):
            token = tokens[last + 1]
            if (
                not free(doc, last + 1)
                or cue.is_direction(token)
                or cue.is_generic(token)
                or cue.is_news_verb(token)  # فؤاد حسين يزور طهران: the name ends before it
                or not _ARABIC_WORD.match(doc.word(last + 1))
            ):
                break
            last += 1
            yield first, last
