"""The manifest of a bulk import: a CSV file giving each raw file its date and metadata (pure).

    file,date,title,slug,source_url,original_url
    raw/0001.txt,2020-11-17,,us-forces-move,,

`file` and `date` are required; the other columns are optional, in any order. `file` is
relative to the manifest's folder.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..core.diagnostics import Diagnostic
from .dates import parse_date

REQUIRED = ("file", "date")
OPTIONAL = ("title", "slug", "source_url", "original_url")


@dataclass(frozen=True)
class ManifestRow:
    """One raw file to import, with the line of the manifest that names it."""

    line: int
    file: str
    date: str
    title: str | None = None
    slug: str | None = None
    source_url: str | None = None
    original_url: str | None = None


def parse_manifest(text: str, path: str) -> tuple[tuple[ManifestRow, ...], tuple[Diagnostic, ...]]:
    """Every row of the manifest, or the problems of every bad row (`path:line: …`)."""
    text = text.removeprefix("\ufeff")
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter=delimiter_of(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return (), (Diagnostic(path, 1, "the manifest is empty (expected a header: file,date)"),)
    except csv.Error as exc:
        return (), (Diagnostic(path, 1, _csv_problem(exc)),)
    columns = [name.strip().lower() for name in header]
    diags = _check_header(columns, path)
    if diags:
        return (), diags
    rows: list[ManifestRow] = []
    problems: list[Diagnostic] = []
    first_line: dict[str, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Diagnostic(path, line, _csv_problem(exc)))
            break
        row_line, line = line, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue  # a blank line
        row = _row(columns, values, row_line, path, problems)
        if row is None:
            continue
        if row.file in first_line:
            message = f"'{row.file}' is listed twice (first on line {first_line[row.file]})"
            problems.append(Diagnostic(path, row_line, message))
            continue
        first_line[row.file] = row_line
        rows.append(row)
    if not rows and not problems:
        problems.append(Diagnostic(path, 1, "the manifest lists no files"))
    return tuple(rows), tuple(problems)


def files_named(text: str) -> frozenset[str]:
    """The `file` of every row the manifest's text has, good or bad, as far as it reads as
    CSV: a given file a bad row names is told by that row's error, not as missing a row."""
    lines = io.StringIO(text.removeprefix("\ufeff"), newline="")
    reader = csv.reader(lines, delimiter=delimiter_of(text))
    named: set[str] = set()
    try:
        columns = [name.strip().lower() for name in next(reader, [])]
        if "file" not in columns:
            return frozenset()
        at = columns.index("file")
        named.update(values[at].strip() for values in reader if at < len(values))
    except csv.Error:
        pass  # the rest does not read: its error is the manifest's own
    return frozenset(named)


def delimiter_of(text: str) -> str:
    """',' unless the header has none and is split by ';' or a tab: spreadsheets save CSV
    with ';' where ',' is the decimal mark, and 'text' exports with tabs."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def _csv_problem(exc: csv.Error) -> str:
    if "end of data" in str(exc):
        return "not readable as CSV: a quote opened here is never closed"
    return f"not readable as CSV: {exc}"


def _check_header(columns: list[str], path: str) -> tuple[Diagnostic, ...]:
    known = (*REQUIRED, *OPTIONAL)
    diags = [
        Diagnostic(path, 1, f"unknown column '{name}' (columns: {', '.join(known)})")
        for name in columns
        if name not in known
    ]
    diags += [
        Diagnostic(
            path,
            1,
            f"the header has no '{name}' column (a header names file, date and any others, "
            "in any order)",
        )
        for name in REQUIRED
        if name not in columns
    ]
    diags += [
        Diagnostic(path, 1, f"column '{name}' appears twice")
        for name in sorted({n for n in columns if columns.count(n) > 1})
    ]
    return tuple(diags)


def _row(
    columns: list[str], values: list[str], line: int, path: str, problems: list[Diagnostic]
) -> ManifestRow | None:
    if len(values) != len(columns):
        given = f"{len(values)} value{'s' if len(values) != 1 else ''}"
        message = f"the row has {given} for {len(columns)} columns ({','.join(columns)})"
        named = values[columns.index("file")].strip() if columns.index("file") < len(values) else ""
        problems.append(Diagnostic(path, line, f"{named}: {message}" if named else message))
        return None
    pairs = zip(columns, values, strict=True)
    fields = {name: " ".join(value.split()) or None for name, value in pairs}
    fields["file"] = values[columns.index("file")].strip() or None  # a name as it is spelled
    missing = [name for name in REQUIRED if not fields.get(name)]
    if missing:
        problems.append(Diagnostic(path, line, f"no {' and no '.join(missing)} given"))
        return None
    file, date = fields["file"], fields["date"]
    assert file is not None and date is not None
    try:
        parse_date(date)
    except ValueError as exc:
        problems.append(Diagnostic(path, line, f"{file}: {exc}"))
        return None
    return ManifestRow(
        line,
        file,
        date,
        fields.get("title"),
        fields.get("slug"),
        fields.get("source_url"),
        fields.get("original_url"),
    )
