"""What a date written another common way meant, to say how to write it (pure)."""

from __future__ import annotations

import datetime
import re

# Dates as newsrooms write them, read only to say how to write them: 15/03/2021 (day first,
# as in the Arab world), 2021/3/15, 2021-3, and a date with its time (2021-03-15 12:00).
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?(?:[T ].*)?")


def date_meant(value: str) -> str | None:
    """The YYYY-MM-DD (or YYYY-MM) form of a date written another common way, if it is a
    real date; None when the text is no date at all."""
    day_first = _DAY_FIRST.fullmatch(value)
    year_first = _YEAR_FIRST.fullmatch(value)
    if day_first:
        day, month, year = (int(g) for g in day_first.groups())
    elif year_first:
        year, month = int(year_first[1]), int(year_first[2])
        if year_first[3] is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        day = int(year_first[3])
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def written_day_first(value: str) -> bool:
    """Whether the date is written D/M/YYYY (or with dots or dashes), which date_meant reads
    day first."""
    return _DAY_FIRST.fullmatch(value) is not None


def only_month_first(value: str) -> bool:
    """Whether a date written D/M/YYYY is a real date only when read month first
    (`3/25/2011`): an American spreadsheet's, whose other dates (`12/3/2011`) are too."""
    found = _DAY_FIRST.fullmatch(value)
    if found is None:
        return False
    first, second, year = (int(g) for g in found.groups())
    try:
        datetime.date(year, first, second)
    except ValueError:
        return False
    return second > 12
