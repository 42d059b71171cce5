"""An article's date that cannot be one: a Hijri year (the copy's own date, ١٤٤٨ هـ, is
routine in Iraqi news), a year before any newspaper, or a day after tomorrow (a mistyped
year). Each spread the archive's years over centuries or put the article at the top of the
home page and the feed; each is now an error at its line, in `import` and in the build."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.dates import after_tomorrow, parse_date
from newsarchive.content.today import VARIABLE
from newsarchive.core.model import PartialDate

from .conftest import write

ARTICLE = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, TODAY.isoformat())


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1448-03-12", "looks like a Hijri date: the year 1448 AH is 2026-2027"),
        ("1442-11", "looks like a Hijri date: the year 1442 AH is 2020-2021"),
        ("0202-11", "is before 1800: a mistyped year?"),
    ],
)
def test_a_year_before_1800_is_refused(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(written)


@pytest.mark.parametrize(
    ("date", "future"),
    [
        (PartialDate(2026, 12, 8), False),  # tomorrow: a day begun where the copy came from
        (PartialDate(2026, 12, 9), True),
        (PartialDate(2026, 12), False),  # the month under way
        (PartialDate(2027), True),
        (PartialDate(2062, 12, 6), True),
        (PartialDate(2026), False),
    ],
)
def test_after_tomorrow(date: PartialDate, future: bool) -> None:
    assert (after_tomorrow(date, TODAY) is not None) is future


def _set_date(project: Path, date: str, folder: str) -> Path:
    """The demo article, dated `date` and moved by hand to its folder (its gloss left out)."""
    (project / ARTICLE.replace("/ar/", "/en/")).unlink()
    source = project / ARTICLE
    text = source.read_text(encoding="utf-8").replace('date: "2020-11"', f'date: "{date}"')
    source.unlink()
    return write(project, f"content/ar/{folder}/coalition-us-forces-syria-iraq.md", text)


@pytest.mark.parametrize(
    ("date", "folder", "message"),
    [
        ("1442-03", "1442/03", "date '1442-03' looks like a Hijri date"),
        ("2062-12-06", "2062/12", "date 2062-12-06 is in the future (today is 2026-12-07)"),
    ],
)
def test_the_build_refuses_the_date_at_its_line(
    project: Path, date: str, folder: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project)]) == 0
    home = (project / "site/ar/index.html").read_bytes()
    moved = _set_date(project, date, folder)
    assert main(["build", "--root", str(project)]) == 1
    rel = moved.relative_to(project).as_posix()
    assert f"{rel}:3: error: {message}" in capsys.readouterr().err
    assert (project / "site/ar/index.html").read_bytes() == home  # the site kept whole


def test_an_article_of_tomorrow_builds(project: Path) -> None:
    _set_date(project, "2026-12-08", "2026/12")
    assert main(["build", "--root", str(project)]) == 0


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("1448-03-12", "date '1448-03-12' looks like a Hijri date"),
        ("2062-12-06", "date 2062-12-06 is in the future"),
    ],
)
def test_import_refuses_the_date_and_writes_nothing(
    project: Path, date: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = write(project, "h.txt", "بغداد/ شفق نيوز/ أعلنت الأمانة العامة تعطيل الدوام الرسمي.\n")
    before = sorted((project / "content").rglob("*"))
    assert main(["import", str(raw), "--date", date, "--root", str(project)]) == 1
    assert message in capsys.readouterr().err
    assert sorted((project / "content").rglob("*")) == before
