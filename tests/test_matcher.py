"""The matcher: variants, proclitics, longest match, word boundaries, gold seed mentions."""

from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.entities.candidates import names_pattern
from newsarchive.entities.matcher import Mention, build_matcher, find_mentions, names_matched
from newsarchive.entities.registry import Entity, Registry, parse_registry

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"
GOLD = Path(__file__).resolve().parent / "gold" / "seed_mentions.json"


def _entity(entity_id: str, *names: str) -> Entity:
    return Entity(entity_id, "other", names, None, None, None, None, 1)


REGISTRY = Registry(
    (
        _entity("copsey", "كيفن كوبسي", "كيفين كوبسي", "كوبسي"),
        _entity("gabriel", "كينو كبريل", "كينو كبرئيل"),
        _entity("sdf", "قوات سوريا الديمقراطية", "قسد"),
        _entity("syria", "سوريا"),
        _entity("coalition", "التحالف الدولي"),
        _entity("isis", "تنظيم داعش", "داعش"),
        _entity("us", "القوات الأمريكية"),
        _entity("pentagon", "البنتاغون"),
        _entity("peshmerga", "البيشمركة"),
        _entity("hasakah", "محافظة الحسكة"),
        _entity("esper", "مارك إسبر"),
        _entity("lebanon", "لبنان"),
        _entity("trump", "Donald Trump"),
        _entity("social-affairs", "وزارة الشؤون الاجتماعية"),
        _entity("beach", "شاطئ الراحة"),
    )
)
MATCHER = build_matcher(REGISTRY)


def _found(text: str) -> list[tuple[str, str]]:
    mentions = find_mentions(MATCHER, text)
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    return [(m.entity_id, m.surface) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spelling variants: hamza/alef, ة/ه, ى/ي, tashkeel, tatweel, invisibles
        ("مارك أسبر", [("esper", "مارك أسبر")]),
        ("مارك اسبر", [("esper", "مارك اسبر")]),
        ("القوات الامريكية", [("us", "القوات الامريكية")]),
        ("القوات الأمريكيه", [("us", "القوات الأمريكيه")]),
        ("محافظة الحسكه", [("hasakah", "محافظة الحسكه")]),
        ("قُوّاتُ سُورِيا الدِّيمُقراطِيّة", [("sdf", "قُوّاتُ سُورِيا الدِّيمُقراطِيّة")]),
        ("البنتـــاغون", [("pentagon", "البنتـــاغون")]),
        ("سو\u200cريا", [("syria", "سو\u200cريا")]),
        ("قوات\u00a0سوريا \u200fالديمقراطية", [("sdf", "قوات\u00a0سوريا \u200fالديمقراطية")]),
        ("كينو كبرئيل", [("gabriel", "كينو كبرئيل")]),
        ("كيفين كوبسي", [("copsey", "كيفين كوبسي")]),
        ("DONALD trump", [("trump", "DONALD trump")]),
        # proclitics: the span starts after them
        ("وقسد", [("sdf", "قسد")]),
        ("بسوريا", [("syria", "سوريا")]),
        ("فبسوريا", [("syria", "سوريا")]),
        ("والتحالف الدولي", [("coalition", "التحالف الدولي")]),
        ("بالتحالف الدولي", [("coalition", "التحالف الدولي")]),
        ("وبالتحالف الدولي", [("coalition", "التحالف الدولي")]),
        ("كالتحالف الدولي", [("coalition", "التحالف الدولي")]),
        ("لقوات سوريا الديمقراطية", [("sdf", "قوات سوريا الديمقراطية")]),
        ("وَالبيشمركة", [("peshmerga", "البيشمركة")]),
        # لل: the article's alef is dropped, so the span starts after the first ل
        ("للتحالف الدولي", [("coalition", "لتحالف الدولي")]),
        ("وللتحالف الدولي", [("coalition", "لتحالف الدولي")]),
        ("فللبنتاغون", [("pentagon", "لبنتاغون")]),
        ("للبنان", [("lebanon", "لبنان")]),
        ("لبنان", [("lebanon", "لبنان")]),
        # longest match wins
        ("قوات سوريا الديمقراطية", [("sdf", "قوات سوريا الديمقراطية")]),
        ("قوات سوريا", [("syria", "سوريا")]),
        ("تنظيم داعش", [("isis", "تنظيم داعش")]),
        ("الجنرال كيفن كوبسي", [("copsey", "كيفن كوبسي")]),
        ("الجنرال كوبسي", [("copsey", "كوبسي")]),
        # never inside a word, never without the name's own article, never across punctuation
        ("السوريا", []),
        ("سورياه", []),
        ("الداعشي", []),
        ("تحالف الدولي", []),
        ("بنتاغون", []),
        ('تنظيم "داعش"', [("isis", "داعش")]),
        ("التحالف، الدولي", []),
        ("قوات سوريا\nالديمقراطية", [("syria", "سوريا")]),
        ("قوات سوريا-الديمقراطية", [("syria", "سوريا")]),
        ("", []),
    ],
)
def test_find_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_offsets_sorted_and_non_overlapping() -> None:
    text = "قال كوبسي إن قسد وقوات سوريا الديمقراطية في سوريا"
    mentions = find_mentions(MATCHER, text)
    assert mentions == (
        Mention("copsey", 4, 9, "كوبسي"),
        Mention("sdf", 13, 16, "قسد"),
        Mention("sdf", 18, 40, "قوات سوريا الديمقراطية"),
        Mention("syria", 44, 49, "سوريا"),
    )


