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
from .test_deploy import _deploy, _published, obscured, public_address, remote, use_remote, wait_for
from .webtools import free_port

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


def test_a_refused_password_is_said_in_plain_words(
    project: Path, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SFTP and WebDAV servers that refuse the password: said so, with where to set it (it
    used to read `cannot reach …: Failed to backend: NewFs: couldn't connect SSH: ssh:
    handshake failed…`, as if the server were down)."""
    build(project, project / "site", search=False)
    monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_PASS", obscured("wrong"))
    refused = _deploy(project)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "error: archive:www refused access: check the user name and password or keys "
        "set for it (`rclone config`, or the RCLONE_CONFIG_ARCHIVE_* variables); rclone said: "
    )
    assert "unable to authenticate" in refused.stderr and "run it again" not in refused.stderr
    assert not remote.exists()

    served = tmp_path / "dav"
    served.mkdir()
    port = free_port()
    serve = ["rclone", "serve", "webdav", str(served), f"--addr=127.0.0.1:{port}"]
    server = subprocess.Popen([*serve, "--user=editor", "--pass=secret"], stderr=subprocess.DEVNULL)
    try:
        for key in ("HOST", "PORT", "SHELL_TYPE", "MD5SUM_COMMAND", "SHA1SUM_COMMAND"):
            monkeypatch.delenv(f"RCLONE_CONFIG_ARCHIVE_{key}")
        monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_TYPE", "webdav")
        monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_URL", f"http://127.0.0.1:{port}")
        monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_VENDOR", "other")
        wait_for(port)
        refused = _deploy(project)
        assert refused.returncode == 1
        assert refused.stderr.startswith("error: archive:www refused access: "), refused.stderr
        assert "401 Unauthorized" in refused.stderr and not list(served.iterdir())
    finally:
        server.terminate()
        server.wait()


def test_a_missing_rclone_config_file_is_named(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remote is in a config file rclone does not read (RCLONE_CONFIG wrong, or another
    user's home under sudo or CI): the file it looked for is named."""
    build(project, project / "site", search=False)
    config = tmp_path / "nowhere" / "rclone.conf"
    monkeypatch.setenv("RCLONE_CONFIG", str(config))
    unknown = _deploy(project, "mine:www")
    assert unknown.returncode == 1
    assert unknown.stderr == (
        f"error: rclone knows no remote named 'mine' (it read no config file: {config} does "
        "not exist): add it with `rclone config`, or set RCLONE_CONFIG_MINE_TYPE and its "
        "other settings (docs/deploy.md)\n"
    )


def test_a_folder_holding_other_files_is_refused_not_emptied(project: Path, tmp_path: Path) -> None:
    """deploy makes the remote exactly the site: into a folder that holds something else it
    used to delete it all (a wedding photo, notes) and report 'deployed'. A remote whose top
    holds only what this archive's builds make is deployed to as before."""
    site = project / "site"
    build(project, site, search=False)
    folder = tmp_path / "www"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "wedding.jpg").write_bytes(b"precious")
    (folder / "notes.txt").write_text("notes", encoding="utf-8")
    (folder / "sitemap-7.xml.gz").write_bytes(b"an old part")  # a build made it: not theirs
    before = snapshot(folder)
    refused = _deploy(project, str(folder))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: {folder} holds what this site does not have: notes.txt, photos/. deploy makes "
        "the remote exactly the site and would delete them: deploy to an empty folder or "
        "bucket path, or move them away first\n"
    )
    assert snapshot(folder) == before  # nothing sent, nothing deleted
    shutil.rmtree(folder / "photos")
    (folder / "notes.txt").unlink()
    sent = _deploy(project, str(folder))
    assert sent.returncode == 0, sent.stderr
    assert snapshot(folder) == _published(site)  # the old sitemap part deleted


