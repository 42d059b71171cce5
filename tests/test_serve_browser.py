"""Live preview in Chromium: a saved edit shows by itself; a broken file shows an overlay."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import DEMO_ARTICLE, seed_paragraphs, with_template_change
from .webtools import running_preview

pytestmark = pytest.mark.browser
BASE = "https://example.github.io/repo/"


@pytest.fixture
def live_url(project: Path) -> Iterator[str]:
    with running_preview(project, BASE) as server:
        yield server.url


def _save(file: Path, text: str) -> None:
    """Save like an editor: write a temporary file, then rename it over the original."""
    tmp = file.with_name(f".{file.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(file)


def test_edit_reloads_page_and_errors_show_overlay(project: Path, live_url: str, page) -> None:  # type: ignore[no-untyped-def]
    article = project / "content" / DEMO_ARTICLE
    original = article.read_text(encoding="utf-8")
    last = seed_paragraphs()[-1]
    page.goto(live_url + "ar/2020/11/coalition-us-forces-syria-iraq/")
    page.wait_for_function("document.querySelector('.body') !== null")
    time.sleep(0.2)  # the event stream is connected
    edited = original.replace(last, last + " فقرة عدّلها المحرر الآن.")
    started = time.monotonic()
    _save(article, edited)
    page.wait_for_function("document.querySelector('.body')?.innerText.includes('عدّلها المحرر')")
    assert time.monotonic() - started < 3

    _save(article, edited.replace('title: "', 'title: [broken "', 1))
    overlay = page.locator("#newsarchive-live-errors")
    overlay.wait_for(state="visible")
    assert f"content/{DEMO_ARTICLE}:" in overlay.inner_text()
    assert "[broken" in overlay.locator("pre").inner_text()
    assert "عدّلها المحرر" in page.inner_text(".body")  # the last good page is still there
    page.reload()  # and is still what the server serves, with the overlay on top
    overlay.wait_for(state="visible")
    assert "عدّلها المحرر" in page.inner_text(".body")

    _save(article, original)
    overlay.wait_for(state="detached")
    page.wait_for_function(
        "document.querySelector('.body')?.innerText.includes('عدّلها المحرر') === false"
    )


def test_a_first_build_that_fails_shows_why_and_the_page_loads_once_fixed(  # type: ignore[no-untyped-def]
    project: Path, page
) -> None:
    """No site was built yet: the overlay says so and where the template is wrong, over the
    server's "not built yet" page; fixed, the article loads by itself."""
    templates = project / "templates"
    line = with_template_change(templates, "article.html", "t.published", "t.publishd")
    with running_preview(project, BASE, first_built=False) as server:
        page.goto(server.url + "ar/2020/11/coalition-us-forces-syria-iraq/")
        overlay = page.locator("#newsarchive-live-errors")
        overlay.wait_for(state="visible")
        text = overlay.inner_text()
        assert "no site has been built yet; this page loads once the errors are fixed" in text
        assert "last good site" not in text
        assert (
            f"templates/article.html:{line}: template error: the template asks for t.publishd"
            in text
        )
        assert "t.publishd" in overlay.locator("pre").inner_text()  # the template's lines
        article = templates / "article.html"
        _save(article, article.read_text(encoding="utf-8").replace("t.publishd", "t.published"))
        page.wait_for_function("document.querySelector('.body') !== null")
        overlay.wait_for(state="detached")


