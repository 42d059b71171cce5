"""The order a real deploy writes files in: what a file loads is on the remote before it, so
a reader who arrives mid-deploy never gets a new file that asks for one still missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .test_deploy import _deploy, public_address

__all__ = ["public_address"]  # a fixture, used by name

pytestmark = pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")


def test_what_a_file_loads_arrives_before_it(project: Path, tmp_path: Path) -> None:
    """Deployed to a folder, each file's change time is when rclone wrote it. The JavaScript
    used to arrive before the JSON it reads (Pagefind's pagefind-entry.json, the search
    page's parts.json), the style sheet before its fonts, robots.txt before the sitemap, and
    the feeds and the sitemap before the pages they name."""
    build(project, project / "site")
    out = tmp_path / "out"
    assert _deploy(project, str(out)).returncode == 0
    written = {
        path.relative_to(out).as_posix(): path.stat().st_ctime_ns
        for path in out.rglob("*")
        if path.is_file()
    }

    def last(*suffixes: str) -> int:
        return max(t for path, t in written.items() if path.endswith(suffixes))

    def first(*suffixes: str) -> int:
        return min(t for path, t in written.items() if path.endswith(suffixes))

    assert last(".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter") < first(".json")
    assert last(".json", ".pagefind") < first(".js")  # pagefind.js, search.js, parts.js
    assert last(".woff2", ".svg") < first(".css")
    assert last("sitemap.xml", ".xml.gz") < first("robots.txt")
    assert last(".css", ".js", ".woff2", ".svg", ".json") < first(".html")
    # A feed or sitemap names pages: a reader told of a new article found it missing.
    assert last(".html") < first("feed.xml", "sitemap.xml", ".xml.gz", "robots.txt")
