"""Rebuilds after edits (the dev server's and the command line's, one engine) equal a fresh
full build, byte for byte."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build import inputfiles
from newsarchive.build.cache import CACHE_DIR, CACHE_FILE
from newsarchive.build.engine import build
from newsarchive.serve.loop import Preview

from .conftest import DEMO_ARTICLE, fresh_build, set_per_page, snapshot

BASE = "https://example.github.io/repo/"
GLOSS = "content/en/2020/11/coalition-us-forces-syria-iraq.md"
ARTICLE = "content/" + DEMO_ARTICLE
SECOND = "content/ar/2019/05/other-story.md"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fresh(root: Path, tmp: Path) -> dict[str, bytes]:
    return fresh_build(root, tmp, BASE)


def _differ(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def _steps(root: Path) -> list[Callable[[], object]]:
    """Edits of every kind of input, gloss and registry included."""
    second = '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nقال دونالد ترامب إن القوات باقية.\n'
    return [
        lambda: _edit(root, GLOSS, "The international coalition said", "The coalition said"),
        lambda: _edit(root, GLOSS, "status: draft", "status: reviewed"),
        # the Arabic paragraph changes: its English paragraph becomes outdated
        lambda: _edit(root, ARTICLE, "قال التحالف الدولي", "أعلن التحالف الدولي"),
        # the place and the outlet, shown on both article pages and the lists
        lambda: _edit(root, ARTICLE, 'date: "2020-11"', 'date: "2020-11"\ndateline: "بغداد"'),
        lambda: _edit(root, ARTICLE, 'name: "شفق نيوز"', 'name: "رويترز"'),
        lambda: (root / SECOND).parent.mkdir(parents=True, exist_ok=True),
        lambda: (root / SECOND).write_text(second, encoding="utf-8"),
        lambda: _edit(
            root, SECOND, "القوات باقية.", "القوات باقية.\n\nفقرة ثانية."
        ),  # below excerpt
        lambda: _edit(root, "content/entities.yaml", "en: Donald Trump", "en: D. Trump"),
        lambda: _edit(
            root, "content/entities.yaml", "ar: [دونالد ترامب,", "ar: [دونالد ترامب, القوات,"
        ),
        lambda: (root / GLOSS).unlink(),
        lambda: (root / SECOND).unlink(),
    ]


def test_dev_server_rebuilds_equal_full_builds(project: Path, tmp_path: Path) -> None:
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    written = []
    for step in _steps(project):
        step()
        written.append(preview.rebuild().result.written)
        assert not _differ(snapshot(project / "site"), _fresh(project, tmp_path))
    # gloss edits touch the English article page and the status pages (its year's and the
    # summary); a new article builds in full
    assert written[0] is not None and len(written[0]) <= 4
    assert written[1] is not None and len(written[1]) <= 4
    assert written[6] is None


def test_body_edit_below_the_excerpt_rerenders_only_the_article(project: Path) -> None:
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    text = (project / ARTICLE).read_text(encoding="utf-8")
    (project / ARTICLE).write_text(text.rstrip("\n") + "\n\nفقرة أخيرة جديدة.\n", encoding="utf-8")
    written = preview.rebuild().result.written
    assert written is not None
    pages = [p for p in written if p.endswith(".html")]
    # its article pages, and English lists and status (they count paragraphs); no Arabic list
    # (the excerpt is unchanged) and no entity page (they show only title and date)
    assert "ar/2020/11/coalition-us-forces-syria-iraq/index.html" in pages
    assert not [
        p for p in pages if "entities/" in p or (p.startswith("ar/") and "coalition" not in p)
    ]
    assert len(pages) < 12


@pytest.fixture(params=["one process", "workers"])
def looking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The input files looked at in this process, or across two workers as at 100,000
    articles (inputfiles.PARALLEL_FROM)."""
    if request.param == "workers":
        monkeypatch.setattr(inputfiles, "PARALLEL_FROM", 0)
        monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    return str(request.param)


def test_cli_edit_sequence_equals_full_builds(project: Path, tmp_path: Path, looking: str) -> None:
    out = project / "site"
    build(project, out, BASE, search=False)
    for step in _steps(project):
        step()
        build(project, out, BASE, search=False)
        assert not _differ(snapshot(out), _fresh(project, tmp_path))


def test_a_story_newly_listed_on_an_entity_page_is_kept_up_to_date_there(
    project: Path, tmp_path: Path
) -> None:
    """The pages an edit rendered record what they looked up: a story that now names an
    entity is on its page, and a later edit of its title reaches that page too."""
    out = project / "site"
    _edit(project, "content/entities.yaml", "ar: [دونالد ترامب,", "ar: [دونالد ترامب, خبر,")
    (project / SECOND).parent.mkdir(parents=True)
    (project / SECOND).write_text(
        '---\ntitle: "عنوان أول"\ndate: "2019-05-02"\n---\n\nنص بلا أسماء.\n', encoding="utf-8"
    )
    build(project, out, BASE, search=False)
    steps = [
        lambda: _edit(project, SECOND, "نص بلا أسماء.", "نص فيه خبر."),  # names Trump now
        lambda: _edit(project, SECOND, "عنوان أول", "عنوان ثان"),  # its title, on Trump's page
    ]
    for step in steps:
        step()
        assert build(project, out, BASE, search=False).written is not None  # patched
        assert not _differ(snapshot(out), _fresh(project, tmp_path))
    assert "عنوان ثان" in (out / "ar/entities/donald-trump/index.html").read_text("utf-8")


