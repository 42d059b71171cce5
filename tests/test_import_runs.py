"""A delivery imported again (to resume a stopped import or to add rows to it), stopped half
way, and read as delivered: files in the Arabic Windows encoding, dates written day first,
two rows making one path; every problem found in one run and counted in a summary."""

from __future__ import annotations

import contextlib
import os
import pty
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsarchive.build.media import checking_links, media_in
from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.batch import Planned, Request, unpublishable_links
from newsarchive.content.importer import import_article
from newsarchive.content.manifest import ManifestRow

from .conftest import REPO, SEED, png, snapshot

WORDS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def delivery(folder: Path, count: int, seed: int = 2011, month: str = "2011-03") -> list[str]:
    """`count` distinct raw articles under folder/raw (the seed's paragraphs recombined,
    each with made-up words), and their manifest rows (`file,date,slug`), all of `month`."""
    rng = random.Random(seed)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    paragraphs[0] = paragraphs[0].removeprefix("شفق نيوز/ ")
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(count):
        chosen = rng.sample(paragraphs, rng.randint(3, 6))
        text = [f"{p} {''.join(rng.choices(WORDS, k=6))}" for p in chosen]
        name = f"raw/{seed}-{i:04d}.txt"
        (folder / name).write_text("شفق نيوز/ " + "\n".join(text) + "\n", encoding="utf-8")
        rows.append(f"{name},{month}-{1 + i % 28:02d},story-{seed}-{i:04d}")
    return rows


def manifest_of(folder: Path, rows: list[str], header: str = "file,date,slug") -> Path:
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return manifest


def run_import(project: Path, manifest: Path, *more: str) -> int:
    return main(["import", "--manifest", str(manifest), "--root", str(project), *more])


def articles(project: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(project / "content/ar").items() if "coalition" not in k}


def imported(project: Path, folder: Path, count: int) -> tuple[list[str], Path]:
    """A delivery of `count` articles, imported: its rows and manifest."""
    rows = delivery(folder, count)
    manifest = manifest_of(folder, rows)
    assert run_import(project, manifest) == 0
    return rows, manifest


