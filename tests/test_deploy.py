"""`deploy` publishes site/ through rclone to a real SFTP server on 127.0.0.1 (rclone's own
`serve sftp`): everything the first time, only what changed after an edit, deletions last,
and a deploy interrupted half way is finished by the next."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.build.output import MARKER
from newsarchive.publish.deploy import PASSES

from .conftest import REPO, snapshot
from .webtools import free_port

pytestmark = pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")


@pytest.fixture(autouse=True)
def public_address(project: Path) -> None:
    """The demo's base URL is the preview address, which deploy refuses: these sites are
    built for a public one."""
    config = project / "content/site.toml"
    text = config.read_text(encoding="utf-8")
    preview = 'base_url = "http://127.0.0.1:8000/"'
    assert preview in text
    config.write_text(text.replace(preview, f'base_url = "{PUBLIC}"'), encoding="utf-8")


PUBLIC = "https://news.example.org/archive/"


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An SFTP server serving a folder; the rclone remote `archive:` reaches it. Yields the
    folder the server writes into."""
    served = tmp_path / "served"
    served.mkdir()
    port = free_port()
    serve = ["rclone", "serve", "sftp", str(served), f"--addr=127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*serve, "--user=editor", "--pass=secret"],
        stderr=subprocess.DEVNULL,
    )
    use_remote(
        monkeypatch,
        tmp_path / "rclone.conf",
        {
            "TYPE": "sftp",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "USER": "editor",
            "PASS": obscured("secret"),
            "SHELL_TYPE": "unix",
            "MD5SUM_COMMAND": "md5sum",
            "SHA1SUM_COMMAND": "sha1sum",
        },
    )
    wait_for(port)
    yield served / "www"
    server.terminate()
    server.wait()


def use_remote(monkeypatch: pytest.MonkeyPatch, config: Path, settings: Mapping[str, str]) -> None:
    """The rclone remote `archive:` made of RCLONE_CONFIG_ARCHIVE_* variables (`settings`,
    by key), with RCLONE_CONFIG naming `config` (no file there: the variables alone)."""
    monkeypatch.setenv("RCLONE_CONFIG", str(config))
    for key, value in settings.items():
        monkeypatch.setenv(f"RCLONE_CONFIG_ARCHIVE_{key}", value)


def unserved_s3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The remote `archive:`, an S3 store whose endpoint on 127.0.0.1 nobody serves."""
    use_remote(
        monkeypatch,
        tmp_path / "rclone.conf",
        {
            "TYPE": "s3",
            "PROVIDER": "Cloudflare",
            "ENDPOINT": f"http://127.0.0.1:{free_port()}",
            "ACCESS_KEY_ID": "key",
            "SECRET_ACCESS_KEY": "secret",
        },
    )


def obscured(password: str) -> str:
    """A password as rclone's config holds it."""
    done = subprocess.run(["rclone", "obscure", password], capture_output=True, text=True)
    return done.stdout.strip()


def wait_for(port: int) -> None:
    """Until a server listens on 127.0.0.1:port (or 5 s have passed)."""
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)


@contextlib.contextmanager
def webdav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vendor: str) -> Iterator[Path]:
    """rclone's WebDAV server on a folder, which the remote `archive:` reaches as a server
    of this vendor; yields the folder."""
    served = tmp_path / "dav"
    served.mkdir()
    port = free_port()
    server = subprocess.Popen(
        ["rclone", "serve", "webdav", str(served), f"--addr=127.0.0.1:{port}"],
        stderr=subprocess.DEVNULL,
    )
    settings = {"TYPE": "webdav", "URL": f"http://127.0.0.1:{port}", "VENDOR": vendor}
    use_remote(monkeypatch, tmp_path / "rclone.conf", settings)
    try:
        wait_for(port)
        yield served
    finally:
        server.terminate()
        server.wait()


