"""Interrupted builds: disk full or a killed process never damages the previous site/."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsarchive.build import output
from newsarchive.build.engine import build

from .conftest import DEMO_ARTICLE, REPO, snapshot, write


def _grow(project: Path, count: int) -> None:
    """Add `count` copies of the demo article so a build takes a while."""
    text = (project / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
    for number in range(count):
        write(
            project,
            f"content/ar/2019/{1 + number % 12:02d}/copy-{number}.md",
            text.replace('"2020-11"', f'"2019-{1 + number % 12:02d}"'),
        )


def test_disk_full_keeps_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, project / "site", search=False)
    before = snapshot(project / "site")
    _grow(project, 5)
    written = 0
    real_write = output.write_new

    def filling_disk(target: Path, data: bytes) -> None:
        nonlocal written
        written += 1
        if written > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(target, data)

    monkeypatch.setattr(output, "write_new", filling_disk)
    with pytest.raises(OSError, match="No space"):
        build(project, project / "site", search=False)
    monkeypatch.undo()
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-*"))


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1])
def test_killed_build_leaves_a_whole_site_and_the_next_build_is_correct(
    project: Path, tmp_path: Path, delay: float
) -> None:
    build(project, project / "site", search=False)
    before = snapshot(project / "site")
    _grow(project, 120)
    expected_dir = tmp_path / "expected"
    build(project, expected_dir, search=False)
    expected = snapshot(expected_dir)
    process = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--root",
            str(project),
            "--no-search",
            "--quiet",
        ],
        start_new_session=True,
    )
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after_kill = snapshot(project / "site")
    assert after_kill in (before, expected), "site/ is neither the old nor the new build"
    build(project, project / "site", search=False)
    assert snapshot(project / "site") == expected
    assert not list(project.glob(".site-*"))
