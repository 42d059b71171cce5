"""The tests' own web server (webtools.serve_folder): a browser that hangs up before its
answer is sent leaves no traceback in the tests' output; any other error of the server still
does, as the standard library prints it."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .webtools import serve_folder


def _handlers_done(timeout: float = 10.0) -> None:
    """Wait until the server's request threads have all ended (their errors are printed)."""
    deadline = time.monotonic() + timeout
    while any("process_request" in t.name for t in threading.enumerate()):
        assert time.monotonic() < deadline, "a request of the test server never ended"
        time.sleep(0.02)


def test_a_connection_closed_early_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * (16 * 2**20))  # more than a socket buffers
    with serve_folder(tmp_path) as base:
        port = urlsplit(base).port
        assert port is not None
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert sock.recv(1024).startswith(b"HTTP/1.0 200")  # the answer has begun
                # Closed with a reset, as a browser drops a connection it no longer wants.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        _handlers_done()
    assert capfd.readouterr().err == ""


def test_another_error_of_the_server_is_still_printed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    # A header HTTP cannot carry (not Latin-1): the handler fails while it answers.
    with serve_folder(tmp_path, headers={"X-Note": "ملاحظة"}) as base:
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            urllib.request.urlopen(base, timeout=10).read()
        _handlers_done()
    err = capfd.readouterr().err
    assert "Traceback" in err and "UnicodeEncodeError" in err
