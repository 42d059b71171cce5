"""The site publishes the files of content/media/ that some page shows or links, and only
those: a photo that only a deleted article showed, or the old file of a photo replaced under
a new name, leaves site/ (a removal for a legal reason must remove), and the build notes each
file it leaves out at its path. An edit build leaves the site a cold build makes (real
builds and the command line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, REPO, fresh_build, png, snapshot, write

BASE = "https://example.github.io/repo/"
OTHER = "ar/2020/10/other.md"
GLOSS = DEMO_ARTICLE.replace("ar/", "en/", 1)
NOTE = "note: not published: no article uses it"


def _append(root: Path, rel: str, line: str) -> None:
    file = root / "content" / rel
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(f"{text}\n\n{line}\n", encoding="utf-8")


def _project(root: Path) -> Path:
    """The demo, an article of October showing `only.png` and `shared.png`, the demo article
    showing `shared.png` too and its gloss linking `report.pdf`; `old.png` used by none."""
    shutil.copytree(REPO / "content", root / "content")
    for name, size in (("only", (12, 8)), ("shared", (20, 10)), ("old", (30, 30))):
        write(root, f"content/media/2020/{name}.png", "").write_bytes(png(*size))
    write(root, "content/media/2020/report.pdf", "%PDF-1.4\n")
    write(
        root,
        f"content/{OTHER}",
        '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\nنص الخبر.\n\n'
        "![صورة وحيدة](../../../media/2020/only.png)\n\n"
        "![صورة مشتركة](/media/2020/shared.png)\n",
    )
    _append(root, DEMO_ARTICLE, "![صورة مشتركة](../../../media/2020/shared.png)")
    gloss = root / "content" / GLOSS
    english = gloss.read_text(encoding="utf-8")
    linked = "routine movements.\n\nThe [report](../../../media/2020/report.pdf).\n"
    gloss.write_text(english.replace("routine movements.\n", linked, 1), encoding="utf-8")
    return root


def _media(root: Path) -> set[str]:
    return {p.relative_to(root / "site").as_posix() for p in (root / "site/media").rglob("*.*")}


def test_only_the_files_pages_use_are_published_and_the_others_noted_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    assert main(["build", "--root", str(root), "--no-search", "--base-url", BASE]) == 0
    assert _media(root) == {"media/2020/only.png", "media/2020/shared.png", "media/2020/report.pdf"}
    err = capsys.readouterr().err
    assert err.count(f"content/media/2020/old.png:1: {NOTE}") == 1
    assert err.count(NOTE) == 1
    # A build with nothing to do says it again: the file is still left out.
    assert main(["build", "--root", str(root), "--no-search", "--base-url", BASE]) == 0
    assert capsys.readouterr().err.count(f"content/media/2020/old.png:1: {NOTE}") == 1


def test_deleting_the_only_article_showing_a_photo_takes_the_photo_off_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    build(root, root / "site", BASE, search=False)
    (root / "content" / OTHER).unlink()
    assert main(["build", "--root", str(root), "--no-search", "--base-url", BASE]) == 0
    assert "media/2020/only.png" not in _media(root)
    assert "media/2020/shared.png" in _media(root)  # the demo article shows it too
    assert f"content/media/2020/only.png:1: {NOTE}" in capsys.readouterr().err
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASE)


@pytest.mark.parametrize("file", [OTHER, GLOSS])
def test_an_edit_that_drops_the_last_link_to_a_file_takes_it_off_and_back(
    tmp_path: Path, file: str
) -> None:
    """The photo's last article, or the PDF's gloss paragraph, edited without it: the file
    leaves the site as a cold build leaves it out; linked again, it comes back."""
    root = _project(tmp_path)
    build(root, root / "site", BASE, search=False)
    path = root / "content" / file
    before = path.read_text(encoding="utf-8")
    gone = "media/2020/only.png" if file == OTHER else "media/2020/report.pdf"
    line = next(line for line in before.split("\n") if gone in line)
    path.write_text(before.replace(line, "نص آخر." if file == OTHER else "Other text."), "utf-8")
    build(root, root / "site", BASE, search=False)
    assert gone not in _media(root)
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASE)
    path.write_text(before, encoding="utf-8")
    build(root, root / "site", BASE, search=False)
    assert gone in _media(root)
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASE)


def test_a_file_no_page_uses_replaced_stays_off_the_site(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build(root, root / "site", BASE, search=False)
    (root / "content/media/2020/old.png").write_bytes(png(31, 31))
    (root / "content/media/2020/only.png").write_bytes(png(13, 9))
    result = build(root, root / "site", BASE, search=False)
    assert result.written is not None  # patched in place
    assert "media/2020/old.png" not in _media(root)
    assert (root / "site/media/2020/only.png").read_bytes() == png(13, 9)
    assert [w.path for w in result.warnings] == ["content/media/2020/old.png"]
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASE)
