"""English that readers do not get as English is a warning of the build at its block: an
orphan's (its Arabic paragraph deleted: no page shows it, and the build said 0 warnings) and
a block mostly in Arabic script (pasted in as a reminder: counted as translated, shown on
the English page and searched as English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE

ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")


def _build(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    return capsys.readouterr().err


def test_a_translated_paragraph_deleted_leaves_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "warning" not in _build(project, capsys)
    file = project / ARABIC
    lines = file.read_text(encoding="utf-8").split("\n")
    second = next(i for i, line in enumerate(lines) if line.startswith("وذكرت مصادر صحفية"))
    del lines[second : second + 2]
    file.write_text("\n".join(lines), encoding="utf-8")
    assert (
        f"{ENGLISH}:15: warning: p2 holds English of a paragraph the article no longer has (an "
        "orphan): no page shows it; move the English you need into the block of the paragraph"
    ) in _build(project, capsys)


def test_arabic_in_an_english_block_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = project / ENGLISH
    text = file.read_text(encoding="utf-8")
    english = "International press sources reported"
    start = text.index(english)
    end = text.index("\n", start)
    reminder = "وذكرت مصادر صحفية دولية أن الجيش الأمريكي نقل آليات (to do)"
    file.write_text(text[:start] + reminder + text[end:], encoding="utf-8")
    assert (
        f"{ENGLISH}:15: warning: p2 is mostly Arabic script, yet counts as translated and "
        "shows on the English page: write its English, or empty the block to leave it pending"
    ) in _build(project, capsys)
    # English naming an Arabic name or two is English.
    file.write_text(text.replace(english, "وكالة الأنباء العراقية " + english), encoding="utf-8")
    assert "mostly Arabic" not in _build(project, capsys)
