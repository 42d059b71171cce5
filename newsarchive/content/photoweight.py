"""When a photo an article shows is heavy, for a reader on a phone or for the site, and what
the editor can do about it (pure).

A photo the build resizes (content/photosizes.py: a JPEG, PNG, WebP or AVIF wider than 480 px, not
animated) reaches readers as a copy that fits their screen, at most 1,600 px wide: however
heavy the original, a phone does not download it. The original is still published, linked
from the photo for download, and counts towards the host's limit on the site's size
(GitHub Pages: 1 GB), so a resized photo is heavy only past SITE_BYTES: more than a
camera's photo saved as JPEG (3-8 MB), which the archive means to keep.

Any other photo (a GIF, an animation, one no wider than 480 px, one of over 179 megapixels)
is published as it is, and `loading="lazy"` does not spare a phone one at the top of an
article: it is on the first screen, so the browser fetches it at once, whatever it weighs (a
5.8 MB PNG was published with no word said). Such a photo is heavy when it weighs more than
PHONE_BYTES: twenty article pages (25 kB each) and seconds on a slow mobile link, where a
camera's photo saved as JPEG TARGET_WIDTH wide weighs 150-400 kB. Or when it is wider than
WIDEST, more pixels than any screen draws: the text column is at most 27 em of 18 px (486
CSS px), 1,458 device pixels on a phone of 3 device pixels a CSS pixel. The warning says how
heavy the photo is and how to lighten it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import replace

from ..core.diagnostics import Diagnostic
from .imagesize import Size

PHONE_BYTES = 500_000  # 500 kB
WIDEST = 2_000  # px
TARGET_WIDTH = 1_500  # px: the widest the text column is drawn, on a 3x phone screen
SITE_BYTES = 10_000_000  # 10 MB: a resized photo's original heavier than this is warned of
KEPT_WIDTH = 4_000  # px: wide enough for print, which an original past SITE_BYTES is cut to
_HEAVY = (" is heavy for a phone: ", " is heavy for the site: ")  # one_warning_per_photo


def _weight(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count / 1000:.0f} kB"


def heavy_photo(photo: str, size: Size, weight: int, resized: bool = False) -> str:
    """The warning for an image of content/ (`photo`: media/…) of `size` px and `weight`
    bytes when it is heavy, for a phone or (`resized`: readers get its renditions) for the
    site; "" when it is not."""
    if resized:
        return _heavy_original(photo, size, weight)
    width, height = size
    if weight <= PHONE_BYTES and width <= WIDEST:
        return ""
    folder, name = posixpath.split(photo)
    stem, kind = posixpath.splitext(name)
    lighter = f"{stem}-{TARGET_WIDTH}.jpg" if kind.lower() in (".jpg", ".jpeg") else f"{stem}.jpg"
    resize = f" -resize {TARGET_WIDTH}x" if width > TARGET_WIDTH else ""
    over = [f"over {_weight(PHONE_BYTES)}"] if weight > PHONE_BYTES else []
    if width > WIDEST:
        over.append(f"over {WIDEST:,} px wide, where no screen shows more than {TARGET_WIDTH:,}")
    to_do = f"Resize it to {TARGET_WIDTH:,} px wide and save it" if resize else "Save it"
    return (
        f"content/{photo}{_HEAVY[0]}{_weight(weight)}, {width}×{height} px ({'; '.join(over)}), "
        "which a phone downloads whole when the page opens: the build makes smaller copies "
        "only of JPEG, PNG, WebP and AVIF photos wider than 480 px and not animated. "
        f"{to_do} as JPEG (WebP for a drawing or a screenshot), e.g. with ImageMagick in "
        f"content/{folder}/: convert {name}{resize} -quality 80 {lighter}; then show {lighter} "
        "instead"
    )


def _heavy_original(photo: str, size: Size, weight: int) -> str:
    """The warning for a resized photo whose original is heavy for the site ("" if not)."""
    if weight <= SITE_BYTES:
        return ""
    width, height = size
    folder, name = posixpath.split(photo)
    stem = posixpath.splitext(name)[0]
    lighter = f"{stem}-{KEPT_WIDTH}.jpg" if width > KEPT_WIDTH else f"{stem}-kept.jpg"
    resize = f" -resize {KEPT_WIDTH}x" if width > KEPT_WIDTH else ""
    return (
        f"content/{photo}{_HEAVY[1]}{_weight(weight)}, {width}×{height} px (over "
        f"{_weight(SITE_BYTES)}). Readers get a copy that fits their screen, but the original "
        "is published too, for download from the photo, and counts towards the host's limit "
        "on the site's size. Unless the archive must keep this very file, save it lighter, "
        f"e.g. with ImageMagick in content/{folder}/: convert {name}{resize} -quality 90 "
        f"{lighter}; then show {lighter} instead"
    )


def one_warning_per_photo(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with one warning for each heavy photo: the first (in their order) of
    the articles showing it, saying how many others do. Each article keeps its own in the
    build's record, so that an edit of one finds its warning again as a full build does; the
    build and `status` say it once."""
    kept: list[Diagnostic] = []
    first: dict[str, int] = {}  # a heavy photo's warning -> where it is in kept
    others: dict[str, int] = {}
    for diagnostic in diagnostics:
        message = diagnostic.message
        if diagnostic.severity != "warning" or not any(words in message for words in _HEAVY):
            kept.append(diagnostic)
        elif message in first:
            others[message] = others.get(message, 0) + 1
        else:
            first[message] = len(kept)
            kept.append(diagnostic)
    for message, count in others.items():
        also = f" ({count} other articles show it too)" if count > 1 else " (another shows it too)"
        kept[first[message]] = replace(kept[first[message]], message=message + also)
    return kept
