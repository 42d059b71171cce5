"""The manifest of a bulk import: a CSV file giving each raw file its date and metadata (pure).

    file,date,title,slug,source_url,original_url
    raw/0001.txt,2020-11-17,,us-forces-move,,

`file` and `date` are required; the other columns are optional, in any order. `file` is
relative to the manifest's folder. A date written another common way is read as the date
it can only mean (`2011/3/12`, `2011-03-12 14:30`), and D/M/YYYY day first as the Arab
world writes it (`12/3/2011` is 12 March), with one note saying how many were; unless one
date of the manifest reads only month first (`3/25/2011`): then none is read day first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from ..core.diagnostics import Diagnostic, counted
from .datehints import date_meant, only_month_first, written_day_first
from .dates import parse_date

REQUIRED = ("file", "date")
OPTIONAL = ("title", "slug", "source_url", "original_url")


@dataclass(frozen=True)
class ManifestRow:
    """One raw file to import, with the line of the manifest that names it."""

    line: int
    file: str
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY, unless date_refused
    title: str | None = None
    slug: str | None = None
    source_url: str | None = None
    original_url: str | None = None
    written: str | None = None  # the date as written, when it was written another way
    # The date is missing or no date, as the manifest's diagnostics say; the row is kept
    # so that its file's own problems are found in the same run.
    date_refused: bool = False


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
    rows, dates = _dates_read(rows, path)
    return tuple(rows), (*problems, *dates)


def _dates_read(
    rows: list[ManifestRow], path: str
) -> tuple[list[ManifestRow], tuple[Diagnostic, ...]]:
    """The rows, and a note counting the dates read from another form; or, when one date
    reads only month first, the rows with their day-first dates refused, in one error."""
    read = [row for row in rows if row.written is not None]
    doubt = next((row for row in rows if row.date_refused and only_month_first(row.date)), None)
    day_first = [row for row in read if written_day_first(row.written or "")]
    if doubt is not None and day_first:
        first = day_first[0]
        message = (
            f"{counted(len(day_first), 'date')} written day/month/year (the first on line "
            f"{first.line}, '{first.written}') could not be read: '{doubt.date}' on line "
            f"{doubt.line} reads only month first, so the manifest's order is in doubt; "
            "write every date YYYY-MM-DD"
        )
        refused = {row.line for row in day_first}
        rows = [
            replace(row, date=row.written or "", written=None, date_refused=True)
            if row.line in refused
            else row
            for row in rows
        ]
        return rows, (Diagnostic(path, first.line, message),)
    if not read:
        return rows, ()
    example = day_first[0] if day_first else read[0]
    rule = "; D/M/YYYY is read day first" if day_first else ""
    message = (
        f"{counted(len(read), 'date')} not written YYYY-MM-DD, YYYY-MM or YYYY read as the "
        f"date meant{rule} ('{example.written}' on line {example.line} as {example.date})"
    )
    return rows, (Diagnostic(path, read[0].line, message, "note"),)


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
        given = counted(len(values), "value")
        message = f"the row has {given} for {len(columns)} columns ({','.join(columns)})"
        named = values[columns.index("file")].strip() if columns.index("file") < len(values) else ""
        problems.append(Diagnostic(path, line, f"{named}: {message}" if named else message))
        return None
    pairs = zip(columns, values, strict=True)
    fields = {name: " ".join(value.split()) or None for name, value in pairs}
    fields["file"] = values[columns.index("file")].strip() or None  # a name as it is spelled
    file, date = fields["file"], fields["date"] or ""
    if file is None:
        problems.append(Diagnostic(path, line, f"no file{'' if date else ' and no date'} given"))
        return None
    written, problem = _date(date)
    if problem:
        problems.append(Diagnostic(path, line, f"{file}: {problem}"))
    return ManifestRow(
        line,
        file,
        date if written is None else written,
        fields.get("title"),
        fields.get("slug"),
        fields.get("source_url"),
        fields.get("original_url"),
        date if written is not None else None,
        date_refused=bool(problem),
    )


def _date(date: str) -> tuple[str | None, str]:
    """The YYYY-MM-DD form of a date written another way (None: written so, or no date),
    and what is wrong with the date ("": nothing)."""
    if not date:
        return None, (
            "no date given: write YYYY-MM-DD, or YYYY-MM or YYYY when only the month or "
            "the year is known (dates are never guessed)"
        )
    try:
        parse_date(date, timed=True)
        return None, ""
    except ValueError as exc:
        meant = date_meant(date)
        if meant is None or meant == date:  # no date, or refused as written (1432-03-01)
            return None, str(exc)
    try:
        parse_date(meant)  # a year before 1800, a Hijri year
    except ValueError as exc:
        return None, f"date '{date}' (read as {meant}): {exc}"
    return meant, ""
