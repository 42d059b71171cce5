"""Import of copy as editors paste it: a table (a Markdown pipe table, or rows pasted from a
spreadsheet with tabs between the cells) becomes one table block, shown as a table and
glossed as one unit, not a paragraph per row; INA's own datelines (`بغداد-واع:`) are read as
datelines, so that the same report is not let in twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from newsarchive.cli import main
from newsarchive.content.importer import import_article
from newsarchive.content.markdown import render_body

from .test_importer import demo_knowledge

LEAD = "أعلنت وزارة الزراعة، اليوم الأحد، مساحات الحنطة المزروعة في البصرة للموسم الحالي."
PIPE_TABLE = [
    "| القضاء | الموسم الماضي (دونم) | هذا الموسم |",
    "| --- | ---: | ---: |",
    "| الزبير | 1,200 | 1,450 |",
    "| أبو الخصيب | 800 | 950 |",
]
SHEET_ROWS = [
    "مستشفى الصدر\t4,210\t380",
    "مستشفى الكندي\t2,950\t215",
    "مستشفى اليرموك\t3,100\t290",
]
AFTER = "وقال مسؤول في الوزارة إن الأرقام أولية وستحدث الأسبوع المقبل."


def _body(raw: str) -> str:
    return import_article(raw, "2026-12-06", slug="x").markdown.split("---\n", 2)[2]


def test_a_pipe_table_is_one_block_with_its_pipes_and_separator_as_written() -> None:
    body = _body("\n".join([LEAD, *PIPE_TABLE, AFTER]))
    assert body == "\n\n".join([LEAD, "\n".join(PIPE_TABLE), AFTER]) + "\n"
    blocks = render_body(body)
    assert len(blocks) == 3
    assert "<table>" in blocks[1].html
    assert '<td class="right">1,450</td>' in blocks[1].html
    assert "<th>القضاء</th>" in blocks[1].html


def test_spreadsheet_rows_of_data_only_become_a_table_with_an_empty_header() -> None:
    """The first row has figures where the rows below do: it is data, not the header (it
    was set in bold as the columns' names); the table's header is empty, and not shown."""
    body = _body("\n".join([LEAD, *SHEET_ROWS, AFTER]))
    table = "\n".join(
        [
            "|  |  |  |",
            "| --- | ---: | ---: |",  # columns of figures are set to the right
            "| مستشفى الصدر | 4,210 | 380 |",
            "| مستشفى الكندي | 2,950 | 215 |",
            "| مستشفى اليرموك | 3,100 | 290 |",
        ]
    )
    assert body == "\n\n".join([LEAD, table, AFTER]) + "\n"
    (blocks,) = [b for b in render_body(body) if "<table>" in b.html]
    assert "<th>مستشفى الصدر</th>" not in blocks.html
    assert "<td>مستشفى الصدر</td>" in blocks.html


def test_spreadsheet_rows_under_column_names_are_headed_by_them() -> None:
    named = ["المستشفى\tالمراجعون\tالعمليات", *SHEET_ROWS]
    body = _body("\n".join([LEAD, *named, AFTER]))
    assert "| المستشفى | المراجعون | العمليات |\n| --- | ---: | ---: |" in body
    (blocks,) = [b for b in render_body(body) if "<table>" in b.html]
    assert "<th>المستشفى</th>" in blocks.html
    assert blocks.text.split("\n") == [cell for row in named for cell in row.split("\t")]


def test_cells_are_escaped_as_text_and_a_pipe_in_a_cell_stays_in_its_cell() -> None:
    rows = ["\tالعدد\tالمصدر", "*نجمة*\t-5\tأ|ب", "# وسم\t1.\thttps://x.org/a|b"]
    body = _body("\n".join([LEAD, *rows]))
    assert "| \\*نجمة\\* | \\-5 | أ\\|ب |" in body
    assert "| \\# وسم | 1\\. | https://x.org/a\\|b |" in body
    (table,) = [b for b in render_body(body) if "<table>" in b.html]
    # the empty corner cell a spreadsheet copies as a leading tab is kept: three columns
    assert table.html.count("</th>") == 3
    cells = ["", "العدد", "المصدر", "*نجمة*", "-5", "أ|ب", "# وسم", "1.", "https://x.org/a|b"]
    assert table.text.split("\n") == cells
    assert 'href="https://x.org/a%7Cb"' in table.html


def test_a_pipe_inside_a_cell_of_a_pasted_pipe_table_is_kept_escaped() -> None:
    rows = ["| الجهة | الرقم |", "|:---|---:|", "| أ \\| ب | 7 |"]
    body = _body("\n".join([LEAD, *rows]))
    assert "| الجهة | الرقم |\n| :--- | ---: |\n| أ \\| ب | 7 |" in body
    (table,) = [b for b in render_body(body) if "<table>" in b.html]
    assert table.text.split("\n") == ["الجهة", "الرقم", "أ | ب", "7"]


_CELL = st.text(alphabet="-+=*_#>&;:!.)1١ \\`[]()<>|~مصر", max_size=8)


@given(
    st.integers(2, 4).flatmap(
        lambda width: st.lists(
            st.lists(_CELL, min_size=width, max_size=width), min_size=2, max_size=4
        )
    )
)
@example(rows=[["", "", "", "1"], ["", "", ":", "1"]])  # data only: an empty header is added
@settings(max_examples=200, deadline=None)
def test_any_spreadsheet_cells_show_as_received_in_one_table(rows: list[list[str]]) -> None:
    lines = ["\t".join(row) for row in rows]
    assume(all(line.strip() for line in lines))  # a blank line is no row
    assume(re.search(r"[^\-:|\s]", lines[1]))  # nor a pipe table's separator row
    blocks = render_body(_body("\n".join([LEAD, *lines])))
    if sum(any(row[column].strip() for row in rows) for column in range(len(rows[0]))) < 2:
        # one column with text: paragraphs indented with a tab, or ended with one
        assert [block.text for block in blocks] == [LEAD, *(line.strip() for line in lines)]
        return
    assert [block.html.startswith("<p") for block in blocks] == [True, False]
    cells = [cell.strip() for row in rows for cell in row]
    # A paste whose first row is data gets an empty header row (screen readers need one).
    assert blocks[1].text.split("\n") in (cells, [""] * len(rows[0]) + cells)


@pytest.mark.parametrize(
    "lines",
    [
        ["السعر\t1,200"],  # a single line with a tab
        ["| القضاء | الموسم |"],  # a single pipe row
        ["| القضاء | الموسم |", "| الزبير | 1,200 |"],  # pipe rows with no separator row
        ["| القضاء | الموسم |", "| --- |"],  # a separator of another width
        ["مستشفى الصدر\t4,210\t380", "مستشفى الكندي\t2,950"],  # rows of other widths
        ["\tأعلنت الوزارة عن حملة.", "\tوقال مسؤول إنها تستمر."],  # indented with a tab
    ],
    ids=["one-tab-line", "one-pipe-line", "no-separator", "narrow-separator", "ragged", "indent"],
)
def test_what_is_no_table_stays_paragraphs(lines: list[str]) -> None:
    imported = import_article("\n".join([LEAD, *lines]), "2026-12-06", slug="x")
    assert imported.tables == 0
    assert imported.paragraphs == (LEAD, *(line.strip() for line in lines))
    blocks = render_body(imported.markdown.split("---\n", 2)[2])
    assert len(blocks) == 1 + len(lines)
    assert not any("<table>" in block.html for block in blocks)


def test_a_row_wider_than_the_header_loses_no_cell() -> None:
    rows = ["| القضاء | الموسم |", "| --- | ---: |", "| الزبير | 1,200 | تقدير |"]
    body = _body("\n".join([LEAD, *rows]))
    assert "| القضاء | الموسم |  |\n| --- | ---: | --- |\n| الزبير | 1,200 | تقدير |" in body


def _raw(dateline: str) -> str:
    return "\n".join([f"{dateline}{LEAD}", *SHEET_ROWS, AFTER, *PIPE_TABLE, "انتهى"]) + "\n"


def test_imported_tables_build_as_tables_and_gloss_as_one_block_each(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "ina.txt"
    raw.write_text(_raw("بغداد-واع: "), encoding="utf-8")
    assert main(["import", str(raw), "--date", "2026-12-06", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "imported 3 paragraphs and 2 tables -> " in out
    assert "[source: واع, dateline: بغداد]" in out
    (made,) = (project / "content/ar/2026/12").glob("*.md")
    assert made.name.startswith("أعلنت-وزارة-الزراعة")
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    page = (project / "site/ar/2026/12" / made.stem / "index.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 2
    assert '<div id="p2" class="table-scroll" tabindex="0">' in page
    assert '<div id="p4" class="table-scroll" tabindex="0">' in page
    assert "\\|" not in page and "| --- |" not in page
    assert main(["gloss", str(made), "--root", str(project)]) == 0
    stub = (project / "content/en/2026/12" / made.name).read_text(encoding="utf-8")
    assert re.findall(r"<!-- gloss (p\d+) ", stub) == ["p1", "p2", "p3", "p4", "p5"]


@pytest.mark.parametrize("again", ["بغداد-واع: ", "بغداد- واع: ", "بغداد -واع: ", "بغداد – واع – "])
def test_the_same_report_under_another_ina_dateline_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], again: str
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(_raw("بغداد - واع: "), encoding="utf-8")
    second.write_text(_raw(again), encoding="utf-8")
    assert main(["import", str(first), "--date", "2026-12-06", "--root", str(project)]) == 0
    (made,) = (project / "content/ar/2026/12").glob("*.md")
    capsys.readouterr()
    assert main(["import", str(second), "--date", "2026-12-07", "--root", str(project)]) == 1
    rel = made.relative_to(project).as_posix()
    assert f"{second}:1: error: same text as {rel}" in capsys.readouterr().err


def test_a_hyphenated_phrase_in_the_lead_is_no_dateline() -> None:
    raw = "أكد مسؤول في بغداد-واع: إن الوفد وصل.\nوقال إن الزيارة تستمر يومين."
    imported = import_article(raw, "2026-12-06", slug="x", known=demo_knowledge())
    assert (imported.source_name, imported.place) == (None, None)
    assert imported.paragraphs[0].startswith("أكد مسؤول في بغداد-واع:")
