"""Pagefind indexing of the finished output folder (I/O: runs the bundled Pagefind binary)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic

BUNDLE = "pagefind"
ARGS = [sys.executable, "-m", "pagefind"]
ARTICLE_PAGES = "{ar,en}/[0-9]*/**/index.html"  # urls.article(): <lang>/<year>/…/<slug>/


def pagefind_command(site_dir: Path) -> list[str]:
    """The command that indexes site_dir: the binary shipped in `pagefind[bin]`."""
    # One run over the whole folder measured faster and more reliable than feeding pages
    # one by one through the Python API.
    # Only article pages carry data-pagefind-body, so Pagefind would read every other page
    # (entity pages, lists) just to skip it: the glob saves a fifth of its time and memory.
    return [*ARGS, "--site", str(site_dir), "--silent", "--glob", ARTICLE_PAGES]


def index_site(site_dir: Path) -> None:
    """Index site_dir (the temporary output) into site_dir/pagefind; BuildFailed on failure."""
    try:
        done = subprocess.run(
            pagefind_command(site_dir), capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed([_failure(f"could not run Pagefind: {exc}")]) from None
    output = (done.stderr + done.stdout).strip()
    bundle = site_dir / BUNDLE / "pagefind.js"
    if done.returncode != 0 or not bundle.is_file():
        detail = output.splitlines()[0] if output else f"exit status {done.returncode}"
        raise BuildFailed([_failure(f"Pagefind failed, the site was not replaced: {detail}")])


def _failure(message: str) -> Diagnostic:
    return Diagnostic(f"{BUNDLE}/", 1, message)
