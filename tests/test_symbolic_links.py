"""A symbolic link anywhere in content/ (an article, a gloss, a year folder, the registry,
site.toml, a media file) is an error naming it, for a build and for every command that reads
or writes content/: nothing is published, or copied into content/, from what it points to
(a file of another folder of the machine that builds). Real builds and commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, png, snapshot, write

SECRET = "سر لا ينشر secret-text-for-no-reader"
MESSAGE = (
    "error: this is a symbolic link (a shortcut to {target}), not a {what}: nothing is read from it"
)


def _secret(tmp_path: Path) -> Path:
    """A folder outside the project with an article, a registry and a photo in it."""
    outside = tmp_path / "outside"
    write(outside, "s2.md", f'---\ntitle: "{SECRET}"\ndate: "2020-11-05"\n---\n\n{SECRET}.\n')
    write(outside, "11/s3.md", f'---\ntitle: "{SECRET}"\ndate: "2020-11-06"\n---\n\n{SECRET}.\n')
    write(outside, "entities.yaml", f'- id: secret\n  type: other\n  ar: ["{SECRET}"]\n')
    write(outside, "site.toml", f'title_ar = "{SECRET}"\n')
    (outside / "photo.png").write_bytes(png(4, 4))
    return outside


def _copied(folder: Path) -> bool:
    """Whether a file (not a link) under folder holds the secret."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return any(SECRET.encode() in p.read_bytes() for p in files)


@pytest.mark.parametrize(
    ("link", "target", "what"),
    [
        ("ar/2020/11/leak.md", "s2.md", "file"),
        ("en/2020/11/coalition-us-forces-syria-iraq.md", "s2.md", "file"),
        ("ar/2021", "", "folder"),  # a year folder: was skipped without a word
        ("entities.yaml", "entities.yaml", "file"),
        ("site.toml", "site.toml", "file"),
        ("media/photo.png", "photo.png", "file"),
    ],
)
def test_a_symbolic_link_in_content_stops_the_build_and_publishes_nothing(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    link: str,
    target: str,
    what: str,
) -> None:
    outside = _secret(tmp_path)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    before = snapshot(project / "site")
    made = project / "content" / link
    made.parent.mkdir(parents=True, exist_ok=True)
    made.unlink(missing_ok=True)
    made.symlink_to(outside / target if target else outside)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    shown = MESSAGE.format(target=outside / target if target else outside, what=what)
    assert f"content/{link}:1: {shown}" in err
    assert snapshot(project / "site") == before
    # A build with no record of an earlier one (a fresh checkout) makes no site at all.
    shutil.rmtree(project / ".cache")
    shutil.rmtree(project / "site")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert f"content/{link}:1: {shown}" in capsys.readouterr().err
    assert not (project / "site").exists()


def test_move_and_gloss_copy_nothing_from_a_link_into_content(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _secret(tmp_path)
    leak = project / "content/ar/2020/11/leak.md"
    leak.symlink_to(outside / "s2.md")
    before = snapshot(project / "content")
    commands = [
        ["move", "ar/2020/11/leak.md", "--slug", "moved"],
        ["gloss", "ar/2020/11/leak.md"],
        ["gloss"],
        ["status"],
    ]
    for command in commands:
        assert main([*command, "--root", str(project)]) == 1, command
        err = capsys.readouterr().err
        assert "content/ar/2020/11/leak.md:1: error: this is a symbolic link" in err, command
        assert f"{command[0]}: nothing was done" in err
        assert snapshot(project / "content") == before, command
    assert not _copied(project / "content")


def test_import_writes_nothing_through_a_linked_year_folder(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside-year"
    outside.mkdir()
    (project / "content/ar/2026").symlink_to(outside)
    raw = write(tmp_path, "raw.txt", "بغداد/ شفق نيوز/ أعلنت الوزارة اليوم عن خطة.\n")
    args = ["import", str(raw), "--date", "2026-12-01", "--slug", "x", "--root", str(project)]
    assert main(args) == 1
    assert "content/ar/2026:1: error: this is a symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_a_file_whose_name_ends_in_md_linked_after_the_walk_is_refused_when_read(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backstop: reading a content file never follows a link (O_NOFOLLOW), as when one
    replaces an article between the build's walk and its reading."""
    from newsarchive.content.textfiles import read_source
    from newsarchive.core.diagnostics import ContentError

    outside = _secret(tmp_path)
    article = project / "content" / DEMO_ARTICLE
    article.unlink()
    article.symlink_to(outside / "s2.md")
    with pytest.raises(ContentError) as raised:
        read_source(str(article), DEMO_ARTICLE)
    assert "this is a symbolic link" in str(raised.value)


def test_the_build_and_the_other_commands_refuse_the_same_entries_with_the_same_words(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One walk finds them for both: a linked article, a linked folder deep in the tree, a
    linked media file and a name holding a control character are each named once, in the
    same words, by `build` and by `status` (which reads content/ without building)."""
    outside = _secret(tmp_path)
    content = project / "content"
    (content / "ar/2020/11/leak.md").symlink_to(outside / "s2.md")
    (content / "en/2019/03").mkdir(parents=True)
    (content / "en/2019/03/notes").symlink_to(outside)
    (content / "media").mkdir(exist_ok=True)
    (content / "media/photo.png").symlink_to(outside / "photo.png")
    write(content, "ar/2020/11/draft\x1b[2J.md", "---\ntitle: x\n---\n")
    said = {}
    for command in ("build", "status"):
        assert main([command, "--root", str(project)]) == 1, command
        err = capsys.readouterr().err
        said[command] = sorted(line for line in err.splitlines() if ": error: " in line)
    assert said["build"] == said["status"]
    assert [line.split(":1: error: ", 1)[0] for line in said["build"]] == [
        "content/ar/2020/11/draft<U+001B>[2J.md",
        "content/ar/2020/11/leak.md",
        "content/en/2019/03/notes",
        "content/media/photo.png",
    ]
    assert "not a folder" in said["build"][2]
