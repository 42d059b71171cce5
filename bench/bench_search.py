"""Search benchmark: Pagefind index time and bundle size for 1,000 and 5,000 articles, and the
bytes a browser downloads for a first search (Debian's Chromium through Playwright).

Run: .venv/bin/python bench/bench_search.py [--sizes 1000 5000] [--work DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402

from newsarchive.pipeline import build  # noqa: E402
from newsarchive.search import index_site  # noqa: E402
from tests.webtools import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

QUERY = "القوات"


def folder_bytes(folder: Path) -> int:
    """Total size of the files under folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_search_bytes(site: Path) -> tuple[int, int, int]:
    """(bytes of the whole first search, of which Pagefind files, results shown)."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with serve_folder(site, "/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
        page.goto(f"{base}ar/search/?q={quote(QUERY)}")
        page.wait_for_selector("[data-search][data-ready]", timeout=60_000)
        page.wait_for_load_state("networkidle")
        shown = page.locator(".search-result").count()
        browser.close()
    pagefind = sum(n for url, n in sizes.items() if "/pagefind/" in url)
    return sum(sizes.values()), pagefind, shown


def bench(count: int, work: Path) -> dict[str, float]:
    """Build `count` articles without search, then index and measure."""
    project = work / f"corpus-{count}"
    make_corpus(count, project)
    site = project / "site"
    started = time.perf_counter()
    build(project, site, "http://127.0.0.1/", search=False)
    built = time.perf_counter() - started
    started = time.perf_counter()
    index_site(site)
    indexed = time.perf_counter() - started
    total, pagefind, shown = first_search_bytes(site)
    return {
        "articles": count,
        "build_s": round(built, 2),
        "index_s": round(indexed, 2),
        "bundle_mb": round(folder_bytes(site / "pagefind") / 1e6, 2),
        "first_search_kb": round(total / 1e3, 1),
        "first_search_pagefind_kb": round(pagefind / 1e3, 1),
        "results_shown": shown,
    }


def main(argv: list[str]) -> int:
    """Run the benchmark for each size and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for count in args.sizes:
            print(bench(count, work), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
