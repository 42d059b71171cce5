"""The word map of the search index: which parts hold each word (I/O: reads bundles, runs
Pagefind).

Why. The index comes in parts (searchindex.py), and the search page used to merge every
part of its language before the first search: each merged part costs its metadata and an
index chunk per word, so at 20,000 articles (11 parts) a rare word downloaded 1,350 kB,
and at 100,000 articles by month (132 parts) 4,654 kB. With the map, the page looks the
query's words up first and searches only the parts that hold all of them.

What. One more Pagefind bundle per language, `pagefind/map-<lang>/`, indexing one record
per part: the distinct words Pagefind indexed in the part's pages (each fragment's text and
metadata, as Pagefind wrote them). Looked up by the same Pagefind, with the same stemmer and
the same exact search the page runs on the parts, a reading finds the map record of a part
exactly when it finds a page of that part, so routing loses no article. The manifest names
the part of each record (`"maps": {"<lang>": {"<fragment id>": "<part>"}}`, from the map's
`ids.json`), so a lookup downloads no record. The map also lists the filter values of all
the parts of its language (`filters.json`, bundlefiles.py), for the search page's filter
lists: the values a full build would list, however many edits came since.

When. A full build rebuilds the map of each language with a changed part, from the new
parts' fragments and, for the other parts, from the words of the previous site's map
records (it does not read the whole archive again), and links the previous map of an
unchanged language. An edit leaves the map alone and drops the record of each part it
re-indexed from `ids.json` (MAX_UNMAPPED): the search page searches a part the map does not
name with every search (and reads that part's own filter values), so it stays right, only
slower, until a full build or more such parts rebuild the map. The map's filter values are
made again from every part's, so that a value an edit took away is listed nowhere: 11 ms
for the 66 parts of a language at 100,000 articles (lists of 9 kB, made up to that size).
A map that could not be rebuilt is removed, and the search page then searches every part
as before: slower, never wrong.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..content.atomic import replace_file
from ..core.diagnostics import Diagnostic
from .bundlefiles import (
    FILTERS,
    Values,
    fragments,
    joined,
    part_values,
    read_fragment,
    write_part_values,
    write_values,
)
from .pagefindrun import run_into
from .searchreuse import link_tree

PREFIX = "map-"
IDS = "ids.json"
# An edit re-indexes a part but leaves the map alone (rebuilding it took 4.4 s at 100,000
# articles, 132 parts a language): the part is left out of the map, and so merged by every
# search, until more than this many are; the next edit then rebuilds the map. Each such
# part costs a search its metadata and an index chunk per word; a full build leaves none.
MAX_UNMAPPED = 8
# The words found in at least this share of a language's parts are indexed once, in a
# record of their own (EVERYWHERE) that sends a search to every part, rather than in each
# part's record: at 100,000 articles, 73% of the map's words (132 parts), so the map takes
# a third of the time to rebuild. Routing such a word to every part searches a few parts
# that lack it, which the search then finds empty: never a lost article.
SHARED = 0.9
EVERYWHERE = "everywhere"  # the shared record's name in ids.json; no part is named so


def map_folder(lang: str) -> str:
    """The folder of a language's word map inside the search bundle."""
    return f"{PREFIX}{lang}"


def update_maps(
    bundle: Path, parts: Iterable[str], changed: Iterable[str], previous: Path | None
) -> list[Diagnostic]:
    """Bring the word map of every language up to date with the parts now in `bundle`
    (names `…-<lang>`), of which `changed` were just indexed. The words of the others are
    read from the maps in `previous`: the previous site's in a full build, which rebuilds
    the map of every language with a changed part; None in an edit, which leaves its parts
    out of this site's map until more than MAX_UNMAPPED are. The failures, each map
    concerned removed."""
    present, fresh = set(parts), set(changed)
    failures = []
    for lang in sorted({part.rsplit("-", 1)[1] for part in present} | _mapped(bundle)):
        mine = {part for part in present if part.endswith(f"-{lang}")}
        target = bundle / map_folder(lang)
        source = previous / map_folder(lang) if previous is not None else target
        recorded = _recorded(source)
        valid = (recorded & mine) - fresh  # the records that still hold their part's words
        if not mine:
            _remove(target)
        elif source != target and recorded == mine == valid:  # a full build, language unchanged
            _remove(target)
            link_tree(source, target)
            if not (target / FILTERS).is_file():  # a map from before the maps listed them
                write_values(target, joined(part_values(bundle / part) for part in sorted(mine)))
        elif source == target and recorded and len(mine - valid) <= MAX_UNMAPPED:  # an edit
            if recorded != valid:  # parts re-indexed or gone: their records no longer count
                _keep_records(target, valid)
            for part in mine & fresh:  # the page reads the values of a part left out here
                write_part_values(bundle / part)
            # and the map's own list, which the page merges with those, must lose a value an
            # edit took out of a part (a name or a type changed in the registry): kept, the
            # menu offered it, and choosing it found nothing.
            write_values(target, joined(part_values(bundle / part) for part in sorted(mine)))
        else:  # a full build that indexed or dropped a part of the language, or too many left out
            kept = _map_words(source, valid)
            if failure := _build(target, lang, kept, sorted(mine - kept.keys())):
                _remove(target)
                failures.append(Diagnostic(f"{bundle.name}/{target.name}/", 1, failure))
    return failures


