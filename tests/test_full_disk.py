"""A build that cannot write its output (a full disk) says which file and why, in plain
words, and exits 1, keeping the previous site whole; it used to end in a traceback.

A full disk cannot be made without root (a small file system must be mounted), so the build
runs under a limit on the size of each file it writes (RLIMIT_FSIZE, with SIGXFSZ ignored):
the kernel then refuses the write past it with EFBIG ("File too large") in the same system
call that a full disk refuses with ENOSPC, so the build meets the same OSError at the same
place, only with another reason."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from newsarchive.build.engine import build

from .conftest import REPO, snapshot

LIMIT = 4096  # bytes a file: every page is bigger, the build's small files are not


def _build_on_a_full_disk(project: Path) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(project)]
    return subprocess.run(
        [*command, "--no-search", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limited,
    )


def test_a_build_that_cannot_write_names_the_file_and_keeps_the_site(project: Path) -> None:
    site = project / "site"
    build(project, site, search=False)
    article = next((project / "content" / "ar").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخيرة.\n", "utf-8")
    page = f"ar/{article.parent.parent.name}/{article.parent.name}/{article.stem}/index.html"

    patched = _build_on_a_full_disk(project)  # an edit, patched in place
    assert patched.returncode == 1
    assert patched.stderr == f"error: cannot write {site / page}: File too large\n"
    before = snapshot(site)  # the pages the patch wrote before it, whole, and the rest

    assert not (project / ".cache" / "build.pickle").exists()  # so the next is a full build
    full = _build_on_a_full_disk(project)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    assert full.stderr.startswith(f"error: cannot write {site}/"), full.stderr  # not the
    assert full.stderr.endswith(": File too large\n")  # temporary folder, which is gone
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert snapshot(site) == before  # the previous site, whole

    rebuilt = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(project), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "فقرة أخيرة" in (site / page).read_text(encoding="utf-8")
