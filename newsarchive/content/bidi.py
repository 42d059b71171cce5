"""Arabic inside English text, set apart for the bidirectional algorithm (pure).

In a left-to-right paragraph a run of Arabic pulls the neutral characters and digits after it
into its own right-to-left order: "the party حزب الدعوة 2 seats" showed the 2 before the name.
Each run in a <bdi lang="ar"> is isolated (the 2 stays after it) and set in the Naskh face."""

from __future__ import annotations

import re

# A run begins and ends with an Arabic letter or mark (not a digit: digits around a name
# belong to the English sentence); spaces, digits and Arabic punctuation may stand between.
_LETTER = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
_INSIDE = _LETTER + " \u00a0\u200c0-9\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u061f\u066b\u066c\u06d4"
_ARABIC_RUN = re.compile(f"[{_LETTER}](?:[{_INSIDE}]*[{_LETTER}])?")
_TAG = re.compile(r"(<[^>]*>)")


def isolate_arabic(html: str) -> str:
    """The HTML with each run of Arabic in its text (never in a tag) wrapped in <bdi lang="ar">."""
    if _ARABIC_RUN.search(html) is None:
        return html
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):  # the text between tags: even places of the split
        parts[i] = _ARABIC_RUN.sub(lambda run: f'<bdi lang="ar">{run.group(0)}</bdi>', parts[i])
    return "".join(parts)
