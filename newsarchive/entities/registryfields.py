"""One entry's fields of content/entities.yaml: YAML nodes -> values with their lines, and
a Diagnostic for each field that is missing or malformed (pure).

registry.py puts the fields together into entities and checks what spans entries (ids used
twice, earlier ids); registrynames.py, the names two entities share.
"""

from __future__ import annotations

import difflib
import re

from ..core.arabic import has_arabic_letter, to_display, tokenize
from ..core.diagnostics import Diagnostic
from ..core.yamldoc import Node

ENTITY_TYPES = ("person", "organization", "place", "group", "event", "other")
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")


_YES_NO = frozenset({"true", "false", "yes", "no", "on", "off"})


def removed_field(fields: dict[str, Node], label: str, path: str, diags: list[Diagnostic]) -> bool:
    """Whether the entry is marked `removed:` (a name removed for a legal reason). Its value
    says why, for the editors who come after: the order's reference and date; it is never
    published, and `removed: true` or an empty value is an error asking for it."""
    node = fields.get("removed")
    if node is None:
        return False
    value = node.value if isinstance(node.value, str) else ""
    if any(c.isalpha() for c in value) and value.strip().lower() not in _YES_NO:
        return True
    message = (
        f"'removed' of {label} must say why the name was removed, for the editors who come "
        "after (never published): the order's reference and date, like removed: \"court "
        'order 45/2026, 2026-12-07" (to publish the name again, delete the line)'
    )
    diags.append(Diagnostic(path, node.line, message))
    return True


def id_field(fields: dict[str, Node], line: int, path: str, diags: list[Diagnostic]) -> str | None:
    """The entity's id (`kevin-copsey`: part of its pages' addresses), or None."""
    node = fields.get("id")
    if node is None or node.value is None:
        diags.append(Diagnostic(path, line, "entity has no 'id'"))
        return None
    if not isinstance(node.value, str) or not ID_RE.fullmatch(node.value):
        shown = node.value if isinstance(node.value, str) else "(not text)"
        clean = "-".join(re.findall("[a-z0-9]+", shown.lower()))  # `Baghdad`, `al_hasakah`
        example = f"try '{clean}'" if clean else "like kevin-copsey"
        message = f"id '{shown}' must be lowercase ASCII words joined by '-' ({example})"
        diags.append(Diagnostic(path, node.line, message))
        return None
    return node.value


def moved_from_field(
    fields: dict[str, Node], path: str, diags: list[Diagnostic]
) -> list[tuple[str, int]]:
    """The entity's earlier ids, with their lines: `moved_from: [old-id]`."""
    node = fields.get("moved_from")
    if node is None or node.value is None:
        return []
    items = node.value if isinstance(node.value, list) else [node]
    found = []
    for item in items:
        if isinstance(item.value, str) and ID_RE.fullmatch(item.value):
            found.append((item.value, item.line))
            continue
        shown = item.value if isinstance(item.value, str) else "(not text)"
        message = f"'moved_from' holds the entity's earlier ids: '{shown}' is no id"
        diags.append(Diagnostic(path, item.line, message))
    return found


def type_field(
    fields: dict[str, Node], line: int, label: str, path: str, diags: list[Diagnostic]
) -> str | None:
    """The entity's type, one of ENTITY_TYPES, or None (naming the one likely meant)."""
    node = fields.get("type")
    if node is None or node.value is None:
        diags.append(Diagnostic(path, line, f"{label} has no 'type'"))
        return None
    if not isinstance(node.value, str) or node.value not in ENTITY_TYPES:
        shown = node.value if isinstance(node.value, str) else "(not text)"
        expected = ", ".join(ENTITY_TYPES)
        meant = _type_meant(shown)
        hint = f": did you mean '{meant}'?" if meant else ""
        message = f"unknown type '{shown}' (expected {expected}){hint}"
        diags.append(Diagnostic(path, node.line, message))
        return None
    return node.value


