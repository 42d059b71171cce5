"""The repository's .gitattributes, with the real git: a checkout on Windows (core.autocrlf,
Git for Windows' default) gets the same bytes as one on Linux, so a site built there is the
same site (templates/static/ is copied into it as it is); a media file is published byte for byte as delivered, CRLF and all."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import REPO, git, snapshot, write

STATIC = "templates/static/css/site.css"


def test_a_windows_checkout_holds_the_bytes_a_linux_one_does(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(REPO / "content", origin / "content")
    shutil.copy(REPO / ".gitattributes", origin / ".gitattributes")
    (origin / STATIC).parent.mkdir(parents=True)
    shutil.copy(REPO / STATIC, origin / STATIC)
    table = "الشهر,العدد\r\n2021-03,4\r\n"  # as Excel saves it
    write(origin, "content/media/figures.csv", table)
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "archive")
    clones = {}
    for system, crlf in (("windows", "true"), ("linux", "false")):
        clones[system] = tmp_path / system
        git(tmp_path, "-c", f"core.autocrlf={crlf}", "clone", "-q", str(origin), system)
    windows, linux = (
        {k: v for k, v in snapshot(clones[s]).items() if ".git/" not in k}
        for s in ("windows", "linux")
    )
    assert windows == linux
    assert windows[STATIC] == (REPO / STATIC).read_bytes()
    assert windows["content/media/figures.csv"] == table.encode()
    assert b"\r\n" not in windows["content/entities.yaml"]
