"""`entities suggest` reads headlines as headlines: an office followed by a present-tense verb
(رئيس الوزراء يستقبل وفدا) is the standard headline, and the verb is no person; a name in a
title is shown with the title as the page gives it, not the front matter's YAML line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.entities.registry import Registry
from newsarchive.entities.suggest import suggest_entities

from .conftest import write

HEADLINES = [
    "رئيس الوزراء يستقبل وفدا من التحالف الدولي",
    "وزير الخارجية السوداني يزور بغداد",
    "محافظ البصرة يفتتح مشروعا جديدا",
    "وزيرة الهجرة تزور مخيم النازحين",
    "الرئيس يصل أربيل",
]


def _article(title: str, date: str = "2024-01-05") -> str:
    return f'---\ntitle: "{title}"\ndate: "{date}"\n---\nوصل الوفد صباح اليوم.\n'


def _people(text: str) -> list[str]:
    return [s.name for s in suggest_entities([("a.md", text)], Registry()) if s.kind == "person"]


@pytest.mark.parametrize("title", HEADLINES)
def test_a_headlines_verb_after_an_office_is_no_person(title: str) -> None:
    assert _people(_article(title)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A surname shaped like a verb, after a first name, stays the name's.
        ("وقال الرئيس الأمريكي دونالد ترامب إن", ["دونالد ترامب"]),
        # Given names shaped like a verb stay names.
        ("وقال اللواء يحيى رسول إن القوات", ["يحيى رسول"]),
        ("وقال وزير النقل تامر الجبوري إن", ["تامر الجبوري"]),
        ("وقال النائب عن محافظة البصرة يوسف الكلابي إن", ["يوسف الكلابي"]),
        # A headline's verb after the name ends it (it was: فؤاد حسين يزور, دونالد ترامب يعلن).
        ("وزير الخارجية فؤاد حسين يزور طهران", ["فؤاد حسين"]),
        ("رئيس الوزراء محمد شياع السوداني يستقبل السفير", ["محمد شياع السوداني"]),
        ("الرئيس الأمريكي دونالد ترامب يعلن", ["دونالد ترامب"]),
        ("الرئيس بايدن يزور بغداد", ["بايدن"]),
        ("وزيرة الهجرة إيفان فائق تزور المخيم", ["إيفان فائق"]),
        ("اللواء يحيى رسول يؤكد", ["يحيى رسول"]),
        ("وزير الثقافة تامر حسني يفتتح المعرض", ["تامر حسني"]),
    ],
)
def test_names_around_a_headlines_verb(text: str, expected: list[str]) -> None:
    assert _people(text) == expected


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("فؤاد حسين يزور طهران", "فؤاد حسين"),
        ("محمد شياع السوداني يستقبل السفير", "محمد شياع السوداني"),
        ("دونالد ترامب يعلن", "دونالد ترامب"),
        # Names shaped like a verb (ت or ي and a stem) stay whole.
        ("تامر حسني يزور بغداد", "تامر حسني"),
        ("يحيى رسول يؤكد", "يحيى رسول"),
    ],
)
def test_a_name_recurring_before_a_headlines_verb_is_offered_without_it(
    headline: str, name: str
) -> None:
    """Two articles open on the same headline, no title before the name: the words that
    recur are offered as the name, the verb after it not with it."""
    docs = [
        (f"{n}.md", f'---\ntitle: "خبر"\ndate: "2024-01-0{n}"\n---\n{headline}.\n') for n in (1, 2)
    ]
    assert [s.name for s in suggest_entities(docs, Registry())] == [name]


def test_a_name_found_in_a_title_shows_the_title(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The curator reads the sentence to decide: the title's text, quotes and escapes as the
    reader sees them, not `title: "…"`."""
    title = 'وزير الخارجية العراقي فؤاد حسين في أنقرة لبحث ملف \\"المياه\\"'
    write(project, "content/ar/2024/01/visit.md", _article(title))
    for number, headline in enumerate(HEADLINES, start=1):
        write(project, f"content/ar/2024/02/headline-{number}.md", _article(headline, "2024-02"))
    assert main(["entities", "suggest", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "person\tفؤاد حسين\tafter the title وزير\tcontent/ar/2024/01/visit.md:2" in out
    assert '\n\tوزير الخارجية العراقي فؤاد حسين في أنقرة لبحث ملف "المياه"\n' in out
    assert "title:" not in out
    for verb in ("يستقبل", "يزور بغداد", "يفتتح", "تزور", "يصل"):
        assert f"\t{verb}" not in out
