"""What changed in an outdated paragraph since its English was written (pure): the Arabic a
block's note keeps (the paragraph as translated) against the paragraph as it is now, word
by word, as a translator checks a figure or a name that changed mid-paragraph."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..core.arabic import without_invisibles
from .gloss import GlossFile, paired

AROUND = 3  # unchanged words shown on each side of a change


@dataclass(frozen=True)
class Change:
    """One place where the paragraph changed: its words then and now, the changed ones in
    [brackets], with a few unchanged words around them ("…" where the paragraph goes on)."""

    was: str
    now: str


@dataclass(frozen=True)
class Outdated:
    """An outdated block (or the title): its id and, when its note keeps the Arabic it
    translated, what changed since (None: a note written before 2026-12 keeps only the
    opening words)."""

    block_id: str
    changes: tuple[Change, ...] | None
    title_now: str = ""  # for the title ("title"), whose gloss keeps only a fingerprint
    index: int | None = None  # the paragraph it stands for on the pages (None: the title)
    now: str = ""  # that paragraph's Arabic now


def outdated_blocks(
    gloss: GlossFile, prints: Sequence[str], texts: Sequence[str]
) -> tuple[Outdated, ...]:
    """The gloss's blocks whose English translates an earlier version of their paragraph
    (`prints`, `texts`: the article's paragraphs now), in the article's order."""
    blocks, pairing = paired(gloss.blocks, prints, texts)
    found = []
    for index, b in enumerate(pairing.block_of):
        block = blocks[b] if b is not None else None
        if block is None or not block.text or block.fingerprint == prints[index]:
            continue
        was = block.translated_arabic
        changes = None if was is None else word_changes(was, texts[index])
        found.append(Outdated(block.id, changes, index=index, now=texts[index]))
    return tuple(found)


def word_changes(was: str, now: str) -> tuple[Change, ...]:
    """The places where `now` differs from `was`, word by word; changes fewer than twice
    AROUND words apart are one place."""
    old, new = _words(was), _words(now)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return tuple(
        Change(_shown(old, group, new=False), _shown(new, group, new=True))
        for group in matcher.get_grouped_opcodes(AROUND)
    )


def _words(text: str) -> list[str]:
    """The words a reader sees: invisible marks and tatweel changed nothing (as the
    paragraph's fingerprint reads it)."""
    return without_invisibles(unicodedata.normalize("NFC", text)).split()


Opcode = tuple[str, int, int, int, int]


def _shown(words: Sequence[str], group: Sequence[Opcode], new: bool) -> str:
    """One side of a group of opcodes (`new`: the paragraph now, else as translated), the
    changed words in brackets."""
    spans = [(tag, b0, b1) if new else (tag, a0, a1) for tag, a0, a1, b0, b1 in group]
    parts = ["…"] if spans[0][1] > 0 else []
    for tag, start, end in spans:
        piece = " ".join(words[start:end])
        if tag == "equal":
            parts += [piece] if piece else []
        else:
            parts.append(f"[{piece}]")  # "[]": nothing here, the other side has words
    if spans[-1][2] < len(words):
        parts.append("…")
    return " ".join(parts)
