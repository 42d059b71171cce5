"""The snapshot on disk: a base file from the last full build and a delta of later edits (I/O).

An edit loads only what it renders. The base file holds each light view, and each year's
status rows, pickled on its own with its CRC-32, and then a header (the skeleton, where each
of those lies), whose length follows the file's magic. The file is mapped into memory and a view is
unpickled when a page asks for it: at 20,000 articles an edit loads a few views, where
loading all of them took a quarter of a second; a year's status page reads its rows, not the
views of its 1,800 articles. The delta holds the light views of every story edited since the
base (whose status rows are made again from them), the language feeds' entries, each year's
translation sums and the registry; each edit rewrites it, and the base is rewritten by full
builds and when the delta has grown past COMPACT stories.

Both files are named by digests in the build record: a file that is missing, altered,
unreadable or made with other build options is simply not used (a full build). A view whose
CRC does not match raises SnapshotDamaged, which the edit turns into a full build (it loads
every view it needs before it writes anything).
"""

from __future__ import annotations

import contextlib
import functools
import mmap
import pickle
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from ..assembly.views import ArticleView
from ..content.atomic import replacing
from ..content.glossstatus import ArticleStatus
from ..entities.registry import Registry
from .cache import CACHE_DIR
from .collector import unpickled_to_keep
from .snapshot import Overlay, Snapshot, skeleton_of

BASE_FILE = "snapshot.base"
DELTA_FILE = "snapshot-delta.pickle"
MAGIC = b"newsarchive-snapshot-13\n"  # the format's version: another one is simply not read
VERSION = 15
HEADER_LENGTH = 8  # bytes after MAGIC: the header's length (the header ends the file)
FIRST_VALUE = len(MAGIC) + HEADER_LENGTH  # where the first stored value starts
COMPACT = 1000  # stories in the delta before the base is rewritten
Located = tuple[int, int, int]  # where a stored value's pickle lies: offset, length, CRC-32
K = TypeVar("K")
V = TypeVar("V")


class SnapshotDamaged(Exception):
    """A stored view is not the one that was written: the build must not use the snapshot."""


@dataclass(frozen=True)
class Loaded:
    """A snapshot as loaded, and which of its stories come from the delta."""

    snapshot: Snapshot
    delta: frozenset[str]
    edited: Mapping[str, ArticleView]  # the delta's views (over the base's)
    stored: Stored[str, ArticleView]  # the base file's views

    def view(self, story: str) -> ArticleView:
        """A story's view (the delta's, else the base file's), read now and not kept:
        KeyError when the snapshot has none, SnapshotDamaged when what is stored is."""
        edited = self.edited.get(story)
        return self.stored.read(story) if edited is None else edited


class Stored(Mapping[K, V]):
    """Values pickled one by one in the base file (light views by story, status rows by
    year), each unpickled (and its CRC checked) on first use."""

    def __init__(self, data: mmap.mmap, start: int, index: Mapping[K, Located]) -> None:
        self.data, self.start, self.index = data, start, index
        self.loaded: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        if key in self.loaded:
            return self.loaded[key]
        value = self.read(key)
        self.loaded[key] = value
        return value

    def read(self, key: K) -> V:
        """The value stored for key, unpickled and checked now, and not kept here."""
        offset, length, crc = self.index[key]
        offset += self.start
        blob = self.data[offset : offset + length]
        if zlib.crc32(blob) != crc:
            raise SnapshotDamaged(f"{BASE_FILE}: what is stored for {key} is damaged")
        value: V = pickle.loads(blob)
        return value

    def close(self) -> None:
        """Let go of the file (every value read since is lost to this mapping)."""
        self.loaded.clear()
        self.data.close()

    def __contains__(self, key: object) -> bool:
        return key in self.index

    def __iter__(self) -> Iterator[K]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


def _digest(size: int, checked: bytes) -> str:
    """A file's size and the CRC-32 of its checked bytes (all of the delta; the base's header,
    each of its views having its own): catches a cache file damaged or altered by hand (it
    guards against accidents, not an adversary) in a fifth of the time of a cryptographic hash."""
    return f"{size}-{zlib.crc32(checked):08x}"


