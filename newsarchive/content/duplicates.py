"""Finding an article already in the archive by its text (fingerprints pure; the archive
scan is I/O)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ..core.arabic import word_key, words
from .dateline import Knowledge, split_dateline
from .extras import find_extras
from .textfiles import markdown_files

_ESCAPE = re.compile(r"\\(.)")
# A Markdown link's address (`[words](https://…)`): no words of the text, which an import of
# the same copy without its HTML does not have.
_LINK_ADDRESS = re.compile(
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)"
)
# A paragraph that is an address alone: an embed of pasted HTML (an image, a video) kept as
# its address, or a link to the original; no words of the story.
_ADDRESS_ALONE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def text_fingerprint(paragraphs: Sequence[str], known: Knowledge | None = None) -> str:
    """The text's identity: the matching keys of its words (no punctuation, marks, hamza or
    spacing differences), without the lines that look like no part of the article (an
    agency's `انتهى`, `اقرأ أيضاً: …`: the same copy imported with them or without them is
    the same text) and after taking any dateline off the first paragraph. A link's address
    and a paragraph that is an address alone are no words of it: the same copy imported
    from a CMS's HTML, its links and embeds kept, is the same text as without them."""
    plain = [_ESCAPE.sub(r"\1", _LINK_ADDRESS.sub("]", paragraph)) for paragraph in paragraphs]
    plain = [paragraph for paragraph in plain if not _ADDRESS_ALONE.fullmatch(paragraph.strip())]
    extra = {found.index for found in find_extras(plain, known)}
    plain = [paragraph for index, paragraph in enumerate(plain) if index not in extra]
    if plain:
        plain[0] = split_dateline(plain[0], known).rest
    # Word by word: word_key remembers the keys of a news vocabulary that repeats.
    keys = " ".join(map(word_key, words("\n".join(plain))))
    return hashlib.sha256(keys.encode("utf-8")).hexdigest()


def body_paragraphs(text: str) -> list[str]:
    """The paragraphs of an article file's body (after its front matter)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return []
    body = "\n".join(lines[end + 1 :]).strip()
    return [p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip()]


def archive_fingerprints(
    content_dir: Path, known: Knowledge | None = None
) -> dict[str, tuple[str, ...]]:
    """Fingerprint -> the paths (content/ar/…) of the archive's articles of that text, in
    the order markdown_files gives (I/O)."""
    found: dict[str, tuple[str, ...]] = {}
    prefix = len(os.path.join(content_dir, ""))
    for file in markdown_files(content_dir / "ar"):
        try:
            with open(file, encoding="utf-8") as opened:
                text = opened.read()
        except (OSError, UnicodeDecodeError):
            continue  # the build reports a file it cannot read; here it is no duplicate
        paragraphs = body_paragraphs(text.replace("\r\n", "\n"))
        if paragraphs:
            rel = "content/" + file[prefix:].replace(os.sep, "/")
            fingerprint = text_fingerprint(paragraphs, known)
            found[fingerprint] = (*found.get(fingerprint, ()), rel)
    return found
