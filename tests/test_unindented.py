"""Pages are written without the templates' indentation (environment.Unindented), and a
browser renders them as it renders the indented ones: no white space between two words or
elements is lost, only the indentation after a line break."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build import cache
from newsarchive.pages import environment

from .conftest import fresh_build

BASE = "https://example.github.io/repo/"


def test_every_page_renders_as_with_the_indentation(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unindented = fresh_build(project, tmp_path / "unindented", BASE)
    monkeypatch.setattr(environment.Unindented, "preprocess", lambda self, source, *_: source)
    monkeypatch.setattr(cache, "COMPILED_CODE", "indented")  # not the templates compiled above
    indented = fresh_build(project, tmp_path / "indented", BASE)
    pages = [path for path in indented if path.endswith(".html")]
    assert len(pages) > 50 and indented.keys() == unindented.keys()
    for path in pages:
        before, after = indented[path].decode(), unindented[path].decode()
        assert re.sub(r"\s+", " ", after) == re.sub(r"\s+", " ", before), path
    saved = sum(len(indented[path]) - len(unindented[path]) for path in pages)
    assert saved > 50 * len(pages)
