"""What an edit did to an article's paragraphs and their anchors, from short fingerprints
the build record keeps (pure).

Readers cite a paragraph by its anchor (`#p4`), and the English gloss pairs paragraphs the
same way. So each article's view keeps, for each top-level block of its body (what gets a
`#pN`), its line in the file and a sketch of its words: the words (as the matcher cuts
them: no punctuation or spacing) fall by a CRC-32 of each into eight parts, and each part is
one byte of the sum of its words' CRCs. Ten bytes a paragraph (at 1,000 articles the
snapshot grew by 89 kB, 3.7%). A per-word loop, and the
cheapest found: 0.14 ms an article of 444 words (its pages take about 3 ms), where
folding the words as the matcher's keys first cost 0.4 ms.

Two sketches equal: the same words, in any order (punctuation and spacing fixed count as no
change). One word replaced, added or removed changes at most two parts:
a paragraph whose sketch differs in at most TYPO parts is the same paragraph with a typo
fixed; more, and it was rewritten (two words changed: nine times in ten; three or more:
nearly always). The standard library's SequenceMatcher pairs the paragraphs before an edit
with those after it.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..core.arabic import words
from ..core.diagnostics import counted, noun_for
from ..core.model import Article, PartialDate

PARTS = 8  # bytes of a paragraph's sketch
RECORD = PARTS + 2  # and its line (two bytes)
TYPO = 2  # parts a sketch may differ in when one word was corrected
_LAST_LINE = 0xFFFF

# What the two warnings say (the edit-sequence checker leaves them out: a build with no
# record of the last one, as a cold build is, has nothing to compare with).
LAND_ELSEWHERE = "now land on other text"
NO_CORRECTION = "the published text changed without a correction note"


def sketch(text: str) -> bytes:
    """A paragraph's sketch: its words in PARTS parts (see the module's docstring)."""
    parts = [0] * PARTS
    for word in words(text):
        crc = zlib.crc32(word.encode())
        parts[crc % PARTS] += crc
    # The low bits of a part's sum are its number's: one byte above them.
    return bytes((value >> 3) & 0xFF for value in parts)


def paragraph_prints(lines_and_texts: Iterable[tuple[int, str]]) -> bytes:
    """Each paragraph's record, in order: its line in the file, then its sketch."""
    return b"".join(
        min(line, _LAST_LINE).to_bytes(2, "big") + sketch(text) for line, text in lines_and_texts
    )


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as the record keeps it: its line in the file and its sketch."""

    line: int
    sketch: bytes


def paragraphs_of(prints: bytes) -> list[Paragraph]:
    """The paragraphs of an article's records (paragraph_prints)."""
    return [
        Paragraph(int.from_bytes(prints[at : at + 2], "big"), prints[at + 2 : at + RECORD])
        for at in range(0, len(prints) - RECORD + 1, RECORD)
    ]


def rewritten(before: bytes, after: bytes) -> bool:
    """Whether more than a typo changed between two sketches of a paragraph."""
    return sum(a != b for a, b in zip(before, after, strict=True)) > TYPO


@dataclass(frozen=True)
class TextChange:
    """What an edit did to an article's paragraphs: the pairs (index before, index after) of
    those it kept, typo fixes and rewrites in place included; the indexes after it of the
    paragraphs added and rewritten, how many were removed, the line where the first such
    change is, and the line of the first kept paragraph whose number changed."""

    kept: tuple[tuple[int, int], ...]
    added: tuple[int, ...]
    rewritten: tuple[int, ...]
    removed: int
    first_line: int
    moved_line: int

    def moved(self) -> list[tuple[int, int]]:
        """The kept paragraphs whose number changed."""
        return [(old, new) for old, new in self.kept if old != new]

    def substantive(self) -> bool:
        """Whether the text changed in more than typos: a paragraph added, rewritten or
        removed (what asks for a correction note; moves alone do not)."""
        return bool(self.added or self.rewritten or self.removed)


