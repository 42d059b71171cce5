"""The day of the commands that stamp or check one (I/O): the clock's, or the day that
NEWSARCHIVE_TODAY names (YYYY-MM-DD), which tests set, as one may to replay a day's work.

`gloss` stamps it as the day a gloss was translated, and a build refuses a `translated`
date after the day following it.
"""

from __future__ import annotations

import datetime
import os

from .dates import parse_date

VARIABLE = "NEWSARCHIVE_TODAY"


def today() -> datetime.date:
    """Today, or the day NEWSARCHIVE_TODAY names; a value that names no day stops the
    command with the reason (a test or a script set it wrong)."""
    named = os.environ.get(VARIABLE, "").strip()
    if not named:
        return datetime.date.today()
    try:
        day = parse_date(named)
    except ValueError as exc:
        raise SystemExit(f"{VARIABLE}: {exc}") from None
    if day.month is None or day.day is None:
        raise SystemExit(f"{VARIABLE}: '{named}' names no day (YYYY-MM-DD)")
    return datetime.date(day.year, day.month, day.day)
