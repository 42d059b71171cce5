"""Teams on git branches (editors' guide, "Working as a team"), with real git: an Arabic
paragraph corrected and run through `gloss` on one branch while its English is written from
the old Arabic on another must not merge into a block that counts as translating the
corrected paragraph. git conflicts there, in either merge order and in a rebase (the English
slot of a pending block lies between lines `gloss` rewrites for a correction), showing the
English beside the correction's notes. Before, the merge was clean and the English was
published as current. A translator alone, or one whose branch meets changes elsewhere, sees
no conflict and no false "outdated"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, git

GLOSS = DEMO_ARTICLE.replace("ar/", "en/", 1)
OLD, NEW = "وتتزامن هذه التطورات", "وتتزامن هذه الأحداث"  # in p3, which is not translated
ENGLISH = "These developments coincide with media reports about the US administration."
# Where translators put their English under a pending block's notes.
HABITS = {
    "on the empty line": lambda lines, at: [*lines[:at], ENGLISH, *lines[at + 1 :]],
    "after a blank line": lambda lines, at: [*lines[: at + 1], ENGLISH, *lines[at + 1 :]],
    "between blank lines": lambda lines, at: [*lines[: at + 1], ENGLISH, "", *lines[at + 1 :]],
}


def _commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    assert git(root, "commit", "-qm", message).returncode == 0


def _correct_and_gloss(root: Path, old: str, new: str) -> None:
    """An editor's correction of the Arabic, then `gloss` (which refreshes pending blocks)."""
    arabic = root / "content" / DEMO_ARTICLE
    text = arabic.read_text(encoding="utf-8")
    assert old in text
    arabic.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["gloss", "--root", str(root)]) == 0


def _translate_p3(root: Path, habit: str) -> None:
    """A translator writes p3's English under its notes, leaving them as they are."""
    gloss = root / "content" / GLOSS
    lines = gloss.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("<!-- gloss p3 "))
    while lines[at].startswith("<!--"):
        at += 1  # the first line under the notes: the empty line of the English
    gloss.write_text("\n".join(HABITS[habit](lines, at)), encoding="utf-8")


