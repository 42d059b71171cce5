"""The headers a deploy leaves on an S3 store, read back from the store: moto's S3 server on
127.0.0.1 (`moto_server`, from `pip install "moto[server]"`) keeps each object's
Content-Type and Cache-Control as S3 does. Skipped where it is not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.publish.deploy import LONG, SHORT

from .test_deploy import _deploy, _published, public_address, use_remote
from .webtools import free_port

__all__ = ["public_address"]  # a fixture, used by name

MOTO = shutil.which("moto_server") or shutil.which("moto_server", path=Path(sys.executable).parent)
pytestmark = [
    pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone"),
    pytest.mark.skipif(MOTO is None, reason='needs moto_server: pip install "moto[server]"'),
]


@pytest.fixture
def bucket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An S3 server with an empty bucket; yields the rclone remote of the bucket."""
    assert MOTO is not None
    port = free_port()
    server = subprocess.Popen(
        [MOTO, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)  # rclone's S3 fails on a custom one
    use_remote(
        monkeypatch,
        tmp_path / "rclone.conf",
        {
            "TYPE": "s3",
            "PROVIDER": "Other",
            "ENDPOINT": f"http://127.0.0.1:{port}",
            "ACCESS_KEY_ID": "key",
            "SECRET_ACCESS_KEY": "secret",
            "REGION": "us-east-1",
        },
    )
    try:
        for _ in range(200):  # the server takes a few seconds to start
            made = subprocess.run(["rclone", "mkdir", "archive:news"], capture_output=True)
            if made.returncode == 0:
                break
            time.sleep(0.1)
        yield "archive:news"
    finally:
        server.terminate()
        server.wait()


def test_every_object_gets_its_type_with_charset_and_its_cache_time(
    project: Path, bucket: str
) -> None:
    """HTML, XML, feeds, CSS, JS, JSON and text name utf-8; Pagefind's hashed files are kept
    a year, everything else five minutes, including what no pass names (.nojekyll got no
    Cache-Control at all)."""
    site = project / "site"
    build(project, site)
    done = _deploy(project, bucket)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        ["rclone", "lsjson", "-M", "-R", "--files-only", bucket],
        capture_output=True,
        text=True,
        check=True,
    )
    headers = {
        entry["Path"]: (
            entry["Metadata"].get("content-type"),
            entry["Metadata"].get("cache-control"),
        )
        for entry in json.loads(listed.stdout)
    }
    assert set(headers) == set(_published(site))
    types = {
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".gz": "application/gzip",
        ".pf_meta": "application/octet-stream",
        ".pagefind": "application/octet-stream",
    }
    for path, (content_type, cache) in headers.items():
        suffix = Path(path).suffix
        if path.endswith("/feed.xml"):
            assert content_type == "application/atom+xml; charset=utf-8", path
        elif suffix in types:
            assert content_type == types[suffix], path
        assert cache == (LONG if suffix.startswith(".pf_") else SHORT), path
    assert headers[".nojekyll"][1] == SHORT
