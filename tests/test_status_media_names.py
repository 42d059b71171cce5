"""`status` says what a build says of the names of content/media/: a file the site must not
publish (an SVG, a phone's HEIC photo), a name Windows cannot hold, one naming a removed
entry. Before, an editor saw `status` pass and the build fail on the same folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import add_registry_entry, write

ENTRY = "- id: sara-al-juburi\n  type: person\n  ar: [سارة الجبوري]\n  en: Sara al-Juburi\n"
REMOVED = '  removed: "court order 45/2026, 2026-12-07"\n'
BAD_MEDIA = ("media/drawing.svg", "media/phone.heic", "media/2021/jubouri_court.jpg")


def _errors(root: Path, command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """The exit code and the errors named at media files."""
    capsys.readouterr()
    code = main([command, "--root", str(root), *(["--no-search"] if command == "build" else [])])
    err = capsys.readouterr().err.splitlines()
    return code, sorted(line for line in err if line.startswith("content/media/"))


@pytest.mark.parametrize("recorded", [True, False], ids=["after-a-build", "no-build-record"])
def test_status_names_the_media_files_a_build_refuses(
    project: Path, capsys: pytest.CaptureFixture[str], recorded: bool
) -> None:
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    if not recorded:
        shutil.rmtree(project / ".cache")
    add_registry_entry(project, ENTRY + REMOVED)
    for name in BAD_MEDIA:
        write(project / "content", name, "not shown anywhere yet")
    status = _errors(project, "status", capsys)
    assert [line.split(":", 1)[0] for line in status[1]] == sorted(
        f"content/{n}" for n in BAD_MEDIA
    )
    assert status == _errors(project, "build", capsys)
    assert status[0] == 1
