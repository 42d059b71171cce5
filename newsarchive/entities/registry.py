"""The entity registry: content/entities.yaml text -> Registry plus Diagnostics (pure)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from ..core.arabic import has_arabic_letter, to_display, tokenize
from ..core.diagnostics import ContentError, Diagnostic
from ..core.yamldoc import Node, parse_yaml
from .registrynames import NameAt, check_arabic_names, check_english_names
from .registrynames import name_key as name_key  # where the matcher's users look for it

ENTITY_TYPES = ("person", "organization", "place", "group", "event", "other")
_ABOUT_KEYS = ("description_en", "description_ar", "wikidata", "moved_from")
ENTITY_KEYS = ("id", "type", "ar", "en", *_ABOUT_KEYS, "removed")
NO_ENTITIES = (
    "{}: articles get no 'in this article' sidebar and the site no entity pages "
    "(see 'Entities' in docs/editors-guide.md)"
)
PLACEHOLDER_NOTE = "# a placeholder: use the English name's words"  # entities suggest --yaml
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place… with its Arabic names (canonical first)."""

    id: str
    type: str
    ar: tuple[str, ...]
    en: str | None  # None: the English gloss is still pending
    description_en: str | None
    description_ar: str | None
    wikidata: str | None
    line: int
    # Its earlier ids (a renamed entity's): each old address gets a page leading to its own.
    moved_from: tuple[str, ...] = ()
    # Other English spellings of its name (`en: [Kevin Copsey, Kevin Copsy]`): searched, not shown.
    en_variants: tuple[str, ...] = ()

    @property
    def name_ar(self) -> str:
        """The canonical Arabic name."""
        return self.ar[0]

    @property
    def en_names(self) -> tuple[str, ...]:
        """Its English names, the one shown first (none while the gloss is pending)."""
        return (self.en, *self.en_variants) if self.en else ()


@dataclass(frozen=True)
class Registry:
    """All entities in file order; ids and name keys are unique when parsing succeeded.
    `removed`: the entries marked `removed:` (a name removed for a legal reason), which
    publish nothing and which no article or gloss may name (content/removednames.py)."""

    entities: tuple[Entity, ...] = ()
    removed: tuple[Entity, ...] = ()

    def by_id(self) -> Mapping[str, Entity]:
        """Entities by id (read-only, built once per registry)."""
        return self._index

    def named(self, name: str) -> Entity | None:
        """The entity one of whose Arabic names is `name` (compared by matching keys)."""
        return self._by_name.get(name_key(name))

    def english_name(self, name: str | None) -> str | None:
        """The English name of the outlet or place named `name` in Arabic, if it has one."""
        entity = self.named(name) if name else None
        return entity.en if entity is not None else None

    @cached_property
    def _by_name(self) -> Mapping[str, Entity]:
        return MappingProxyType({name_key(n): e for e in reversed(self.entities) for n in e.ar})

    @cached_property
    def _index(self) -> Mapping[str, Entity]:
        # Reversed so that, if ids repeat in an unchecked registry, the first one wins.
        return MappingProxyType({e.id: e for e in reversed(self.entities)})


@dataclass(frozen=True)
class _Entry:
    entity: Entity
    name_lines: tuple[int, ...]
    moved_from_lines: tuple[int, ...] = ()
    en_lines: tuple[int, ...] = ()  # of the entity's English names, the one shown first
    removed: bool = False  # marked `removed:`, with why (never published)

    def arabic_names(self) -> zip[tuple[str, int]]:
        return zip(self.entity.ar, self.name_lines, strict=True)

    def english_names(self) -> tuple[NameAt, ...]:
        entity = self.entity
        return tuple(
            NameAt(entity.id, name, line)
            for name, line in zip(entity.en_names, self.en_lines, strict=True)
        )


def parse_registry(text: str, path: str) -> tuple[Registry, tuple[Diagnostic, ...]]:
    """Parse and validate the registry; every problem is reported, bad entries are left out."""
    try:
        root = parse_yaml(text, path)
    except ContentError as exc:
        return Registry(), (exc.diagnostic,)
    if root.value is None or root.value == []:
        return Registry(), (
            Diagnostic(path, 1, NO_ENTITIES.format("the registry has no entities"), "warning"),
        )
    if not isinstance(root.value, list):
        message = "the registry must be a list of entities (each item starting with '- id:')"
        return Registry(), (Diagnostic(path, root.line, message),)
    diags: list[Diagnostic] = []
    entries = [_parse_entry(node, path, diags) for node in root.value]
    unique = _drop_duplicate_ids([e for e in entries if e is not None], path, diags)
    diags += check_arabic_names(
        [NameAt(e.entity.id, name, line) for e in unique for name, line in e.arabic_names()],
        path,
    )
    diags += check_english_names([name for e in unique for name in e.english_names()], path)
    _check_moved_from(unique, path, diags)
    diags += _placeholder_ids(text, path)
    published = tuple(e.entity for e in unique if not e.removed)
    return Registry(published, tuple(e.entity for e in unique if e.removed)), tuple(sorted(diags))


