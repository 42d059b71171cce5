"""Names in content/ that would not travel to every editor's machine: an NFD name from a Mac
(an address its NFC name would not find on Linux), two names differing only by case (a clone
on macOS or Windows holds one), a name Windows refuses (`aux.md`, `a:b.png`, a trailing dot:
git cannot check it out there, and the clone fails). Each is an error naming the file, for a
build, for the dev server's build and for every command that reads content/; `import` and
`move` refuse to make such a name. Real files, real builds, real git."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.cli import main
from newsarchive.content.textfiles import is_fit_name
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.core.filenames import all_plain, twins, windows_problem
from newsarchive.serve.loop import Preview

from .conftest import DEMO_ARTICLE, git, png, snapshot, write

NEWS = "أخبار-بغداد"  # its first letter, أ, is ا and a hamza above in NFD
DECOMPOSED = unicodedata.normalize("NFD", NEWS)
ARTICLE = (
    '---\ntitle: "أخبار بغداد"\ndate: "2021-03-04"\n---\n\nقال مسؤول في بغداد إن الأخبار كثيرة.\n'
)
NFD_MESSAGE = "error: this name is in decomposed Unicode (NFD), as a Mac can save it"
PRECOMPOSE = "on the Mac run: git config --global core.precomposeunicode true"


def _build(root: Path) -> int:
    return main(["build", "--root", str(root), "--no-search"])


def test_an_nfd_article_name_is_an_error_until_renamed_then_its_address_is_the_nfc_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Mac's git without core.precomposeunicode commits the decomposed name; on Linux its
    NFC address found no file: `gloss` made the gloss, and then every build failed with
    'cannot read: No such file or directory'."""
    git(project, "init", "-q")
    git(project, "config", "core.precomposeunicode", "false")
    write(project, f"content/ar/2021/03/{DECOMPOSED}.md", ARTICLE)
    git(project, "add", "content")
    git(project, "commit", "-qm", "an article from a Mac")
    assert _build(project) == 1
    err = capsys.readouterr().err
    named = f"content/ar/2021/03/{DECOMPOSED}.md"
    composed = f"content/ar/2021/03/{NEWS}.md"
    assert f"{named}:1: {NFD_MESSAGE}" in err
    assert f"Rename it to {composed} (git mv" in err and PRECOMPOSE in err
    assert not (project / "site").exists()
    for command in (["gloss"], ["status"], ["move", named, "--slug", "x"]):
        assert main([*command, "--root", str(project)]) == 1
        assert f"{named}:1: {NFD_MESSAGE}" in capsys.readouterr().err
    assert not (project / "content/en/2021").exists()  # gloss wrote nothing
    git(project, "mv", named, composed)  # as the message says
    assert main(["gloss", "--root", str(project)]) == 0
    assert _build(project) == 0
    assert (project / f"site/ar/2021/03/{NEWS}/index.html").is_file()
    assert main(["status", "--root", str(project), f"2021/03/{NEWS}"]) == 0


@pytest.mark.parametrize(
    ("names", "named", "message"),
    [
        (["CON.png"], "CON.png", "error: Windows keeps the name CON for a device: git cannot"),
        (["a:b.png"], "a:b.png", "error: Windows allows no ':' in a file name: git cannot"),
        (["map.png."], "map.png.", "error: Windows drops the dot at a name's end: git cannot"),
        (
            ["Map.png", "map.png"],
            "Map.png",
            "error: this name differs only by case (or Unicode form) from 'map.png' beside it",
        ),
        (
            [unicodedata.normalize("NFD", "صورة-أخبار.png")],
            unicodedata.normalize("NFD", "صورة-أخبار.png"),
            NFD_MESSAGE,
        ),
    ],
)
def test_a_media_name_that_would_not_travel_stops_the_build(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    names: list[str],
    named: str,
    message: str,
) -> None:
    assert _build(project) == 0
    before = snapshot(project / "site")
    for name in names:
        (project / "content/media").mkdir(exist_ok=True)
        (project / "content/media" / name).write_bytes(png(4, 4))
    capsys.readouterr()
    assert _build(project) == 1
    assert f"content/media/{named}:1: {message}" in capsys.readouterr().err
    assert snapshot(project / "site") == before