def test_a_delivery_run_again_skips_what_it_imported_and_imports_the_rows_added(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows, manifest = imported(project, folder, 6)
    assert "import: 6 articles imported\n" in capsys.readouterr().out
    first = articles(project)
    (made,) = [p for p in (project / "content/ar/2011/03").glob("*.md") if "0000" in p.name]
    made.write_text(made.read_text(encoding="utf-8").replace("title_provisional", "#"), "utf-8")
    edited = articles(project)
    # Again as it was: nothing to do, said in one line, not one a row; nothing rewritten.
    assert run_import(project, manifest) == 0
    out, err = capsys.readouterr()
    assert out == "import: nothing new; 6 rows imported before, skipped\n"
    assert err == "" and articles(project) == edited
    # With --force too (which imported a text already archived): no "already exists".
    assert run_import(project, manifest, "--force") == 0
    assert "6 rows imported before, skipped" in capsys.readouterr().out
    # Rows added to the delivery: only they are imported.
    more = delivery(folder, 3, seed=2012)
    assert run_import(project, manifest_of(folder, [*rows, *more])) == 0
    out = capsys.readouterr().out
    assert len(re.findall(r"^imported \d paragraphs -> .*/story-2012-", out, re.MULTILINE)) == 3
    assert out.endswith("import: 3 articles imported; 6 rows imported before, skipped\n")
    now = articles(project)
    assert len(now) == 9 and {k: now[k] for k in first} == edited
    assert main(["build", "--root", str(project)]) == 0


def test_the_same_story_from_another_row_or_source_is_still_refused_on_a_run_again(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows, _ = imported(project, folder, 3)
    # The first story again, in a file of its own with its own row (another slug), and
    # under the same slug in another month: each is another copy, not the row imported.
    shutil.copy(folder / "raw/2011-0000.txt", folder / "raw/again.txt")
    shutil.copy(folder / "raw/2011-0000.txt", folder / "raw/later.txt")
    added = ["raw/again.txt,2011-03-09,again", "raw/later.txt,2011-05-01,story-2011-0000"]
    before = snapshot(project / "content")
    capsys.readouterr()
    assert run_import(project, manifest_of(folder, [*rows, *added])) == 1
    err = capsys.readouterr().err
    archived = "content/ar/2011/03/story-2011-0000.md"
    assert f"manifest.csv:5: error: raw/again.txt: same text as {archived} (--force" in err
    assert f"manifest.csv:6: error: raw/later.txt: same text as {archived} (--force" in err
    assert (
        "import: 2 problems (texts already in the archive: 2), 0 ready to import, "
        "3 imported before\n"
    ) in err
    assert err.endswith("import: nothing was written (fix the problems above)\n")
    assert snapshot(project / "content") == before


def test_two_rows_making_one_path_and_a_path_taken_in_the_archive(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows = delivery(folder, 3)
    same = [row.rsplit(",", 1)[0] + ",bridge" for row in rows]  # one slug, one month
    manifest = manifest_of(folder, same)
    assert run_import(project, manifest) == 0
    out = capsys.readouterr().out
    assert f"-> {project}/content/ar/2011/03/bridge.md [source: شفق نيوز] (provisional" in out
    taken = "(content/ar/2011/03/bridge.md is made from another row: given a free slug)"
    assert f"bridge-2.md [source: شفق نيوز] (provisional title: edit it) {taken}" in out
    assert f"bridge-3.md [source: شفق نيوز] (provisional title: edit it) {taken}" in out
    assert "import: 2 articles given a free slug (-2, -3 …)" in out
    # Run again: each row finds its own, the free slugs included.
    assert run_import(project, manifest) == 0
    assert "import: nothing new; 3 rows imported before, skipped" in capsys.readouterr().out
    # Resumed after a crash that wrote only the first: the others get the same free slugs.
    for number in (2, 3):
        (project / f"content/ar/2011/03/bridge-{number}.md").unlink()
    assert run_import(project, manifest) == 0
    out = capsys.readouterr().out
    assert "bridge-2.md [" in out and "bridge-3.md [" in out
    assert "import: 2 articles imported; 1 row imported before, skipped" in out
    # Another story under a slug the archive has: refused, naming a slug that is free.
    delivery(tmp_path / "other", 1, seed=7)
    shutil.copy(tmp_path / "other/raw/7-0000.txt", folder / "raw/other.txt")
    assert run_import(project, manifest_of(folder, ["raw/other.txt,2011-03-20,bridge"])) == 1
    err = capsys.readouterr().err
    assert (
        "raw/other.txt: content/ar/2011/03/bridge.md already exists; not overwritten: give "
        "another slug, e.g. bridge-4"
    ) in err
    assert "import: 1 problem (article paths already taken by another text: 1), 0 ready" in err


def test_a_file_in_the_arabic_windows_encoding_or_utf16_is_read_so_with_one_note(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows = delivery(folder, 4)
    texts = {}
    for number, encoding in ((0, "cp1256"), (1, "cp1256"), (2, "utf-16")):
        raw = folder / f"raw/2011-{number:04d}.txt"
        texts[number] = raw.read_text(encoding="utf-8")
        raw.write_bytes(texts[number].replace("\n", "\r\n").encode(encoding))
    manifest_of(folder, rows)
    # The manifest too, with an Arabic title, saved by Excel in the Arabic code page.
    titled = [f"{rows[0]},جسر الموصل", *(f"{row}," for row in rows[1:])]
    (folder / "manifest.csv").write_bytes(
        "\n".join(["file,date,slug,title", *titled]).encode("cp1256")
    )
    assert run_import(project, folder / "manifest.csv") == 0
    out = capsys.readouterr().out
    assert "import: 4 articles imported\n" in out
    assert f"{folder / 'manifest.csv'}:1: read as Windows-1256 (the Arabic Windows encoding)" in out
    assert (
        "import: 2 files read as Windows-1256 (the Arabic Windows encoding), not UTF-8: "
        "raw/2011-0000.txt, raw/2011-0001.txt (check that their text reads right)\n"
    ) in out
    assert "import: 1 file read as UTF-16, not UTF-8: raw/2011-0002.txt" in out
    made = (project / "content/ar/2011/03/story-2011-0000.md").read_text(encoding="utf-8")
    assert made.startswith('---\ntitle: "جسر الموصل"\n')
    last_words = texts[0].split()[-1]
    assert last_words in made and "\r" not in made
    # Bytes of another Arabic code page, which Windows-1256 would garble: refused as before.
    (folder / "raw/2011-0003.txt").write_bytes(texts[0].encode("iso-8859-6", errors="replace"))
    shutil.rmtree(project / "content/ar/2011")
    assert run_import(project, folder / "manifest.csv") == 1
    err = capsys.readouterr().err
    assert (
        "raw/2011-0003.txt: file is not valid UTF-8 (byte 0); it looks saved in the Arabic "
        "Windows encoding (Windows-1256), but read so its words are garbled (another Arabic "
        "encoding, or UTF-8 mixed in): save it again as UTF-8"
    ) in err


def dated(folder: Path, files: list[str], dates: list[str]) -> Path:
    """A manifest giving the files these dates, as written."""
    return manifest_of(folder, [f"{f},{d}" for f, d in zip(files, dates, strict=True)], "file,date")


def test_dates_written_day_first_are_read_so_unless_the_manifest_is_month_first(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows = delivery(folder, 3)
    files = [row.split(",")[0] for row in rows]
    manifest = dated(folder, files, ["12/3/2011", "2011/4/1", "1.5.2011"])
    assert run_import(project, manifest, "--force") == 0
    out = capsys.readouterr().out
    assert (
        f"{manifest}:2: 3 dates not written YYYY-MM-DD, YYYY-MM or YYYY read as the date "
        "meant; D/M/YYYY is read day first ('12/3/2011' on line 2 as 2011-03-12)\n"
    ) in out
    made = sorted(
        p.relative_to(project / "content/ar").parent.as_posix()
        for p in (project / "content/ar/2011").rglob("*.md")
    )
    assert made == ["2011/03", "2011/04", "2011/05"]
    text = next((project / "content/ar/2011/03").glob("*.md")).read_text(encoding="utf-8")
    assert '\ndate: "2011-03-12"\n' in text
    # One date only month first (25 is no month): the others' order is in doubt.
    shutil.rmtree(project / "content/ar/2011")
    manifest = dated(folder, files, ["12/3/2011", "3/25/2011", "4/5/2011"])
    assert run_import(project, manifest) == 1
    err = capsys.readouterr().err
    assert err.count("day/month/year") == 1
    assert (
        f"{manifest}:2: error: 2 dates written day/month/year (the first on line 2, "
        "'12/3/2011') could not be read: '3/25/2011' on line 3 reads only month first, so "
        "the manifest's order is in doubt; write every date YYYY-MM-DD\n"
    ) in err


def test_every_problem_is_found_in_one_run_and_counted_by_kind(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    rows = delivery(folder, 6)
    docx = b"PK\x03\x04\x14\x00\x08\x00\xa5\x8c"  # its row has no date either: both are said
    (folder / "raw/2011-0001.txt").write_bytes(docx)
    (folder / "raw/2011-0002.txt").write_text("\n", encoding="utf-8")
    shutil.copy(folder / "raw/2011-0000.txt", folder / "raw/2011-0003.txt")
    rows[1] = "raw/2011-0001.txt,,a"
    rows[4] = rows[4].replace("2011-03-05", "2011-13-05")
    manifest = manifest_of(folder, rows)
    assert run_import(project, manifest) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{manifest}:3: error: raw/2011-0001.txt: file is a Word or OpenDocument document "
        "(.docx, .odt), not plain text: save it as plain text (UTF-8)",
        f"{manifest}:3: error: raw/2011-0001.txt: no date given: write YYYY-MM-DD, or YYYY-MM "
        "or YYYY when only the month or the year is known (dates are never guessed)",
        f"{manifest}:4: error: raw/2011-0002.txt: the file has no text",
        f"{manifest}:5: error: raw/2011-0003.txt: same text as raw/2011-0000.txt "
        f"({manifest}:2) (--force imports it anyway)",
        f"{manifest}:6: error: raw/2011-0004.txt: date '2011-13-05' has no month 13",
        "import: 5 problems (files that cannot be read: 1; texts that cannot be imported as "
        "given (date, slug, URL, no text): 1; texts twice in this delivery: 1; in the "
        "manifest, the registry or the files given: 2), 2 ready to import",
        "import: nothing was written (fix the problems above)",
    ]


def test_an_image_the_text_shows_that_is_not_in_media_is_listed_at_its_line(
    project: Path,
) -> None:
    """What the import checks of a planned article's images and links is what the build
    refuses: a photo missing from content/media/ (or named in other letter case) is a
    warning at its line of the file to be made."""
    media = project / "content/media/2011"
    media.mkdir(parents=True)
    (media / "bridge.png").write_bytes(png(40, 30))
    imported = import_article(SEED.read_text(encoding="utf-8"), "2011-03", slug="bridge")
    shown = (
        "![الجسر](../../../media/2011/bridge.png)\n\n![الجسر ليلاً](../../../media/2011/Night.png)"
    )
    article = replace(imported, markdown=imported.markdown + "\n" + shown + "\n")
    request = Request(SEED, str(SEED), ManifestRow(1, str(SEED), "2011-03"))
    linking = checking_links(project / "content", media_in(project / "content"))
    found = unpublishable_links([Planned(request, article)], linking)
    line = article.markdown.split("\n").index(shown.split("\n")[-1]) + 1
    assert [str(d) for d in found] == [
        f"content/ar/2011/03/bridge.md:{line}: warning: '../../../media/2011/Night.png' leads "
        "to content/media/2011/Night.png, which does not exist: photos and documents go in "
        "content/media/ (any folder there)"
    ]
    parsed, diags = parse_article(article.markdown, article.rel_path)
    assert parsed is not None and diags == ()


def _command(project: Path, manifest: Path) -> list[str]:
    build = str(REPO / "build.py")
    return [sys.executable, build, "import", "--manifest", str(manifest), "--root", str(project)]


def _stop_while_writing(project: Path, manifest: Path, sent: signal.Signals) -> tuple[int, str]:
    """Run the import, send `sent` once its first article is written; its exit status and
    stderr, and how many articles were there when it was sent."""
    folder = project / "content/ar/2011/03"
    process = subprocess.Popen(
        _command(project, manifest), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 300
    while not (folder.is_dir() and any(name.endswith(".md") for name in os.listdir(folder))):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.001)
    process.send_signal(sent)
    _, err = process.communicate(timeout=120)
    return process.returncode, err


BATCH = 1500  # writing them takes long enough for a signal to land half way


def test_ctrl_c_while_writing_undoes_the_import_and_a_run_again_finishes_it(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "delivery"
    manifest = manifest_of(folder, delivery(folder, BATCH))
    before = snapshot(project / "content")
    status, err = _stop_while_writing(project, manifest, signal.SIGINT)
    assert status == 1, err
    assert err.endswith(
        "import: stopped; the files it had written were removed, so nothing was written: "
        "run it again to import the delivery\n"
    )
    assert snapshot(project / "content") == before  # no article, empty file or temporary one
    assert main(["build", "--root", str(project)]) == 0
    done = subprocess.run(_command(project, manifest), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"import: {BATCH:,} articles imported\n")


def test_an_import_killed_while_writing_leaves_whole_files_and_a_run_again_finishes_it(
    project: Path, tmp_path: Path
) -> None:
    """Killed (a crash, a power cut), it cannot undo: what it wrote is whole, the build
    takes it, and running it again imports the rest."""
    folder = tmp_path / "delivery"
    manifest = manifest_of(folder, delivery(folder, BATCH))
    status, _ = _stop_while_writing(project, manifest, signal.SIGKILL)
    assert status == -signal.SIGKILL
    written = sorted((project / "content/ar/2011/03").glob("*.md"))
    assert 0 < len(written) < BATCH
    for path in written:
        rel = path.relative_to(project / "content").as_posix()
        article, diags = parse_article(path.read_text(encoding="utf-8"), rel)
        assert article is not None and diags == (), rel
    assert main(["build", "--root", str(project)]) == 0
    done = subprocess.run(_command(project, manifest), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    left = BATCH - len(written)
    assert done.stdout.endswith(
        f"import: {left:,} articles imported; {len(written):,} "
        f"row{'s' if len(written) != 1 else ''} imported before, skipped\n"
    )
    assert len(list((project / "content/ar/2011/03").glob("*.md"))) == BATCH


def test_ctrl_c_while_checking_says_nothing_was_written_without_a_traceback(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "delivery"
    manifest = manifest_of(folder, delivery(folder, 300))
    before = snapshot(project / "content")
    leader, follower = pty.openpty()  # progress is shown on a terminal: "checking 10/300"
    process = subprocess.Popen(_command(project, manifest), stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    shown = b""
    while b"checking 10/" not in shown:
        shown += os.read(leader, 4096)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=120) == 1
    with contextlib.suppress(OSError):  # the terminal's other end is closed once it ended
        while chunk := os.read(leader, 4096):
            shown += chunk
    os.close(leader)
    said = shown.decode("utf-8")
    assert (
        said.endswith("\nimport: stopped before writing anything\r\n") and "Traceback" not in said
    )
    assert snapshot(project / "content") == before
