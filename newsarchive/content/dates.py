"""Dates as content writes them, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: parsed, and checked for
what cannot be an article's date (pure).

A year before EARLIEST_YEAR is refused: no news archive reaches back further (Iraq's first
newspaper, al-Zawra, is of 1869), so it is a Hijri year (the copy's own date, ١٤٤٨ هـ, is
routine in Iraqi news) or a typo. So is a date after tomorrow (after_tomorrow), for which
the caller says what today is.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from ..core.diagnostics import Diagnostic
from ..core.model import PartialDate
from ..core.yamldoc import Node
from .datehints import date_meant

DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A day with its time on the site's clock: 2026-12-07T14:30 or 2026-12-07 14:30.
TIMED_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})")
# ... and with seconds or an offset, which are not written: said how to write it.
TIMED_MORE_RE = re.compile(r"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?")
EARLIEST_YEAR = 1800
HIJRI_YEARS = range(1300, 1501)  # 1882-2077 of the Gregorian calendar


def parse_date(value: str, timed: bool = False) -> PartialDate:
    """YYYY-MM-DD, YYYY-MM or YYYY to a PartialDate; ValueError with a reason otherwise.
    timed: a day may carry its time, YYYY-MM-DDTHH:MM (or a space for the T), on the
    site's clock."""
    if timed:
        found = TIMED_RE.fullmatch(value.strip())
        if found:
            return _with_time(parse_date(found[1]), int(found[2]), int(found[3]), value)
        longer = TIMED_MORE_RE.fullmatch(value.strip())
        if longer:
            raise ValueError(
                f"date '{value}': write \"{longer[1].replace(' ', 'T')}\", the time on the"
                " site's clock (site.toml's time_zone) without seconds or an offset"
            )
    match = DATE_RE.fullmatch(value.strip())
    if not match:
        meant = date_meant(value.strip())
        hint = f': write "{meant}"' if meant else ""
        raise ValueError(f"date '{value}' is not YYYY-MM-DD, YYYY-MM or YYYY{hint}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year < EARLIEST_YEAR:
        raise ValueError(_too_early(value.strip(), year))
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"date '{value}' has no month {month}")
    if month is not None and day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"date '{value}' does not exist") from None
    return PartialDate(year, month, day)


def _with_time(day: PartialDate, hour: int, minute: int, value: str) -> PartialDate:
    if hour > 23 or minute > 59:
        raise ValueError(f"date '{value}' has no time {hour:02d}:{minute:02d} (00:00 to 23:59)")
    return PartialDate(day.year, day.month, day.day, f"{hour:02d}:{minute:02d}")


def date_field(
    node: Node, wrong: str, path: str, diags: list[Diagnostic], timed: bool = False
) -> PartialDate | None:
    """A front-matter date (`timed`: a day may carry its time); a diagnostic at its line when
    it is no date, `wrong` when it is not even text (a list, a mapping)."""
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, wrong))
        return None
    try:
        return parse_date(node.value, timed)
    except ValueError as exc:
        diags.append(Diagnostic(path, node.line, str(exc)))
        return None


class DayWords(NamedTuple):
    """How event_day names, in its messages, the day of what happened to an article."""

    day: str  # after a value that is no date: "the day it was withdrawn"
    not_a_day: str  # a month or a year given for the day: {date}
    before: str  # a day before the article's date: {date} and {published}


def event_day(
    node: Node,
    published: PartialDate | None,
    path: str,
    diags: list[Diagnostic],
    today: datetime.date | None,
    words: DayWords,
    timed: bool = False,
) -> PartialDate | None:
    """The day something happened to an article (a correction, its withdrawal) from its
    front-matter 'date': a whole day, YYYY-MM-DD, not before the article's date
    (`published`; None: that date is wrong, and said so) nor after tomorrow (`today`; None:
    not checked), with its time when `timed` allows one; else None and a diagnostic at its
    line, in `words`."""
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, f"'date' must be YYYY-MM-DD ({words.day})"))
        return None
    try:
        date = parse_date(node.value, timed)
    except ValueError as exc:
        diags.append(Diagnostic(path, node.line, f"{exc} ({words.day})"))
        return None
    problem = None
    if date.day is None:
        problem = words.not_a_day.format(date=date.iso())
    # a day sorts after the partial date of its own month or year (PartialDate.sort_key)
    elif published is not None and date.sort_key() < published.sort_key():
        problem = words.before.format(date=date.iso(), published=published.iso())
    elif today is not None:
        problem = after_tomorrow(date, today)
    if problem is not None:
        diags.append(Diagnostic(path, node.line, problem))
        return None
    return date


def _too_early(value: str, year: int) -> str:
    if year not in HIJRI_YEARS:
        return f"date '{value}' is before {EARLIEST_YEAR}: a mistyped year?"
    # A Hijri year is 354.37 days: AH 1 began in July 622.
    first = int(621.5643 + 0.970229 * year)
    return (
        f"date '{value}' looks like a Hijri date: the year {year} AH is {first}-{first + 1}; "
        "give the Gregorian date"
    )


def after_tomorrow(date: PartialDate, today: datetime.date) -> str | None:
    """Why a date cannot be an article's, when it is after tomorrow (a mistyped year: a
    report is dated the day it came out), at the date's own precision: a month or a year
    still under way is not in the future. Tomorrow, for a day begun where the copy came
    from before where the site is built."""
    tomorrow = today + datetime.timedelta(days=1)
    known = 3 if date.day else 2 if date.month else 1
    if date.sort_key()[:known] <= (tomorrow.year, tomorrow.month, tomorrow.day)[:known]:
        return None
    return f"date {date.iso()} is in the future (today is {today.isoformat()}): a mistyped year?"
