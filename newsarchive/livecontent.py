"""read_content and read_glosses for the dev server: re-read only files whose stat changed (I/O).

A file is read again when its (mtime_ns, size, inode) differs from the last look, or when
it changed within RACY_NS of that look (git's "racily clean" rule: a second save within the
clock's resolution can keep the stat). Everything else comes from the last look.
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .content import SAME_NAME, markdown_files
from .diagnostics import ContentError, Diagnostic
from .frontmatter import decode_text

RACY_NS = 2_000_000_000
Stat = tuple[int, int, int]


@dataclass(frozen=True)
class _Seen:
    stat: Stat
    text: str | None
    problem: Diagnostic | None


class ContentReader:
    """The texts of content/<lang>/**/*.md, kept between looks."""

    def __init__(self) -> None:
        self.seen: dict[str, _Seen] = {}
        self.last_look_ns = 0
        self.unsettled = False  # some file was racy at the last look: the next reads it again

    def settled(self) -> bool:
        """Whether the next look can trust every stat (else, after RACY_NS, look again now)."""
        return not self.unsettled or time.time_ns() < self.last_look_ns + RACY_NS

    def read(self, content_dir: Path, lang: str) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
        """Like content.read_markdown: content.read_content (ar) or glossfiles.read_glosses (en)."""
        racy = self.last_look_ns - RACY_NS
        look = time.time_ns()
        texts: dict[str, str] = {}
        diags: list[Diagnostic] = []
        seen: dict[str, _Seen] = {}
        prefix = len(os.path.join(content_dir, ""))  # paths below content_dir start so
        for path in markdown_files(content_dir / lang):
            rel = unicodedata.normalize("NFC", path[prefix:].replace(os.sep, "/"))
            if rel in texts:
                diags.append(Diagnostic("content/" + rel, 1, SAME_NAME[lang]))
                continue
            one = self._look(path, rel, racy)
            if one is None:
                continue
            seen[path] = one
            if one.problem is not None:
                diags.append(one.problem)
            elif one.text is not None:
                texts[rel] = one.text
        self.seen = seen  # files that are gone are forgotten
        self.last_look_ns = look
        self.unsettled = any(one.stat[0] >= look - RACY_NS for one in seen.values())
        return texts, tuple(diags)

    def _look(self, path: str, rel: str, racy: int) -> _Seen | None:
        try:
            st = os.stat(path)
        except OSError:
            return None  # gone between the walk and now: the next event rebuilds
        stat = (st.st_mtime_ns, st.st_size, st.st_ino)
        old = self.seen.get(path)
        if old is not None and old.stat == stat and st.st_mtime_ns < racy:
            return old
        try:
            with open(path, "rb") as file:
                return _Seen(stat, decode_text(file.read(), "content/" + rel), None)
        except ContentError as exc:
            return _Seen(stat, None, exc.diagnostic)
        except OSError as exc:
            return _Seen(stat, None, Diagnostic("content/" + rel, 1, f"cannot read: {exc}"))
