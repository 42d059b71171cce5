"""Bulk import: many raw files with a manifest giving their dates; every row checked before
anything is written."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.manifest import parse_manifest

from .conftest import REPO, SEED, snapshot

RAW = Path(__file__).parent / "raw"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of raw files as an archive delivers them, with their manifest."""
    folder = tmp_path / "delivery"
    shutil.copytree(RAW, folder / "raw")
    return folder


def write_manifest(folder: Path, text: str) -> Path:
    manifest = folder / "manifest.csv"
    manifest.write_text(text, encoding="utf-8")
    return manifest


GOOD = """file,date,title,slug,source_url,original_url
raw/basra-water.txt,2021-03-07,,basra-desalination,,
raw/erbil-flights.txt,2021-03-08,استئناف الرحلات بين أربيل وإسطنبول,,,https://example.com/news/1
raw/baghdad-electricity.txt,2021-02,,,,
raw/mosul-museum.txt,2019,,mosul-museum,,
raw/no-dateline.txt,2021-03-10,,diyala-attack,,
raw/unknown-form.txt,2021-03-11,,baghdad-arrests,,
"""


def test_manifest_imports_every_file_with_its_own_date_and_metadata(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(batch, GOOD)
    args = ["import", str(batch / "raw"), "--manifest", str(manifest), "--root", str(project)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("imported ") == 6 and "6 articles imported" in out
    made = {
        p.relative_to(project / "content").as_posix(): p
        for p in (project / "content/ar").rglob("*.md")
        if "coalition" not in p.name
    }
    assert "ar/2021/03/basra-desalination.md" in made
    assert "ar/2019/mosul-museum.md" in made
    assert f"content/{'ar/2021/03/basra-desalination.md'}" in out
    for rel, path in made.items():
        article, diags = parse_article(path.read_text(encoding="utf-8"), rel)
        assert diags == () and article is not None
    erbil = next(p for r, p in made.items() if r.startswith("ar/2021/03/استئناف"))
    article, _ = parse_article(erbil.read_text(encoding="utf-8"), "ar/2021/03/x.md")
    assert article is not None and article.title == "استئناف الرحلات بين أربيل وإسطنبول"
    assert not article.title_provisional
    assert article.source is not None and article.source.name == "شفق نيوز"
    assert article.source.original_url == "https://example.com/news/1"
    assert article.dateline == "أربيل"
    assert main(["build", "--root", str(project)]) == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("raw/missing.txt,2021-03-09,,,,", "raw/missing.txt: no such file"),
        ("raw/mosul-museum.txt,2021-13,,,,", "has no month 13"),
        ("raw/mosul-museum.txt,,,,,", "no date given"),
        ("raw/mosul-museum.txt,2021-03,,Not A Slug,,", "slug 'Not A Slug' is not usable"),
        ("raw/mosul-museum.txt,2021-03,,,ftp://x,", "is not an http(s) URL"),
        ("raw/mosul-museum.txt,2021-03", "2 values for 6 columns"),
        # a second copy of a file already in the batch
        ("raw/copy.txt,2021-04-01,,copy,,", "same text as"),
        ("raw/basra-water.txt,2021-04-01,,,,", "listed twice (first on line 2)"),
    ],
)
def test_a_bad_row_names_its_line_and_nothing_is_written(
    project: Path, batch: Path, row: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(batch / "raw/basra-water.txt", batch / "raw/copy.txt")
    lines = GOOD.splitlines()
    text = "\n".join([*lines[:3], row, *lines[3:]]) + "\n"
    manifest = write_manifest(batch, text)
    before = snapshot(project)
    assert main(["import", "--manifest", str(manifest), "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{manifest}:4: error: " in err and message in err
    assert "nothing was written" in err
    assert snapshot(project) == before


def test_a_file_already_archived_is_refused_in_a_batch(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED, batch / "raw/seed-again.txt")
    manifest = write_manifest(batch, "file,date\nraw/seed-again.txt,2020-11-20\n")
    assert main(["import", "--manifest", str(manifest), "--root", str(project)]) == 1
    err = capsys.readouterr().err
    demo = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    assert f"{manifest}:2: error: raw/seed-again.txt: same text as {demo}" in err


def test_a_given_file_without_a_row_is_reported(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(batch, "file,date\nraw/basra-water.txt,2021-03-07\n")
    args = ["import", str(batch / "raw"), "--manifest", str(manifest), "--root", str(project)]
    assert main(args) == 1
    err = capsys.readouterr().err
    row = "add a row: raw/erbil-flights.txt,YYYY-MM-DD"  # as the manifest's rows name files
    assert f"{batch / 'raw/erbil-flights.txt'}:1: error: not in {manifest} ({row})" in err
    assert not (project / "content/ar/2021").exists()


def test_a_file_without_a_row_is_reported_with_the_rows_errors_in_the_manifests_form(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """All at once: a bad row's error and a file with no row (one round, not two), the row
    to add split as the manifest's rows are (a spreadsheet's ';'); the file a bad row names
    is not said to be missing a row."""
    text = "file;date\nraw/basra-water.txt;2021-13-07\n"
    manifest = write_manifest(batch, text)
    args = ["import", str(batch / "raw"), "--manifest", str(manifest), "--root", str(project)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{manifest}:2: error:" in err
    row = "add a row: raw/erbil-flights.txt;YYYY-MM-DD"
    assert f"{batch / 'raw/erbil-flights.txt'}:1: error: not in {manifest} ({row})" in err
    assert "basra-water.txt:1: error: not in" not in err
    assert not (project / "content/ar/2021").exists()


def test_a_file_whose_name_is_part_of_another_rows_is_still_missing_a_row(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a row naming the file itself excuses it: a manifest whose row names
    old/raw/basra-water.txt has none for raw/basra-water.txt, which was left out of the
    import without a word (its name is part of the row's)."""
    (batch / "old/raw").mkdir(parents=True)
    shutil.copy(batch / "raw/basra-water.txt", batch / "old/raw/basra-water.txt")
    text = "file,date\nold/raw/basra-water.txt,2021-03-07\nraw/erbil-flights.txt,2021-03-08\n"
    manifest = write_manifest(batch, text)
    given = [str(batch / "raw/basra-water.txt"), str(batch / "raw/erbil-flights.txt")]
    args = ["import", *given, "--manifest", str(manifest), "--root", str(project)]
    assert main(args) == 1
    err = capsys.readouterr().err
    row = "add a row: raw/basra-water.txt,YYYY-MM-DD"
    assert f"{batch / 'raw/basra-water.txt'}:1: error: not in {manifest} ({row})" in err
    assert not (project / "content/ar/2021").exists()


@pytest.mark.parametrize("given", [[], ["raw/basra-water.txt"]])
def test_a_row_naming_no_file_is_an_error_at_its_line(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str], given: list[str]
) -> None:
    text = "file,date\nraw/basra-water.txt,2021-03-07\nraw/basra-watr.txt,2021-03-09\n"
    manifest = write_manifest(batch, text)
    folders = [str(batch / name) for name in given]
    args = ["import", *folders, "--manifest", str(manifest), "--root", str(project)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{manifest}:3: error: raw/basra-watr.txt: no such file",  # as its row names it
        "import: 1 problem (in the manifest, the registry or the files given: 1), "
        "1 ready to import",
        "import: nothing was written (fix the problems above)",
    ]
    assert not (project / "content/ar/2021").exists()


def test_a_given_file_whose_row_is_bad_gets_that_rows_error_alone(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(batch, "file,date\nraw/basra-water.txt,2021-13-07\n")
    one = batch / "raw/basra-water.txt"
    assert main(["import", str(one), "--manifest", str(manifest), "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{manifest}:2: error:" in err and "13" in err
    assert "not in" not in err


def test_only_the_files_given_are_imported(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(batch, GOOD)
    one = batch / "raw/mosul-museum.txt"
    assert main(["import", str(one), "--manifest", str(manifest), "--root", str(project)]) == 0
    assert capsys.readouterr().out.count("imported ") == 1
    assert [
        p.name for p in (project / "content/ar").rglob("*.md") if "coalition" not in p.name
    ] == ["mosul-museum.md"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1: the manifest is empty"),
        ("name,date\nx.txt,2020\n", "1: unknown column 'name'"),
        ("date\n2020\n", "1: the header has no 'file' column"),
        (  # the message named 'file,date' as the header's start, which it is not
            "file,title\nx.txt,t\n",
            "1: the header has no 'date' column (a header names file, date and any others, "
            "in any order)",
        ),
        ("file,date\n", "1: the manifest lists no files"),
        ('file,date\n"x.txt,2020\n', "2: not readable as CSV"),
    ],
)
def test_bad_manifests(text: str, message: str) -> None:
    rows, diags = parse_manifest(text, "m.csv")
    assert rows == ()
    assert any(str(d).startswith("m.csv:" + message.split(":")[0]) for d in diags)
    assert any(message.split(": ", 1)[1] in d.message for d in diags), diags


def test_rows_spanning_lines_keep_their_own_line_numbers() -> None:
    text = 'file,date,title\na.txt,2020,"two\nlines"\nb.txt,2020-13,\n'
    rows, diags = parse_manifest(text, "m.csv")
    assert [(r.file, r.date_refused) for r in rows] == [("a.txt", False), ("b.txt", True)]
    assert [str(d) for d in diags] == ["m.csv:4: error: b.txt: date '2020-13' has no month 13"]


def test_date_and_manifest_do_not_mix(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(batch, GOOD)
    args = ["import", "--manifest", str(manifest), "--date", "2020", "--root", str(project)]
    assert main(args) == 2
    assert "come from its columns" in capsys.readouterr().err
    assert main(["import", str(batch / "raw"), "--date", "2020", "--root", str(project)]) == 2
    assert "--manifest" in capsys.readouterr().err


def test_large_batch_shows_progress_on_a_terminal(project: Path, batch: Path) -> None:
    rows = ["file,date,slug"]
    for i in range(60):
        (batch / f"raw/many-{i:02d}.txt").write_text(
            f"شفق نيوز/ قال مسؤول إن الاجتماع رقم {i} انتهى باتفاق.\n", encoding="utf-8"
        )
        rows.append(f"raw/many-{i:02d}.txt,2021-05,many-{i:02d}")
    manifest = write_manifest(batch, "\n".join(rows) + "\n")
    leader, follower = pty.openpty()
    command = [sys.executable, str(REPO / "build.py"), "import", "--manifest", str(manifest)]
    done = subprocess.run(
        [*command, "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=follower,
        check=False,
        text=True,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert done.returncode == 0
    assert "\rchecking 50/60" in shown and "\rwriting 50/60" in shown
    assert "60 articles imported" in done.stdout
    assert "checking" not in done.stdout  # progress is for the terminal, not the listing


def test_a_broken_registry_stops_the_import(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/entities.yaml").write_text("- id: x\n  type: nothing\n", "utf-8")
    manifest = write_manifest(batch, GOOD)
    assert main(["import", "--manifest", str(manifest), "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/entities.yaml:" in err and "nothing was written" in err
    assert not (project / "content/ar/2021").exists()


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_spreadsheet_export_with_semicolons_or_tabs_is_read(
    project: Path, batch: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    text = GOOD.replace(",", separator)
    manifest = write_manifest(batch, text)
    assert main(["import", "--manifest", str(manifest), "--root", str(project)]) == 0, (
        capsys.readouterr().err
    )
    assert capsys.readouterr().out.count("imported ") == len(GOOD.splitlines()) - 1


def test_a_short_row_names_its_file_and_counts_in_words() -> None:
    _, diags = parse_manifest("file,date,title\nraw/a.txt,2021\n", "m.csv")
    assert [str(d) for d in diags] == [
        "m.csv:2: error: raw/a.txt: the row has 2 values for 3 columns (file,date,title)"
    ]
