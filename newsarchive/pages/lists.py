"""List pages of both languages: the home page and the year and month archives, newest
first, a page at a time (pure)."""

from __future__ import annotations

from functools import partial

from ..core import urls
from ..core.model import OutputFile, PartialDate
from .charts import periods_per_year, timeline
from .renderer import Renderer, list_pages


def render_lists(r: Renderer, lang: str) -> list[OutputFile]:
    """The home pages and archives of one language (and with Arabic, the site root)."""
    site, t = r.site, r.strings[lang]
    title = site.config.title_ar if lang == "ar" else site.config.title_en
    stories = site.stories()
    per_year = timeline(
        periods_per_year({year.year: len(year.stories) for year in site.years}),
        lang,
        t,
        t["chart_per_year"],
    )
    home = list_pages(r, lang, stories, lambda n: urls.home(lang, n), title, chart=per_year)
    files = list(home)
    if lang == "ar":  # the site root: a language chooser
        files.append(r.page("root.html", "ar", ""))
    for year in site.years:
        path_of = partial(urls.numbered, urls.year(lang, year.year))
        files += list_pages(r, lang, year.stories, path_of, f"{t['year_archive']} {year.year}")
        for month in year.months:
            path_of = partial(urls.numbered, urls.month(lang, year.year, month.month))
            name = PartialDate(year.year, month.month).display(lang)
            files += list_pages(r, lang, month.stories, path_of, f"{t['month_archive']} {name}")
    return files
