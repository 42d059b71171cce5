"""What the dev server adds to pages: the reload script, and error reports for its overlay.

Nothing here is ever written into the site; the server injects it into HTML as it serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic

ENDPOINT = "__live/"  # under the site's base path, so it works on /repo/ too
CONTEXT_LINES = 3

# client.js listens on a WebSocket (websocket.py says why not server-sent events); when a build
# changed this page it fetches it and swaps the body in place (a full reload costs Chromium
# ~150 ms more), falling back to a reload
# when the stylesheets or scripts differ or a script on the page cannot cope with a new body;
# swaps stylesheets when CSS changed, and shows build errors in an overlay built with
# textContent. It ships as package data (pyproject.toml) and is read once, at import.
CLIENT_JS = resources.files(__package__).joinpath("client.js").read_bytes()


def script_tag(base_path: str, epoch: int) -> bytes:
    """The tag injected before </body> of every HTML page the dev server sends."""
    return f'<script src="{base_path}{ENDPOINT}client.js" data-epoch="{epoch}"></script>'.encode()


def inject(html: bytes, tag: bytes) -> bytes:
    """The page with the tag added at the end of its body."""
    at = html.rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def error_report(diagnostics: Iterable[Diagnostic], roots: Iterable[Path]) -> list[dict[str, Any]]:
    """Each error as `path:line: message` with the lines around it, for the overlay (I/O)."""
    folders = [r.absolute() for r in roots]
    return [
        {
            "path": d.path,
            "line": d.line,
            "message": d.message,
            "text": f"{d.path}:{d.line}: {d.message}",
            "excerpt": _excerpt(d, folders),
        }
        for d in diagnostics
    ]


def _excerpt(diagnostic: Diagnostic, folders: list[Path]) -> list[dict[str, Any]]:
    file = _source_file(diagnostic.path, folders)
    if file is None or diagnostic.line < 1:
        return []
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    first = max(diagnostic.line - CONTEXT_LINES, 1)
    last = min(diagnostic.line + CONTEXT_LINES, len(lines))
    return [
        {"number": n, "text": lines[n - 1], "current": n == diagnostic.line}
        for n in range(first, last + 1)
    ]


def _source_file(path: str, folders: list[Path]) -> Path | None:
    """The file a diagnostic names, only if it lies inside one of our folders."""
    for folder in folders:
        candidate = (folder / path).resolve()
        if candidate.is_file() and any(candidate.is_relative_to(f.resolve()) for f in folders):
            return candidate
    return None