def text_change(before: bytes, after: bytes, body_line: int) -> TextChange:
    """How the paragraphs `after` relate to those `before` (both paragraph_prints); a
    change at the end of the body is placed at its last paragraph (`body_line` if none)."""
    old, new = paragraphs_of(before), paragraphs_of(after)
    matcher = SequenceMatcher(None, [p.sketch for p in old], [p.sketch for p in new], False)
    kept: list[tuple[int, int]] = []
    added: list[int] = []
    changed: list[int] = []
    removed = 0
    first: int | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:  # paragraphs edited in place
            pairs = list(zip(range(i1, i2), range(j1, j2), strict=True))
            kept += pairs
            changed += [j for i, j in pairs if rewritten(old[i].sketch, new[j].sketch)]
            if first is None and changed:
                first = changed[0]
            continue
        added += range(j1, j2)
        removed += i2 - i1
        first = j1 if first is None else first
    where = body_line if not new else new[min(first or 0, len(new) - 1)].line
    moved = next((new[j].line for i, j in kept if i != j), where)
    return TextChange(tuple(kept), tuple(added), tuple(changed), removed, where, moved)


def _runs(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Consecutive moved paragraphs as runs: (first before, last before, first after), from
    1 as anchors count."""
    runs: list[tuple[int, int, int]] = []
    for old, new in pairs:
        if runs and runs[-1][1] == old and runs[-1][2] + (old - runs[-1][0]) == new:
            runs[-1] = (runs[-1][0], old + 1, runs[-1][2])
        else:
            runs.append((old + 1, old + 1, new + 1))
    return runs


def _span(first: int, last: int, prefix: str = "") -> str:
    return f"{prefix}{first}" if first == last else f"{prefix}{first}–{prefix}{last}"


def moved_anchors(change: TextChange) -> str | None:
    """The warning that paragraph anchors moved, in plain words (None: none moved)."""
    runs = _runs(change.moved())
    if not runs:
        return None
    moved = sum(last - first + 1 for first, last, _ in runs)
    moves = "; ".join(
        f"{_span(a, b)} {'are' if a != b else 'is'} now {_span(c, c + b - a)}" for a, b, c in runs
    )
    anchors = ", ".join(_span(a, b, "#p") for a, b, _ in runs)
    return (
        f"{noun_for(moved, 'paragraph')} {moves}: links to {anchors} {LAND_ELSEWHERE} "
        "(readers, researchers and the English gloss cite paragraphs by these anchors). To "
        "keep them, add a new paragraph after the last one instead; if the change is meant, "
        "nothing is to do (say what changed in a correction note, `corrections:` in the front "
        "matter): the next build compares with this one and does not say it again"
    )


def _counted(change: TextChange) -> str:
    said = []
    for count, what in (
        (len(change.added), "added"),
        (len(change.rewritten), "rewritten"),
        (change.removed, "removed"),
    ):
        if count:
            said.append(f"{counted(count, 'paragraph')} {what}")
    return ", ".join(said)


def _last_day(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 12, date.day or 31)


def unnoted_edit(
    change: TextChange, before: Article, after: Article, today: datetime.date
) -> str | None:
    """The warning that a published article's text changed with no new correction note, in
    plain words; None when nothing but typos changed, a note came with the change, or the
    article is dated today or later (still being written)."""
    if not change.substantive() or set(after.corrections) - set(before.corrections):
        return None
    if _last_day(after.date) >= (today.year, today.month, today.day):
        return None
    return (
        f"{NO_CORRECTION} ({_counted(change)}; a word or two corrected is not counted): "
        "readers and those who cited it see no sign of it. Add a dated note saying what "
        'changed under `corrections:` in the front matter (`- date: "YYYY-MM-DD"` and '
        "`note: …` under it; see docs/editors-guide.md, Correcting an article); the next "
        "build compares with this one and does not say it again"
    )
