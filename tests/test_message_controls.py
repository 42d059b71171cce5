"""Messages quote a user's keys, file names and values with their control characters
written out (`<U+001B>`): raw, an ESC cleared the terminal and a line feed followed by
`::error file=…` forged a GitHub Actions annotation. A file name holding one is itself an
error. Real builds and commands, their output as a terminal or CI log receives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import add_registry_entry, snapshot, write

FORGED = "::error file=README.md,line=1::forged"


def _raw_controls(text: str) -> list[str]:
    """The control characters of printed text, but the line feeds ending its lines."""
    return [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


def test_a_registry_key_with_escape_and_a_line_feed_is_quoted_escaped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = add_registry_entry(
        project,
        f'- id: hostile\n  type: other\n  ar: ["كيان"]\n  "x\\e[2J\\n{FORGED}": 1\n',
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"content/entities.yaml:{line + 3}: error:" in err
    assert f"x<U+001B>[2J<U+000A>{FORGED}" in err
    assert _raw_controls(err) == []
    assert not any(printed.startswith("::") for printed in err.splitlines())


@pytest.mark.parametrize(
    ("name", "shown", "code"),
    [
        ("ar/2020/11/a\x1b[2Jb.md", "ar/2020/11/a<U+001B>[2Jb.md", "U+001B"),
        (f"ar/2020/11/x\n{FORGED}.md", f"ar/2020/11/x<U+000A>{FORGED}.md", "U+000A"),
        ("media/photo\x07.png", "media/photo<U+0007>.png", "U+0007"),
        ("ar/20\x1b20", "ar/20<U+001B>20", "U+001B"),  # a folder
    ],
)
def test_a_file_name_with_a_control_character_is_an_error_shown_escaped(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, shown: str, code: str
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    before = snapshot(project / "site")
    if "." in name.rsplit("/", 1)[-1]:
        write(project, f"content/{name}", '---\ntitle: "خبر"\ndate: "2020-11-05"\n---\n\nنص.\n')
    else:
        (project / "content" / name).mkdir(parents=True)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    expected = (
        f"content/{shown}:1: error: this name holds a control character ({code}), which no "
        "page address or message can show: rename it"
    )
    assert expected in err
    assert _raw_controls(err) == []
    assert snapshot(project / "site") == before
    assert main(["gloss", "--root", str(project)]) == 1  # a command that writes content/
    err = capsys.readouterr().err
    assert expected in err and _raw_controls(err) == []


def test_a_site_toml_key_with_escape_is_quoted_escaped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = project / "content/site.toml"
    site.write_text(site.read_text(encoding="utf-8") + '"a\\u001bb" = 1\n', encoding="utf-8")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "a<U+001B>b" in err and _raw_controls(err) == []
