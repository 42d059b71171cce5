"""The dev server's fast paths: patched assemble, stat-based reading, feed reuse, revalidation."""

from __future__ import annotations

import http.client
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.incremental import BuildMemo
from newsarchive.pipeline import gather
from newsarchive.serve import DevServer

from .conftest import DEMO_ARTICLE, write
from .webtools import running_preview


def _article(n: int, body: str, date: str = "2021-03-04") -> str:
    return f'---\ntitle: "خبر {n}"\ndate: "{date}"\n---\n\n{body}\n'


EDITS = [
    ("add", "ar/2021/03/extra-1.md", _article(1, "وقال دونالد ترامب إن الخطة مستمرة.")),
    ("add", "ar/2019/01/extra-2.md", _article(2, "لا ذكر لأحد هنا.", "2019-01-02")),
    ("edit", "ar/2021/03/extra-1.md", _article(1, "لم يعد يذكر أحدا.")),
    ("edit", "ar/2019/01/extra-2.md", _article(2, "وقال ترامب شيئا.", "2019-01-30")),
    ("delete", "ar/2021/03/extra-1.md", ""),
    ("registry", "content/entities.yaml", ""),
]


def _apply(root: Path, kind: str, rel: str, text: str) -> None:
    if kind == "delete":
        (root / "content" / rel).unlink()
    elif kind == "registry":
        file = root / rel
        file.write_text(
            file.read_text(encoding="utf-8").replace("en: Donald Trump", "en: D. Trump"), "utf-8"
        )
    else:
        write(root / "content", rel, text)


def test_patched_site_equals_a_fresh_assemble_after_every_edit(project: Path) -> None:
    """Backlinks, co-mentions, archives and views match a from-scratch build at each step."""
    memo = BuildMemo()
    gather(project, None, memo)
    for kind, rel, text in EDITS:
        _apply(project, kind, rel, text)
        patched = gather(project, None, memo).site
        fresh = gather(project, None).site
        assert patched == fresh, (kind, rel)
    trump = next(v for v in patched.entities if v.entity.id == "donald-trump")
    assert "extra-2" in " ".join(b.story for b in trump.backlinks)
    assert trump.entity.en == "D. Trump"


def test_a_second_save_within_the_clock_resolution_is_still_read(project: Path) -> None:
    """Same size, same mtime (a fast second save): the racily-clean rule reads it again."""
    memo = BuildMemo()
    file = project / "content" / DEMO_ARTICLE
    text = file.read_text(encoding="utf-8")
    file.write_text(text, encoding="utf-8")  # saved just now
    gather(project, None, memo)
    stat = file.stat()
    file.write_text(text.replace("القوات", "ZZZZZZZZZZZZ", 1), encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    site = gather(project, None, memo).site
    view = next(v for v in site.articles if DEMO_ARTICLE.startswith("ar/" + v.article.story))
    assert "ZZZZZZZZZZZZ" in view.article.title + view.article.body


def test_untouched_files_are_not_read_again(project: Path) -> None:
    """An unchanged, settled file keeps its text even if (impossibly) its bytes differ."""
    memo = BuildMemo()
    file = project / "content" / DEMO_ARTICLE
    old = time.time_ns() - 10_000_000_000
    os.utime(file, ns=(old, old))
    gather(project, None, memo)
    gather(project, None, memo)  # a look more than 2 s after the file's mtime
    stat = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("القوات", "ZZZZZZZZZZZZ", 1), encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    site = gather(project, None, memo).site
    view = next(v for v in site.articles if DEMO_ARTICLE.startswith("ar/" + v.article.story))
    assert (
        "ZZZZZZZZZZZZ" not in view.article.title + view.article.body
    )  # the stat was checked, not the bytes


@pytest.fixture
def live(project: Path) -> Iterator[DevServer]:
    with running_preview(project) as server:
        yield server


def _get(server: DevServer, path: str, etag: str = "") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request("GET", path, headers={"If-None-Match": etag} if etag else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_reload_revalidates_css_but_never_stores_html(live: DevServer) -> None:
    """CSS answers 304 to its ETag (no body on reload); pages, which carry the epoch, are fresh."""
    first = _get(live, "/static/css/site.css")
    tag = first.getheader("ETag") or ""
    assert first.status == 200 and tag and first.getheader("Cache-Control") == "no-cache"
    assert _get(live, "/static/css/site.css", tag).status == 304
    page = _get(live, "/", tag)
    assert page.status == 200 and page.getheader("Cache-Control") == "no-store"
