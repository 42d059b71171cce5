"""Which block translates which paragraph when editors move and edit paragraphs at once."""

from __future__ import annotations

from newsarchive.content.gloss import fingerprint, parse_gloss
from newsarchive.content.glossalign import align
from newsarchive.content.glossedit import accept_text, unlike_stale, updated_gloss

from .test_gloss import REL, aids, fill, stub

STORY = [
    "أعادت منظمة الأمم المتحدة للطفولة فتح خمس مدارس في الموصل هذا الأسبوع.",
    "وقال مدير التربية إن الدوام سيبدأ يوم الأحد المقبل في المدارس كلها.",
    "وأشار الأهالي إلى أن الطرق المؤدية إلى المدارس ما زالت مدمرة.",
    "وتعهدت المنظمة بترميم عشر مدارس أخرى قبل نهاية العام الدراسي.",
]
ENGLISH = ["UNICEF reopened five schools.", "School begins.", "Roads are ruined.", "Ten more."]


def translated() -> str:
    text = stub(STORY)
    for number, english in enumerate(ENGLISH, start=1):
        text = fill(text, f"p{number}", english)
    return text


def test_a_paragraph_moved_and_edited_at_once_keeps_its_english_as_stale() -> None:
    """The second paragraph moved to the end and edited in the same save: its English follows
    it as outdated (not an orphan with a new pending block for the paragraph), `gloss` adds
    no block, and `gloss --accept` takes it, as it still opens with its note's words."""
    moved = STORY[1].replace("الأحد", "السبت")
    arabic = [STORY[0], STORY[2], STORY[3], moved]
    prints = [fingerprint(p) for p in arabic]
    parsed, _ = parse_gloss(translated(), REL)
    assert parsed is not None
    gloss = align("s", prints, parsed, arabic)
    assert [(p.block_id, p.state) for p in gloss.paragraphs] == [
        ("p1", "done"),
        ("p3", "done"),
        ("p4", "done"),
        ("p2", "stale"),
    ]
    assert gloss.orphans == ()
    assert gloss.paragraphs[3].text == "School begins."
    updated = updated_gloss(parsed, prints, aids(arabic)).text
    assert updated.count("<!-- gloss ") == 4 and "School begins." in updated
    assert unlike_stale(parsed, prints, aids(arabic)) == ()
    assert accept_text(parsed, prints, aids(arabic))[1] == ("p2",)


def test_a_moved_and_edited_paragraph_does_not_lose_its_block_to_a_rewritten_one() -> None:
    """The first paragraph moved to the end and edited while the second was rewritten from
    its first word: the moved one takes its own block by its opening words, the rewritten
    one the block left in its place (by position, as before)."""
    rewritten = "تغير كل شيء في هذه الفقرة."
    arabic = [rewritten, STORY[2], STORY[3], STORY[0].replace("خمس", "ست")]
    parsed, _ = parse_gloss(translated(), REL)
    assert parsed is not None
    gloss = align("s", [fingerprint(p) for p in arabic], parsed, arabic)
    assert [(p.block_id, p.state) for p in gloss.paragraphs] == [
        ("p2", "pending"),  # its English, another paragraph's, is not shown
        ("p3", "done"),
        ("p4", "done"),
        ("p1", "stale"),
    ]
