"""A registry edit as an incremental build: which entities changed and which articles to
match again (I/O: reads the registry and scans the articles' raw text).

When content/entities.yaml changes but keeps its entities in the same order (names,
variants, English names, descriptions or types edited; entities added), only two kinds of
article can show something else: those that named a changed entity (their sidebar, links
and counts show it; a removed variant may also un-shadow a shorter name of another entity),
those whose dateline, source or byline it is (its English name shows there), and those that contain
one of its new names (all of an added entity's). The first come
from the snapshot; the second from one scan of the raw text (entities/candidates.py), far
cheaper than matching every article again. They are matched again as if edited; patch.py
renders what shows them and the changed entities.
An added entity's pages appear (build/pageset.py). A removed or reordered entity, an entry
marked `removed:` or given back (every article is checked for its names), or an edit that
touches too much of the archive, is a full build.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Set
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.registryfile import REGISTRY_FILE, read_registry
from ..core.diagnostics import BuildFailed, Diagnostic, errors_only
from ..entities.candidates import names_pattern
from ..entities.registry import Entity, Registry, name_key
from .snapshot import Snapshot, credited_keys
from .storedsite import named_now, naming_positions

# A patch costs in proportion to the articles it matches again and renders; a full build, to
# the whole archive (in two workers). Measured at 5,000 articles (2026-12-05, the machine
# loaded): the English name of an entity named in 1,000 articles patched in 2.0-2.8 s against
# 13.9-20.7 s in full; one named in all 5,000, 76 s patched against 23-92 s in full. So an
# edit reaching up to half the archive (or 200 articles, in a small one) is patched. Above
# MOST_MATCHED_AGAIN articles the full build is made whatever the share: a patch holds every
# fresh view in one process (10,000 is the most the earlier rule, a tenth, let a patch hold
# at 100,000 articles).
FEW_MATCHED_AGAIN = 200
MOST_MATCHED_AGAIN = 10_000


@dataclass(frozen=True)
class RegistryEdit:
    """The new registry, its warnings, the entities whose entry changed and the stories to
    match again."""

    registry: Registry
    warnings: tuple[Diagnostic, ...]
    entities: frozenset[str]  # changed or added
    stories: frozenset[str]
    # No Arabic name changed and no entity was added: every article names what it named, and
    # only what pages show of the changed entities (English names, descriptions) is new.
    same_names: bool


def registry_edit(root: Path, snapshot: Snapshot, delta: frozenset[str]) -> RegistryEdit | None:
    """The edit of the registry since the snapshot (`delta`: the stories edited since its full
    build); None when it needs a full build. Raises BuildFailed when the registry is invalid."""
    registry, diagnostics = read_registry(root / "content")
    if errors_only(diagnostics):
        raise BuildFailed(errors_only(diagnostics))
    if registry.removed != snapshot.registry.removed:
        return None  # a name removed (every file is checked for it) or given back
    known = {entity.id: entity for entity in snapshot.registry.entities}
    if [entity.id for entity in registry.entities if entity.id in known] != [*known]:
        return None  # an entity removed (its pages and feed go) or the order changed
    earlier = {entity.id: entity.moved_from for entity in snapshot.registry.entities}
    if any(entity.moved_from != earlier.get(entity.id, ()) for entity in registry.entities):
        return None  # pages at an earlier id come or go (a renamed entity's: rare)
    changed = {
        new.id: (known.get(new.id), new)
        for new in registry.entities
        if new.id not in known or _differ(known[new.id], new)
    }
    stories = _naming(snapshot, delta, changed.keys())
    stories |= _crediting(snapshot, delta, [e for pair in changed.values() for e in pair if e])
    new_names = [
        name
        for old, new in changed.values()
        for name in new.ar
        if old is None or name_key(name) not in {name_key(known) for known in old.ar}
    ]
    stories |= _containing(root, snapshot.skeleton.order, new_names)
    if not patchable(len(stories), len(snapshot.skeleton.order)):
        return None
    same_names = all(old is not None and old.ar == new.ar for old, new in changed.values())
    return RegistryEdit(registry, diagnostics, frozenset(changed), frozenset(stories), same_names)


def patchable(matched_again: int, articles: int) -> bool:
    """Whether patching `matched_again` of the archive's `articles` is sooner than a full
    build (and within the memory a patch may take)."""
    limit = min(articles // 2, MOST_MATCHED_AGAIN)
    return matched_again <= max(FEW_MATCHED_AGAIN, limit)


def _differ(old: Entity, new: Entity) -> bool:
    """Whether an entity's entry changed in what pages can show (not merely its line)."""
    return replace(old, line=0) != replace(new, line=0)


def _naming(snapshot: Snapshot, delta: frozenset[str], ids: Set[str]) -> set[str]:
    """The stories that name one of these entities now (the delta's as edited since)."""
    skeleton = snapshot.skeleton
    now = named_now(skeleton, delta, snapshot.views)
    return {
        skeleton.order[position]
        for entity_id in ids
        for position in naming_positions(skeleton, entity_id, now)
    }


