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
    how often each name found it: the 15 في of the demo article are plain to see, and the
    one of a title, which pages show."""
    add_registry_entry(project, "- id: ali-hussein\n  type: person\n  ar: [علي حسين, في]\n")
    second = project / "content/ar/2021/01/second.md"
    second.parent.mkdir(parents=True)
    second.write_text('---\ntitle: "في بغداد"\ndate: 2021-01-01\n---\n\nقال علي حسين.\n', "utf-8")
    folder = str(project / "content/ar")
    args = ["entities", "find", folder, "--root", str(project), "--entity", "ali-hussein"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 17
    assert f"{folder}/2020/11/coalition-us-forces-syria-iraq.md:17:32\tفي\tوأكد على بقاء " in out
    assert "القوات الأمريكية «في» سوريا وان تحرك جزء من القوات…\n" in out
    assert lines[-2] == f'{second}:2:9\tفي\ttitle: "«في» بغداد"'
    assert lines[-1] == f"{second}:6:5\tعلي حسين\tقال «علي حسين»."
    assert "entities find: 'ali-hussein' found 17 time(s) in 2 file(s): علي حسين 1, في 16" in err
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


COURT_CASE = """---
title: "Baghdad court hears the case of Sarah al-Jubouri"
---

<!-- gloss p1 1582f73d -->
<!-- ar: نظرت محكمة في بغداد في قضية المواطنة سارة الجبوري. -->

A Baghdad court heard the case of citizen Sara al-Juburi, accused of theft.

<!-- gloss p2 3824df2a -->

Al-Jabouri's lawyer said he was sure of it; Sarajevo and Jabr are other names.
"""


def test_entities_find_audits_english_spellings_of_a_name_to_remove(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name a court orders removed is written in the glosses as translators spelled it:
    `--entity` lists each spelling that transliterates as the registry's English name
    (title, text, and the Arabic the gloss quotes), and not an ordinary word of its shape."""
    entry = "- id: sara-al-jubouri\n  type: person\n  ar: [سارة الجبوري]\n  en: Sarah al-Jubouri\n"
    add_registry_entry(project, entry)
    gloss = project / "content/en/2021/03/court-case.md"
    gloss.parent.mkdir(parents=True)
    gloss.write_text(COURT_CASE, "utf-8")
    args = ["entities", "find", str(gloss), "--root", str(project), "--entity", "sara-al-jubouri"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f'{gloss}:2:41\tSarah al-Jubouri\t…"Baghdad court hears the case of «Sarah al-Jubouri»"',
        f"{gloss}:6:47\tسارة الجبوري\t…محكمة في بغداد في قضية المواطنة «سارة الجبوري». -->",
        f"{gloss}:8:43\tSarah al-Jubouri\t…court heard the case of citizen «Sara al-Juburi», accused of theft.",
        f"{gloss}:12:4\tSarah al-Jubouri\tAl-«Jabouri»'s lawyer said he was sure of…",
    ]  # not `sure`, `Sarajevo` nor `Jabr`
    assert "found 4 time(s) in 1 file(s): سارة الجبوري 1, Sarah al-Jubouri 3" in err
