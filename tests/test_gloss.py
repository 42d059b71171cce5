"""Gloss files: parsing with positioned errors, alignment by fingerprint, stubs and updates."""

from __future__ import annotations

import pytest

from newsarchive.content.gloss import earlier_fingerprint, fingerprint, parse_gloss
from newsarchive.content.glossalign import align
from newsarchive.content.glossedit import (
    ParagraphAid,
    accept_text,
    stub_text,
    unlike_stale,
    updated_gloss,
)

REL = "en/2020/11/story.md"
PARAS = ["الفقرة الأولى.", "الفقرة الثانية.", "الفقرة الثالثة."]


def aids(paras: list[str]) -> list[ParagraphAid]:
    return [ParagraphAid(p, ("Syria",)) for p in paras]


def stub(paras: list[str]) -> str:
    return stub_text([fingerprint(p) for p in paras], aids(paras))


def fill(text: str, block_id: str, english: str) -> str:
    """Write English under a block's notes, as a translator would."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"<!-- gloss {block_id} "))
    at += 1
    while lines[at].startswith("<!--"):
        at += 1
    lines.insert(at + 1, english)
    return "\n".join(lines)


def states(text: str, paras: list[str]) -> list[tuple[str | None, str]]:
    parsed, diags = parse_gloss(text, REL)
    assert parsed is not None, diags
    gloss = align("2020/11/story", [fingerprint(p) for p in paras], parsed, paras)
    return [(p.block_id, p.state) for p in gloss.paragraphs]


def test_fingerprint_ignores_whitespace_but_not_words() -> None:
    assert fingerprint("قال  التحالف\nالدولي") == fingerprint("قال التحالف الدولي")
    assert fingerprint("قال التحالف الدولي") != fingerprint("قال التحالف")
    assert len(fingerprint("x")) == 8


def test_cleaning_what_a_reader_does_not_see_keeps_a_translation_glossed() -> None:
    """Marks a word processor leaves (a right-to-left mark, a zero-width non-joiner) and
    tatweel change no paragraph's fingerprint; a block stamped by an earlier version, which
    counted them, still glosses the paragraph as it is, with them or without."""
    marked = "\u200fقال التحالف\u200c الدولي إن الـ 50 جندياً انتقلوا"
    clean = "قال التحالف الدولي إن ال 50 جندياً انتقلوا"
    assert fingerprint(marked) == fingerprint(clean)
    assert fingerprint(marked.replace("جندياً", "جندي")) != fingerprint(clean)
    text = fill(stub([marked, PARAS[1]]), "p1", "English 1.")
    for paragraph in (marked, clean):
        assert states(text, [paragraph, PARAS[1]]) == [("p1", "done"), ("p2", "pending")]
    earlier = text.replace(fingerprint(marked), earlier_fingerprint(marked))
    assert earlier != text  # the block carries the fingerprint an earlier version wrote
    assert states(earlier, [marked, PARAS[1]]) == [("p1", "done"), ("p2", "pending")]
    parsed, _ = parse_gloss(earlier, REL)
    assert parsed is not None
    prints = [fingerprint(marked), fingerprint(PARAS[1])]
    assert accept_text(parsed, prints, aids([marked, PARAS[1]]))[1] == ()
    # `gloss` writes the current fingerprint there: the marks may then be cleaned out.
    assert updated_gloss(parsed, prints, aids([marked, PARAS[1]])).text == text


def test_stub_has_one_pending_block_per_paragraph_with_names() -> None:
    text = stub(PARAS)
    assert text.count("<!-- gloss p") == 3
    assert "<!-- names: Syria -->" in text
    assert states(text, PARAS) == [("p1", "pending"), ("p2", "pending"), ("p3", "pending")]


def test_filled_block_is_done_and_keeps_markdown() -> None:
    text = fill(stub(PARAS), "p2", "The **second** paragraph.\n\n- a list item")
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    assert parsed.blocks[1].text == "The **second** paragraph.\n\n- a list item"
    gloss = align("s", [fingerprint(p) for p in PARAS], parsed)
    assert gloss.paragraphs[1].state == "done"
    assert "<strong>second</strong>" in gloss.paragraphs[1].html
    assert "names" not in gloss.paragraphs[1].html  # notes for translators are not text


def test_editing_an_arabic_paragraph_makes_its_gloss_stale() -> None:
    text = fill(stub(PARAS), "p2", "The second paragraph.")
    edited = [PARAS[0], "الفقرة الثانية بعد التعديل.", PARAS[2]]
    assert states(text, edited) == [("p1", "pending"), ("p2", "stale"), ("p3", "pending")]


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [
        # a new paragraph in front: nothing shifts, the new one is pending without a block
        (["جديدة.", *PARAS], [(None, "pending"), ("p1", "done"), ("p2", "done"), ("p3", "done")]),
        # a paragraph deleted: the others keep their glosses, its block becomes an orphan
        ([PARAS[0], PARAS[2]], [("p1", "done"), ("p3", "done")]),
        # paragraphs swapped: each gloss follows its paragraph
        ([PARAS[2], PARAS[0], PARAS[1]], [("p3", "done"), ("p1", "done"), ("p2", "done")]),
    ],
)
def test_alignment_is_by_fingerprint_not_position(
    arabic: list[str], expected: list[tuple[str | None, str]]
) -> None:
    text = stub(PARAS)
    for n in (1, 2, 3):
        text = fill(text, f"p{n}", f"English {n}.")
    assert states(text, arabic) == expected


NEWS = [
    "أعادت منظمة الأمم المتحدة للطفولة فتح خمس مدارس في الموصل هذا الأسبوع.",
    "وقال مدير التربية إن الدوام سيبدأ يوم الأحد المقبل في المدارس كلها.",
]


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [
        # A lead paragraph added and the old first one edited: the edited one keeps its
        # English (stale), the new one has none; by position the lead would take p1's.
        (
            [
                "فقرة تمهيدية جديدة تماماً عن التعليم في المدينة.",
                NEWS[0].replace("خمس", "ست"),
                NEWS[1],
            ],
            [(None, "pending"), ("p1", "stale"), ("p2", "done")],
        ),
        # Both paragraphs edited and swapped: each English follows its paragraph.
        (
            [NEWS[1].replace("الأحد", "السبت"), NEWS[0].replace("خمس", "ست")],
            [("p2", "stale"), ("p1", "stale")],
        ),
        # A paragraph rewritten whole (its opening words changed too) still takes the
        # leftover block, but its English, another paragraph's, is not shown: pending.
        (["تغير كل شيء في هذه الفقرة.", NEWS[1]], [("p1", "pending"), ("p2", "done")]),
    ],
)
def test_an_edited_paragraph_keeps_the_english_of_its_opening_words(
    arabic: list[str], expected: list[tuple[str | None, str]]
) -> None:
    text = fill(fill(stub(NEWS), "p1", "UNICEF reopened five schools."), "p2", "School begins.")
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    gloss = align("s", [fingerprint(p) for p in arabic], parsed, arabic)
    assert [(p.block_id, p.state) for p in gloss.paragraphs] == expected
    # The stub's update adds the new paragraph's block before p1, and never moves English.
    updated = updated_gloss(parsed, [fingerprint(p) for p in arabic], aids(arabic)).text
    if expected[0][0] is None:
        assert updated.index("gloss p3 ") < updated.index("gloss p1 ")
        assert "UNICEF reopened five schools." in updated


def test_a_stale_block_paired_by_position_alone_is_unlike_its_paragraph() -> None:
    """A stale block paired by position alone (its paragraph no longer opens with its note's
    words) is reported, not accepted, unless named; one it still resembles is accepted."""
    text = fill(fill(stub(NEWS), "p1", "UNICEF reopened five schools."), "p2", "School begins.")
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    rewritten = ["تغير كل شيء في هذه الفقرة.", NEWS[1].replace("الأحد", "السبت")]
    [(block, now)] = unlike_stale(parsed, [fingerprint(p) for p in rewritten], aids(rewritten))
    assert (block.id, now) == ("p1", "تغير كل شيء في هذه الفقرة.")
    assert block.opening == "أعادت منظمة الأمم المتحدة للطفولة فتح خمس مدارس"


def test_deleted_paragraph_leaves_an_orphan() -> None:
    text = fill(stub(PARAS), "p2", "English 2.")
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    gloss = align("s", [fingerprint(PARAS[0]), fingerprint(PARAS[2])], parsed)
    assert gloss.orphans == ("p2",)


def test_update_takes_out_an_empty_block_whose_paragraph_is_gone() -> None:
    """An orphan with nothing translated holds nothing to keep: `gloss` removes it (status
    listed it until someone did by hand); an orphan with English stays."""
    text = fill(stub(PARAS), "p3", "English 3.")
    left = [PARAS[0]]  # the second and third paragraphs deleted
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    updated = updated_gloss(parsed, [fingerprint(p) for p in left], aids(left)).text
    assert "gloss p2 " not in updated and "الفقرة الثانية" not in updated
    assert "gloss p1 " in updated and "gloss p3 " in updated and "English 3." in updated
    again, _ = parse_gloss(updated, REL)
    assert again is not None
    assert align("s", [fingerprint(p) for p in left], again, left).orphans == ("p3",)


def test_update_keeps_an_orphan_holding_a_translators_note() -> None:
    """An untranslated block whose paragraph is gone is kept if the translator wrote a note
    in it (a draft, a question): taking it out would lose their words without a word."""
    lines = stub(PARAS).split("\n")
    at = lines.index(f"<!-- gloss p2 {fingerprint(PARAS[1])} -->")
    lines.insert(at + 3, "<!-- draft: the second paragraph, numbers to check -->")
    parsed, _ = parse_gloss("\n".join(lines), REL)
    assert parsed is not None
    left = [PARAS[0], PARAS[2]]
    updated = updated_gloss(parsed, [fingerprint(p) for p in left], aids(left)).text
    assert "<!-- draft: the second paragraph, numbers to check -->" in updated
    assert "gloss p2 " in updated


def test_update_adds_a_pending_block_in_place_and_keeps_translations() -> None:
    text = fill(fill(stub(PARAS), "p1", "English 1."), "p2", "English 2.")
    arabic = [PARAS[0], "فقرة جديدة.", PARAS[1], PARAS[2]]
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    updated = updated_gloss(parsed, [fingerprint(p) for p in arabic], aids(arabic)).text
    assert updated.index("gloss p1 ") < updated.index("gloss p4 ") < updated.index("gloss p2 ")
    assert "English 1." in updated and "English 2." in updated
    assert states(updated, arabic) == [
        ("p1", "done"),
        ("p4", "pending"),
        ("p2", "done"),
        ("p3", "pending"),
    ]
    again, _ = parse_gloss(updated, REL)
    assert again is not None
    assert updated_gloss(again, [fingerprint(p) for p in arabic], aids(arabic)).text == updated


def test_update_never_touches_a_stale_translation() -> None:
    text = fill(stub(PARAS), "p2", "English 2.")
    edited = [PARAS[0], "تغيرت.", PARAS[2]]
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    assert updated_gloss(parsed, [fingerprint(p) for p in edited], aids(edited)).text == text


def _accept(
    text: str, arabic: list[str], ids: list[str] | None = None
) -> tuple[str, tuple[str, ...]]:
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    return accept_text(parsed, [fingerprint(p) for p in arabic], aids(arabic), ids)


def _end(block_id: str, paragraph: str) -> str:
    """A block's closing note, under its English, for this paragraph."""
    return f"<!-- end of {block_id} {fingerprint(paragraph)}: its English goes above this line -->"


