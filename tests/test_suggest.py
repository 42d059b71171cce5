"""Registry suggestions: names after titles, quoted names, recurring word sequences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.entities.registry import Entity, Registry, parse_registry
from newsarchive.entities.suggest import Suggestion, suggest_entities

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"


def _registry(*names: str) -> Registry:
    entities = (
        Entity(f"e{i}", "other", (n,), None, None, None, None, 1) for i, n in enumerate(names)
    )
    return Registry(tuple(entities))


def _names(documents: list[tuple[str, str]], registry: Registry) -> list[str]:
    return [s.name for s in suggest_entities(documents, registry)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الجنرال كيفن كوبسي، إن", ["كيفن كوبسي"]),
        ("وقال الجنرال كوبسي خلال المؤتمر", ["كوبسي"]),
        ("الرئيس الأمريكي دونالد ترامب.", ["دونالد ترامب"]),
        ("وزير الخارجية العراقي فؤاد حسين في بغداد", ["فؤاد حسين"]),
        ("والمتحدث الرسمي العقيد واين ماروتو والناطق", ["واين ماروتو"]),
        ("العقيد كاغينز", ["كاغينز"]),
        ("العميد يحيى رسول الناطق باسم القائد العام", ["يحيى رسول"]),
        ('وزير الدفاع "مارك أسبر"', ["مارك أسبر"]),  # the quote, not the title, finds it
        ("الجنرال، ثم", []),
        ("الرئيس في بغداد", []),
        ("الرئيس", []),
    ],
)
def test_names_after_titles(text: str, expected: list[str]) -> None:
    assert _names([("a.md", text)], Registry()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('تعيين "كريستوفر ميلر" بدلا عنه', ["كريستوفر ميلر"]),
        ("تنظيم «داعش» وقوات", ["داعش"]),
        ("قال “بريت ماكغورك” أمس", ["بريت ماكغورك"]),
        ('قال "التحالف ملتزم بدعم قسد كون مهمة"', []),  # a statement, not a name
        ('"هزيمة داعش، وزواله"', []),  # punctuation inside
        ('"في"', []),
        ('"12"', []),
    ],
)
def test_quoted_names(text: str, expected: list[str]) -> None:
    assert _names([("a.md", text)], Registry()) == expected


def test_known_names_are_not_suggested() -> None:
    registry = _registry("كيفن كوبسي", "مارك إسبر", "داعش")
    text = 'الجنرال كيفن كوبسي ووزير الدفاع "مارك أسبر" وتنظيم «داعش» و"مايك بومبيو"'
    assert _names([("a.md", text)], registry) == ["مايك بومبيو"]


def test_recurring_sequences_across_documents() -> None:
    documents = [
        ("a.md", "اجتمع مجلس النواب العراقي اليوم.\nوناقش مجلس النواب العراقي الموازنة"),
        ("b.md", "قرر مجلس النواب العراقي أمس"),
        ("c.md", "في مجلس الوزراء"),
    ]
    suggestions = suggest_entities(documents, Registry())
    assert suggestions == (
        Suggestion(
            "مجلس النواب العراقي",
            3,
            (("a.md", 1), ("a.md", 2), ("b.md", 1)),
            "recurs in 2 documents",
        ),
    )


def test_recurrence_in_one_document_is_not_enough() -> None:
    text = "مجلس النواب ثم مجلس النواب"
    assert _names([("a.md", text)], Registry()) == []


def test_counts_every_occurrence_with_proclitics_and_merges_reasons() -> None:
    documents = [
        ("a.md", 'قال الجنرال كوبسي إن\nوأكد كوبسي أن "كوبسي"'),
        ("b.md", "ولكوبسي رأي"),
    ]
    (suggestion,) = suggest_entities(documents, Registry())
    assert suggestion == Suggestion(
        "كوبسي", 4, (("a.md", 1), ("a.md", 2), ("b.md", 1)), "after the title الجنرال; quoted"
    )


def test_sorted_by_count_then_name() -> None:
    text = '"بغداد" "البصرة" "أربيل" "البصرة"'
    assert _names([("a.md", text)], Registry()) == ["البصرة", "أربيل", "بغداد"]


def test_seed_article_is_fully_known_to_the_registry() -> None:
    registry, _ = parse_registry(
        (REPO / "content" / "entities.yaml").read_text(encoding="utf-8"), "content/entities.yaml"
    )
    text = SEED.read_text(encoding="utf-8")
    assert suggest_entities([("seed.txt", text)], registry) == ()
    unknown = _names([("seed.txt", text)], Registry())
    for name in ("كيفن كوبسي", "واين ماروتو", "دونالد ترامب", "مارك أسبر", "داعش", "قسد"):
        assert name in unknown
