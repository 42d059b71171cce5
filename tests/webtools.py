"""Real HTTP on 127.0.0.1 and a real Chromium (Debian's, through Playwright) for tests."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, unquote, urlsplit

from newsarchive.serve.server import DevServer

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


# The characters of the first element matching `selector`, each with its left edge as drawn
# (the body of the scripts below).
_DRAWN_CHARS = """
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const chars = [];
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      chars.push([node.data[i], range.getBoundingClientRect().left]);
    }
  }"""

# The left edge of each character of the first element matching the selector, as drawn; the
# edges of the characters of "U.S." and of "F-16", which run left to right when drawn as written.
LATIN_EDGES = (
    "(selector) => {"
    + _DRAWN_CHARS
    + """
  const text = chars.map(c => c[0]).join('');
  const at = (s) => chars.slice(text.indexOf(s), text.indexOf(s) + s.length).map(c => c[1]);
  return {text: text, us: at('U.S.'), f16: at('F-16')};
}"""
)

# The left edge of each character of the first occurrence of `text` in the element, as drawn.
CHAR_EDGES = (
    "([selector, text]) => {"
    + _DRAWN_CHARS
    + """
  const all = chars.map(c => c[0]).join('');
  const at = all.indexOf(text);
  return at < 0 ? null : chars.slice(at, at + text.length).map(c => c[1]);
}"""
)

# The left edges of the first occurrence of each of the words, as drawn, in the element.
WORD_EDGES = """([selector, words]) => {
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const edges = {};
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of words) {
      const at = node.data.indexOf(word);
      if (at < 0 || word in edges) continue;
      range.setStart(node, at); range.setEnd(node, at + word.length);
      edges[word] = range.getBoundingClientRect().left;
    }
  }
  return words.map((word) => edges[word]);
}"""

# An init script that sums layout shifts as the Cumulative Layout Shift metric does (those right
# after the reader's input left out) into window.layoutShift.
OBSERVE_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def count_searches(term: str | None = None) -> str:
    """An init script counting into window.pagefindSearches the searches the page asks of
    Pagefind's worker (one message each): every search, or only those for `term`; and
    listing the terms of all of them, in order, in window.searchedTerms. The search for
    nothing that waits for Pagefind to be set up (parts.js, openIndex) is not one."""
    wanted = "true" if term is None else f"message.args[0] === {json.dumps(term)}"
    return f"""
window.pagefindSearches = 0;
window.searchedTerms = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {{
  if (message && message.method === "search" && message.args[0] !== "") {{
    window.searchedTerms.push(message.args[0]);
    if ({wanted}) window.pagefindSearches += 1;
  }}
  return post.call(this, message, ...rest);
}};
"""


def listed_paths(page: Any, url: str | None = None) -> list[str]:
    """The address paths of the results a search page lists (after opening `url`, if given,
    and waiting for its search), in their order."""
    if url is not None:
        page.goto(url)
        page.wait_for_selector("[data-search][data-ready]")
    return [
        "/" + href.split("/", 3)[3]
        for href in page.eval_on_selector_all(".search-result h2 a", "as => as.map(a => a.href)")
    ]


def unlike_the_rule(
    page: Any, base: str, queries: list[str], expected: Callable[[str], set[str]]
) -> dict[str, dict[str, set[str]]]:
    """Each query whose Arabic search page, at base, lists other articles than `expected`
    gives it (extra, missing), or lists one whose excerpt marks nothing (unmarked): every
    listed article shows where it matched."""
    page.set_default_timeout(10_000)
    wrong: dict[str, dict[str, set[str]]] = {}
    for query in queries:
        want = expected(query)
        listed = listed_paths(page, f"{base}ar/search/?q={quote(query)}")
        if sorted(listed) != sorted(want):
            wrong[query] = {"extra": set(listed) - want, "missing": want - set(listed)}
        excerpts = page.locator(".search-result .excerpt")
        unmarked = [
            i for i in range(excerpts.count()) if excerpts.nth(i).locator("mark").count() == 0
        ]
        if unmarked:
            wrong.setdefault(query, {})["unmarked"] = {listed[i] for i in unmarked}
    return wrong


def listed_with_marks(page: Any, url: str, prefix: str = "/") -> list[tuple[str, list[str]]]:
    """Each result a search page lists (after opening `url` and waiting for its search): its
    address path under the site's base `prefix`, and the words its excerpt marks."""
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    found = page.eval_on_selector_all(
        ".search-result",
        """items => items.map((item) => [new URL(item.querySelector("h2 a").href).pathname,
          [...item.querySelectorAll(".excerpt mark")].map((mark) => mark.textContent)])""",
    )
    return [("/" + path.removeprefix(prefix), marks) for path, marks in found]