def test_touch_without_change_is_a_noop_but_a_same_size_edit_builds(
    project: Path, looking: str
) -> None:
    out = project / "site"
    build(project, out, BASE, search=False)
    file = project / ARTICLE
    os.utime(file)  # saved again, same bytes
    assert build(project, out, BASE, search=False).files == 0  # skipped
    text = file.read_text(encoding="utf-8")
    stat = file.stat()
    file.write_text(text.replace("قال التحالف", "قال الائتلاف", 1)[: len(text)], encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: racily clean
    assert build(project, out, BASE, search=False).files > 0
    assert (
        "الائتلاف".encode()
        in (out / "ar/2020/11/coalition-us-forces-syria-iraq/index.html").read_bytes()
    )


def test_cache_files_of_earlier_versions_are_removed(project: Path) -> None:
    cache = project / CACHE_DIR
    cache.mkdir()
    for name in ("build.json", "snapshot.pickle"):  # the formats before this one
        (cache / name).write_text("{}", encoding="utf-8")
    build(project, project / "site", BASE, search=False)
    assert not (cache / "build.json").exists() and not (cache / "snapshot.pickle").exists()
    assert (cache / CACHE_FILE).is_file()


@pytest.mark.parametrize("damage", [b"", b"{", b'{"version": 2, "files": 3}', b"\x00\xff" * 9])
def test_damaged_cache_only_costs_time(project: Path, tmp_path: Path, damage: bytes) -> None:
    out = project / "site"
    build(project, out, BASE, search=False)
    (project / CACHE_DIR / CACHE_FILE).write_bytes(damage)
    _edit(project, ARTICLE, "قال التحالف الدولي", "أعلن التحالف الدولي")
    assert build(project, out, BASE, search=False).files > 0
    assert not _differ(snapshot(out), _fresh(project, tmp_path))


def _paged_steps(root: Path) -> list[Callable[[], object]]:
    """Edits that move articles between an entity's pages, add a page and take one away."""
    third = "content/ar/2020/10/third-story.md"
    return [
        # new articles naming Syria (the demo article does): two pages at two a page
        lambda: (root / SECOND).parent.mkdir(parents=True, exist_ok=True),
        lambda: (root / SECOND).write_text(
            '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nقال مسؤول في سوريا إن القوات باقية.\n',
            encoding="utf-8",
        ),
        lambda: (root / third).parent.mkdir(parents=True, exist_ok=True),
        lambda: (root / third).write_text(
            '---\ntitle: "خبر ثالث"\ndate: "2020-10-05"\n---\n\nزار وفد سوريا.\n', encoding="utf-8"
        ),
        lambda: _edit(root, SECOND, 'title: "خبر"', 'title: "خبر معدل"'),  # on Syria's page 2
        lambda: _edit(root, third, "زار وفد سوريا.", "زار وفد البلاد."),  # a page fewer
        lambda: _edit(root, third, "زار وفد البلاد.", "زار وفد سوريا ثانية."),  # and back
        lambda: _edit(root, third, 'title: "خبر ثالث"', 'title: "خبر ثالث معدل"'),  # page 1
        # the coalition named with Syria once more: the companions on Syria's first page
        # change, though the edited article is on its second
        lambda: _edit(root, SECOND, "القوات باقية.", "القوات باقية مع التحالف الدولي."),
    ]


@pytest.mark.parametrize("builder", ["dev server", "cli"])
def test_rebuilds_of_paged_entity_pages_equal_full_builds(
    project: Path, tmp_path: Path, builder: str
) -> None:
    """Two articles a page: edits that shift, add and remove an entity's pages leave exactly
    what a full build makes (no stale last page, every page in the sitemap)."""
    set_per_page(project, 2)
    out = project / "site"
    preview = Preview(project, out, BASE, search=False)
    rebuild = (
        preview.rebuild
        if builder == "dev server"
        else lambda: build(project, out, BASE, search=False)
    )
    rebuild()
    pages = []
    for step in _paged_steps(project):
        step()
        rebuild()
        now = snapshot(out)
        assert not _differ(now, _fresh(project, tmp_path))
        pages.append(sorted(p for p in now if p.startswith("ar/entities/syria/")))
    assert "ar/entities/syria/page/2/index.html" in pages[3]
    assert "ar/entities/syria/page/2/index.html" not in pages[5]
    assert "ar/entities/syria/page/2/index.html" in pages[6]


def test_an_edit_lists_the_warnings_in_the_order_a_full_build_does(
    project: Path, tmp_path: Path
) -> None:
    """Found by the random edit sequences (tests/test_edit_sequences.py): a name listed twice
    in the registry, then a note line in an article. The patched build listed the article's
    warning before the registry's, a full build the other way round; both go in file order."""
    out = project / "site"
    _edit(project, "content/entities.yaml", "ترمب]", "ترمب, ترامب]")  # Trump's name twice
    build(project, out, BASE, search=False)
    _edit(project, ARTICLE, "\n---\n", "\n---\n<!-- ملاحظة المحرر -->\n\n")
    patched = build(project, out, BASE, search=False)
    assert patched.written is not None  # in place
    shutil.copytree(project / "content", tmp_path / "fresh" / "content")
    full = build(tmp_path / "fresh", tmp_path / "fresh" / "site", BASE, search=False)
    assert [w.path for w in full.warnings] == [ARTICLE, "content/entities.yaml"]
    assert patched.warnings == full.warnings
