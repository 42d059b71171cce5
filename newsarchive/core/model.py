"""The frozen values passed between build stages (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

AR_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A publication date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None
    # The time of day, HH:MM on the site's clock (site.toml's time_zone), only with a day:
    # a live desk's articles of one day are ordered by it, and feeds say it.
    time: str | None = None

    def iso(self) -> str:
        """ISO 8601 text of the day at the known precision: 2020-11-17, 2020-11 or 2020
        (never the time: folders, sitemaps and checks go by the day)."""
        return _iso(self.year, self.month, self.day)

    def local_iso(self) -> str:
        """The day and, when known, the time on the site's clock: 2026-12-07T14:30 (HTML's
        local date and time), else as iso()."""
        return self.iso() if self.time is None else f"{self.iso()}T{self.time}"

    def sort_key(self) -> tuple[int, int, int]:
        """Partial dates sort before full dates of the same period."""
        return (self.year, self.month or 0, self.day or 0)

    def moment_key(self) -> tuple[int, int, int, int]:
        """sort_key, then the minute of the day: an untimed article sorts before the timed
        ones of its day (after them, newest first), as a month's sorts before its days."""
        minute = -1 if self.time is None else int(self.time[:2]) * 60 + int(self.time[3:])
        return (self.year, self.month or 0, self.day or 0, minute)

    def display(self, lang: str) -> str:
        """Human text at the known precision, in Arabic or English, with the time if known."""
        shown = _display(self.year, self.month, self.day, lang)
        if self.time is None:
            return shown
        return f"{shown}{'، ' if lang == 'ar' else ', '}{self.time}"


def story_of_path(path: str) -> str:
    """The story of an article or gloss file, from its path under content/: ar/2020/11/x.md
    and en/2020/11/x.md are both 2020/11/x."""
    return path.split("/", 1)[1].removesuffix(".md")


def path_of_story(lang: str, story: str) -> str:
    """The path under content/ of a story's article (ar) or gloss (en)."""
    return f"{lang}/{story}.md"


def month_names(lang: str) -> tuple[str, ...]:
    """The twelve month names a date is displayed with, in Arabic or English."""
    return AR_MONTHS if lang == "ar" else EN_MONTHS


# Each date is written several times on its pages, lists and feeds (25,000 times in all at
# 1,000 articles): made once per date and language.
@lru_cache(maxsize=1 << 14)
def _iso(year: int, month: int | None, day: int | None) -> str:
    parts = [f"{year:04d}"]
    if month is not None:
        parts.append(f"{month:02d}")
        if day is not None:
            parts.append(f"{day:02d}")
    return "-".join(parts)


@lru_cache(maxsize=1 << 14)
def _display(year: int, month: int | None, day: int | None, lang: str) -> str:
    if month is None:
        return str(year)
    name = month_names(lang)[month - 1]
    return f"{name} {year}" if day is None else f"{day} {name} {year}"


@dataclass(frozen=True)
class Source:
    """Where an article was first published."""

    name: str
    url: str | None = None
    original_url: str | None = None


@dataclass(frozen=True)
class EarlierStory:
    """A story an article was published at before it moved (2020/11/old-slug), and the line
    of its front matter that names it (for errors found across articles)."""

    story: str
    line: int


@dataclass(frozen=True)
class Correction:
    """A dated note of what a correction changed in an article (front matter
    'corrections'): readers see it under the text, and the article's last update is the
    newest one's day."""

    date: PartialDate  # the day it was corrected (always to the day)
    note: str  # plain text, NFC, on one line


@dataclass(frozen=True)
class Withdrawal:
    """When an article was withdrawn and the editors' note saying why (front matter
    'withdrawn'): its pages show these in place of its text, and nothing lists it."""

    date: PartialDate
    note: str


@dataclass(frozen=True)
class Article:
    """One Arabic article as parsed from content/ar/…/<slug>.md."""

    path: str  # relative to the content folder, posix: ar/2020/11/slug.md
    slug: str
    title: str
    title_provisional: bool
    date: PartialDate
    source: Source | None
    tags: tuple[str, ...]
    body: str  # Markdown, NFC
    body_line: int  # line of the file where the body starts
    lang: str = "ar"
    dateline: str | None = None  # the place the report was filed from, as written
    # The stories it was published at before `move` (front matter 'moved_from'), oldest
    # first: each old address gets a page that leads readers to the current one.
    moved_from: tuple[EarlierStory, ...] = ()
    authors: tuple[str, ...] = ()  # the byline's names, as written (front matter 'author')
    corrections: tuple[Correction, ...] = ()  # oldest first (front matter 'corrections')
    withdrawn: Withdrawal | None = None  # retracted: its pages show a notice, not its text

    @cached_property  # the dev server's rebuild asks it ~13 times per article
    def story(self) -> str:
        """Path shared by an article and its gloss: 2020/11/slug (no language, no suffix)."""
        return story_of_path(self.path)

    @property
    def first_story(self) -> str:
        """The story the article was first published at: its oldest earlier one if it was
        moved, else its own. Feeds name its entries by it, so that a move is no new entry."""
        return self.moved_from[0].story if self.moved_from else self.story

    @property
    def updated(self) -> PartialDate | None:
        """The day of its newest correction (None: never corrected)."""
        return self.corrections[-1].date if self.corrections else None


@dataclass(frozen=True)
class SiteConfig:
    """Settings from content/site.toml and the command line."""

    title_ar: str
    title_en: str
    base_url: str  # absolute, ends with "/": https://user.github.io/repo/
    per_page: int = 20
    description_ar: str = ""
    description_en: str = ""
    search: bool = True  # pages carry the hidden search key text (off: no index is made)
    host: str = "github-pages"  # where the site is published (core/hosts.py): its limits
    # The base the feeds' Atom ids are made from, which must never change: the base URL the
    # site was first published at, when it has moved since ("": base_url).
    feed_ids_base: str = ""
    # Who may reuse what (content/config.py): the statement in each language, "" when none
    # is given; the licence it names, the archive's publisher and its source repository.
    rights_ar: str = ""
    rights_en: str = ""
    license_url: str = ""
    publisher_ar: str = ""
    publisher_en: str = ""
    source_url: str = ""
    # The zone of the newsroom's clock, by which articles and corrections give their time
    # (a tz database name: core/moments.py gives each time its offset).
    time_zone: str = "UTC"

    def rights(self, lang: str) -> str:
        """The rights statement in `lang` ("" when site.toml gives none)."""
        return self.rights_ar if lang == "ar" else self.rights_en

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        rest = self.base_url.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class OutputFile:
    """One file of the finished site, path relative to the output root."""

    path: str
    content: bytes = field(repr=False)
