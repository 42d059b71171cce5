"""Incremental rebuilds: after any sequence of edits the served folder equals a fresh full build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.diagnostics import BuildFailed
from newsarchive.entities import Entity
from newsarchive.incremental import same
from newsarchive.pipeline import PACKAGE_TEMPLATES, build
from newsarchive.preview import Preview

from .conftest import DEMO_ARTICLE, snapshot

BASE = "https://example.github.io/repo/"


def _full_build(root: Path, tmp: Path) -> dict[str, bytes]:
    out = tmp / "full"
    shutil.rmtree(out, ignore_errors=True)
    build(root, out, BASE, search=False)
    return snapshot(out)


def _assert_same_as_full(preview: Preview, root: Path, tmp: Path) -> None:
    live = snapshot(preview.site.out_dir)
    full = _full_build(root, tmp)
    differ = sorted(p for p in live.keys() | full.keys() if live.get(p) != full.get(p))
    assert not differ, f"incremental and full builds differ in {differ[:5]}"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _move_to_december(root: Path, rel: str) -> None:
    (root / "content/ar/2020/12").mkdir()
    moved = "content/ar/2020/12/second-story.md"
    (root / rel).rename(root / moved)
    _edit(root, moved, "2020-11-20", "2020-12-01")


def test_edit_sequence_matches_full_build(project: Path, tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_TEMPLATES, project / "templates")
    article = "content/" + DEMO_ARTICLE
    second = "content/ar/2020/11/second-story.md"
    preview = Preview(project, project / "site", BASE, search=False)
    total = preview.rebuild().rendered
    (project / second).write_text(
        '---\ntitle: "خبر ثان"\ndate: "2020-11-20"\n---\n\nقال دونالد ترامب إن القوات باقية.\n',
        encoding="utf-8",
    )
    steps: list[Callable[[], object]] = [
        lambda: _edit(project, second, "إن القوات باقية", "إن القوات ستغادر سوريا"),  # body
        lambda: _edit(project, second, "خبر ثان", "عنوان جديد"),  # title
        lambda: _move_to_december(project, second),  # a date change moves the file
        lambda: _edit(project, "content/entities.yaml", "en: Donald Trump", "en: D. Trump"),
        lambda: _edit(
            project, "content/entities.yaml", "ar: [دونالد ترامب,", "ar: [دونالد ترامب, القوات,"
        ),
        lambda: (project / "content/ar/2020/12/second-story.md").unlink(),  # deletion
        lambda: _edit(project, "templates/base.html", "<body>", '<body class="edited">'),
        lambda: _edit(project, article, "\n---\n", "\n---\nفقرة أولى جديدة.\n\n"),
    ]
    for step in steps:
        step()
        done = preview.rebuild()
        _assert_same_as_full(preview, project, tmp_path)
    assert done.rendered < total, "an article edit re-rendered every page"


def test_body_edit_rerenders_only_pages_that_show_it(project: Path) -> None:
    other = "content/ar/2019/05/other-story.md"
    (project / other).parent.mkdir(parents=True)
    (project / other).write_text(
        '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nنص قديم.\n', "utf-8"
    )
    preview = Preview(project, project / "site", BASE, search=False)
    first = preview.rebuild()
    _edit(project, other, "نص قديم.", "نص جديد.")
    second = preview.rebuild()
    # its pages and the lists showing it; not the other article nor entity pages
    assert 0 < second.rendered <= 10 < first.rendered  # 5 pages in each language
    assert "ar/2019/05/other-story/index.html" in second.changes.written
    assert not any("entities/" in p or "static/" in p for p in second.changes.written)
    assert preview.rebuild().changes.written == ()  # nothing changed: nothing rewritten


def test_failed_rebuild_keeps_last_good_site(project: Path) -> None:
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    before = snapshot(project / "site")
    _edit(project, "content/" + DEMO_ARTICLE, 'title: "', 'title: [broken "')
    with pytest.raises(BuildFailed) as failed:
        preview.rebuild()
    assert failed.value.diagnostics[0].path == "content/" + DEMO_ARTICLE
    assert snapshot(project / "site") == before


def test_same_ignores_the_registry_line_only() -> None:
    a = Entity("x", "person", ("س",), "X", None, None, None, 3)
    assert same([a], [Entity("x", "person", ("س",), "X", None, None, None, 9)])
    assert not same([a], [Entity("x", "person", ("س",), "Y", None, None, None, 3)])
