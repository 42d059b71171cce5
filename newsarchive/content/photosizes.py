"""The smaller copies of a photo an article shows, and how its <img> offers them (pure).

A photo wider than a phone needs is published as the editor saved it (the archive keeps the
original, and the photo links it for download) and in renditions RENDITION_WIDTHS wide,
never wider than the original, beside it at media/…: `media/2020/flood.png` gets
`media/2020/flood-480w.<key>.jpg`, `…-960w.<key>.jpg` and `…-1600w.<key>.jpg`. The key is a
hash of the photo's path and bytes (and of how renditions are made, FORMAT): a photo
replaced under its name gets other addresses, so no browser or cache shows the old copy with
the new page, and a patch deletes the old ones by their key (build/photos.py makes them).

The <img> names them in `srcset`, and `sizes` says how wide the text column is drawn
(templates/static/css/site.css): the whole screen less the page's margins on a phone, 27 em
of 16 px up to 40 rem, 27 em of 18 px above. A 360 px phone that draws 2 device pixels a CSS
pixel takes the 960 px copy, one of 1 the 480 px, a desktop screen the 960 or the 1,600.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass

RENDITION_WIDTHS = (480, 960, 1600)  # px; 1,600 covers the column on a phone of 3x (1,458)
FORMAT = 3  # how renditions are made (build/photos.py): another one makes them again
SIZES = "(max-width: 28.5rem) calc(100vw - 1.5rem), (max-width: 40rem) 27rem, 30.375rem"
KINDS = ("jpg", "png", "webp")  # what a rendition is saved as
RESIZED = (".jpg", ".jpeg", ".png", ".webp", ".avif")  # the photos that get renditions
FALLBACK = 960  # px: the copy an old browser that reads no srcset shows, or the widest under


@dataclass(frozen=True)
class Renditions:
    """A photo's renditions: saved as `kind` (jpg, png or webp), these widths (px), named
    with `key` (rendition_key)."""

    kind: str
    widths: tuple[int, ...]
    key: str

    def path(self, photo: str, width: int) -> str:
        """Where the rendition `width` px wide of `photo` (media/…) is published."""
        stem = posixpath.splitext(photo)[0]
        return f"{stem}-{width}w.{self.key}.{self.kind}"

    def paths(self, photo: str) -> list[str]:
        """Where each rendition of `photo` is published, narrowest first."""
        return [self.path(photo, width) for width in self.widths]

    def fallback(self) -> int:
        """The width of the copy `src` names: the widest up to FALLBACK."""
        return max([width for width in self.widths if width <= FALLBACK] or self.widths[:1])


def rendition_widths(width: int) -> tuple[int, ...]:
    """The widths of the renditions of a photo `width` px wide: RENDITION_WIDTHS, each no wider
    than the photo (its own width in place of the wider ones); none for a photo no wider than
    the narrowest, which a phone takes as it is."""
    if width <= RENDITION_WIDTHS[0]:
        return ()
    return tuple(sorted({min(each, width) for each in RENDITION_WIDTHS}))


def is_resized(photo: str) -> bool:
    """Whether a media file (media/…) is of a kind that gets renditions (JPEG, PNG, WebP, AVIF:
    not a GIF, whose animation they would stop, nor a document)."""
    return posixpath.splitext(photo)[1].lower() in RESIZED


def rendition_key(photo: str, digest: bytes) -> str:
    """The 10 hex digits naming the renditions of `photo` (media/…) whose bytes have this
    sha256 digest: another path, other bytes or another FORMAT, another key."""
    named = f"{FORMAT}\0{photo}\0{digest.hex()}".encode()
    return hashlib.sha256(named).hexdigest()[:10]


def renditions_pattern(photo: str, key: str) -> re.Pattern[str]:
    """The names, in the photo's folder, of the renditions of `photo` named with `key`."""
    stem = posixpath.basename(posixpath.splitext(photo)[0])
    return re.compile(rf"{re.escape(stem)}-\d+w\.{key}\.(?:{'|'.join(KINDS)})")


# What every app that previews a shared link can show (docs/sharing.md): WhatsApp shows no
# image over 300 kB, nor one that is no JPEG or PNG; Facebook none under 200 × 200 px.
PREVIEW_KINDS = (".jpg", ".jpeg", ".png")
PREVIEW_BYTES = 300_000
PREVIEW_SMALLEST = 200  # px, each side


def preview_copy(
    photo: str, size: tuple[int, int], weight: int, sized: Renditions | None
) -> tuple[str, int, int] | None:
    """The copy of a photo (media/…, `size` px, `weight` bytes) a link preview can show, with
    its width and height: the rendition the page's `src` names (a JPEG of 960 px or less,
    80% quality: far under 300 kB), or the photo itself when it has no renditions and is
    light enough; None for an image no app would show (a GIF, a WebP, too small, too heavy)."""
    if sized is not None:
        width = sized.fallback()
        height = max(1, round(size[1] * width / size[0]))  # as build/photos.py makes it
        copy, shown = sized.path(photo, width), (width, height)
    elif weight <= PREVIEW_BYTES:
        copy, shown = photo, size
    else:
        return None
    if posixpath.splitext(copy)[1].lower() not in PREVIEW_KINDS:
        return None
    if min(shown) < PREVIEW_SMALLEST:
        return None
    return copy, *shown
