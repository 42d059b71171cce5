"""When a gloss's English was published or last brought up to date: the gloss front-matter
key ``translated: YYYY-MM-DD``, read, checked and stamped (pure).

The translated list and its feed order articles by this day, not by the article's own:
translators of an archive mostly work on its backlog, and an old article translated today
is news to an English reader. `gloss` stamps the day it first finds English in a gloss;
a gloss without the key counts at its article's date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ..core.diagnostics import Diagnostic
from ..core.model import PartialDate
from ..core.yamldoc import Node
from .dates import parse_date

TRANSLATED_KEY = "translated"
_WHAT = (
    f"'{TRANSLATED_KEY}' is the day the English was published or brought up to date (YYYY-MM-DD)"
)


def translated_field(
    meta: dict[str, Node], path: str, diags: list[Diagnostic], today: datetime.date | None
) -> tuple[PartialDate | None, int]:
    """The day the file says its English was published, and the line of the key (None, 0
    without one). A value that is no day (the article date's parser says why), or a day after
    tomorrow (`today`: the commands' day, None: not checked; tomorrow, for a translator whose
    day has begun where the site is built), is a diagnostic at its line."""
    node = meta.get(TRANSLATED_KEY)
    if node is None:
        return None, 0
    if not isinstance(node.value, str) or not node.value.strip():
        diags.append(Diagnostic(path, node.line, f"{_WHAT}: write it as 2026-12-06"))
        return None, node.line
    try:
        day = parse_date(node.value)
    except ValueError as exc:
        # The article date's parser also offers YYYY-MM and YYYY, which are no day.
        said = str(exc).replace("is not YYYY-MM-DD, YYYY-MM or YYYY", "is not YYYY-MM-DD")
        diags.append(Diagnostic(path, node.line, f"{_WHAT}: {said}"))
        return None, node.line
    if day.day is None:
        message = f"{_WHAT}: '{node.value.strip()}' names no day"
        diags.append(Diagnostic(path, node.line, message))
        return None, node.line
    if today is not None and day > _day(today + datetime.timedelta(days=1)):
        message = f"{_WHAT}: {day.iso()} is in the future (today is {today.isoformat()})"
        diags.append(Diagnostic(path, node.line, message))
        return None, node.line
    return day, node.line


def before_article(
    gloss_path: str, day: PartialDate, line: int, article: PartialDate
) -> tuple[Diagnostic, ...]:
    """A diagnostic at the key's line when the English is dated before the article itself:
    a mistyped year or month, which would list the article among the oldest translations and
    show readers a translation older than its original. Compared at the article date's
    precision (an article of 2019-05 may be translated on any day of that month)."""
    known = 3 if article.day else 2 if article.month else 1
    if day.sort_key()[:known] >= article.sort_key()[:known]:
        return ()
    message = (
        f"{_WHAT}: {day.iso()} is before the article's own date, {article.iso()}; "
        "the English cannot come out before the Arabic"
    )
    return (Diagnostic(gloss_path, line, message),)


def _day(date: datetime.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)


def translated_line(today: datetime.date) -> str:
    """The front-matter line `gloss` adds: the day it found the English."""
    return f"{TRANSLATED_KEY}: {today.isoformat()}"


def dated(lines: Sequence[str], closing: int, today: datetime.date) -> list[str]:
    """The file's lines with `translated: <today>` added just before the closing '---'
    (line `closing`, 1-based), where any YAML value has ended. Nothing else changes."""
    out = list(lines)
    out.insert(closing - 1, translated_line(today))
    return out
