"""The pull request check (.github/workflows/check.yml): it builds what main would be after
the merge and publishes nothing, and an input error reaches the pull request as an
annotation at its file and line, through the problem matcher that reads the build's
`path:line: error: message` lines."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import DEMO_ARTICLE, REPO

CHECK = REPO / ".github" / "workflows" / "check.yml"
MATCHER = REPO / ".github" / "build-problems.json"


def test_the_check_runs_on_pull_requests_into_main_and_publishes_nothing() -> None:
    flow = yaml.safe_load(CHECK.read_text("utf-8"))
    assert flow[True] == {"pull_request": {"branches": ["main"]}}  # PyYAML reads `on` as True
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    used = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert used == {"actions/checkout", "actions/setup-python"}
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == [f'echo "::add-matcher::{MATCHER.relative_to(REPO)}"', 'make site HOST="$HOST"']
    assert not any("deploy" in run for run in runs)


def test_a_failed_build_in_the_check_annotates_each_error_at_its_file_and_line(
    project: Path,
) -> None:
    """The build run as the workflow runs it, from the repository's root with paths
    relative to it, as the annotations need them."""
    article = project / "content" / DEMO_ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("قال التحالف"))
    lines[at:at] = ["<<<<<<< HEAD", "نص", "=======", "نص آخر", ">>>>>>> other"]
    article.write_text("\n".join(lines), encoding="utf-8")
    registry = project / "content" / "entities.yaml"
    registry.write_text(registry.read_text("utf-8") + "\n- id: iraq\n  type: place\n", "utf-8")

    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--no-search", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1
    [pattern] = json.loads(MATCHER.read_text("utf-8"))["problemMatcher"][0]["pattern"]
    found = [re.match(pattern["regexp"], line) for line in (done.stdout + done.stderr).splitlines()]
    annotations = {
        (m[pattern["file"]], int(m[pattern["line"]]), m[pattern["severity"]])
        for m in found
        if m is not None
    }
    assert (f"content/{DEMO_ARTICLE}", at + 1, "error") in annotations
    assert any(path == "content/entities.yaml" for path, _, _ in annotations)
    assert all((project / path).is_file() for path, _, _ in annotations)