def test_accepting_makes_stale_blocks_current_and_changes_only_their_markers() -> None:
    text = fill(fill(stub(PARAS), "p1", "English 1."), "p2", "English 2.")
    edited = ["الفقرة الأولى بعد التعديل.", "الفقرة الثانية المعدلة.", PARAS[2]]
    assert states(text, edited) == [("p1", "stale"), ("p2", "stale"), ("p3", "pending")]
    accepted, ids = _accept(text, edited)
    assert ids == ("p1", "p2")
    assert states(accepted, edited) == [("p1", "done"), ("p2", "done"), ("p3", "pending")]
    changed = [
        (a, b) for a, b in zip(text.split("\n"), accepted.split("\n"), strict=True) if a != b
    ]
    assert changed == [
        (
            f"<!-- gloss p1 {fingerprint(PARAS[0])} -->",
            f"<!-- gloss p1 {fingerprint(edited[0])} -->",
        ),
        ("<!-- ar: الفقرة الأولى. -->", "<!-- ar: الفقرة الأولى بعد التعديل. -->"),
        (_end("p1", PARAS[0]), _end("p1", edited[0])),
        (
            f"<!-- gloss p2 {fingerprint(PARAS[1])} -->",
            f"<!-- gloss p2 {fingerprint(edited[1])} -->",
        ),
        ("<!-- ar: الفقرة الثانية. -->", "<!-- ar: الفقرة الثانية المعدلة. -->"),
        (_end("p2", PARAS[1]), _end("p2", edited[1])),
    ]
    assert _accept(accepted, edited) == (accepted, ())  # nothing left to accept


