"""Renditions of one very large photo: peak memory (RSS) and CPU time of making them.

Run: .venv/bin/python bench/bench_photos.py [--tool CHECKOUT] [--runs 3] [--folder DIR]
Makes (once, kept in --folder) a 143-megapixel PNG (14,000 × 10,200, light falling across
noise: what an editor's export of a stitched panorama weighs) and a 60-megapixel camera JPEG,
then, for each, runs `make_renditions` (480, 960 and 1,600 px) in a child process of its own
and prints that process's peak RSS (VmHWM, so Python, Pillow and the photo's bytes count:
not `ru_maxrss`, which Linux makes at least the parent's size at the fork) and its CPU seconds, the median of --runs. --tool measures another checkout's
`newsarchive` (the one before a change) with the same photos.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = {"png": (14_000, 10_200), "jpg": (9_480, 6_320)}  # 142.8 and 59.9 megapixels
WIDTHS = (480, 960, 1600)
CHILD = r"""
import re, resource, sys
sys.path.insert(0, sys.argv[1])
from newsarchive.build.photos import make_renditions
data = open(sys.argv[2], "rb").read()
made = make_renditions(data, tuple(int(each) for each in sys.argv[3:]))
used = resource.getrusage(resource.RUSAGE_SELF)
peak = re.search(r"VmHWM:\s*(\d+) kB", open("/proc/self/status").read())[1]
print(int(peak) / 1024, used.ru_utime + used.ru_stime, made[0])
"""


def scene(width: int, height: int) -> Image.Image:
    """A photo's pixels: light falling across noise (no two rows alike, as a camera's)."""
    from PIL import Image

    light = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 60)
    return Image.merge("RGB", (light, noise, light.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def photo(folder: Path, kind: str) -> Path:
    """The large photo of this kind, made once."""
    file = folder / f"large.{kind}"
    if not file.exists():
        image = scene(*PHOTOS[kind])
        options = {"quality": 90} if kind == "jpg" else {}
        image.save(file.with_suffix(".part"), "JPEG" if kind == "jpg" else "PNG", **options)
        os.replace(file.with_suffix(".part"), file)
    return file


def measured(tool: Path, file: Path) -> tuple[float, float, str]:
    """Peak RSS (MB), CPU seconds and kind of one child making the renditions."""
    args = [sys.executable, "-c", CHILD, str(tool), str(file), *map(str, WIDTHS)]
    peak, cpu, kind = subprocess.run(
        args, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(peak), float(cpu), kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench-photos"))
    options = parser.parse_args()
    options.folder.mkdir(parents=True, exist_ok=True)
    print("| photo | file | peak RSS | CPU |")
    print("| --- | ---: | ---: | ---: |")
    for kind, (width, height) in PHOTOS.items():
        file = photo(options.folder, kind)
        runs = [measured(options.tool, file) for _ in range(options.runs)]
        peak = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        megapixels = width * height / 1e6
        size = file.stat().st_size / 1e6
        print(
            f"| {megapixels:.0f} MP {kind.upper()} | {size:.0f} MB | {peak:.0f} MB | {cpu:.2f} s |"
        )


if __name__ == "__main__":
    main()
