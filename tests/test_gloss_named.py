"""`gloss ARTICLE…`: stubs for the articles a translator names (a day's, a month's) without
reading the whole archive, which took minutes at 100,000 articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import write


def _article(title: str, date: str) -> str:
    return f'---\ntitle: "{title}"\ndate: "{date}"\n---\n\nفقرة أولى عن {title}.\n\nفقرة ثانية.\n'


@pytest.fixture
def day(project: Path) -> Path:
    """The demo archive with two new articles of January 2021, one of February, and one
    being written in March that does not parse yet."""
    write(project, "content/ar/2021/01/first.md", _article("الخبر الأول", "2021-01-05"))
    write(project, "content/ar/2021/01/second.md", _article("الخبر الثاني", "2021-01-06"))
    write(project, "content/ar/2021/02/third.md", _article("الخبر الثالث", "2021-02-01"))
    write(project, "content/ar/2021/03/half.md", '---\ntitle: "unclosed\n---\n\nنص.\n')
    return project


def _glosses(root: Path) -> set[str]:
    return {p.relative_to(root / "content/en").as_posix() for p in root.glob("content/en/**/*.md")}


def test_gloss_of_named_articles_stubs_only_them(
    day: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _glosses(day)
    # The half-written article would stop a run over the archive: it is not read.
    assert main(["gloss", "--root", str(day), "content/ar/2021/01/first.md"]) == 0
    assert _glosses(day) - before == {"2021/01/first.md"}
    assert capsys.readouterr().out.splitlines()[-1] == "1 created, 0 updated, 0 unchanged"
    # Any name of the article: the English file's path, or its story.
    assert main(["gloss", "--root", str(day), "content/en/2021/01/first.md", "2021/02/third"]) == 0
    assert _glosses(day) - before == {"2021/01/first.md", "2021/02/third.md"}
    assert capsys.readouterr().out.splitlines()[-1] == "1 created, 0 updated, 1 unchanged"
    stub = (day / "content/en/2021/02/third.md").read_text(encoding="utf-8")
    assert stub.count("<!-- gloss p") == 2  # a pending block per paragraph, as every stub


def test_gloss_of_a_folder_stubs_its_articles(
    day: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _glosses(day)
    assert main(["gloss", "--root", str(day), str(day / "content/ar/2021/01")]) == 0
    assert _glosses(day) - before == {"2021/01/first.md", "2021/01/second.md"}
    capsys.readouterr()
    # A folder holding the broken article: its error stops the run, nothing is written.
    assert main(["gloss", "--root", str(day), "2021"]) == 1
    assert "content/ar/2021/03/half.md" in capsys.readouterr().err
    assert _glosses(day) - before == {"2021/01/first.md", "2021/01/second.md"}


def test_a_name_of_nothing_is_an_error_and_the_others_are_stubbed(
    day: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _glosses(day)
    assert main(["gloss", "--root", str(day), "2021/01/frist", "2021/02/third.md"]) == 1
    err = capsys.readouterr().err
    assert "2021/01/frist: error: no such article or folder under content/ar" in err
    assert _glosses(day) - before == {"2021/02/third.md"}


def test_articles_to_accept_are_named_after_accept_only(
    day: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gloss", "--root", str(day), "2021/01/first", "--accept", "2021/02/third"]) == 2
    assert "after --accept only" in capsys.readouterr().err
    assert not (day / "content/en/2021/01/first.md").exists()


def test_gloss_names_ten_stale_files_and_counts_the_others(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over a whole archive the stale files were tens of thousands, named on one line of a
    megabyte: gloss names ten and says how many more, and `status` lists them all."""
    stories = [f"2021/01/story-{n:02}" for n in range(12)]
    for story in stories:
        write(project, f"content/ar/{story}.md", _article("خبر", "2021-01-05"))
    assert main(["gloss", "--root", str(project), "2021/01"]) == 0
    for story in stories:  # translated, then the Arabic edited
        gloss = project / f"content/en/{story}.md"
        lines = gloss.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("<!-- ar: فقرة أولى"))
        lines.insert(at + 1, "A first paragraph.")
        gloss.write_text("\n".join(lines), encoding="utf-8")
        article = project / f"content/ar/{story}.md"
        edited = article.read_text(encoding="utf-8").replace("فقرة أولى", "فقرة أولى معدلة")
        article.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["gloss", "--root", str(project), "2021/01"]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("outdated,")]
    named = [f"content/en/{story}.md (p1)" for story in stories[:10]]
    assert line.endswith(f"{'; '.join(named)}; and 2 more files (`status` lists all)")
