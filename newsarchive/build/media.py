"""The files readers see or download (photos, PDFs): content/media/ published as it is at
site/media/, and the sizes of its images (I/O).

Which files there are comes from the build's inputs (every file under content/ is one,
build/cache.py), so a full build and an edit's see the same ones. A change under media/ (a
file added, replaced or deleted) builds the site in full, without keeping any article's
pages (keptarticles.py: only article and gloss changes keep them): an article's page holds
its images' sizes and is an error when a file it links is gone, and a build does not know
which articles link which files without rendering them. On the demo archive that full build
takes about as long as any other (measured in docs/editors-guide.md's words: a second);
patching would need each page's media recorded in the snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ..content.imagesize import HEAD, Size, image_size
from ..content.links import MEDIA, Linking
from ..core.hosts import SiteSize
from ..core.model import OutputFile, SiteConfig
from .output import write_files

INPUT_PREFIX = f"content/{MEDIA}"  # the build record's names of the media files


def media_names(inputs: Iterable[str]) -> frozenset[str]:
    """The media files (media/…, relative to content/) among the build's input names; a
    hidden file (.DS_Store, an editor's temporary file) is none."""
    return frozenset(
        name.removeprefix("content/")
        for name in inputs
        if name.startswith(INPUT_PREFIX) and not name.rsplit("/", 1)[-1].startswith(".")
    )


def linking(content: Path, config: SiteConfig, media: frozenset[str]) -> Linking:
    """How this build resolves links: its config, its media files and their images' sizes
    (each read once, from its header, when a page first shows it)."""

    @cache
    def size_of(name: str) -> Size | None:
        return read_image_size(content / name) if name in media else None

    return Linking(config, media, size_of)


def read_image_size(file: Path) -> Size | None:
    """The size of the image in `file` (None: no image of a kind browsers show, or none):
    its first 64 KB, or the whole file when a JPEG's size comes after them."""
    try:
        with open(file, "rb") as opened:
            head = opened.read(HEAD)
            size = image_size(head)
            if size is None and head.startswith(b"\xff\xd8") and len(head) == HEAD:
                size = image_size(head + opened.read())
    except OSError:
        return None
    return size


def publish_media(
    content: Path, media: frozenset[str], folder: Path, replacing: Path | None
) -> SiteSize:
    """Copy each media file into the new site's folder as it is, one at a time (a photo
    archive is never held in memory); one whose bytes equal the replaced site's file is
    linked to it (output.py). The bytes and files written."""
    return write_files(folder, _media_files(content, media), replacing=replacing)


def _media_files(content: Path, media: frozenset[str]) -> Iterator[OutputFile]:
    for name in sorted(media):
        try:
            yield OutputFile(name, (content / name).read_bytes())
        except OSError:  # gone since the build looked: the next build sees it gone
            continue
