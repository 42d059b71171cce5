"""Gloss files as a translator's editor leaves them: invisible characters, how they end."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.gloss import fingerprint, parse_gloss
from newsarchive.content.glossalign import align
from newsarchive.content.glossedit import updated_gloss

from .test_gloss import NEWS, REL, aids, fill, stub
from .test_gloss_accept import _stale


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
    updated = updated_gloss(parsed, [fingerprint(p) for p in edited], aids(edited)).text
    assert updated.count("<!-- gloss ") == 2  # no new block: p2 is still the paragraph's


@pytest.mark.parametrize("ending", ["", "\n\n\n"])
def test_gloss_leaves_a_file_ending_as_the_translator_saved_it(
    project: Path, ending: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gloss saved without a final newline, or with blank lines after the last block, has
    nothing for `gloss` to do: it stays byte for byte (it was rewritten, and said updated);
    accepting a stale block keeps its ending too."""
    gloss = next((project / "content/en").rglob("*.md"))
    gloss.write_bytes(gloss.read_bytes().rstrip(b"\n") + ending.encode())
    before = gloss.read_bytes()
    assert main(["gloss", "--root", str(project)]) == 0
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert gloss.read_bytes() == before
    arabic = Path(str(gloss).replace("/content/en/", "/content/ar/"))
    text = arabic.read_text(encoding="utf-8")
    arabic.write_text(text.replace("يوم الثلاثاء", "يوم الأربعاء", 1), encoding="utf-8")
    assert main(["gloss", "--root", str(project), "--accept", str(gloss)]) == 0
    assert "accepted p1" in capsys.readouterr().out
    assert gloss.read_bytes().endswith(b"Turkey; Syria -->" + ending.encode())


def test_gloss_keeps_the_characters_of_lines_it_does_not_edit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gloss saved with decomposed characters (an accent typed as a combining mark, a hamza
    as أ written ا + ٔ) keeps them on every line `gloss` does not edit when it adds a block
    for a new paragraph: it used to write the whole file back in NFC, so git showed lines the
    translator never touched as changed."""
    gloss = next((project / "content/en").rglob("*.md"))
    english = "The international coalition said on Tuesday"
    decomposed = "The international coalition (cafe\u0301) said on Tuesday"
    own_note = "<!-- a translator's note: الأمريكية -->".replace("أ", "ا\u0654")
    text = gloss.read_text(encoding="utf-8").replace(english, decomposed)
    [note] = [line for line in text.split("\n") if line.startswith("<!-- ar: قال التحالف")]
    text = text.replace(note, f"{note}\n{own_note}")
    gloss.write_text(text, encoding="utf-8")
    arabic = Path(str(gloss).replace("/content/en/", "/content/ar/"))
    arabic.write_text(arabic.read_text(encoding="utf-8") + "\nفقرة جديدة أضيفت.\n", "utf-8")
    assert main(["gloss", "--root", str(project)]) == 0
    assert "0 created, 1 updated" in capsys.readouterr().out
    after = gloss.read_text(encoding="utf-8")
    assert decomposed in after and own_note in after
    assert "<!-- ar: فقرة جديدة أضيفت. -->" in after


def test_an_id_given_again_after_its_empty_block_was_deleted_moves_no_english(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translator deletes the demo's last block, p13, empty; an editor then adds a lead
    paragraph. `gloss` numbers new blocks after the highest id left in the file, so the lead
    gets p13 and the last paragraph p14: the id now names another paragraph. Nothing reads
    ids to pair: a block goes with the paragraph of its fingerprint (and opening words), so
    English written under either shows at its own paragraph, an edit makes stale the block
    of the paragraph edited, `status` names it by its id as the file has it, and accepting
    p13 accepts the lead's block only."""
    gloss = project / "content/en/2020/11/coalition-us-forces-syria-iraq.md"
    arabic = project / "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    text = gloss.read_text(encoding="utf-8")
    gloss.write_text(text[: text.index("<!-- gloss p13 ")].rstrip("\n") + "\n", "utf-8")
    lead = "أعلن مسؤولون في بغداد تفاصيل جديدة عن حركة القوات بين البلدين اليوم."
    body = arabic.read_text(encoding="utf-8")
    arabic.write_text(body.replace("---\nقال التحالف", f"---\n{lead}\n\nقال التحالف", 1), "utf-8")
    assert main(["gloss", "--root", str(project)]) == 0
    lines = gloss.read_text(encoding="utf-8").split("\n")
    opening = {  # each block's Arabic note: under its names note, when it has one
        ln.split()[2]: next(a for a in lines[n + 1 :] if a.startswith("<!-- ar: "))
        for n, ln in enumerate(lines)
        if "<!-- gloss " in ln
    }
    assert list(opening)[:2] == ["p13", "p1"] and list(opening)[-1] == "p14"
    assert opening["p13"].startswith("<!-- ar: أعلن مسؤولون في بغداد")
    assert opening["p14"].startswith("<!-- ar: وأشار إلى أنه يجب")
    for block_id, english in [("p13", "Officials in Baghdad."), ("p14", "He urged Turkey.")]:
        at = lines.index(opening[block_id]) + 1  # under the notes, its Arabic last
        lines[at:at] = ["", english]
    gloss.write_text("\n".join(lines), encoding="utf-8")
    build(project, project / "site", None, search=False)
    page = (project / "site/en/2020/11/coalition-us-forces-syria-iraq/index.html").read_text()
    first, last = page.split('id="p1"', 1)[1].split('id="p2"')[0], page.split('id="p14"')[1]
    assert "Officials in Baghdad." in first and "He urged Turkey." not in first
    assert "He urged Turkey." in last and "Officials in Baghdad." not in last
    assert _stale(project, capsys) == []
    body = arabic.read_text(encoding="utf-8")
    arabic.write_text(body.replace("الدولة التركية", "الحكومة التركية"), "utf-8")
    assert _stale(project, capsys) == ["p14"]  # the last paragraph's, never p13
    arabic.write_text(arabic.read_text("utf-8").replace("في بغداد", "في العاصمة"), "utf-8")
    assert _stale(project, capsys) == ["p13", "p14"]
    assert main(["gloss", "--root", str(project), "--accept", str(gloss), "--block", "p13"]) == 0
    assert _stale(project, capsys) == ["p14"]
