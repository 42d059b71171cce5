"""`entities find` over files and folders; `--entity` audits one entity's names across the
archive: each mention with the name that found it and its words around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import add_registry_entry

ARTICLE = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"


def test_entities_find_audits_one_entity_across_files_and_folders(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every mention of the entity, with the name that found it and its words around, then
    how often each name found it: the 15 في of the demo article are plain to see."""
    add_registry_entry(project, "- id: ali-hussein\n  type: person\n  ar: [علي حسين, في]\n")
    second = project / "content/ar/2021/01/second.md"
    second.parent.mkdir(parents=True)
    second.write_text('---\ntitle: "في بغداد"\ndate: 2021-01-01\n---\n\nقال علي حسين.\n', "utf-8")
    folder = str(project / "content/ar")
    args = ["entities", "find", folder, "--root", str(project), "--entity", "ali-hussein"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 16
    assert f"{folder}/2020/11/coalition-us-forces-syria-iraq.md:17:32\tفي\tوأكد على بقاء " in out
    assert "القوات الأمريكية «في» سوريا وان تحرك جزء من القوات…\n" in out
    assert lines[-1] == f"{second}:6:5\tعلي حسين\tقال «علي حسين»."  # not the title's في
    assert "entities find: 'ali-hussein' found 16 time(s) in 2 file(s): علي حسين 1, في 15" in err
    assert main([*args, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["name"] for row in rows} == {"في", "علي حسين"}
    assert {row["file"] for row in rows} == {
        f"{folder}/2020/11/coalition-us-forces-syria-iraq.md",
        str(second),
    }


def test_entities_find_takes_several_files_and_says_which_it_cannot_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, missing = str(project / ARTICLE), str(project / "content/ar/missing.md")
    empty = project / "content/ar/empty"
    empty.mkdir()
    args = ["entities", "find", article, missing, str(empty), "--root", str(project)]
    assert main(args) == 1  # the readable file's mentions are still listed
    out, err = capsys.readouterr()
    assert f"{article}:7:5\tglobal-coalition\tالتحالف الدولي\n" in out
    assert f"{missing}:1: error: cannot read: No such file or directory" in err
    assert f"{empty}:1: error: no .md or .txt file in this folder" in err
    assert main(["entities", "find", article, "--root", str(project), "--entity", "trump"]) == 1
    err = capsys.readouterr().err
    assert "entities find: no entity has the id 'trump' (did you mean 'donald-trump'?)" in err
