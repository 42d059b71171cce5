"""Control characters from Word and other tools: `import` ends a paragraph at a manual line
break (U+000B) or a line or paragraph separator and drops the other control characters; a
content file that holds one is an error at its line (pages cannot hold them: the build had
written them into the HTML, where browsers show nothing or a box)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.importer import import_article

from .conftest import DEMO_ARTICLE, snapshot, write


def test_import_ends_a_paragraph_at_a_manual_line_break_and_drops_other_controls() -> None:
    raw = "بغداد/ شفق نيوز/ أعلنت الوزارة\x0bاليوم عن خطة.\nوقال المتحدث\u2028إن العمل\x07 مستمر.\n"
    article = import_article(raw, "2026-12-01", slug="w")
    assert article.paragraphs == (
        "أعلنت الوزارة",
        "اليوم عن خطة.",
        "وقال المتحدث",
        "إن العمل مستمر.",
    )
    assert not any(ord(c) < 32 and c != "\n" for c in article.markdown)


@pytest.mark.parametrize(
    ("char", "message"),
    [
        (
            "\x0b",
            "a control character (U+000B, Word's manual line break) is on this line, "
            "which pages cannot show: put a line break in its place",
        ),
        (
            "\x07",
            "a control character (U+0007) is on this line, which pages cannot show: delete it",
        ),
        ("\x85", "a control character (U+0085) is on this line"),
    ],
)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_control_character_is_an_error_at_its_line(
    project: Path, char: str, message: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    before = snapshot(project / "site")
    rel = DEMO_ARTICLE.replace("ar/", f"{lang}/", 1)
    file = project / "content" / rel
    lines = file.read_text(encoding="utf-8").split("\n")
    lines[-3] = f"نص{char}آخر"
    write(project, f"content/{rel}", "\n".join(lines))
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert f"content/{rel}:{len(lines) - 2}: error: {message}" in capsys.readouterr().err
    assert snapshot(project / "site") == before