def test_unstripped_key_preferred_over_stem() -> None:
    registry = Registry((_entity("walid", "وليد"), _entity("lid", "ليد")))
    matcher = build_matcher(registry)
    assert find_mentions(matcher, "وليد") == (Mention("walid", 0, 4, "وليد"),)
    assert find_mentions(matcher, "وليدا") == ()
    assert find_mentions(matcher, "بليد") == (Mention("lid", 1, 4, "ليد"),)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("قالت جينين هينيس-بلاسخارت إن", "جينين هينيس-بلاسخارت"),
        ("قالت جينين هينيس بلاسخارت إن", "جينين هينيس بلاسخارت"),
        ("وجينين هينيس–بلاسخارت", "جينين هينيس–بلاسخارت"),  # en dash
        ("لجينين هينيس‑بلاسخارت", "جينين هينيس‑بلاسخارت"),  # non-breaking hyphen
        ("جينين هينيس־بلاسخارت", "جينين هينيس־بلاسخارت"),  # maqaf
    ],
)
def test_a_hyphenated_name_is_found_as_written_or_with_a_space(text: str, surface: str) -> None:
    registry, diagnostics = parse_registry(
        "- id: jeanine-hennis-plasschaert\n  type: person\n  ar: جينين هينيس-بلاسخارت\n",
        "content/entities.yaml",
    )
    assert diagnostics == ()
    found = find_mentions(build_matcher(registry), text)
    assert [(m.entity_id, m.surface) for m in found] == [("jeanine-hennis-plasschaert", surface)]


@pytest.mark.parametrize(
    ("name", "text", "surface"),
    [
        # Iraqi/Levantine ؤ in the registry, Egyptian ئ or ء in the text, and back.
        ("وزارة الشؤون الاجتماعية", "قالت وزارة الشئون الاجتماعية إن", "وزارة الشئون الاجتماعية"),
        ("وزارة الشئون الاجتماعية", "وقالت لوزارة الشؤون الاجتماعية", "وزارة الشؤون الاجتماعية"),
        ("رءوف حسن", "قال رؤوف حسن إن", "رؤوف حسن"),
        ("شاطئ الراحة", "على شاطيء الراحة", "شاطيء الراحة"),
        ("شاطئ الراحة", "على شاطىء الراحة", "شاطىء الراحة"),
        # Names of one word: the registry edit's scan looks for the hamza word itself.
        ("الشؤون", "في الشئون", "الشئون"),
        ("مسئول", "قال مسؤول", "مسؤول"),
        ("شاطئ", "على شاطيء", "شاطيء"),
        ("شيء", "كل شئ", "شئ"),
    ],
)
def test_a_hamza_seated_otherwise_is_the_same_name(name: str, text: str, surface: str) -> None:
    _assert_found_as(name, text, surface)
    _assert_found_as(name, unicodedata.normalize("NFD", text), None)


