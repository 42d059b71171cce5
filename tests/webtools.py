"""Real HTTP on 127.0.0.1 and a real Chromium (Debian's, through Playwright) for tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under a path prefix such as /repo/, as GitHub Pages does; 404 elsewhere."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        plain = unquote(urlsplit(path).path)
        if not plain.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-base-path" / "missing")
        return super().translate_path("/" + plain[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():  # GitHub Pages serves the site's 404.html
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_folder(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 under prefix; yields the base URL (ending in prefix)."""
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
