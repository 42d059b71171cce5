"""Bidi controls that make text read other than it is (real builds): an override in an
address (`https://files.example/<RLO>fdp.exe` reads `…/exe.pdf`) or one left open in a
headline, a byline or a source's name (it reaches past its field) is an error at its line;
isolates are kept where each is closed on its line, as pasted hashtags have them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.importer import import_article

from .conftest import DEMO_ARTICLE, add_registry_entry, snapshot, write

RLO, RLI, PDI, LRM = "\u202e", "\u2067", "\u2069", "\u200e"
SPOOF = f"https://files.example/{RLO}fdp.exe"
ARTICLE = "content/ar/2020/11/spoof.md"


def _article(front: str, body: str = "نص الخبر.") -> str:
    return f'---\ntitle: "خبر"\ndate: "2020-11-05"\n{front}---\n\n{body}\n'


def _fails(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What a build that must fail says; the site left as it was."""
    before = snapshot(project / "site")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert snapshot(project / "site") == before
    return capsys.readouterr().err


@pytest.fixture
def built(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    capsys.readouterr()
    return project


@pytest.mark.parametrize(
    ("front", "body", "line", "expected"),
    [
        (
            "",
            f"[التقرير]({SPOOF})",
            6,
            "error: an invisible bidi control, U+202E (RIGHT-TO-LEFT OVERRIDE), is on this "
            "line: it turns round or re-embeds the text after it, past its own field, so "
            "readers could see other than what is written ('<U+202E>fdp.exe' shows as "
            "'exe.pdf'); delete it: pages set Arabic and Latin apart themselves",
        ),
        (
            "",
            f"التقرير في https://files.example/report{LRM}.pdf كاملاً",
            6,
            "error: the address 'https://files.example/report<U+200E>.pdf' holds an invisible "
            "bidi control, U+200E (LEFT-TO-RIGHT MARK), which makes it read other than where "
            "it leads ('…/<U+202E>fdp.exe' reads '…/exe.pdf'): delete it",
        ),
        (
            "",
            f"[التقرير](https://files.example/{RLI}fdp.exe{PDI})",
            6,
            "error: the address 'https://files.example/<U+2067>fdp.exe<U+2069>' holds an "
            "invisible bidi control, U+2067 (RIGHT-TO-LEFT ISOLATE)",
        ),
        (
            f'source:\n  name: "وكالة"\n  original_url: "https://a.example/{RLI}x{PDI}"\n',
            "نص.",
            6,
            "error: 'original_url': the address 'https://a.example/<U+2067>x<U+2069>' holds "
            "an invisible bidi control",
        ),
        (f'author: "محمد {RLO}علي"\n', "نص.", 4, "error: an invisible bidi control, U+202E"),
        (
            f'source:\n  name: "{RLI}Reuters"\n',
            "نص.",
            5,
            "error: an invisible U+2067 (RIGHT-TO-LEFT ISOLATE) on this line is not closed by "
            "U+2069 (POP DIRECTIONAL ISOLATE) on it, so it would set apart all that follows "
            "it, past its own field: close it or delete it",
        ),
    ],
)
def test_a_bidi_control_that_spoofs_is_an_error_at_its_line(
    built: Path,
    capsys: pytest.CaptureFixture[str],
    front: str,
    body: str,
    line: int,
    expected: str,
) -> None:
    write(built, ARTICLE, _article(front, body))
    assert f"{ARTICLE}:{line}: {expected}" in _fails(built, capsys)


def test_an_override_left_open_in_a_headline_is_an_error(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (built / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
    write(built, "content/" + DEMO_ARTICLE, text.replace('title: "', f'title: "{RLO}', 1))
    assert f"content/{DEMO_ARTICLE}:2: error: an invisible bidi control" in _fails(built, capsys)


def test_an_override_in_an_entity_name_is_an_error_at_its_line(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = add_registry_entry(
        built, f'- id: spoofed\n  type: other\n  ar: ["كيان"]\n  en: "Entity {RLO}gnp.exe"\n'
    )
    err = _fails(built, capsys)
    assert f"content/entities.yaml:{line + 3}: error: an invisible bidi control, U+202E" in err


def test_isolates_closed_on_their_line_are_kept(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pasted hashtag or name set apart by its isolates (as social sites copy them)."""
    write(built, ARTICLE, _article(f'author: "{RLI}محمد علي{PDI}"\n', f"وسم {RLI}#العراق{PDI}."))
    assert main(["build", "--root", str(built), "--no-search"]) == 0
    page = (built / "site/ar/2020/11/spoof/index.html").read_text(encoding="utf-8")
    assert f"{RLI}#العراق{PDI}" in page and f"{RLI}محمد علي{PDI}" in page


def test_import_drops_the_embeddings_word_pastes_around_arabic() -> None:
    raw = "بغداد/ شفق نيوز/ \u202bأعلنت الوزارة اليوم\u202c عن خطة.\nوقال المتحدث إن العمل مستمر.\n"
    article = import_article(raw, "2026-12-01", slug="w")
    assert article.paragraphs[0] == "أعلنت الوزارة اليوم عن خطة."
    assert not set(article.markdown) & set("\u202a\u202b\u202c\u202d\u202e")
