"""A git merge conflict committed unresolved: its marker lines (<<<<<<<, =======, >>>>>>>)
are named at their lines in plain words, in every kind of content file, and nothing is
built; before, the registry and site.toml said "missing ':'" or "not a setting", and an
article or a gloss was published with the markers in its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, git, snapshot

GLOSS = DEMO_ARTICLE.replace("ar/", "en/", 1)
WHAT_TO_DO = (
    "between them are two versions of the same lines, one from each branch. Keep the text "
    "that is right, or both, and delete the marker lines"
)


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    file = root / "content" / rel
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _merged_with_conflict(project: Path, rel: str, old: str, ours: str, theirs: str) -> None:
    """Two branches change the same line of rel; main merges the other, and the editor
    commits the file with git's markers still in it."""
    assert git(project, "init", "-q", "-b", "main").returncode == 0
    git(project, "add", "-A")
    assert git(project, "commit", "-qm", "archive").returncode == 0
    git(project, "checkout", "-qb", "other")
    _edit(project, rel, old, theirs)
    assert git(project, "commit", "-qam", "theirs").returncode == 0
    git(project, "checkout", "-q", "main")
    _edit(project, rel, old, ours)
    assert git(project, "commit", "-qam", "ours").returncode == 0
    merge = git(project, "merge", "other", check=False)
    assert merge.returncode == 1 and f"CONFLICT (content): Merge conflict in content/{rel}" in (
        merge.stdout
    )
    git(project, "commit", "-qam", "merged")  # markers and all, as an editor in a hurry


def _line_of(project: Path, rel: str, start: str) -> list[int]:
    lines = (project / "content" / rel).read_text(encoding="utf-8").split("\n")
    return [n for n, line in enumerate(lines, 1) if line.startswith(start)]


@pytest.mark.parametrize(
    ("rel", "old", "ours", "theirs"),
    [
        (
            "entities.yaml",
            "ar: [العراق]",
            "ar: [العراق, جمهورية العراق]",
            "ar: [العراق, بلاد الرافدين]",
        ),
        ("site.toml", "per_page = 20", "per_page = 30", "per_page = 10"),
        (DEMO_ARTICLE, "يوم الثلاثاء", "يوم الأربعاء", "يوم الاثنين"),
        (GLOSS, "on Tuesday", "on Wednesday", "on Monday"),
    ],
    ids=["registry", "site.toml", "article", "gloss"],
)
def test_a_merge_committed_with_its_conflict_is_named_at_its_lines_and_nothing_is_built(
    project: Path, rel: str, old: str, ours: str, theirs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    before = snapshot(project / "site")
    capsys.readouterr()
    _merged_with_conflict(project, rel, old, ours, theirs)
    [opening] = _line_of(project, rel, "<<<<<<< HEAD")
    [middle] = _line_of(project, rel, "=======")
    [closing] = _line_of(project, rel, ">>>>>>> other")

    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 1

    expected = (
        f"content/{rel}:{opening}: error: a git merge conflict is left here (the marker lines "
        f"<<<<<<<, ======= and >>>>>>> at lines {opening}, {middle}, {closing}): {WHAT_TO_DO}"
    )
    assert capsys.readouterr().err.split("\n")[0] == expected
    assert snapshot(project / "site") == before


def test_gloss_and_status_refuse_a_conflicted_gloss_and_change_no_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _merged_with_conflict(project, GLOSS, "on Tuesday", "on Wednesday", "on Monday")
    saved = (project / "content" / GLOSS).read_bytes()
    [opening] = _line_of(project, GLOSS, "<<<<<<< HEAD")
    for command in (["gloss"], ["status"]):
        assert main([*command, "--root", str(project)]) == 1
        said = capsys.readouterr().err
        assert f"content/{GLOSS}:{opening}: error: a git merge conflict is left here" in said
    assert (project / "content" / GLOSS).read_bytes() == saved


@pytest.mark.parametrize(
    "command",
    [["gloss"], ["gloss", DEMO_ARTICLE], ["gloss", "--accept", DEMO_ARTICLE], ["status"]],
    ids=["gloss", "gloss-article", "gloss-accept", "status"],
)
def test_a_conflicted_article_is_the_one_error_not_its_gloss_too(
    project: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The article cannot be read, but it is there: its gloss is not called one of no
    article ("no Arabic article … for this gloss"), which sent editors to move or delete a
    gloss that was right."""
    _merged_with_conflict(project, DEMO_ARTICLE, "يوم الثلاثاء", "يوم الأربعاء", "يوم الاثنين")
    gloss = (project / "content" / GLOSS).read_bytes()
    [opening] = _line_of(project, DEMO_ARTICLE, "<<<<<<< HEAD")
    [middle] = _line_of(project, DEMO_ARTICLE, "=======")
    [closing] = _line_of(project, DEMO_ARTICLE, ">>>>>>> other")

    assert main([*command, "--root", str(project)]) == 1

    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors == [
        f"content/{DEMO_ARTICLE}:{opening}: error: a git merge conflict is left here (the "
        f"marker lines <<<<<<<, ======= and >>>>>>> at lines {opening}, {middle}, {closing}): "
        f"{WHAT_TO_DO}"
    ]
    assert (project / "content" / GLOSS).read_bytes() == gloss


def test_the_common_ancestor_style_and_a_second_conflict_are_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git's diff3 style adds the ancestor's version after a `|||||||` line."""
    file = project / "content" / "entities.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    at = lines.index("  ar: [العراق]")
    lines[at : at + 1] = [
        "<<<<<<< ours",
        "  ar: [العراق, جمهورية العراق]",
        "||||||| base",
        "  ar: [العراق]",
        "=======",
        "  ar: [العراق, بلاد الرافدين]",
        ">>>>>>> theirs",
    ]
    lines += ["<<<<<<< ours", "=======", "- id: basra", ">>>>>>> theirs", ""]
    file.write_text("\n".join(lines), encoding="utf-8")

    assert main(["build", "--root", str(project), "--no-search"]) == 1

    first = at + 1
    expected = (
        f"content/entities.yaml:{first}: error: a git merge conflict is left here (the marker "
        f"lines <<<<<<<, ======= and >>>>>>> at lines {first}, {first + 2}, {first + 4}, "
        f"{first + 6}): {WHAT_TO_DO} (1 more conflict below in this file)"
    )
    assert expected in capsys.readouterr().err


def test_seven_signs_that_are_not_a_conflict_still_build(project: Path) -> None:
    """`=======` under a line is a Markdown heading; signs inside a line are text."""
    _edit(
        project,
        DEMO_ARTICLE,
        "قال التحالف الدولي",
        "عنوان فرعي\n=======\n\nسهم <<<<<<< في السطر >>>>>>> ومثله\n\nقال التحالف الدولي",
    )
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    page = (project / "site" / DEMO_ARTICLE.removesuffix(".md") / "index.html").read_text("utf-8")
    assert "<<<<<<<" in page.replace("&lt;", "<")