def _status(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "--root", str(root), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["articles"]
    return dict(row)


def _branches(root: Path, habit: str, layout: str, capsys: pytest.CaptureFixture[str]) -> None:
    """main: the demo (its pending blocks as glosses of the earlier layout have them, or, for
    "stub", as `gloss` writes them now); `editor`: p3 corrected and run through `gloss`;
    `translator`: p3's English, written from the Arabic before the correction."""
    if layout == "stub":  # p3 corrected once before: `gloss` wrote its block again
        _correct_and_gloss(root, OLD, "وتتزامن هذه التطورات الأخيرة")
        capsys.readouterr()
    before = (root / "content" / GLOSS).read_text(encoding="utf-8")
    assert main(["gloss", "--root", str(root)]) == 0  # a gloss as it is is not rewritten
    assert capsys.readouterr().out.endswith("0 created, 0 updated, 1 unchanged\n")
    assert (root / "content" / GLOSS).read_text(encoding="utf-8") == before
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    _commit(root, "archive")
    git(root, "checkout", "-qb", "editor")
    _correct_and_gloss(root, OLD, NEW)
    _commit(root, "p3 corrected")
    git(root, "checkout", "-q", "-b", "translator", "main")
    _translate_p3(root, habit)
    _commit(root, "p3 translated")


@pytest.mark.parametrize("layout", ["earlier layout", "stub"])
@pytest.mark.parametrize("habit", list(HABITS))
@pytest.mark.parametrize("order", ["translator merges main", "main merges translator"])
def test_english_of_the_old_arabic_and_a_correction_run_through_gloss_conflict(
    project: Path, capsys: pytest.CaptureFixture[str], order: str, habit: str, layout: str
) -> None:
    _branches(project, habit, layout, capsys)
    if order == "main merges translator":
        git(project, "checkout", "-q", "main")
        assert git(project, "merge", "-q", "editor").returncode == 0
        merge = git(project, "merge", "translator", check=False)
    else:
        git(project, "checkout", "-q", "editor")
        assert git(project, "checkout", "-q", "-B", "main").returncode == 0  # main moved on
        git(project, "checkout", "-q", "translator")
        merge = git(project, "merge", "main", check=False)
    assert merge.returncode == 1
    assert f"CONFLICT (content): Merge conflict in content/{GLOSS}" in merge.stdout
    [sides] = _conflicts(project / "content" / GLOSS)
    theirs = next(side for side in sides if ENGLISH not in side)  # the correction's side
    assert any(f"<!-- end of p3 {_print_now(project)}: " in line for line in theirs)
    _commit(project, "merged, markers and all")  # in a hurry: every command names them
    capsys.readouterr()
    assert main(["status", "--root", str(project)]) == 1
    said = capsys.readouterr().err
    assert f"content/{GLOSS}:" in said and "a git merge conflict is left here" in said
    # Resolved as the guide says: the English (checked against the corrected Arabic) and
    # the correction's notes kept, the translator's older notes and git's markers deleted.
    _resolve(project / "content" / GLOSS)
    assert (_status(project, capsys)["glossed"], _status(project, capsys)["stale_count"]) == (4, 0)


def _print_now(root: Path) -> str:
    text = (root / "content" / GLOSS).read_text(encoding="utf-8")
    return next(ln.split()[3] for ln in text.split("\n") if ln.startswith("<!-- gloss p3 "))


def _resolve(file: Path) -> None:
    """Each conflict: the English of the side holding it, the other side whole."""
    kept: list[str] = []
    for line_or_sides in _lines_and_conflicts(file):
        if isinstance(line_or_sides, str):
            kept.append(line_or_sides)
            continue
        for side in line_or_sides:
            mine = ENGLISH in side
            kept += [ln for ln in side if not (mine and ln.startswith("<!--"))]
    file.write_text("\n".join(kept), encoding="utf-8")


def _conflicts(file: Path) -> list[list[list[str]]]:
    """Each conflict git left in the file: the versions it shows, as lists of lines."""
    return [part for part in _lines_and_conflicts(file) if not isinstance(part, str)]


def _lines_and_conflicts(file: Path) -> list[str | list[list[str]]]:
    """The file's lines, each conflict in them as the versions git shows."""
    parts: list[str | list[list[str]]] = []
    sides: list[list[str]] | None = None
    for line in file.read_text(encoding="utf-8").split("\n"):
        if line.startswith("<<<<<<<"):
            sides = [[]]
        elif sides is not None and line.startswith("======="):
            sides.append([])
        elif sides is not None and line.startswith(">>>>>>>"):
            parts.append(sides)
            sides = None
        elif sides is not None:
            sides[-1].append(line)
        else:
            parts.append(line)
    return parts


@pytest.mark.parametrize("habit", list(HABITS))
def test_a_rebase_onto_the_correction_stops_at_the_conflict(
    project: Path, capsys: pytest.CaptureFixture[str], habit: str
) -> None:
    _branches(project, habit, "stub", capsys)
    rebase = git(project, "rebase", "editor", check=False)
    assert rebase.returncode == 1
    assert f"CONFLICT (content): Merge conflict in content/{GLOSS}" in rebase.stdout
    assert "<<<<<<<" in (project / "content" / GLOSS).read_text(encoding="utf-8")


@pytest.mark.parametrize("habit", list(HABITS))
def test_a_translator_alone_or_beside_other_changes_sees_no_false_outdated(
    project: Path, capsys: pytest.CaptureFixture[str], habit: str
) -> None:
    """gloss, then translate: p3 is glossed. Merged with a branch where another paragraph
    was corrected and run through `gloss` (p4, pending too), no conflict and still glossed."""
    _correct_and_gloss(project, OLD, NEW)  # p3 in the layout `gloss` writes now
    assert git(project, "init", "-q", "-b", "main").returncode == 0
    _commit(project, "archive")
    git(project, "checkout", "-qb", "translator")
    assert main(["gloss", "--root", str(project)]) == 0
    _translate_p3(project, habit)
    row = _status(project, capsys)
    assert (row["glossed"], row["stale_count"]) == (4, 0)
    _commit(project, "p3 translated")
    git(project, "checkout", "-q", "main")
    _correct_and_gloss(project, "وعقد نائب القائد العام", "وعقد نائب قائد")  # p4's opening
    _commit(project, "p4 corrected")
    git(project, "checkout", "-q", "translator")
    assert git(project, "merge", "main").returncode == 0
    row = _status(project, capsys)
    assert (row["glossed"], row["stale_count"]) == (4, 0)
    assert ENGLISH in (project / "content" / GLOSS).read_text(encoding="utf-8")
