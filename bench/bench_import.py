"""Bulk import: N raw files with a manifest into an archive of M articles (prints Markdown).

Run: .venv/bin/python bench/bench_import.py [--files 1000] [--archive 1000,5000] [--runs 3]

The raw files are the seed's paragraphs recombined, each with made-up words so that no two
texts are the same, opening with datelines of every form. The archive is the build
benchmark's generated corpus (make_corpus.py): every one of its articles is read and
fingerprinted for the duplicate check. Each run is a separate `build.py import` process on a
fresh copy of the archive; the figure is the median wall time.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def measure(files: int, archive: int, runs: int) -> tuple[float, float, float]:
    """(median, min, max) seconds of importing `files` raw files into `archive` articles."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_corpus(archive, base / "archive")
        manifest = raw_files(files, base / "delivery")
        times = []
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
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            assert done.stdout.count("imported ") == files, done.stdout[-500:]
            shutil.rmtree(project)
    return statistics.median(times), min(times), max(times)


def main(argv: list[str]) -> int:
    """Command line: prints a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--archive", default="1000,5000", help="archive sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("| raw files | archive articles | import (median) | min–max |")
    print("| ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.archive.split(",")):
        median, low, high = measure(args.files, size, args.runs)
        print(f"| {args.files:,} | {size:,} | {median:.2f} s | {low:.2f}–{high:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
