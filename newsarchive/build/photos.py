"""The renditions of the photos articles show, made with Pillow and kept in the build cache
by the photo's content hash (I/O; content/photosizes.py says which and how they are named).

A photo is decoded and resized once: its renditions go to ROOT/.cache/photos/<FORMAT>/<the
sha256 of its bytes>/, with what was made (renditions.json), and every later build, an
edit's or a full one, finds them there; a no-op build does not even look. The site's copies
are hard links to the cache's files (the bytes are neither read nor written again: a full
build over 1,000 photos would otherwise copy their 3,000 renditions), so they keep their
inode from build to build. A full build drops the cache's photos that content/media/ no
longer has. Pillow is imported only when a photo is made: a build of an archive without
photos, or whose photos are all made already, never loads it.

What a rendition is:
- a JPEG (quality 80, progressive) for a photo; a photo saved as PNG, WebP or AVIF (a
  camera's photo exported from an editor) is one too, unless it has transparency or is a
  drawing (a chart, a map, a screenshot: at most DRAWING_COLOURS colours, or grey or palette
  pixels), which keep their PNG or WebP (JPEG would blur their lines and lose the see-through
  parts), an AVIF's as WebP;
- turned upright by the photo's Exif orientation, as browsers show it, and saved with no
  orientation left to apply;
- stripped of the metadata: GPS position (which can tell where a source lives), camera
  serial numbers, dates, the Exif thumbnail (which can show the photo before it was
  cropped), XMP and IPTC blocks and comments. Kept: the photographer (Exif Artist) and the
  copyright notice (Exif Copyright), in UTF-8, as content/photocredit.py reads them from
  the original's Exif, IPTC, XMP or PNG texts (the page shows the same credit), because a
  photo's licence (an agency's, a Creative Commons one) asks for its credit to stay with the
  photo; and the colour profile, without which colours shift. The original, with all of it,
  stays published and linked.
An animated PNG or WebP is not resized (its renditions would stop it), nor a photo Pillow
refuses as a decompression bomb (over 179 megapixels): both are published as they are.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import shutil
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.atomic import replace_file
from ..content.photocredit import ARTIST, COPYRIGHT, NO_CREDIT, Credit, photo_credit
from ..content.photosizes import FORMAT, KINDS, Renditions, rendition_key, rendition_widths

if TYPE_CHECKING:
    from PIL import Image

PHOTOS = "photos"  # under ROOT/.cache/
PLAN = "renditions.json"
JPEG_QUALITY = 80
WEBP_QUALITY = 80
DRAWING_COLOURS = 1024  # at most this many colours (sampled): a drawing, not a photo
SAMPLED = 512  # px: the width the colours are counted at
ORIENTATION = 0x0112  # an Exif tag


def photos_folder(root: Path) -> Path:
    """Where a project's renditions are kept (FORMAT's folder: another one is not read)."""
    return root / ".cache" / PHOTOS / str(FORMAT)


class Unreadable(Exception):
    """A photo that cannot be decoded (truncated, damaged, not what its name says)."""


def renditions_of(
    folder: Path, photo: str, file: Path, width: int, digest: bytes | None
) -> Renditions | str | None:
    """The renditions of the photo `photo` (media/…, its file `file`, `width` px wide as
    shown, its bytes' sha256 `digest` if known): from the cache, else made and kept there.
    None when it gets none (narrow enough, animated); a sentence saying why when it cannot
    be read, or changed while the build read it."""
    widths = rendition_widths(width)
    if not widths:
        return None
    data = None
    if digest is None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            return f"it cannot be read ({exc.strerror})"
        digest = hashlib.sha256(data).digest()
    entry = folder / digest.hex()
    kind = _planned(entry, widths)
    if kind is None:
        try:
            kind = _made(entry, file, widths, digest, data)
        except Unreadable as exc:
            return str(exc)
    return Renditions(kind, widths, rendition_key(photo, digest)) if kind else None


def rendition_files(
    folder: Path, photo: str, renditions: Renditions, digest: bytes
) -> Iterator[tuple[str, Path]]:
    """(site path, cached file) of each rendition of `photo`."""
    entry = folder / digest.hex()
    for width in renditions.widths:
        yield renditions.path(photo, width), entry / f"{width}.{renditions.kind}"


def keep_only(folder: Path, digests: Iterable[bytes]) -> None:
    """Drop the cached renditions of every photo whose bytes are none of these (a full
    build's media files), and those of another FORMAT."""
    wanted = {digest.hex() for digest in digests}
    with contextlib.suppress(OSError):
        for other in folder.parent.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
        for entry in folder.iterdir():
            if entry.name not in wanted:
                shutil.rmtree(entry, ignore_errors=True)


def _planned(entry: Path, widths: tuple[int, ...]) -> str | None:
    """What the cache holds for these widths: the renditions' kind, "" when the photo gets
    none, None when nothing usable is there (then it is made again)."""
    try:
        plan = json.loads((entry / PLAN).read_text(encoding="utf-8"))
        kind, made = plan["kind"], tuple(plan["widths"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if kind == "" and made == ():
        return ""
    if kind not in KINDS or made != widths:
        return None
    if not all((entry / f"{width}.{kind}").is_file() for width in widths):
        return None
    return str(kind)


def _made(
    entry: Path, file: Path, widths: tuple[int, ...], digest: bytes, data: bytes | None
) -> str:
    """Make the renditions into the cache entry, one process at a time (two workers may
    render articles showing the same photo): their kind, "" when the photo gets none."""
    try:
        entry.mkdir(parents=True, exist_ok=True)
        lock = os.open(entry, os.O_RDONLY | os.O_CLOEXEC)
    except OSError as exc:  # the site's copies are linked from there: none without it
        raise Unreadable(f"{entry.parent} cannot be written ({exc.strerror})") from exc
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        kind = _planned(entry, widths)  # made by another while this one waited
        return kind if kind is not None else _encoded(file, widths, digest, data, entry)
    finally:
        os.close(lock)


def _encoded(
    file: Path, widths: tuple[int, ...], digest: bytes, data: bytes | None, entry: Path
) -> str:
    """Decode the photo, make its renditions and write them into `entry`."""
    try:
        data = file.read_bytes() if data is None else data
    except OSError as exc:
        raise Unreadable(f"it cannot be read ({exc.strerror})") from exc
    if hashlib.sha256(data).digest() != digest:
        raise Unreadable("it changed while the build read it: build again")
    made = make_renditions(data, widths)
    kind = made[0] if made else ""
    try:  # what was made last: a build stopped half-way leaves no plan, and makes them again
        for width, encoded in (made[1] if made else {}).items():
            replace_file(entry / f"{width}.{kind}", encoded)
        plan = {"kind": kind, "widths": list(widths) if made else []}
        replace_file(entry / PLAN, json.dumps(plan).encode())
    except OSError as exc:  # a full disk: the build says so at the photo's line
        raise Unreadable(f"its renditions cannot be written to {entry} ({exc.strerror})") from exc
    return kind


def make_renditions(data: bytes, widths: tuple[int, ...]) -> tuple[str, dict[int, bytes]] | None:
    """The renditions of the photo whose file's bytes are `data`, each of these widths: their
    kind and bytes by width; None for an animated photo or one too large to decode."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG", "WEBP", "AVIF", "GIF"))
            if image.format == "GIF" or getattr(image, "is_animated", False):
                return None  # a GIF under another name: shown as it is, as a .gif is
            source, credit = image.format, photo_credit(data)
            _draft(image, widths[-1])
            image.load()
    except Image.DecompressionBombError:
        return None
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError…: all mean damage
        raise Unreadable(f"it cannot be read as an image ({_why(exc)})") from exc
    kind, drawing = _kind(image, source)
    profile = image.info.get("icc_profile") if image.mode != "CMYK" else None
    shown = _shown(image)
    widest = _widest(image, widths[-1], kind)
    del image  # the decoded photo, often most of the memory: the narrower ones come from widest
    exif = _exif(credit)
    made = {}
    for width in widths:
        height = max(1, round(shown[1] * width / shown[0]))
        copy = widest if width == widest.width else _resized(widest, width, height)
        if drawing and kind == "png":  # its few colours again: a third of the bytes
            copy = _palette(copy)
        copy.info = {}  # what the savers would carry over (a comment, the transparency…)
        made[width] = _saved(copy, kind, exif, profile)
    return kind, made


def _shown(image: Image.Image) -> tuple[int, int]:
    """The photo's width and height as a browser shows it, turned by its Exif orientation."""
    turned = image.getexif().get(ORIENTATION) in (5, 6, 7, 8)
    return (image.height, image.width) if turned else image.size


def _widest(image: Image.Image, width: int, kind: str) -> Image.Image:
    """The widest rendition, `width` px wide, upright and in the mode it is saved in, resized
    straight from the decoded photo and turned after: a full-size copy of a 143-megapixel PNG
    (turned, or converted) would take 570 MB more. Only pixels Pillow cannot resize as they
    are (palette, bilevel, 16-bit grey: 1 or 2 bytes a pixel; a JPEG's CMYK, decoded no larger
    than needed) are converted first; a see-through photo is copied once, premultiplied by
    its alpha, inside Pillow's resize."""
    from PIL import ImageOps

    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = _for(image, kind)
    shown = _shown(image)
    height = max(1, round(shown[1] * width / shown[0]))
    if width != shown[0]:
        turned = shown != image.size
        image = _resized(image, *((height, width) if turned else (width, height)))
    ImageOps.exif_transpose(image, in_place=True)
    return _for(image, kind)


def _why(exc: Exception) -> str:
    """Pillow's reason in plain words where it has some."""
    said = str(exc).strip().rstrip(".")
    if "truncated" in said or isinstance(exc, EOFError):
        return "the file ends before its image does: it was copied or downloaded only in part"
    return f"the file is damaged: {said or type(exc).__name__}"


def _draft(image: Image.Image, widest: int) -> None:
    """Let a JPEG decode at a half, a quarter or an eighth of its size when the widest
    rendition needs no more (a camera's 24-megapixel photo decodes 8 to 60 times faster)."""
    if image.format != "JPEG":
        return
    turned = image.getexif().get(ORIENTATION) in (5, 6, 7, 8)
    shown_width = image.height if turned else image.width
    scale = widest / shown_width
    wanted = (max(1, int(image.width * scale + 1)), max(1, int(image.height * scale + 1)))
    image.draft(image.mode, wanted)


def _kind(image: Image.Image, source: str | None) -> tuple[str, bool]:
    """jpg for a photo; png or webp, as the original (webp for an AVIF), for a drawing or a
    photo with transparency; and whether it is a drawing."""
    if source == "JPEG":
        return "jpg", False
    keep = "png" if source == "PNG" else "webp"
    if image.mode in ("1", "L", "P", "LA", "PA") or image.mode.startswith("I"):
        return keep, False  # grey or palette pixels: a drawing, or a photo as it is best kept
    from PIL import Image

    sample = image  # sampled before it is converted: no full-size copy of a large photo
    if sample.width > SAMPLED:  # every colour of a drawing is still there, a photo's mostly
        height = max(1, round(sample.height * SAMPLED / sample.width))
        sample = sample.resize((SAMPLED, height), Image.Resampling.NEAREST)
    if sample.convert("RGB").getcolors(DRAWING_COLOURS) is not None:
        return keep, True
    if image.mode in ("RGBA", "RGBa"):
        alpha = image.getextrema()[-1]  # the alpha band's (lowest, highest), with no copy
        if isinstance(alpha, tuple) and alpha[0] < 255:  # see-through somewhere
            return keep, False
    return "jpg", False


def _for(image: Image.Image, kind: str) -> Image.Image:
    """The image in the mode its renditions are resized and saved in."""
    if image.mode.startswith("I"):  # 16-bit grey: to 8 bits, as a browser shows it
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if kind == "jpg":
        return image if image.mode in ("L", "RGB") else image.convert("RGB")
    if image.mode in ("L", "RGB", "RGBA"):
        return image
    transparent = image.mode in ("LA", "PA", "RGBa") or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    from PIL import Image

    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _palette(image: Image.Image) -> Image.Image:
    from PIL import Image

    method = Image.Quantize.FASTOCTREE if image.mode == "RGBA" else Image.Quantize.MEDIANCUT
    return image.quantize(256, method, dither=Image.Dither.NONE)


def _saved(image: Image.Image, kind: str, exif: bytes, profile: Any) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {"exif": exif} if exif else {}
    if profile:
        options["icc_profile"] = profile
    if kind == "jpg":
        image.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True, **options)
    elif kind == "png":
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, **options)
    return out.getvalue()


def _exif(credit: Credit) -> bytes:
    """An Exif block holding only the credit, in UTF-8 (b"" when there is none)."""
    if credit == NO_CREDIT:
        return b""
    from PIL import Image

    exif = Image.Exif()
    for tag, value in zip((ARTIST, COPYRIGHT), credit, strict=True):
        if value:
            exif[tag] = value.encode()
    return exif.tobytes()
