"""Tables in pasted copy -> table blocks (pure): the runs of lines `import` makes one GitHub
pipe table of, so that a table is one block on the page and one unit for its gloss instead of
a paragraph per row.

Two forms are read, each from two lines on (a single line with a pipe or a tab is a
paragraph):

    | القضاء | الموسم الماضي |      a Markdown pipe table: a header row, then a separator
    | --- | ---: |                   row of as many cells, then any rows with a pipe
    | الزبير | 1,200 |

    مستشفى الصدر<TAB>4,210<TAB>380  rows pasted from a spreadsheet: consecutive lines with
    مستشفى الكندي<TAB>2,950<TAB>215  the same number (two or more) of tab-separated cells,
                                       two columns or more with text; the first the header,
                                       unless it has figures where its column has (then
                                       the header is empty)

A column whose cells are all figures is aligned to the right (`---:`), as figures are set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary; `\|` is a pipe inside a cell
_ALIGNMENT = re.compile(r":?-+:?")
_FIGURE = re.compile(r"[+\-−]?\d[\d.,٫٬]*\s?[%٪]?")  # 4,210  +2  12.5%  ٣٫٥


@dataclass(frozen=True)
class Table:
    """A table found in the copy: its cells as received, and how each column is aligned."""

    rows: tuple[tuple[str, ...], ...]  # the header first; every row as wide as the widest
    alignments: tuple[str, ...]  # a separator cell for each column: ---, :---, ---:, :---:
    source: str  # the lines it was made of, as received


def table_blocks(lines: Sequence[str]) -> list[str | Table]:
    """The lines (one paragraph each, tabs at their ends kept) with every run that makes a
    table replaced by the Table; the other lines trimmed."""
    blocks: list[str | Table] = []
    at = 0
    while at < len(lines):
        found = _pipe_table(lines, at) or _tab_table(lines, at)
        if found is None:
            blocks.append(lines[at].strip())
            at += 1
            continue
        table, at = found
        blocks.append(table)
    return blocks


def _pipe_table(lines: Sequence[str], at: int) -> tuple[Table, int] | None:
    """The pipe table whose header is lines[at], and where the lines after it start."""
    if at + 1 >= len(lines) or not (_PIPE.search(lines[at]) and _PIPE.search(lines[at + 1])):
        return None
    header, separator = _pipe_cells(lines[at]), _pipe_cells(lines[at + 1])
    if len(separator) != len(header) or not all(_ALIGNMENT.fullmatch(c) for c in separator):
        return None
    separator = [_alignment(cell) for cell in separator]
    if all(_ALIGNMENT.fullmatch(cell) for cell in header):  # two separators: no header
        return None
    end = at + 2
    while end < len(lines) and _PIPE.search(lines[end]):
        end += 1
    rows = [header, *(_pipe_cells(line) for line in lines[at + 2 : end])]
    return _table(rows, separator, lines[at:end]), end


def _pipe_cells(line: str) -> list[str]:
    """A pipe row's cells, the pipes at its ends optional, `\\|` read as a pipe."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(row)]


def _alignment(cell: str) -> str:
    """A separator cell as written shortest: `:-----:` is `:---:`."""
    return f"{':' if cell.startswith(':') else ''}---{':' if cell.endswith(':') else ''}"


def _tab_table(lines: Sequence[str], at: int) -> tuple[Table, int] | None:
    """The spreadsheet rows from lines[at] on, and where the lines after them start."""
    width = lines[at].count("\t") + 1
    end = at
    while end < len(lines) and width >= 2 and lines[end].count("\t") + 1 == width:
        end += 1
    if end - at < 2:
        return None
    rows = [[cell.strip() for cell in line.split("\t")] for line in lines[at:end]]
    if sum(any(row[column] for row in rows) for column in range(width)) < 2:
        return None  # paragraphs indented with a tab, or ended with one: no table
    if not _heads(rows):  # every row is data: the table gets an empty header row
        rows = [[""] * width, *rows]
    alignments = [_aligned(rows[1:], column) for column in range(width)]
    return _table(rows, alignments, lines[at:end]), end


def _heads(rows: list[list[str]]) -> bool:
    """Whether the first row pasted is the columns' header. A spreadsheet's copy carries
    no mark of it, so only the figures tell: a first row with a figure where every cell
    below is a figure too is a row of data (`مستشفى الصدر | 4,210 | 380`); otherwise, and
    when no column is of figures, the first row heads the table, as spreadsheets lay out."""
    for column in range(len(rows[0])):
        below = [row[column] for row in rows[1:] if row[column]]
        if below and all(_FIGURE.fullmatch(cell) for cell in below):
            return not _FIGURE.fullmatch(rows[0][column])
    return True


def _aligned(body: list[list[str]], column: int) -> str:
    """`---:` for a column of figures (ignoring empty cells), else `---`."""
    cells = [row[column] for row in body if row[column]]
    return "---:" if cells and all(_FIGURE.fullmatch(cell) for cell in cells) else "---"


def _table(rows: list[list[str]], separator: list[str], source: Sequence[str]) -> Table:
    """Every row padded to the widest: a cell beyond the header's is kept, not dropped."""
    width = max(len(row) for row in rows)
    padded = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
    alignments = tuple(separator + ["---"] * (width - len(separator)))
    return Table(padded, alignments, "\n".join(line.strip() for line in source))
