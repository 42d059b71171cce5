"""The archive's day is the newsroom's: "today", which `gloss` stamps as the day a gloss was
translated and by which a build refuses a date after tomorrow and warns of a published text
changed without a correction note, is the day on the clock of site.toml's time_zone, not on
the build machine's (UTC in CI). At 22:30 UTC on 6 December it is 01:30 on the 7th in
Baghdad."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.today import VARIABLE, today

from .conftest import write
from .test_paragraph_anchors import UNNOTED
from .test_translated import _translate

NOW = "2026-12-06T22:30Z"  # 01:30 on 7 December in Baghdad
STORY = "2026/12/night-shift"
ARTICLE = f"content/ar/{STORY}.md"
PARAGRAPHS = ["انفجار في بغداد نقله المراسل ليلا.", "وقال شهود إن الشرطة طوقت المكان."]


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, NOW)


def _zone(root: Path, zone: str) -> None:
    with (root / "content/site.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'time_zone = "{zone}"\n')


def _article(root: Path, date: str, paragraphs: list[str] = PARAGRAPHS) -> None:
    body = "\n\n".join(paragraphs)
    write(root, ARTICLE, f'---\ntitle: "خبر الليل"\ndate: "{date}"\n---\n\n{body}\n')


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """The build's exit code and the errors and warnings it said."""
    capsys.readouterr()
    code = main(["build", "--root", str(root), "--no-search", "--quiet"])
    said = capsys.readouterr().err.splitlines()
    return code, [line for line in said if ": error: " in line or ": warning: " in line]


@pytest.mark.parametrize(("zone", "day"), [("Asia/Baghdad", "2026-12-07"), ("UTC", "2026-12-06")])
def test_gloss_dates_a_translation_by_the_newsrooms_day(
    project: Path, capsys: pytest.CaptureFixture[str], zone: str, day: str
) -> None:
    _zone(project, zone)
    _article(project, "2026-12-06")
    assert main(["gloss", "--root", str(project), STORY]) == 0  # the stub: nothing to date
    gloss = _translate(project, STORY, {"p1": "A blast in Baghdad, the reporter said."})
    capsys.readouterr()
    assert main(["gloss", "--root", str(project), STORY]) == 0
    assert f"1 dated (translated: {day})" in capsys.readouterr().out
    assert f"\ntranslated: {day}\n---\n" in gloss.read_text(encoding="utf-8")


def test_tomorrow_is_the_newsrooms_tomorrow(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article dated the 8th is tomorrow's in Baghdad at 01:30 on the 7th (a desk working
    ahead), but after tomorrow by the UTC day, the 6th."""
    _article(project, "2026-12-08")
    _zone(project, "Asia/Baghdad")
    assert _build(project, capsys) == (0, [])
    write(project, "content/site.toml", 'time_zone = "UTC"\n')
    assert _build(project, capsys) == (
        1,
        [
            f"{ARTICLE}:3: error: date 2026-12-08 is in the future (today is 2026-12-06): "
            "a mistyped year?"
        ],
    )


@pytest.mark.parametrize(("zone", "warned"), [("Asia/Baghdad", True), ("UTC", False)])
def test_yesterdays_article_edited_after_midnight_is_a_published_text(
    project: Path, capsys: pytest.CaptureFixture[str], zone: str, warned: bool
) -> None:
    """At 01:30 in Baghdad the article of the 6th is yesterday's, published: a paragraph
    added without a correction note is said. By the UTC day it is still being written."""
    _zone(project, zone)
    _article(project, "2026-12-06")
    assert _build(project, capsys) == (0, [])
    added = "وأعلنت وزارة الداخلية حصيلة أولية بعد ساعة."
    _article(project, "2026-12-06", [*PARAGRAPHS, added])
    line = (project / ARTICLE).read_text(encoding="utf-8").split("\n").index(added) + 1
    warning = f"{ARTICLE}:{line}: warning: {UNNOTED.format(what='1 paragraph added')}"
    assert _build(project, capsys) == (0, [warning] if warned else [])


@pytest.mark.parametrize(
    ("named", "zone", "day"),
    [
        ("2026-12-06T22:30Z", "Asia/Baghdad", datetime.date(2026, 12, 7)),
        ("2026-12-06T22:30+00:00", "UTC", datetime.date(2026, 12, 6)),
        ("2026-12-07T01:30+03:00", "America/New_York", datetime.date(2026, 12, 6)),
        ("2026-12-06", "Asia/Baghdad", datetime.date(2026, 12, 6)),  # a day is the site's
    ],
)
def test_the_day_named_for_a_run_is_read_on_the_sites_clock(
    monkeypatch: pytest.MonkeyPatch, named: str, zone: str, day: datetime.date
) -> None:
    monkeypatch.setenv(VARIABLE, named)
    assert today(zone) == day


def test_an_instant_without_its_offset_stops_the_command_saying_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(VARIABLE, "2026-12-06T22:30")
    with pytest.raises(SystemExit) as stopped:
        today("Asia/Baghdad")
    assert str(stopped.value) == (
        "NEWSARCHIVE_TODAY: '2026-12-06T22:30' names no day (YYYY-MM-DD) nor instant with its "
        "offset (2026-12-06T22:30Z)"
    )


def test_the_clock_is_read_on_the_sites_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpinned, the day is the zone's now: Kiritimati's clock (+14) is 25 hours ahead of
    Pago Pago's (-11), so their days always differ; one machine's day would be both."""
    monkeypatch.delenv(VARIABLE)
    ahead, behind = today("Pacific/Kiritimati"), today("Pacific/Pago_Pago")
    assert ahead - behind in (datetime.timedelta(days=1), datetime.timedelta(days=2))