def _assert_found_as(name: str, text: str, surface: str | None) -> None:
    """The matcher finds the registry name in the text as `surface` (None: not checked), and
    the raw-text scan a registry edit uses looks at the text again."""
    if surface is not None:
        matcher = build_matcher(Registry((_entity("x", name),)))
        assert [m.surface for m in find_mentions(matcher, text)] == [surface]
    pattern = names_pattern([name])
    assert pattern is not None and pattern.search(text)


def test_a_hyphen_joins_only_the_words_a_registry_name_joins_with_one() -> None:
    matcher = build_matcher(Registry((_entity("jeanine", "جينين هينيس-بلاسخارت"),)))
    assert find_mentions(matcher, "جينين-هينيس بلاسخارت") == ()
    assert find_mentions(matcher, "جينين - هينيس بلاسخارت") == ()
    assert find_mentions(matcher, "جينين هينيس —  بلاسخارت") == ()  # an em dash: phrases
    assert find_mentions(matcher, "جينين هينيس -\nبلاسخارت") == ()  # not across lines


@pytest.mark.parametrize(
    ("name", "text", "surface"),
    [
        # The registry hyphenates, the article spaces the dash (any of them), and back.
        ("جان-إيف لودريان", "قال جان - إيف لودريان إن", "جان - إيف لودريان"),
        ("جان-إيف لودريان", "وقال جان – إيف لودريان", "جان – إيف لودريان"),  # en dash
        ("جان-إيف لودريان", "التقى بجان ‐ إيف لودريان", "جان ‐ إيف لودريان"),  # hyphen
        ("جان-إيف لودريان", "قال جان -إيف لودريان", "جان -إيف لودريان"),
        ("جان - إيف لودريان", "قال جان-إيف لودريان إن", "جان-إيف لودريان"),
        ("جان - إيف لودريان", "قال جان–إيف لودريان إن", "جان–إيف لودريان"),
        ("جان - إيف لودريان", "قال جان إيف لودريان إن", "جان إيف لودريان"),
        ("جان – إيف لودريان", "قال جان - إيف لودريان إن", "جان - إيف لودريان"),
    ],
)
def test_a_hyphenated_name_is_found_with_its_dash_spaced_or_not(
    name: str, text: str, surface: str
) -> None:
    """The mention is the text as written, its dash and spaces kept (the page shows it so)."""
    _assert_found_as(name, text, surface)


def test_a_dash_between_two_clauses_joins_no_names() -> None:
    """A dateline's dash, or one between clauses, is no joiner: only a registry name's hyphen
    lets a dash stand between two of its words."""
    matcher = build_matcher(
        Registry(
            (
                _entity("baghdad", "بغداد"),
                _entity("new-baghdad", "بغداد الجديدة"),
                _entity("spokesman", "المتحدث باسم الحكومة"),
                _entity("le-drian", "جان-إيف لودريان"),
            )
        )
    )
    text = "بغداد - قال المتحدث باسم الحكومة إن بغداد - الجديدة عليها جان - إيف لودريان"
    found = [(m.entity_id, m.surface) for m in find_mentions(matcher, text)]
    assert found == [
        ("baghdad", "بغداد"),
        ("spokesman", "المتحدث باسم الحكومة"),
        ("baghdad", "بغداد"),
        ("le-drian", "جان - إيف لودريان"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "surface"),
    [
        ("عبد الجبار حسن", "قال عبدالجبار حسن إن", "عبدالجبار حسن"),
        ("عبد الجبار حسن", "ولعبدالجبار حسن", "عبدالجبار حسن"),
        ("عبد الجبار حسن", "قال عبد الجبار حسن إن", "عبد الجبار حسن"),
        ("عبدالجبار حسن", "قال عبد الجبار حسن إن", "عبد الجبار حسن"),
        ("عبدالجبار حسن", "وعبد الجبار حسن", "عبد الجبار حسن"),
        ("محمد عبد الله", "التقى محمد عبدالله", "محمد عبدالله"),
        ("محمد عبدالله", "التقى محمد عبد الله", "محمد عبد الله"),
        ("عبد الرحمن", "بعبدالرحمن", "عبدالرحمن"),
        ("عبدالرحمن", "بعبد الرحمن", "عبد الرحمن"),
    ],
)
def test_a_name_with_abd_is_found_joined_or_apart(name: str, text: str, surface: str) -> None:
    _assert_found_as(name, text, surface)


