"""The search index's manifest, `pagefind/parts.json`: what the search page reads first (I/O:
reads the parts' entries and the word maps' ids, writes the file atomically).

It lists the complete parts, newest first, with the language each one indexes and its page
count (for relevance across parts); the part of each record of every language's word map
(searchmap.py); and the parts whose pages changed since they were indexed, which the search
page says are behind:

    {"parts": [{"name": "2021-en", "languages": ["en"], "pages": 12}, …]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..content.atomic import replace_file
from .searchmap import EVERYWHERE, map_ids
from .searchparts import BUNDLE, PART_NAME

MANIFEST = "parts.json"


def complete_parts(bundle: Path) -> list[str]:
    """The parts with a complete bundle, newest first."""
    found = (entry.parent.name for entry in bundle.glob("[!.]*/pagefind-entry.json"))
    return sorted((name for name in found if PART_NAME.fullmatch(name)), reverse=True)


def manifest(bundle: Path, updating: Iterable[str] = ()) -> dict[str, Any]:
    """What the search page reads first: every complete part, newest first, with the
    languages it indexes and its page count (for relevance across parts); the part of each
    record of every language's word map (maps, by record id); the parts whose pages changed
    since they were indexed (updating, if any)."""
    parts = []
    for name in complete_parts(bundle):
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry.get("languages", {})
        pages = sum(language.get("page_count", 0) for language in languages.values())
        parts.append({"name": name, "languages": sorted(languages), "pages": pages})
    found: dict[str, Any] = {"parts": parts}
    # A map whose every part was re-indexed since it was built names none: left out, the
    # page searches every part without looking the query up first.
    if maps := {
        lang: ids for lang, ids in map_ids(bundle).items() if set(ids.values()) - {EVERYWHERE}
    }:
        found["maps"] = maps
    if behind := sorted(updating, reverse=True):
        found["updating"] = behind
    return found


def write_manifest(bundle: Path, updating: Iterable[str] = ()) -> None:
    text = json.dumps(manifest(bundle, updating), ensure_ascii=False, separators=(",", ":"))
    replace_file(bundle / MANIFEST, (text + "\n").encode("utf-8"))


def mark_updating(site_dir: Path, parts: Iterable[str]) -> None:
    """Say in the manifest that these parts are behind the pages (before the pages change):
    the search page tells readers so until index_parts has brought them up to date."""
    bundle = site_dir / BUNDLE
    if bundle.is_dir():
        write_manifest(bundle, set(parts))
