"""Git's merge conflict markers left in a text file (pure).

When two branches change the same lines, `git merge` writes both versions into the file
between marker lines and leaves the choice to whoever merges. Committed as they are, the
markers would break a YAML or TOML file with a message about a missing ':' and, worse, be
published as text in an article or a gloss. Every content file is read through
frontmatter.decode_text, which asks this first.
"""

from __future__ import annotations

import re

from ..core.diagnostics import Diagnostic, noun_for

# A marker is seven signs at the start of a line, then a space and a label (a branch or a
# commit) or nothing. `=======` alone is also a Markdown heading's underline, so it counts
# only between the opening and the closing marker; `|||||||` opens the common ancestor's
# version (git's diff3 and zdiff3 styles).
_OPENING = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
_MARKER = re.compile(r"^(?:<{7}|\|{7}|>{7})(?: .*)?$|^={7}$")


def conflict_markers(text: str, path: str) -> Diagnostic | None:
    """The error for the first merge conflict left in text, at its opening line and naming
    the lines of its markers; None when there is none (most files: one substring search)."""
    if "<<<<<<<" not in text:
        return None
    opening = _OPENING.search(text)
    if opening is None:
        return None
    first = text.count("\n", 0, opening.start()) + 1
    lines = text.split("\n")
    marked = [first]
    for number in range(first + 1, len(lines) + 1):
        if _MARKER.match(lines[number - 1]):
            marked.append(number)
            if lines[number - 1].startswith(">>>>>>>"):
                break
    where = ", ".join(str(number) for number in marked)
    others = len(_OPENING.findall(text)) - 1
    more = ""
    if others:
        more = f" ({others} more {noun_for(others, 'conflict')} below in this file)"
    message = (
        "a git merge conflict is left here (the marker lines <<<<<<<, ======= and >>>>>>> "
        f"at lines {where}): between them are two versions of the same lines, one from each "
        f"branch. Keep the text that is right, or both, and delete the marker lines{more}"
    )
    return Diagnostic(path, first, message)