def _placeholder_ids(text: str, path: str) -> Iterator[Diagnostic]:
    """A warning for each id `entities suggest --yaml` made that is still its placeholder:
    ids are part of the entity's URLs, which should not change once published."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("- id:") and line.rstrip().endswith(PLACEHOLDER_NOTE):
            entity_id = line.removeprefix("- id:").split("#", 1)[0].strip()
            message = (
                f"id '{entity_id}' is still the placeholder `entities suggest` made: give it "
                "the English name's words before publishing (ids are part of URLs)"
            )
            yield Diagnostic(path, number, message, "warning")


def _parse_entry(node: Node, path: str, diags: list[Diagnostic]) -> _Entry | None:
    if not isinstance(node.value, dict):
        diags.append(Diagnostic(path, node.line, "each entity must be a mapping with id, type, ar"))
        return None
    fields = node.value
    for key, value in fields.items():
        if key not in ENTITY_KEYS:
            expected = ", ".join(ENTITY_KEYS)
            diags.append(Diagnostic(path, value.line, f"unknown key '{key}' (expected {expected})"))
    entity_id = _parse_id(fields, node.line, path, diags)
    label = f"entity '{entity_id}'" if entity_id else "entity"
    entity_type = _parse_type(fields, node.line, label, path, diags)
    names = _parse_names(fields, node.line, label, path, diags)
    english = _parse_english(fields, label, path, diags)
    optional = {
        key: _optional_text(fields, key, path, diags)
        for key in ("description_en", "description_ar", "wikidata")
    }
    wikidata = optional["wikidata"]
    if wikidata is not None and not WIKIDATA_RE.fullmatch(wikidata):
        message = f"wikidata '{wikidata}' must be an item id like Q42"
        diags.append(Diagnostic(path, fields["wikidata"].line, message))
        wikidata = None
    moved_from = _parse_moved_from(fields, path, diags)
    removed = _parse_removed(fields, label, path, diags)
    if entity_id is None or entity_type is None or not names:
        return None
    entity = Entity(
        entity_id,
        entity_type,
        tuple(name for name, _ in names),
        english[0][0] if english else None,
        optional["description_en"],
        optional["description_ar"],
        wikidata,
        node.line,
        tuple(old for old, _ in moved_from),
        tuple(name for name, _ in english[1:]),
    )
    name_lines = tuple(line for _, line in names)
    moved_lines = tuple(line for _, line in moved_from)
    english_lines = tuple(line for _, line in english)
    return _Entry(entity, name_lines, moved_lines, english_lines, removed)


_YES_NO = frozenset({"true", "false", "yes", "no", "on", "off"})


def _parse_removed(fields: dict[str, Node], label: str, path: str, diags: list[Diagnostic]) -> bool:
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


def _parse_id(fields: dict[str, Node], line: int, path: str, diags: list[Diagnostic]) -> str | None:
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


def _parse_moved_from(
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


def _check_moved_from(entries: list[_Entry], path: str, diags: list[Diagnostic]) -> None:
    """An earlier id must be no entity's id now and only one entity's earlier id: its
    address leads to one page."""
    ids = {entry.entity.id for entry in entries}
    claimed: dict[str, str] = {}
    for entry in entries:
        for old, line in zip(entry.entity.moved_from, entry.moved_from_lines, strict=True):
            if old in ids:
                message = f"'{old}' in 'moved_from' is an entity's id now: its page is that one's"
            elif old in claimed:
                message = f"'{old}' is already an earlier id of '{claimed[old]}'"
            else:
                claimed[old] = entry.entity.id
                continue
            diags.append(Diagnostic(path, line, message))


def _parse_type(
    fields: dict[str, Node], line: int, label: str, path: str, diags: list[Diagnostic]
) -> str | None:
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


def _parse_names(
    fields: dict[str, Node], line: int, label: str, path: str, diags: list[Diagnostic]
) -> list[tuple[str, int]]:
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


def _parse_english(
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


def _optional_text(
    fields: dict[str, Node], key: str, path: str, diags: list[Diagnostic]
) -> str | None:
    node = fields.get(key)
    if node is None or node.value is None:
        return None
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, f"'{key}' must be text"))
        return None
    return to_display(" ".join(node.value.split())) or None


def _drop_duplicate_ids(entries: list[_Entry], path: str, diags: list[Diagnostic]) -> list[_Entry]:
    first_line: dict[str, int] = {}
    unique: list[_Entry] = []
    for entry in entries:
        entity = entry.entity
        if entity.id in first_line:
            message = f"duplicate id '{entity.id}' (first used at line {first_line[entity.id]})"
            diags.append(Diagnostic(path, entity.line, message))
            continue
        first_line[entity.id] = entity.line
        unique.append(entry)
    return unique
