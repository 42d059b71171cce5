"""The list pages of a built archive: every article listed in full once per language, on its
month's pages (or its year's, when only the year is known), newest first; the home's newest
articles lead on to the page where the list goes on; a month links the months beside it."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import ARCHIVE_BASE, set_per_page, write

PER_PAGE = 3
ITEM = re.compile(r'<li>\s*<h[23]><a href="/repo/(?:ar|en)/([^"]+)/"', re.S)
MONTH_PAGE = re.compile(r"^(ar|en)/(\d{4})/(\d{2})/(?:page/\d+/)?index\.html$")
YEAR_ONLY = {"2019/only-the-year-a": "2019", "2019/only-the-year-b": "2019"}


@pytest.fixture(scope="module")
def site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated archive, three articles a page, with two articles dated to 2019 alone."""
    root = tmp_path_factory.mktemp("lists")
    shutil.copytree(corpus / "content", root / "content")
    set_per_page(root, PER_PAGE)
    for story, year in YEAR_ONLY.items():
        write(
            root,
            f"content/ar/{story}.md",
            f'---\ntitle: "خبر {story[-1]}"\ndate: "{year}"\n---\n\nنص.\n',
        )
    build(root, root / "site", ARCHIVE_BASE, search=False)
    return root / "site"


def _newest_first(site: Path) -> list[str]:
    """The stories as the site orders them: by date (a partial date before full dates of its
    period), then by path, newest first; read from the front matter."""
    content = site.parent / "content/ar"
    keyed = []
    for file in content.rglob("*.md"):
        found = re.search(
            r'^date: "?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?"?$', file.read_text("utf-8"), re.M
        )
        assert found is not None, file
        key = tuple(int(part or 0) for part in found.groups())
        keyed.append((key, file.relative_to(content).with_suffix("").as_posix()))
    return [story for _, story in sorted(keyed, reverse=True)]


def _listed(html: str) -> list[str]:
    return list(ITEM.findall(html))


def _pages(site: Path, lang: str) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text("utf-8")
        for p in (site / lang).glob("[0-9]*/**/index.html")
        if "/page/" in p.as_posix()
        or MONTH_PAGE.match(p.relative_to(site).as_posix())
        or re.fullmatch(r"\d{4}", p.parent.name)
    }


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_article_is_listed_once_on_its_month_or_year(site: Path, lang: str) -> None:
    stories = _newest_first(site)
    seen: Counter[str] = Counter()
    for path, html in _pages(site, lang).items():
        listed = _listed(html)
        seen.update(listed)
        month = MONTH_PAGE.match(path)
        for story in listed:
            if story in YEAR_ONLY:  # on its year's page, with the list's own heading
                assert path.startswith(f"{lang}/{YEAR_ONLY[story]}/"), (story, path)
                assert (
                    "<h2>"
                    + (
                        "مقالات تُعرف سنتها وحدها"
                        if lang == "ar"
                        else "Articles dated to the year only"
                    )
                    in html
                )
            else:
                assert month is not None and story.startswith(f"{month[2]}/{month[3]}/"), (
                    story,
                    path,
                )
        assert listed == sorted(listed, key=stories.index), path  # newest first
        assert len(listed) <= PER_PAGE
    assert seen == Counter(stories)  # each once: no article missing, none twice


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_home_shows_the_newest_and_leads_on_to_the_next(site: Path, lang: str) -> None:
    stories = _newest_first(site)
    home = (site / lang / "index.html").read_text("utf-8")
    assert _listed(home) == stories[:PER_PAGE]
    assert not (site / lang / "page").exists()  # the archive is not listed a second time
    more = re.search(r'<p class="more-link"><a href="/repo/([^"]+)">([^<]+)</a></p>', home)
    assert more is not None
    following = stories[PER_PAGE]
    listed = _listed((site / more[1] / "index.html").read_text("utf-8"))
    assert following in listed and listed.index(following) < PER_PAGE
    words = "مقالات أقدم" if lang == "ar" else "Older articles"
    assert more[2].startswith(words)


def test_a_month_links_its_year_and_the_months_with_articles_before_and_after_it(
    site: Path,
) -> None:
    months = sorted({s[:7] for s in _newest_first(site) if s not in YEAR_ONLY})
    for i, month in enumerate(months):
        for number, html in enumerate(_month_pages(site, month), start=1):
            nav = re.search(r'<nav class="month-nav".*?</nav>', html, re.S)
            assert nav is not None, (month, number)
            links = re.findall(r'<a href="/repo/ar/(\d{4}(?:/\d{2})?)/">', nav[0])
            expected = [*months[i + 1 : i + 2], month[:4], *(months[i - 1 : i] if i else [])]
            assert links == expected, (month, number)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_article_date_leads_to_the_list_of_its_month_or_year(site: Path, lang: str) -> None:
    """From an article a reader reaches the rest of its month (or of its year, when only the
    year is known) in one click, and from there the year and the months beside it."""
    checked = 0
    for story in _newest_first(site):
        page = site / lang / story / "index.html"
        if not page.exists():  # an English page exists once something is translated
            continue
        meta = re.search(r'<p class="meta">.*?</p>', page.read_text("utf-8"), re.S)
        assert meta is not None, story
        date = re.search(r'<a href="/repo/([^"]+)/"><time datetime="([^"]+)">', meta[0])
        assert date is not None, story
        expected = YEAR_ONLY.get(story) or story[:7]
        assert date[1] == f"{lang}/{expected}", story
        assert date[2].startswith(expected.replace("/", "-")), story
        listed = [item for html in _list_pages(site / date[1]) for item in _listed(html)]
        assert story in listed, story
        checked += 1
    assert checked >= 10


def _month_pages(site: Path, month: str) -> list[str]:
    return _list_pages(site / "ar" / month)


def _list_pages(folder: Path) -> list[str]:
    """A month's or a year's list, page by page."""
    more = sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [p.read_text("utf-8") for p in [folder / "index.html", *more]]


def test_translation_status_is_told_by_year_then_month(site: Path) -> None:
    """A year's status page sums its months and lists only the articles known to the year
    alone; each month's page lists its articles. Every article is on exactly one page."""
    row = re.compile(r'<th scope="row"><a href="/repo/(?:ar|en)/(?!status/)([^"]+)/"')
    year = (site / "en/status/2019/index.html").read_text(encoding="utf-8")
    months = re.findall(r'<a href="/repo/en/status/2019/(\d\d)/">', year)
    assert months, "the year lists its months"
    listed: Counter[str] = Counter()
    for month in months:
        page = (site / f"en/status/2019/{month}/index.html").read_text(encoding="utf-8")
        stories = row.findall(page)
        articles = re.search(rf'status/2019/{month}/">[^<]+</a></th><td>(\d+)</td>', year)
        assert articles and int(articles[1]) == len(stories) > 0  # the year's sum is the month's
        listed.update(stories)
    assert sorted(row.findall(year)) == sorted(YEAR_ONLY)
    listed.update(row.findall(year))
    content = site.parent / "content/ar"
    in_2019 = {
        f.relative_to(content).with_suffix("").as_posix() for f in content.glob("2019/**/*.md")
    }
    assert set(listed) == in_2019 and max(listed.values()) == 1
