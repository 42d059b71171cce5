"""An article's own problems (its text's, its gloss's, its links') are found in one place
(content/articlechecks.py), so every command names the same ones: a cold build, `status`
after a build (from the build's record, or reading the files changed since), `status` with
no build record, and `gloss`. A newcomer added a warning to the build's copy of the checks:
`status` named it after a build, and not once the article was edited or .cache moved aside."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.progress import recorded_progress
from newsarchive.cli import main
from newsarchive.content import articlechecks
from newsarchive.content.articles import parse_article
from newsarchive.content.today import site_today
from newsarchive.core.diagnostics import Diagnostic
from newsarchive.core.model import Article

from .conftest import png, write

ARTICLE = "content/ar/2020/11/short-note.md"
GLOSS = "content/en/2020/11/short-note.md"
PHOTO = "content/media/2020/meeting.png"
# A short article: a line readers would see as text ('<!--'), and a photo of the archive.
TEXT = """---
title: "بيان قصير عن الاجتماع"
date: "2020-11"
---
قال المتحدث إن الاجتماع انتهى دون اتفاق.

<!-- ملاحظة: تأكد من الاسم -->

![المشاركون في الاجتماع](../../../media/2020/meeting.png)
"""
# English a reader does not get as English: Arabic pasted in, and an orphan block whose
# paragraph is gone; and a byline of two writers for an unsigned article.
ARABIC_REMINDER = "قال المتحدث إن الاجتماع انتهى دون اتفاق (to do)"
ORPHAN = "\n<!-- gloss p9 0badc0de -->\n\nThe talks resume next week.\n"


def _project(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo project with the short article, its photo, and its gloss as `gloss` made it,
    then written with a warning of every kind a gloss can have."""
    write(project, ARTICLE, TEXT)
    (project / PHOTO).parent.mkdir(parents=True)
    (project / PHOTO).write_bytes(png(4, 3))
    assert main(["gloss", "--root", str(project), ARTICLE]) == 0
    gloss = project / GLOSS
    text, found = re.subn(
        r"(<!-- gloss p1 [0-9a-f]{8} -->\n<!-- ar: .* -->\n)",
        rf"\1\n{ARABIC_REMINDER}\n",
        gloss.read_text(encoding="utf-8"),
    )
    assert found == 1
    text = text.replace("\n---\n", '\nauthor: ["A. Writer", "B. Writer"]\n---\n', 1)
    gloss.write_text(text + ORPHAN, encoding="utf-8")
    capsys.readouterr()
    return project


