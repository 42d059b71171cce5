"""Lighthouse audits of a built archive, as a reader's browser sees it: Performance,
Accessibility, Best Practices and SEO of each kind of page, mobile and desktop, served under
/repo/ as GitHub Pages serves a project site.

Run: .venv/bin/python bench/audit.py [--articles 1000] [--write-docs] [--only mobile]

Lighthouse 12.2.3 comes from npm (`make lighthouse` installs it into tools/lighthouse/; newer
versions need Node 22) and runs Debian's Chromium. The table goes into docs/benchmarks.md
between the audit markers, with the audits that cost points.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402

from newsarchive.build.engine import build  # noqa: E402
from tests.webtools import CHROMIUM, free_port, serve_folder  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- audit:start -->", "<!-- audit:end -->"


def pages_to_audit(site: Path) -> dict[str, str]:
    """One page of each kind: its label and its path under the base URL."""

    # The newest article with an indexed English page (an article with nothing translated has
    # none; one with outdated paragraphs only has a noindex one).
    def indexed(english: Path) -> bool:
        return english.exists() and b"noindex" not in english.read_bytes()

    story = next(
        story
        for article in sorted((site / "ar").glob("20*/[0-9][0-9]/*/index.html"), reverse=True)
        if indexed(site / "en" / (story := _story(site, article)) / "index.html")
    )
    entity = sorted((site / "ar" / "entities").glob("*/index.html"))[0].parent.name
    year = sorted(p.name for p in (site / "ar").glob("20[0-9][0-9]") if p.is_dir())[-1]
    return {
        "home (ar)": "ar/",  # the root is a language chooser
        "home (en)": "en/",
        "article (ar)": f"ar/{story}/",
        "article (en)": f"en/{story}/",
        "entity (ar)": f"ar/entities/{entity}/",
        "year archive (ar)": f"ar/{year}/",
        "search (ar), a query": f"ar/search/?q={quote('القوات')}",
    }


def _story(site: Path, article: Path) -> str:
    return article.parent.relative_to(site / "ar").as_posix()


def lighthouse(url: str, preset: str, out: Path) -> dict[str, object]:
    """Run Lighthouse once; its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def scores(report: dict[str, object]) -> tuple[dict[str, int], list[str]]:
    """Each category's score (0-100) and the audits that cost points."""
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    found = {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}
    failing = sorted(
        audit["id"]
        for category in categories.values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (audit := audits[ref["id"]])["score"] is not None
        and audit["score"] < 1
    )
    return found, failing


def table(rows: list[tuple[str, str, dict[str, int], list[str]]], articles: int) -> str:
    lines = [
        f"Lighthouse 12.2.3, Debian's Chromium, a {articles:,}-article build served under "
        "`/repo/` on 127.0.0.1 (`bench/audit.py`).",
        "",
        "| page | preset | Performance | Accessibility | Best Practices | SEO | audits losing points |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, preset, found, failing in rows:
        cells = " | ".join(str(found[name]) for name in CATEGORIES)
        lines.append(f"| {label} | {preset} | {cells} | {', '.join(failing) or '—'} |")
    return "\n".join(lines)


def write_table(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in doc:
        doc = re.sub(f"{re.escape(START)}.*?{re.escape(END)}", block, doc, flags=re.DOTALL)
    else:
        doc = doc.rstrip() + f"\n\n## Lighthouse audits\n\n{block}\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--only", choices=("mobile", "desktop"))
    parser.add_argument(
        "--write-docs", action="store_true", help="also rewrite the table in docs/benchmarks.md"
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `make lighthouse` first", file=sys.stderr)
        return 1
    presets = [args.only] if args.only else ["mobile", "desktop"]
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        make_corpus(args.articles, root)
        port = free_port()
        build(root, root / "site", f"http://127.0.0.1:{port}/repo/")
        rows = []
        with serve_folder(root / "site", "/repo/", port) as base:
            for label, path in pages_to_audit(root / "site").items():
                for preset in presets:
                    report = lighthouse(base + path, preset, root / "report.json")
                    found, failing = scores(report)
                    rows.append((label, preset, found, failing))
                    print(label, preset, found, failing, flush=True)
    text = table(rows, args.articles)
    print(text)
    if args.write_docs:
        write_table(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
