"""`gloss` over the whole archive: checked first, then written article by article in workers,
so that its memory does not grow with the archive (5.3 GB at 100,000 articles, when every
article was read, parsed and matched before the first gloss was written)."""

from __future__ import annotations

import shutil
import sys
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import REPO, snapshot, write

sys.path.insert(0, str(REPO / "bench"))
from make_corpus import make_corpus

NOTHING_CHANGED = "gloss: fix the errors above first; no gloss file was changed"
ARTICLES = 240  # above MIN_PARALLEL: two workers take them


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    make_corpus(ARTICLES, root)
    return root


def _copy(generated: Path, target: Path) -> Path:
    shutil.copytree(generated / "content", target / "content")
    return target


def _run(capsys: pytest.CaptureFixture[str], root: Path, *names: str) -> tuple[int, str, str]:
    code = main(["gloss", "--root", str(root), *names])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_whole_archive_gets_the_files_and_lines_of_every_article_named(
    generated: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workers: str,
) -> None:
    # `gloss content/ar` names every article: found by name, not by the walk over content/.
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", workers)
    whole = _copy(generated, tmp_path / "whole")
    named = _copy(generated, tmp_path / "named")
    for _ in range(2):  # created and updated, then unchanged
        got = _run(capsys, whole)
        assert got == _run(capsys, named, "content/ar")
        assert snapshot(whole / "content") == snapshot(named / "content")
    code, out, _ = got
    assert code == 0
    assert out.splitlines()[-3] == f"0 created, 0 updated, {ARTICLES} unchanged"
    assert out.splitlines()[-2].startswith(
        "outdated, the Arabic changed since they were translated"
    )


@pytest.mark.parametrize(
    ("rel", "text", "message"),
    [
        ("ar/2022/12/story-last.md", '---\ntitle: "unclosed\n---\n\nنص.\n', "content/ar/2022/12"),
        ("en/2013/01/story-00000.md", "---\ntitle: x\nstatus: done\n---\n", "'status' must be"),
        ("en/2013/01/story-0000.md", "---\n---\n", "no Arabic article at content/ar/2013/01"),
        ("ar/2013/01/story-00000.md.txt", "نص.\n", "this article is not read"),
    ],
    ids=["last article", "a gloss", "stray gloss", "misnamed"],
)
def test_an_error_anywhere_stops_it_before_any_file_is_written(
    generated: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rel: str,
    text: str,
    message: str,
) -> None:
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    root = _copy(generated, tmp_path)
    write(root, f"content/{rel}", text)
    before = snapshot(root / "content")
    code, out, err = _run(capsys, root)
    assert (code, out) == (1, "")
    assert message in err
    assert err.splitlines()[-1] == NOTHING_CHANGED
    assert snapshot(root / "content") == before


def test_a_stray_gloss_is_named_with_the_article_it_seems_to_belong_to(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy(generated, tmp_path)
    gloss = root / "content/en/2013/01/story-00000.md"
    moved = root / "content/en/2013/02/story-00000.md"  # no such article
    moved.parent.mkdir(exist_ok=True)
    gloss.rename(moved)
    code, _, err = _run(capsys, root)
    assert code == 1
    assert (
        "content/en/2013/02/story-00000.md:1: error: no Arabic article at "
        "content/ar/2013/02/story-00000.md for this gloss; it seems to belong to "
        "content/ar/2013/01/story-00000.md"
    ) in err


def test_two_articles_of_the_same_name_in_two_unicode_forms_stop_it(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "ar/2020/11/إعلان.md"
    article = '---\ntitle: "إعلان"\ndate: "2020-11-01"\n---\n\nنص الإعلان.\n'
    write(project, f"content/{unicodedata.normalize('NFC', name)}", article)
    write(project, f"content/{unicodedata.normalize('NFD', name)}", article)
    before = snapshot(project / "content")
    code, _, err = _run(capsys, project)
    assert code == 1
    # Said of the file names, before any article is read: macOS and Windows show one file.
    assert "this name differs only by case (or Unicode form) from 'إعلان.md' beside it" in err
    assert snapshot(project / "content") == before


def _peak(root: Path, capsys: pytest.CaptureFixture[str]) -> int:
    tracemalloc.start()
    try:
        assert main(["gloss", "--root", str(root)]) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        capsys.readouterr()


def test_its_memory_does_not_grow_with_the_archive_s_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process (one worker), where every allocation is traced. Reading every article
    # before writing took 49 KB an article; what is kept of each now is its paths, 2 KB.
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    peaks = []
    for count in (20, 50, 250):  # the first one: modules imported, caches filled
        make_corpus(count, tmp_path / str(count))
        peaks.append(_peak(tmp_path / str(count), capsys))
    assert (peaks[2] - peaks[1]) / 200 < 8_000
