"""How `deploy` stops and fails, against real remotes on 127.0.0.1 (rclone's own SFTP and
WebDAV servers): what it says, its exit status, and that nothing of it goes on writing to
the remote once it has said it stopped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.core.diagnostics import BuildFailed

from .conftest import REPO, snapshot
from .test_deploy import _deploy, _published, public_address, remote

__all__ = ["public_address", "remote"]  # fixtures, used by name

pytestmark = pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")

STOPPED = (
    "stopped: archive:www may have part of the new site beside the old one; run the deploy "
    "again to finish it\n"
)


def _session(leader: int) -> list[str]:
    """The processes still running in the session `leader` started (zombies are done), with
    their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, _ppid, _pgrp, session = stat.rsplit(")", 1)[1].split()[:4]
        if int(session) == leader and state != "Z":
            found.append(f"{entry.name} {(entry / 'cmdline').read_bytes()[:60]!r}")
    return found


def test_a_terminated_deploy_stops_its_transfer_and_says_so(project: Path, remote: Path) -> None:
    """`kill PID`, a CI job cancelled, a service stopped: SIGTERM to deploy alone (not to its
    process group, as Ctrl-C is) used to end it silently while the rclone it had started went
    on writing to the remote."""
    site = project / "site"
    build(project, site)
    started = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "deploy", "archive:www", "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own session: what it leaves running can be found
    )
    assert started.stdout is not None
    assert "deploying" in started.stdout.readline()
    started.stdout.readline()  # the first pass is done, the next one under way
    os.kill(started.pid, signal.SIGTERM)
    err = started.communicate(timeout=60)[1]
    assert started.returncode == 1, err
    assert err == STOPPED
    assert _session(started.pid) == []  # no rclone left uploading
    assert _deploy(project).returncode == 0
    assert snapshot(remote) == _published(site)


def test_a_site_whose_last_build_failed_is_refused_saying_so(project: Path, remote: Path) -> None:
    """A failed build leaves site/ as it was, and deploy refuses it (it is not what content/
    holds now); it used to say the site was 'not a finished build' and to run build, as if
    none had been run, though one had just failed."""
    build(project, project / "site", search=False)
    next((project / "content" / "ar").rglob("*.md")).unlink()  # its English gloss stays
    with pytest.raises(BuildFailed):
        build(project, project / "site", search=False)
    refused = _deploy(project)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: the last build of {project} failed or was stopped, so {project / 'site'} is "
        "not what content/ holds now: fix what the build reported, then run `build.py build` "
        "and deploy\n"
    )
    assert not remote.exists()  # nothing sent
