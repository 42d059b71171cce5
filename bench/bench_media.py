"""A large recording in an article: peak memory (RSS) of the builds that publish it.

Run: .venv/bin/python bench/bench_media.py [--tool CHECKOUT] [--mb 300] [--folder DIR]
Copies the demo project into --folder, adds a video of --mb megabytes (bytes that do not
repeat, written once and kept) that the demo article shows, then builds it in a child
process of its own, serially (NEWSARCHIVE_WORKERS=1, so that everything the build holds is
in the one process), and prints that process's peak RSS (VmHWM: Python and whatever it
read count; not `ru_maxrss`, which Linux makes at least the parent's size at the fork) for:
a cold build (no site, no cache: the video copied), a full build over that site (site.toml
edited: the video equal to the published one, linked to it) and an edit's build (the video
replaced under its name by other bytes: copied over the published one). --tool measures
another checkout's `newsarchive` (the one before a change) with the same project.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
VIDEO = "content/media/2020/conference.mp4"
CHILD = r"""
import os, re, sys
sys.path.insert(0, sys.argv[1])
from newsarchive.cli import main
code = main(["build", "--root", sys.argv[2], "--no-search", "--quiet", "--host", "object-storage"])
peak = re.search(r"VmHWM:\s*(\d+) kB", open("/proc/self/status").read())[1]
print(code, int(peak) / 1024)
"""


def write_video(target: Path, megabytes: int, seed: bytes) -> None:
    """A file of this many MB whose 1 MB blocks all differ (no file system can share them)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    block = hashlib.sha512(seed).digest() * (1_000_000 // 64)
    with open(target, "wb") as out:
        for n in range(megabytes):
            out.write(n.to_bytes(8, "big") + block[8:])


def measured(tool: Path, project: Path) -> float:
    """Peak RSS (MB) of one build of the project."""
    env = {**os.environ, "NEWSARCHIVE_WORKERS": "1"}
    args = [sys.executable, "-c", CHILD, str(tool), str(project)]
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout
    code, peak = out.split()
    if code != "0":
        raise SystemExit(f"the build of {project} failed")
    return float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", type=Path, default=ROOT)
    parser.add_argument("--mb", type=int, default=300)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench-media"))
    options = parser.parse_args()
    project = options.folder / "project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "content", project / "content")
    article = project / ARTICLE
    shown = '\n![المؤتمر الصحفي](../../../media/2020/conference.mp4 "المؤتمر")\n'
    article.write_text(article.read_text(encoding="utf-8") + shown, encoding="utf-8")
    kept = options.folder / f"video-{options.mb}.mp4"
    if not kept.exists():
        write_video(kept, options.mb, b"first")
    (project / VIDEO).parent.mkdir(parents=True, exist_ok=True)
    os.link(kept, project / VIDEO)
    cold = measured(options.tool, project)
    config = project / "content/site.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    full = measured(options.tool, project)
    (project / VIDEO).unlink()
    write_video(project / VIDEO, options.mb, b"second")
    replaced = measured(options.tool, project)
    print(f"| build, {options.mb} MB video | peak RSS |")
    print("| --- | ---: |")
    for name, peak in (("cold", cold), ("full, over the site", full), ("video replaced", replaced)):
        print(f"| {name} | {peak:.0f} MB |")
    published = project / "site" / re.sub("^content/", "", VIDEO)
    if published.stat().st_size != options.mb * 1_000_000:
        raise SystemExit("the published video is not whole")


if __name__ == "__main__":
    main()
