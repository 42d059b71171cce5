"""A build or deploy that must wait for another holding the project's lock says so once,
then waits; it used to wait in silence, and looked hung behind a long deploy."""

from __future__ import annotations

import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, snapshot
from .test_deploy import _published, public_address

__all__ = ["public_address"]  # a fixture, used by name

WAITING = "waiting for the build or deploy already running in this folder…\n"

# Another process holding the lock until its stdin is closed: a build or deploy running.
HOLD = """
import sys
from pathlib import Path
from newsarchive.build.cache import build_lock
with build_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def _first_line_of_stderr(process: subprocess.Popen[str]) -> str:
    """The first line the process writes to stderr ('' if none within 60 s: a guard against
    a hang, not a measure)."""
    assert process.stderr is not None
    readable, _, _ = select.select([process.stderr], [], [], 60)
    return process.stderr.readline() if readable else ""


def _holding(project: Path) -> subprocess.Popen[str]:
    """Another process that takes the project's lock (it says "held") and keeps it until its
    stdin is closed."""
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


@pytest.mark.parametrize("command", ["build", "deploy"])
def test_a_command_waiting_for_the_lock_says_so_then_runs(
    project: Path, tmp_path: Path, command: str
) -> None:
    if command == "deploy" and shutil.which("rclone") is None:
        pytest.skip("needs Debian's rclone")
    build(project, project / "site", search=False)
    holder = _holding(project)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "held\n"
        out = tmp_path / "www"
        args = (
            ["deploy", str(out), "--no-check"] if command == "deploy" else ["build", "--no-search"]
        )
        waiting = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), *args, "--root", str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert _first_line_of_stderr(waiting) == WAITING
        assert waiting.poll() is None  # still waiting: nothing done meanwhile
        assert not out.exists()
    finally:
        holder.stdin.close()
        holder.wait()
    stderr = waiting.communicate(timeout=300)[1]
    assert waiting.returncode == 0, stderr
    assert stderr == ""  # said once
    if command == "deploy":
        assert snapshot(out) == _published(project / "site")


def test_serve_waiting_for_the_lock_says_so_then_serves(project: Path) -> None:
    """`serve` started while a deploy runs: its first build waits, and says so."""
    holder = _holding(project)
    assert holder.stdout is not None and holder.stdin is not None
    serve = None
    try:
        assert holder.stdout.readline() == "held\n"
        command = ["serve", "--no-search", "--port", "0", "--root", str(project)]
        serve = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert _first_line_of_stderr(serve) == WAITING
        assert not (project / "site").exists()  # nothing built meanwhile
        holder.stdin.close()
        holder.wait()
        assert serve.stdout is not None
        readable, _, _ = select.select([serve.stdout], [], [], 120)
        assert readable and serve.stdout.readline()  # then it builds and says so
    finally:
        if not holder.stdin.closed:
            holder.stdin.close()
        holder.wait()
        if serve is not None:
            serve.terminate()
            serve.wait(timeout=30)
