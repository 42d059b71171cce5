"""The files readers see or download (photos, PDFs): the files of content/media/ that some
page shows or links, published as they are at site/media/, and the sizes of its images; the
renditions of the photos pages show resized, published beside them (photos.py) (I/O).

A file no page uses is not published, and the build notes it at its path: deleting an
article (a removal for a legal reason) must take away the photo only it showed, and the old
file of a photo replaced under a new name must not stay at its address. The pages that can
show or link a media file are an article's and its English page (their feeds carry the same
text, and no page has an Open Graph image): the links their views keep (media_used). A
withdrawn article's page shows none of its text, so none of its files.

Which files there are comes from the build's inputs (every file under content/ is one,
build/cache.py), so a full build and an edit's see the same ones. An article's page holds
its images' sizes, and a link to a file gone is an error, so a change under media/ makes
again the articles that show or link the file (the snapshot's skeleton records which): a
file replaced under its name is patched in place (changes.py), one added or deleted builds
in full keeping every other article (keptarticles.py). Adding and deleting published files
besides pages in a patch was left out. At 2,000 articles (the benchmark corpus, two cores
shared with other work, load 3-6, so the full builds' figures are loose) a photo one
article shows, replaced, patched in 0.08-0.11 s; a photo added took 3.7-17 s, a full build
that keeps no article (site.toml edited) 8-19 s, over the same three runs. So is an edit
that changes which media files an article shows or links (pages/kinds.py, patchable): a
file may join the site or leave it.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TypeVar

from ..assembly.views import ArticleView
from ..content.imagesize import HEAD, Size, image_size
from ..content.links import MEDIA, Linking, media_linked, media_resized
from ..content.photocredit import NO_CREDIT, Credit, read_credit
from ..content.photosizes import Renditions, rendition_key, renditions_pattern
from ..content.removednames import removed_in_file_names, removed_names
from ..content.videoshape import Read, Shape, video_shape
from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.hosts import SiteSize
from ..core.model import OutputFile, SiteConfig
from ..entities.registry import Registry
from .inputfiles import Stamped, names_under
from .output import copy_in
from .photos import photos_folder, rendition_files, renditions_of

Found = TypeVar("Found")
INPUT_PREFIX = f"content/{MEDIA}"  # the build record's names of the media files


def is_media(name: str) -> bool:
    """Whether a build input's name is a media file: under content/media/, not hidden (a
    .DS_Store or an editor's temporary file is none), nor what Windows' file explorer leaves
    in a folder it shows (Thumbs.db, desktop.ini): an error for either stopped the build."""
    own = name.rsplit("/", 1)[-1]
    return name.startswith(INPUT_PREFIX) and not own.startswith(".") and not _explorers(own)


def _explorers(name: str) -> bool:
    return name.lower() in EXPLORERS_FILES


EXPLORERS_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})


def media_names(inputs: Iterable[str]) -> frozenset[str]:
    """The media files (media/…, relative to content/) among the build's input names."""
    return frozenset(name.removeprefix("content/") for name in inputs if is_media(name))


def linking(
    content: Path,
    config: SiteConfig,
    media: frozenset[str],
    stamps: Mapping[str, Stamped] | None = None,
) -> Linking:
    """How this build resolves links: its config, its media files, their images' sizes
    (each read once, from its header, when a page first shows it), their bytes, their
    photos' credits, their videos' shapes and lengths (each read once, from its headers),
    and their renditions (photos.py: from the cache, by the digest of the file's bytes its
    input `stamps` hold; without them, the file is read to hash it)."""
    cached = photos_folder(content.parent)

    @cache
    def size_of(name: str) -> Size | None:
        return read_image_size(content / name) if name in media else None

    @cache
    def bytes_of(name: str) -> int:
        try:
            return (content / name).stat().st_size if name in media else 0
        except OSError:  # gone since the build looked: the next build sees it gone
            return 0

    @cache
    def renditions(name: str, size: Size) -> Renditions | str | None:
        if name not in media:
            return None
        return renditions_of(cached, name, content / name, size[0], _digest(stamps, name))

    @cache
    def credit_of(name: str) -> Credit:
        return read_photo_credit(content / name) if name in media else NO_CREDIT

    @cache
    def shape_of(name: str) -> Shape | None:
        return read_video_shape(content / name) if name in media else None

    return Linking(config, media, size_of, bytes_of, renditions, credit=credit_of, shape=shape_of)