def test_css_change_swaps_stylesheet_without_reload(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from newsarchive.pages.environment import PACKAGE_TEMPLATES

    shutil.copytree(PACKAGE_TEMPLATES, project / "templates")
    with running_preview(project, BASE) as server:
        page.goto(server.url + "ar/")
        page.evaluate("window.__marker = 1")
        time.sleep(0.2)
        css = project / "templates/static/css/site.css"
        _save(
            css, css.read_text(encoding="utf-8") + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"
        )
        page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'")
        assert page.evaluate("window.__marker") == 1  # same document: not reloaded


def test_edit_swaps_the_article_in_place_keeping_scroll_and_the_parallel_toggle(  # type: ignore[no-untyped-def]
    project: Path, live_url: str, page
) -> None:
    """No full reload for an article edit: the body is swapped, scripts keep working."""
    article = project / "content" / DEMO_ARTICLE
    original = article.read_text(encoding="utf-8")
    last = seed_paragraphs()[-1]
    page.set_viewport_size({"width": 800, "height": 300})
    page.goto(live_url + "ar/2020/11/coalition-us-forces-syria-iraq/")
    page.evaluate("window.__marker = 1; window.scrollTo(0, 200)")
    time.sleep(0.2)  # the event stream is connected
    _save(article, original.replace(last, last + " جملة أضيفت في مكانها."))
    page.wait_for_function("document.querySelector('.body')?.innerText.includes('أضيفت في مكانها')")
    assert page.evaluate("window.__marker") == 1  # the same document: swapped, not reloaded
    assert page.evaluate("document.body.innerText.split('أضيفت في مكانها').length") == 2
    assert page.locator("h1").count() == 1  # the old body is gone, not kept beside the new
    assert page.evaluate("window.scrollY") == 200
    toggle = page.locator(".parallel-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()  # the page's own script works on the new body
    assert toggle.get_attribute("aria-pressed") == "true"
    page.locator(".parallel-gloss >> nth=0").wait_for(state="visible")
    _save(article, original)  # and the next edit is swapped in too
    page.wait_for_function("!document.body.innerText.includes('أضيفت في مكانها')")
    assert page.evaluate("window.__marker") == 1


def test_a_new_stylesheet_in_the_head_falls_back_to_a_full_reload(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """A body swap cannot apply a changed <head>: the page reloads instead."""
    import shutil

    from newsarchive.pages.environment import PACKAGE_TEMPLATES

    shutil.copytree(PACKAGE_TEMPLATES, project / "templates")
    with running_preview(project, BASE) as server:
        page.goto(server.url + "ar/2020/11/coalition-us-forces-syria-iraq/")
        page.evaluate("window.__marker = 1")
        time.sleep(0.2)
        base = project / "templates/base.html"
        style = "<style>body { outline: 3px solid rgb(4, 5, 6); }</style></head>"
        _save(base, base.read_text(encoding="utf-8").replace("</head>", style, 1))
        page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(4, 5, 6)'")
        assert page.evaluate("window.__marker") is None  # a new document: reloaded
        assert page.locator("h1").count() == 1


def test_templates_copied_in_while_serving_are_used_and_watched(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """The editors' guide says: copy the shipped templates into the project to customise them.
    Done while `serve` runs, the copy is built with and its edits show, as do its removal's."""
    import shutil

    from newsarchive.pages.environment import PACKAGE_TEMPLATES

    from .conftest import IGNORE_COMPILED

    with running_preview(project, BASE) as server:
        page.goto(server.url + "ar/2020/11/coalition-us-forces-syria-iraq/")
        time.sleep(0.2)  # the event stream is connected
        shutil.copytree(PACKAGE_TEMPLATES, project / "templates", ignore=IGNORE_COMPILED)
        time.sleep(0.5)  # the copy is noticed
        base = project / "templates/base.html"
        _save(base, base.read_text(encoding="utf-8").replace("<body", "<body data-own", 1))
        page.wait_for_selector("body[data-own]", timeout=5000)
        shutil.rmtree(project / "templates")  # back to the shipped templates
        page.wait_for_selector("body:not([data-own])", timeout=5000)


def test_seven_tabs_each_load_and_follow_edits(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """A browser keeps six HTTP connections to a host: live-reload streams held one per tab,
    so with six preview tabs open a seventh (or a link followed in any of them) never loaded."""
    shown = ("ar/", "en/", "ar/entities/", "en/entities/", "ar/2020/", "ar/2020/11/")
    article = "ar/2020/11/coalition-us-forces-syria-iraq/"
    with running_preview(project, BASE) as server:
        tabs = [page] + [page.context.new_page() for _ in shown]
        for tab, path in zip(tabs, (*shown, article), strict=True):
            tab.goto(server.url + path, timeout=5000)
        deadline = time.monotonic() + 5
        while len(server.state.viewed()) < len(tabs):  # every tab listens for changes
            assert time.monotonic() < deadline, server.state.viewed()
            time.sleep(0.02)
        file = project / "content" / DEMO_ARTICLE
        last = seed_paragraphs()[-1]
        _save(file, file.read_text(encoding="utf-8").replace(last, last + " سطر التبويب السابع."))
        tabs[-1].wait_for_function(
            "document.querySelector('.body')?.innerText.includes('سطر التبويب السابع')",
            timeout=5000,
        )
        page.locator("a[href$='/ar/entities/']").first.click(timeout=5000)  # a link followed
        page.wait_for_url(server.url + "ar/entities/", timeout=5000)


@contextmanager
def _serve_command(project: Path, port: int) -> Iterator[str]:
    """`build.py serve` as its own process on `port`, until Ctrl-C: yields its address."""
    import os
    import signal
    import subprocess
    import sys

    from .conftest import REPO

    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project),
         "--port", str(port), "--base-url", BASE, "--no-search"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        while "serving" not in (line := process.stdout.readline()):
            assert line, "serve exited early"
        yield f"http://127.0.0.1:{port}/repo/"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)


def test_open_pages_follow_edits_after_the_server_restarts(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """A restarted server counts its builds from 1 again: a page that had seen more builds
    ignored the next edits until the count passed its own."""
    from .webtools import free_port

    port = free_port()
    article = project / "content" / DEMO_ARTICLE
    original = article.read_text(encoding="utf-8")
    last = seed_paragraphs()[-1]
    with _serve_command(project, port) as url:
        page.goto(url + "ar/2020/11/coalition-us-forces-syria-iraq/")
        for n in ("الأول", "الثاني"):
            time.sleep(0.3)  # the page listens again after the last update
            _save(article, original.replace(last, f"{last} التعديل {n}."))
            page.wait_for_function(f"document.body.innerText.includes('التعديل {n}')")
    with _serve_command(project, port):
        time.sleep(1.5)  # the page is connected to the new server
        _save(article, original.replace(last, f"{last} بعد إعادة التشغيل."))
        page.wait_for_function(
            "document.body.innerText.includes('بعد إعادة التشغيل')", timeout=5000
        )
