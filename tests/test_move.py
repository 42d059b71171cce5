"""`move`: an article and its English gloss change date or slug together; nothing is
overwritten; the build's errors lead there, and a lost gloss names its article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, REPO, snapshot

STORY = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")  # 2020/11/coalition-…
AR = f"content/ar/{STORY}.md"
EN = f"content/en/{STORY}.md"
NEW = "2020/12/coalition-us-forces-syria-iraq"


def test_move_to_another_date_keeps_the_translation(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gloss = (project / EN).read_bytes()
    assert main(["move", AR, "--date", "2020-12-01", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert f"moved {AR} -> content/ar/{NEW}.md" in out
    assert f"moved {EN} -> content/en/{NEW}.md" in out
    assert not (project / AR).exists() and not (project / EN).exists()
    assert not (project / "content/ar/2020/11").exists()  # the emptied folder is gone
    assert (project / f"content/en/{NEW}.md").read_bytes() == gloss
    text = (project / f"content/ar/{NEW}.md").read_text(encoding="utf-8")
    assert '\ndate: "2020-12-01"\n' in text
    assert main(["status", "--root", str(project)]) == 0
    row = next(r for r in capsys.readouterr().out.splitlines() if r.endswith(NEW))
    glossed, _pending, stale = (int(n) for n in row.split("\t")[:3])
    assert glossed > 0 and stale == 0  # the English paragraphs came along
    assert main(["gloss", "--root", str(project)]) == 0
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert main(["build", "--root", str(project)]) == 0


def test_move_to_another_slug(project: Path) -> None:
    args = ["move", STORY, "--slug", "us-forces-routine-move", "--root", str(project)]
    assert main(args) == 0
    assert (project / "content/ar/2020/11/us-forces-routine-move.md").is_file()
    assert (project / "content/en/2020/11/us-forces-routine-move.md").is_file()
    assert not (project / AR).exists()


def test_move_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = project / f"content/en/{NEW}.md"
    taken.parent.mkdir(parents=True)
    taken.write_text("---\ntitle: someone else's\n---\n", encoding="utf-8")
    before = snapshot(project)
    assert main(["move", AR, "--date", "2020-12", "--root", str(project)]) == 1
    assert f"content/en/{NEW}.md already exists; nothing was moved" in capsys.readouterr().err
    assert snapshot(project) == before


def test_a_move_onto_an_article_points_to_the_guide_on_merging_duplicates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same report imported twice: `move` onto the survivor refuses, saying how to merge
    them (in one line), and the way the guide gives builds, the duplicate's address leading
    to the survivor."""
    survivor = "2020/11/us-forces-routine-move"
    shutil.copy(project / AR, project / f"content/ar/{survivor}.md")
    before = snapshot(project)
    assert main(["move", AR, "--slug", "us-forces-routine-move", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    said = (
        f"content/ar/{survivor}.md already exists; nothing was moved (if it is the same "
        "article, merge the two as docs/editors-guide.md says under 'Merging duplicate "
        "articles')"
    )
    assert said in err and len(err.strip().splitlines()) == 1
    assert snapshot(project) == before
    guide = (REPO / "docs/editors-guide.md").read_text(encoding="utf-8")
    assert "\n### Merging duplicate articles\n" in guide
    # The guide's way: the duplicate and its gloss deleted, its story in moved_from.
    (project / AR).unlink()
    (project / EN).unlink()
    kept = project / f"content/ar/{survivor}.md"
    text = kept.read_text(encoding="utf-8")
    kept.write_text(text.replace("---\n", f'---\nmoved_from: ["{STORY}"]\n', 1), "utf-8")
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    old = (project / f"site/ar/{STORY}/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/ar/{survivor}/">' in old


def test_move_needs_a_date_or_slug_and_an_article(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["move", AR, "--root", str(project)]) == 2
    assert main(["move", "content/ar/2020/11/nothing.md", "--date", "2020", "--root", str(project)])
    assert "no article content/ar/2020/11/nothing.md" in capsys.readouterr().err


def test_date_mismatch_error_gives_the_move_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = project / AR
    article.write_text(
        article.read_text(encoding="utf-8").replace('date: "2020-11"', 'date: "2020-12-01"'),
        encoding="utf-8",
    )
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    command = f"python build.py move {AR} --date 2020-12-01"
    assert command in err
    assert "no Arabic article" not in err  # its gloss is not lost: the article is there
    argv = command.split()[2:]
    assert main([*argv, "--root", str(project)]) == 0
    assert main(["build", "--root", str(project)]) == 0


def test_gloss_left_behind_names_the_article_and_gets_no_stub(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = project / f"content/ar/{NEW}.md"
    moved.parent.mkdir(parents=True)
    text = (project / AR).read_text(encoding="utf-8").replace('"2020-11"', '"2020-12"')
    moved.write_text(text, encoding="utf-8")
    (project / AR).unlink()  # moved by hand, without its gloss
    for command in ("gloss", "status", "build"):
        assert main([command, "--root", str(project)]) == 1
        err = capsys.readouterr().err
        assert (
            f"{EN}:1: error: no Arabic article at {AR} for this gloss; it seems to belong to "
            f"content/ar/{NEW}.md: move it to content/en/{NEW}.md"
        ) in err
    assert not (project / f"content/en/{NEW}.md").exists()  # no fresh empty stub
    (project / f"content/en/{NEW}.md").parent.mkdir(parents=True)
    shutil.move(project / EN, project / f"content/en/{NEW}.md")
    assert main(["build", "--root", str(project)]) == 0


def test_a_gloss_saved_again_after_a_move_is_not_sent_over_the_moved_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translator's editor saves the gloss at its old place after `move`: moving that copy
    to the article's gloss, as the error said, would overwrite the translation there."""
    assert main(["move", AR, "--date", "2020-12", "--root", str(project)]) == 0
    moved = (project / f"content/en/{NEW}.md").read_text(encoding="utf-8")
    (project / EN).parent.mkdir(parents=True, exist_ok=True)  # move took the empty folder
    (project / EN).write_text(moved + "\nA paragraph the editor added.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project)]) == 1
    assert (
        f"{EN}:1: error: no Arabic article at {AR} for this gloss; it seems to belong to "
        f"content/ar/{NEW}.md, whose gloss content/en/{NEW}.md exists already"
    ) in capsys.readouterr().err


def test_a_date_in_the_same_month_only_sets_the_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gloss = (project / EN).read_bytes()
    assert main(["move", AR, "--date", "2020-11-17", "--root", str(project)]) == 0
    assert "moved" not in capsys.readouterr().out
    assert '\ndate: "2020-11-17"\n' in (project / AR).read_text(encoding="utf-8")
    assert (project / EN).read_bytes() == gloss
    assert main(["build", "--root", str(project)]) == 0


def test_a_year_only_date_moves_to_the_year_folder(project: Path) -> None:
    assert main(["move", AR, "--date", "2020", "--root", str(project)]) == 0
    assert (project / "content/ar/2020/coalition-us-forces-syria-iraq.md").is_file()
    assert (project / "content/en/2020/coalition-us-forces-syria-iraq.md").is_file()
    assert main(["build", "--root", str(project)]) == 0


def test_moving_an_article_says_its_old_address_leads_to_the_new_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor renaming an article is told that links to the old address keep working,
    and which front-matter line keeps them working (tests/test_moved_addresses.py builds)."""
    assert main(["move", AR, "--slug", "us-forces-routine-move", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert f"note: its old address ar/{STORY}/ leads readers to the new one after the next" in out
    assert "'moved_from' in content/ar/2020/11/us-forces-routine-move.md keeps it" in out


def test_a_date_in_the_same_folder_notes_no_old_address(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["move", AR, "--date", "2020-11-17", "--root", str(project)]) == 0
    assert "old address" not in capsys.readouterr().out
    assert "moved_from" not in (project / AR).read_text(encoding="utf-8")
