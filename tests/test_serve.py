"""The dev server over real HTTP: path safety, Host check, base path, reload state, Ctrl-C."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.serve.loop import Preview, run_preview
from newsarchive.serve.server import DevServer, safe_relative

from .conftest import DEMO_ARTICLE, REPO, with_template_change
from .webtools import running_preview

BASE = "https://example.github.io/repo/"
SEED_URL = "/repo/ar/2020/11/coalition-us-forces-syria-iraq/"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/repo/ar/", "ar/"),
        ("/repo/", ""),
        ("/repo/ar/x/?q=1", "ar/x/"),
        ("/repo/%D8%B3/", "س/"),
        ("/repo/../etc/passwd", None),
        ("/repo/%2e%2e/%2e%2e/etc/passwd", None),
        ("/repo/..%2f..%2fetc/passwd", None),
        ("/repo/static%2F..%2F..%2Fx", None),
        ("/repo/..\\..\\etc", None),
        ("/repo/%5c..%5cx", None),
        ("/repo//etc/passwd", None),
        ("/repo/a%00.html", None),
        ("/etc/passwd", None),
        ("/repo/./index.html", None),
    ],
)
def test_safe_relative(raw: str, expected: str | None) -> None:
    assert safe_relative(raw, "/repo/") == expected


@pytest.fixture
def live(project: Path) -> Iterator[tuple[DevServer, Path]]:
    """run_preview on the demo under /repo/, in a thread; stopped after the test."""
    server = DevServer(("127.0.0.1", 0), project / "site", "/repo/")
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=run_preview,
        args=(Preview(project, project / "site", BASE, search=False), server, lines.append),
        kwargs={"stop": stop},
    )
    thread.start()
    try:
        yield server, project
    finally:
        stop.set()
        thread.join(timeout=10)
        assert not thread.is_alive()


def _get(server: DevServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def _wait_for(predicate, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_serves_pages_with_reload_script_but_writes_none(live: tuple[DevServer, Path]) -> None:
    server, project = live
    _wait_for(lambda: (project / "site" / "index.html").exists())
    status, body = _get(server, SEED_URL)
    assert status == 200
    assert b'src="/repo/__live/client.js"' in body
    on_disk = (project / "site/ar/2020/11/coalition-us-forces-syria-iraq/index.html").read_bytes()
    assert b"__live" not in on_disk  # the published site carries no dev script
    assert _get(server, "/repo/static/css/site.css")[0] == 200
    assert _get(server, "/repo/__live/client.js")[0] == 200
    assert _get(server, "/")[0] == 302
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/repo")  # the base path without its slash: there, as GitHub Pages does
    moved = conn.getresponse()
    assert (moved.status, moved.getheader("Location")) == (302, "/repo/")
    conn.close()
    assert _get(server, "/repox")[0] == 404


def test_a_regular_install_ships_the_reload_script(tmp_path: Path) -> None:
    """`pip install .` (not editable) must carry serve/client.js, or `serve` cannot start.

    build_py is the step of a wheel build or install that copies the package's files; run
    directly, it needs no network and no `wheel` package.
    """
    source = tmp_path / "source"
    shutil.copytree(
        REPO / "newsarchive", source / "newsarchive", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", source)
    installed = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from setuptools import setup; setup()",
            "-q",
            "build_py",
            "--build-lib",
            str(installed),
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    served = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from newsarchive.serve.client import CLIENT_JS; sys.stdout.buffer.write(CLIENT_JS)",
        ],
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        check=True,
        capture_output=True,
    ).stdout
    assert served == (REPO / "newsarchive/serve/client.js").read_bytes()


def test_traversal_symlinks_and_foreign_hosts_are_refused(
    live: tuple[DevServer, Path], tmp_path: Path
) -> None:
    server, project = live
    _wait_for(lambda: (project / "site" / "index.html").exists())
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    (project / "site" / "leak.txt").symlink_to(secret)
    (project / "site" / "leakdir").symlink_to(tmp_path)
    for path in (
        "/repo/../secret.txt", "/repo/%2e%2e/secret.txt", "/repo/..%2fsecret.txt",
        "/repo/..\\secret.txt", "/repo/leak.txt", "/repo/leakdir/secret.txt",
        f"/repo/{tmp_path}/secret.txt", "/repo/%00", "/repo/%ff%fe/", "//etc/passwd",
    ):  # fmt: skip
        status, body = _get(server, path)
        assert status == 404, path
        assert b"TOP SECRET" not in body
    assert _get(server, SEED_URL, host="evil.example:80")[0] == 403
    assert _get(server, SEED_URL, host="localhost")[0] == 200


def test_broken_file_reports_errors_and_keeps_last_good_page(live: tuple[DevServer, Path]) -> None:
    server, project = live
    _wait_for(lambda: server.state.epoch >= 1)
    good = _get(server, SEED_URL)[1]
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace('title: "', 'title: [broken "', 1), encoding="utf-8")
    _wait_for(lambda: bool(server.state.errors))
    state = json.loads(_get(server, "/repo/__live/state")[1])
    error = state["errors"][0]
    assert re.match(
        rf"content/{re.escape(DEMO_ARTICLE)}:2: a list opened with '\[' is not closed",
        error["text"],
    )
    assert [line["number"] for line in error["excerpt"] if line["current"]] == [error["line"]]
    assert any("[broken" in line["text"] for line in error["excerpt"])
    assert state["served"] is True  # the overlay says the last good site is still served
    assert _get(server, SEED_URL)[1] == good  # still the last good page
    article.write_text(text, encoding="utf-8")
    _wait_for(lambda: not server.state.errors)


def test_a_first_build_that_fails_names_the_template_line_and_serves_once_fixed(
    project: Path,
) -> None:
    """Not an internal error, nor a last good site there is not: the template's line, and
    that the pages load once it is fixed."""
    excerpt = "{{ item.excerpt | latin_isolated }}"
    body = "{{ item.article.body }}"
    line = with_template_change(project / "templates", "list.html", excerpt, body)
    said: list[str] = []
    with running_preview(project, BASE, said.append, first_built=False) as server:
        _wait_for(lambda: bool(server.state.errors))
        state = json.loads(_get(server, "/repo/__live/state")[1])
        assert state["served"] is False
        (error,) = state["errors"]
        assert error["text"].startswith(
            f"templates/list.html:{line}: template error: list, entity and status pages and "
            "feeds see each article's light view, without its body"
        )
        assert [row["text"] for row in error["excerpt"] if row["current"]] == [
            f'  <p class="excerpt">{body}</p>'
        ]
        assert (
            "build failed; no site has been built yet: the pages load once the errors are fixed"
        ) in said
        assert not [line for line in said if "internal error" in line]
        status, page = _get(server, "/repo/ar/")
        assert status == 404 and b"The site has not been built yet" in page
        template = project / "templates/list.html"
        template.write_text(template.read_text("utf-8").replace(body, excerpt), "utf-8")
        _wait_for(lambda: _get(server, "/repo/ar/")[0] == 200)
        assert not server.state.errors


def test_cli_listens_on_loopback_and_stops_on_ctrl_c(project: Path) -> None:
    """On a site already built with the same options, serve builds nothing and says so."""
    from newsarchive.build.engine import build

    build(project, project / "site", None, search=False)
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project), "--port", "0",
         "--bind", "127.0.0.1", "--no-search"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines = [""]
        while "serving" not in lines[-1]:
            lines.append(process.stdout.readline())
            assert lines[-1], "serve exited early"
        line = lines[-1]
        assert re.fullmatch(r"site/ is up to date \(checked in \d+ ms\)\n", lines[1]), lines
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url, line
        conn = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=5)
        conn.request("GET", "/ar/")
        assert conn.getresponse().status == 200
        conn.close()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)


def test_watcher_ignores_editor_scratch_files_and_compiled_templates(tmp_path: Path) -> None:
    from watchdog.events import FileCreatedEvent, FileModifiedEvent

    from newsarchive.serve.watch import ChangeQueue

    templates = tmp_path / "templates"
    queue = ChangeQueue([templates])
    # What a build compiles beside the templates, and an editor's swap file: no rebuild.
    queue.on_any_event(FileCreatedEvent(str(templates / "__pycache__/__jinja2_0a.cache")))
    queue.on_any_event(FileCreatedEvent(str(templates / ".base.html.swp")))
    assert not queue.pending()
    queue.on_any_event(FileModifiedEvent(str(templates / "base.html")))
    assert queue.next_batch(timeout=1) == {templates / "base.html"}


@pytest.fixture
def served(project: Path) -> Iterator[DevServer]:
    with running_preview(project) as server:
        yield server


def _get_response(server: DevServer, path: str, etag: str = "") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request("GET", path, headers={"If-None-Match": etag} if etag else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_reload_revalidates_css_but_never_stores_html(served: DevServer) -> None:
    """CSS answers 304 to its ETag (no body on reload); pages, which carry the epoch, are fresh."""
    first = _get_response(served, "/static/css/site.css")
    tag = first.getheader("ETag") or ""
    assert first.status == 200 and tag and first.getheader("Cache-Control") == "no-cache"
    assert _get_response(served, "/static/css/site.css", tag).status == 304
    page = _get_response(served, "/", tag)
    assert page.status == 200 and page.getheader("Cache-Control") == "no-store"


def _open_live_socket(server: DevServer, origin: str) -> tuple[int, bytes]:
    """A browser's WebSocket handshake on the reload endpoint: the status, and the first frame
    when it is accepted."""
    import socket

    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            f"GET /repo/__live/events?page=/repo/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Origin: {origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        received = b""
        while b"\r\n\r\n" not in received:
            received += sock.recv(65536)
        head, _, rest = received.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        if status == 101:  # the RFC 6455 example key's answer, then one short text frame
            assert b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" in head
            while len(rest) < 2 or len(rest) < 2 + rest[1]:
                rest += sock.recv(65536)
    return status, rest


def test_reload_socket_speaks_only_to_the_sites_own_pages(live: tuple[DevServer, Path]) -> None:
    """A WebSocket has no CORS: a foreign page must not read the build's errors from it."""
    server, _ = live
    _wait_for(lambda: server.state.epoch >= 1)
    port = server.server_address[1]
    assert _open_live_socket(server, "http://evil.example")[0] == 403
    assert _open_live_socket(server, f"http://localhost:{port}")[0] == 403  # not the Host
    status, first = _open_live_socket(server, f"http://127.0.0.1:{port}")
    assert status == 101 and first[0] == 0x81 and first[1] < 126  # the state as JSON text
    assert json.loads(first[2 : 2 + first[1]])["epoch"] == server.state.epoch


def test_a_new_base_path_in_site_toml_is_served_at_once(project: Path) -> None:
    """Pages built for a base URL set in site.toml while serving link to /news/…: the server
    serves them there, not at the base path it started with (their stylesheets were 404)."""
    from .webtools import running_preview

    with running_preview(project) as server:
        assert _get(server, "/ar/")[0] == 200
        config = project / "content/site.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace(
                'base_url = "http://127.0.0.1:8000/"', 'base_url = "https://u.github.io/news/"'
            ),
            encoding="utf-8",
        )
        _wait_for(lambda: _get(server, "/news/ar/")[0] == 200)
        assert b'href="/news/static/css/site.css"' in _get(server, "/news/ar/")[1]
        assert _get(server, "/news/static/css/site.css")[0] == 200
        assert _get(server, "/ar/")[0] == 404