def test_a_remote_lost_part_way_is_said_in_plain_words(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SFTP server stops after the first pass: the deploy fails saying the deploy to the
    remote failed part way and to run it again (it said `Failed to create file system for
    "archive:www": NewFs: …`)."""
    served = tmp_path / "served"
    served.mkdir()
    port = free_port()
    serve = ["rclone", "serve", "sftp", str(served), f"--addr=127.0.0.1:{port}"]
    server = subprocess.Popen([*serve, "--user=editor", "--pass=secret"], stderr=subprocess.DEVNULL)
    sftp = {"PORT": str(port), "USER": "editor", "PASS": obscured("secret")}
    use_remote(monkeypatch, tmp_path / "rclone.conf", {"TYPE": "sftp", "HOST": "127.0.0.1", **sftp})
    wait_for(port)
    build(project, project / "site")
    try:
        started = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "build.py"),
                "deploy",
                "archive:www",
                "--root",
                str(project),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert started.stdout is not None
        assert "deploying" in started.stdout.readline()
        started.stdout.readline()  # the first pass is done
    finally:
        server.terminate()
        server.wait()
    err = started.communicate(timeout=300)[1]
    assert started.returncode == 1
    assert err.startswith("error: the deploy to archive:www failed part way: "), err
    assert "Failed to create file system" not in err
    assert err.endswith("; run it again to finish the deploy\n")


def test_a_build_waits_for_the_deploy_reading_the_site(project: Path, remote: Path) -> None:
    """An editor saves while a deploy runs, and `serve` (or `build` in another terminal)
    rebuilds site/: the build waits for the deploy, which publishes the site as it was when
    it started. The build used to rewrite site/ under the deploy, which then published the
    first kinds of files from one build and the pages from the next."""
    site = project / "site"
    build(project, site, search=False)
    before = _published(site)
    started = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "deploy",
            "archive:www",
            "--no-check",
            "--root",
            str(project),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert started.stdout is not None
    assert "deploying" in started.stdout.readline()
    started.stdout.readline()  # the first pass is done
    article = next((project / "content" / "ar").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخيرة.\n", "utf-8")
    build(project, site, search=False)
    assert started.wait(timeout=300) == 0
    assert snapshot(remote) == before
    assert _published(site) != before  # built after the deploy, for the next one


def test_a_site_without_search_is_not_sent_over_a_published_search_index(
    project: Path, tmp_path: Path
) -> None:
    """`build --no-search` (quicker) then deploy used to delete the remote's pagefind/, and
    with it the search readers use; now refused before anything is sent, saying why."""
    site = project / "site"
    build(project, site)
    out = tmp_path / "www"
    assert _deploy(project, str(out)).returncode == 0
    before = snapshot(out)
    build(project, site, search=False)
    refused = _deploy(project, str(out))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: {out} has a search index (pagefind/) and {site} has none: it was built with "
        "--no-search (or has no articles), and deploying it would delete the search readers "
        "use. Build it without --no-search (or delete pagefind/ from the remote first)\n"
    )
    assert snapshot(out) == before


def test_an_inline_remote_is_said_without_its_keys_and_passwords(
    project: Path, remote: Path
) -> None:
    """`deploy ':sftp,…,pass=X:www'` (rclone's connection string, as a CI job may pass it)
    printed the remote word for word, in its first line and in every error: each parameter's
    value is said as `…`, in the tool's lines and in rclone's own, whether the deploy
    succeeds or the server refuses the password."""
    build(project, project / "site")
    port = os.environ["RCLONE_CONFIG_ARCHIVE_PORT"]
    right, wrong = obscured("secret"), obscured("not-the-password")
    inline = (
        f":sftp,host=127.0.0.1,port={port},user=editor,pass={{}},shell_type=unix,"
        "md5sum_command='md5sum',sha1sum_command=sha1sum:www"
    )
    shown = ":sftp,host=…,port=…,user=…,pass=…,shell_type=…,md5sum_command=…,sha1sum_command=…:www"
    done = _deploy(project, inline.format(right))
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert f" to {shown}\n" in done.stdout
    assert right not in said and "editor" not in said and port not in said.replace("/", " ")
    assert _published(project / "site") == snapshot(remote)
    refused = _deploy(project, inline.format(wrong))
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1 and shown in refused.stderr, said
    assert wrong not in said and "editor" not in said


def test_an_inline_s3_remote_that_cannot_be_reached_is_said_without_its_keys(
    project: Path,
) -> None:
    build(project, project / "site")
    closed = free_port()
    inline = (
        ":s3,provider=Other,access_key_id=AKIDEXAMPLEKEY1,secret_access_key=SECRETEXAMPLE2,"
        f"endpoint='http://127.0.0.1:{closed}':bucket"
    )
    done = _deploy(project, inline)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert ":s3,provider=…,access_key_id=…,secret_access_key=…,endpoint=…:bucket" in said
    assert "AKIDEXAMPLEKEY1" not in said and "SECRETEXAMPLE2" not in said
