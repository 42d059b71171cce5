"""A live desk's day: an article may carry its time of publication (`2026-12-07T14:30`, on
the clock of site.toml's time_zone), and a correction its time. The day's articles are then
listed newest first by time on the home, month and entity pages and in the feeds; the
pages say the time; feeds and schema.org data give it with the zone's offset; a correction
made the day an article came out moves the entry's <updated>, which a day alone could not.
An article without a time builds byte for byte as before (the golden test)."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.today import VARIABLE
from newsarchive.pages.atom import ATOM

from .conftest import build_archive, differ_from_full, write

DAY = "2026-12-07"
ZONE = 'time_zone = "Asia/Baghdad"\n'
CORRECTED = (
    'corrections:\n  - date: "2026-12-07T23:55"\n    note: "حُدّث عدد الضحايا."\n'
    '  - date: "2026-12-07T23:50"\n    note: "أُضيف اسم المتحدث."\n'
)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, DAY)


def _story(root: Path, slug: str, date: str, extra: str = "") -> Path:
    body = f"خبر عاجل {slug} عن انفجار في بغداد، نقله المراسل."
    text = f'---\ntitle: "عاجل {slug}"\ndate: "{date}"\n{extra}---\n\n{body}\n'
    return write(root, f"content/ar/2026/12/{slug}.md", text)


def _live_day(root: Path) -> None:
    """Three articles of one day whose slugs sort against their times, one of them untimed."""
    with (root / "content/site.toml").open("a", encoding="utf-8") as toml:
        toml.write(ZONE)
    _story(root, "a-evening", f"{DAY}T23:40", CORRECTED)
    _story(root, "z-morning", f"{DAY} 09:15")
    _story(root, "m-untimed", DAY)


def _order(html: str) -> list[str]:
    return re.findall(r'href="/ar/2026/12/([a-z-]+)/"', html)


def test_a_days_articles_are_listed_newest_first_by_time(project: Path) -> None:
    _live_day(project)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    site = project / "site"
    expected = ["a-evening", "z-morning", "m-untimed"]  # the untimed one after the timed
    for page in ("ar/index.html", "ar/2026/12/index.html"):
        assert _order((site / page).read_text(encoding="utf-8"))[:3] == expected
    feed = (site / "ar/feed.xml").read_text(encoding="utf-8")
    assert re.findall(r"/ar/2026/12/([a-z-]+)/</id>", feed)[:3] == expected
    # The feed's times carry Baghdad's offset; the newest correction is the entry's update
    # and the feed's, though it was made the day the article came out.
    assert re.findall(r"<(published|updated)>([^<]+)<", feed)[:4] == [
        ("updated", "2026-12-07T23:55:00+03:00"),  # the feed's
        ("published", "2026-12-07T23:40:00+03:00"),
        ("updated", "2026-12-07T23:55:00+03:00"),
        ("published", "2026-12-07T09:15:00+03:00"),
    ]
    # Untimed: the day's start on Baghdad's clock, before its timed articles.
    assert "<published>2026-12-07T00:00:00+03:00</published>" in feed


def test_a_day_alone_is_the_days_start_on_the_sites_clock_everywhere(project: Path) -> None:
    """A story of a day alone and one at 01:00 that day: a feed reader sorting by instant
    shows them as the site lists them (midnight UTC was 03:00 in Baghdad, above the 01:00
    story); its page's data and the sitemap name the day alone, as the editor wrote it."""
    with (project / "content/site.toml").open("a", encoding="utf-8") as toml:
        toml.write(ZONE)
    _story(project, "early", f"{DAY}T01:00")
    _story(project, "untimed", DAY, 'corrections:\n  - date: "2026-12-08"\n    note: "صُحّح."\n')
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    site = project / "site"
    listed = _order((site / "ar/index.html").read_text(encoding="utf-8"))[:2]
    assert listed == ["early", "untimed"]
    feed = ET.parse(site / "ar/feed.xml").getroot()
    stamps = {
        entry.findtext(f"{{{ATOM}}}id", "").split("/")[-2]: (
            entry.findtext(f"{{{ATOM}}}published", ""),
            entry.findtext(f"{{{ATOM}}}updated", ""),
        )
        for entry in feed.iter(f"{{{ATOM}}}entry")
    }
    assert stamps["untimed"] == ("2026-12-07T00:00:00+03:00", "2026-12-08T00:00:00+03:00")
    by_instant = sorted(listed, key=lambda s: datetime.fromisoformat(stamps[s][0]), reverse=True)
    assert by_instant == listed
    page = (site / "ar/2026/12/untimed/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert (data["datePublished"], data["dateModified"]) == (DAY, "2026-12-08")
    sitemap = gzip.decompress((site / "sitemap-1.xml.gz").read_bytes()).decode()
    assert re.search(r"ar/2026/12/untimed/</loc>\s*<lastmod>2026-12-08</lastmod>", sitemap)


def test_the_page_says_the_time_and_its_data_the_offset(project: Path) -> None:
    _live_day(project)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    page = (project / "site/ar/2026/12/a-evening/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-07T23:40">7 كانون الأول/ديسمبر 2026، 23:40</time>' in page
    # Updated at the newest correction's time, and the notes listed oldest first.
    assert '#corrections"><time datetime="2026-12-07T23:55">' in page
    assert page.index("23:50</time>:") < page.index("23:55</time>:")
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert data["datePublished"] == "2026-12-07T23:40:00+03:00"
    assert data["dateModified"] == "2026-12-07T23:55:00+03:00"
    english = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert "7 December 2026, 23:40" in english


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (
            "2026-12-07T14:30+03:00",
            "date '2026-12-07T14:30+03:00': write \"2026-12-07T14:30\", the time on the "
            "site's clock (site.toml's time_zone) without seconds or an offset",
        ),
        ("2026-12-07T24:10", "date '2026-12-07T24:10' has no time 24:10 (00:00 to 23:59)"),
        ("2026-12T14:30", "date '2026-12T14:30' is not YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_a_time_written_wrong_is_an_error_at_its_line(
    project: Path, date: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    home = (project / "site/ar/index.html").read_bytes()
    _story(project, "wrong", date)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 1
    assert f"content/ar/2026/12/wrong.md:3: error: {message}" in capsys.readouterr().err
    assert (project / "site/ar/index.html").read_bytes() == home


def test_an_unknown_time_zone_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = project / "content/site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'time_zone = "Baghdad"\n', "utf-8")
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 1
    line = toml.read_text(encoding="utf-8").count("\n")
    assert (
        f"content/site.toml:{line}: error: 'time_zone' = \"Baghdad\" is no time zone of the tz "
        'database: write its name, such as "Asia/Baghdad" or "UTC"'
    ) in capsys.readouterr().err


def test_import_writes_the_time_given(project: Path) -> None:
    raw = write(project, "h.txt", "بغداد/ شفق نيوز/ أعلنت الأمانة العامة تعطيل الدوام الرسمي.\n")
    args = ["import", str(raw), "--date", f"{DAY} 14:30", "--slug", "holiday"]
    assert main([*args, "--root", str(project)]) == 0
    text = (project / "content/ar/2026/12/holiday.md").read_text(encoding="utf-8")
    assert f'date: "{DAY}T14:30"' in text


def test_retiming_an_article_equals_a_cold_build(archive: Path, tmp_path: Path) -> None:
    """A time added, moved past another's, then taken away: each build after the edit is
    the site a full build makes (a time places the article: a changed time builds in full)."""
    path = sorted((archive / "content/ar").rglob("*.md"))[-1]
    day = re.search(r'date: "(\d{4}-\d{2}-\d{2})"', path.read_text(encoding="utf-8"))[1]  # type: ignore[index]
    for old, new in (("", "T08:00"), ("T08:00", "T21:30"), ("T21:30", "")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f'"{day}{old}"', f'"{day}{new}"'), encoding="utf-8")
        assert build_archive(archive) is not None
        assert differ_from_full(archive, tmp_path) == []


@pytest.mark.parametrize(
    ("args", "story", "date", "said"),
    [
        # A day and a time: written as given.
        (["--date", "2026-12-08 09:05"], "2026/12/late", "2026-12-08T09:05", True),
        # The slug alone: the date line is not touched, the time kept.
        (["--slug", "later"], "2026/12/later", f"{DAY}T23:40", False),
        # The same day, written alone (here with a new slug): the time kept.
        (["--date", DAY, "--slug", "later"], "2026/12/later", f"{DAY}T23:40", True),
    ],
    ids=["day-and-time", "slug", "same-day"],
)
def test_move_keeps_or_sets_an_articles_time(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    story: str,
    date: str,
    said: bool,
) -> None:
    _story(project, "late", f"{DAY}T23:40")
    capsys.readouterr()
    assert main(["move", "content/ar/2026/12/late.md", *args, "--root", str(project)]) == 0
    text = (project / f"content/ar/{story}.md").read_text(encoding="utf-8")
    assert f'\ndate: "{date}"\n' in text
    out = capsys.readouterr().out
    assert (f"date set to {date} in content/ar/{story}.md" in out) is said


def test_move_to_another_day_asks_for_the_time_and_moves_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The time may not hold on the day the article is moved to: the editor says it."""
    article = _story(project, "late", f"{DAY}T23:40")
    before = article.read_bytes()
    capsys.readouterr()
    assert main(["move", str(article), "--date", "2026-12-06", "--root", str(project)]) == 1
    assert capsys.readouterr().err == (
        f"{article}: error: it has a time of publication, 23:40 on 2026-12-07: give the new date "
        'with its time, --date "2026-12-06T23:40" if 23:40 still holds; nothing was moved\n'
    )
    assert article.read_bytes() == before
