"""The articles and glosses that link a moved article -> their rewritten bytes (I/O: reads
content/ar and content/en; writes nothing).

Every file is planned before one is written (moving.py writes them), and a file that may
link the article but cannot be read for sure (not UTF-8, a link that cannot be placed) stops
the whole move with its name: skipping it would leave a link the editor was told `move`
keeps working. Reading 150,000 files to parse each costs minutes; a link to the article
names its file or page, so only a file whose bytes hold its slug (as written or
percent-encoded) is parsed: at 100,000 articles the scan reads every file once and parses a
handful (docs/benchmarks.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

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
    needles = _needles(story.rsplit("/", 1)[1])
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
        if not any(needle in data for needle in needles):
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