# Words editors write for a type, in the guide's British spelling or the kind of body it is.
_TYPE_WORDS = {
    "organisation": "organization",
    "org": "organization",
    "ministry": "organization",
    "company": "organization",
    "agency": "organization",
    "party": "organization",
    "city": "place",
    "country": "place",
    "location": "place",
    "people": "person",
}


def _type_meant(written: str) -> str | None:
    """The type an unknown one was most likely meant to be (`Person`, `persn`,
    `organisation`, `city`), or None."""
    word = written.strip().lower()
    if word in ENTITY_TYPES:
        return word
    if word in _TYPE_WORDS:
        return _TYPE_WORDS[word]
    close = difflib.get_close_matches(word, ENTITY_TYPES, n=1, cutoff=0.75)
    return close[0] if close else None


def arabic_names_field(
    fields: dict[str, Node], line: int, label: str, path: str, diags: list[Diagnostic]
) -> list[tuple[str, int]]:
    """The Arabic names and their lines, each one the matcher can find in a text."""
    node = fields.get("ar")
    if node is None or node.value is None:
        diags.append(Diagnostic(path, line, f"{label} has no Arabic name ('ar')"))
        return []
    items = node.value if isinstance(node.value, list) else [node]
    if not items:
        diags.append(Diagnostic(path, node.line, f"{label} has an empty list of Arabic names"))
    names: list[tuple[str, int]] = []
    for item in items:
        if item.value is not None and not isinstance(item.value, str):
            diags.append(Diagnostic(path, item.line, "an Arabic name must be text"))
            continue
        name = to_display(" ".join((item.value or "").split()))
        if not name:
            diags.append(Diagnostic(path, item.line, f"{label} has an empty Arabic name"))
        elif not tokenize(name):
            diags.append(Diagnostic(path, item.line, f"Arabic name '{name}' has no letters"))
        elif not has_arabic_letter(name):  # the matcher reads Arabic words only
            message = (
                f"Arabic name '{name}' has no Arabic letters, so no article would ever match "
                "it: write it in Arabic, and put a Latin name under 'en'"
            )
            diags.append(Diagnostic(path, item.line, message))
        elif "،" in name:  # the Arabic keyboard's comma, typed between names of a list
            message = (
                f"Arabic name '{name}' holds an Arabic comma '،': separate the names of a "
                "list with ',' (a Latin comma)"
            )
            diags.append(Diagnostic(path, item.line, message))
        else:
            names.append((name, item.line))
    return names


def english_names_field(
    fields: dict[str, Node], label: str, path: str, diags: list[Diagnostic]
) -> tuple[tuple[str, int], ...]:
    """The English names and their lines: `en: Kevin Copsey`, or a list whose first is the
    name shown and the others variants that search reads as it (`en: [Kevin Copsey, Kevin
    Copsy]`)."""
    node = fields.get("en")
    items = [] if node is None else node.value if isinstance(node.value, list) else [node]
    names: dict[str, int] = {}
    for item in items:
        if item.value is not None and not isinstance(item.value, str):
            diags.append(Diagnostic(path, item.line, f"an English name of {label} must be text"))
        elif name := to_display(" ".join((item.value or "").split())):
            names.setdefault(name, item.line)
    return tuple(names.items())


def optional_text_field(
    fields: dict[str, Node], key: str, path: str, diags: list[Diagnostic]
) -> str | None:
    """The text of an optional key (`description_en`…), spaces collapsed, or None."""
    node = fields.get(key)
    if node is None or node.value is None:
        return None
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, f"'{key}' must be text"))
        return None
    return to_display(" ".join(node.value.split())) or None


def wikidata_field(fields: dict[str, Node], path: str, diags: list[Diagnostic]) -> str | None:
    """The entity's Wikidata item id (`Q42`), or None."""
    wikidata = optional_text_field(fields, "wikidata", path, diags)
    if wikidata is not None and not WIKIDATA_RE.fullmatch(wikidata):
        message = f"wikidata '{wikidata}' must be an item id like Q42"
        diags.append(Diagnostic(path, fields["wikidata"].line, message))
        return None
    return wikidata
