"""Suggested names are whole: a hyphenated name (جان-إيف لودريان) and a family name before a
word with و (عبد القادر الدخيل وعدد) are not cut short, since half a name pasted from `--yaml`
would link every article naming someone else (every عبد القادر) to this entity; and the entry
pasted makes `entities find` match the name as the article writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.entities.registry import Registry
from newsarchive.entities.suggest import suggest_entities

from .conftest import write

ARTICLE = """\
---
title: "زيارة"
date: "2026-12-04"
---
استقبل الوزير وزير الخارجية الفرنسي جان-إيف لودريان في بغداد.

وحضر الاجتماع محافظ نينوى عبد القادر الدخيل وعدد من المسؤولين.
"""


def _people(text: str) -> list[str]:
    return [s.name for s in suggest_entities([("a.md", text)], Registry()) if s.kind == "person"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("استقبل الوزير وزير الخارجية الفرنسي جان-إيف لودريان في بغداد.", "جان-إيف لودريان"),
        ("قالت ممثلة الأمين العام جينين هينيس-بلاسخارت إن", "جينين هينيس-بلاسخارت"),
        ("وقالت المبعوثة الأممية جينين هينيس–بلاسخارت إن", "جينين هينيس–بلاسخارت"),  # en dash
        ("وقال الرئيس جان-إيف إن", "جان-إيف"),
    ],
)
def test_a_hyphenated_name_is_kept_whole(text: str, expected: str) -> None:
    assert _people(text) == [expected]


def test_a_hyphenated_name_is_kept_whole_by_the_quote_and_recurrence_rules() -> None:
    quoted = suggest_entities([("a.md", 'ونقل عن "جان-إيف لودريان" قوله')], Registry())
    assert [s.name for s in quoted] == ["جان-إيف لودريان"]
    documents = [
        ("a.md", "التقى الوفد جينين هينيس-بلاسخارت في بغداد"),
        ("b.md", "وصلت جينين هينيس-بلاسخارت إلى أربيل"),
    ]
    assert [(s.name, s.count) for s in suggest_entities(documents, Registry())] == [
        ("جينين هينيس-بلاسخارت", 2)
    ]


@pytest.mark.parametrize(
    ("text", "variants"),
    [
        ("قال الوزير جان-إيف لودريان إن.\nوأضاف لودريان أن", ("لودريان",)),
        ("قال الوزير جان-إيف لودريان إن الوفد وصل.", ()),  # لودريان after إيف is not alone
    ],
)
def test_the_surname_after_a_hyphenated_first_name_is_a_variant_only_alone(
    text: str, variants: tuple[str, ...]
) -> None:
    [found] = suggest_entities([("a.md", text)], Registry())
    assert (found.name, found.variants) == ("جان-إيف لودريان", variants)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وحضر الاجتماع محافظ نينوى عبد القادر الدخيل وعدد من المسؤولين.", ["عبد القادر الدخيل"]),
        ("وحضر الاجتماع محافظ نينوى عبد القادر الدخيل.", ["عبد القادر الدخيل"]),
        ("وحضر محافظ نينوى محمد نوري الكربولي وعدد من المسؤولين.", ["محمد نوري الكربولي"]),
        ("وحضر المحافظ محمد الدخيل وأعضاء المجلس", ["محمد الدخيل"]),
        # و + a second person still starts another name: two people, not one.
        ("وقال الوزير علي حسين ومحمد جاسم إن", ["علي حسين"]),
        ("وقال المحافظ عبد القادر الدخيل ومحمد جاسم إن", ["عبد القادر الدخيل"]),
    ],
)
def test_a_family_name_before_a_word_with_waw_stays_in_the_name(
    text: str, expected: list[str]
) -> None:
    assert _people(text) == expected


def test_the_pasted_entries_match_the_names_as_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsarchive.cli import main

    article = write(project, "content/ar/2026/12/t.md", ARTICLE)
    assert main(["entities", "suggest", str(article), "--yaml", "--root", str(project)]) == 0
    entries = capsys.readouterr().out
    assert "  ar: [جان-إيف لودريان]\n" in entries
    assert "  ar: [عبد القادر الدخيل]\n" in entries
    registry = project / "content" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + entries, "utf-8")
    # The placeholder ids are warnings: `find` still lists the mentions.
    assert main(["entities", "find", str(article), "--root", str(project)]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[2] for line in out.splitlines()] == [
        "جان-إيف لودريان",
        "عبد القادر الدخيل",
    ]
    assert err.count(": warning: id '") == 2
