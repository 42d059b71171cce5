"""What a registry curator meets: a name two entities share in English, a name that would
match all over the archive, a Latin name under `ar`, a list item without its '- ' are
stopped (or warned of) at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.core.diagnostics import ContentError
from newsarchive.core.yamldoc import parse_yaml
from newsarchive.entities.registry import parse_registry

from .conftest import add_registry_entry

REGISTRY = "content/entities.yaml"
ARTICLE = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"


def _build(project: Path) -> int:
    return main(["build", "--root", str(project), "--no-search", "--quiet"])


def _line_of(project: Path, text: str) -> int:
    return (project / REGISTRY).read_text(encoding="utf-8").split("\n").index(text) + 1


def test_two_entities_of_one_english_name_stop_the_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """English search filters by the English name and the index lists it: two Syrias
    were silently one."""
    syria = _line_of(project, "  en: Syria")
    line = add_registry_entry(
        project, "- id: greater-syria\n  type: place\n  ar: [سوريا الكبرى]\n  en: Syria\n"
    )
    assert _build(project) == 1
    assert (
        f"{REGISTRY}:{line + 3}: error: English name 'Syria' of 'greater-syria' is also the "
        f"English name of 'syria' (line {syria}): English search and the entities index would "
        "show the two as one; add to the name what tells them apart, as people sharing a "
        "name get '(footballer)' or '(politician)'"
    ) in capsys.readouterr().err
    registry = project / REGISTRY
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  en: Syria\n", "  en: syria\n", 1), encoding="utf-8")
    assert _build(project) == 1  # the same name in other letter case is no help
    head, tail = text.rsplit("en: Syria\n", 1)  # the new entry's
    registry.write_text(f"{head}en: Greater Syria\n{tail}", encoding="utf-8")
    assert _build(project) == 0


@pytest.mark.parametrize(
    ("names", "status", "message"),
    [
        (
            "[علي حسين, ع]",
            1,
            "error: name 'ع' of 'ali-hussein' is a single letter: it would be found wherever "
            "that letter stands alone (an initial, an abbreviation); remove it",
        ),
        (
            "[علي حسين, في]",
            0,
            "warning: name 'في' of 'ali-hussein' is a common word: every 'في' in the articles "
            "would be taken for 'ali-hussein'; remove it (`entities find content/ar --entity "
            "ali-hussein` lists what each of its names finds)",
        ),
        (
            "[Ali Hussein]",
            1,
            "error: Arabic name 'Ali Hussein' has no Arabic letters, so no article would ever "
            "match it: write it in Arabic, and put a Latin name under 'en'",
        ),
        (
            "[علي حسين, Ali Hussein]",
            1,
            "error: Arabic name 'Ali Hussein' has no Arabic letters",
        ),
    ],
)
def test_a_name_that_cannot_name_the_entity_is_said_at_its_line(
    project: Path, names: str, status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = add_registry_entry(project, f"- id: ali-hussein\n  type: person\n  ar: {names}\n")
    assert _build(project) == status
    assert f"{REGISTRY}:{line + 2}: {message}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "names",
    ["[علي حسين, علي]", "[الرئيس في المنفى]", "[حسين, لطيف رشيد]", "[عمر]"],
)
def test_names_with_common_words_in_them_are_names(names: str) -> None:
    """علي is a name, though its key is that of على; a name may hold a function word."""
    _, diags = parse_registry(f"- id: a\n  type: person\n  ar: {names}\n", REGISTRY)
    assert diags == ()


def test_a_forgotten_dash_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = add_registry_entry(
        project, "- id: a\n  type: place\n  ar: [بلدة]\n\n  id: b\n  type: place\n"
    )
    assert _build(project) == 1
    assert (
        f"{REGISTRY}:{line + 4}: error: duplicate key 'id' (line {line} has it too): if this "
        "line starts the next item of the list, begin it with '- ' (`- id: …`), the other "
        "keys of that item indented under it"
    ) in capsys.readouterr().err


def test_a_key_given_twice_outside_a_list_gets_no_dash_advice() -> None:
    """An article's front matter with two titles: no list, so no '- ' to forget."""
    with pytest.raises(ContentError) as raised:
        parse_yaml('title: "أ"\ndate: 2020\ntitle: "ب"\n', "content/ar/2020/a.md", 2)
    assert str(raised.value.diagnostic) == (
        "content/ar/2020/a.md:4: error: duplicate key 'title' (line 2 has it too)"
    )
