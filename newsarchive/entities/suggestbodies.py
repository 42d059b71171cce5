"""The official names of bodies written with ال, for registry suggestions (pure).

`المنظمة الدولية` alone is the body an article named before; what makes a definite
institution word a name is what follows its adjectives: a complement with ل (`المنظمة
الدولية للهجرة`, `الاتحاد العراقي لكرة القدم`, `الشركة العامة لتسويق الأدوية …`), or an
adjective that pins it to one state or rank after another adjective (`البنك المركزي العراقي`,
`الحزب الديمقراطي الكوردستاني`, `المحكمة الاتحادية العليا`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.arabic import ARTICLE, CONJUNCTIONS, to_key
from . import suggestcues as cue
from .suggestrules import MAX_INSTITUTION, Candidate, Doc, bracketed, joined

MAX_ADJECTIVES = 3  # اللجنة الأولمبية الوطنية العراقية
# Adjectives of rank that, like a nationality, make one body of a kind (المحكمة الاتحادية العليا).
_RANK_KEYS = frozenset(to_key(word) for word in ("العليا", "الأعلى"))


def definite_bodies(doc: Doc) -> Iterator[Candidate]:
    """A definite institution word, its adjectives and a complement with ل, or two adjectives
    or more ending in a nationality or a rank: the official name of a body."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if index in doc.known or not doc.definite(index) or not cue.is_definite_body(token):
            continue
        last = index
        while (
            last - index < MAX_ADJECTIVES
            and _adjective_like(doc, last + 1)
            and joined(doc, last, last + 1)
        ):
            last += 1
        if last == index:
            continue
        if last - index < 2 or tokens[last].key not in cue.NATIONALITY_KEYS | _RANK_KEYS:
            complement_end = _complement_end(doc, index, last)
            if complement_end is None:
                continue
            last = complement_end
        clitics, dropped = _article_at(doc.word(index))
        head = ("ال" if dropped else "") + doc.word(index)[clitics:]
        yield Candidate(doc, index, last, f"after {head}", "organization", None, clitics, dropped)
        yield from bracketed(doc, last, f"in brackets after {head}", "organization")


def _complement_end(doc: Doc, index: int, last: int) -> int | None:
    """The last token of the ل… complement after a body's adjectives ending at ``last``
    (للهجرة, لكرة القدم, لتسويق الأدوية والمستلزمات الطبية); None without one."""
    following = last + 1
    if last - index > 2 or not joined(doc, last, following) or following in doc.known:
        return None
    word = doc.word(following)
    if not word.startswith("لل") and not _to_a_noun(doc, following):
        return None
    last = following
    while (
        last - index < MAX_INSTITUTION
        and joined(doc, last, last + 1)
        and doc.definite(last + 1)
        and not doc.function_word(last + 1)
    ):
        last += 1  # الشركة العامة للموانئ العراقية
    return last


def _to_a_noun(doc: Doc, index: int) -> bool:
    """ل + a noun before its definite genitive: لكرة (القدم), لتسويق (الأدوية)."""
    word = doc.word(index)
    return (
        word.startswith("ل")
        and len(word) >= 4
        and index + 1 < len(doc.tokens)
        and joined(doc, index, index + 1)
        and doc.definite(index + 1)
        and index + 1 not in doc.known
        and not doc.function_word(index)
    )


def _article_at(word: str) -> tuple[int, bool]:
    """How many letters come before the name's ال (و in والمنظمة), and whether the ال's alef
    was dropped after ل (للاتحاد: the name is الاتحاد)."""
    prefix = 1 if word[:1] in CONJUNCTIONS and word[1:3] in (ARTICLE, "لل") else 0
    if word[prefix : prefix + 2] == "لل":
        return prefix + 2, True
    return prefix, False


def _adjective_like(doc: Doc, index: int) -> bool:
    """A definite adjective: a nisba (الدولية) or a listed one (العليا, العامة)."""
    if index >= len(doc.tokens) or not doc.definite(index) or index in doc.known:
        return False
    word = doc.word(index)  # not the key: its ئ is ي (للموانئ)
    return not word.startswith("لل") and (
        word.endswith(("ي", "ية")) or cue.is_adjective(doc.tokens[index])
    )