@contextlib.contextmanager
def _writing(root: Path, name: str) -> Iterator[BinaryIO]:
    """A file written into ROOT/.cache/name atomically: in place once the block ends,
    never there (nor its temporary file left) if the block raises."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    with replacing(folder / name) as out:
        yield out


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def save_full(root: Path, snapshot: Snapshot, options: Mapping[str, object]) -> str:
    """Write a full build's snapshot (base and an empty delta); the record's digests."""
    base = save_base(root, snapshot, options)
    if not base:
        return ""
    try:
        return f"{base} {save_delta(root, {}, snapshot)}"
    except OSError:
        return ""


def save_base(root: Path, snapshot: Snapshot, options: Mapping[str, object]) -> str:
    """Write the base file of a snapshot (each light view, each year's status rows); its
    digest ("" when it could not be written). A full build writes it while its workers
    render the lists, and the delta (with what those pages looked up) after them.

    Each value is written as it is pickled and the header, which says where each lies,
    after them: at 100,000 articles the pickles weigh 210 MB, which the build process held
    all at once while it wrote them before the header (the peak of the build's memory)."""
    offset = 0

    def stored(out: BinaryIO, value: object) -> Located:
        nonlocal offset
        blob = _pickled(value)
        out.write(blob)
        offset += len(blob)
        return (offset - len(blob), len(blob), zlib.crc32(blob))

    try:
        with _writing(root, BASE_FILE) as out:
            out.write(MAGIC + bytes(HEADER_LENGTH))
            index = {story: stored(out, view) for story, view in snapshot.views.items()}
            rows = {year: stored(out, tuple(f)) for year, f in snapshot.status_rows.items()}
            header = _pickled((dict(options), snapshot.skeleton, index, rows))
            out.write(header)
            out.seek(len(MAGIC))  # where the header lies, now that it is known
            out.write(len(header).to_bytes(HEADER_LENGTH, "big"))
    except SnapshotDamaged:  # compacting after an edit found a damaged view: build in full next
        return ""
    except OSError:  # a read-only project still builds; the next build is a full one
        return ""
    with contextlib.suppress(OSError):  # the snapshot as earlier versions wrote it
        (root / CACHE_DIR / "snapshot.pickle").unlink(missing_ok=True)
    return _digest(FIRST_VALUE + offset + len(header), header)


def header_span(data: bytes | mmap.mmap) -> tuple[int, int]:
    """Where a base file's header lies (start, end); its values start at FIRST_VALUE."""
    end = len(data)
    return end - int.from_bytes(data[len(MAGIC) : FIRST_VALUE], "big"), end


def save_delta(root: Path, views: Mapping[str, ArticleView], snapshot: Snapshot) -> str:
    """Write the delta: the views edited since the base, the language feeds' entries, each
    year's sums, what each page looked up and the registry (an edit may change it); its
    digest. OSError if it cannot be written."""
    shown = dict(snapshot.shown)
    registry = snapshot.registry
    entities = (registry.entities, registry.removed)  # its read-only index does not pickle
    data = _pickled(
        (VERSION, dict(views), snapshot.feed_entries, dict(snapshot.progress), shown, entities)
    )
    with _writing(root, DELTA_FILE) as out:
        out.write(data)
    return _digest(len(data), data)


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
    if len(stories) > COMPACT:  # folded into a new base, whose skeleton says it as it is now
        old = snapshot.skeleton
        try:
            views = [snapshot.views[story] for story in old.order]
        except SnapshotDamaged:  # as save_base: the next build is a full one
            return ""
        skeleton = replace(skeleton_of(old.order, old.years, views), withdrawn=old.withdrawn)
        folded = replace(snapshot, skeleton=skeleton)
        return save_full(root, folded, options)
    try:
        delta = save_delta(root, {story: snapshot.views[story] for story in stories}, snapshot)
    except OSError:
        return ""
    return f"{digests.split()[0]} {delta}"


# The last build's snapshot, loaded on the first call and the same at every later one
# (load_once): a full build's kept and gone articles may both need it.
LoadedOnce = Callable[[], Loaded | None]


def load_once(root: Path, digests: str, options: Mapping[str, object]) -> LoadedOnce:
    """load(), run when the returned function is first called, not before: a full build
    after a change of templates, registry or code needs no snapshot."""
    return functools.cache(functools.partial(load, root, digests, options))


def load(root: Path, digests: str, options: Mapping[str, object] | None) -> Loaded | None:
    """The snapshot the record's digests name, made with these options (None: with any, for
    what no option changes, as translation progress); None if unusable."""
    try:
        base_digest, delta_digest = digests.split()
        with open(root / CACHE_DIR / BASE_FILE, "rb") as file:
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if data[: len(MAGIC)] != MAGIC:
            return None
        start, end = header_span(data)
        header = data[start:end]
        if _digest(len(data), header) != base_digest:
            return None
        made_with, skeleton, index, rows = unpickled_to_keep(header)
        if options is not None and made_with != dict(options):
            return None
        delta = (root / CACHE_DIR / DELTA_FILE).read_bytes()
        if _digest(len(delta), delta) != delta_digest:
            return None
        version, *kept = unpickled_to_keep(delta)
        if version != VERSION:
            return None
        edited, entries, progress, shown, entities = kept
        stored = Stored[str, ArticleView](data, FIRST_VALUE, index)
        views = Overlay(edited, stored)
        rows_stored = Stored[int, tuple[ArticleStatus, ...]](data, FIRST_VALUE, rows)
        registry = Registry(*entities)
        snapshot = Snapshot(views, entries, registry, skeleton, progress, rows_stored, shown)
    except Exception:  # any damage to the cache only costs a full build
        return None
    return Loaded(snapshot, frozenset(edited), edited, stored)
