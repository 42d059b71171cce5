"""The export's formats (pure): records → the bytes of a CSV table, JSON Lines, BibTeX or
RIS file. The format is chosen by the file's extension (FORMATS); docs/export.md says what
each column and field holds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from .exportrecords import ExportRecord
from .references import bibtex, ris

COLUMNS = (
    "address",
    "address_en",
    "title_ar",
    "title_en",
    "date",
    "source",
    "source_en",
    "source_url",
    "original_url",
    "authors_ar",
    "authors_en",
    "place",
    "place_en",
    "tags",
    "entity_ids",
    "entity_names_ar",
    "entity_names_en",
    "gloss_status",
    "paragraphs_glossed",
    "paragraphs_pending",
    "paragraphs_outdated",
    "translator",
    "translated",
    "corrections",
    "withdrawn",
    "withdrawn_note",
)
LIST_SEPARATOR = "; "  # between the names of a cell; ids and names in the same order
# A cell opening with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets (CSV injection): an archived headline must never run as one. Such a cell opens with
# an apostrophe, which those programs show as text and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(records: Sequence[ExportRecord]) -> bytes:
    """One row an article, under a header row, as RFC 4180 (CRLF, quotes where needed),
    UTF-8 with a byte-order mark: without it Excel reads the file in the machine's legacy
    code page and shows Arabic as mojibake; LibreOffice, Numbers, Google Sheets and
    Python's csv module (encoding "utf-8-sig") all read it as UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([_cell(value) for value in _row(record)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: str | int | None) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(r: ExportRecord) -> list[str | int | None]:
    cite, en = r.cite_ar, r.cite_en
    names = LIST_SEPARATOR.join
    return [
        cite.permalink,
        en.permalink if en else None,
        cite.title_ar,
        cite.title_en,
        cite.published.iso(),
        cite.source,
        cite.source_en,
        r.source_url,
        cite.original_url,
        names(cite.authors_ar),
        names(cite.authors_en),
        r.place,
        r.place_en,
        names(r.tags),
        names(e.id for e in r.entities),
        names(e.name_ar for e in r.entities),
        names(e.name_en or "" for e in r.entities),
        r.gloss_status,
        r.glossed,
        r.pending,
        r.outdated,
        r.translator,
        r.translated.iso() if r.translated else None,
        "\n".join(f"{c.date.iso()}: {c.note}" for c in r.corrections),
        r.withdrawn.date.iso() if r.withdrawn else None,
        r.withdrawn.note if r.withdrawn else None,
    ]


def to_jsonl(records: Sequence[ExportRecord]) -> bytes:
    """One JSON object an article, a line each (JSON Lines), UTF-8 without escapes."""
    lines = (json.dumps(_object(r), ensure_ascii=False, separators=(",", ":")) for r in records)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _object(r: ExportRecord) -> dict[str, Any]:
    cite, en = r.cite_ar, r.cite_en
    return {
        "address": cite.permalink,
        "address_en": en.permalink if en else None,
        "story": r.story,
        "title": {"ar": cite.title_ar, "en": cite.title_en},
        "date": cite.published.iso(),
        "source": {
            "name": cite.source,
            "name_en": cite.source_en,
            "url": r.source_url,
            "original_url": cite.original_url,
        }
        if cite.source
        else None,
        "authors": {"ar": list(cite.authors_ar), "en": list(cite.authors_en)},
        "place": {"ar": r.place, "en": r.place_en} if r.place else None,
        "tags": list(r.tags),
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name_ar": e.name_ar,
                "name_en": e.name_en,
                "count": e.count,
            }
            for e in r.entities
        ],
        "gloss": {
            "status": r.gloss_status,
            "glossed": r.glossed,
            "pending": r.pending,
            "outdated": r.outdated,
            "translator": r.translator,
            "translated": r.translated.iso() if r.translated else None,
        },
        "corrections": [{"date": c.date.iso(), "note": c.note} for c in r.corrections],
        "withdrawn": {"date": r.withdrawn.date.iso(), "note": r.withdrawn.note}
        if r.withdrawn
        else None,
    }


FORMATS: dict[str, Callable[[Sequence[ExportRecord]], bytes]] = {
    "csv": to_csv,
    "jsonl": to_jsonl,
    "bib": bibtex,
    "ris": ris,
}
