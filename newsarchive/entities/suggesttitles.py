"""The rule that finds a person's name after a title or an office (pure): past the office's
complement (وزير الخارجية العراقي فؤاد حسين), never a headline's verb in its place
(رئيس الوزراء يستقبل وفدا)."""

from __future__ import annotations

from collections.abc import Iterator

from . import suggestcues as cue
from .suggestrules import MAX_NAME, Candidate, Doc, free, joined, person_name, prepositional

MAX_COMPLEMENT = 8  # words of an office's complement (المتحدث باسم القائد العام للقوات …)


def _ending_at_family_name(doc: Doc, start: int, last: int) -> tuple[int, int]:
    """A name cut at three words that a family name follows closely was taken too early: the
    complement went on (مدير توزيع كهرباء ديالى سلام حميد الربيعي). Its last three words up to
    the family name, else the name as it was."""
    for end in range(last + 1, min(last + 3, len(doc.tokens))):
        if not joined(doc, end - 1, end) or not free(doc, end):
            break
        if doc.nisba(end):
            return end - 2, end
        if doc.definite(end):
            break
    return start, last


def _complement_end(doc: Doc, start: int, open_slot: bool) -> int:
    """The first token after an office's complement beginning at ``start``: definite words
    (الخارجية العراقي), office nouns taking the next word (صحة دير الزور), في/لدى + a place.
    ``open_slot``: the office is a construct (وزير, مدير) whose next word is its complement."""
    index = start
    while index < len(doc.tokens) and index - start < MAX_COMPLEMENT:
        if index > start and not joined(doc, index - 1, index):
            break
        token = doc.tokens[index]
        if token.key == "عن" and index == start and cue.is_representative(doc.tokens[start - 1]):
            open_slot = True  # النائب عن محافظة البصرة …
            index += 1
            continue
        if cue.is_filler(token) or cue.is_office_noun(token) or cue.person_title(token):
            open_slot = (
                cue.is_office_noun(token)
                or token.key in ("في", "لدي")
                or (cue.person_title(token) is not None and not doc.definite(index))
            )
            index += 1
            continue
        if doc.definite(index):
            open_slot = False
            index += 1
            continue
        if prepositional(doc, index):
            open_slot = True  # المتحدثة باسم مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية …
            index += 1
            continue
        if open_slot and (index in doc.known or free(doc, index)):
            open_slot = False  # a genitive proper name: محافظ نينوى, مدير صحة دير (الزور)
            index += 1
            continue
        break
    return index


def after_titles(doc: Doc) -> Iterator[Candidate]:
    """A person's name after a title or an office, after the office's complement
    (وزير الخارجية العراقي فؤاد حسين, المتحدث باسم الوزارة علي عباس)."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        title = cue.person_title(token)
        if title is None or index in doc.known:
            continue
        if index > 0 and joined(doc, index - 1, index) and cue.person_title(tokens[index - 1]):
            continue  # the title's second word: the first one's candidate covers it
        if index > 0 and joined(doc, index - 1, index) and tokens[index - 1].key in cue.JOINER_KEYS:
            continue  # عبد الأمير: a name, not a title
        if index - 1 in doc.known and joined(doc, index - 1, index) and doc.definite(index):
            continue  # كينو كبريل الناطق باسم …: the name came first
        start = _complement_end(doc, index + 1, not doc.definite(index))
        if start != index + 1 and not joined(doc, start - 1, start):
            continue
        if start == index + 1 and not joined(doc, index, start):
            continue
        if start < len(tokens) and cue.is_present_verb(tokens[start], doc.word(start)):
            continue  # رئيس الوزراء يستقبل وفدا: the headline's verb, no name
        last = person_name(doc, start) if start < len(tokens) else None
        if last is not None and last - start + 1 == MAX_NAME and not doc.nisba(last):
            start, last = _ending_at_family_name(doc, start, last)
        if last is not None:
            yield Candidate(doc, start, last, f"after the title {title}", "person")
