"""Bulk import: N raw files with a manifest into an archive of M articles (prints Markdown).

Run: .venv/bin/python bench/bench_import.py [--files 1000] [--archive 1000,5000] [--runs 3]

The raw files are the seed's paragraphs recombined, each with made-up words so that no two
texts are the same, opening with datelines of every form. The archive is the build
benchmark's generated corpus (make_corpus.py): every one of its articles is read and
fingerprinted for the duplicate check. Each run is a separate `build.py import` process on a
fresh copy of the archive; the figures are the median wall time, the median CPU time (user
and system: steadier than wall time on a machine shared with other work) and the largest
peak memory (resident set) of the process. Then the same import is run again over its own result, as an
editor re-runs a delivery to resume or extend it: every row is then already imported.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

SEED = ROOT / "seeds" / "000_3083be2c29831bde.txt"
DATELINES = (
    "شفق نيوز/ ",
    "بغداد/ شفق نيوز/ ",
    "شفق نيوز/ أربيل/ ",
    "البصرة - السومرية نيوز: ",
    "الموصل (رويترز) - ",
    "",
)
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def raw_files(count: int, folder: Path) -> Path:
    """Write `count` distinct raw articles and their manifest; return the manifest."""
    rng = random.Random(2021)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    paragraphs[0] = paragraphs[0].removeprefix("شفق نيوز/ ")
    rows = ["file,date,slug"]
    (folder / "raw").mkdir(parents=True)
    for i in range(count):
        chosen = rng.sample(paragraphs, rng.randint(4, 10))
        words = ["".join(rng.choices(LETTERS, k=rng.randint(3, 7))) for _ in chosen]
        text = [f"{p} {w}" for p, w in zip(chosen, words, strict=True)]
        text[0] = DATELINES[i % len(DATELINES)] + text[0]
        name = f"raw/{i:05d}.txt"
        (folder / name).write_text("\n".join(text) + "\n", encoding="utf-8")
        rows.append(f"{name},{2010 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d},bulk-{i:05d}")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


@dataclass(frozen=True)
class Figures:
    """Seconds (median, min, max), CPU seconds (median) and peak memory (MB, the largest)
    of the runs."""

    median: float
    low: float
    high: float
    cpu: float
    peak_mb: float


def measure(files: int, archive: int, runs: int) -> tuple[Figures, Figures]:
    """The figures of importing `files` raw files into `archive` articles, and of the same
    import run again over its result."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_corpus(archive, base / "archive")
        manifest = raw_files(files, base / "delivery")
        first: list[tuple[float, float, float]] = []
        again: list[tuple[float, float, float]] = []
        for run in range(runs):
            project = base / f"run{run}"
            shutil.copytree(base / "archive", project)
            command = [
                sys.executable,
                str(ROOT / "build.py"),
                "import",
                str(base / "delivery/raw"),
                "--manifest",
                str(manifest),
                "--root",
                str(project),
            ]
            seconds, cpu, peak, code, out, err = _run(command)
            if code != 0:
                raise SystemExit(err[-2000:])
            assert out.count("imported ") >= files, out[-500:]
            first.append((seconds, cpu, peak))
            seconds, cpu, peak, code, out, err = _run(command)
            again.append((seconds, cpu, peak))
            print(f"<!-- run {run}: re-run exit {code}: {(out + err)[-300:]!r} -->")
            shutil.rmtree(project)
    return _figures(first), _figures(again)


def _run(command: list[str]) -> tuple[float, float, float, int, str, str]:
    """Seconds, CPU seconds, peak resident memory (MB), exit code, stdout and stderr of one
    process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        texts = out.read().decode("utf-8"), err.read().decode("utf-8")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, process.returncode, *texts


def _figures(runs: list[tuple[float, float, float]]) -> Figures:
    times = [seconds for seconds, _, _ in runs]
    cpu = statistics.median(cpu for _, cpu, _ in runs)
    peak = max(mb for _, _, mb in runs)
    return Figures(statistics.median(times), min(times), max(times), cpu, peak)


def main(argv: list[str]) -> int:
    """Command line: prints a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--archive", default="1000,5000", help="archive sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        "| raw files | archive articles | import (median) | min–max | CPU | peak memory "
        "| re-run (median) | min–max | CPU | peak memory |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.archive.split(",")):
        first, again = measure(args.files, size, args.runs)
        cells = [
            f"{f.median:.2f} s | {f.low:.2f}–{f.high:.2f} s | {f.cpu:.2f} s | {f.peak_mb:.0f} MB"
            for f in (first, again)
        ]
        print(f"| {args.files:,} | {size:,} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
