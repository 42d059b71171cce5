"""The registry parser: valid entries become Entities, every problem a positioned Diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.entities.registry import ENTITY_TYPES, Entity, Registry, name_key, parse_registry

PATH = "content/entities.yaml"
REPO = Path(__file__).resolve().parent.parent

VALID = """\
- id: kevin-copsey
  type: person
  ar: [كيفن كوبسي, كيفين كوبسي, كوبسي]
  en: Kevin Copsey
  description_en: Deputy commander of the coalition.
  description_ar: نائب قائد التحالف
- id: syria
  type: place
  ar: سوريا
  wikidata: Q858
"""


def test_valid_registry() -> None:
    registry, diags = parse_registry(VALID, PATH)
    assert diags == ()
    copsey, syria = registry.entities
    assert copsey == Entity(
        "kevin-copsey",
        "person",
        ("كيفن كوبسي", "كيفين كوبسي", "كوبسي"),
        "Kevin Copsey",
        "Deputy commander of the coalition.",
        "نائب قائد التحالف",
        None,
        1,
    )
    assert copsey.name_ar == "كيفن كوبسي"
    assert (syria.ar, syria.en, syria.wikidata, syria.line) == (("سوريا",), None, "Q858", 7)
    assert registry.by_id()["syria"] is syria
    assert set(registry.by_id()) == {"kevin-copsey", "syria"}


def test_english_names_may_be_a_list_whose_first_is_shown_and_the_others_variants() -> None:
    text = "- id: a\n  type: person\n  ar: سعد\n  en: [Kevin  Copsey, Kevin Copsy, Kevin Copsey]\n"
    registry, diags = parse_registry(text, PATH)
    assert diags == ()
    entity = registry.entities[0]
    assert (entity.en, entity.en_variants) == ("Kevin Copsey", ("Kevin Copsy",))
    assert entity.en_names == ("Kevin Copsey", "Kevin Copsy")
    one, _ = parse_registry("- id: a\n  type: person\n  ar: سعد\n  en: Kevin Copsey\n", PATH)
    assert one.entities[0].en_names == ("Kevin Copsey",)


def test_names_are_nfc_with_whitespace_collapsed() -> None:
    text = "- id: x\n  type: other\n  ar: ['  قوات   سوريا ', \"ا\u0654مريكا\"]\n"
    registry, diags = parse_registry(text, PATH)
    assert diags == ()
    assert registry.entities[0].ar == ("قوات سوريا", "أمريكا")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "[]\n"])
def test_an_empty_registry_builds_but_warns_that_no_entity_will_show(text: str) -> None:
    registry, diags = parse_registry(text, PATH)
    assert registry == Registry()
    assert [str(d) for d in diags] == [
        f"{PATH}:1: warning: the registry has no entities: articles get no 'in this article' "
        "sidebar and the site no entity pages (see 'Entities' in docs/editors-guide.md)"
    ]


def test_a_missing_registry_is_named_by_the_commands_that_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsarchive.cli import main

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.toml").write_text("", encoding="utf-8")
    for command in (["build", "--no-search"], ["status"], ["entities", "suggest"]):
        assert main([*command, "--root", str(tmp_path)]) == 0
        err = capsys.readouterr().err
        assert f"{PATH}:1: warning: no such file: articles get no" in err, command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- id: a\n  type: person\n  ar: [x\n",
            [f"{PATH}:3: error: a list opened with '[' is not closed with ']'"],
        ),
        (
            "id: a\ntype: person\n",
            [
                f"{PATH}:1: error: the registry must be a list of entities (each item starting"
                " with '- id:')"
            ],
        ),
        (
            "- just a name\n",
            [f"{PATH}:1: error: each entity must be a mapping with id, type, ar"],
        ),
        (
            "- type: person\n  ar: سعد\n",
            [f"{PATH}:1: error: entity has no 'id'"],
        ),
        (
            "- id: Kevin_Copsey\n  type: person\n  ar: سعد\n",
            [
                f"{PATH}:1: error: id 'Kevin_Copsey' must be lowercase ASCII words joined by '-'"
                " (try 'kevin-copsey')"
            ],
        ),
        (
            "- id: Baghdad\n  type: place\n  ar: سعد\n",
            [
                f"{PATH}:1: error: id 'Baghdad' must be lowercase ASCII words joined by '-' (try 'baghdad')"
            ],
        ),
        (
            "- id: بغداد\n  type: place\n  ar: سعد\n",
            [
                f"{PATH}:1: error: id 'بغداد' must be lowercase ASCII words joined by '-' (like kevin-copsey)"
            ],
        ),
        (
            "- id: a--b\n  type: person\n  ar: سعد\n",
            [f"{PATH}:1: error: id 'a--b' must be lowercase ASCII words joined by '-' (try 'a-b')"],
        ),
        (
            "- id: a\n  ar: سعد\n",
            [f"{PATH}:1: error: entity 'a' has no 'type'"],
        ),
        (
            "- id: a\n  type: persn\n  ar: سعد\n",
            [
                f"{PATH}:2: error: unknown type 'persn' (expected {', '.join(ENTITY_TYPES)}): did "
                "you mean 'person'?"
            ],
        ),
        (  # the guide's own spelling
            "- id: a\n  type: organisation\n  ar: سعد\n",
            [
                f"{PATH}:2: error: unknown type 'organisation' (expected {', '.join(ENTITY_TYPES)}):"
                " did you mean 'organization'?"
            ],
        ),
        (
            "- id: a\n  type: city\n  ar: سعد\n",
            [
                f"{PATH}:2: error: unknown type 'city' (expected {', '.join(ENTITY_TYPES)}): did you mean 'place'?"
            ],
        ),
        (
            "- id: a\n  type: Person\n  ar: سعد\n",
            [
                f"{PATH}:2: error: unknown type 'Person' (expected {', '.join(ENTITY_TYPES)}): did you mean 'person'?"
            ],
        ),
        (
            "- id: a\n  type: weapon\n  ar: سعد\n",
            [f"{PATH}:2: error: unknown type 'weapon' (expected {', '.join(ENTITY_TYPES)})"],
        ),
        (
            "- id: a\n  type: person\n",
            [f"{PATH}:1: error: entity 'a' has no Arabic name ('ar')"],
        ),
        (
            "- id: a\n  type: person\n  ar: []\n",
            [f"{PATH}:3: error: entity 'a' has an empty list of Arabic names"],
        ),
        (
            "- id: a\n  type: person\n  ar:\n    - سعد\n    - ''\n    - '  '\n",
            [
                f"{PATH}:5: error: entity 'a' has an empty Arabic name",
                f"{PATH}:6: error: entity 'a' has an empty Arabic name",
            ],
        ),
        (
            "- id: a\n  type: person\n  ar: ['...']\n",
            [f"{PATH}:3: error: Arabic name '...' has no letters"],
        ),
        (
            "- id: a\n  type: person\n  ar:\n    - [س]\n",
            [f"{PATH}:4: error: an Arabic name must be text"],
        ),
        (
            "- id: a\n  type: person\n  ar: سعد\n  wikidata: Q-12\n",
            [f"{PATH}:4: error: wikidata 'Q-12' must be an item id like Q42"],
        ),
        (
            "- id: a\n  type: person\n  ar: سعد\n  en:\n    - Kevin Copsey\n    - [A]\n",
            [f"{PATH}:6: error: an English name of entity 'a' must be text"],
        ),
        (
            "- id: a\n  type: person\n  ar: سعد\n  name_en: A\n",
            [
                f"{PATH}:4: error: unknown key 'name_en' (expected id, type, ar, en,"
                " description_en, description_ar, wikidata, moved_from, removed)"
            ],
        ),
        (
            "- id: a\n  type: person\n  ar: سا\n- id: a\n  type: place\n  ar: صا\n",
            [f"{PATH}:4: error: duplicate id 'a' (first used at line 1)"],
        ),
        (
            "- id: a\n  type: person\n  ar: أحمد\n- id: b\n  type: person\n  ar: [بكر, احمد]\n",
            [
                f"{PATH}:6: error: name 'احمد' of 'b' matches the same text as 'أحمد' of 'a'"
                " (line 3)"
            ],
        ),
        (
            "- id: a\n  type: place\n  ar:\n    - محافظة الحسكة\n"
            "- id: b\n  type: place\n  ar:\n    - مُحافَظة  الحسكه\n",
            [
                f"{PATH}:8: error: name 'مُحافَظة الحسكه' of 'b' matches the same text as"
                " 'محافظة الحسكة' of 'a' (line 4)"
            ],
        ),
        (
            "- id: a\n  type: person\n  ar: [مارك أسبر, مارك إسبر]\n",
            [f"{PATH}:3: warning: name 'مارك إسبر' repeats 'مارك أسبر' (line 3)"],
        ),
        (
            "- id: ahmed-al-rubaie\n  type: person\n  ar: [أحمد الربيعي, الربيعي]\n"
            "- id: john-smith\n  type: person\n  ar: [جون سميث, والربيعى]\n",
            [
                f"{PATH}:6: error: name 'والربيعى' of 'john-smith' is 'الربيعي' of"
                " 'ahmed-al-rubaie' (line 3) with the proclitic و: the matcher already finds"
                " 'ahmed-al-rubaie' there, and this name would take those mentions from it;"
                " remove it"
            ],
        ),
        (  # the other way round in the file, several words, لل for ل + ال
            "- id: a\n  type: place\n  ar: [للتحالف الدولي]\n"
            "- id: b\n  type: group\n  ar: [التحالف الدولي]\n",
            [
                f"{PATH}:3: error: name 'للتحالف الدولي' of 'a' is 'التحالف الدولي' of 'b'"
                " (line 6) with the proclitic ل: the matcher already finds 'b' there, and this"
                " name would take those mentions from it; remove it"
            ],
        ),
        (
            "- id: a\n  type: person\n  ar: [أحمد الربيعي, الربيعي, فبالربيعي]\n",
            [
                f"{PATH}:3: warning: name 'فبالربيعي' is 'الربيعي' (line 3) with the proclitic"
                " فب: the matcher already finds it with فب; remove it"
            ],
        ),
        (
            "- id: a\n  type: person\n  ar: عبدالله صالح\n"
            "- id: b\n  type: person\n  ar: عبد الله صالح\n",
            [
                f"{PATH}:6: error: name 'عبد الله صالح' of 'b' matches the same text as"
                " 'عبدالله صالح' of 'a' (line 3)"
            ],
        ),
        (  # a name without its article is another name: the matcher keeps them apart
            "- id: a\n  type: place\n  ar: [الحسكة]\n- id: b\n  type: place\n  ar: [حسكة]\n",
            [],
        ),
    ],
)
def test_diagnostics(text: str, expected: list[str]) -> None:
    _, diags = parse_registry(text, PATH)
    assert [str(d) for d in diags] == expected


def test_all_problems_are_reported_and_good_entries_kept() -> None:
    text = (
        "- id: Bad\n  type: person\n  ar: سعد\n"
        "- id: good\n  type: place\n  ar: سوريا\n  wikidata: 858\n"
        "- id: other\n  type: thing\n  ar: ''\n"
    )
    registry, diags = parse_registry(text, PATH)
    assert [d.line for d in diags] == [1, 7, 9, 10]
    assert [e.id for e in registry.entities] == ["good"]
    assert registry.entities[0].wikidata is None


def test_syntax_error_gives_empty_registry() -> None:
    registry, diags = parse_registry("- id: a\n  - b: [\n", PATH)
    assert registry == Registry()
    assert len(diags) == 1 and diags[0].path == PATH


def test_name_key_joins_word_keys() -> None:
    assert name_key("  قوات،  سوريا  الديمقراطيّة ") == "قوات سوريا الديمقراطيه"


def test_repository_registry_is_valid() -> None:
    text = (REPO / "content" / "entities.yaml").read_text(encoding="utf-8")
    registry, diags = parse_registry(text, "content/entities.yaml")
    assert [str(d) for d in diags] == []
    assert all(e.en for e in registry.entities)
    assert registry.by_id()["donald-trump"].wikidata == "Q22686"


def test_an_arabic_comma_between_names_is_an_error_at_its_line() -> None:
    text = "- id: rakan\n  type: person\n  ar: [راكان الجبوري، الجبوري]\n"
    _, diags = parse_registry(text, PATH)
    assert [str(d) for d in diags] == [
        f"{PATH}:3: error: Arabic name 'راكان الجبوري، الجبوري' holds an Arabic comma '،': "
        "separate the names of a list with ',' (a Latin comma)"
    ]


def test_an_id_left_as_suggest_made_it_is_a_warning() -> None:
    text = (
        "- id: alnjf  # a placeholder: use the English name's words\n"
        "  type: place\n  ar: [النجف]\n- id: basra\n  type: place\n  ar: [البصرة]\n"
    )
    registry, diags = parse_registry(text, PATH)
    assert [e.id for e in registry.entities] == ["alnjf", "basra"]
    assert [str(d) for d in diags] == [
        f"{PATH}:1: warning: id 'alnjf' is still the placeholder `entities suggest` made: give "
        "it the English name's words before publishing (ids are part of URLs)"
    ]
