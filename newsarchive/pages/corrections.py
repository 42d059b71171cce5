"""An article's corrections as its pages and feed entries show them: under the text, each
note labelled and dated (pure).

Under the text, as news sites print a correction, and announced at the top by the meta
line's "Updated" day, which links here: the text itself is the corrected one, and a reader
who cited a paragraph (#p3) still finds it where it was. One writer for pages and feeds, so
that a subscriber reads the note the page shows."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import escape

from ..content.bidi import latin_isolated
from ..core.model import Article, Correction

ANCHOR = "corrections"  # the block's id, which the meta line's "Updated" day links


def corrections_html(article: Article, lang: str, t: Mapping[str, str]) -> str:
    """The article's correction notes as HTML for its page or feed entry in `lang` (`t`:
    that language's UI strings); "" when it has none, so that such a page gains no byte. On
    an English page the note, written in Arabic, is shown as written, marked so."""
    if not article.corrections:
        return ""
    notes = "".join(_note(correction, lang, t) for correction in article.corrections)
    # A note beside the text (role="note"), not a section of it: it has no heading of its own.
    return f'<div class="corrections" id="{ANCHOR}" role="note">\n{notes}</div>\n'


def _note(correction: Correction, lang: str, t: Mapping[str, str]) -> str:
    date = correction.date
    day = f'<time datetime="{date.local_iso()}">{date.display(lang)}</time>'
    label = str(escape(t["correction"])).replace("{date}", day)
    note = latin_isolated(correction.note)  # Latin in the Arabic set apart, as in the text
    if lang != "ar":
        note = f'<bdi lang="ar">{note}</bdi>'
    return f"<p><strong>{label}</strong> {note}</p>\n"
