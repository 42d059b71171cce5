"""`status` for the articles an editor names (an article, a month, a year) and `--outdated`
for those whose English needs checking: in an archive of thousands, the whole table is
thousands of lines. The same rows and totals with and without a build record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, build_archive, write

DEMO = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")


@pytest.fixture(params=["read", "recorded"])
def archive(project: Path, request: pytest.FixtureRequest) -> Path:
    """The demo, its first paragraph edited (its English outdated), and three untranslated
    articles: two of March 2021, one known only to 2022; built or not."""
    for story, date in (("2021/03/a", "2021-03-02"), ("2021/03/b", "2021-03-09")):
        write(project, f"content/ar/{story}.md", _article(date))
    write(project, "content/ar/2022/c.md", _article("2022"))
    demo = project / "content" / DEMO_ARTICLE
    text = demo.read_text(encoding="utf-8")
    demo.write_text(text.replace("يوم الثلاثاء", "يوم الثلاثاء الماضي", 1), encoding="utf-8")
    if request.param == "recorded":
        build_archive(project)
    return project


def _article(date: str) -> str:
    return f'---\ntitle: "خبر"\ndate: "{date}"\n---\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n'


def _status(root: Path, capsys: pytest.CaptureFixture[str], *names: str) -> tuple[int, list[str]]:
    """The exit code and the rows printed: [glossed, pending, outdated, article] each, the
    total last."""
    code = main(["status", "--root", str(root), *names])
    out = capsys.readouterr().out
    rows = [line.split("\t")[:4] for line in out.splitlines()[1:] if "\t" in line]
    return code, rows


@pytest.mark.parametrize(
    ("names", "stories"),
    [
        (["2021"], ["2021/03/a", "2021/03/b"]),
        (["2021/03"], ["2021/03/a", "2021/03/b"]),
        (["content/ar/2021/03/"], ["2021/03/a", "2021/03/b"]),
        (["2021/03/b"], ["2021/03/b"]),
        (["content/ar/2022/c.md", "2020"], [DEMO, "2022/c"]),
        ([f"content/en/{DEMO}.md"], [DEMO]),
    ],
)
def test_status_of_the_named_articles_only(
    archive: Path, capsys: pytest.CaptureFixture[str], names: list[str], stories: list[str]
) -> None:
    code, rows = _status(archive, capsys, *names)
    assert code == 0
    assert [row[3] for row in rows] == [*stories, "total"]
    total = [sum(int(row[i]) for row in rows[:-1]) for i in range(3)]
    assert rows[-1][:3] == [str(n) for n in total]


def test_outdated_lists_only_the_articles_whose_english_needs_checking(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, rows = _status(archive, capsys, "--outdated")
    assert code == 0
    assert [row[3] for row in rows] == [DEMO, "total"]
    assert rows[0][2] == "1" and rows[-1][2] == "1"
    assert _status(archive, capsys, "2021", "--outdated") == (0, [["0", "0", "0", "total"]])


def test_the_json_of_a_year(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(archive), "--json", "2021"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["story"] for a in data["articles"]] == ["2021/03/a", "2021/03/b"]
    assert data["totals"] == {"glossed": 0, "pending": 4, "stale": 0}


def test_a_name_of_no_article_is_an_error(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--root", str(archive), "2021", "2030/01"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "2030/01: error: no such article or folder under content/ar" in err
