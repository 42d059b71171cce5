"""A recording in an article or gloss body (a statement, a press conference, an interview)
-> the player a page shows it in (pure; links.py resolves the address as any link's).

An editor shows a sound or video file of content/media/ as a photo, with Markdown's image:
`![تصريح المتحدث](../../../media/2020/statement.mp3 "المتحدث في المؤتمر الصحفي")`. It becomes
the browser's own player, `<audio>` or `<video>`, with its controls, named by the
description for screen readers; alone in its paragraph with a title, a figure whose caption
the translator translates (figures.py), as a photo's. Nothing plays by itself, and nothing
is downloaded until the reader presses play (`preload="none"`): a page with a 40 MB video
costs a phone what a page without one does. Under the player a link to the file (its name
and size) lets a reader keep it, or hear it where the browser cannot play its kind (Safari
and .ogg). A video's player has the file's width and height as it is shown (a phone's
upright recording upright: videoshape.py reads them from the file's headers), so the
stylesheet gives it a box of that shape before anything loads, and the page does not move;
one whose shape cannot be read keeps a 16:9 box (the video letterboxed in it) and the build
warns at it. The link says how long it plays when the file says so (MP4, M4A, WebM): a
player shows no length until the reader presses play. An MP3's or Ogg's length would need
their frames counted (mutagen does that); their link gives their size only.
The link's name and size stay in Latin letters and the site's digits, isolated as one run,
on both pages: the English page shows the Arabic block's figure (figures.py), link and all.
What the link says around them is the page's own (strings.toml, `download_clip`: «تنزيل …»,
"Download …"), put in when the page is rendered (labelled_downloads), since one block's
HTML serves both pages; on the English page a link inside an Arabic figure is marked English.
The markup passes the Nu Html Checker, a player inside a paragraph too (both elements are
phrasing content; aria-label is allowed on them: tests/test_media_clips.py). Its note keeps
the file's size: the language feeds enclose the recording for podcast apps (enclosures.py).

A recording on another site (`https://…/clip.mp4`, YouTube) is an error, as an image there
is: the reader's browser would fetch it from that site, which learns who reads the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from .links import LinkContext, LinkNote, Resolved, resolve_shown
from .mentionmarks import escape_html
from .videoshape import Shape

# Each kind of recording's media type, as a feed's enclosure names it: a podcast app picks
# its player by it (Opus is published in an Ogg file).
CLIP_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
VIDEO = frozenset(end for end, kind in CLIP_TYPES.items() if kind.startswith("video/"))


def clip_type(written: str) -> str:
    """The media type of the sound or video file an address names (by its ending), or ''."""
    path = written.split("#", 1)[0].split("?", 1)[0]
    return CLIP_TYPES.get(posixpath.splitext(path)[1].lower(), "")


def is_clip(written: str) -> bool:
    """Whether an image's address names a sound or video file (by its ending)."""
    return bool(clip_type(written))


def resolve_clip(
    written: str, description: str, context: LinkContext, line: int
) -> tuple[Resolved, str]:
    """A recording's published address and note, as resolve_link's, and the HTML of its
    player and download link ('' with a problem: one on another site, with no description,
    or not a file of content/media/)."""
    media = posixpath.relpath("media", posixpath.dirname(context.source))
    elsewhere = (
        f"'{written}' is a recording on another site: every reader's browser would fetch "
        "it from there, telling that site who reads the page; save the file into "
        f"content/media/ and show it from there: ![…]({media}/2020/statement.mp3)"
    )
    example = "ما يُسمع فيه" if context.source.startswith("ar/") else "what it records"
    undescribed = (
        f"a recording needs a description, its name for screen readers: ![{example}]({written})"
    )
    resolved = resolve_shown(written, description, context, line, elsewhere, undescribed)
    if resolved.note is not None and resolved.note.problem:
        return resolved, ""
    if resolved.note is None or not resolved.note.file:  # a site address, a page
        problem = f"'{written}' is no file of content/media/: save the recording there"
        at = (f"content/{context.source}", context.first_line + line)
        return Resolved(written, LinkNote(*at, written, problem)), ""
    name = resolved.note.file
    size, shape = context.linking.file_bytes(name), context.linking.shape(name)
    unread = _is_video(name) and (shape is None or not shape.width)
    # Its size kept with its note: a feed's enclosure gives it (pages/enclosures.py).
    note = replace(
        resolved.note, size=size, warning=unshaped(name) if unread else resolved.note.warning
    )
    return replace(resolved, note=note), clip_html(resolved.href, description, name, size, shape)


def unshaped(name: str) -> str:
    """The warning for a video (media/…) whose width and height cannot be read."""
    return (
        f"content/{name}: its width and height cannot be read (it is no MP4 or WebM file as "
        "cameras, phones and ffmpeg write them, or it is damaged), so its player keeps a 16:9 "
        "box, and shows a video of another shape in it with black bars; save it again as "
        "MP4 (ffmpeg -i in.mov out.mp4)"
    )


def _is_video(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in VIDEO


def clip_html(href: str, description: str, name: str, size: int, shape: Shape | None = None) -> str:
    """The player of a recording at `href` named by its description, and the link to
    download it, named by the file's name, length and size (isolated: Latin in an Arabic
    page); a video's player is given its shape as shown, when the file says it."""
    video = _is_video(name)
    element, inline = ("video", " playsinline") if video else ("audio", "")
    if video and shape is not None and shape.width:
        inline += f' width="{shape.width}" height="{shape.height}"'
    address, label = escape_html(href), escape_html(description)
    length = [_length(shape.seconds)] if shape is not None and shape.seconds >= 1 else []
    shown = escape_html(", ".join([posixpath.basename(name), *length, _weight(size)]))
    return (
        f'<{element} controls preload="none"{inline} src="{address}" aria-label="{label}">'
        f'</{element}><a href="{address}" download><bdi>{shown}</bdi></a>'
    )


def _length(seconds: float) -> str:
    """`40 s`, `3 min`, `1 h 05 min`: how long a recording plays, which a player shows
    only once the reader presses play (nothing is loaded before)."""
    if seconds < 59.5:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02} min"


def _weight(size: int) -> str:
    """`1.2 MB`, `340 kB`: what a reader on a phone weighs before downloading."""
    if size >= 1000**2:
        return f"{size / 1000**2:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


# A download link as clip_html writes it: its opening tag, then the file's name and size.
_DOWNLOAD = re.compile(r'(<a href="[^"]*" download)>(<bdi>[^<]*</bdi>)</a>')
_DOWNLOAD_TEXT = " download><bdi>"


def labelled_downloads(html: str, label: str, lang: str = "") -> str:
    """HTML whose recordings' download links say what they are in the page's language
    (`label`, a UI string: `{file}` stands for the file's name and size); `lang` marks the
    links so where they stand in text of the other language (an Arabic figure on the
    English page)."""
    if _DOWNLOAD_TEXT not in html:
        return html
    before, _, after = (escape_html(part) for part in label.partition("{file}"))
    marked = f' lang="{lang}"' if lang else ""
    return _DOWNLOAD.sub(lambda link: f"{link[1]}{marked}>{before}{link[2]}{after}</a>", html)
