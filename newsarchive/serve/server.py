"""Dev server: serves the output folder on 127.0.0.1 with live reload and an error overlay (I/O).

Only files inside the output folder are served; requests with a foreign Host are refused.
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import mimetypes
import os
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..core import urls
from .client import CLIENT_JS, ENDPOINT, inject, script_tag
from .websocket import PONG, accept_key, frame

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
KEEPALIVE_SECONDS = 15.0
NO_SITE_YET = b"<!DOCTYPE html><html><head><meta charset=utf-8><title>build failed</title></head>"
NO_SITE_YET += b"<body><p>The site has not been built yet.</p></body></html>"


class LiveState:
    """The build epoch, what each epoch changed and current errors, shared by the rebuild loop
    and the reload sockets (each socket knows the page it serves)."""

    def __init__(self) -> None:
        self.epoch = 0
        self.reload_epoch = 0  # the last epoch that needs a full reload (not only CSS)
        self.css_epoch = 0  # the last epoch that changed a stylesheet
        self.all_epoch = 0  # the last epoch that reloads every page
        self.changed_at: dict[str, int] = {}  # output path -> last epoch that changed it
        self.viewers: Counter[str] = Counter()  # output paths shown by open reload sockets
        self.errors: list[dict[str, Any]] = []
        self.served = True  # whether a built site is served while errors are shown
        self.closed = False
        self._cond = threading.Condition()

    def bump(self, css_only: bool, paths: Iterable[str] | None = None) -> None:
        """A new build is in the folder: tell every browser (only pages in `paths` reload,
        when given; any page otherwise)."""
        with self._cond:
            self.epoch += 1
            if paths is None:
                self.css_epoch = self.epoch
                if not css_only:  # every page counts as changed
                    self.reload_epoch = self.all_epoch = self.epoch
            else:
                for path in paths:
                    self.changed_at[path] = self.epoch
                    if path.endswith(".css"):
                        self.css_epoch = self.epoch
                    else:
                        self.reload_epoch = self.epoch
            self.errors = []
            self._cond.notify_all()

    def set_errors(self, errors: list[dict[str, Any]], served: bool = True) -> None:
        """The latest rebuild failed (or, with [], its errors are gone); `served`: a site
        built before is served meanwhile (not so when no build has succeeded yet)."""
        with self._cond:
            self.errors, self.served = errors, served
            self._cond.notify_all()

    def browser_state(self, page: str | None = None) -> dict[str, Any]:
        """What the browser showing `page` (an output path; None: unknown) needs to know."""
        with self._cond:
            return self._browser_state_locked(page)

    def wait_change(
        self, seen: dict[str, Any], timeout: float, page: str | None = None
    ) -> dict[str, Any]:
        """Block until the state differs from `seen`, or timeout; returns the current state."""
        with self._cond:
            self._cond.wait_for(
                lambda: self.closed or self._browser_state_locked(page) != seen, timeout
            )
            return self._browser_state_locked(page)

    def _browser_state_locked(self, page: str | None = None) -> dict[str, Any]:
        """browser_state() for callers already holding the lock."""
        reload = self.reload_epoch
        if page is not None:  # a page reloads only when its own file changed
            reload = max(self.changed_at.get(page, 0), self.all_epoch)
        return {
            "epoch": self.epoch,
            "reload_epoch": reload,
            "css_epoch": self.css_epoch,
            "errors": self.errors,
            "served": self.served,
        }

    def open_stream(self, page: str) -> None:
        """A browser showing `page` connected."""
        with self._cond:
            self.viewers[page] += 1
            self._cond.notify_all()

    def close_stream(self, page: str) -> None:
        """That browser went away (or is reloading)."""
        with self._cond:
            self.viewers[page] -= 1
            if self.viewers[page] <= 0:
                del self.viewers[page]

    def viewed(self) -> list[str]:
        """The output paths open browsers are showing."""
        with self._cond:
            return sorted(self.viewers)

    def close(self) -> None:
        """End every reload socket."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class DevServer(http.server.ThreadingHTTPServer):
    """The HTTP server with what its handlers need."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], site_dir: Path, base_path: str) -> None:
        super().__init__(address, DevHandler)
        self.site_dir = site_dir.absolute()
        self.base_path = base_path
        self.state = LiveState()

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.base_path}"

    def host_allowed(self, header: str | None) -> bool:
        """Loopback names, the bound address, or an IP literal when bound to another interface."""
        if not header:
            return False
        host = header.rsplit(":", 1)[0] if not header.endswith("]") else header
        host = host.lower()
        bound = str(self.server_address[0])
        if host in LOOPBACK_NAMES or host == bound:
            return True
        if ipaddress.ip_address(bound).is_loopback:
            return False  # DNS rebinding: some name that points at us from a foreign page
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return False
        return True


def _path_of(raw: str) -> str:
    """The path part of a request target; "\x00" (refused later) when it does not parse."""
    try:
        return urlsplit(raw).path
    except ValueError:  # e.g. "//[": urlsplit takes it for a broken IPv6 host
        return "\x00"


def safe_relative(raw_path: str, base_path: str) -> str | None:
    """The request path below the base path as a clean relative path, or None to refuse it."""
    path = _path_of(raw_path)
    lowered = path.lower()
    if "\\" in path or "%5c" in lowered or "%2f" in lowered or "%00" in lowered:
        return None
    try:
        plain = unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:  # e.g. overlong "%c0%af" for "/": never a real page
        return None
    if "\x00" in plain or "\\" in plain or not plain.startswith(base_path):
        return None
    rest = plain[len(base_path) :]
    parts = rest.split("/")
    if any(part in (".", "..") for part in parts) or rest.startswith("/"):
        return None
    return rest


def resolve_file(site_dir: Path, rel: str) -> Path | None:
    """The regular file inside site_dir that serves rel (folders give index.html), or None."""
    candidate = site_dir / rel if rel else site_dir
    if candidate.is_dir():
        candidate = candidate / "index.html"
    real = Path(os.path.realpath(candidate))
    root = Path(os.path.realpath(site_dir))
    if not real.is_relative_to(root) or not real.is_file():
        return None
    return real


class DevHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD of site files, the reload script and the reload socket."""

    server: DevServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def do_GET(self) -> None:
        """Serve one request, never raising on a bad path."""
        self._respond(head=False)

    def do_HEAD(self) -> None:
        """Like GET without the body."""
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        self._epoch = self.server.state.epoch  # before reading a file, so a race reloads again
        if not self.server.host_allowed(self.headers.get("Host")):
            self._send(403, b"forbidden host\n", "text/plain; charset=utf-8", head)
            return
        try:
            rel = safe_relative(self.path, self.server.base_path)
        except UnicodeDecodeError:
            rel = None
        if rel is None:
            # `/` and `/repo` (no final slash) lead to the site at /repo/, as on GitHub Pages.
            asked = _path_of(self.path)
            if asked in ("/", "", self.server.base_path[:-1]) and self.server.base_path != "/":
                self._redirect(self.server.base_path)
                return
            self._not_found(head)
            return
        if rel.startswith(ENDPOINT):
            self._live(rel[len(ENDPOINT) :], head)
            return
        self._file(rel, head)

    def _file(self, rel: str, head: bool) -> None:
        site = self.server.site_dir
        target = resolve_file(site, rel) if site.is_dir() else None
        if target is None:
            self._not_found(head)
            return
        if (site / rel).is_dir() and rel and not rel.endswith("/"):
            self._redirect(self.server.base_path + rel + "/")
            return
        kind, encoding = mimetypes.guess_type(target.name)
        if encoding == "gzip":  # a compressed sitemap part is served as the file it is
            kind = "application/gzip"
        kind = kind or "application/octet-stream"
        try:
            stat = target.stat()
            tag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if kind != "text/html" and self.headers.get("If-None-Match") == tag:
                self._not_modified(tag)  # a reload revalidates CSS and fonts without a body
                return
            body = target.read_bytes()
        except OSError:
            self._not_found(head)
            return
        self._send(200, body, kind, head, tag)

    def _not_modified(self, tag: str) -> None:
        self.send_response(304)
        self.send_header("ETag", tag)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        page = self.server.site_dir / "404.html"
        body = page.read_bytes() if page.is_file() else NO_SITE_YET
        self._send(404, body, "text/html", head)

    def _live(self, name: str, head: bool) -> None:
        if name == "client.js":
            self._send(200, CLIENT_JS, "text/javascript", head)
        elif name == "state":
            data = json.dumps(self.server.state.browser_state(), ensure_ascii=False).encode()
            self._send(200, data, "application/json", head)
        elif name == "events" and not head:
            self._events()
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", head)

    def _events(self) -> None:
        """A WebSocket: the state now, then again at every change, until shutdown."""
        key = self.headers.get("Sec-WebSocket-Key")
        if self.headers.get("Upgrade", "").lower() != "websocket" or not key:
            self._send(400, b"a WebSocket only\n", "text/plain; charset=utf-8", False)
            return
        if self.headers.get("Origin") != f"http://{self.headers.get('Host')}":
            # No CORS guards a WebSocket: a foreign page must not read the errors' excerpts.
            self._send(403, b"forbidden origin\n", "text/plain; charset=utf-8", False)
            return
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept_key(key))
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        page = self._viewed_page()
        if page is not None:
            state.open_stream(page)
        try:
            self._stream(state, page)
        except (BrokenPipeError, ConnectionResetError):
            return
        finally:
            if page is not None:
                state.close_stream(page)

    def _stream(self, state: LiveState, page: str | None) -> None:
        seen: dict[str, Any] | None = None
        while not state.closed:
            if seen is None:
                now = state.browser_state(page)
            else:
                now = state.wait_change(seen, KEEPALIVE_SECONDS, page)
            if now == seen:
                self.wfile.write(frame(b"", PONG))  # a dead browser shows as a broken pipe
            else:
                self.wfile.write(frame(json.dumps(now, ensure_ascii=False).encode()))
                seen = now
            self.wfile.flush()

    def _viewed_page(self) -> str | None:
        """The output file of the page the reload socket's browser shows (its ?page=)."""
        shown = parse_qs(self.path.partition("?")[2]).get("page", [""])[0]
        try:
            rel = safe_relative(quote(shown, safe="/%"), self.server.base_path) if shown else None
        except UnicodeDecodeError:
            rel = None
        if rel is None:
            return None
        site = self.server.site_dir
        out = rel if rel == "" or rel.endswith("/") or not (site / rel).is_dir() else rel + "/"
        out = urls.output_path(out)
        return out if resolve_file(site, out) is not None else None

    def _send(self, code: int, body: bytes, kind: str, head: bool, tag: str = "") -> None:
        # HTML carries the build epoch, so it is never stored; other files are revalidated.
        cache = "no-cache" if tag and kind != "text/html" else "no-store"
        if kind == "text/html":
            body = inject(body, script_tag(self.server.base_path, self._epoch))
            kind = "text/html; charset=utf-8"
        elif kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8" if "charset" not in kind else ""
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        if cache == "no-cache":
            self.send_header("ETag", tag)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the CLI reports builds, not every request."""
        return
