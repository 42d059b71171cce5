"""The parts of the search index: which part indexes each search record, which records a
part reads, and which parts a site or an edit has (I/O: looks at the records' folders, reads
no bundle and runs nothing).

A part is one year and language of the article URLs (`<lang>/<year>/…`, urls.article()),
named `<year>-<lang>`. A year with more than SPLIT_FROM article pages in a language is
indexed month by month instead (`<year>-<month>-<lang>`; month 00 holds the articles dated
to the year only), so that an edit re-indexes a month of a large archive rather than its
year: at 100,000 articles a year holds 9,000 and took 34 s to index. Why parts, and how they
are indexed: searchindex.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..content.siteaddresses import SEARCH_INDEX
from ..core import urls

BUNDLE = SEARCH_INDEX  # the folder links may not name (content/siteaddresses.py)
LANGS = ("ar", "en")
# urls.article(): <lang>/<year>/<month>/<slug>/ or <lang>/<year>/<slug>/, but not the lists
# <lang>/<year>/page/<n>/, <lang>/<year>/<month>/ and <lang>/<year>/<month>/page/<n>/.
MONTH = r"(0[1-9]|1[0-2])/"
ARTICLE_PATH = re.compile(
    rf"(ar|en)/(\d{{4}})/(?:{MONTH}(?!page/)|(?!page/|{MONTH}))[^/]+/(?:index\.html)?$"
)
MONTH_FOLDER = re.compile(r"0[1-9]|1[0-2]")
# <year>-<lang>, or <year>-<month>-<lang> in a year indexed month by month (month 00: the
# year's articles dated to the year only).
PART_NAME = re.compile(r"(\d{4})(?:-(0[0-9]|1[0-2]))?-(ar|en)")
# A year with more article pages than this in a language is indexed month by month: an edit
# re-indexes its part, and a year of 1,800 articles took 4.2 s (both languages side by side)
# at 20,000 articles. The benchmark's 20,000 articles (1,818 a year) keep a part a year.
SPLIT_FROM = 2000
BODY = b"data-pagefind-body"
# What Pagefind reads: each article page's search record (urls.search_record), in a folder of
# the site that is never published. The pages readers get carry nothing for the index.
RECORDS = urls.SEARCH_RECORDS


def _part(article_path: re.Match[str], by_month: bool) -> str:
    """The part whose bundle indexes an article page (a match of ARTICLE_PATH); by_month: the
    page's year is indexed month by month (_by_month).

    `ar/2020/11/slug/index.html` and `ar/2020/slug/` are part "2020-ar", `en/2020/11/slug/`
    part "2020-en"; by month, "2020-11-ar" and "2020-00-ar".
    """
    lang, year, month = article_path.group(1, 2, 3)  # (MONTH's second group is in a lookahead)
    return f"{year}-{month or '00'}-{lang}" if by_month else f"{year}-{lang}"


def _records_of(files: Iterable[str]) -> list[re.Match[str]]:
    """The search records among these files of a site (paths relative to it), each as a
    match of ARTICLE_PATH on the path of the page it records: a page that changed while its
    record did not (a name's translation, a count in "in this article") is not indexed again."""
    prefix = f"{RECORDS}/"
    return [
        match
        for file in files
        if file.startswith(prefix) and (match := ARTICLE_PATH.match(file.removeprefix(prefix)))
    ]


def records_of_pages(pages: Iterable[str]) -> list[str]:
    """The search records of these files of a site that are article pages."""
    return [urls.search_record(page) for page in pages if ARTICLE_PATH.match(page)]


def parts_to_index(site_dir: Path, files: Iterable[str]) -> set[str]:
    """The parts to re-index after these files of site_dir changed (paths relative to it):
    the part of each changed search record, and every part of its year, old and new, when the
    year has just changed between one part and parts by month (a part of the other kind is
    then removed)."""
    found = _records_of(files)
    by_month = _kinds(site_dir, map(_year_lang, found))
    parts = {_part(match, by_month[_year_lang(match)]) for match in found}
    for (year, lang), monthly in by_month.items():
        indexed = _bundles_of(site_dir, year, lang)
        if any(_is_monthly(name) != monthly for name in indexed):
            parts |= indexed | _year_parts(site_dir, year, lang)
    return parts


def bundles_of_records(site_dir: Path, files: Iterable[str]) -> set[str]:
    """The names of the bundles, of whatever kind, of the years and languages of the search
    records among these files of site_dir."""
    years = {_year_lang(found) for found in _records_of(files)}
    return {name for year in years for name in _bundles_of(site_dir, *year)}


def parts_present(site_dir: Path, parts: Iterable[str | None]) -> tuple[set[str], set[str]]:
    """The parts named (None, pages of no part, and names that are no part left out), and
    those of them with a page left to index, of the kind their year has now (one part, or
    parts by month)."""
    wanted = {part for part in parts if part is not None and PART_NAME.fullmatch(part)}
    by_month = _kinds(site_dir, map(_year_of, wanted))
    present = {
        part
        for part in wanted
        if by_month[_year_of(part)] == _is_monthly(part) and _indexable(site_dir, part)
    }
    return wanted, present


def _year_lang(article_path: re.Match[str]) -> tuple[str, str]:
    """The year and language of an article page (a match of ARTICLE_PATH)."""
    return article_path.group(2), article_path.group(1)


def _bundles_of(site_dir: Path, year: str, lang: str) -> set[str]:
    """The names of the bundles a year has in a language, whatever their kind."""
    found = (site_dir / BUNDLE).glob(f"{year}-*{lang}")
    return {path.name for path in found if PART_NAME.fullmatch(path.name)}


def _year_of(part: str) -> tuple[str, str]:
    """The year and language of a part's name (a valid one)."""
    named = PART_NAME.fullmatch(part)
    assert named is not None
    return named.group(1), named.group(3)


def _is_monthly(part: str) -> bool:
    named = PART_NAME.fullmatch(part)
    return named is not None and named.group(2) is not None


def _kinds(site_dir: Path, years: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """Whether each (year, language) is indexed month by month, each counted once."""
    return {year: _by_month(site_dir, *year) for year in set(years)}


def _by_month(site_dir: Path, year: str, lang: str) -> bool:
    """Whether a year is indexed month by month: it has more than SPLIT_FROM article pages
    in the language (folders counted, no page read)."""
    return _article_count(site_dir / RECORDS / lang / year) > SPLIT_FROM


def _article_count(year_folder: Path) -> int:
    """The article folders of a year of search records: <month>/<slug>/ and <slug>/."""
    if not year_folder.is_dir():
        return 0
    count = 0
    with os.scandir(year_folder) as entries:
        for entry in entries:
            if not entry.is_dir() or entry.name == "page":
                continue
            if MONTH_FOLDER.fullmatch(entry.name):
                with os.scandir(entry.path) as month:
                    count += sum(1 for e in month if e.is_dir() and e.name != "page")
            else:
                count += 1
    return count


def site_parts(site_dir: Path) -> set[str]:
    """The parts of the site in site_dir: each year and language with a page to index, or
    each month of a year indexed month by month."""
    records = site_dir / RECORDS
    return {
        part
        for lang in LANGS
        if (records / lang).is_dir()
        for year in (records / lang).iterdir()
        if re.fullmatch(r"\d{4}", year.name)
        for part in _year_parts(site_dir, year.name, lang)
    }


def _year_parts(site_dir: Path, year: str, lang: str) -> set[str]:
    """The parts a year has in a language: one, or one per month (and 00) with a page."""
    if not _by_month(site_dir, year, lang):
        candidates = [f"{year}-{lang}"]
    else:
        folders = (site_dir / RECORDS / lang / year).iterdir()
        months = [p.name for p in folders if MONTH_FOLDER.fullmatch(p.name)]
        candidates = [f"{year}-{month}-{lang}" for month in ["00", *months]]
    return {part for part in candidates if _indexable(site_dir, part)}


def _indexable(site_dir: Path, part: str) -> bool:
    """Whether the part has a page with text to index (its pages are read until one has)."""
    return any(BODY in page.read_bytes() for page in _pages(site_dir, part))


def _globs(part: str) -> list[str]:
    """The search records Pagefind reads for a part, relative to their folder."""
    named = PART_NAME.fullmatch(part)
    if named is None:
        return []
    year, month, lang = named.groups()
    if month is None:
        return [f"{lang}/{year}/[0-9][0-9]/*/index.html", f"{lang}/{year}/*/index.html"]
    if month == "00":
        return [f"{lang}/{year}/*/index.html"]
    return [f"{lang}/{year}/{month}/*/index.html"]


def _pages(site_dir: Path, part: str) -> Iterator[Path]:
    """The search records Pagefind reads for a part (pagefind_glob); none for a non-part."""
    for glob in _globs(part):
        yield from (site_dir / RECORDS).glob(glob)


def pagefind_glob(part: str) -> str:
    """The search records Pagefind reads for a part, as one glob of its --glob option."""
    globs = _globs(part)
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


def part_pages(site_dir: Path, part: str) -> list[str]:
    """The search records Pagefind reads for a part, relative to site_dir."""
    return [page.relative_to(site_dir).as_posix() for page in _pages(site_dir, part)]


def pages_size(site_dir: Path, part: str) -> int:
    """The bytes of the search records Pagefind reads for a part."""
    return sum(page.stat().st_size for page in _pages(site_dir, part))