def _digest(stamps: Mapping[str, Stamped] | None, name: str) -> bytes | None:
    stamp = None if stamps is None else stamps.get(f"content/{name}")
    return None if stamp is None else stamp[3]


# The addresses `status` and `gloss` resolve are shown nowhere, so they read no site.toml: its
# base path changes where a link leads, never whether it can be published.
_SHOWN_NOWHERE = SiteConfig("", "", "/")


def checking_links(content: Path, media: frozenset[str]) -> Linking:
    """How `status` and `gloss` check an article's links, as the build does: against these
    media files (media/…) and the sizes of their images."""
    return linking(content, _SHOWN_NOWHERE, media)


def media_in(content: Path) -> frozenset[str]:
    """The media files (media/…) under content/, found as a build finds its inputs (for
    `status` and `gloss`, which have no build's inputs to take them from)."""
    return media_names(names_under(str(content / MEDIA), INPUT_PREFIX))


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


def read_photo_credit(file: Path) -> Credit:
    """The credit a photo's file gives (content/photocredit.py reads the parts it needs)."""
    return _parts_read(file, read_credit, NO_CREDIT)


def read_video_shape(file: Path) -> Shape | None:
    """The shape and length of the video or sound in `file` (content/videoshape.py reads the
    few headers it needs: never the picture of a 300 MB video)."""
    return _parts_read(file, video_shape, None)


def _parts_read(file: Path, reader: Callable[[Read], Found], failed: Found) -> Found:
    """What `reader` finds in `file` reading only the parts it asks for (offset, size);
    `failed` when the file cannot be opened or read."""
    try:
        with open(file, "rb") as opened:

            def read(at: int, size: int) -> bytes:
                opened.seek(at)
                return opened.read(size)

            return reader(read)
    except OSError:
        return failed


def media_used(views: Iterable[ArticleView]) -> frozenset[str]:
    """The media files (media/…) the pages of these articles show or link."""
    return frozenset().union(*(media_linked(view.links) for view in views))


def photos_resized(views: Iterable[ArticleView]) -> frozenset[str]:
    """The photos (media/…) the pages of these articles show in renditions."""
    return frozenset().union(*(media_resized(view.links) for view in views))


def rendition_sources(
    root: Path, links: Linking, photos: Iterable[str], stamps: Mapping[str, Stamped]
) -> list[tuple[str, Path]]:
    """(site path, cached file) of each rendition of these photos (media/…) of the project
    at root, made now if the cache lost them. One that cannot be made fails the build."""
    found: list[tuple[str, Path]] = []
    folder = photos_folder(root)
    for name in sorted(photos):
        size = links.image_size(name)
        sized = None if size is None else links.renditions(name, size)
        digest = stamps[f"content/{name}"][3]
        if isinstance(sized, str) or size is None:
            why = sized if isinstance(sized, str) else "it is gone"
            raise BuildFailed([Diagnostic(f"content/{name}", 1, f"cannot be resized: {why}")])
        if sized is not None:
            found += rendition_files(folder, name, sized, digest)
    return found


