"""The dev server's idle re-look: files saved just before a rebuild are not all re-read by the next edit."""

from __future__ import annotations

import os
import time
from pathlib import Path

from newsarchive.incremental import BuildMemo
from newsarchive.livecontent import RACY_NS

STORY = "ar/2020/01/a.md"


def _write(content: Path, text: str, mtime_ns: int) -> None:
    file = content / STORY
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    os.utime(file, ns=(mtime_ns, mtime_ns))


def test_a_racy_file_is_read_again_until_an_idle_look_settles_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    memo = BuildMemo()
    stamp = time.time_ns() - RACY_NS // 2  # saved just before the look
    _write(content, "one", stamp)
    assert memo.read_content(content)[0] == {STORY: "one"}
    assert not memo.settle(content)  # still inside the racy window: nothing to gain yet
    _write(content, "two", stamp)  # same size and mtime: only re-reading can see it
    assert memo.read_content(content)[0] == {STORY: "two"}
    reader = memo.readers["ar"]
    assert reader.unsettled  # the idle loop will look again once the window has passed
    time.sleep(RACY_NS / 1e9 + 0.05)
    assert memo.settle(content)  # idle: looked again, and now trusts the file's stat
    assert reader.settled() and not memo.settle(content)
    assert memo.read_content(content)[0] == {STORY: "two"}