@contextmanager
def served_at_root_and_repo(root: Path) -> Iterator[dict[str, str]]:
    """root's content built for the site's root and for /repo/, each served under its path:
    yields {"/": base URL, "/repo/": base URL}."""
    from newsarchive.build.engine import build

    build(root, root / "site-root", "http://127.0.0.1/")
    build(root, root / "site-repo", "https://example.github.io/repo/")
    with (
        serve_folder(root / "site-root", "/") as at_root,
        serve_folder(root / "site-repo", "/repo/") as at_repo,
    ):
        yield {"/": at_root, "/repo/": at_repo}


def slow_network(page: Any, download: int = 500_000, upload: int = 200_000) -> None:
    """A mobile connection for this page: 150 ms to each response, `download` bytes/s down
    (500,000: 4 Mbit/s)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": download,
            "uploadThroughput": upload,
        },
    )


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under a path prefix such as /repo/, as GitHub Pages does; 404 elsewhere."""

    prefix = "/"
    extra_headers: ClassVar[dict[str, str]] = {}  # set per server by serve_folder

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

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


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for a server whose address must be
    known before it starts, e.g. a site built for it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def demo_site_with(root: Path, files: Mapping[str, str], search: bool = True) -> Iterator[str]:
    """The demo archive plus `files` (path under root, e.g. content/ar/2023/01/x.md → text),
    built into root/site (with its search index unless `search` is False) and served: yields
    the base URL."""
    from newsarchive.build.engine import build

    from .conftest import REPO, write

    shutil.copytree(REPO / "content", root / "content")
    for rel, text in files.items():
        write(root, rel, text)
    build(root, root / "site", "http://127.0.0.1/", search=search)
    with serve_folder(root / "site") as base:
        yield base


class _FolderServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection before its answer is sent (a page left, a search
    part no longer wanted) is no fault of the site: those two errors are not printed into
    the tests' output. Any other error of a handler is, as the standard library does."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Called from the handler's `except` (socketserver), so the error is the current one.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_folder(
    folder: Path, prefix: str = "/", port: int = 0, headers: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 under prefix (on `port`, 0: any free one), adding
    `headers` to every response; yields the base URL (ending in prefix)."""
    handler = type(
        "Handler", (_PrefixHandler,), {"prefix": prefix, "extra_headers": dict(headers or {})}
    )
    server = _FolderServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def running_preview(
    project: Path,
    base_url: str | None = None,
    log: Callable[[str], object] | None = None,
    search: bool = False,
    first_built: bool = True,
) -> Iterator[DevServer]:
    """`build.py serve` on project in a thread, once its first build is served (or at once,
    not `first_built`: a first build that fails serves no site)."""
    from newsarchive.serve.loop import Preview, run_preview

    base_path = "/" + base_url.split("://", 1)[1].split("/", 1)[1] if base_url else "/"
    server = DevServer(("127.0.0.1", 0), project / "site", base_path)
    stop = threading.Event()
    thread = threading.Thread(
        target=run_preview,
        args=(
            Preview(project, project / "site", base_url, search),
            server,
            log or (lambda _: None),
        ),
        kwargs={"stop": stop},
    )
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while first_built and server.state.epoch < 1:
            assert time.monotonic() < deadline, "the first build was not served within 10 s"
            time.sleep(0.02)
        yield server
    finally:
        stop.set()
        thread.join(timeout=10)


def sitemap_urls(site: Path) -> list[str]:
    """The page URLs a built site's sitemap lists, in order: sitemap.xml is an index of
    gzip-compressed parts (each read from the site folder by its name)."""
    import gzip
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{{{ns['s']}}}sitemapindex"
    found: list[str] = []
    for loc in index.findall("s:sitemap/s:loc", ns):
        part = ET.fromstring(
            gzip.decompress((site / (loc.text or "").rsplit("/", 1)[1]).read_bytes())
        )
        found += [url.text or "" for url in part.findall("s:url/s:loc", ns)]
    return found
