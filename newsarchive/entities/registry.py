"""The entity registry: content/entities.yaml text -> Registry plus Diagnostics (pure)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from ..core.diagnostics import ContentError, Diagnostic
from ..core.yamldoc import Node, parse_yaml
from .registryfields import ENTITY_TYPES as ENTITY_TYPES  # where its users look for it
from .registryfields import (
    arabic_names_field,
    english_names_field,
    id_field,
    moved_from_field,
    optional_text_field,
    removed_field,
    type_field,
    wikidata_field,
)
from .registrynames import NameAt, check_arabic_names, check_english_names
from .registrynames import name_key as name_key  # where the matcher's users look for it

_ABOUT_KEYS = ("description_en", "description_ar", "wikidata", "moved_from")
ENTITY_KEYS = ("id", "type", "ar", "en", *_ABOUT_KEYS, "removed")
NO_ENTITIES = (
    "{}: articles get no 'in this article' sidebar and the site no entity pages "
    "(see 'Entities' in docs/editors-guide.md)"
)
PLACEHOLDER_NOTE = "# a placeholder: use the English name's words"  # entities suggest --yaml


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
    entity_id = id_field(fields, node.line, path, diags)
    label = f"entity '{entity_id}'" if entity_id else "entity"
    entity_type = type_field(fields, node.line, label, path, diags)
    names = arabic_names_field(fields, node.line, label, path, diags)
    english = english_names_field(fields, label, path, diags)
    optional = {
        key: optional_text_field(fields, key, path, diags)
        for key in ("description_en", "description_ar")
    }
    wikidata = wikidata_field(fields, path, diags)
    moved_from = moved_from_field(fields, path, diags)
    removed = removed_field(fields, label, path, diags)
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
