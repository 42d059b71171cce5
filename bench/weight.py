"""Bytes per page kind of a built site: how much each kind of file weighs, per page and per article.

Run: .venv/bin/python bench/weight.py SITE            (reads a built site/ folder)
     .venv/bin/python bench/weight.py --build N DIR   (makes the benchmark corpus of N articles
                                                      in DIR, builds it without search, reads it)
     add --transfer: what Chromium downloads for a first view of each kind of page
Prints a Markdown table: page kind, files, total and average bytes, and the kind's bytes per
article of the archive (the number of Arabic article pages). The search bundle (Pagefind's
output under pagefind/) is one row of its own, so its share is seen apart from the pages.
Also prints the average HTML of an Arabic article page outside its own text (its body blocks),
the figure whose target is at most 6 KB.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))  # tests.webtools: the test server and Chromium

ARTICLE = re.compile(r"^(ar|en)/\d{4}/\d{2}/[^/]+/index\.html$")
# A block of the body: one element with its anchor (content/markdown.py, with_anchor).
BLOCK = re.compile(r'<(\w+)( id="p\d+")[^>]*>.*?</\1>\n', re.S)


def kind(path: str) -> str:
    """The page kind of a file of the site, by its path (see core/urls.py)."""
    parts = path.split("/")
    if parts[0] == "pagefind":
        return "search index (pagefind/)"
    if parts[0] == "static":
        return "static (css, js, fonts)"
    if path.startswith("sitemap") or path == "robots.txt":
        return "sitemaps, robots.txt"
    if path.endswith(".xml"):
        return "feeds (site and entity)"
    if ARTICLE.match(path):
        return f"article pages ({parts[0]})"
    if len(parts) > 1 and parts[1] == "entities":
        return "entity index" if len(parts) == 3 else "entity pages"
    if len(parts) > 1 and parts[1] == "status":
        return "status pages (en)"
    if len(parts) > 1 and parts[1] == "translated":
        return "translated list and its feed (en)"
    if len(parts) > 1 and parts[1] == "search":
        return "search pages"
    if len(parts) > 1 and re.fullmatch(r"\d{4}", parts[1]):
        return "year and month lists"
    if len(parts) > 1 and parts[1] in ("index.html", "page"):
        return "home pages"
    return "other (root, 404)"


def own_text_bytes(html: str) -> int:
    """Bytes of an Arabic article page's own text: its body blocks as Markdown made them, less
    their anchors (the parallel view's English is fetched from the English page, not
    carried in this one)."""
    return sum(len(m.group(0).encode()) - len(m.group(2)) for m in BLOCK.finditer(html))


def measure(site: Path) -> tuple[dict[str, list[int]], int, float]:
    """Per kind: [files, bytes]; the number of articles; the average article chrome in bytes."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    chrome_total, articles = 0, 0
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        if path.startswith(".") or "/." in path:
            continue
        size = file.stat().st_size
        row = rows[kind(path)]
        row[0] += 1
        row[1] += size
        if ARTICLE.match(path) and path.startswith("ar/"):
            articles += 1
            chrome_total += size - own_text_bytes(file.read_text(encoding="utf-8"))
    return rows, articles, chrome_total / max(articles, 1)


def table(rows: dict[str, list[int]], articles: int, chrome: float) -> str:
    """The Markdown table of a measured site."""
    lines = [
        f"{articles:,} articles",
        "",
        "| page kind | files | total KB | average KB | KB per article |",
        "|---|--:|--:|--:|--:|",
    ]
    total_files = total_bytes = 0
    for name in sorted(rows, key=lambda k: -rows[k][1]):
        files, size = rows[name]
        total_files += files
        total_bytes += size
        lines.append(
            f"| {name} | {files:,} | {size / 1000:,.0f} | {size / files / 1000:,.1f} "
            f"| {size / articles / 1000:,.2f} |"
        )
    lines.append(
        f"| **whole site** | {total_files:,} | {total_bytes / 1000:,.0f} "
        f"| {total_bytes / total_files / 1000:,.1f} | **{total_bytes / articles / 1000:,.2f}** |"
    )
    lines += ["", f"Arabic article page outside its own text: {chrome / 1000:.1f} KB on average."]
    return "\n".join(lines)


# Text is counted gzip-compressed, as GitHub Pages and object storage behind a CDN serve it;
# fonts and images as they are.
COMPRESSED = (".html", ".css", ".js", ".svg", ".xml", ".json", "/")


def transferred(site: Path) -> str:
    """What a browser with nothing cached downloads for one page of each kind (Chromium)."""
    import gzip

    from playwright.sync_api import sync_playwright

    from tests.webtools import CHROMIUM, CHROMIUM_ARGS, serve_folder

    article = next((site / "ar").glob("[0-9]*/[0-9]*/*/index.html")).parent
    entity = next(p for p in sorted((site / "ar/entities").iterdir()) if p.is_dir())
    year = next(p for p in sorted((site / "ar").iterdir()) if p.name.isdigit())
    pages = {
        "home (ar)": "ar/",
        "home (en)": "en/",
        "year list (ar)": f"ar/{year.name}/",
        "entity page (ar)": f"ar/entities/{entity.name}/",
        "article (ar)": article.relative_to(site).as_posix() + "/",
    }
    lines = ["| page | transferred | of which fonts |", "|---|--:|--:|"]
    with serve_folder(site, "/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in pages.items():
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            urls: list[str] = []
            page.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
            page.goto(base + path, wait_until="networkidle")
            total = fonts = 0
            for url in dict.fromkeys(urls):
                file = site / url.removeprefix(base).split("?")[0]
                data = (file / "index.html" if file.is_dir() else file).read_bytes()
                size = len(gzip.compress(data)) if url.endswith(COMPRESSED) else len(data)
                total += size
                fonts += size if url.endswith(".woff2") else 0
            lines.append(f"| {name} | {total / 1024:.1f} KiB | {fonts / 1000:.1f} kB |")
            context.close()
        browser.close()
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument("--build", nargs=2, metavar=("N", "DIR"), help="make and build a corpus")
    parser.add_argument("--search", action="store_true", help="build with the search index")
    parser.add_argument("--transfer", action="store_true", help="also what a first view downloads")
    args = parser.parse_args(argv)
    if args.build:
        from make_corpus import make_corpus

        count, folder = int(args.build[0]), Path(args.build[1])
        make_corpus(count, folder)
        cmd = [sys.executable, str(ROOT / "build.py"), "build", "--root", str(folder), "--quiet"]
        subprocess.run(cmd if args.search else [*cmd, "--no-search"], check=True)
        site = folder / "site"
    elif args.site:
        site = args.site
    else:
        parser.error("give a site folder or --build N DIR")
    print(table(*measure(site)))
    if args.transfer:
        print("\n" + transferred(site))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