def test_accepting_only_named_blocks() -> None:
    text = fill(fill(stub(PARAS), "p1", "English 1."), "p2", "English 2.")
    edited = ["تغيرت الأولى.", "تغيرت الثانية.", PARAS[2]]
    accepted, ids = _accept(text, edited, ["p2", "p3"])
    assert ids == ("p2",)  # p3 is pending, not stale
    assert states(accepted, edited) == [("p1", "stale"), ("p2", "done"), ("p3", "pending")]


def test_update_refreshes_the_fingerprint_of_an_empty_block() -> None:
    text = stub(PARAS)
    edited = [PARAS[0], "تغيرت.", PARAS[2]]
    parsed, _ = parse_gloss(text, REL)
    assert parsed is not None
    updated = updated_gloss(parsed, [fingerprint(p) for p in edited], aids(edited)).text
    assert f"<!-- gloss p2 {fingerprint('تغيرت.')} -->" in updated


def test_update_gives_a_pending_block_the_english_name_registered_since() -> None:
    """The registry gets the English of سوريا after the stub was made: the next `gloss`
    names it in the notes of the blocks still to translate (they kept saying '(no English
    name yet)'); a translated block's notes, and a note of the translator's own, stay."""
    unnamed = [ParagraphAid(p, ("سوريا (no English name yet)",)) for p in PARAS]
    prints = [fingerprint(p) for p in PARAS]
    text = fill(stub_text(prints, unnamed), "p1", "The first paragraph.")
    mine = "<!-- Sham in the quote -->"  # a translator's own, on p3
    before, after = text.rsplit("<!-- names: سوريا (no English name yet) -->", 1)
    parsed, _ = parse_gloss(
        before + "<!-- names: سوريا (no English name yet) -->\n" + mine + after, REL
    )
    assert parsed is not None
    updated = updated_gloss(parsed, prints, aids(PARAS)).text
    assert updated.count("<!-- names: Syria -->") == 2  # p2's and p3's
    assert updated.count(mine) == 1
    assert updated.count("<!-- names: سوريا (no English name yet) -->") == 1  # p1's
    assert updated.index("The first paragraph.") > updated.index("(no English name yet)")


