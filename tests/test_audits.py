"""Lighthouse (12.2.3, Debian's Chromium) on an article and on the search page with a query,
phone preset, served under /repo/: Accessibility, Best Practices and SEO stay at 100.

The performance score is not asserted here: Lighthouse times paint and main-thread work on
the machine it runs on, and a loaded CI machine once scored an article 77 that a quiet one
scores 100. The score is a speed target and lives in bench/audit.py (the table in
docs/benchmarks.md). What this test holds is what load does not move: the layout shift, and
the performance checks that read the page rather than time it (font-display, sized images,
DOM size, back/forward cache, passive listeners, duplicated or legacy JavaScript).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import free_port, serve_folder

sys.path.insert(0, str(REPO / "bench"))
from audit import LIGHTHOUSE, lighthouse, scores
from make_corpus import make_corpus

pytestmark = pytest.mark.skipif(not LIGHTHOUSE.exists(), reason="make lighthouse installs it")
# Performance checks that inspect the page instead of timing it: they pass or fail the same
# way on a quiet machine and on a loaded one.
_UNTIMED_CHECKS = (
    "font-display",
    "unsized-images",
    "dom-size",
    "bf-cache",
    "uses-passive-event-listeners",
    "no-document-write",
    "duplicated-javascript",
    "legacy-javascript",
    "redirects",
    "viewport",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("audited")
    make_corpus(120, root)
    port = free_port()
    build(root, root / "site", f"http://127.0.0.1:{port}/repo/")
    return root, port


def _article(site: Path) -> str:
    for article in sorted((site / "ar").glob("20*/[0-9][0-9]/*/index.html"), reverse=True):
        story = article.parent.relative_to(site / "ar").as_posix()
        english = site / "en" / story / "index.html"  # made once something is translated
        if english.exists() and b"noindex" not in english.read_bytes():
            return f"ar/{story}/"
    raise AssertionError("no translated article")


@pytest.mark.parametrize("which", ["article", "search"])
def test_lighthouse_finds_nothing_to_fix(site: tuple[Path, int], which: str) -> None:
    root, port = site
    path = _article(root / "site") if which == "article" else f"ar/search/?q={quote('القوات')}"
    with serve_folder(root / "site", "/repo/", port) as base:
        report = lighthouse(base + path, "mobile", root / f"{which}.json")
    found, failing = scores(report)
    audits = report["audits"]
    assert isinstance(audits, dict)
    costly = {a: audits[a]["title"] for a in failing if a not in _PERFORMANCE_METRICS}
    assert found["accessibility"] == 100, costly
    assert found["best-practices"] == 100, costly
    assert found["seo"] == 100, costly
    untimed = {a: audits[a]["title"] for a in _UNTIMED_CHECKS if audits[a]["score"] != 1}
    assert not untimed, untimed
    # Layout shift is observed, not simulated from the machine's speed: held to its own limit.
    shift = audits["cumulative-layout-shift"]["numericValue"]
    assert shift <= 0.05, f"cumulative layout shift {shift:.3f}"


_PERFORMANCE_METRICS = {
    "first-contentful-paint",
    "largest-contentful-paint",
    "speed-index",
    "total-blocking-time",
    "cumulative-layout-shift",
}


def test_the_lighthouse_used_is_the_pinned_one() -> None:
    assert shutil.which("node") is not None
    package = LIGHTHOUSE.resolve().parents[1] / "package.json"
    assert '"version": "12.2.3"' in package.read_text(encoding="utf-8")
