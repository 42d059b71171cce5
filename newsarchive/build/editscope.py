"""An edit to patch: what the build hands the patch (Edit), and what the edit changed and
must make again (Scope: the inputs changed, the stories to read again, the registry's entries
edited) (I/O: reads the registry edit and the media files replaced).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.diagnostics import Diagnostic
from ..entities.registry import Registry
from ..pages.environment import Strings
from . import cache, snapshotfile
from .changes import Changes, changed_inputs
from .keptarticles import showing_media
from .media import media_problems
from .registryedit import registry_edit

Written = Callable[[tuple[str, ...]], None]  # told of files as soon as they are in place


@dataclass(frozen=True)
class Edit:
    """What patching needs: the build's options, the last build's record, the inputs now,
    the templates folder and its UI strings, the output paths browsers are viewing (written
    first), and whom to tell of files as they land."""

    options: cache.BuildOptions
    record: cache.Record
    inputs: cache.Inputs
    templates: tuple[Path, Strings]
    viewed: Collection[str]
    on_written: Written


@dataclass(frozen=True)
class Scope:
    """What an edit changed and what must be made again: the last build's snapshot (with the
    registry as edited), the inputs changed, the stories to read again, the entities whose
    names changed (and whether every Arabic name stayed), the registry before, and the
    problems found so far."""

    loaded: snapshotfile.Loaded
    changes: Changes
    stories: frozenset[str]
    renamed: frozenset[str]
    same_names: bool
    registry_before: Registry
    problems: tuple[Diagnostic, ...]


def edit_scope(
    root: Path, loaded: snapshotfile.Loaded, edit: Edit, step: Callable[[str], None]
) -> Scope | None:
    """What the edit changed (None: nothing, or a registry edit that needs a full build)."""
    changes = changed_inputs(edit.record.files, edit.inputs.files, loaded.snapshot.views)
    if not changes:
        return None
    # A media file replaced: the articles that show or link it are made again.
    stories = changes.stories | showing_media(loaded, changes.media)
    problems = tuple(media_problems(root / "content", changes.media))
    registry_before = loaded.snapshot.registry
    if not changes.registry:
        return Scope(loaded, changes, stories, frozenset(), False, registry_before, problems)
    step("finding the articles the registry edit changes")
    edited = registry_edit(root, loaded.snapshot, loaded.delta)
    if edited is None:
        return None
    snapshot = replace(loaded.snapshot, registry=edited.registry)
    return Scope(
        replace(loaded, snapshot=snapshot),
        changes,
        stories | edited.stories,
        edited.entities,
        edited.same_names,
        registry_before,
        (*problems, *edited.warnings),
    )
