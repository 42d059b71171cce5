"""List pages of both languages (pure): the home page, each year's page and each month's.

Every article is listed in full once per language: on its month's pages, newest first, a page
at a time (or on its year's, when only the year is known). The home page shows the newest
articles and leads on to the month page where the list goes on; a year's page shows its
months at a glance. Listing the archive again on the home's and the years' pages cost a
tenth of a 20,000-article site (4,000 pages) and told a reader nothing the months' did not.
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ..assembly.site import Site, YearArchive
from ..core import urls
from ..core.model import OutputFile, PartialDate
from .charts import Ranked, periods_per_month, periods_per_year, ranked_bars, timeline
from .pagination import ListLink, list_pages
from .renderer import Renderer


def render_lists(r: Renderer, lang: str) -> list[OutputFile]:
    """The home page, the year and month archives of one language (and with Arabic, the
    site root: a language chooser)."""
    t = r.strings[lang]
    files = _home(r, lang)
    if lang == "ar":
        # Both languages' feeds: the site's address is what a subscriber gives a feed reader.
        files.append(r.page("root.html", "ar", "", feeds=[r.feed_link("en")]))
    for archive in r.site.years:
        files += _year_pages(r, lang, archive)
    # Oldest first: a month's neighbours are the months with articles before and after it.
    months = [(y.year, m.month, m.stories) for y in r.site.years[::-1] for m in y.months[::-1]]
    for i, (year, month, stories) in enumerate(months):
        # Later month, the month's year, earlier month: the year in the middle, the months
        # at the ends of the line in reading order.
        nearby = [
            *(_month_link(r, lang, "later_month", y, m) for y, m, _ in months[i + 1 : i + 2]),
            ListLink(r.href(urls.year(lang, year)), f"{t['year_archive']} {year}"),
            *(_month_link(r, lang, "earlier_month", y, m) for y, m, _ in months[i - 1 : i]),
        ]
        path_of = partial(urls.numbered, urls.month(lang, year, month))
        heading = f"{t['month_archive']} {_month_name(year, month, lang)}"
        files += list_pages(r, lang, stories, path_of, heading, nearby=nearby)
    return files


def _home(r: Renderer, lang: str) -> list[OutputFile]:
    """The home page: the articles per year, each year a link to its page, the newest
    `per_page` articles, and a link to the month page that lists the next ones."""
    site, t = r.site, r.strings[lang]
    if not r.wants(urls.home(lang)):
        return []
    title = site.config.title_ar if lang == "ar" else site.config.title_en
    counts = {year.year: len(year.stories) for year in site.years}
    chart = timeline(periods_per_year(counts), lang, t, t["chart_per_year"])
    # Each year as a link to its page: the only way into the year archives from the home.
    years = [Ranked(r.href(urls.year(lang, y)), f"{y:04d}", n) for y, n in counts.items()]
    chart += ranked_bars(years, t["dir"] == "rtl", t["home_years"], css="months years")
    stories = site.stories()
    newest = stories[: site.config.per_page]
    more = None
    if len(stories) > len(newest):
        path, name = _listed_at(site, lang, stories[len(newest)])
        more = ListLink(r.href(path), f"{t['older_articles']}: {name}")
    # The English reader's way to what is translated, above the newest articles (many of
    # them still pending in an archive whose translation lags).
    lead = ListLink(r.href(urls.translated()), t["translated_lead"]) if lang == "en" else None
    path_of = partial(urls.home, lang)
    pages = list_pages(r, lang, newest, path_of, title, chart=chart, more=more, lead=lead)
    return list(pages)


def _year_pages(r: Renderer, lang: str, year: YearArchive) -> list[OutputFile]:
    """A year's page: its articles per month, its months with their counts (each a link to
    the month's list), and the articles known only to the year, listed in full."""
    t = r.strings[lang]
    path_of = partial(urls.numbered, urls.year(lang, year.year))
    undated = _year_only(year)
    pages = list_pages(
        r,
        lang,
        undated,
        path_of,
        f"{t['year_archive']} {year.year}",
        # Drawn only for a build that renders the first page (an edit rarely does).
        chart=_months_at_a_glance(r, lang, year) if r.wants(path_of(1)) else None,
        stories_heading=t["year_only"] if undated else None,
    )
    return list(pages)


def _months_at_a_glance(r: Renderer, lang: str, year: YearArchive) -> Markup:
    """A year's articles per month as a timeline, then its months as links with their counts."""
    t = r.strings[lang]
    counts = {month.month: len(month.stories) for month in year.months}
    chart = timeline(periods_per_month(year.year, counts), lang, t, t["chart_per_month"])
    rows = [
        Ranked(r.href(urls.month(lang, year.year, m)), _month_name(year.year, m, lang), n)
        for m, n in counts.items()
    ]
    return chart + ranked_bars(rows, t["dir"] == "rtl", t["year_months"], css="months")


def _year_only(year: YearArchive) -> list[str]:
    """The stories of a year known only to the year, newest first as the year lists them."""
    in_months = {story for month in year.months for story in month.stories}
    return [story for story in year.stories if story not in in_months]


def _listed_at(site: Site, lang: str, story: str) -> tuple[str, str]:
    """The list page that shows a story in full (its month's, or its year's when only the
    year is known), and that list's name."""
    per_page = site.config.per_page
    for year in site.years:
        if story not in year.stories:
            continue
        for month in year.months:
            if story in month.stories:
                number = month.stories.index(story) // per_page + 1
                path = urls.numbered(urls.month(lang, year.year, month.month), number)
                return path, _month_name(year.year, month.month, lang)
        number = _year_only(year).index(story) // per_page + 1
        return urls.numbered(urls.year(lang, year.year), number), str(year.year)
    raise ValueError(f"{story} is in no year of the site")


def _month_link(r: Renderer, lang: str, word: str, year: int, month: int) -> ListLink:
    """A link to a month's list, named by `word` (later or earlier month) and the month."""
    name = f"{r.strings[lang][word]}: {_month_name(year, month, lang)}"
    return ListLink(r.href(urls.month(lang, year, month)), name)


def _month_name(year: int, month: int, lang: str) -> str:
    return PartialDate(year, month).display(lang)
