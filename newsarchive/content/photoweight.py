"""When a photo an article shows is heavy for a reader on a phone, and what the editor can do
about it (pure).

`loading="lazy"` does not spare a phone a photo at the top of an article: it is on the first
screen, so the browser fetches it at once, whatever it weighs (a 5.8 MB PNG was published
with no word said). A photo is heavy when it weighs more than PHONE_BYTES: twenty article
pages (25 kB each) and seconds on a slow mobile link, where a camera's photo saved as JPEG
TARGET_WIDTH wide weighs 150-400 kB. Or when it is wider than WIDEST, more pixels than any
screen draws: the text column is at most 27 em of 18 px (486 CSS px), 1,458 device pixels on
a phone of 3 device pixels a CSS pixel. The build does not resize photos itself (the editor's
file is published as it is); the warning says how heavy the photo is and how to lighten it.
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
_HEAVY = " is heavy for a phone: "  # in every such warning (one_warning_per_photo)


def _weight(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count / 1000:.0f} kB"


def heavy_photo(photo: str, size: Size, weight: int) -> str:
    """The warning for an image of content/ (`photo`: media/…) of `size` px and `weight`
    bytes when it is heavy for a phone; "" when it is not."""
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
        f"content/{photo}{_HEAVY}{_weight(weight)}, {width}×{height} px ({'; '.join(over)}), "
        f"which a phone downloads whole when the page opens. {to_do} as JPEG (WebP for a "
        f"drawing or a screenshot), e.g. with ImageMagick in content/{folder}/: "
        f"convert {name}{resize} -quality 80 {lighter}; then show {lighter} instead"
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
        if _HEAVY not in message or diagnostic.severity != "warning":
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
