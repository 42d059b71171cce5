"""A name removed for a legal reason: a registry entry marked `removed:` publishes nothing
(no entity page, feed, index line, search entry, link), its old pages go, and any article,
title or gloss that names it again (in Arabic, or in English in any spelling) fails the
build at the place, naming the entry's line, leaving the previous site whole."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.removednames import (
    removed_in_file_names,
    removed_mentions,
    removed_names,
)
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.entities.registry import parse_registry

from .conftest import add_registry_entry, fresh_build, snapshot, write

BASE = "https://example.github.io/repo/"
ENTRY = "- id: sara-al-juburi\n  type: person\n  ar: [سارة الجبوري]\n  en: Sara al-Juburi\n"
REMOVED = '  removed: "court order 45/2026, 2026-12-07"\n'
ARTICLE = "ar/2021/03/witness.md"
GLOSS = "content/en/2020/11/coalition-us-forces-syria-iraq.md"
BODY = "قالت المواطنة سارة الجبوري إن الحادث وقع مساء الأحد.\n"
REPLACED = "قالت مواطنة إن الحادث وقع مساء الأحد.\n"
# What of her name may be found in a published file: the surname's stem in Arabic (the form
# Pagefind's index keeps of الجبوري) and the surname in Latin letters, any case.
TRACES = ("جبور".encode(), b"juburi")


def _article(root: Path, body: str, title: str = "شاهدة في بغداد") -> None:
    write(root / "content", ARTICLE, f'---\ntitle: "{title}"\ndate: "2021-03-04"\n---\n{body}')


def _registry(root: Path, removed: bool) -> int:
    """The entry for her (marked removed or not) at the registry's end: its line."""
    file = root / "content" / "entities.yaml"
    text = file.read_text(encoding="utf-8")
    if ENTRY in text:
        file.write_text(text.split("\n\n" + ENTRY)[0] + "\n", encoding="utf-8")
    return add_registry_entry(root, ENTRY + (REMOVED if removed else ""))


def _message(line: int, column: int, surface: str, entry: int) -> str:
    return (
        f"{line}: error: column {column}: this names '{surface}', whose name was removed "
        f"from the archive (content/entities.yaml:{entry}): replace it (see 'Removing "
        "something for a legal reason' in docs/editors-guide.md)"
    )


def _traces(site: Path) -> list[str]:
    """The files of the site that hold her name, gzip files (the search index) read inside."""
    found = []
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        data = file.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if any(trace in data.lower() for trace in TRACES):
            found.append(file.relative_to(site).as_posix())
    return found


def _add_to_map_record(word_map: Path, part: str, word: str) -> None:
    for fragment in (word_map / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if data["url"].strip("/") == part:
            data["content"] += " " + word
            text = b"pagefind_dcd" + json.dumps(data, ensure_ascii=False).encode()
            fragment.write_bytes(gzip.compress(text))
            return
    raise AssertionError(f"no record of {part} in {word_map}")


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ('"court order 45/2026, 2026-12-07"', True),
        ("withdrawn consent, letter of 2026-11-30", True),
        ("true", False),
        ('"2026-12-07"', False),
        ('""', False),
    ],
)
def test_removed_must_say_why_and_takes_the_entry_out_of_the_published_ones(
    value: str, accepted: bool
) -> None:
    text = ENTRY + f"  removed: {value}\n"
    registry, diags = parse_registry(text, "content/entities.yaml")
    assert [e.id for e in registry.removed] == ["sara-al-juburi"]
    assert registry.entities == ()
    if accepted:
        assert diags == ()
    else:
        assert [(d.line, d.severity) for d in diags] == [(5, "error")]
        assert "'removed' of entity 'sara-al-juburi' must say why" in diags[0].message


def test_a_mention_left_in_text_title_or_gloss_fails_the_build_and_keeps_the_site(
    project: Path,
) -> None:
    _registry(project, removed=False)
    _article(project, BODY)
    build(project, project / "site", BASE, search=False)
    before = snapshot(project / "site")
    assert _traces(project / "site")  # the check below can fail
    entry = _registry(project, removed=True)
    _article(project, BODY, title="شهادة سارة الجبوري")
    gloss = (project / GLOSS).read_text(encoding="utf-8")
    said = "International press sources reported"
    (project / GLOSS).write_text(
        gloss.replace(said, "Sarah al-Jubouri's neighbours reported"), encoding="utf-8"
    )
    gloss_line = gloss[: gloss.index(said)].count("\n") + 1
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    assert [str(d) for d in failed.value.diagnostics] == [
        f"content/{ARTICLE}:" + _message(2, 15, "سارة الجبوري", entry),
        f"content/{ARTICLE}:" + _message(5, 15, "سارة الجبوري", entry),
        f"{GLOSS}:" + _message(gloss_line, 1, "Sarah al-Jubouri", entry),
    ]
    assert snapshot(project / "site") == before


