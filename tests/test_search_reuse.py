"""A full build keeps the previous site's bundles of search parts whose pages did not change
(build/searchreuse.py), and indexes the others with the real Pagefind."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsarchive.build import searchparts, searchreuse
from newsarchive.build.engine import build

from .conftest import write

BASE = "https://example.github.io/repo/"


def _write(project: Path, date: str, slug: str, text: str) -> None:
    body = f'---\ntitle: "{slug}"\ndate: "{date}"\n---\n{text}\n'
    write(project, f"content/ar/{date[:4]}/{date[5:7]}/{slug}.md", body)


def _inodes(part: Path) -> dict[str, int]:
    return {p.relative_to(part).as_posix(): p.stat().st_ino for p in part.rglob("*") if p.is_file()}


def _contents(part: Path) -> str:
    """Every page text the part's bundle holds."""
    return " ".join(
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
        for f in (part / "fragment").iterdir()
    )


def _full_build(project: Path) -> Path:
    """A full build (a new article makes one), with search, over the existing site."""
    done = build(project, project / "site", BASE, search=True)
    assert done.written is None  # a new folder swapped in
    return project / "site"


@pytest.fixture
def indexed(project: Path) -> Path:
    """The demo (2020) and an article of 2019, built with search."""
    _write(project, "2019-05-01", "older", "خبر عن البصرة")
    build(project, project / "site", BASE, search=True)
    return project


def test_a_full_build_keeps_unchanged_parts_and_indexes_changed_ones(
    indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searchparts, "SPLIT_FROM", 1)  # 2019 by month once it has two
    _write(indexed, "2019-06-01", "june", "خبر عن الأنبار")
    site = _full_build(indexed)
    kept = ("2019-06-ar", "2020-ar", "2020-en")
    before = {part: _inodes(site / "pagefind" / part) for part in kept}
    # A new article (a full build) and, with it, an edit of the May article's text: its
    # part has the same pages, with other bytes.
    _write(indexed, "2019-08-01", "newer", "خبر عن كربلاء")
    _write(indexed, "2019-05-01", "older", "خبر عن الموصل")
    site = _full_build(indexed)
    for part, inodes in before.items():  # the same files: no Pagefind run for them
        assert _inodes(site / "pagefind" / part) == inodes
    assert "الموصل" in _contents(site / "pagefind/2019-05-ar")
    assert "البصرة" not in _contents(site / "pagefind/2019-05-ar")
    assert "كربلاء" in _contents(site / "pagefind/2019-08-ar")
    manifest = json.loads((site / "pagefind/parts.json").read_text(encoding="utf-8"))
    names = ["2020-en", "2020-ar", "2019-08-ar", "2019-06-ar", "2019-05-ar"]
    assert [p["name"] for p in manifest["parts"]] == names


def test_the_first_article_of_a_new_year_indexes_that_year_alone(indexed: Path) -> None:
    """No page shows the list of years, so a new year's first article (every 1 January of a
    living archive) leaves the other years' pages, and so their search parts, as they were."""
    site = indexed / "site"
    before = {part: _inodes(site / "pagefind" / part) for part in ("2019-ar", "2020-ar", "2020-en")}
    old_page = (site / "ar/2019/05/older/index.html").read_bytes()
    _write(indexed, "2021-01-01", "new-year", "خبر عن الناصرية")
    site = _full_build(indexed)
    assert (site / "ar/2019/05/older/index.html").read_bytes() == old_page
    for part, inodes in before.items():
        assert _inodes(site / "pagefind" / part) == inodes, part
    assert "الناصرية" in _contents(site / "pagefind/2021-ar")


def test_a_part_behind_its_pages_or_made_by_another_pagefind_is_indexed_again(
    indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = indexed / "site"
    manifest = site / "pagefind/parts.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**listed, "updating": ["2020-en"]}), encoding="utf-8")
    before = {part: _inodes(site / "pagefind" / part) for part in ("2020-en", "2020-ar")}
    _write(indexed, "2019-08-01", "newer", "خبر عن كربلاء")
    site = _full_build(indexed)
    assert _inodes(site / "pagefind/2020-ar") == before["2020-ar"]
    assert set(_inodes(site / "pagefind/2020-en").values()).isdisjoint(before["2020-en"].values())

    kept = _inodes(site / "pagefind/2020-ar")
    monkeypatch.setattr(searchreuse, "pagefind_version", lambda: "0.0.1")
    _write(indexed, "2019-09-01", "newest", "خبر عن النجف")
    site = _full_build(indexed)
    assert set(_inodes(site / "pagefind/2020-ar").values()).isdisjoint(kept.values())
