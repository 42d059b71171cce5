"""An article's corrections: the front-matter key 'corrections', a list of dated notes,
read and checked (pure).

A correction is published as a note beside the text, never as a paragraph of it: paragraph
anchors (#p3), which citations name, the excerpt and the entity quotes stay as they were.
The newest note's day is the article's last update (its pages, feeds and sitemap say so).
"""

from __future__ import annotations

import datetime

from ..core.diagnostics import Diagnostic
from ..core.model import Correction, PartialDate
from ..core.yamldoc import Node
from .dates import DayWords, event_day
from .frontmatter import text_field

CORRECTIONS = "corrections"
HOW = (
    f"'{CORRECTIONS}' is a list of dated notes, each written as two lines: "
    '"- date: YYYY-MM-DD" and under it "  note: what was corrected"'
)
# Keys an editor may reach for to say an article changed: the update comes from the notes.
HINTS = {
    "updated": f"its update is the day of its newest correction: add one to '{CORRECTIONS}'",
    "correction": f"write '{CORRECTIONS}', a list of dated notes",
    "corrected": f"write '{CORRECTIONS}', a list of dated notes",
}
_ITEM_KEYS = ("date", "note")
WHEN = DayWords(
    "the day it was corrected",
    "a correction's date is the day it was made (YYYY-MM-DD), not {date}",
    "correction date {date} is before the article's date {published}",
)


def parse_corrections(
    node: Node | None,
    published: PartialDate | None,
    path: str,
    diags: list[Diagnostic],
    today: datetime.date | None = None,
) -> tuple[Correction, ...]:
    """The corrections of an article published on `published` (None: its date is wrong, and
    said so), oldest first; each problem is a diagnostic at its line (`today`: the day a
    correction may not be later than tomorrow; None: not checked)."""
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list):
        diags.append(Diagnostic(path, node.line, HOW))
        return ()
    found = [_correction(item, published, path, diags, today) for item in node.value]
    return tuple(sorted((c for c in found if c is not None), key=lambda c: c.date.moment_key()))


def _correction(
    item: Node,
    published: PartialDate | None,
    path: str,
    diags: list[Diagnostic],
    today: datetime.date | None,
) -> Correction | None:
    if not isinstance(item.value, dict):
        diags.append(Diagnostic(path, item.line, f"this is no date and note: {HOW}"))
        return None
    fields = item.value
    for key, sub in fields.items():
        if key not in _ITEM_KEYS:
            message = f"unknown key '{key}' in a correction (it has a 'date' and a 'note')"
            diags.append(Diagnostic(path, sub.line, message))
    given = fields.get("date")
    date = None
    if given is None or given.value is None:
        diags.append(Diagnostic(path, item.line, "this correction needs a 'date' (YYYY-MM-DD)"))
    else:
        date = event_day(given, published, path, diags, today, WHEN, timed=True)
    count = len(diags)
    note = text_field(fields, "note", path, diags)
    if note is None and len(diags) == count:  # absent or empty, not already 'must be text'
        message = "this correction needs a 'note': what was corrected"
        diags.append(Diagnostic(path, item.line, message))
    if date is None or note is None:
        return None
    return Correction(date, note)