def test_a_removed_name_leaves_no_trace_in_the_site_nor_its_search_index(
    project: Path,
) -> None:
    _registry(project, removed=False)
    _article(project, BODY)
    site = project / "site"
    build(project, site, BASE, search=True)
    assert (site / "ar/entities/sara-al-juburi/index.html").is_file()
    indexed = [path for path in _traces(site) if path.startswith("pagefind/")]
    assert any(path.endswith(".pf_index") for path in indexed)  # the words, not only the text
    _article(project, REPLACED)  # the editor replaces the name: an edit's build
    build(project, site, BASE, search=True)
    # A map record holds a little more than its part (a shared word once in 90% of the
    # parts, searchmap._map_words): here, the name, in the record of a part never edited.
    _add_to_map_record(site / "pagefind/map-ar", "2020-ar", "الجبوري")
    entry = _registry(project, removed=True)  # then marks the entry: a full build
    result = build(project, site, BASE, search=True)
    assert _traces(site) == []
    for lang in ("ar", "en"):
        assert not (site / lang / "entities/sara-al-juburi").exists()
    notes = [str(d) for d in result.removed if "sara-al-juburi" in d.message]
    assert notes == [
        f"content/entities.yaml:{entry}: note: 'sara-al-juburi' is marked removed, so its "
        "published pages go with this build"
    ]


def test_a_name_written_again_fails_the_edit_and_a_patched_site_is_a_cold_one(
    project: Path, tmp_path: Path
) -> None:
    entry = _registry(project, removed=True)
    _article(project, REPLACED)
    site = project / "site"
    build(project, site, BASE, search=False)
    before = snapshot(site)
    assert before == fresh_build(project, tmp_path, BASE)
    assert _traces(site) == []
    _article(project, "وروت سارة الجبوري ما رأت.\n" + REPLACED)  # an edit: the patch's check
    with pytest.raises(BuildFailed) as failed:
        build(project, site, BASE, search=False)
    assert [str(d) for d in failed.value.diagnostics] == [
        f"content/{ARTICLE}:" + _message(5, 6, "سارة الجبوري", entry)
    ]
    assert snapshot(site) == before


def test_status_says_what_the_build_says_of_a_removed_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _registry(project, removed=False)
    _article(project, BODY)
    build(project, project / "site", BASE, search=False)
    entry = _registry(project, removed=True)  # every file is read again, as a build reads
    assert main(["status", "--root", str(project)]) != 0
    expected = f"content/{ARTICLE}:" + _message(5, 15, "سارة الجبوري", entry)
    assert expected in capsys.readouterr().err.splitlines()
    _article(project, REPLACED)
    build(project, project / "site", BASE, search=False)
    _article(project, "وروت سارة الجبوري ما رأت.\n" + REPLACED)  # from the last build's rows
    assert main(["status", "--root", str(project)]) != 0
    expected = f"content/{ARTICLE}:" + _message(5, 6, "سارة الجبوري", entry)
    assert expected in capsys.readouterr().err.splitlines()


def test_import_refuses_copy_naming_a_removed_name_and_writes_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = _registry(project, removed=True)
    raw = tmp_path / "old.txt"
    raw.write_text("بغداد/ شفق نيوز/ " + BODY + "وأضاف شهود أن الشرطة وصلت بعد ساعة.\n", "utf-8")
    args = ["import", str(raw), "--date", "2021-03-04", "--slug", "witness"]
    assert main([*args, "--title", "شاهدة", "--root", str(project)]) != 0
    err = capsys.readouterr().err
    found = [line for line in err.splitlines() if "whose name was removed" in line]
    # At its line of the file the import would have made (the body's, after the dateline).
    assert found == [f"content/{ARTICLE}:" + _message(8, 15, "سارة الجبوري", entry)]
    assert "nothing was written" in err
    assert not (project / "content" / ARTICLE).exists()


OTHER = "- id: salman-al-juburi\n  type: person\n  ar: [سلمان الجبوري]\n  en: Salman al-Juburi\n"
SURNAME = ENTRY.replace("[سارة الجبوري]", "[سارة الجبوري, الجبوري]") + REMOVED


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("قال سلمان الجبوري إن", []),  # another entity's longer name holds the surname
        ("قال سلمان الجبوري إن الجبوري", ["الجبوري"]),
        ("Salman al-Juburi said", []),
        ("Salman al-Juburi and Sarah Al-Jabouri said", ["Sarah Al-Jabouri"]),
        ("Al-Jubouri's neighbours", ["Jubouri"]),
        ("sara al-juburi, no capitals", []),  # English names are read with a capital only
    ],
)
def test_a_removed_name_is_found_but_not_inside_another_entitys_name(
    text: str, named: list[str]
) -> None:
    registry, diags = parse_registry(OTHER + SURNAME, "content/entities.yaml")
    assert diags == ()
    found = removed_mentions(removed_names(registry), "content/x.md", text)
    assert [d.message.split("'")[1] for d in found] == named


