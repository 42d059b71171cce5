"""An article's or gloss's bytes -> the same bytes with its links rewritten for a move
(pure): what `move` does to every file linking the moved article, and to the moved files'
own links.

Only a destination changes (linkspots.py says where each is written): the link text, the
`#p3` after it, a title, the rest of the file, its line ends (CRLF, CR) and byte-order mark
stay byte for byte. A relative link is rewritten when what it leads to moved, or when the
file itself moved (the same target seen from its new folder); the part of the path that
still names the same folders and file is kept as written (`%D8%A8…` or letters), and only
the new part written afresh. A site address of the moved article's page (`/ar/2020/11/x/`)
is rewritten to its new page's; its old address would lead there too, through the page
'moved_from' keeps, but a link should not need it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

from ..core import urls
from .frontmatter import closing_fence, with_lf
from .gloss import parse_gloss
from .links import leads_elsewhere
from .linkspots import link_destinations

_LINE_END = re.compile(r"(\r\n|\r|\n)")
# Written percent-encoded in a path made afresh: what would end or change a Markdown
# destination or an address (links.py decodes `%`, splits at `#`).
_UNSAFE = set(' ()<>\\%#?"[]`') | {chr(c) for c in range(0x20)} | {"\x7f"}
_FRAGMENT = re.compile(r"(?<!&)#")
_UNPLACED = (
    "move cannot tell exactly where the address of the link on its line {} is written (in a "
    "table cell holding \\|, or a quote's reference definition split over lines): "
    "write that link on one line, or update it by hand"
)


@dataclass(frozen=True)
class Relocation:
    """Where moved things are now: files relative to content/ (`ar/2020/11/x.md`) and site
    pages (`ar/2020/11/x/`), each old -> new."""

    files: Mapping[str, str]
    pages: Mapping[str, str]


def relocation(story: str, new_story: str) -> Relocation:
    """What moving the article `story` to `new_story` moves: its file and its gloss's (the
    English page's link is a link to the gloss file, whether or not it exists yet), and
    their pages."""
    files = {f"{lang}/{story}.md": f"{lang}/{new_story}.md" for lang in ("ar", "en")}
    pages = {urls.article(lang, story): urls.article(lang, new_story) for lang in ("ar", "en")}
    return Relocation(files, pages)


def relink(data: bytes, before: str, after: str, moved: Relocation) -> tuple[bytes, int]:
    """The file's bytes with its links rewritten, and how many were: `before` is where the
    file was (relative to content/), `after` where it is now (the same for a file that
    stays). ValueError, in plain words, when the file cannot be read or a link in it cannot
    be placed for sure."""
    try:
        saved = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 text (byte {exc.start + 1})") from None
    text = with_lf(saved)
    lines = text.split("\n")
    edits: list[tuple[int, int, str, str]] = []
    for first, markdown in _regions(text, before):
        found, lost = link_destinations(markdown)
        if lost:
            raise ValueError(_UNPLACED.format(first + lost[0] + 1))
        parts = markdown.split("\n")
        for spot in found:
            new = _rewritten(spot.written, spot.href, before, after, moved)
            if new is None:
                continue
            line = first + spot.line
            column = _column(lines[line], parts[spot.line], spot.column)
            if column is None or not lines[line].startswith(spot.written, column):
                raise ValueError(_UNPLACED.format(line + 1))
            edits.append((line, column, spot.written, new))
    if not edits:
        return data, 0
    bom = "\ufeff" if saved.startswith("\ufeff") else ""
    pieces = _LINE_END.split(saved.removeprefix("\ufeff"))  # line, end, line, end, …
    for line, column, old, new in sorted(edits, reverse=True):
        written = pieces[2 * line]
        pieces[2 * line] = written[:column] + new + written[column + len(old) :]
    return (bom + "".join(pieces)).encode("utf-8"), len(edits)


def _regions(text: str, path: str) -> list[tuple[int, str]]:
    """(first line, 0-based; Markdown text) of what the build reads as Markdown: an
    article's body, a gloss's blocks of English."""
    lines = text.split("\n")
    if path.startswith("ar/"):
        end = closing_fence(lines) if lines and lines[0].strip() == "---" else None
        if end is None:
            raise ValueError("its front matter is not closed by ---, so its text is not known")
        return [(end + 1, "\n".join(lines[end + 1 :]))]
    parsed, diags = parse_gloss(text, path)
    if parsed is None:
        reason = diags[0].message if diags else "it cannot be read"
        raise ValueError(f"its gloss blocks cannot be read ({reason})")
    return [(b.text_line - 1, b.text) for b in parsed.blocks if b.text and b.text_line]


def _column(line: str, part: str, column: int) -> int | None:
    """Where `column` of a Markdown text's line stands in the file's line it came from (a
    gloss block's text is stripped: its line is the file's line's end, or of its start)."""
    for whole in (line, line.rstrip()):
        if whole.endswith(part):
            return len(whole) - len(part) + column
    return None


def _rewritten(written: str, href: str, before: str, after: str, moved: Relocation) -> str | None:
    """The destination to write instead of `written`, or None to keep it."""
    if leads_elsewhere(href):
        return None
    bracketed = written.startswith("<") and written.endswith(">")
    inner = written[1:-1] if bracketed else written
    # The fragment starts at the first `#` that opens no character reference (`&#45;`).
    cut = _FRAGMENT.search(inner)
    at = len(inner) if cut is None else cut.start()
    raw_path, hashed, fragment = inner[:at], inner[at : at + 1], inner[at + 1 :]
    path = unquote(href.partition("#")[0])
    if path.startswith("/"):
        page = moved.pages.get(path[1:]) or moved.pages.get(path[1:] + "/")
        if page is None:
            return None
        new_path = "/" + (page if path.endswith("/") else page.rstrip("/"))
        new = _encoded(new_path, "%" in raw_path)
    else:
        folder = posixpath.dirname(before)
        target = posixpath.normpath(posixpath.join(folder, path))
        if target == ".." or target.startswith("../"):
            return None  # outside content/: the build names it; nothing to keep working
        now = moved.files.get(target, target)
        if now == target and after == before:
            return None
        new_path = posixpath.relpath(now, posixpath.dirname(after))
        if posixpath.normpath(posixpath.join(posixpath.dirname(after), path)) == now:
            return None  # it still leads there as written (same folder, same name)
        new = _kept_tail(new_path, raw_path)
    return ("<" + new + hashed + fragment + ">") if bracketed else new + hashed + fragment


def _kept_tail(new_path: str, raw_path: str) -> str:
    """The new relative path, its last folders and file name written as they were when
    they are the same ones."""
    new_parts = new_path.split("/")
    raw_parts = raw_path.split("/")
    kept = 0
    while (
        kept < min(len(new_parts), len(raw_parts))
        and "\\" not in raw_parts[-1 - kept]
        and "&" not in raw_parts[-1 - kept]
        and unquote(raw_parts[-1 - kept]) == new_parts[-1 - kept]
    ):
        kept += 1
    fresh = "/".join(new_parts[: len(new_parts) - kept])
    tail = "/".join(raw_parts[len(raw_parts) - kept :])
    head = _encoded(fresh, "%" in raw_path)
    return "/".join(p for p in (head, tail) if p)


def _encoded(path: str, percent: bool) -> str:
    """A path as a destination: characters that would end it or change it percent-encoded;
    letters of other scripts kept as they read, or percent-encoded when the link was
    written so."""
    return "".join(
        quote(ch, safe="") if ch in _UNSAFE or (percent and not ch.isascii()) else ch for ch in path
    )
