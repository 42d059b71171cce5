"""Search benchmark: Pagefind index time, its peak memory and bundle size, and what a browser
downloads and waits for on a first search (Debian's Chromium through Playwright).

Run: .venv/bin/python bench/bench_search.py [--sizes 1000 5000] [--work DIR] [--runs N]
     .venv/bin/python bench/bench_search.py --site DIR   (index an already built site/ again)

The index is timed in a separate process, with the peak of the summed RSS of its process tree
(Python and the Pagefind runs) sampled every 20 ms, as bench/run.py measures whole builds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402
from run import measure  # noqa: E402

from newsarchive.build.engine import build  # noqa: E402
from tests.webtools import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

QUERY = "القوات"


def folder_bytes(folder: Path) -> int:
    """Total size of the files under folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# What a reader waits for: results after the page starts loading, for a rare and
# a common word, each in a fresh browser (nothing cached), and results after the last
# keystroke of a query typed on a page that has loaded.
# The first page of results on screen (its count may still be coming: parts.js looks up a
# query's other spellings after the first page when the articles holding it as typed fill
# that page), and the results with their count.
FIRST_PAGE_MS = "() => document.querySelector('.search-result') && performance.now()"
SHOWN_MS = """() => {
  const status = document.querySelector('.search-status').textContent;
  return document.querySelector('.search-result') && !status.endsWith('…') && performance.now();
}"""
TYPED_MS = """() => {
  const status = document.querySelector('.search-status').textContent;
  return document.querySelector('.search-result') && !status.endsWith('…')
    && performance.now() - window.lastKey;
}"""
TYPED_RUNS = 5  # words typed on the loaded page, each once (the median is reported)
KEY_DELAY_MS = 80  # a quick typist; the page waits for a pause in typing before it searches


def rare_words(project: Path, count: int = 1) -> list[str]:
    """The corpus's `count` words found in the fewest articles (of five letters or more;
    in alphabetical order among equals, so that the same corpus always gives the same)."""
    import re
    from collections import Counter

    counts: Counter[str] = Counter()
    for article in sorted((project / "content" / "ar").rglob("*.md")):
        counts.update(set(re.findall(r"[\u0621-\u064a]{5,}", article.read_text(encoding="utf-8"))))
    return sorted(counts, key=lambda word: (counts[word], word))[:count]


