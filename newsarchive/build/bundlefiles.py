"""What Pagefind wrote in a bundle, read back (I/O): its fragments, and the filter values of
a part's pages, which each part's bundle and each word map carry for the search page.

Why the filter values. When a reader shows the filters, the search page lists every value
of each (every year, source and entity of the language). Pagefind lists them only by
loading every part's metadata and filter chunks: 635 kB at 20,000 articles, and 3.2 MB in
1,059 requests (5 s) at 100,000. So each part's bundle carries the values its pages have
(`filters.json`, as Pagefind indexed them, from its fragments), written by the word map's
build as it reads the fragments for the words (or, in an edit that leaves the map alone,
for the parts re-indexed), and each word map the values of all the parts of its language,
made again by every build that re-indexes one (searchmap.py): the page fetches the map's
file, and the files of the parts the map leaves out after an edit.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..content.atomic import replace_file

FRAGMENT_SIGNATURE = b"pagefind_dcd"  # starts every decompressed fragment
FILTERS = "filters.json"

Values = dict[str, list[str]]  # each filter's values, sorted


def fragments(folder: Path) -> list[Path]:
    """The fragment files of a bundle."""
    return sorted((folder / "fragment").glob("*.pf_fragment"))


def read_fragment(path: Path) -> dict[str, Any]:
    """A Pagefind fragment: gzip of the signature and a JSON object."""
    raw = gzip.decompress(path.read_bytes())
    data = json.loads(raw.removeprefix(FRAGMENT_SIGNATURE))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a Pagefind fragment")
    return data


def indexed_values(part: Path) -> Values:
    """The filter values of a part's pages, as Pagefind indexed them (its fragments)."""
    return joined(read_fragment(path).get("filters", {}) for path in fragments(part))


def part_values(part: Path) -> Values:
    """A part's filter values: its filters.json, written from its fragments where it has
    none (a bundle kept from a build that did not write it)."""
    try:
        found = json.loads((part / FILTERS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return write_part_values(part)
    return joined([found])


def write_part_values(part: Path) -> Values:
    """Write a part's filters.json from its fragments; the values."""
    values = indexed_values(part)
    write_values(part, values)
    return values


def write_values(folder: Path, values: Values) -> None:
    """Write filters.json into a bundle folder unless it holds these values already,
    replacing it atomically (a new file: the folder may hold hard links to a previous
    site's files, which stay as they are)."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    path = folder / FILTERS
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    replace_file(path, text.encode("utf-8"))


def joined(each: Iterable[dict[str, Any]]) -> Values:
    """The values of every filter in any of these, each once, sorted."""
    found: dict[str, set[str]] = {}
    for filters in each:
        for name, values in filters.items():
            found.setdefault(str(name), set()).update(map(str, values))
    return {name: sorted(values) for name, values in sorted(found.items())}
