"""What changed since the last build, when an edit can be patched in place, and the files a
patch copies as they are (I/O: the static and media files it reads).

An edit of articles, glosses, the registry's entries, static files or media files the site
already has is patched (patch.py); anything else builds in full. A media file replaced
(a photo cropped again, a PDF corrected) is copied over the published one, and the articles
that show or link it are made again, since a page holds its images' sizes; one added or
deleted builds in full, keeping the other articles (keptarticles.py).
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.registryfile import REGISTRY_FILE
from ..core.model import OutputFile
from .inputfiles import Stamped, changed_names, story_of
from .media import INPUT_PREFIX, is_media

STATIC = "templates/static/"  # the record's names of static files (cache.input_state)


@dataclass(frozen=True)
class Changes:
    """What changed since the last build, when an edit can be patched: the stories whose
    article or gloss file changed, the static files (templates/static/…), the registry, the
    media files replaced (media/…)."""

    stories: frozenset[str]
    static: frozenset[str]
    registry: bool
    media: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.stories or self.static or self.registry or self.media)


def changed_inputs(
    before: Mapping[str, Stamped],
    now: Mapping[str, Stamped],
    stories: Mapping[str, object],
) -> Changes | None:
    """What changed; None when anything else did (a file added or deleted included)."""
    found: set[str] = set()
    static: set[str] = set()
    media: set[str] = set()
    registry = False
    for name in changed_names(before, now):
        old, new = before.get(name), now.get(name)
        if name.startswith(STATIC) and old is not None and new is not None:
            static.add(name.removeprefix(STATIC))  # a changed stylesheet, script or font
            continue
        if name == REGISTRY_FILE and old is not None and new is not None:
            registry = True
            continue
        if name.startswith(INPUT_PREFIX):
            if not is_media(name):
                continue  # a hidden file there (.DS_Store): not published
            if old is None or new is None:
                return None  # a media file added or deleted
            media.add(name.removeprefix("content/"))
            continue
        story = story_of(name)
        if story is None or story not in stories:
            return None  # not an article or gloss, or a new article: a full build
        if name.startswith("content/ar/") and (old is None or new is None):
            return None  # an article was added or deleted
        found.add(story)
    return Changes(frozenset(found), frozenset(static), registry, frozenset(media))


def copied_files(templates: Path, changes: Changes) -> list[OutputFile]:
    """The changed static files, as the full build copies them."""
    return [
        OutputFile(f"static/{name}", (templates / "static" / name).read_bytes())
        for name in sorted(changes.static)
    ]


def copied_media(root: Path, changes: Changes, used: Container[str]) -> list[tuple[str, Path]]:
    """The changed media files some page `used` (the full build publishes no other:
    build/media.py): each one's path in the site and its file, copied a block at a time
    (a video may weigh hundreds of MB)."""
    return [(name, root / "content" / name) for name in sorted(changes.media) if name in used]
