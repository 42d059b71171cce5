"""Pagefind indexing of the finished output folder (I/O: runs the Pagefind binary)."""

from __future__ import annotations

from pathlib import Path


def index_site(site_dir: Path) -> None:
    """Index site_dir with Pagefind (not yet wired; see the search issue)."""
    del site_dir
