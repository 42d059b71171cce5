"""`deploy` against remotes that misbehave, real servers on 127.0.0.1: one that accepts the
connection and never answers, and a WebDAV server that advertises checksums and gives none;
and deploy killed outright, which must take its rclone with it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, snapshot
from .test_deploy import (
    _deploy,
    _published,
    _uploaded,
    deploy_started,
    obscured,
    public_address,
    use_remote,
    webdav,
)
from .test_deploy_failures import _session

__all__ = ["public_address"]  # a fixture, used by name

pytestmark = pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")


@pytest.fixture
def silent() -> Iterator[int]:
    """A port where connections are accepted (the kernel completes them for the listening
    socket) and nothing is ever said back: a server hung, or a firewall's tarpit."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(64)
        yield listening.getsockname()[1]


def _silent_remote(kind: str, port: int, monkeypatch: pytest.MonkeyPatch, config: Path) -> None:
    """The remote `archive:` of this kind at the silent port."""
    if kind == "sftp":
        settings = {"TYPE": "sftp", "HOST": "127.0.0.1", "PORT": str(port), "USER": "editor"}
        use_remote(monkeypatch, config, {**settings, "PASS": obscured("secret")})
    else:
        use_remote(
            monkeypatch,
            config,
            {"TYPE": "webdav", "URL": f"http://127.0.0.1:{port}", "VENDOR": "other"},
        )


@pytest.mark.parametrize("kind", ["sftp", "webdav"])
def test_a_remote_that_never_answers_is_reported_before_anything_is_sent(
    project: Path, silent: int, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`deploy` used to wait for ever after `deploying …`: rclone was first asked what the
    remote is without a time limit. The 120 s limit here only keeps a hang from holding the
    test run; rclone is given 10 s to connect and 20 s of silence."""
    build(project, project / "site", search=False)
    _silent_remote(kind, silent, monkeypatch, tmp_path / "rclone.conf")
    command = [sys.executable, str(REPO / "build.py"), "deploy", "archive:www"]
    failed = subprocess.run(
        [*command, "--root", str(project)], capture_output=True, text=True, timeout=120
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: cannot reach archive:www: "), failed.stderr
    assert "run it again" not in failed.stderr  # nothing was sent


def _rclone_running(leader: int) -> bool:
    """Whether an rclone of the session `leader` started is running, waiting up to 10 s for
    one to start."""
    for _ in range(200):
        if any("rclone" in process for process in _session(leader)):
            return True
        time.sleep(0.05)
    return False


def test_stopped_before_anything_is_sent_says_nothing_was_sent(
    project: Path, silent: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped while the remote was still being asked what it holds, deploy said the remote
    'may have part of the new site beside the old one', when nothing had been sent."""
    build(project, project / "site", search=False)
    _silent_remote("sftp", silent, monkeypatch, tmp_path / "rclone.conf")
    started = deploy_started(project)
    assert _rclone_running(started.pid)  # asking the remote, which does not answer
    os.kill(started.pid, signal.SIGTERM)
    err = started.communicate(timeout=60)[1]
    assert started.returncode == 1
    assert err == "stopped: nothing was sent\n"


def test_a_killed_deploy_takes_its_rclone_with_it(
    project: Path, silent: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kill -9` (the OOM killer, a CI runner giving up) of deploy, which no handler sees,
    used to leave its rclone running: writing to the remote after the build lock it held was
    released, so a build could rewrite site/ under it. Here rclone waits on a remote that
    does not answer, for 20 s, unless it dies with deploy."""
    build(project, project / "site", search=False)
    _silent_remote("sftp", silent, monkeypatch, tmp_path / "rclone.conf")
    started = deploy_started(project)
    assert _rclone_running(started.pid)
    os.kill(started.pid, signal.SIGKILL)
    started.wait()
    for _ in range(100):  # the kernel kills it at once; 5 s before calling it left behind
        if not _session(started.pid):
            break
        time.sleep(0.05)
    assert _session(started.pid) == []


def test_a_remote_advertising_checksums_it_does_not_give_gets_same_size_edits(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rclone's WebDAV taken for ownCloud advertises MD5 and SHA-1 and gives neither; deploy
    compared by checksum, rclone fell back to size alone, and an edit that kept the page's
    size (50 → 60) was never sent: 'deployed', and the remote kept the old page and a
    pagefind-entry.json naming an index the deploy deleted. Now the checksum is asked of a
    file first and, given none, files are told by size and time."""
    with webdav(tmp_path, monkeypatch, "owncloud") as served:
        site = project / "site"
        build(project, site)
        first = _deploy(project)  # an empty remote: asked of the first file sent
        assert first.returncode == 0, first.stderr
        assert "advertises md5 checksums but gave none for " in first.stdout
        assert snapshot(served / "www") == _published(site)
        article = next((project / "content" / "ar").rglob("*.md"))
        text = article.read_text(encoding="utf-8")
        edited = text.replace("50", "60", 1) if "50" in text else text.replace("ال", "لا", 1)
        assert edited != text and len(edited.encode()) == len(text.encode())
        article.write_text(edited, "utf-8")
        build(project, site)
        again = _deploy(project)
        assert again.returncode == 0, again.stderr
        assert "archive:www advertises md5 checksums but gave none for " in again.stdout
        assert "(unchanged files told by size and time)\n" in again.stdout
        assert snapshot(served / "www") == _published(site)
        assert _uploaded(again)[0] > 0