def replaced_renditions(
    root: Path,
    site: Path,
    photos: Iterable[str],
    stamps: tuple[Mapping[str, Stamped], Mapping[str, Stamped]],
) -> tuple[list[OutputFile], list[str]]:
    """The renditions of these photos (media/…), replaced under their names since the last
    build (`stamps`: its inputs' and now's): the new ones' files, and the paths in `site` of
    the old ones (named by the old bytes' key), which leave it."""
    before, now = stamps
    files: list[OutputFile] = []
    gone: list[str] = []
    folder, content = photos_folder(root), root / "content"
    for name in sorted(photos):
        digest, size = now[f"content/{name}"][3], read_image_size(content / name)
        sized = (
            None if size is None else renditions_of(folder, name, content / name, size[0], digest)
        )
        if isinstance(sized, Renditions):
            pairs = rendition_files(folder, name, sized, digest)
            files += [OutputFile(path, source.read_bytes()) for path, source in pairs]
        if f"content/{name}" in before:
            old = renditions_pattern(name, rendition_key(name, before[f"content/{name}"][3]))
            where = posixpath.dirname(name)
            with contextlib.suppress(OSError):
                published = os.listdir(site / where)
                gone += [f"{where}/{file}" for file in sorted(published) if old.fullmatch(file)]
    return files, gone


UNUSED = (
    "not published: no article uses it (no article or gloss shows or links this file, so "
    "the site leaves it out; link it from one, or delete it)"
)


def unused_media(media: Iterable[str], used: frozenset[str]) -> list[Diagnostic]:
    """A note at each media file (media/…) that no page uses (`used`), once per file."""
    return [
        Diagnostic(f"content/{name}", 1, UNUSED, "note")
        for name in sorted(media)
        if name not in used
    ]


def publish_media(
    content: Path, media: frozenset[str], folder: Path, replacing: Path | None
) -> SiteSize:
    """Copy each media file (those pages use) into the new site's folder as it is, a block
    at a time (a 300 MB video is never held in memory); one whose bytes equal the replaced
    site's file is linked to it (output.py). The bytes and files written."""
    return copy_in(folder, ((name, content / name) for name in sorted(media)), replacing)


# What content/media/ may publish: photos, documents, sound and video, which a browser shows
# or downloads. Not pages, scripts or SVG: a file there is served from the site's own address,
# so an .html or .svg file an editor pasted could run its scripts as the site (content is not
# trusted: SECURITY.md).
PUBLISHED_KINDS = frozenset(
    [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".avif",
        ".pdf",
        ".mp3",
        ".m4a",
        ".ogg",
        ".oga",
        ".opus",
        ".mp4",
        ".webm",
        ".csv",
        ".txt",
        ".zip",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
    ]
)


PHONE_PHOTOS = frozenset([".heic", ".heif"])  # an iPhone's: Safari shows them, little else


def media_name_problems(
    content: Path, media: Iterable[str], registry: Registry
) -> list[Diagnostic]:
    """What a full build and `status` say of the files of content/media/ (media/…): those
    the site must not publish (media_problems), and those whose name names an entry removed
    from `registry` (an edit's build never meets the second: a file added, or an entry marked
    removed, builds in full)."""
    media = sorted(media)
    return media_problems(content, media) + removed_in_file_names(removed_names(registry), media)


def media_problems(content: Path, media: Iterable[str]) -> list[Diagnostic]:
    """An error for each media file the site must not publish: of a kind that could run
    scripts on the site (a symbolic link, here as anywhere in content/, stops the build
    before: build/engine.py)."""
    found: list[Diagnostic] = []
    for name in sorted(media):
        path = f"content/{name}"
        kind = PurePosixPath(name).suffix.lower()
        if kind in PHONE_PHOTOS:
            message = (
                f"a {kind} photo (a phone's) is not published from content/media/: few "
                "browsers show one; save it as a JPEG (.jpg) and show that"
            )
            found.append(Diagnostic(path, 1, message))
        elif kind not in PUBLISHED_KINDS:
            shown = f"a {kind} file" if kind else "a file without an ending"
            found.append(
                Diagnostic(
                    path,
                    1,
                    f"{shown} is not published from content/media/: photos, documents, sound "
                    f"and video are ({' '.join(sorted(PUBLISHED_KINDS))}); a page or an SVG "
                    "image there could run scripts as the site",
                )
            )
    return found
