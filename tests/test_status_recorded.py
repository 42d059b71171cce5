"""`status` after a build starts from the build's status rows and reads again only the files
changed since (build/progress.py): whatever was edited, it says exactly what reading every
file says, errors and exit code included."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build.progress import recorded_progress
from newsarchive.cli import main
from newsarchive.content.today import site_today

from .conftest import build_archive, write


def _status(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    """The exit code, the output and the problems named (in the order of their files)."""
    code = main(["status", "--json", "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, sorted(err.splitlines())


def _status_reading_every_file(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, list[str]]:
    """What status says with no build record: it reads every article and gloss."""
    cache, aside = root / ".cache", root / "cache-aside"
    cache.rename(aside)
    try:
        return _status(root, capsys)
    finally:
        aside.rename(cache)


def _first(root: Path, lang: str) -> Path:
    return sorted((root / "content" / lang).rglob("*.md"))[0]


def _gloss_of_an_article(root: Path) -> Path:
    return next(p for p in sorted((root / "content/en").rglob("*.md")))


def _empty_a_translated_block(root: Path) -> None:
    """The English of the first translated block taken out: glossed one fewer, pending one more."""
    gloss = _gloss_of_an_article(root)
    text = gloss.read_text(encoding="utf-8")
    emptied = re.sub(
        r"(<!-- gloss p[1-9][0-9]* [0-9a-f]{8} -->\n)(?:(?!<!--).+\n)+", r"\1", text, count=1
    )
    assert emptied != text
    gloss.write_text(emptied, "utf-8")


def _edit_an_arabic_paragraph(root: Path) -> None:
    article = root / "content/ar" / _gloss_of_an_article(root).relative_to(root / "content/en")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip("\n") + " وأضاف المتحدث أن الاجتماع انتهى.\n", "utf-8")


def _add_an_article(root: Path) -> None:
    text = _first(root, "ar").read_text(encoding="utf-8")
    dated = re.sub(r"(?m)^date: .*$", 'date: "2019-05"', text, count=1)
    write(root, "content/ar/2019/05/added-story.md", dated)


def _delete_an_article_leaving_its_gloss(root: Path) -> None:
    gloss = _gloss_of_an_article(root)
    (root / "content/ar" / gloss.relative_to(root / "content/en")).unlink()


def _break_an_article(root: Path) -> None:
    article = _first(root, "ar")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: ", 'title: "unclosed ', 1), "utf-8")


def _write_a_note_in_an_article_and_build(root: Path) -> None:
    """An article with a '<!--' line builds with a warning; status names it after the build,
    and after another article's edit."""
    article = sorted((root / "content/ar").rglob("*.md"))[-1]  # not the one edited after
    article.write_text(article.read_text(encoding="utf-8") + "\n<!-- a note -->\n", "utf-8")
    assert build_archive(root).warnings
    _edit_an_arabic_paragraph(root)


def _show_a_photo_that_is_not_there(root: Path) -> None:
    """An error of the article's own (its link), as the build names it: status too, after
    reading the article again, fails."""
    article = _first(root, "ar")
    photo = "\n![صورة الاجتماع](../../../media/2020/meeting.png)\n"
    article.write_text(article.read_text(encoding="utf-8") + photo, "utf-8")


def _paste_arabic_into_an_english_block(root: Path) -> None:
    """A warning of the gloss's own (English readers get Arabic), named as the build names it."""
    gloss = _gloss_of_an_article(root)
    text = gloss.read_text(encoding="utf-8")
    pasted, found = re.subn(
        r"(<!-- gloss p[1-9][0-9]* [0-9a-f]{8} -->\n(?:<!--.*-->\n)*\n?)(?!<!--).+\n",
        "\\1قال المتحدث إن الاجتماع انتهى دون اتفاق (to do)\n",
        text,
        count=1,
    )
    assert found == 1
    gloss.write_text(pasted, "utf-8")


def _add_an_entity(root: Path) -> None:
    registry = root / "content/entities.yaml"
    entry = "\n- id: new-minister\n  type: person\n  ar: [زمردان القصيري]\n"
    registry.write_text(registry.read_text(encoding="utf-8") + entry, "utf-8")


def _break_the_registry(root: Path) -> None:
    registry = root / "content/entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n- id: [broken\n", "utf-8")


def _save_an_article_under_another_ending(root: Path) -> None:
    text = _first(root, "ar").read_text(encoding="utf-8")
    write(root, "content/ar/2019/05/notepad.md.txt", text)


EDITS: dict[str, Callable[[Path], None]] = {
    "nothing": lambda root: None,
    "a translated block emptied": _empty_a_translated_block,
    "an Arabic paragraph edited": _edit_an_arabic_paragraph,
    "an article added": _add_an_article,
    "an article deleted, its gloss left": _delete_an_article_leaving_its_gloss,
    "an article broken": _break_an_article,
    "a photo shown that is not there": _show_a_photo_that_is_not_there,
    "Arabic pasted into an English block": _paste_arabic_into_an_english_block,
    "an entity added": _add_an_entity,
    "a warning of the last build": _write_a_note_in_an_article_and_build,
    "the registry broken": _break_the_registry,
    "an article saved as .md.txt": _save_an_article_under_another_ending,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_status_after_a_build_says_what_reading_every_file_says(
    archive: Path, edit: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    edit(archive)
    recorded = _status(archive, capsys)
    assert recorded == _status_reading_every_file(archive, capsys)
    failing = (
        _break_an_article,
        _break_the_registry,
        _delete_an_article_leaving_its_gloss,
        _save_an_article_under_another_ending,
        _show_a_photo_that_is_not_there,
    )
    assert (recorded[0] == 1) == (edit in failing), recorded


def test_after_a_build_status_reads_only_what_changed(archive: Path) -> None:
    """The build's rows are used (the answer is not None) and are the rows of every article;
    an emptied block changes its article's row, and only it."""
    found = recorded_progress(archive, site_today(archive))
    assert found is not None
    rows, problems = found
    articles = sorted((archive / "content/ar").rglob("*.md"))
    assert len(rows) == len(articles) and problems == ()
    before = {row.story: row.done for row in rows}
    _empty_a_translated_block(archive)
    after = recorded_progress(archive, site_today(archive))
    assert after is not None
    changed = {row.story for row in after[0] if row.done != before[row.story]}
    story = _gloss_of_an_article(archive).relative_to(archive / "content/en").with_suffix("")
    assert changed == {story.as_posix()}


def test_without_a_build_status_reads_every_file(project: Path) -> None:
    assert recorded_progress(project, site_today(project)) is None
    shutil.rmtree(project / "content/en")
    assert recorded_progress(project, site_today(project)) is None


def test_json_totals_add_up_after_an_edit(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_a_translated_block(archive)
    code, out, _ = _status(archive, capsys)
    data = json.loads(out)
    assert code == 0
    assert data["totals"]["glossed"] == sum(a["glossed"] for a in data["articles"])


def test_after_an_incremental_build_status_still_says_what_every_file_says(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rows of an article edited since the last full build come from the snapshot's
    newer views (an incremental build patched it)."""
    _edit_an_arabic_paragraph(archive)
    assert build_archive(archive).written is not None  # patched in place: an edit's build
    _empty_a_translated_block(archive)
    recorded = _status(archive, capsys)
    assert json.loads(recorded[1])["totals"]["stale"] >= 1
    assert recorded == _status_reading_every_file(archive, capsys)
