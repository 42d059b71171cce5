"""A suggestion as a registry entry to paste into content/entities.yaml (pure).

The id is a rough ASCII transliteration of the Arabic name, unique in the registry: a
placeholder that validates, for the editor to replace with the English name's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.arabic import to_key
from .registry import PLACEHOLDER_NOTE
from .suggest import Suggestion

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ئ": "", "ؤ": "", " ": "-",
}  # fmt: skip
# Letters the key folds to Arabic ones (پ to ب), written as their own sounds before it does.
_OWN_SOUNDS = str.maketrans({"پ": "p", "چ": "ch", "گ": "g", "ڤ": "v"})
_NEEDS_QUOTES = re.compile(r"""[,\[\]{}:#"'&*!|>%@`]|^[\s-]|\s$""")


def draft_id(name: str, taken: Iterable[str]) -> str:
    """An id for ``name`` in the registry's form (lowercase ASCII words joined by '-')."""
    key = to_key(name.translate(_OWN_SOUNDS))
    letters = "".join(_LETTERS.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in key)
    base = re.sub(r"-+", "-", letters.lower()).strip("-") or "entity"
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _flow(name: str) -> str:
    return (
        '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if _NEEDS_QUOTES.search(name)
        else name
    )


def registry_entry(suggestion: Suggestion, entity_id: str) -> str:
    """The YAML entry, with comments saying where the name was found and in which sentence."""
    place = ", ".join(f"{path}:{line}" for path, line in suggestion.places[:3])
    names = ", ".join(_flow(name) for name in (suggestion.name, *suggestion.variants))
    kind = suggestion.kind
    return "\n".join(
        [
            f"# {suggestion.name}: {suggestion.reason} ({place})",
            f"#   {suggestion.sentence}",
            f"- id: {entity_id}  {PLACEHOLDER_NOTE}",
            f"  type: {kind}"
            + ("  # person | organization | place | group | event" if kind == "other" else ""),
            f"  ar: [{names}]",
            "  # en: the English name, once known",
        ]
    )
