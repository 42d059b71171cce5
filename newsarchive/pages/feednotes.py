"""An article's footnotes -> the numbered list under its feed entry's text (pure).

A feed reader shows an entry's HTML and nothing of the page: without the notes, a reference
(a small 1) was all a subscriber read of a cited source, and it led out of the app to the
page. The list is the page's, without its heading's ids and back links (an entry has no
anchors to lead to); the references still lead to the notes on the page (notes.py,
references_to). An English entry shows each note as the English page does: translated,
marked outdated, or pending with a link to the Arabic note. Only the language feeds carry
them: their entries have the text the notes belong to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import escape

from ..content.alignedgloss import Gloss
from ..content.bidi import isolate_latin
from ..content.markdown import as_block
from ..content.notes import Note


def original_link(href: str, label: str) -> str:
    """A link to the Arabic original (a page, a paragraph or a note of it)."""
    return f'<a href="{escape(href)}" hreflang="ar">{escape(label)}</a>'


def _listed(heading: str, items: Sequence[str]) -> str:
    if not items:
        return ""
    listed = "".join(f"<li>{item.rstrip()}</li>" for item in items)
    return f"<h2>{escape(heading)}</h2>\n<ol>{listed}</ol>\n"


def arabic_notes_html(notes: Sequence[Note], heading: str) -> str:
    """The Arabic's notes, in their numbers' order, Latin set apart as on the page."""
    ordered = sorted(notes, key=lambda note: note.number)
    return _listed(heading, [isolate_latin(as_block(note)) for note in ordered])


def english_notes_html(gloss: Gloss, t: Mapping[str, str], original: str) -> str:
    """The notes as the English page shows them, numbered as the Arabic's (`original`: the
    Arabic page's address, for a pending or outdated note's link to its Arabic)."""
    items = []
    for number, note in enumerate(gloss.notes, start=1):
        link = original_link(f"{original}#ar-n{number}", t["see_original_note"].format(n=number))
        if note.state == "pending":
            items.append(f"<p><em>{escape(t['note_pending'])}</em> {link}</p>")
        elif note.state == "stale":
            items.append(f"<p><em>{escape(t['feed_stale'])}</em> {link}</p>{note.html}")
        else:
            items.append(note.html)
    return _listed(t["notes"], items)
