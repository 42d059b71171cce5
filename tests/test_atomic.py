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
from newsarchive.content.atomic import replace_file, replacing

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


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.*")}


def test_a_full_rebuild_keeps_the_files_that_did_not_change(project: Path, tmp_path: Path) -> None:
    """Adding an article rebuilds the site in full; the pages it does not change are the
    previous site's files (no bytes written, none freed when the old site is deleted), and
    the site is what a build from nothing makes."""
    site = project / "site"
    build(project, site, search=False)
    before, old_bytes = _inodes(site), snapshot(site)
    _grow(project, 2)
    build(project, site, search=False)
    after, new_bytes = _inodes(site), snapshot(site)
    kept = {name for name, inode in after.items() if before.get(name) == inode}
    same = {name for name, data in new_bytes.items() if old_bytes.get(name) == data}
    assert kept == same - {".newsarchive-build"}  # the marker tells one build from another
    demo_page = "ar/" + DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md") + "/index.html"
    assert {demo_page, "static/css/site.css"} <= kept
    assert "ar/index.html" not in kept  # the home lists the new year
    build(project, tmp_path / "cold", search=False)
    assert snapshot(site) == snapshot(tmp_path / "cold")


def test_writing_over_a_linked_file_leaves_the_other_name_whole(tmp_path: Path) -> None:
    """A new site's file may be a link to the replaced site's: writing that path again
    must replace the file, not write into the one both names share."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "page.html").write_bytes(b"the old page")
    output.write_files(
        tmp_path / "new",
        [output.OutputFile("page.html", b"the old page")],
        replacing=tmp_path / "old",
    )
    assert (tmp_path / "new" / "page.html").stat().st_ino == (
        tmp_path / "old" / "page.html"
    ).stat().st_ino
    output.write_files(tmp_path / "new", [output.OutputFile("page.html", b"a new page")])
    assert (tmp_path / "old" / "page.html").read_bytes() == b"the old page"
    assert (tmp_path / "new" / "page.html").read_bytes() == b"a new page"


def test_a_file_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    """content.atomic, the one writer of files that may exist already (a gloss, the build's
    record, a patched page): a write that fails half-way leaves the old file and no
    temporary file; one that ends replaces it, and a hard link to the old file keeps it."""
    target = tmp_path / "record"
    target.write_bytes(b"old")
    os.link(target, tmp_path / "linked")
    with pytest.raises(OSError), replacing(target) as out:
        out.write(b"half")
        raise OSError(errno.ENOSPC, "disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linked", "record"]
    replace_file(target, b"new")
    assert target.read_bytes() == b"new" and (tmp_path / "linked").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linked", "record"]


def test_a_page_an_edit_replaces_stays_readable_by_the_web_server(project: Path) -> None:
    """A page a warm build replaced in place was private to its owner (0600, as a temporary
    file is made): a web server reading site/ as another user answered 403 for it."""
    mask = os.umask(0o022)
    try:
        build(project, project / "site", search=False)
        article = project / "content" / DEMO_ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أضافها المحرر.\n")
        build(project, project / "site", search=False)
    finally:
        os.umask(mask)
    page = project / "site" / DEMO_ARTICLE.removesuffix(".md") / "index.html"
    assert "فقرة أضافها المحرر" in page.read_text(encoding="utf-8")
    private = sorted(
        str(f.relative_to(project / "site"))
        for f in (project / "site").rglob("*")
        if f.is_file() and f.stat().st_mode & 0o044 != 0o044
    )
    assert private == []


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    """A gloss shared by a team (group-writable) stays so when `gloss` rewrites it."""
    target = tmp_path / "gloss.md"
    target.write_bytes(b"old")
    target.chmod(0o664)
    replace_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o664


def test_private_pages_an_older_build_left_are_made_readable(project: Path) -> None:
    """An older build left the pages it replaced private (0600), and later builds linked
    them into each new site as they were: those pages stayed unreadable to the web server
    until their text changed."""
    mask = os.umask(0o022)
    try:
        build(project, project / "site", search=False)
        kept = project / "site" / DEMO_ARTICLE.removesuffix(".md") / "index.html"
        listed = project / "site/ar/entities/index.html"
        for page in (kept, listed):
            page.chmod(0o600)
        write(  # a new article: a full build, which links the pages that did not change
            project,
            "content/ar/2021/03/new.md",
            '---\ntitle: "خبر جديد"\ndate: "2021-03-14"\n---\n\nنص الخبر.\n',
        )
        build(project, project / "site", search=False)
    finally:
        os.umask(mask)
    assert (project / "site/ar/2021/03/new/index.html").is_file()
    assert kept.stat().st_mode & 0o777 == 0o644
    assert listed.stat().st_mode & 0o777 == 0o644
