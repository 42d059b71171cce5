"""No command overwrites or deletes an editor's file in content/ or seeds/ without being asked."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsarchive.cli import main

from .conftest import REPO, SEED, snapshot


def test_every_command_leaves_user_files_alone(project: Path) -> None:
    shutil.copytree(REPO / "seeds", project / "seeds")
    root = str(project)
    before_content = snapshot(project / "content")
    before_seeds = snapshot(project / "seeds")
    commands = [
        ["build", "--root", root, "--no-search", "--quiet"],
        ["gloss", "--root", root],
        ["status", "--root", root, "--json"],
        ["entities", "find", str(project / "seeds" / SEED.name), "--root", root, "--json"],
        ["entities", "suggest", "--root", root],
        [
            "import",
            str(project / "seeds" / SEED.name),
            "--date",
            "2020-11",
            "--slug",
            "coalition-us-forces-syria-iraq",
            "--root",
            root,
        ],
        ["build", "--root", root, "--no-search", "--quiet"],
    ]
    codes = [main(command) for command in commands]
    assert codes == [0, 0, 0, 0, 0, 0, 0]  # import skips the seed: the demo is its import
    assert snapshot(project / "seeds") == before_seeds
    assert snapshot(project / "content") == before_content  # the demo gloss exists, so nothing new


def test_gloss_only_adds_missing_stubs(project: Path) -> None:
    gloss = project / "content/en/2020/11/coalition-us-forces-syria-iraq.md"
    gloss.unlink()
    before = snapshot(project / "content")
    assert main(["gloss", "--root", str(project)]) == 0
    after = snapshot(project / "content")
    assert set(after) - set(before) == {"en/2020/11/coalition-us-forces-syria-iraq.md"}
    assert {k: v for k, v in after.items() if k in before} == before
