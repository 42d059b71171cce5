"""Images in article and gloss bodies -> how the published page shows them: the address, the
width and height, lazy loading, the renditions of a photo shown resized, the link to its
original; and what is wrong with an image that cannot be shown (pure; links.py resolves the
address as any link's).
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from urllib.parse import urlsplit

from ..core import urls
from .imagesize import KINDS
from .links import LinkContext, LinkNote, Resolved, link_target, resolve_shown
from .photosizes import SIZES, is_resized, preview_copy
from .photoweight import heavy_photo


def resolve_image(written: str, description: str, context: LinkContext, line: int) -> Resolved:
    """An image's published address, as resolve_link's, with its width, height and lazy
    loading when it is a file of content/media/, and its renditions when it has some (then
    the address is one of them, and the original's is the one to link); a warning when it
    is heavy for a phone or the site; an error for an image with no description, a local
    one that is no PNG, JPEG, GIF, WebP or AVIF file of content/media/, or one that cannot be
    decoded."""
    example = "وصف الصورة" if context.source.startswith("ar/") else "what it shows"
    undescribed = (
        f"an image needs a description for readers who cannot see it: ![{example}]({written})"
    )
    elsewhere = _not_here(written, context.source)
    resolved = resolve_shown(written, description, context, line, elsewhere, undescribed)
    if resolved.note is not None and resolved.note.problem:
        return resolved
    at = (f"content/{context.source}", context.first_line + line)
    if resolved.note is not None and resolved.note.story:  # a link to an article's page
        problem = f"{written} is a page, not an image: put the photo in content/media/"
        return Resolved(written, LinkNote(*at, written, problem))
    target = link_target(written, context.source)
    if target is None or target[0] == "site":  # a site address (a page's?): size unknown
        return resolved
    photo = target[1]
    size = context.linking.image_size(photo)
    if size is None:
        problem = (
            f"content/{photo} is no {KINDS} image: link it as a file, [{description}]({written})"
        )
        return Resolved(written, LinkNote(*at, written, problem))
    sized = context.linking.renditions(photo, size) if is_resized(photo) else None
    if isinstance(sized, str):
        problem = f"content/{photo} cannot be shown: {sized}; save it again, or show another file"
        return Resolved(written, LinkNote(*at, written, problem))
    # Decoded off the main thread: a large photo does not hold up the text scrolling past it.
    dimensions = (
        ("width", str(size[0])),
        ("height", str(size[1])),
        ("loading", "lazy"),
        ("decoding", "async"),
    )
    weight = context.linking.file_bytes(photo)
    heavy = heavy_photo(photo, size, weight, sized is not None)
    note = resolved.note
    if note is not None:
        credit = context.linking.credit(photo)
        preview = preview_copy(photo, size, weight, sized)
        note = replace(
            note, warning=heavy or note.warning, shown=size, credit=credit, preview=preview
        )
    if sized is None:
        return Resolved(resolved.href, note, dimensions)
    config = context.linking.config
    href = {width: urls.href(config, sized.path(photo, width)) for width in sized.widths}
    srcset = ", ".join(f"{href[width]} {width}w" for width in sized.widths)
    shown = (("srcset", srcset), ("sizes", SIZES), *dimensions)
    note = None if note is None else replace(note, resized=True)
    return Resolved(href[sized.fallback()], note, shown, resolved.href)


def _not_here(written: str, source: str) -> str:
    """Why an image that is no file of this site cannot be shown: one on another host is
    fetched by every reader's browser from there, telling that host who reads the page (a
    tracking pixel) and vanishing when it does; the site loads nothing from another host."""
    media = posixpath.relpath("media", posixpath.dirname(source))
    how = (
        "save the file into content/media/ (content/media/2020/photo.jpg) and show it from "
        f"there: ![…]({media}/2020/photo.jpg)"
    )
    try:
        host = urlsplit(written).hostname if "//" in written else None
    except ValueError:  # `//[::1` : an address no browser would fetch, but still not here
        host = None
    if host:
        return (
            f"'{written}' is an image on another site ({host}), which every reader's browser "
            f"would fetch from there, telling it who reads the page: {how}"
        )
    return f"'{written}' is no image file of this site: {how}"
