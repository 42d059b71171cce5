"""The golden site: the demo archive built with the real templates, compared file by file.

After an intended change to templates or rendering, run `pytest tests/test_golden.py
--update-golden` and review `git diff tests/golden/` like any other change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, snapshot

GOLDEN = REPO / "tests" / "golden"
BASE_URL = "https://example.github.io/repo/"


def _text_files(folder: Path) -> dict[str, bytes]:
    """The site's own text output; static assets are copies of templates/static/."""
    return {
        path: data
        for path, data in snapshot(folder).items()
        if not path.startswith("static/") and path != ".newsarchive-build"
    }


def test_demo_site_matches_golden(project: Path, request: pytest.FixtureRequest) -> None:
    build(project, project / "site", BASE_URL, search=False)
    built = _text_files(project / "site")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in built.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    golden = _text_files(GOLDEN)
    assert sorted(built) == sorted(golden), (
        "pages added or removed: run with --update-golden and review"
    )
    changed = [path for path in built if built[path] != golden[path]]
    assert not changed, (
        f"pages differ from tests/golden/ (run with --update-golden and review): {changed[:10]}"
    )
