"""The dev server keeps search in step with the site: every edit that reaches a page reaches its
Pagefind part (edits close together, around a broken save, beside `build --no-search`), only
that year's part is indexed again, and the search page finds each edit once the server is idle."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.build.searchmap import EVERYWHERE
from newsarchive.serve.server import DevServer

from .conftest import DEMO_ARTICLE, REPO, indexed_text, write
from .webtools import running_preview

OLDER = "content/ar/2019/05/older-story.md"
WORDS = ("البرمائي", "الزمردية", "القرنفلية", "الفسيفسائية")  # in no article of the demo


def _rebuilds(log: list[str]) -> int:
    return sum(line.startswith(("rebuilt in", "build failed")) for line in log)


def _idle(server: DevServer, log: list[str], quiet: float = 1.5, seconds: float = 90) -> None:
    """Wait until the server has built and then heard of no change for `quiet` seconds."""
    deadline = time.monotonic() + seconds
    seen, since = (len(log), server.state.epoch), time.monotonic()
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, log
        time.sleep(0.05)
        now = (len(log), server.state.epoch)
        if now != seen:
            seen, since = now, time.monotonic()


def _stamps(folder: Path) -> dict[Path, tuple[int, int]]:
    """Each file's inode and mtime: a re-indexed part is a new folder of new files."""
    return {f: (f.stat().st_ino, f.stat().st_mtime_ns) for f in folder.rglob("*") if f.is_file()}


def _edit(file: Path, change: Callable[[str], str]) -> None:
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


def _add_word(project: Path, word: str) -> None:
    _edit(project / "content" / DEMO_ARTICLE, lambda t: f"{t.rstrip()}\n\nوصل الزورق {word}.\n")


@pytest.fixture
def served(project: Path) -> Iterator[tuple[DevServer, list[str], Path]]:
    write(project, OLDER, '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nخبر عن العراق.\n')
    log: list[str] = []
    with running_preview(project, log=log.append, search=True) as server:
        yield server, log, project


def test_an_edit_reindexes_only_its_year_while_serving(
    served: tuple[DevServer, list[str], Path],
) -> None:
    server, log, project = served
    bundle = project / "site" / "pagefind"
    assert WORDS[0] not in indexed_text(bundle / "2020-ar")
    before = _stamps(bundle / "2019-ar")
    english = _stamps(bundle / "2020-en")
    done = _rebuilds(log)
    _add_word(project, WORDS[0])
    _idle(server, log)
    assert _rebuilds(log) > done
    assert WORDS[0] in indexed_text(bundle / "2020-ar")
    assert _stamps(bundle / "2019-ar") == before  # the other year was not indexed again
    manifest = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
    assert [part["name"] for part in manifest["parts"]].count("2019-ar") == 1
    assert "updating" not in manifest
    # The edited part is left out of the word map until a rebuild, so searched for any word.
    assert sorted(manifest["maps"]["ar"].values()) == ["2019-ar", EVERYWHERE]
    # The English page changed (a pending paragraph more) but not its search record: its
    # part was not indexed again, and its language's map still names it.
    assert _stamps(bundle / "2020-en") == english
    assert list(manifest["maps"]["en"].values()) == ["2020-en"]


def _found(page, server: DevServer, word: str) -> int:  # type: ignore[no-untyped-def]
    """How many results the preview's search page lists for a word."""
    page.goto(f"{server.url}ar/search/?q={quote(word)}")
    page.wait_for_function(  # a count, not "loading search", "searching", a hint or "behind"
        "(() => { const t = JSON.parse(document.querySelector('.search-strings').textContent);"
        " const s = document.querySelector('.search-status').textContent.trim();"
        " return s && ![t.opening, t.loading, t.hint, t.behind].includes(s); })()",
        timeout=60000,
    )
    return int(page.locator(".search-results .search-result").count())


@pytest.mark.browser
def test_edits_close_together_around_a_broken_save_and_beside_a_no_search_build_are_found(  # type: ignore[no-untyped-def]
    served: tuple[DevServer, list[str], Path], page
) -> None:
    server, log, project = served
    article = project / "content" / DEMO_ARTICLE
    _add_word(project, WORDS[0])
    time.sleep(1.5)  # a second save while the first one's build may still be indexing
    _add_word(project, WORDS[1])
    _idle(server, log)
    good = article.read_text(encoding="utf-8")
    _add_word(project, WORDS[2])
    time.sleep(0.5)  # then, within a second, a save that breaks the build
    article.write_text(good.replace('title: "', 'title: [broken "', 1), encoding="utf-8")
    _idle(server, log)
    assert server.state.errors
    article.write_text(f"{good.rstrip()}\n\nوصل الزورق {WORDS[2]}.\n", encoding="utf-8")  # fixed
    _idle(server, log)
    assert not server.state.errors
    for word in WORDS[:3]:
        assert _found(page, server, word) == 1, word
    cli = [sys.executable, str(REPO / "build.py"), "build", "--root", str(project), "--quiet"]
    subprocess.run([*cli, "--no-search"], check=True, timeout=120)  # beside the server
    _add_word(project, WORDS[3])
    _idle(server, log, quiet=2.0)  # the server built its own options again (with search)
    assert (project / "site/pagefind/parts.json").is_file()
    for word in WORDS:
        assert _found(page, server, word) == 1, word