def _deploy(
    root: Path, remote: str = "archive:www", *options: str, checked: bool = False
) -> subprocess.CompletedProcess[str]:
    """deploy REMOTE; `checked`: asking the public address after the upload, which for
    PUBLIC nobody serves here (test_deploy_check serves it), so by default --no-check."""
    unchecked = () if checked else ("--no-check",)
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "deploy",
            remote,
            "--root",
            str(root),
            *options,
            *unchecked,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def deploy_started(project: Path) -> subprocess.Popen[str]:
    """deploy to archive:www in a session of its own (what it leaves running can be found),
    once it has said it is deploying."""
    started = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "deploy", "archive:www", "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert started.stdout is not None
    assert "deploying" in started.stdout.readline()
    return started


def _published(site: Path) -> dict[str, bytes]:
    """What the site publishes: not the build's marker nor what Pagefind read (.search/)."""
    return {
        path: data
        for path, data in snapshot(site).items()
        if path != MARKER and not path.startswith(".search/")
    }


def _uploaded(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    found = re.search(r"deployed: (\d+) file\(s\) uploaded, (\d+) deleted", result.stdout)
    assert found, result.stdout + result.stderr
    return int(found[1]), int(found[2])


def test_deploy_publishes_then_sends_only_changes_and_deletes_last(
    project: Path, remote: Path
) -> None:
    site = project / "site"
    build(project, site)
    assert (site / ".search").is_dir()  # built, not published
    first = _deploy(project)
    assert first.returncode == 0, first.stderr
    assert snapshot(remote) == _published(site)
    assert _uploaded(first) == (len(_published(site)), 0)
    assert "told by checksum" in first.stdout

    before = _published(site)
    article = next((project / "content" / "ar").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخيرة.\n", "utf-8")
    build(project, site)
    after = _published(site)
    changed = {p for p, data in after.items() if before.get(p) != data}
    second = _deploy(project)
    assert second.returncode == 0, second.stderr
    assert snapshot(remote) == after
    # Only what changed, by content; the search index's replaced hashed files deleted.
    assert _uploaded(second) == (len(changed), len(before.keys() - after.keys()))

    article.unlink()  # a full build without it: every file written anew, its pages gone
    shutil.rmtree(project / "content" / "en", ignore_errors=True)
    build(project, site)
    last = _published(site)
    third = _deploy(project)
    assert third.returncode == 0, third.stderr
    assert snapshot(remote) == last
    changed = {p for p, data in last.items() if after.get(p) != data}
    assert _uploaded(third) == (len(changed), len(after.keys() - last.keys()))
    shutil.rmtree(project / ".cache")  # a full build again: every file rewritten, same bytes
    build(project, site)
    fourth = _deploy(project)
    assert fourth.returncode == 0, fourth.stderr
    assert _uploaded(fourth) == (0, 0)  # told unchanged by content, not by time


def test_an_interrupted_deploy_is_finished_by_the_next(project: Path, remote: Path) -> None:
    site = project / "site"
    build(project, site)
    command = [sys.executable, str(REPO / "build.py"), "deploy", "archive:www"]
    started = subprocess.Popen(
        [*command, "--root", str(project)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert started.stdout is not None
    assert "deploying" in started.stdout.readline()
    started.stdout.readline()  # the first pass is done: stop it in the middle of the rest
    os.killpg(started.pid, signal.SIGKILL)
    started.wait()
    assert snapshot(remote) != _published(site)
    again = _deploy(project)
    assert again.returncode == 0, again.stderr
    assert snapshot(remote) == _published(site)


def test_ctrl_c_stops_a_deploy_saying_to_run_it_again(project: Path, remote: Path) -> None:
    site = project / "site"
    build(project, site, search=False)
    started = deploy_started(project)
    assert started.stdout is not None
    started.stdout.readline()  # the first pass is done
    os.killpg(started.pid, signal.SIGINT)  # what Ctrl-C sends the terminal's process group
    err = started.communicate(timeout=60)[1]
    assert started.returncode == 1, err
    assert err == (
        "stopped: archive:www may have part of the new site beside the old one; run the "
        "deploy again to finish it\n"
    )  # not a traceback
    assert _deploy(project).returncode == 0
    assert snapshot(remote) == _published(site)


def test_deploy_refuses_an_unbuilt_site_and_explains_an_unreachable_remote(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = _deploy(project)
    assert refused.returncode == 1 and "run `build.py build` first" in refused.stderr
    build(project, project / "site", search=False)
    monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_TYPE", "sftp")
    monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_HOST", "127.0.0.1")
    monkeypatch.setenv("RCLONE_CONFIG_ARCHIVE_PORT", str(free_port()))  # nobody listens
    failed = _deploy(project)
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: cannot reach archive:www: ")
    assert "run it again" not in failed.stderr  # nothing was sent
    (project / "rclone.conf").touch()  # a config file without the remote
    monkeypatch.setenv("RCLONE_CONFIG", str(project / "rclone.conf"))
    unknown = _deploy(project, "nosuchremote:")
    assert unknown.returncode == 1
    assert unknown.stderr == (
        "error: rclone knows no remote named 'nosuchremote': add it with `rclone config`, or "
        "set RCLONE_CONFIG_NOSUCHREMOTE_TYPE and its other settings (docs/deploy.md)\n"
    )  # nothing was sent, so running it again would not help


def test_a_remote_named_without_its_colon_is_refused_not_copied_to_a_folder(
    project: Path, tmp_path: Path
) -> None:
    """rclone reads a bare word as a local folder: `deploy archive` for `archive:` would
    copy the site into ./archive and report it deployed."""
    build(project, project / "site", search=False)

    def deploy_to(remote: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(REPO / "build.py"), "deploy", remote, "--no-check"]
        return subprocess.run(
            [*command, "--root", str(project)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )

    bare = deploy_to("archive")
    assert bare.returncode == 1
    assert "'archive' is not a remote" in bare.stderr and "archive:" in bare.stderr
    assert "run it again" not in bare.stderr
    assert not (tmp_path / "archive").exists()
    folder = deploy_to("./archive")  # a folder, said so
    assert folder.returncode == 0, folder.stderr
    assert snapshot(tmp_path / "archive") == _published(project / "site")


def test_a_site_built_for_the_preview_address_is_refused_before_anything_is_sent(
    project: Path, remote: Path
) -> None:
    """`build` without --base-url, or `serve`, leaves a site for http://127.0.0.1:8000/:
    published, its canonical links, feeds and sitemap would point at the reader's machine."""
    build(project, project / "site", "http://127.0.0.1:8000/", search=False)
    refused = _deploy(project)
    assert refused.returncode == 1
    assert "built for http://127.0.0.1:8000/, the preview address" in refused.stderr
    assert "--base-url" in refused.stderr and "run it again" not in refused.stderr
    assert not remote.exists()  # nothing sent
    build(project, project / "site", search=False)  # site.toml's public address
    sent = _deploy(project)
    assert sent.returncode == 0, sent.stderr
    assert f"(built for {PUBLIC})" in sent.stdout.splitlines()[0]


def test_a_bucket_store_named_without_its_bucket_is_refused(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`deploy r2:` (the workflow with SITE_BUCKET unset) would make ar, en, static… buckets
    of their own. An S3 remote whose endpoint nobody serves: rclone describes it without
    connecting, and nothing must be tried."""
    build(project, project / "site", search=False)
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)  # rclone's S3 fails on a custom one
    unserved_s3(monkeypatch, tmp_path)
    refused = _deploy(project, "archive:")
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: archive: names no bucket: write archive:BUCKET or archive:BUCKET/FOLDER "
        "(e.g. archive:news-archive)\n"
    )
    # A bucket: the store is asked once whether it answers, and nothing is sent (rclone's own
    # retries within the first upload took five minutes, then said to run it again).
    command = [sys.executable, str(REPO / "build.py"), "deploy", "archive:news-archive"]
    tried = subprocess.run(
        [*command, "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert tried.returncode == 1
    assert tried.stderr.startswith("error: cannot reach archive:news-archive: ")
    assert "connection refused" in tried.stderr and "run it again" not in tried.stderr


def test_every_published_file_gets_its_type_and_cache_headers(project: Path) -> None:
    """No file of a built site is left to rclone's guess, and each text type names utf-8."""
    site = project / "site"
    build(project, site)
    types = {
        ".html": "text/html",
        ".xml": "xml",
        ".js": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".txt": "text/plain",
        ".woff2": "font/woff2",
        ".svg": "image/svg+xml",
        ".gz": "application/gzip",  # the sitemap's parts: binary, no charset
    }
    for path in _published(site):
        if path == ".nojekyll":
            continue
        chosen = next(
            (p for p in PASSES if any(_matches(path, pattern) for pattern in p.include)), None
        )
        assert chosen is not None, path
        suffix = Path(path).suffix
        if suffix in types:
            assert types[suffix] in chosen.content_type and "charset=utf-8" in (
                chosen.content_type if suffix not in (".woff2", ".gz") else "charset=utf-8"
            ), path
        long_lived = "immutable" in chosen.cache_control
        assert long_lived == (suffix.startswith(".pf_")), path


def _matches(path: str, pattern: str) -> bool:
    """rclone's filter rule for a pattern without a leading slash: it matches the end of the
    path, `*` within a name, `**` across folders."""
    if pattern.startswith("**/"):
        return fnmatch.fnmatch(path, pattern[3:]) or fnmatch.fnmatch(path, pattern)
    return fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern)


def test_a_remote_that_keeps_no_checksum_or_time_gets_same_size_edits(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WebDAV (rclone's `serve webdav`) keeps neither: comparing by size alone would miss an
    edit that keeps the file's size, so every file is sent."""
    with webdav(tmp_path, monkeypatch, "other") as served:
        site = project / "site"
        build(project, site, search=False)
        first = _deploy(project)
        assert first.returncode == 0, first.stderr
        assert _uploaded(first) == (len(_published(site)), 0)  # each file once, not twice
        article = next((project / "content" / "ar").rglob("*.md"))
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("القوات", "الفوات", 1), "utf-8")  # same bytes long
        build(project, site, search=False)
        again = _deploy(project)
        assert again.returncode == 0, again.stderr
        assert " deleted (every file sent: the remote keeps no checksum or time)\n" in again.stdout
        assert _uploaded(again) == (len(_published(site)), 0)
        assert snapshot(served / "www") == _published(site)


def test_a_site_built_for_another_address_than_the_remote_holds_is_refused(
    project: Path, remote: Path
) -> None:
    """A site built for https://news.example.org/elsewhere/ deployed where the one for
    /archive/ was replaced a working site with one whose every link needs /elsewhere/."""
    build(project, project / "site", search=False)
    assert _deploy(project).returncode == 0
    held = snapshot(remote)
    other = "https://news.example.org/elsewhere/"
    build(project, project / "site", other, search=False)
    refused = _deploy(project)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: archive:www holds the site built for {PUBLIC}, and {project / 'site'} was "
        f"built for {other}: every link readers and search engines have would break. Build "
        f"for the remote's address (build.py build --base-url {PUBLIC}), or, moving the site "
        "to the new address on purpose, deploy with --new-address (docs/deploy.md)\n"
    )
    assert snapshot(remote) == held  # nothing sent
    moved = _deploy(project, "archive:www", "--new-address")
    assert moved.returncode == 0, moved.stderr
    assert snapshot(remote) == _published(project / "site")
    again = _deploy(project)  # the remote now holds the new address's site
    assert again.returncode == 0, again.stderr


def test_a_remote_rclone_cannot_open_is_reported_with_why(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rclone's S3 refuses a custom CA bundle on two lines, what failed and then `caused by:
    …`: deploy said only the second, without the first, which names the bundle."""
    build(project, project / "site", search=False)
    monkeypatch.setenv("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    unserved_s3(monkeypatch, tmp_path)
    failed = _deploy(project, "archive:news-archive")
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: cannot reach archive:news-archive: ")
    assert "unable to load custom CA bundle" in failed.stderr, failed.stderr
    assert "; caused by: " in failed.stderr