HEAD = '---\ntitle: "T"\n---\n'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            HEAD + "<!-- gloss p1 0123abcd -->\n\n<!-- gloss p1 0123abce -->\n",
            6,
            "duplicate paragraph id 'p1' (first on line 4)",
        ),
        (
            HEAD + "<!-- gloss p1 xyz -->\n",
            4,
            "bad fingerprint 'xyz' (8 hex digits: `gloss` writes it)",
        ),
        (
            HEAD + "<!-- gloss p1 FFA4729C -->\n",
            4,
            "bad fingerprint 'FFA4729C' (8 hex digits, in small letters: `gloss` writes it)",
        ),
        (HEAD + "<!-- gloss 7 0123abcd -->\n", 4, "bad paragraph id '7' (p1, p2, …)"),
        (HEAD + "<!-- gloss p1 -->\n", 4, "a gloss marker is '<!-- gloss pN xxxxxxxx -->'"),
        (
            HEAD + "stray text\n<!-- gloss p1 0123abcd -->\n",
            4,
            "text before the first '<!-- gloss pN xxxxxxxx -->'",
        ),
        (
            '---\ntitle: "T"\nby: me\n---\n',
            3,
            "unknown front-matter key 'by' (title, title_of, author, translator, status, "
            "translated)",
        ),
        ("---\nstatus: done\n---\n", 2, "'status' must be one of pending, draft, reviewed"),
        (
            HEAD + "<!-- gloss p1 0123abcd -->\nOne.\n<!-- glos p2 0123abce -->\nTwo.\n",
            6,
            "this looks like a gloss marker but says 'glos' where 'gloss' belongs: "
            "write '<!-- gloss pN xxxxxxxx -->'",
        ),
        (
            HEAD + "<!-- gloss p1 0123abcd -->\n<!-- Gloss p2 0123abce -->\n",
            5,
            "this looks like a gloss marker but says 'Gloss' where 'gloss' belongs: "
            "write '<!-- gloss pN xxxxxxxx -->'",
        ),
        (
            HEAD + "<!-- gloss p1 0123abcd -->\nOne.\n<!-- gloss p2 0123abce ->\n",
            6,
            "a note must open and close on the same line ('<!-- … -->'); "
            "otherwise readers see it as text",
        ),
        (
            HEAD + "<!-- gloss p1 0123abcd -->\nOne. <!-- TODO check the name\n",
            5,
            "a note must be a line of its own ('<!-- … -->'); inside a sentence readers "
            "see it as text",
        ),
        (
            HEAD + "<!-- gloss p1 0123abcd -->\nOne <!-- TODO --> done.\n",
            5,
            "a note must be a line of its own ('<!-- … -->'); inside a sentence readers "
            "see it as text",
        ),
        (  # p2's marker deleted: its opening words' note is left inside p1
            HEAD
            + "<!-- gloss p1 0123abcd -->\n<!-- ar: قال … -->\n\nOne.\n\n"
            + "<!-- ar: وذكرت … -->\n\nTwo.\n",
            9,
            "a second paragraph's opening words in block p1: the '<!-- gloss pN xxxxxxxx -->' "
            "line above them seems deleted (without it, their English joins p1's)",
        ),
    ],
)
def test_malformed_gloss_files_name_path_and_line(text: str, line: int, message: str) -> None:
    parsed, diags = parse_gloss(text, REL)
    assert parsed is None
    assert [str(d) for d in diags] == [f"content/{REL}:{line}: error: {message}"]


def test_notes_for_translators_stay_notes() -> None:
    text = (
        HEAD
        + "<!-- gloss p1 0123abcd -->\n<!-- ar: قال … -->\n<!-- names: Iraq; Syria -->\n"
        + "<!-- ask the desk about p2 0123abce -->\nOne.\n"
    )
    parsed, diags = parse_gloss(text, REL)
    assert diags == ()
    assert parsed is not None
    assert [(b.id, b.text) for b in parsed.blocks] == [("p1", "One.")]