def _errors(registry_text: str, text: str) -> list[str]:
    """What the check says of `text` (content/x.md) with this registry."""
    registry, diags = parse_registry(registry_text, "content/entities.yaml")
    assert diags == ()
    return [str(d) for d in removed_mentions(removed_names(registry), "content/x.md", text)]


OBRIEN = (
    "- id: sean-obrien\n  type: person\n  ar: [شون أوبراين]\n  en: Sean O'Brien\n"
    '  removed: "court order"\n'
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # The search reads O'Brien as one word, obrien: so does the check, whatever the
        # apostrophe, or none.
        ("The lawyer Obrien said", ["Obrien"]),
        ("Sean O\u2019Brien said", ["O\u2019Brien"]),  # Sean is too short to be read so
        ("O'Brian's car", ["O'Brian"]),
        # Brien alone is another word to the search (brien, not obrien).
        ("Brien said", []),
    ],
)
def test_a_removed_name_is_read_as_the_search_reads_its_words(text: str, named: list[str]) -> None:
    assert _errors(OBRIEN, text) == [
        "content/x.md:" + _message(1, text.index(name) + 1, name, 1) for name in named
    ]


@pytest.mark.parametrize(
    "args",
    [[], [GLOSS], ["--accept", GLOSS]],
    ids=["archive", "named", "accept"],
)
def test_gloss_says_what_the_build_says_of_a_removed_name_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """A translator running `gloss` on a gloss naming someone removed learns it then, as a
    build would say it, and no gloss is written or stubbed (the article without one too)."""
    entry = _registry(project, removed=True)
    _article(project, REPLACED)  # no gloss yet: `gloss` would stub one
    gloss = (project / GLOSS).read_text(encoding="utf-8")
    said = "International press sources reported"
    (project / GLOSS).write_text(
        gloss.replace(said, "Sara al-Juburi\u2019s neighbours reported"), encoding="utf-8"
    )
    before = snapshot(project / "content")
    gloss_line = gloss[: gloss.index(said)].count("\n") + 1
    named = [str(project / arg) if arg == GLOSS else arg for arg in args]
    assert main(["gloss", *named, "--root", str(project)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{GLOSS}:" + _message(gloss_line, 1, "Sara al-Juburi", entry),
        "gloss: fix the errors above first; no gloss file was changed",
    ]
    assert snapshot(project / "content") == before


def _file_message(entry: int) -> str:
    return (
        f"1: error: this file's name names 'Sara al-Juburi', whose name was removed from the "
        f"archive (content/entities.yaml:{entry}): rename the file and the links to it (see "
        "'Removing something for a legal reason' in docs/editors-guide.md)"
    )


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("media/sara-al-juburi.jpg", True),
        ("media/2021/jubouri_court.jpg", True),  # the surname in another spelling
        ("media/al-juburi-case/photo-1.jpg", True),  # a folder's name is published too
        ("media/سارة-الجبوري.jpg", True),
        ("media/sara-court.jpg", False),  # her first name alone names no one
        ("media/sure-thing.jpg", False),
        ("media/salman.jpg", False),
    ],
)
def test_a_media_files_name_naming_a_removed_name_is_an_error(name: str, named: bool) -> None:
    text = ENTRY.replace("sara-al-juburi", "x") + REMOVED
    registry, diags = parse_registry(text, "content/entities.yaml")
    assert diags == ()
    found = removed_in_file_names(removed_names(registry), [name])
    assert [str(d) for d in found] == ([f"content/{name}:" + _file_message(1)] if named else [])


def test_a_build_refuses_a_photo_named_after_a_removed_name_and_keeps_the_site(
    project: Path,
) -> None:
    build(project, project / "site", BASE, search=False)
    before = snapshot(project / "site")
    entry = _registry(project, removed=True)
    write(project / "content", "media/sara-al-juburi.jpg", "not shown anywhere yet")
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    assert [str(d) for d in failed.value.diagnostics] == [
        "content/media/sara-al-juburi.jpg:" + _file_message(entry)
    ]
    assert snapshot(project / "site") == before


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sara al-Juburi said", ["Sara al-Juburi"]),
        ("Sarah Jubouri said", ["Sarah Jubouri"]),
        ("Al-Jabouri's lawyer said", ["Jabouri"]),  # the surname alone
        # A first name alone names no one: ordinary words share its skeleton (srV).
        ("Sure, the court said.", []),
        ("Sara said.", []),
    ],
)
def test_a_removed_english_name_is_its_words_in_a_row_or_its_surname(
    text: str, named: list[str]
) -> None:
    assert _errors(ENTRY + REMOVED, text) == [
        "content/x.md:" + _message(1, text.index(name) + 1, name, 1) for name in named
    ]