def _said(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """A command's exit code and the problems it names in the short article's two files."""
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    return code, sorted(line for line in err.splitlines() if "2020/11/short-note.md:" in line)


def _cold_build(root: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """What a build of a copy of the content with no record or site says."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root / "content", copy / "content")
    return _said(["build", "--root", str(copy), "--no-search"], capsys)


def _status(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    return _said(["status", "--root", str(root)], capsys)


def _status_without_record(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    (root / ".cache").rename(root / "cache-aside")
    try:
        return _status(root, capsys)
    finally:
        (root / "cache-aside").rename(root / ".cache")


def _gloss(root: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """What `gloss` says (of a copy: it writes the files when nothing stops it)."""
    copy = tmp / "glossed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root / "content", copy / "content")
    return _said(["gloss", "--root", str(copy)], capsys)


def _every_path_says(
    root: Path, tmp: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    """What `status` says of the short article's files, after checking that it says that
    with no record too, that `gloss` does, and that a cold build does: the same errors, and
    when it has none the same warnings (a build that fails names its errors only)."""
    # status starts from the build's record
    assert recorded_progress(root, site_today(root)) is not None
    status = _status(root, capsys)
    assert status == _status_without_record(root, capsys)
    assert _gloss(root, tmp, capsys)[1] == status[1]
    code, built = _cold_build(root, tmp, capsys)
    assert (status[0] == 0) == (code == 0)
    assert built == (status[1] if code == 0 else [n for n in status[1] if ": error: " in n])
    return status


def test_build_status_and_gloss_name_the_same_problems_of_an_article(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(project, capsys)
    code, built = _said(["build", "--root", str(root), "--no-search"], capsys)
    assert code == 0
    expected = [
        (f"{ARTICLE}:7: warning: ", "<!--"),
        (f"{GLOSS}:", "p1 is mostly Arabic script"),
        (f"{GLOSS}:", "p9 holds English of a paragraph the article no longer has"),
        (f"{GLOSS}:", "'author' names 2 writer(s), the article 0"),
    ]
    for where, what in expected:
        assert any(line.startswith(where) and what in line for line in built), (what, built)
    # From the build's record, then reading the article again once it is edited.
    assert _every_path_says(root, tmp_path, capsys) == (0, built)
    with open(root / ARTICLE, "a", encoding="utf-8") as article:
        article.write("\n")
    assert _every_path_says(root, tmp_path, capsys) == (0, built)

    # The photo deleted: an error of the article, which did not change.
    assert main(["build", "--root", str(root), "--no-search"]) == 0
    (root / PHOTO).unlink()
    code, failed = _every_path_says(root, tmp_path, capsys)
    assert code != 0
    missing = f"{ARTICLE}:9: error: '../../../media/2020/meeting.png' leads to content/{PHOTO[8:]}"
    assert any(line.startswith(missing) for line in failed), failed
    assert set(failed) - set(built) == {line for line in failed if line.startswith(missing)}

    # A link readers cannot follow, written into the article since the last build.
    (root / PHOTO).write_bytes(png(4, 3))
    with open(root / ARTICLE, "a", encoding="utf-8") as article:
        article.write("\n[البيان كاملاً](statement.docx)\n")
    code, failed = _every_path_says(root, tmp_path, capsys)
    assert code != 0
    assert any("'statement.docx' leads to" in line for line in failed), failed


def test_a_check_added_to_the_article_checks_is_made_by_every_command(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The newcomer's warning ('a short article'), added where the checks are made."""

    def with_a_new_check(
        text: str, rel: str, day: datetime.date | None = None
    ) -> tuple[Article | None, tuple[Diagnostic, ...]]:
        article, found = parse_article(text, rel, day)
        if article is not None and len(article.body.split()) < 50:
            found = (*found, Diagnostic(f"content/{rel}", 1, "a short article", "warning"))
        return article, found

    monkeypatch.setattr(articlechecks, "parse_article", with_a_new_check)
    root = _project(project, capsys)
    code, built = _said(["build", "--root", str(root), "--no-search"], capsys)
    assert code == 0 and f"{ARTICLE}:1: warning: a short article" in built
    assert _every_path_says(root, tmp_path, capsys) == (0, built)
    with open(root / ARTICLE, "a", encoding="utf-8") as article:
        article.write("\nوأضاف أن الجولة المقبلة تعقد الأسبوع المقبل.\n")
    assert f"{ARTICLE}:1: warning: a short article" in _every_path_says(root, tmp_path, capsys)[1]


def test_a_mistaken_correction_is_named_by_every_command(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction dated before its article, written after a build: `status` (from the
    record and without it), `gloss` and a cold build name it at its line alike."""
    root = _project(project, capsys)
    assert main(["build", "--root", str(root), "--no-search"]) == 0
    article = root / ARTICLE
    correction = 'corrections:\n  - date: "2020-10-30"\n    note: "صُحّح اسم المتحدث."\n'
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace('date: "2020-11"\n', f'date: "2020-11"\n{correction}', 1))
    code, said = _every_path_says(root, tmp_path, capsys)
    assert code != 0
    wrong = f"{ARTICLE}:5: error: correction date 2020-10-30 is before the article's date 2020-11"
    assert wrong in said, said
