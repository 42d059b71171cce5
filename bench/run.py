"""Build benchmark: cold/no-op/edit builds at several corpus sizes, against Pelican and Hugo.

Run: .venv/bin/python bench/run.py [--sizes 1000,5000,20000:1] [--runs 3] [--no-peers] [--write-docs]
(or `make bench`). Every figure is the median of --runs runs of a separate process; memory is
the peak of the summed RSS of the whole process tree (build, its workers and Pagefind), sampled
every 20 ms. The table is printed; with --write-docs it also replaces the one in
docs/benchmarks.md between the bench markers (a run on another machine, or a quick look,
must not overwrite the published figures by default).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))  # the package, whose measure the build states its size with

import peers  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

from newsarchive.build.output import measure as site_size  # noqa: E402
from newsarchive.core.hosts import SiteSize  # noqa: E402

TABLE_PAGE = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PAGE = os.sysconf("SC_PAGE_SIZE")
QUICK = 5  # no-op and edit builds take a fraction of a second: more runs steady their median


@dataclass(frozen=True)
class Run:
    """One measured process: wall time and peak memory of its process tree."""

    seconds: float
    peak_mb: float


def _tree(pid: int) -> list[int]:
    """The pid and all its descendants (from /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:  # a process may end while it is looked at: /proc/<pid> is gone then
            tasks = list(Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:
            continue
        for task in tasks:
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return found


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total * PAGE / 2**20


def measure(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run cmd, timing it and sampling the RSS of its process tree; fails loudly on error.

    The file system is synced first (untimed): otherwise the writeback of the last build's
    files (55,000 after a cold build at 20,000, or the deletion of as many) is charged to the
    command that follows it."""
    os.sync()
    peak = [0.0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb(_tree(proc.pid)))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    took = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr.decode()[-2000:]}")
    return Run(took, peak[0])


def median(runs: list[Run]) -> Run:
    """Median time and median peak memory of several runs."""
    return Run(
        statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs)
    )


def build_cmd(corpus: Path, search: bool) -> list[str]:
    """Our build of a corpus folder."""
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "--root", str(corpus), "--quiet"]
    return cmd if search else [*cmd, "--no-search"]


def move_to_trash(folder: Path, corpus: Path) -> None:
    """Move a build's output or cache folder (ours or a peer's) into the size's trash, to be
    deleted only after all measurements: for minutes after deleting tens of thousands of
    files, creating files is several times slower on this filesystem (the kernel scans the
    recently freed inodes), which would be charged to the builds that follow (deleting the
    trash of 1,000 articles between sizes made the first cold build of 5,000 half as slow
    again). A peer's cold build then creates its files like ours, not deletes its last ones
    first (which cost Pelican up to a third more)."""
    if folder.exists():
        trash = corpus.parent / f"{corpus.name}-trash"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.parent.name}-{folder.name}-{time.monotonic_ns()}")


def clean(corpus: Path) -> None:
    """Move the output and the build cache away: the next build is cold."""
    for name in ("site", ".cache"):
        move_to_trash(corpus / name, corpus)


def empty_trash(work: Path) -> None:
    """Delete what move_to_trash() moved away, at every size."""
    for trash in work.glob("corpus-*-trash"):
        shutil.rmtree(trash, ignore_errors=True)


def read_through(folder: Path) -> None:
    """Read every file under folder once, untimed: each tool's first run then reads its input
    from memory, as its later runs do (the first build of a size read its corpus from the
    disk, the peers' runs, which come later, from memory)."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.read_bytes()


def edit_one(corpus: Path, round_: int, folder: str = "content/ar") -> None:
    """Change one article's body (a different text each round, and never the text it has:
    a corpus keeps the edits of earlier benchmark runs)."""
    files = sorted((corpus / folder).rglob("*.md"))
    target = files[len(files) // 2]
    old = target.read_text(encoding="utf-8")
    text = old.rstrip("\n").rsplit("\n\n(تحديث", 1)[0]
    for verb in ("أضيفت", "عدلت"):
        new = f"{text}\n\n(تحديث {round_}: {verb} هذه الفقرة.)\n"
        if new != old:
            break
    target.write_text(new, encoding="utf-8")


def peer_runs(
    n: int, work: Path, corpus: Path
) -> dict[str, tuple[list[str], Callable[[int], None]]]:
    """Each peer's command at one size and what to do before each of its runs (by round):
    its last output moved away for a cold build, or one article edited for a cached one."""
    found: dict[str, tuple[list[str], Callable[[int], None]]] = {}

    def cold(folder: Path) -> Callable[[int], None]:
        return lambda _: move_to_trash(folder, corpus)

    if peers.ensure_pelican():
        for name, same_site in (("pelican", False), ("pelican_site", True)):
            target = work / f"{name.replace('_', '-')}-{n}"
            cmd = peers.pelican_project(corpus, target, same_site=same_site)
            read_through(target / "content")
            found[name] = (cmd, cold(target / "output"))
        # Pelican's best rebuild after one edit: its content cache on, warmed by a first run.
        cached = work / f"pelican-cached-{n}"
        cmd = peers.pelican_project(corpus, cached, cached=True)
        move_to_trash(cached / "cache", corpus)  # made afresh: an interrupted run leaves it torn
        measure(cmd)
        found["pelican_edit"] = (cmd, lambda round_: edit_one(cached, round_, "content"))
    if Path(peers.HUGO).exists():
        cmd = peers.hugo_project(corpus, work / f"hugo-{n}")
        read_through(work / f"hugo-{n}" / "content")
        found["hugo"] = (cmd, cold(work / f"hugo-{n}" / "public"))
    return found


def bench_size(
    n: int, runs: int, work: Path, with_peers: bool, outputs: dict[str, SiteSize]
) -> dict[str, Run]:
    """Every scenario at one corpus size. Each round runs every scenario of ours and then
    each peer once: the machine's slower and quieter spells fall on both tools alike, where
    all of ours and then all of a peer's runs could set one tool's every run in a slow spell.
    `outputs` receives the size of the site each cold build made (with and without search)."""
    corpus = work / f"corpus-{n}"
    if not (corpus / "content").exists():
        make_corpus(n, corpus)
    read_through(corpus / "content")
    others = peer_runs(n, work, corpus) if with_peers else {}
    results: dict[str, list[Run]] = {}

    def record(name: str, run: Run) -> None:
        results.setdefault(name, []).append(run)
        print(f"  n={n} {name}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB", file=sys.stderr)

    quick = -(-QUICK // runs)  # warm builds after each cold one: at least QUICK in all
    edits = iter(range(1000))
    for round_ in range(runs):  # each warm build follows a build with the same options
        for search, suffix in ((True, "_search"), (False, "")):
            clean(corpus)
            record(f"cold{suffix}", measure(build_cmd(corpus, search)))
            outputs[f"cold{suffix}"] = site_size(corpus / "site")  # as the build states it
            for _ in range(quick):
                record(f"noop{suffix}", measure(build_cmd(corpus, search)))
                edit_one(corpus, next(edits))
                record(f"edit{suffix}", measure(build_cmd(corpus, search)))
        for name, (cmd, before) in others.items():
            before(round_)
            record(name, measure(cmd))
    return {name: median(rs) for name, rs in results.items()}


def _cell(run: Run | None, memory: bool = True) -> str:
    if run is None:
        return "–"
    return f"{run.seconds:.2f} s ({run.peak_mb:.0f} MB)" if memory else f"{run.seconds:.2f} s"


def table(
    rows: dict[int, dict[str, Run]], runs: dict[int, int], outputs: dict[int, dict[str, SiteSize]]
) -> str:
    """The Markdown table of all sizes, the growth ratio, the peer comparison and the size of
    the site each size made."""
    cpu = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    counts = ", ".join(f"{n:,}: {runs[n]}" for n in sorted(rows))
    lines = [
        f"Medians of several runs (articles: runs — {counts}; no-op and edit: at least {QUICK}) "
        f"on this machine ({cpu}); time (peak RSS of the process tree).",
        "",
        "| articles | cold + search | cold, no search | no-op | edit one article | edit + search "
        "| no-op + search | Pelican, Arabic pages | Pelican, same site | Pelican edit (cached) "
        "| Hugo | vs Pelican: cold (Arabic pages / same site), edit |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, r in sorted(rows.items()):
        ours = r["cold"]
        pel, site, pel_edit = r.get("pelican"), r.get("pelican_site"), r.get("pelican_edit")
        cold = " / ".join(f"{p.seconds / ours.seconds:.1f}×" if p else "–" for p in (pel, site))
        edit = f"{pel_edit.seconds / r['edit'].seconds:.0f}×" if pel_edit else "–"
        lines.append(
            f"| {n:,} | {_cell(r['cold_search'])} | {_cell(ours)} | {_cell(r['noop'], False)} "
            f"| {_cell(r['edit'], False)} | {_cell(r['edit_search'], False)} "
            f"| {_cell(r['noop_search'], False)} | {_cell(pel)} | {_cell(site)} "
            f"| {_cell(pel_edit, False)} | {_cell(r.get('hugo'))} | {cold}, {edit} |"
        )
    if len(rows) > 1:
        first = min(rows)
        per = {n: rows[n]["cold"].seconds / n * 1000 for n in sorted(rows)}
        growth = " : ".join(f"{per[n] / per[first]:.2f}" for n in sorted(rows))
        sizes = "/".join(f"{n // 1000}k" for n in sorted(rows))
        lines += [
            "",
            f"Cold build time per 1,000 articles, {sizes} relative to {first // 1000}k: {growth} (1 : 1 : 1 is linear).",
        ]
    lines += ["", "| articles | site, no search | site, with search |", "| ---: | --- | --- |"]
    for n, made in sorted(outputs.items()):
        lines.append(f"| {n:,} | {made.get('cold', '–')} | {made.get('cold_search', '–')} |")
    return "\n".join(lines)


def write_table(text: str) -> None:
    """Replace the benchmark page's table (between the bench markers)."""
    page = TABLE_PAGE.read_text(encoding="utf-8")
    if START not in page or END not in page:
        print(f"{TABLE_PAGE} has no bench markers; table not written", file=sys.stderr)
        return
    head, rest = page.split(START, 1)
    _, tail = rest.split(END, 1)
    TABLE_PAGE.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def options(argv: list[str]) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(description="build benchmark")
    parser.add_argument(
        "--sizes",
        default="1000,5000,20000",
        help="comma-separated article counts, each optionally :runs",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="corpora and peer projects")
    parser.add_argument("--no-peers", action="store_true", help="skip Pelican and Hugo")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="also write the table into docs/benchmarks.md (default: only print it)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Command line."""
    args = options(argv)
    # The tool as installed: `make site` compiles its modules as pip does for a regular
    # install (where PYTHONDONTWRITEBYTECODE is set, as here, nothing else would; every
    # build would compile them again, a tenth of a second), and its templates.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "newsarchive")], check=True
    )
    compiled = "from newsarchive.build.compiledtemplates import compile_package_templates as c; c()"
    subprocess.run([sys.executable, "-c", compiled], cwd=ROOT, check=True)
    rows, runs, outputs = {}, {}, {}
    for size in args.sizes.split(","):
        # "20000:1": fewer runs for a size whose runs take minutes each.
        n, _, count = size.partition(":")
        runs[int(n)] = int(count or args.runs)
        outputs[int(n)] = {}
        rows[int(n)] = bench_size(
            int(n), runs[int(n)], args.work, not args.no_peers, outputs[int(n)]
        )
    empty_trash(args.work)
    text = table(rows, runs, outputs)
    print(text)
    if args.write_docs:
        write_table(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