def first_search(
    site: Path, rare: str | None = None, typed_words: list[str] | None = None
) -> dict[str, object]:
    """First searches, each in a fresh browser: bytes (all, Pagefind's), requests, times,
    results, for a rare word, a common one, the common one sorted by date and a year's
    filter alone. On the common word's page: the sort switched to the newest first and back
    to relevance, then each of `typed_words` (default: the rare word) typed."""
    from playwright.sync_api import sync_playwright

    parts = json.loads((site / "pagefind/parts.json").read_text())["parts"]
    a_year = parts[len(parts) // 2]["name"][:4]  # one in the middle: a full year
    searches: list[tuple[str, dict[str, str | None]]] = [
        ("rare", {"q": rare}),
        ("common", {"q": QUERY}),
        ("common_newest", {"q": QUERY, "sort": "newest"}),
        ("year_alone", {"year": a_year}),
    ]
    found: dict[str, object] = {}
    with serve_folder(site, "/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for name, params in searches:
            if None in params.values():
                continue
            sizes: dict[str, int] = {}
            context = browser.new_context()
            page = context.new_page()
            # Each address once, at the size it was downloaded: a second request for it
            # (another Pagefind instance opening the same bundle) comes from the cache, and
            # reports no size or a negative one.
            page.on(
                "requestfinished",
                lambda r, sizes=sizes: sizes.__setitem__(
                    r.url, max(sizes.get(r.url, 0), r.sizes()["responseBodySize"])
                ),
            )
            page.goto(f"{base}ar/search/?{urlencode(params)}")
            first_ms = page.wait_for_function(FIRST_PAGE_MS, timeout=60_000, polling="raf")
            shown_ms = page.wait_for_function(SHOWN_MS, timeout=60_000, polling="raf").json_value()
            page.wait_for_selector("[data-search][data-ready]", timeout=60_000)
            page.wait_for_load_state("networkidle")
            pagefind = {url: n for url, n in sizes.items() if "/pagefind/" in url}
            found |= {
                f"{name}_search": urlencode(params),
                f"{name}_first_search_kb": round(sum(sizes.values()) / 1e3, 1),
                f"{name}_first_search_pagefind_kb": round(sum(pagefind.values()) / 1e3, 1),
                f"{name}_first_search_requests": len(sizes),
                f"{name}_first_page_ms": round(first_ms.json_value()),
                f"{name}_results_shown_ms": round(shown_ms),
                f"{name}_results_count": page.locator(".search-status").inner_text(),
            }
            if name == "common":
                found |= switched(page, "newest") | switched(page, "relevance")
                found |= typed(page, typed_words or [rare or QUERY])
            context.close()
        if rare is not None:
            for filters_shown in (False, True):
                context = browser.new_context()
                found |= searched_next(context.new_page(), base, rare, filters_shown)
                context.close()
        browser.close()
    return found


def searched_next(page, base: str, rare: str, filters_shown: bool) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from submitting the common word to its results on a page that searched
    the rare word first, with or without the filters shown (Pagefind counts the results of
    every value of each filter loaded into the instance that searches)."""
    page.goto(f"{base}ar/search/?{urlencode({'q': rare})}")
    page.wait_for_selector("[data-search][data-ready]", timeout=60_000)
    if filters_shown:
        page.click(".show-filters")
        page.wait_for_selector(".filter-list select")
    page.fill("#search-input", QUERY)
    status = "document.querySelector('.search-status')"
    page.evaluate(f"{status}.textContent = ''")  # the search sets it again, to its count
    started = page.evaluate("performance.now()")
    page.press("#search-input", "Enter")
    page.wait_for_function(
        f"{status}.textContent !== '' && !{status}.textContent.endsWith('…')", polling="raf"
    )
    wait = round(page.evaluate("performance.now()") - started)
    return {f"common_next{'_filters_shown' if filters_shown else ''}_ms": wait}


def switched(page, sort: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from choosing a sort to its results."""
    started = page.evaluate("performance.now()")
    page.check(f"input[name=sort][value={sort}]")
    page.wait_for_function(
        f"() => (location.search.includes('sort=newest') === {str(sort == 'newest').lower()})"
        " && !document.querySelector('.search-status').textContent.endsWith('…')",
        polling="raf",
    )
    return {f"switch_to_{sort}_ms": round(page.evaluate("performance.now()") - started)}


def typed(page, words: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from the last keystroke of each word to its results (their median).
    Each word is a new query: the page keeps the lookups it has made, so a word typed
    again would show its results at once."""
    page.evaluate(
        "document.querySelector('#search-input').addEventListener('input', () => {"
        " window.lastKey = performance.now(); })"
    )
    waits = []
    for word in words:
        box = page.locator("#search-input")
        box.fill("")
        page.wait_for_function("!document.querySelector('.search-result')")
        box.press_sequentially(word, delay=KEY_DELAY_MS)
        waits.append(page.wait_for_function(TYPED_MS, polling="raf").json_value())
    return {"typed_words": len(words), "typed_to_results_ms": round(statistics.median(waits))}


def index(site: Path, runs: int) -> dict[str, float]:
    """Index site/ `runs` times in a separate process: median time and peak memory."""
    code = f"from pathlib import Path; from newsarchive.build.searchindex import index_site; index_site(Path({str(site)!r}))"
    measured = [measure([sys.executable, "-c", code], cwd=ROOT) for _ in range(runs)]
    return {
        "index_s": round(statistics.median(m.seconds for m in measured), 2),
        "index_peak_mb": round(statistics.median(m.peak_mb for m in measured)),
        "parts": len([p for p in (site / "pagefind").iterdir() if p.is_dir()]),
        "bundle_mb": round(folder_bytes(site / "pagefind") / 1e6, 2),
    }


def bench(count: int, work: Path, runs: int, browser: bool) -> dict[str, object]:
    """Build `count` articles with their search index, index them again alone (timed in a
    process of its own), and measure first searches. A build without search writes pages
    without the key text that the index reads: indexing those found nothing."""
    project = work / f"corpus-{count}"
    make_corpus(count, project)
    site = project / "site"
    started = time.perf_counter()
    build(project, site, "http://127.0.0.1/")
    built = time.perf_counter() - started
    indexed = index(site, runs)
    words = rare_words(project, TYPED_RUNS + 1)
    searched = first_search(site, words[0], words[1:]) if browser else {}
    return {"articles": count, "build_s": round(built, 2), **indexed, **searched}


def main(argv: list[str]) -> int:
    """Run the benchmark for each size (or one built site) and print one line for each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=1, help="index runs per size (median)")
    parser.add_argument("--site", type=Path, default=None, help="a built site/ to index again")
    parser.add_argument("--no-browser", action="store_true", help="skip the first search")
    parser.add_argument(
        "--searches-only", action="store_true", help="with --site: time no index, only searches"
    )
    parser.add_argument(
        "--word", default=None, help="with --site: the rare word to search (default: the rarest)"
    )
    args = parser.parse_args(argv)
    if args.site:
        result = {} if args.searches_only else index(args.site.absolute(), args.runs)
        rare, typed_words = args.word, None
        if (args.site.parent / "content").is_dir():
            words = rare_words(args.site.parent, TYPED_RUNS + 1)
            rare, typed_words = rare or words[0], words[1:]
        searched = {} if args.no_browser else first_search(args.site, rare, typed_words)
        print({**result, **searched}, flush=True)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for count in args.sizes:
            print(bench(count, work, args.runs, not args.no_browser), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
