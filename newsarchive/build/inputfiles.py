"""Looking at every input file for the build cache (I/O): one stat each, and the bytes and
digest of each file whose stat differs from the last build's record; or, when a watcher
named what changed (the dev server's), at those files only (watched_inputs).

At 100,000 articles a build looks at 150,000 files. One stat costs about 4 µs on the
benchmark machine (the kernel's time, not Python's), so looking took 0.8 s of a 1.4 s no-op
build. With a record of at least PARALLEL_FROM files, forked workers look at parts of the
tree at once (0.45-0.5 s on two cores), for the no-op target of 1 s at 100,000 articles
(docs/benchmarks.md). Threads gained nothing: each stat's Python part holds the GIL.
Smaller trees are looked at in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..content.textfiles import (
    entries_under,
    holds_files,
    is_fit_name,
    listed_names,
    named_as_article,
    unfit_names,
)
from ..core.model import story_of_path
from .workers import worker_count, worker_pool

Stamped = tuple[int, int, int, bytes]  # mtime_ns, size, inode, sha256 digest of the bytes
Found = list[tuple[str, str, os.stat_result]]  # (name, path, stat) of files looked at
PARALLEL_FROM = 40_000  # files in the last record: 0.15 s of stats here, workers gain less
TASKS_PER_WORKER = 16  # parts of the tree per worker, so that the workers finish together


@dataclass(frozen=True)
class Looked:
    """What looking at some files found: each file's name, how many of them the record
    knows, and the stamps of those not as the record has them (added, changed or touched).
    The bytes read to hash them are not kept: a full build's workers read their own."""

    names: list[str]
    known: int
    fresh: dict[str, Stamped]
    # What no build reads in content/ (content/textfiles.refused_entry says why): the
    # symbolic links (a folder's name ending in /), whatever they point to would be
    # published, and the names that would not travel (content/textfiles.unfit_names).
    refused: tuple[str, ...] = ()

    def gone(self, record: Mapping[str, Stamped]) -> set[str]:
        """The names of the record's files that were not found."""
        return set() if self.known == len(record) else record.keys() - set(self.names)


def _together(parts: Iterable[Looked]) -> Looked:
    names: list[str] = []
    known = 0
    fresh: dict[str, Stamped] = {}
    refused: tuple[str, ...] = ()
    for part in parts:
        names += part.names
        known += part.known
        fresh |= part.fresh
        refused += part.refused
    return Looked(names, known, fresh, refused)


def look(
    found: Iterable[tuple[str, str, os.stat_result]],
    known: Mapping[str, Stamped],
    racy: int,
) -> Looked:
    """Compare each file's stat with its record, reading and hashing the files whose stat
    differs or that changed too close to the record for the clock to tell (`racy`, git's
    "racily clean" rule)."""
    names: list[str] = []
    known_count = 0
    fresh: dict[str, Stamped] = {}
    for name, path, stat in found:
        seen = known.get(name)
        if (
            seen is None
            or seen[0] != stat.st_mtime_ns
            or seen[1] != stat.st_size
            or seen[2] != stat.st_ino
            or stat.st_mtime_ns >= racy
        ):
            try:
                with open(path, "rb") as file:
                    digest = hashlib.file_digest(file, "sha256").digest()
            except OSError:  # gone since its stat, or unreadable: as a missing input
                continue
            fresh[name] = (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)
        names.append(name)
        known_count += seen is not None
    return Looked(names, known_count, fresh)


def look_at_all(
    folders: Iterable[tuple[str, str]],
    known: Mapping[str, Stamped],
    racy: int,
) -> Looked:
    """Look at every input file under the (name prefix, folder) pairs: only the *.py files
    of the "code/" one. In parts, across workers when the record is big enough, or when
    there is no record: then every file is read and hashed (at 100,000 articles 500 MB,
    100 s when they are not in the page cache), and two readers go faster than one, where
    starting them costs 10 ms."""
    workers = worker_count()
    parallel = workers > 1 and (len(known) >= PARALLEL_FROM or not known)
    tasks = _tasks(folders, workers * TASKS_PER_WORKER if parallel else 1)
    inputs = {"known": known, "racy": racy}
    if not parallel:
        return _together(_look_at(inputs, task) for task in tasks)
    with worker_pool(_look_at, inputs, workers) as run:  # forked: `known` is not pickled
        return _together(run(tasks))


Task = tuple[str, str, bool]  # a folder, the names' prefix of its files, its subfolders too


def _look_at(inputs: dict[str, Any], task: Task) -> Looked:
    """One part of the tree (a worker's task): its files' stats compared with the record."""
    folder, prefix, deep = task
    refused: list[str] = []
    looked = look(_walk(folder, prefix, deep, refused), inputs["known"], inputs["racy"])
    return replace(looked, refused=tuple(refused)) if refused else looked


def _tasks(folders: Iterable[tuple[str, str]], wanted: int) -> list[Task]:
    """Parts of the input folders, at least `wanted` when the tree has that many folders:
    folders are split (breadth first, a folder's own files a part of their own) until
    there are enough, so that a year's folder, not all of content/ar, is one part. The
    whole subtrees come first: the workers start with the biggest parts."""
    subtrees = deque((folder, prefix) for prefix, folder in folders)
    tasks: list[Task] = []
    while subtrees and len(tasks) + len(subtrees) < wanted:
        folder, prefix = subtrees.popleft()
        tasks.append((folder, prefix, False))
        subtrees += ((path, f"{prefix}{name}/") for name, path in _subfolders(folder))
    return [(folder, prefix, True) for folder, prefix in subtrees] + tasks


