"""Viewed pages first: the page a browser shows is written and reloaded before the rest."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.pages.environment import PACKAGE_TEMPLATES
from newsarchive.serve.loop import Preview
from newsarchive.serve.server import DevServer, LiveState

from .conftest import DEMO_ARTICLE, snapshot
from .webtools import running_preview

BASE = "https://example.github.io/repo/"
VIEWED = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"
LISTS = ("ar/index.html", "ar/2020/11/index.html", "ar/entities/donald-trump/index.html")
OLD_TITLE = "التحالف الدولي: نقل قوات أمريكية"
NEW_TITLE = "عنوان عدّله المحرر للتو"
SWAP_COUNTER = "document.addEventListener('newsarchive:swapped', () => window.__swapped())"


def _retitle(root: Path) -> None:
    file = root / "content" / DEMO_ARTICLE
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace(f'title: "{OLD_TITLE}', f'title: "{NEW_TITLE}', 1), "utf-8")


def _full_build(root: Path, tmp: Path) -> dict[str, bytes]:
    clean = tmp / "fresh"
    shutil.copytree(root / "content", clean / "content")
    build(clean, clean / "site", BASE, search=False)
    return snapshot(clean / "site")


def test_viewed_page_is_written_before_the_rest_and_the_end_equals_a_full_build(
    project: Path, tmp_path: Path
) -> None:
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    _retitle(project)
    lots: list[tuple[tuple[str, ...], dict[str, bytes]]] = []
    done = preview.rebuild([VIEWED], lambda paths: lots.append((paths, snapshot(project / "site"))))
    (first, folder), (rest, _) = lots
    assert first == (VIEWED,)
    assert NEW_TITLE.encode() in folder[VIEWED]
    for path in LISTS:  # the lists showing the title were not rewritten yet
        assert OLD_TITLE.encode() in folder[path] and NEW_TITLE.encode() not in folder[path]
        assert path in rest
    assert VIEWED not in rest  # written once, before the rest
    assert done.result.written == first + rest
    live = snapshot(project / "site")
    full = _full_build(project, tmp_path)
    assert sorted(p for p in live.keys() | full.keys() if live.get(p) != full.get(p)) == []


def test_a_template_edit_renders_everything_before_publishing(project: Path) -> None:
    """No early write when templates changed: a template error must leave the folder as it was."""
    shutil.copytree(PACKAGE_TEMPLATES, project / "templates")
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-x", 1), "utf-8")
    calls: list[tuple[str, ...]] = []
    done = preview.rebuild([VIEWED], calls.append)
    assert calls == [] and done.everything
    assert b"data-x" in (project / "site" / VIEWED).read_bytes()


def test_only_browsers_showing_a_changed_page_reload() -> None:
    state = LiveState()
    state.bump(False)  # the first build: everything
    a, b = "ar/index.html", "ar/x/index.html"
    assert state.browser_state(a)["reload_epoch"] == state.browser_state(b)["reload_epoch"] == 1
    state.bump(False, [a])
    assert (
        state.browser_state(a)["reload_epoch"] == 2 and state.browser_state(b)["reload_epoch"] == 1
    )
    state.bump(False, ["static/css/site.css"])
    assert state.browser_state(b)["reload_epoch"] == 1 and state.browser_state(b)["css_epoch"] == 3
    assert state.browser_state(None)["reload_epoch"] == 2  # an unknown page reloads on any change


@pytest.fixture
def live(project: Path) -> Iterator[tuple[DevServer, list[str]]]:
    log: list[str] = []
    with running_preview(project, BASE, log.append) as server:
        yield server, log


@pytest.mark.browser
def test_viewed_page_reloads_first_in_chromium(  # type: ignore[no-untyped-def]
    project: Path, live: tuple[DevServer, list[str]], page
) -> None:
    server, log = live
    swaps: list[int] = []  # in-place updates by the live client, counted across any reload
    page.expose_function("__swapped", lambda: swaps.append(1))
    page.add_init_script(SWAP_COUNTER)
    page.goto(server.url + VIEWED.removesuffix("index.html"))
    deadline = time.monotonic() + 5
    while server.state.viewed() != [VIEWED]:  # the page's event stream names the page
        assert time.monotonic() < deadline
        time.sleep(0.02)
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    _retitle(project)
    page.wait_for_function(f"document.querySelector('h1')?.innerText.includes({NEW_TITLE!r})")
    while not any(x.startswith("rebuilt in") for x in log[1:]):
        assert time.monotonic() < deadline + 10
        time.sleep(0.02)
    assert any(x.startswith("pages written after") for x in log)
    time.sleep(0.3)
    # updated once (in place, or by a reload), not again by the rest of the rebuild
    assert len(loads) + len(swaps) == 1, (loads, swaps, log)
    assert page.locator("h1").count() == 1
    assert NEW_TITLE in page.inner_text("h1") and OLD_TITLE not in page.inner_text("h1")