def test_abd_alone_or_a_part_of_the_name_is_not_the_name() -> None:
    matcher = build_matcher(Registry((_entity("x", "عبد الجبار حسن"),)))
    assert find_mentions(matcher, "عبد حسن") == ()
    assert find_mentions(matcher, "عبدالجبار") == ()
    assert find_mentions(matcher, "عبدالجبارحسن") == ()


def test_first_entity_keeps_a_clashing_name() -> None:
    matcher = build_matcher(Registry((_entity("a", "أحمد"), _entity("b", "احمد"))))
    assert [m.entity_id for m in find_mentions(matcher, "احمد")] == ["a"]


def test_empty_registry_finds_nothing() -> None:
    assert find_mentions(build_matcher(Registry()), "سوريا") == ()


def _gold() -> set[tuple[str, int, int, str]]:
    entries = json.loads(GOLD.read_text(encoding="utf-8"))
    return {(g["id"], g["start"], g["end"], g["surface"]) for g in entries}


def _seed_mentions() -> set[tuple[str, int, int, str]]:
    registry, diags = parse_registry(
        (REPO / "content" / "entities.yaml").read_text(encoding="utf-8"), "content/entities.yaml"
    )
    assert diags == ()
    found = find_mentions(build_matcher(registry), SEED.read_text(encoding="utf-8"))
    return {(m.entity_id, m.start, m.end, m.surface) for m in found}


def test_gold_is_consistent_with_the_seed_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.startswith("شفق نيوز/ ") and len(text.splitlines()) == 13
    for _, start, end, surface in _gold():
        assert text[start:end] == surface


def test_precision_and_recall_on_the_seed_article() -> None:
    gold, found = _gold(), _seed_mentions()
    correct = len(gold & found)
    precision, recall = correct / len(found), correct / len(gold)
    assert precision >= 0.97, sorted(found - gold)
    assert recall >= 0.95, sorted(gold - found)


@pytest.mark.parametrize(
    ("entity_id", "surface", "start"),
    [
        ("kevin-copsey", "كيفن كوبسي", 801),
        ("kevin-copsey", "كيفين كوبسي", 2471),
        ("kevin-copsey", "كوبسي", 1016),
        ("kino-gabriel", "كينو كبريل", 902),
        ("kino-gabriel", "كينو كبرئيل", 1903),
        ("pentagon", "لبنتاغون", 718),
        ("global-coalition", "لتحالف الدولي", 830),
    ],
)
def test_exact_offsets_of_variant_spellings(entity_id: str, surface: str, start: int) -> None:
    expected = (entity_id, start, start + len(surface), surface)
    assert expected in _gold()
    assert expected in _seed_mentions()


