"""A byline in pasted copy (`كتب: محمد الربيعي`, `بقلم فلان`) -> the names it gives (pure).

An outlet's own reports are signed, on a line of their own near the top (above or below the
headline or the dateline) or closing the copy. A line is taken for a byline only when the
whole line has its form and is short: a word that signs (كتب, كتبت, بقلم, إعداد), a colon
or a dash (بقلم may go without), then names: words of letters, at most MAX_WORDS of them.
`كتب الوزير في تغريدة: …` is a sentence of the article, and so is any line with a figure.
A place (or outlet) after the names and a dash is where the writer filed from.

Several names are parted by commas or by a و standing alone (`فلان و فلان`). A و joined to
the next word is left as written: `وليد` and `وسام` are names, so `علي حسين ووليد خالد`
stays one name, which the import's report shows for the editor to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_WORDS = 10  # names, not a sentence: four names of two or three words at most
NEAR_TOP = 3  # lines looked at from the top: headline, byline, dateline in any order
NEAR_END = 2  # and from the end: a byline closing the copy, maybe above an end mark
# Words that only sign. `تقرير:` or `حوار:` also open a headline (`تقرير: الحكومة تعلن …`).
_SIGNS = r"كتب|كتبت|كتبه|بقلم|[إا]عداد"
# The names may be followed by where the writer filed from, after a spaced dash: `بقلم:
# زينب علي - بغداد` (a place, or the outlet: `كتب: علي حسين - شفق نيوز`).
_BYLINE = re.compile(
    rf"(?:(?:{_SIGNS})\s*[:：\-–—/]|بقلم\s)\s*(?P<names>.+?)"
    r"(?:\s+[-–—]\s+(?P<where>[^\W\d_]+(?:\s[^\W\d_]+){0,3}))?\s*\.?",
)
_WORD = re.compile(r"[^\W\d_]+\.?|[^\W\d_]+(?:[-'’][^\W\d_]+)+")  # letters, د. , Al-Amin
_PARTS = re.compile(r"\s*[،,]\s*|\s+و\s+")


def byline_names(line: str) -> tuple[str, ...]:
    """The names a line gives when the whole line is a byline; () when it is not one."""
    match = _BYLINE.fullmatch(line.strip())
    if match is None:
        return ()
    names = tuple(part for part in _PARTS.split(match["names"]) if part)
    words = [word for name in names for word in name.split()]
    if not names or len(words) > MAX_WORDS or not all(_WORD.fullmatch(w) for w in words):
        return ()
    return tuple(" ".join(name.split()) for name in names)


def byline_where(line: str) -> str | None:
    """Where a byline says its writer filed from (`بغداد` of `بقلم: زينب علي - بغداد`), or
    None; the import reads it as a dateline's place, or outlet, when the copy has none."""
    match = _BYLINE.fullmatch(line.strip())
    return match["where"] if match is not None and byline_names(line) else None


def find_byline(lines: Sequence[str]) -> tuple[int, tuple[str, ...]] | None:
    """Where the byline is among a copy's lines (the index of the first near its top or
    end), and its names; None without one. A copy of one line is all text."""
    if len(lines) < 2:
        return None
    near = [*range(min(NEAR_TOP, len(lines))), *range(len(lines) - 1, NEAR_TOP - 1, -1)]
    for index in near[: NEAR_TOP + NEAR_END]:
        names = byline_names(lines[index])
        if names:
            return index, names
    return None