def test_an_article_named_for_a_windows_device_stops_build_and_commands(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "content/ar/2021/03/aux.md", ARTICLE)
    assert _build(project) == 1
    shown = "content/ar/2021/03/aux.md:1: error: Windows keeps the name AUX for a device"
    assert shown in capsys.readouterr().err
    assert main(["gloss", "--root", str(project)]) == 1
    assert shown in capsys.readouterr().err
    assert not (project / "content/en/2021").exists()


def test_a_twin_the_watcher_names_fails_the_dev_servers_build_as_a_full_build(
    project: Path,
) -> None:
    """The dev server looks only at the files its watcher names: a new name beside its twin
    must fail its build as it fails a build that walks content/ (a patched build equals a
    cold build), and deleting the twin again must let it build."""
    (project / "content/media").mkdir()
    (project / "content/media/map.png").write_bytes(png(4, 4))
    article = project / "content" / DEMO_ARTICLE
    shown = article.read_text("utf-8") + "\n![خريطة](../../../media/map.png)\n"
    article.write_text(shown, "utf-8")
    preview = Preview(project, project / "site", "https://example.github.io/repo/", search=False)
    preview.rebuild()
    twin = project / "content/media/Map.png"
    twin.write_bytes(png(4, 4))
    with pytest.raises(BuildFailed) as failed:
        preview.rebuild(changed=[twin])
    assert sorted(d.path for d in failed.value.diagnostics) == [
        "content/media/Map.png",
        "content/media/map.png",
    ]
    twin.unlink()
    preview.rebuild(changed=[twin])
    assert (project / "site/media/map.png").is_file()


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["move", "content/" + DEMO_ARTICLE, "--slug", "con"],
            "error: slug 'con' is not usable: Windows keeps the name CON for a device, and "
            "git could not check con.md out there (try 'con-news' or another word)",
        ),
        (
            ["import", "{root}/raw.txt", "--date", "2021-03", "--slug", "lpt1"],
            "error: slug 'lpt1' is not usable: Windows keeps the name LPT1 for a device",
        ),
    ],
)
def test_import_and_move_make_no_name_windows_refuses(
    project: Path, capsys: pytest.CaptureFixture[str], command: list[str], message: str
) -> None:
    write(project, "raw.txt", "قال مسؤول في بغداد إن الأخبار كثيرة اليوم.\n")
    before = snapshot(project / "content")
    given = [part.format(root=project) for part in command]
    assert main([*given, "--root", str(project)]) == 1
    assert message in capsys.readouterr().err
    assert snapshot(project / "content") == before


# Names as editors' machines make them: Arabic and Latin, either case, the characters and
# endings Windows refuses, device names, decomposed hamza.
_PIECES = st.sampled_from(
    [
        *("a", "A", "map", "Map", "con", "aux", "com1", "lpt¹", "ب", "أ", DECOMPOSED[:2]),
        *(".", " ", "-", ".md", ".png", ":", "?", "*", '"', "<", "|", "\\", "\x1b", "con "),
        "nul.tar",
    ]
)
_NAMES = st.lists(st.lists(_PIECES, min_size=1, max_size=4).map("".join), max_size=6)


@given(_NAMES)
def test_the_folder_wide_check_agrees_with_the_check_of_each_name(names: list[str]) -> None:
    """all_plain, the fast path a build takes for each folder, passes exactly the folders
    whose every name the per-name rules pass."""
    names = list(dict.fromkeys(names))  # a folder holds a name once
    one_by_one = not twins(names) and all(
        windows_problem(name) is None
        and is_fit_name(name)
        and unicodedata.is_normalized("NFC", name)
        for name in names
    )
    assert all_plain(names) == one_by_one


def test_what_windows_explorer_leaves_in_media_is_no_media_file(project: Path) -> None:
    """Explorer writes Thumbs.db and desktop.ini into a folder it shows: each stopped the
    build ('a .db file is not published'); they are let be, as a Mac's .DS_Store is."""
    write(project, "content/media/Thumbs.db", "thumbnails")
    write(project, "content/media/sub/Desktop.ini", "[.ShellClassInfo]\r\n")
    assert _build(project) == 0
    assert not (project / "site/media").exists()
