"""The snapshot on disk: a base file from the last full build and a delta of later edits (I/O).

Rewriting the light views of a whole archive after every edit cost more than the edit
(about a second at 20,000 articles), so an incremental build writes only the delta: the
light views of every story edited since the base, and the language feeds' entries. The
base is rewritten by full builds, and when the delta has grown past COMPACT stories.

Both files are named by their digests in the build record: a file that is missing,
altered, unreadable or made with other build options is simply not used (a full build).
Loading runs with the garbage collector paused and freezes what it loaded: the collector
walking the hundreds of thousands of new objects again and again took two thirds of the time.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assemble import ArticleView
from .buildcache import CACHE_DIR
from .entities import Registry
from .snapshot import Snapshot

BASE_FILE = "snapshot.pickle"
DELTA_FILE = "snapshot-delta.pickle"
VERSION = 3
COMPACT = 1000  # stories in the delta before the base is rewritten


@dataclass(frozen=True)
class Loaded:
    """A snapshot as loaded, and which of its stories come from the delta."""

    snapshot: Snapshot
    delta: frozenset[str]


def _digest(data: bytes) -> str:
    """Size and CRC-32: catches a cache file damaged or altered by hand (it guards against
    accidents, not an adversary) in a fifth of the time of a cryptographic hash."""
    return f"{len(data)}-{zlib.crc32(data):08x}"


def _write(root: Path, name: str, value: object) -> str:
    """Pickle value atomically into ROOT/.cache/name; its digest."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temp, folder / name)
    return _digest(data)


def _read(root: Path, name: str, digest: str) -> Any:
    data = (root / CACHE_DIR / name).read_bytes()
    if _digest(data) != digest:
        raise ValueError(f"{name} is not the one the build record names")
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = pickle.loads(data)
        # These objects live as long as the build. Frozen before the collector is back on,
        # or its next young-generation pass walks every one of them (0.2 s at 20,000).
        gc.freeze()
        return value
    finally:
        if enabled:
            gc.enable()


def save_full(root: Path, snapshot: Snapshot, options: Mapping[str, object]) -> str:
    """Write a full build's snapshot (base and an empty delta); the record's digests."""
    try:
        entities = snapshot.registry.entities  # the Registry's read-only index does not pickle
        base = _write(root, BASE_FILE, (VERSION, dict(options), snapshot.views, entities))
        delta = _write(root, DELTA_FILE, (VERSION, {}, snapshot.feed_entries))
    except OSError:  # a read-only project still builds; the next build is a full one
        return ""
    return f"{base} {delta}"


def save_edit(
    root: Path,
    loaded: Loaded,
    snapshot: Snapshot,
    edited: frozenset[str],
    options: Mapping[str, object],
    digests: str,
) -> str:
    """Write the snapshot after an incremental build; the record's digests."""
    stories = loaded.delta | edited
    if len(stories) > COMPACT:
        return save_full(root, snapshot, options)
    views: dict[str, ArticleView] = {story: snapshot.views[story] for story in stories}
    try:
        delta = _write(root, DELTA_FILE, (VERSION, views, snapshot.feed_entries))
    except OSError:
        return ""
    return f"{digests.split()[0]} {delta}"


def load(root: Path, digests: str, options: Mapping[str, object]) -> Loaded | None:
    """The snapshot the record's digests name, made with these options; None if unusable."""
    try:
        base_digest, delta_digest = digests.split()
        version, made_with, views, entities = _read(root, BASE_FILE, base_digest)
        if version != VERSION or made_with != dict(options):
            return None
        delta_version, edited, entries = _read(root, DELTA_FILE, delta_digest)
        if delta_version != VERSION:
            return None
        snapshot = Snapshot({**views, **edited}, entries, Registry(entities))
    except Exception:  # any damage to the cache only costs a full build
        return None
    return Loaded(snapshot, frozenset(edited))
