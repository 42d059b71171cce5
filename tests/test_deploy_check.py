"""After the upload, `deploy` asks the public address for a few of the files it has just
published: real rclone deploying to a folder, which a real HTTP server on 127.0.0.1 serves
as a static host would, as a bucket read key for key, or from an older copy (a CDN)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newsarchive.build.engine import build

from .conftest import DEMO_ARTICLE
from .test_deploy import PUBLIC, _deploy, public_address
from .webtools import _PrefixHandler, serve_folder

pytestmark = pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")
__all__ = ["public_address"]  # the demo built for a public address, as in test_deploy

ARTICLE = DEMO_ARTICLE.removesuffix(".md") + "/"
UNSERVED = "https://news.example.invalid/archive/"  # .invalid: a name no resolver knows


class _KeysOnly(http.server.SimpleHTTPRequestHandler):
    """A bucket read key for key: a folder address is no key (404, its own page), a
    missing key neither gets the site's 404 page."""

    def send_head(self) -> Any:
        if self.path.split("?")[0].endswith("/"):
            self.send_error(404, "NoSuchKey")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        return


class _CatchingUp(_PrefixHandler):
    """A CDN that serves its old copy (`directory`) until `after` seconds past the first
    request, then the new one (`new`)."""

    new = ""
    after = 0.0
    first: ClassVar[list[float]] = []

    def translate_path(self, path: str) -> str:
        self.first[:] = self.first or [time.monotonic()]
        if time.monotonic() - self.first[0] >= self.after:
            self.directory = self.new
        return super().translate_path(path)


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A server on 127.0.0.1 answering with `handler`; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def keys_only(folder: Path) -> contextlib.AbstractContextManager[str]:
    return serving(functools.partial(_KeysOnly, directory=str(folder)))


def catching_up(old: Path, new: Path, after: float) -> contextlib.AbstractContextManager[str]:
    handler = type("Handler", (_CatchingUp,), {"new": str(new), "after": after, "first": []})
    return serving(functools.partial(handler, directory=str(old)))


def _deployed_then_edited(project: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The site deployed to a folder, a copy of it kept (what a CDN cached), then the demo
    article's title edited and the site built again: the folder and the copy."""
    site, out = project / "site", tmp_path / "www"
    build(project, site)
    assert _deploy(project, str(out)).returncode == 0
    cached = tmp_path / "cached"
    shutil.copytree(out, cached)
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace('title: "', 'title: "عاجل - ', 1), encoding="utf-8")
    build(project, site)
    return out, cached


def test_a_host_serving_the_site_passes_the_check(project: Path, tmp_path: Path) -> None:
    build(project, project / "site")
    out = tmp_path / "www"
    with serve_folder(out) as base:
        done = _deploy(project, str(out), "--check-url", base, checked=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"  ok     an article, {base}{ARTICLE}\n" in done.stdout
    for what in ("the home page", "the search page", "a search index file", "a missing address"):
        assert f"  ok     {what}, {base}" in done.stdout
    assert done.stdout.endswith(f"checked: {base} serves the site just deployed\n")


def test_a_host_serving_keys_only_fails_naming_the_folder_index(
    project: Path, tmp_path: Path
) -> None:
    """An S3 bucket's REST endpoint, or R2 without a rewrite: every file is there, and every
    folder address answers 404."""
    build(project, project / "site")
    out = tmp_path / "www"
    with keys_only(out) as base:
        started = time.monotonic()
        failed = _deploy(project, str(out), "--check-url", base, checked=True)
        took = time.monotonic() - started
    assert failed.returncode == 1
    assert (out / ARTICLE / "index.html").is_file()  # uploaded all the same
    assert (
        f"  FAILED an article, {base}{ARTICLE}: answers 404, while its index.html is served: "
        "the host serves files only by their full name"
    ) in failed.stdout
    assert "  ok     a search index file" in failed.stdout  # a file by its full name is served
    assert "answers 404, but not with the site's 404 page" in failed.stdout
    assert f"error: the files ARE uploaded to {out}, but {base} does not serve them" in (
        failed.stderr
    )
    assert 'docs/deploy.md, "Folder addresses and the 404 page"' in failed.stdout
    assert 6 <= took < 60  # asked again for 6 s, no longer


def test_a_stale_copy_is_told_from_the_site_just_sent(project: Path, tmp_path: Path) -> None:
    """A CDN in front serving what it cached before the last deploy: the edited article (the
    one just sent) is named."""
    out, cached = _deployed_then_edited(project, tmp_path)
    with serve_folder(cached) as base:
        stale = _deploy(project, str(out), "--check-url", base, checked=True)
    assert stale.returncode == 1
    assert f"  FAILED an article, {base}{ARTICLE}: not the file just sent (" in stale.stdout
    assert "a cache in front of the host (a CDN) still serves an older copy" in stale.stdout
    assert "  ok     a missing address" in stale.stdout
    assert "the files ARE uploaded" in stale.stderr


def test_a_copy_that_catches_up_within_seconds_passes(project: Path, tmp_path: Path) -> None:
    """A store or CDN that shows new files a moment late: asked again, it passes."""
    out, cached = _deployed_then_edited(project, tmp_path)
    with catching_up(cached, out, after=1.5) as base:
        caught_up = _deploy(project, str(out), "--check-url", base, checked=True)
    assert caught_up.returncode == 0, caught_up.stdout + caught_up.stderr
    assert "FAILED" not in caught_up.stdout


def test_the_check_asks_the_address_the_site_was_built_for(project: Path, tmp_path: Path) -> None:
    """Without --check-url, the base URL the site was built for; with --no-check, none."""
    config = project / "content/site.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(PUBLIC, UNSERVED), encoding="utf-8")
    build(project, project / "site")
    out = tmp_path / "www"
    unserved = _deploy(project, str(out), checked=True)
    assert unserved.returncode == 1
    assert f"checking what {UNSERVED} serves" in unserved.stdout
    assert f"  FAILED the home page, {UNSERVED}: no answer (" in unserved.stdout
    assert "--no-check asks none" in unserved.stdout
    assert f"the files ARE uploaded to {out}" in unserved.stderr
    unchecked = _deploy(project, str(out))  # --no-check
    assert unchecked.returncode == 0
    assert unchecked.stdout.endswith("public address not checked (--no-check)\n")


def test_a_check_url_that_is_no_address_is_a_wrong_command_line(project: Path) -> None:
    wrong = _deploy(project, "./www", "--check-url", "news.example.org", checked=True)
    assert wrong.returncode == 2
    assert "'news.example.org' is not an http(s) address" in wrong.stderr


def test_a_check_url_with_a_password_is_refused_before_it_is_printed(project: Path) -> None:
    secret = "https://editor:hunter2@news.example.org/"
    wrong = _deploy(project, "./www", "--check-url", secret, checked=True)
    assert wrong.returncode == 2
    assert "holds a user name or password" in wrong.stderr
    assert "hunter2" not in wrong.stdout + wrong.stderr
