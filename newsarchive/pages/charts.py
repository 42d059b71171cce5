"""Charts made at build time (pure): a timeline of articles per month or per year as an
inline SVG with its figures as a table, and ranked bars of an entity's companions.

No script draws them, so they cost nothing to run and show without JavaScript. Colours come
only from CSS (classes and custom properties, templates/static/css/charts.css), so they follow
the theme; coordinates are integers in a viewBox the CSS stretches to the column's width.
Time runs in the reading direction: on Arabic pages the first period is at the right.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..assembly.site import YearArchive
from ..core.model import PartialDate, month_names

MONTHLY_SPAN = 36  # months: a longer span (or a date known only to its year) counts per year
WIDTH = 600  # the timeline's viewBox: WIDTH x HEIGHT user units
HEIGHT = 100
TOP = 96  # the height of the tallest bar (room above it for the stroke of the grid)
MAX_BAR = 40  # the widest bar, when a few periods share the width
RANKED_WIDTH = 100  # a ranked bar's viewBox width: its length is a percentage of the longest

# The axis's labels are chosen here, where no text is measured, so their widths are bounded
# from above: Chromium draws the site's digits 0.64 em wide and the Arabic names of months
# 0.38 to 0.52 em a character, at the phone's 16.2 px (0.9rem of 18 px), and labels stand
# 1 em apart. A label shown on a phone must fit a 270 px chart (a 320 px screen, its margins
# and a scroll bar's gutter); one shown on wider screens a 560 px one (a 40rem screen's).
LABEL_EM = 16.2  # px
LABEL_CHAR = {"ar": 0.6, "en": 0.65}  # em: the widest a character of a label, by language
LABEL_GAP = 1.0  # em
NARROWEST_CHART = 270  # px
WIDE_CHART = 560  # px
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)  # a label every step years, on a multiple of step
MONTH_STEPS = (1, 2, 3, 6, 12)  # a label every step months, from January


@dataclass(frozen=True)
class Period:
    """One bar of a timeline: a month or a year, and how many articles it has."""

    date: PartialDate  # year and month, or year alone
    count: int


@dataclass(frozen=True)
class Ranked:
    """One row of ranked bars: a link, its text (in `lang` when it is not the page's), a count."""

    href: str
    name: str
    count: int
    lang: str | None = None  # the name's language, when it differs from the page's


def story_dates(years: Sequence[YearArchive]) -> dict[str, PartialDate]:
    """Each story's year and month (or year alone), read from the archives (an edit's site
    has them from the snapshot, so no article view is loaded)."""
    found: dict[str, PartialDate] = {}
    for year in years:
        for story in year.stories:
            found[story] = PartialDate(year.year)
        for month in year.months:
            for story in month.stories:
                found[story] = PartialDate(year.year, month.month)
    return found


def periods_of(dates: Iterable[PartialDate]) -> tuple[Period, ...]:
    """Articles per month when every date has its month and they span at most MONTHLY_SPAN
    months, else per year; oldest first, with the empty periods between."""
    dates = list(dates)
    if not dates:
        return ()
    months = [d.year * 12 + d.month - 1 for d in dates if d.month is not None]
    if len(months) == len(dates) and max(months) - min(months) < MONTHLY_SPAN:
        per_month = Counter(months)
        return tuple(
            Period(PartialDate(m // 12, m % 12 + 1), per_month[m])
            for m in range(min(months), max(months) + 1)
        )
    return periods_per_year(Counter(d.year for d in dates))


def periods_per_year(counts: Mapping[int, int]) -> tuple[Period, ...]:
    """Articles per year, oldest first, with the empty years between."""
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    return tuple(Period(PartialDate(y), counts.get(y, 0)) for y in range(first, last + 1))


def periods_per_month(year: int, counts: Mapping[int, int]) -> tuple[Period, ...]:
    """Articles per month of one year, from its first month with articles to its last."""
    if not counts:
        return ()
    return tuple(
        Period(PartialDate(year, m), counts.get(m, 0)) for m in range(min(counts), max(counts) + 1)
    )


def summary(periods: Sequence[Period], lang: str, t: Mapping[str, str]) -> str:
    """The chart in one sentence: how many articles, over which span, the busiest period."""
    total = sum(p.count for p in periods)
    first, last = periods[0].date.display(lang), periods[-1].date.display(lang)
    if len(periods) == 1:
        return t["chart_summary_one"].format(total=total, first=first)
    peak = max(periods, key=lambda p: p.count)  # the earliest of equal peaks
    tied = sum(p.count == peak.count for p in periods)
    # A peak shared is not called the one busiest period: "first in", or "in each".
    kind = "chart_summary" if tied == 1 else "chart_summary_tied"
    if tied == len(periods):
        kind = "chart_summary_even"
    return t[kind].format(
        total=total, first=first, last=last, peak=peak.count, peak_period=peak.date.display(lang)
    )


def bars_path(periods: Sequence[Period], rtl: bool) -> str:
    """The bars as one SVG path (a rect each costs three times the bytes): period i in the
    i-th slot from the start side, its height proportional to its count (a bar of at least
    one unit for a non-zero count, none for zero)."""
    width, n = _width(periods), len(periods)
    slot = width // n
    bar = max(1, min(slot - max(1, slot // 5), MAX_BAR))
    peak = max(p.count for p in periods) or 1
    parts = []
    for i, period in enumerate(periods):
        if not period.count:
            continue
        height = max(1, (period.count * TOP + peak // 2) // peak)
        # The slots share the whole width, as the axis's equal columns do (its labels stand
        # under their bars): slot i runs from i * width // n to (i + 1) * width // n.
        start = width - (i + 1) * width // n if rtl else i * width // n
        x = start + ((i + 1) * width // n - i * width // n - bar) // 2
        parts.append(f"M{x} {HEIGHT}v-{height}h{bar}v{height}z")
    return "".join(parts)


def _width(periods: Sequence[Period]) -> int:
    """The viewBox width: WIDTH, or two units a period when there are more than 300."""
    return max(WIDTH, 2 * len(periods))


def timeline(periods: Sequence[Period], lang: str, t: Mapping[str, str], heading: str) -> Markup:
    """A timeline figure: the SVG bars (role img, its summary as title), an axis under it
    with a cell for each period (labels under the first, the last and evenly spaced periods
    between, see axis_labels), and every period's count in a table inside a details element.
    Time runs in the direction of the page's language (t["dir"])."""
    if not periods:
        return Markup("")
    width = _width(periods)
    said = escape(summary(periods, lang, t))
    column = t["chart_month"] if periods[0].date.month is not None else t["chart_year"]
    rows = "".join(
        f'<tr><th scope="row">{escape(p.date.display(lang))}</th><td>{p.count}</td></tr>'
        for p in periods
    )
    axis = "".join(
        _axis_cell(p, lang, only)
        for p, only in zip(periods, axis_labels(periods, lang), strict=True)
    )
    return Markup(
        f'<figure class="chart">\n<h2>{escape(heading)}</h2>\n'
        f'<svg role="img" viewBox="0 0 {width} {HEIGHT}"><title>{said}</title>'
        f'<path class="chart-grid" d="M0 {HEIGHT - 1}H{width}"/>'
        f'<path class="chart-bars" d="{bars_path(periods, t["dir"] == "rtl")}"/></svg>\n'
        f'<p class="chart-axis" aria-hidden="true">{axis}</p>\n'
        f"<details><summary>{escape(t['chart_figures'])}</summary>"
        f'<table><thead><tr><th scope="col">{escape(column)}</th>'
        f'<th scope="col">{escape(t["chart_articles"])}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>\n</figure>\n"
    )


def ranked_bars(
    rows: Sequence[Ranked], rtl: bool, heading: str, css: str = "co-mentions"
) -> Markup:
    """A list of links with their counts, each over a bar as long as its count is to the
    largest (the bars are decoration: the count is written beside each link); `css` names
    the list (an entity's companions, a year's months)."""
    if not rows:
        return Markup("")
    peak = max(r.count for r in rows) or 1
    items = []
    for row in rows:
        length = max(1, (row.count * RANKED_WIDTH + peak // 2) // peak)
        x = f' x="{RANKED_WIDTH - length}"' if rtl and length < RANKED_WIDTH else ""
        name = escape(row.name)
        if row.lang is not None:  # isolated; <bdi> takes its direction from its first letter
            name = Markup(f'<bdi lang="{row.lang}">{name}</bdi>')
        items.append(
            f'<li><a href="{escape(row.href)}">{name}</a> <span class="count">{row.count}</span>'
            f'<svg viewBox="0 0 {RANKED_WIDTH} 4" preserveAspectRatio="none" aria-hidden="true">'
            f'<rect{x} width="{length}" height="4"/></svg></li>'
        )
    return Markup(
        f'<h2>{escape(heading)}</h2>\n<ol class="{css} chart-ranked">\n'
        + "\n".join(items)
        + "\n</ol>\n"
    )


def axis_labels(periods: Sequence[Period], lang: str) -> list[str | None]:
    """Which periods the axis labels, as a pagination bar's cells: "" for a label on every
    screen, "wide" for one a phone leaves out, "narrow" for one only a phone shows, None for
    no label. The first and last are labelled; between them, those on the smallest step of
    YEAR_STEPS or MONTH_STEPS (2010, 2015, 2020; January, April, July) whose labels keep
    LABEL_GAP apart from each other, less those too near the ends."""
    narrow = _labelled(periods, lang, NARROWEST_CHART)
    wide = _labelled(periods, lang, WIDE_CHART)
    return [
        ""
        if i in narrow and i in wide
        else "wide"
        if i in wide
        else "narrow"
        if i in narrow
        else None
        for i in range(len(periods))
    ]


def _labelled(periods: Sequence[Period], lang: str, chart: int) -> set[int]:
    """The periods labelled on a chart `chart` px wide (see axis_labels)."""
    n = len(periods)
    ends = {0, n - 1}
    gap = LABEL_GAP * LABEL_EM
    monthly = periods[0].date.month is not None
    for step in MONTH_STEPS if monthly else YEAR_STEPS:
        between = [i for i in range(1, n - 1) if _on_step(periods[i].date, step)]
        boxes = [_label_box(periods, i, lang, chart) for i in between]
        if all(a[1] + gap <= b[0] for a, b in itertools.pairwise(boxes)):
            break
    else:
        between = []
    first, last = _label_box(periods, 0, lang, chart), _label_box(periods, n - 1, lang, chart)
    return ends | {
        i
        for i in between
        if first[1] + gap <= (box := _label_box(periods, i, lang, chart))[0]
        and box[1] + gap <= last[0]
    }


def _on_step(date: PartialDate, step: int) -> bool:
    """Whether a period is one a label every `step` falls on (2010 for 5; April for 3)."""
    return (date.month - 1) % step == 0 if date.month is not None else date.year % step == 0


def _label_box(periods: Sequence[Period], i: int, lang: str, chart: int) -> tuple[float, float]:
    """The start and end (px from the chart's start) of period i's label at most: the first
    label starts at the chart's start, the last ends at its end, the others centred under
    their bars (the axis's columns are the bars' slots, one each)."""
    lines = _label_lines(periods[i].date, lang)
    width = max(len(line) for line in lines) * LABEL_CHAR[lang] * LABEL_EM
    n = len(periods)
    if n == 1:
        return (chart - width) / 2, (chart + width) / 2
    if i == 0:
        return 0, width
    if i == n - 1:
        return chart - width, chart
    centre = (i + 0.5) * chart / n
    return centre - width / 2, centre + width / 2


def _label_lines(date: PartialDate, lang: str) -> tuple[str, ...]:
    """A label's lines: a year; or a month's name over its year (an Arabic month's two
    names and its year on one line were 155 px of a 270 px chart)."""
    if date.month is None:
        return (str(date.year),)
    return (month_names(lang)[date.month - 1], str(date.year))


def _axis_cell(period: Period, lang: str, only: str | None) -> str:
    """A period's cell of the axis: its label (see axis_labels), or nothing."""
    if only is None:
        return "<i></i>"
    css = f' class="{only}-only"' if only else ""
    text = "<br>".join(escape(line) for line in _label_lines(period.date, lang))
    return f"<span{css}>{text}</span>"
