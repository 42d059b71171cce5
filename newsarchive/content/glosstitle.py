"""The English title's staleness: the front-matter key holding the fingerprint of the Arabic
title it translates, read and stamped in place (pure).

A paragraph's block marker says which Arabic it translates; the title has no marker, so the
gloss front matter carries ``title_of: "1a2b3c4d"``. When the Arabic headline changes, the
English title is stale until a translator checks it (`gloss --accept`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.diagnostics import Diagnostic
from ..core.yamldoc import Node
from .frontmatter import text_field

TITLE_KEY = "title_of"
TITLE_ID = "title"  # how `status`, `gloss` and `--block` name the title among the block ids
_PRINT_RE = re.compile(r"[0-9a-f]{8}")


def title_of_field(
    meta: dict[str, Node], path: str, diags: list[Diagnostic]
) -> tuple[str | None, int]:
    """The fingerprint the file says its English title translates, and the line of the key
    (None, 0 without one); a value that is not 8 hex digits is a diagnostic at its line."""
    value = text_field(meta, TITLE_KEY, path, diags)
    if TITLE_KEY not in meta:
        return None, 0
    line = meta[TITLE_KEY].line
    if value is not None and not _PRINT_RE.fullmatch(value):
        message = f"bad '{TITLE_KEY}' '{value}' (the Arabic title's fingerprint: 8 hex digits)"
        diags.append(Diagnostic(path, line, message))
    return value, line


def changed(translated: str, now: str) -> str | None:
    """The Arabic title's fingerprint `now` if it is not the one the English title
    translates (the title is stale), else None."""
    return None if now == translated else now


def title_line(print_: str) -> str:
    """The front-matter line that says which Arabic title the English one translates."""
    return f'{TITLE_KEY}: "{print_}"  # fingerprint of the Arabic title translated'


def stamped(lines: Sequence[str], key_line: int, closing: int, print_: str) -> list[str]:
    """The file's lines with the title's fingerprint stamped: the key's line (1-based;
    0 when there is none) replaced, or a new one just before the closing '---' (line
    `closing`), where any YAML value has ended. Nothing else changes."""
    out = list(lines)
    if key_line:
        out[key_line - 1] = title_line(print_)
    else:
        out.insert(closing - 1, title_line(print_))
    return out