def map_ids(bundle: Path) -> dict[str, dict[str, str]]:
    """Per language with a map: the part of each map record, by its fragment id (the id
    Pagefind gives the record's search result)."""
    found: dict[str, dict[str, str]] = {}
    for folder in sorted(bundle.glob(f"{PREFIX}*/{IDS}")):
        lang = folder.parent.name.removeprefix(PREFIX)
        found[lang] = json.loads(folder.read_text(encoding="utf-8"))
    return found


def _read_part(part: Path) -> tuple[str, Values]:
    """A part's words and filter values, from one reading of its fragments (0.2 ms each:
    0.35 s for a year of 1,818 articles). The words are the distinct words Pagefind indexed
    that a reader may look up: the fragments' text and title, split at white space as
    Pagefind splits them. The date meta is one token a page that no reader types
    (searchtext.date_attributes): its thousands of values a year would only make the map's
    chunks, which every search downloads, bigger."""
    words: set[str] = set()
    filters = []
    for fragment in fragments(part):
        data = read_fragment(fragment)
        words.update(data.get("content", "").split())
        words.update(str(data.get("meta", {}).get("title", "")).split())
        filters.append(data.get("filters", {}))
    return " ".join(sorted(words)), joined(filters)


def _build(target: Path, lang: str, kept: dict[str, str], todo: list[str]) -> str | None:
    """Index a map of every part's words into target, with the filter values of all the
    parts (bundlefiles.py); what went wrong, if anything."""
    try:
        read = {part: _read_part(target.parent / part) for part in todo}
        for part, (_, values) in read.items():
            write_values(target.parent / part, values)
        words = kept | {part: text for part, (text, _) in read.items()}
        kept_values = (part_values(target.parent / part) for part in sorted(kept))
        values = joined([*(values for _, values in read.values()), *kept_values])
    except (OSError, ValueError, KeyError) as exc:
        return f"could not read the words of a part's bundle: {exc}"
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-src-", dir=target.parent) as src:
        for part, text in _records_of(words).items():
            page = Path(src) / part / "index.html"
            page.parent.mkdir()
            # The part's name is the URL only: as a title, Pagefind would index it as a word.
            page.write_text(
                f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head>'
                f"<body data-pagefind-body>{html.escape(text)}</body></html>\n",
                encoding="utf-8",
            )

        def complete(folder: Path) -> None:
            _write_ids(folder)
            write_values(folder, values)

        return run_into(target, Path(src), complete=complete)


def _records_of(words: dict[str, str]) -> dict[str, str]:
    """The text of each record of a map of these parts' words (by part): the words in at
    least SHARED of the parts in one record, EVERYWHERE, and each part's other words in its
    own (all of them when it has no other, so that every part keeps a record). A map of one
    part has no shared record."""
    split = {part: set(text.split()) for part, text in words.items()}
    counts = Counter(word for each in split.values() for word in each)
    shared = {w for w, count in counts.items() if count >= SHARED * len(words) > 1}
    records = {}
    for part, each in split.items():
        records[part] = " ".join(sorted(each - shared or each))
    if shared:
        records[EVERYWHERE] = " ".join(sorted(shared))
    return records


def _write_ids(folder: Path) -> None:
    """Name the part of each record of a new map (ids.json, read into the manifest)."""
    parts = {path.stem: read_fragment(path)["url"].strip("/") for path in fragments(folder)}
    _write_json(folder / IDS, parts)


def _write_json(path: Path, value: dict[str, str]) -> None:
    replace_file(path, (json.dumps(value, sort_keys=True) + "\n").encode("utf-8"))


def _recorded(folder: Path) -> set[str]:
    """The parts a complete map has a record of (none if there is no map)."""
    try:
        return set(json.loads((folder / IDS).read_text(encoding="utf-8")).values()) - {EVERYWHERE}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def _map_words(folder: Path, parts: set[str]) -> dict[str, str]:
    """The words of these parts in an existing map (empty if it is not readable: every
    part's words are then read from its bundle). A part's words are its record's and the
    shared record's: a few more than it holds, which only routes a search to it in vain."""
    try:
        found = {
            str(data["url"]).strip("/"): str(data["content"])
            for data in map(read_fragment, fragments(folder))
        }
    except (OSError, ValueError, KeyError):
        return {}
    shared = found.pop(EVERYWHERE, "")
    return {part: f"{words} {shared}" for part, words in found.items() if part in parts}


def _keep_records(folder: Path, parts: set[str]) -> None:
    """Leave every part but these out of a map (their records no longer hold their words):
    the search page searches a part the map does not name whatever the query."""
    ids = json.loads((folder / IDS).read_text(encoding="utf-8"))
    kept = {key: part for key, part in ids.items() if part in parts or part == EVERYWHERE}
    _write_json(folder / IDS, kept)


def _mapped(bundle: Path) -> set[str]:
    """The languages that have a map now."""
    return {folder.name.removeprefix(PREFIX) for folder in bundle.glob(f"{PREFIX}*")}


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
