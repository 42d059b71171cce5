"""Adding and deleting one article: the full build that keeps the other articles.

python bench/bench_add.py [--sizes 20000,100000] [--runs 3] [--work bench/out]
For each size, the benchmark corpus (bench/make_corpus.py, kept in --work as run.py keeps
it) is built cold, with search and then without; then, --runs times, one article is added
to a month of 2018 (a copy of one there, with another title) and the site built again, and
the article deleted and the site built again. Each figure is the median, in a separate
process, timed and with the peak memory of its process tree as run.py measures them. The
table is printed (docs/benchmarks.md, "Adding an article", holds the latest).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402
from run import Run, build_cmd, clean, empty_trash, measure, median  # noqa: E402

MONTH = "content/ar/2018/03"


def add_article(corpus: Path, round_: int) -> Path:
    """A new article in MONTH: the month's first article under another title and name."""
    model = sorted((corpus / MONTH).glob("*.md"))[0]
    text = model.read_text(encoding="utf-8")
    title = f'title: "خبر أضيف للقياس {round_}"'
    added = corpus / MONTH / f"added-{round_}.md"
    added.write_text(re.sub(r'(?m)^title: ".*"$', title, text, count=1), encoding="utf-8")
    return added


def bench_size(n: int, runs: int, work: Path) -> dict[str, Run]:
    """The cold build, and the median add and delete, with and without search."""
    corpus = work / f"corpus-{n}"
    if not (corpus / "content").exists():
        make_corpus(n, corpus)
    found: dict[str, list[Run]] = {}

    def record(name: str, run: Run) -> None:
        found.setdefault(name, []).append(run)
        print(f"  n={n} {name}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB", file=sys.stderr)

    for search, suffix in ((True, " + search"), (False, "")):
        clean(corpus)
        record(f"cold{suffix}", measure(build_cmd(corpus, search)))
        for round_ in range(runs):
            added = add_article(corpus, round_)
            record(f"add{suffix}", measure(build_cmd(corpus, search)))
            added.unlink()
            record(f"delete{suffix}", measure(build_cmd(corpus, search)))
    return {name: median(each) for name, each in found.items()}


def table(rows: dict[int, dict[str, Run]], runs: int) -> str:
    """The Markdown table: time (peak memory of the process tree) per scenario."""
    names = ["cold + search", "add + search", "delete + search", "cold", "add", "delete"]
    lines = [
        f"Medians of {runs} runs (cold: 1); time (peak RSS of the process tree).",
        "",
        "| articles | " + " | ".join(names) + " |",
        "| ---: |" + " ---: |" * len(names),
    ]
    for n, row in rows.items():
        cells = (f"{row[name].seconds:.1f} s ({row[name].peak_mb:,.0f} MB)" for name in names)
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description="adding and deleting one article")
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="adds and deletes per size (median)")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where the corpora are")
    args = parser.parse_args(argv)
    rows = {int(n): bench_size(int(n), args.runs, args.work) for n in args.sizes.split(",")}
    empty_trash(args.work)
    print(table(rows, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
