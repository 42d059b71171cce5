"""The site's day, for the commands that stamp or check one (I/O): the day the clock of
site.toml's `time_zone` shows now, not the build machine's (UTC in CI: a gloss finished at
01:30 in Baghdad is of that day there, not of the day before).

NEWSARCHIVE_TODAY, which tests set, as one may to replay a day's work, names the day
(YYYY-MM-DD, the site's day as it is) or an instant with its offset
(`2026-12-06T22:30Z`, `2026-12-06T22:30+00:00`: the day the site's clock showed then).

`gloss` stamps it as the day a gloss was translated; a build refuses a date after the day
following it, and warns of a published text (an article dated before it) changed without
a correction note.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from ..core.moments import day_at
from .config import load_config
from .dates import parse_date

VARIABLE = "NEWSARCHIVE_TODAY"


def today(zone: str) -> datetime.date:
    """The day on the clock of `zone` (site.toml's time_zone) now, or as NEWSARCHIVE_TODAY
    says; a value that names neither a day nor an instant stops the command with the
    reason (a test or a script set it wrong)."""
    named = os.environ.get(VARIABLE, "").strip()
    if not named:
        return day_at(datetime.datetime.now(datetime.UTC), zone)
    if "T" in named or " " in named:
        return day_at(_instant(named), zone)
    try:
        day = parse_date(named)
    except ValueError as exc:
        raise SystemExit(f"{VARIABLE}: {exc}") from None
    if day.month is None or day.day is None:
        raise SystemExit(f"{VARIABLE}: '{named}' names no day (YYYY-MM-DD)")
    return datetime.date(day.year, day.month, day.day)


def site_today(root: Path) -> datetime.date:
    """The site's day, by the time zone content/site.toml under root gives (for the commands
    that read no other setting of it; BuildFailed: site.toml cannot be read)."""
    return today(load_config(root).time_zone)


def _instant(named: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(named)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise SystemExit(
            f"{VARIABLE}: '{named}' names no day (YYYY-MM-DD) nor instant with its offset"
            " (2026-12-06T22:30Z)"
        )
    return moment
