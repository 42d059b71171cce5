"""A date with its time on the site's clock as RFC 3339, with the offset the site's time zone
(site.toml's time_zone) had at that moment, and the day that clock shows at an instant
(pure; the time zone database, the system's or the tzdata package's, is read once per zone).

Editors write the time as the newsroom's clock showed it (`2026-12-07T14:30`), never an
offset: Baghdad's +03:00, or Beirut's +02:00 in winter and +03:00 in summer, is the zone's
to say, so an article of July and one of January each get the offset they were published
under, and no editor has to know which.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import PartialDate

DEFAULT_TIME_ZONE = "UTC"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def time_zone_problem(name: str) -> str | None:
    """Why `name` is no time zone the build can use (None: it is one)."""
    try:
        _zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return (
            f"'time_zone' = \"{name}\" is no time zone of the tz database: write its name, "
            'such as "Asia/Baghdad" or "UTC"'
        )
    return None


def day_at(moment: datetime.datetime, zone: str) -> datetime.date:
    """The day `zone`'s clock showed at `moment` (an aware datetime): at 01:30 in Baghdad,
    22:30 UTC the evening before, it is already the next day there."""
    return moment.astimezone(_zone(zone)).date()


def rfc3339(date: PartialDate, zone: str) -> str | None:
    """`2026-12-07T14:30:00+03:00` for a date with a time, in `zone`; None for one without."""
    if date.time is None or date.month is None or date.day is None:
        return None
    hour, minute = int(date.time[:2]), int(date.time[3:])
    return _stamp(datetime.datetime(date.year, date.month, date.day, hour, minute), zone)


def period_start(date: PartialDate, zone: str) -> str:
    """The first moment of a date's known period on `zone`'s clock: `2026-12-07T00:00:00+03:00`
    for a day without a time, the 1st of a month, the 1st of January of a year. Where Atom
    needs an instant for a day alone, the day's start where the newsroom is, so a feed reader
    sorting by instant keeps the site's order (midnight UTC, 03:00 in Baghdad, put a story of
    the day alone above one published there at 01:00, which the site lists before it)."""
    wall = datetime.datetime(date.year, date.month or 1, date.day or 1)
    return _stamp(wall, zone)


def _stamp(wall: datetime.datetime, zone: str) -> str:
    """A time on `zone`'s wall clock with the offset the zone had then ("Z" when none)."""
    offset = wall.replace(tzinfo=_zone(zone)).utcoffset() or datetime.timedelta()
    if not offset:
        return f"{wall.isoformat()}Z"
    sign = "-" if offset < datetime.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{wall.isoformat()}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
