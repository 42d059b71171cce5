"""Footnotes as the analysis desk writes them (`…بحسب المفوضية[^1].` and `[^1]: …`),
rendered by mdit-py-plugins' footnote rule (content/notes.py, content/markdown.py): a
superscript link in the site's digits, the note kept out of the paragraphs (no #pN of its
own, nothing of it in their text), ids of their own per language, and the mistakes an
editor makes named at their lines."""

from __future__ import annotations

from newsarchive.content.markdown import render_body, render_document
from newsarchive.content.notes import note_problems

BODY = (
    "وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية[^src].\n"
    "\n"
    "وقدّرت وزارة المالية[^2] الإيرادات، كما قالت المفوضية[^src].\n"
    "\n"
    "[^src]: المفوضية العليا المستقلة للانتخابات، بيان **النتائج** الأولية.\n"
    "\n"
    "[^2]: وزارة المالية، الموازنة.\n"
)


def test_notes_are_numbered_by_first_reference_and_are_no_paragraphs() -> None:
    blocks, notes = render_document(BODY)
    assert [b.index for b in blocks] == [0, 1]  # the notes are not paragraphs p3 and p4
    assert blocks[0].html == (
        "<p>وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية"
        '<sup><a href="#ar-n1" id="ar-r1">1</a></sup>.</p>\n'
    )
    # the second reference to a note links to it, but only the first is its back link's target
    assert '<sup><a href="#ar-n2" id="ar-r2">2</a></sup>' in blocks[1].html
    assert '<sup><a href="#ar-n1">1</a></sup>' in blocks[1].html
    # what descriptions, feeds and search read of a paragraph holds no reference mark
    assert blocks[0].text == "وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية."
    assert [(n.label, n.number, n.line) for n in notes] == [("src", 1, 4), ("2", 2, 6)]
    assert notes[0].text == "المفوضية العليا المستقلة للانتخابات، بيان النتائج الأولية."
    assert notes[0].html == (
        "<p>المفوضية العليا المستقلة للانتخابات، بيان <strong>النتائج</strong> الأولية.</p>\n"
    )
    assert render_body(BODY) == blocks


def test_an_english_text_numbers_its_references_as_the_arabic_with_its_own_ids() -> None:
    """A gloss block is rendered alone, its notes in other blocks: its references are
    numbered as the Arabic numbers them, and its ids cannot clash with the Arabic column's
    in the side-by-side view."""
    (block,), notes = render_document(
        "Turnout was 41%, the commission said[^src].",
        bare_domains=False,
        numbers={"src": 1, "2": 2},
        ids="en",
    )
    assert notes == ()
    assert '<sup><a href="#en-n1" id="en-r1">1</a></sup>' in block.html


def test_a_footnote_in_code_is_shown_as_written() -> None:
    (block,), notes = render_document("يُكتب المرجع هكذا: `[^1]`.\n")
    assert "<code>[^1]</code>" in block.html and notes == ()


def test_a_reference_without_a_note_and_a_note_never_cited_are_named_at_their_lines() -> None:
    body = "نص[^1] ونص[^2].\n\n[^1]: المصدر الأول.\n\n[^3]: لا يشير إليه أحد.\n\n[^1]: مكرر.\n"
    found = note_problems(enumerate(body.split("\n"), 6), "content/ar/x.md")
    assert [(d.line, d.message.split(":")[0]) for d in found] == [
        (12, "a second note '[^1]"),
        (6, "'[^2]' cites a note that is not written"),
        (10, "'[^3]"),
    ]
