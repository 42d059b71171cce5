"""The build cache's look at every input file: across workers (as for a big archive) it
finds what one process finds, and it notices every kind of change."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from newsarchive.build import cache, inputfiles
from newsarchive.core.hosts import NOTHING

OPTIONS = {"base_url": None}


def _tree(root: Path) -> None:
    """Articles in several years and months, glosses, a registry and templates."""
    for year in (2019, 2020, 2021):
        for month in ("01", "06", "12"):
            for lang, count in (("ar", 5), ("en", 2)):
                folder = root / "content" / lang / str(year) / month
                folder.mkdir(parents=True)
                for n in range(count):
                    (folder / f"story-{n}.md").write_text(f"{lang} {year} {month} {n}\n")
    (root / "content" / "entities.yaml").write_text("entities: []\n")
    (root / "templates" / "static").mkdir(parents=True)
    (root / "templates" / "base.html").write_text("<html></html>\n")
    (root / "templates" / "static" / "site.css").write_text("body {}\n")
    (root / "content" / "ar" / "2020" / "06" / "__pycache__").mkdir()  # never an input


def _state(root: Path, last: cache.Record | None, workers: bool) -> cache.Inputs:
    with pytest.MonkeyPatch.context() as patch:
        if workers:
            patch.setattr(inputfiles, "PARALLEL_FROM", 0)
            patch.setenv("NEWSARCHIVE_WORKERS", "2")
        else:
            patch.setenv("NEWSARCHIVE_WORKERS", "1")
        return cache.input_state(root, root / "templates", OPTIONS, last)


def _recorded(inputs: cache.Inputs, saved_ns: int) -> cache.Record:
    """The record a build of these inputs leaves, as if saved at saved_ns."""
    return replace(inputs.record([1, 2, 3], 0, (), "", NOTHING), saved_ns=saved_ns)


def _both(root: Path, last: cache.Record | None) -> cache.Inputs:
    serial = _state(root, last, workers=False)
    parallel = _state(root, last, workers=True)
    assert parallel == serial
    assert parallel.files_key == cache._files_key(parallel.files)  # as from scratch
    return parallel


def test_the_parts_cover_every_file_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    folders = [("content/", str(tmp_path / "content")), ("templates/", str(tmp_path / "templates"))]
    everything = inputfiles._tasks(folders, 1)
    split = inputfiles._tasks(folders, 16)
    assert len(split) >= 16  # a year's folder, not content/ar, is a part
    names = [name for task in split for name, *_ in inputfiles._walk(*task)]
    assert len(names) == len(set(names)) == 3 * 3 * 7 + 3
    assert sorted(names) == sorted(n for task in everything for n, *_ in inputfiles._walk(*task))
    assert not [n for n in names if "__pycache__" in n]


def test_workers_find_what_one_process_finds(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = _both(tmp_path, None)  # no record: every file read
    assert len(first.files) == 3 * 3 * 7 + 3 + len(list(cache.PACKAGE.rglob("*.py")))
    # recorded well after the files were written: their stats can be trusted
    last = _recorded(first, max(s[0] for s in first.files.values()) + 10 * cache.RACY_NS)

    same = _both(tmp_path, last)
    assert same.key == first.key
    assert all(same.files[name] is last.files[name] for name in last.files)  # not re-read

    article = tmp_path / "content/ar/2020/06/story-1.md"
    os.utime(article)  # saved again, same bytes: read again, same key
    touched = _both(tmp_path, last)
    name = "content/ar/2020/06/story-1.md"
    assert touched.key == first.key and touched.files[name] != last.files[name]

    article.write_text("changed\n")
    changed = _both(tmp_path, last)
    assert changed.key != first.key

    (tmp_path / "content/en/2019/12/story-0.md").unlink()  # a file gone...
    gone = _both(tmp_path, last)
    assert gone.key not in (first.key, changed.key)
    assert "content/en/2019/12/story-0.md" not in gone.files

    (tmp_path / "content/ar/2021/01/story-9.md").write_text("new\n")  # ...and one added
    both = _both(tmp_path, last)
    assert len(both.files) == len(first.files)  # as many files as before, not the same
    assert "content/en/2019/12/story-0.md" not in both.files
    assert "content/ar/2021/01/story-9.md" in both.files
    assert both.key != gone.key
