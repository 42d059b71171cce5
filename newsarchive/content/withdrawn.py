"""A withdrawn article: the front-matter key 'withdrawn', read and checked (pure).

A retracted report keeps its address, so that citations and links to it do not break, but
readers get its headline, its date and the editors' notice in place of its text: its pages
say when it was withdrawn and why, and nothing lists it, counts it, indexes it or offers it
in a feed (docs/editors-guide.md, "Withdrawing an article").

    withdrawn:
      date: 2026-12-07
      note: "سُحب هذا التقرير لعدم دقة مصادره."
"""

from __future__ import annotations

import datetime

from ..core.diagnostics import Diagnostic
from ..core.model import PartialDate, Withdrawal
from ..core.yamldoc import Node
from .dates import DayWords, event_day
from .frontmatter import text_field

WITHDRAWN = "withdrawn"
HOW = (
    f"'{WITHDRAWN}' takes the day it was withdrawn and the editors' note to readers, each on "
    'its own line below it: "  date: 2026-12-07" and "  note: \\"…\\""'
)
WHEN = DayWords(
    "the day it was withdrawn",
    "give the day it was withdrawn, YYYY-MM-DD, not '{date}'",
    "withdrawn on {date}, before the article's date {published}",
)


def parse_withdrawn(
    node: Node | None,
    published: PartialDate | None,
    path: str,
    diags: list[Diagnostic],
    today: datetime.date | None = None,
) -> Withdrawal | None:
    """The withdrawal of an article published on `published` (None: its date is wrong, and
    said so), each problem a diagnostic at its line (`today`: the day its date may not be
    later than tomorrow; None: not checked)."""
    if node is None:
        return None
    if not isinstance(node.value, dict):
        diags.append(Diagnostic(path, node.line, HOW))
        return None
    for key, sub in node.value.items():
        if key not in ("date", "note"):
            diags.append(Diagnostic(path, sub.line, f"unknown key '{key}' in '{WITHDRAWN}': {HOW}"))
    given = node.value.get("date")
    date = None if given is None else event_day(given, published, path, diags, today, WHEN)
    note = text_field(node.value, "note", path, diags)
    given = node.value.get("note")
    if note is None and (given is None or not isinstance(given.value, list | dict)):
        where = node.line if given is None else given.line  # none, or an empty one
        message = f"'{WITHDRAWN}' needs a 'note' saying readers why: {HOW}"
        diags.append(Diagnostic(path, where, message))
    if "date" not in node.value:
        diags.append(Diagnostic(path, node.line, f"'{WITHDRAWN}' needs a 'date': {HOW}"))
    return None if date is None or note is None else Withdrawal(date, note)