@given(
    st.lists(
        st.sampled_from(
            [
                "سوريا",
                "قوات",
                "الديمقراطية",
                "وقسد",
                "للتحالف",
                "الدولي",
                "كوبسي",
                "كيفن",
                "داعش",
                "تنظيم",
                "، ",
                " ",
                "\n",
                '"',
                "ـ",
                "َ",
                "\u200c",
                "x",
                "لبنان",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_mentions_are_exact_sorted_and_disjoint(text: str) -> None:
    mentions = find_mentions(MATCHER, text)
    assert all(text[m.start : m.end] == m.surface and m.start < m.end for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


# Pieces that spell registry names in the ways the matcher accepts (variants, proclitics,
# tashkeel, tatweel, invisibles, presentation forms) and pieces that break them.
_SPELLINGS = st.lists(
    st.sampled_from(
        [
            "وللتحالف",
            "للبيشمركة",
            "والبنتاغون",
            "بالقوات",
            "الأمريكيه",
            "الامريكية",
            "ﺍﻟﺤﺴﻜﺔ",  # presentation forms
            "محافظة",
            "الحسـكة",
            "الحَسَكة",
            "كيفين",
            "كوب\u200cسي",
            "كبرئيل",
            "وكينو",
            "وزارة",
            "الشئون",
            "الشي\u0654ون",  # ئ decomposed
            "الاجتماعية",
            "شاطيء",
            "الراحة",
            "مارك",
            "إسبر",
            "donald",
            "TRUMP",
            "ﻻ",
            " ",
            "، ",
            "\n",
            "x",
        ]
    ),
    max_size=12,
).map("".join)


@given(_SPELLINGS, st.lists(st.sampled_from(REGISTRY.entities), min_size=1, max_size=3))
def test_candidates_include_every_text_naming_the_names(text: str, chosen: list[Entity]) -> None:
    """The raw-text scan a registry edit uses finds every text the matcher finds a name of
    these entities in (it may find more)."""
    pattern = names_pattern(name for entity in chosen for name in entity.ar)
    assert pattern is not None
    named = {m.entity_id for m in find_mentions(MATCHER, text)}
    if named & {entity.id for entity in chosen}:
        assert pattern.search(text), text


def test_candidates_leave_out_texts_without_the_names() -> None:
    pattern = names_pattern(["محافظة الحسكة", "مارك إسبر"])
    assert pattern is not None
    assert pattern.search("زار مارك اسبر مدينة")
    assert pattern.search("في ﻣﺤﺎﻓﻈﺔ ﺍﻟﺤﺴﻜﺔ")
    assert not pattern.search("قال وزير الدفاع الأمريكي إن القوات باقية")
    assert names_pattern(["،"]) is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("البيشمركة", "وللبيشمركة"),
        ("التحالف", "للتحالف"),
        ("لبنان", "وللبنان"),
        ("كوبسي", "كوب\u200cسي"),
    ],
)
def test_candidates_include_names_behind_proclitics(name: str, text: str) -> None:
    assert find_mentions(build_matcher(Registry((_entity("x", name),))), text)
    pattern = names_pattern([name])
    assert pattern is not None and pattern.search(text)


def test_entities_find_gives_the_line_and_column_of_each_body_mention(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The title on line 2 also names the coalition, but the sidebar is made of the body's
    mentions, so `find` lists the body's only, at positions an editor can go to."""
    from newsarchive.cli import main

    article = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    lines = (REPO / article).read_text(encoding="utf-8").split("\n")
    assert "التحالف الدولي" in lines[1]
    assert main(["entities", "find", str(REPO / article), "--root", str(REPO), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert min(row["line"] for row in rows) == 7
    for row in rows:
        line = lines[row["line"] - 1]
        at = row["column"] - 1
        assert line[at : at + len(row["surface"])] == row["surface"], row
    assert main(["entities", "find", str(REPO / article), "--root", str(REPO)]) == 0
    first = capsys.readouterr().out.split("\n")[0]
    assert first == f"{REPO / article}:7:5\tglobal-coalition\tالتحالف الدولي"


def test_entities_find_lists_mentions_despite_registry_warnings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A registry with only warnings (an entry pasted from `suggest --yaml`, a name written
    twice) still matches: `find` shows the warnings and the mentions, and succeeds; an error
    in the registry still stops it."""
    from newsarchive.cli import main

    registry = project / "content/entities.yaml"
    entry = "\n- id: erbil\n  type: place\n  ar: [أربيل, اربيل]\n"
    registry.write_text(registry.read_text(encoding="utf-8") + entry, encoding="utf-8")
    article = project / "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nوصل الوفد إلى أربيل.\n", "utf-8")
    args = ["entities", "find", str(article), "--root", str(project)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "repeats" in err and "warning" in err
    assert "\terbil\tأربيل" in out and "\tglobal-coalition\t" in out
    registry.write_text(registry.read_text(encoding="utf-8") + "- id: x\n  type: nobody\n", "utf-8")
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == "" and "error" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال وعلي حسين إن حسين باق", ("علي حسين", "حسين")),
        ("لحسين، ثم علي  حسين", ("حسين", "علي حسين")),
    ],
)
def test_names_matched_tells_which_variant_found_each_mention(
    text: str, expected: tuple[str, ...]
) -> None:
    """`entities find --entity` shows the name that found each mention, its proclitics
    (و, ل) and spacing as the text has them."""
    entity = _entity("ali-hussein", "علي حسين", "حسين")
    mentions = find_mentions(build_matcher(Registry((entity,))), text)
    assert names_matched(entity, text, mentions) == expected