def _subfolders(folder: str) -> Iterator[tuple[str, str]]:
    """(name, path) of the folders in folder that hold inputs."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # as os.walk: a folder that cannot be listed has no files
        return
    for entry in entries:
        if holds_files(entry):
            yield entry.name, entry.path


def _walk(folder: str, prefix: str, deep: bool, refused: list[str] | None = None) -> Found:
    """(prefix + relative posix name, path, stat) of the files in folder, and in its
    subfolders when `deep` (textfiles.entries_under); only the *.py files for code (every
    module of the package, a new version of the tool). What in content/ no build reads (a
    symbolic link, a name textfiles.unfit_names finds) is no input: its name is added to
    `refused`."""
    code = prefix.startswith("code/")
    refused = [] if refused is None else refused  # names_under's: the walk of inputs names them
    guarded = refused if prefix.startswith("content/") else None
    found: Found = []
    for named, entries in entries_under(folder, prefix, deep, guarded):
        texts = named.startswith(ARTICLE_FOLDERS)
        for entry in entries:
            if code and not entry.name.endswith(".py"):
                continue
            if not texts or named_as_article(entry.name):
                try:
                    found.append((named + entry.name, entry.path, entry.stat()))
                except OSError:  # a link to nowhere: no input (the build names it if it reads it)
                    continue
    return found


ARTICLE_FOLDERS = ("content/ar/", "content/en/")


def names_under(folder: str, prefix: str) -> list[str]:
    """The input names of the files under folder (each `prefix` + its relative name), found
    as a build finds them, and not compared with any record."""
    return [name for name, _, _ in _walk(folder, prefix, True)]


def is_input(name: str) -> bool:
    """Whether a file, by its record name, is an input. In content/ar and content/en only
    the files read as articles and glosses are (named_as_article): an editor's temporary
    file there (sed -i's 'sedX1b2c3') made a full build when it came and again when it went."""
    return not name.startswith(ARTICLE_FOLDERS) or named_as_article(name.rsplit("/", 1)[-1])


def changed_names(before: Mapping[str, Stamped], now: Mapping[str, Stamped]) -> list[str]:
    """The names of the files added, deleted or changed (other bytes) since the record."""
    # An unchanged file keeps its very stamp, so `is` settles most names; the names of files
    # deleted since are looked for only when some of the old ones were not seen.
    differ = [name for name, new in now.items() if before.get(name) is not new]
    if len(now) - len(differ) + sum(name in before for name in differ) != len(before):
        differ += before.keys() - now.keys()
    changed = []
    for name in differ:
        old, new = before.get(name), now.get(name)
        if old is None or new is None or old[3] != new[3]:
            changed.append(name)
    return changed


def story_of(name: str) -> str | None:
    """The story of a record's name of an article or gloss file, None for any other file."""
    if not name.startswith(("content/ar/", "content/en/")) or not name.endswith(".md"):
        return None
    story = story_of_path(name.removeprefix("content/"))
    return story if unicodedata.normalize("NFC", story) == story else None


def watched_inputs(
    folders: tuple[tuple[str, Path], ...],
    known: Mapping[str, Stamped],
    racy: int,
    changed: Collection[Path],
) -> tuple[Found, set[str]] | None:
    """What the build cache's input_state looks at when a watcher named the changed files:
    those that exist, and each known file that changed too close to the record to be
    trusted; and the names of those that are gone. None (walk everything) for a folder event
    or a file outside the inputs: then only a walk tells what changed."""
    wanted = {name for name, stamp in known.items() if stamp[0] >= racy}
    for path in changed:
        name = _name_of(path, folders)
        if name is None or path.is_dir() or path.is_symlink() or not is_fit_name(path.name):
            return None  # what no build reads is found by the walk, which names it
        if name not in known and name.startswith("content/") and _unfit(path):
            return None  # a new name beside its twin, or one Windows or this system refuses
        if not is_input(name):
            if any(known_name.startswith(f"{name}/") for known_name in known):
                return None  # a folder of articles removed
            continue  # an editor's temporary file beside the articles
        wanted.add(name)
    found: Found = []
    gone: set[str] = set()
    where = {prefix.removesuffix("/"): folder for prefix, folder in folders}
    for name in sorted(wanted):
        label, _, rel = name.partition("/")
        file = os.path.join(where[label], rel)
        try:
            found.append((name, file, os.stat(file)))
        except OSError:
            gone.add(name)
    return found, gone


def _unfit(path: Path) -> bool:
    """Whether a file of content/ is no input by its name, as the walk would find."""
    folder = str(path.parent)
    names = listed_names(folder)
    return path.name in names and path.name in unfit_names(folder, names)


def _name_of(path: Path, folders: tuple[tuple[str, Path], ...]) -> str | None:
    """The record's name of a watched file ("content/…", "templates/…"), None if no input."""
    for prefix, folder in folders:
        if prefix != "code/" and path.is_relative_to(folder):
            rel = path.relative_to(folder).as_posix()
            return None if "__pycache__" in rel.split("/") else f"{prefix}{rel}"
    return None
