"""Messages count things in plain English, one rule for all of them (core/diagnostics):
`1 conflict`, `2 conflicts`, `0 rows`, digits grouped as the rest of a message's figures."""

from __future__ import annotations

import pytest

from newsarchive.content.conflicts import conflict_markers
from newsarchive.core.diagnostics import counted, noun_for


@pytest.mark.parametrize(
    ("number", "noun", "plural", "said"),
    [
        (1, "conflict", None, "1 conflict"),
        (2, "conflict", None, "2 conflicts"),
        (0, "row", None, "0 rows"),
        (1200, "paragraph", None, "1,200 paragraphs"),
        (1, "image or link", "images or links", "1 image or link"),
        (3, "image or link", "images or links", "3 images or links"),
    ],
)
def test_a_count_and_its_noun(number: int, noun: str, plural: str | None, said: str) -> None:
    assert counted(number, noun, plural) == said
    assert noun_for(number, noun, plural) == said.split(" ", 1)[1]


@pytest.mark.parametrize(("left", "said"), [(1, "1 more conflict"), (2, "2 more conflicts")])
def test_a_merge_conflict_counts_the_others_in_its_file(left: int, said: str) -> None:
    conflict = "<<<<<<< HEAD\nأ\n=======\nب\n>>>>>>> other\n"
    found = conflict_markers(conflict * (left + 1), "content/ar/a.md")
    assert found is not None
    assert found.message.endswith(f"({said} below in this file)")
