"""Gloss markers and notes as a translator's editor leaves them: invisible characters."""

from __future__ import annotations

import pytest

from newsarchive.content.gloss import align, fingerprint, parse_gloss
from newsarchive.content.glossedit import update_text

from .test_gloss import NEWS, REL, aids, fill, stub


@pytest.mark.parametrize(
    "mark",
    [
        "\u200f",  # right-to-left mark, as an editor adds beside Arabic
        "\u200e",  # left-to-right mark
        "\ufeff",  # a byte-order mark pasted from another file
        "\u200b",  # zero-width space
    ],
)
def test_invisible_marks_on_marker_and_note_lines_change_nothing(mark: str) -> None:
    """A marker or note line with an invisible character before, inside or after it is
    read as the translator sees it (it was an error about a note inside a sentence, or a bad
    id that looked right); their English keeps its own characters."""
    text = fill(fill(stub(NEWS), "p1", "UNICEF reopened five schools."), "p2", f"School{mark}.")
    p1, p2 = (f"<!-- gloss p{n} {fingerprint(NEWS[n - 1])} -->" for n in (1, 2))
    text = text.replace(p1, mark + p1).replace(p2, p2.replace(" p2 ", f" p2{mark} ") + mark)
    text = text.replace("<!-- ar: وقال", f"{mark}<!-- ar: وقال")
    parsed, diags = parse_gloss(text, REL)
    assert diags == ()
    assert parsed is not None
    gloss = align("s", [fingerprint(p) for p in NEWS], parsed, NEWS)
    assert [(p.block_id, p.state, p.text) for p in gloss.paragraphs] == [
        ("p1", "done", "UNICEF reopened five schools."),
        ("p2", "done", f"School{mark}."),
    ]
    assert parsed.blocks[1].opening.startswith("وقال مدير التربية")
    edited = [NEWS[0], NEWS[1].replace("الأحد", "السبت")]
    updated = update_text(parsed, [fingerprint(p) for p in edited], aids(edited))
    assert updated.count("<!-- gloss ") == 2  # no new block: p2 is still the paragraph's
