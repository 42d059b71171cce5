"""The editors' translation status pages (English only): progress by year, each year's
progress by month, and each month's articles (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from ..assembly.site import YearArchive
from ..content.glossstatus import ArticleStatus, YearStatus, year_status
from ..core import urls
from ..core.model import EN_MONTHS, OutputFile, PartialDate
from .renderer import Renderer


@dataclass(frozen=True)
class MonthProgress:
    """A row of a year's status page: one month's sums, and where its articles are listed."""

    label: str
    path: str
    sums: YearStatus


def render_status(r: Renderer) -> list[OutputFile]:
    """The editors' pages (English only): progress by year, a year's by month, and each
    month's articles.

    A month a page keeps each page readable (a year of a daily outlet is 36,000 rows: the
    year's page was 1.3 MB at 9,100 articles a year) and an edit re-renders one month's page;
    the rows are counted only for pages that are rendered (derived pages).
    """
    counted: dict[int, list[ArticleStatus]] = {}

    def rows(year: YearArchive) -> list[ArticleStatus]:
        if year.year not in counted:
            counted[year.year] = list(r.site.status_rows(year))
        return counted[year.year]

    def summary() -> list[YearStatus]:
        return [r.progress(year, partial(rows, year)) for year in r.site.years]

    by_month: dict[int, dict[int | None, list[ArticleStatus]]] = {}

    def of_month(year: YearArchive, month: int | None) -> list[ArticleStatus]:
        # The year's own months, not the site's dates: an edit renders one year's pages.
        if year.year not in by_month:
            month_of = {story: m.month for m in year.months for story in m.stories}
            grouped: dict[int | None, list[ArticleStatus]] = {}
            for row in rows(year):
                grouped.setdefault(month_of.get(row.story), []).append(row)
            by_month[year.year] = grouped
        return by_month[year.year].get(month, [])

    def year_page(year: YearArchive) -> dict[str, Any]:
        months = [
            MonthProgress(
                # The month's name alone: the page is the year's (and its table fits a phone).
                EN_MONTHS[m.month - 1],
                urls.status(year.year, m.month),
                year_status(year.year, of_month(year, m.month)),
            )
            for m in year.months
        ]
        # Articles known only to the year have no month: listed on the year's page.
        return dict(alternates=(), year=year.year, months=months, rows=of_month(year, None))

    def month_page(year: YearArchive, month: int) -> dict[str, Any]:
        return dict(
            alternates=(),
            year=year.year,
            month=month_label(year.year, month),
            months=(),
            rows=of_month(year, month),
        )

    files = []
    for year in r.site.years:
        if r.wants(urls.status(year.year)):
            page = partial(year_page, year)
            files.append(r.derived_page("status.html", "en", urls.status(year.year), page))
        for m in year.months:
            path = urls.status(year.year, m.month)
            if r.wants(path):
                files.append(
                    r.derived_page("status.html", "en", path, partial(month_page, year, m.month))
                )
    index = r.derived_page(
        "status_years.html",
        "en",
        urls.status(),
        lambda: dict(alternates=(), years_done=summary()),
    )
    return [*files, index]


def month_label(year: int, month: int) -> str:
    """A month as the status pages name it, in English (the translators' pages)."""
    return PartialDate(year, month).display("en")