def _crediting(snapshot: Snapshot, delta: frozenset[str], entities: list[Entity]) -> set[str]:
    """The stories whose dateline, source or byline names one of these entities (by any of
    its names, before and after the edit): their pages give its English name."""
    keys = {name_key(name) for entity in entities for name in entity.ar}
    skeleton = snapshot.skeleton
    edited = skeleton.positions(delta)  # as they are now, not as the full build saw them
    found = {
        skeleton.order[p] for key in keys for p in skeleton.credited.get(key, ()) if p not in edited
    }
    return found | {s for s in delta if keys & credited_keys(snapshot.views[s])}


def _containing(root: Path, stories: tuple[str, ...], names: list[str]) -> set[str]:
    """The stories whose Arabic text may contain one of these names (a superset)."""
    pattern = names_pattern(names)
    if pattern is None:
        return set()
    content = root / "content" / "ar"
    found = set()
    for story in stories:
        try:
            text = (content / f"{story}.md").read_bytes().decode("utf-8", "replace")
        except OSError:
            found.add(story)  # unreadable now: matching it again reports why
            continue
        if pattern.search(text):
            found.add(story)
    return found


# What a note on an entity no article names says after its id (unnamed_notes).
UNNAMED = (
    "yet, in its title or text: its pages stay at their address but are noindex and left out "
    "of the sitemap, the entities index and the search page until one does"
)


# Past this many, the entities no article names are one note, not one each: a registry
# written ahead of its articles would otherwise bury every build's warnings under notes.
UNNAMED_NOTES_EACH = 5


def unnamed_notes(registry: Registry, unnamed: Collection[str]) -> tuple[Diagnostic, ...]:
    """A note at the entry of each `unnamed` entity, whose pages are quiet until an article
    names it (pages/entities.py, entity_pages): an entry added ahead of the articles, or
    one whose names match none of them (a misspelt name). Every build says them, as it says
    its warnings; more than UNNAMED_NOTES_EACH are one note at the first one's entry,
    naming the first few."""
    entities = [entity for entity in registry.entities if entity.id in unnamed]
    if len(entities) <= UNNAMED_NOTES_EACH:
        return tuple(
            Diagnostic(REGISTRY_FILE, e.line, f"no article names '{e.id}' {UNNAMED}", "note")
            for e in entities
        )
    first = ", ".join(f"'{e.id}'" for e in entities[:3])
    message = (
        f"no article names {len(entities)} entities, this one first ({first} and "
        f"{len(entities) - 3} more) {UNNAMED}"
    )
    return (Diagnostic(REGISTRY_FILE, entities[0].line, message, "note"),)


def is_unnamed_note(diagnostic: Diagnostic) -> bool:
    """Whether a build's diagnostic is one of unnamed_notes' (an edit makes them again)."""
    return diagnostic.severity == "note" and diagnostic.message.endswith(UNNAMED)


def entity_pages_gone(site: Path, registry: Registry) -> tuple[Diagnostic, ...]:
    """A note for each entity page of the published `site` (its folder under ar/entities/)
    that the registry no longer makes nor leads to: an entity renamed or removed. A renamed
    one's old address, which other sites and bookmarks link, keeps leading to its page when
    its entry names the old id in `moved_from`. The note stands at the entry most likely
    to be the renamed one (`_renamed_as`), else at the registry's first line."""
    try:
        published = {entry.name for entry in os.scandir(site / "ar" / "entities") if entry.is_dir()}
    except OSError:  # no site yet, or one without entities
        return ()
    kept = {entity.id for entity in registry.entities}
    kept |= {old for entity in registry.entities for old in entity.moved_from}
    new = [entity for entity in registry.entities if entity.id not in published]
    removed = {entity.id: entity.line for entity in registry.removed}
    notes = []
    for gone in sorted(published - kept):
        if gone in removed:
            message = f"'{gone}' is marked removed, so its published pages go with this build"
            notes.append(Diagnostic(REGISTRY_FILE, removed[gone], message, "note"))
            continue
        pages = f"no entity has the id '{gone}' now, so its published pages (ar/entities/{gone}/)"
        renamed = _renamed_as(gone, new)
        if renamed is None:
            where, entry = 1, "its entry"
        else:
            where, entry = renamed.line, f"this entry ('{renamed.id}', new since the last build)"
        message = (
            f"{pages} go with this build: if the entity was renamed, add "
            f"`moved_from: [{gone}]` to {entry}, and its old address leads to its page"
        )
        notes.append(Diagnostic(REGISTRY_FILE, where, message, "note"))
    return tuple(notes)


def _renamed_as(gone: str, new: list[Entity]) -> Entity | None:
    """The entry with no published page yet that most likely is the entity once called
    `gone`: the only one, or the one whose id is closest (`donald-trump`, `trump`)."""
    if len(new) == 1:
        return new[0]
    ids = [entity.id for entity in new]
    close = difflib.get_close_matches(gone, ids, n=1, cutoff=0.5)
    return new[ids.index(close[0])] if close else None
