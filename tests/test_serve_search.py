"""The dev server keeps search current: after an edit it re-indexes only that year's part."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .conftest import DEMO_ARTICLE, indexed_text, write
from .webtools import running_preview

OLDER = "content/ar/2019/05/older-story.md"
NEW_WORD = "البرمائي"


def _wait_for(log: list[str], line: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while line not in log:
        assert time.monotonic() < deadline, (line, log)
        time.sleep(0.05)


def _stamps(folder: Path) -> dict[Path, tuple[int, int]]:
    """Each file's inode and mtime: a re-indexed part is a new folder of new files."""
    return {f: (f.stat().st_ino, f.stat().st_mtime_ns) for f in folder.rglob("*") if f.is_file()}


def _edit(file: Path, change: Callable[[str], str]) -> None:
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


def test_an_edit_reindexes_only_its_year_while_serving(project: Path) -> None:
    write(project, OLDER, '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nخبر عن العراق.\n')
    log: list[str] = []
    with running_preview(project, log=log.append, search=True):
        _wait_for(log, "search index updated: every year")
        bundle = project / "site" / "pagefind"
        assert NEW_WORD not in indexed_text(bundle / "2020-ar")
        before = _stamps(bundle / "2019-ar")
        _edit(
            project / "content" / DEMO_ARTICLE,
            lambda t: f"{t.rstrip()}\n\nوصل الزورق {NEW_WORD}.\n",
        )
        _wait_for(log, "search index updated: 2020-en, 2020-ar")
        assert NEW_WORD in indexed_text(bundle / "2020-ar")
        assert _stamps(bundle / "2019-ar") == before  # the other year was not indexed again
        assert (bundle / "parts.json").read_text(encoding="utf-8").count('"2019-ar"') == 1
