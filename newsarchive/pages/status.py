"""The editors' translation status pages (English only): progress by year, and each year's
articles (pure)."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..assembly.site import YearArchive
from ..content.gloss import ArticleStatus, YearStatus
from ..core import urls
from ..core.model import OutputFile
from .renderer import Renderer


def render_status(r: Renderer) -> list[OutputFile]:
    """The editors' pages (English only): progress by year, and each year's articles.

    One page per year keeps each page readable, and an edit re-renders one year's page;
    the rows are counted only for pages that are rendered (derived pages).
    """
    counted: dict[int, list[ArticleStatus]] = {}

    def rows(year: YearArchive) -> list[ArticleStatus]:
        if year.year not in counted:
            counted[year.year] = list(r.site.status_rows(year))
        return counted[year.year]

    def summary() -> list[YearStatus]:
        return [r.progress(year, partial(rows, year)) for year in r.site.years]

    def year_page(year: YearArchive) -> dict[str, Any]:
        return dict(alternates=(), year=year.year, rows=rows(year))

    files = []
    for year in r.site.years:
        if not r.wants(urls.status(year.year)):
            continue
        page = partial(year_page, year)
        files.append(r.derived_page("status.html", "en", urls.status(year.year), page))
    index = r.derived_page(
        "status_years.html",
        "en",
        urls.status(),
        lambda: dict(alternates=(), years_done=summary()),
    )
    return [*files, index]
