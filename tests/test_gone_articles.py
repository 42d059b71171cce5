"""An article's file renamed or deleted by hand takes its published addresses away: the
build after says so once, naming the file and the addresses, and for a rename gives the
`moved_from` line that keeps the old address answering (test_moved_addresses.py: `move`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE

OLD = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")  # 2020/11/coalition-…
NEW = "2020/11/coalition-forces-renamed"


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    assert main(["build", "--no-search", "--root", str(root)]) == 0  # a warning, not an error
    said = capsys.readouterr()
    return said.out, said.err


def _rename(root: Path, story: str, new: str) -> None:
    for lang in ("ar", "en"):
        (root / "content" / lang / f"{story}.md").rename(root / "content" / lang / f"{new}.md")


def test_an_article_renamed_by_hand_is_told_once_with_the_line_that_keeps_its_address(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(project, capsys)
    _rename(project, OLD, NEW)
    out, err = _build(project, capsys)
    assert "1 warning(s)" in out
    assert err.startswith(f"content/ar/{NEW}.md:1: warning: ")
    assert f"content/ar/{OLD}.md, which is gone" in err
    assert f"(ar/{OLD}/ and en/{OLD}/)" in err
    assert '"page not found"' in err
    line = re.search(r"`(moved_from: \[.*?\])`", err)
    assert line is not None and line[1] == f'moved_from: ["{OLD}"]', err
    assert not (project / "site" / "ar" / OLD).exists()  # it was not made up for
    # Not said again: the next build has nothing to say.
    assert _build(project, capsys)[1] == ""
    # The line given, added, brings the old address back, leading to the renamed article.
    article = project / "content" / "ar" / f"{NEW}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n---\n", f"\n{line[1]}\n---\n", 1), encoding="utf-8")
    out, err = _build(project, capsys)
    assert (err, "0 warning(s)" in out) == ("", True)
    for lang in ("ar", "en"):
        html = (project / "site" / lang / OLD / "index.html").read_text(encoding="utf-8")
        assert f'url=/{lang}/{NEW}/"' in html


def test_an_article_deleted_is_told_once_and_a_later_rename_names_its_earlier_address(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(project, capsys)
    moving = ["move", f"content/ar/{OLD}.md", "--slug", "moved-once"]
    assert main([*moving, "--root", str(project)]) == 0
    _build(project, capsys)
    moved = "2020/11/moved-once"
    for lang in ("ar", "en"):
        (project / "content" / lang / f"{moved}.md").unlink()
    out, err = _build(project, capsys)
    assert "1 warning(s)" in out
    assert f"content/ar/{moved}.md:1: warning: content/ar/{moved}.md is gone, " in err
    assert f"(ar/{moved}/ and en/{moved}/; and ar/{OLD}/, which led to it)" in err
    assert "Deleted on purpose: nothing is to do." in err
    # Were it renamed, the line would keep both its addresses.
    assert f'`moved_from: ["{OLD}", "{moved}"]`' in err
    assert not (project / "site" / "ar" / moved).exists()
    assert not (project / "site" / "ar" / OLD).exists()
    assert "warning" not in _build(project, capsys)[1]  # said once
