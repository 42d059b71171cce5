"""The articles and glosses that link a moved article -> their rewritten bytes (I/O: reads
content/ar and content/en; writes nothing).

Every file is planned before one is written (moving.py writes them), and a file that may
link the article but cannot be read for sure (not UTF-8, a link that cannot be placed) stops
the whole move with its name: skipping it would leave a link the editor was told `move`
keeps working. Reading 150,000 files to parse each costs minutes; a link to the article
names its file or page, so only a file whose bytes hold its slug (as written or
percent-encoded, or spelt by a link with a backslash escape, an HTML entity or some of its
characters percent-encoded) is parsed: at 100,000 articles the scan reads every file once and
parses a handful (docs/benchmarks.md).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from .articles import PATH_RE
from .relinking import Relocation, relink


@dataclass(frozen=True)
class Relinked:
    """A file whose links a move rewrites: where it is (relative to content/, after the
    move), its bytes as read and as they will be, and how many links changed."""

    path: str
    before: bytes
    after: bytes
    count: int


def plan_relinks(
    content_dir: Path, story: str, moved: Relocation, skip: frozenset[str]
) -> tuple[Relinked, ...]:
    """The other files (not in `skip`, relative to content/) whose links to the moved
    article `story` change, sorted; ValueError naming each that cannot be read for sure."""
    slug = story.rsplit("/", 1)[1]
    needles = _needles(slug)
    found: list[Relinked] = []
    problems: list[str] = []
    for rel in _text_files(content_dir):
        if rel in skip:
            continue
        try:
            data = (content_dir / rel).read_bytes()
        except OSError as exc:
            problems.append(f"content/{rel}: it cannot be read ({exc.strerror or exc})")
            continue
        if not any(needle in data for needle in needles) and not _spelt_otherwise(data, slug):
            continue  # cannot link the article: no parse
        try:
            after, count = relink(data, rel, rel, moved)
        except ValueError as exc:
            problems.append(f"content/{rel}: {exc}")
            continue
        if count:
            found.append(Relinked(rel, data, after, count))
    if problems:
        raise ValueError(
            "these files may link the article, but their links cannot be updated, so "
            "nothing was moved (fix them, then move again):\n  " + "\n  ".join(problems)
        )
    return tuple(found)


def _needles(slug: str) -> tuple[bytes, ...]:
    """What a file linking the article holds: its slug as written or percent-encoded."""
    encoded = quote(slug, safe="")
    return tuple(dict.fromkeys((slug.encode(), encoded.encode(), encoded.lower().encode())))


# A destination may spell the slug with a backslash escape (`coalition\-us`), an HTML
# entity (`coalition&#45;us`) or a few characters percent-encoded: Markdown reads each as the
# character, so the link leads to the article though the file lacks the slug's bytes.
_ESCAPE_SIGNS = (b"\\", b"&", b"%")
_BACKSLASHED = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark's escapable punctuation
_LONGEST_SPELLING = 10  # bytes of one character at most, written as an entity (`&#x1F600;`)


def _spelt_otherwise(data: bytes, slug: str) -> bool:
    """Whether the text around an escape, entity or percent sign reads as the slug once
    decoded as Markdown decodes a destination (a superset: relink decides). Only the bytes
    near such signs are decoded, found by byte search: a regular expression over every word
    took 1 ms a file (150 s over 150,000 files), one finding the signs 50 µs; this takes
    3 µs for the demo article (no sign), 16 µs with a `20%` added, 67 µs with nine signs."""
    reach = _LONGEST_SPELLING * len(slug) + 1
    windows: list[list[int]] = []
    for at in sorted(_positions(data, _ESCAPE_SIGNS)):
        if windows and at - reach <= windows[-1][1]:
            windows[-1][1] = at + reach
        else:
            windows.append([max(0, at - reach), at + reach])
    for start, end in windows:
        text = _BACKSLASHED.sub(r"\1", data[start:end].decode("utf-8", "replace"))
        if slug in unquote(html.unescape(text)):
            return True
    return False


def _positions(data: bytes, signs: tuple[bytes, ...]) -> list[int]:
    """Where each of the signs occurs in data."""
    found = []
    for sign in signs:
        at = data.find(sign)
        while at >= 0:
            found.append(at)
            at = data.find(sign, at + 1)
    return found


def _text_files(content_dir: Path) -> list[str]:
    """Every article and gloss file (ar/YYYY[/MM]/<slug>.md, en/…, hidden ones left out),
    relative to content/, sorted: any other file there is no page, and the site publishes
    none of its links."""
    found: list[str] = []
    for lang in ("ar", "en"):
        top = content_dir / lang
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            where = Path(folder).relative_to(content_dir).as_posix()
            found += [f"{where}/{f}" for f in files if f[0] != "."]
    return sorted(f for f in found if PATH_RE.fullmatch(f))
