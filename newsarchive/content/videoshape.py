"""A video's width and height as a player shows it, and a recording's length, read from the
few boxes of an MP4 (or M4A) or elements of a WebM (Matroska) file that hold them (pure: a
function that reads bytes at an offset in, shape out; build/media.py opens the file).

A page gives a video's player the file's shape before anything of it is downloaded, so a
phone's upright video gets an upright box instead of a narrow strip in a 16:9 one. Only
headers are read, never the picture: an MP4's top-level boxes are stepped over by their
sizes (a phone writes the `moov` box, which holds the tracks, after 300 MB of picture), and
inside `moov` only the movie header (`mvhd`: the length) and each track's header (`tkhd`:
its width and height, and the matrix a phone sets to show a landscape recording upright, a
quarter turn: sides swapped); the sample tables beside them (megabytes in a long video) are
skipped. A WebM is read from its start up to its first cluster of picture: the segment's
info (`Duration`) and the first video track (`PixelWidth`, `PixelHeight`, or the
`DisplayWidth` and `DisplayHeight` a player shows instead). A browser's recording
(MediaRecorder) gives no duration: none is said. hachoir (PyPI) reads both formats, but
its metadata gives an MP4's stored sides without the turn, costs 0.4 s to import, and
would be a dependency for what these 150 lines read; imagesize.py reads photos the same way.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from typing import NamedTuple

Read = Callable[[int, int], bytes]  # (offset, size) -> at most that many bytes from there
MOST_BOXES = 4096  # boxes or elements looked at before giving up (a damaged or odd file)


class Shape(NamedTuple):
    """A video's width and height as shown (0, 0 for sound), and its length in seconds
    (0: not said by the file)."""

    width: int
    height: int
    seconds: float


def video_shape(read: Read) -> Shape | None:
    """The shape of the MP4, M4A or WebM file `read` reads; None when its headers are none
    of those or do not say it (damaged, cut short, no track)."""
    head = read(0, 12)
    if head[4:8] == b"ftyp":
        return _mp4(read)
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _matroska(read)
    return None


# MP4 (ISO base media file format): boxes of a 32-bit size (1: a 64-bit one follows; 0: to
# the end of the file) and a four-letter type.
_INSIDE = (b"moov", b"trak")  # the boxes whose boxes are read


def _mp4(read: Read) -> Shape | None:
    seconds, sides = 0.0, None
    for kind, at, size in _boxes(read, 0, None):
        if kind == b"moov":
            for inner, start, length in _boxes(read, at, at + size):
                if inner == b"mvhd":
                    seconds = _movie_seconds(read(start, min(length, 32)))
                elif inner == b"trak" and sides is None:
                    sides = _track_sides(read, start, start + length)
            break
    else:
        return None
    if sides is None:
        return Shape(0, 0, seconds) if seconds else None
    return Shape(*sides, seconds)


def _boxes(read: Read, start: int, end: int | None) -> Iterator[tuple[bytes, int, int]]:
    """(type, where its content starts, its content's size) of each box from `start` to
    `end` (None: the end of the file); none past one that does not fit."""
    at = start
    for _ in range(MOST_BOXES):
        if end is not None and at + 8 > end:
            return
        head = read(at, 16)
        if len(head) < 8:
            return
        size, kind = struct.unpack(">I4s", head[:8])
        inside = 8
        if size == 1:
            if len(head) < 16:
                return
            (size,) = struct.unpack(">Q", head[8:16])
            inside = 16
        if size == 0:  # to the end of the file (or of what holds it)
            if end is None:
                yield kind, at + inside, 1 << 62
                return
            size = end - at
        if size < inside or (end is not None and at + size > end):
            return
        yield kind, at + inside, size - inside
        at += size


def _movie_seconds(mvhd: bytes) -> float:
    """A movie header's duration over its time scale (0 when it says none)."""
    if mvhd[:1] == b"\x01" and len(mvhd) >= 32:
        scale, duration = struct.unpack(">IQ", mvhd[20:32])
    elif len(mvhd) >= 20:
        scale, duration = struct.unpack(">II", mvhd[12:20])
    else:
        return 0.0
    return duration / scale if scale and duration != (1 << 32) - 1 else 0.0


def _track_sides(read: Read, start: int, end: int) -> tuple[int, int] | None:
    """A video track's width and height as shown (its `tkhd`, turned by its matrix); None
    for a sound track (no width), or no header."""
    for kind, at, size in _boxes(read, start, end):
        if kind != b"tkhd":
            continue
        header = read(at, min(size, 96))
        matrix = 52 if header[:1] == b"\x01" else 40  # after the times (64-bit in version 1)
        if len(header) < matrix + 44:
            return None
        a, b, _u, c, d = struct.unpack(">5i", header[matrix : matrix + 20])
        width, height = (value >> 16 for value in struct.unpack(">II", header[matrix + 36 :][:8]))
        if width <= 0 or height <= 0:
            return None
        turned = a == 0 and d == 0 and b != 0 and c != 0  # a quarter turn, either way
        return (height, width) if turned else (width, height)
    return None


# Matroska (WebM): EBML elements, an ID and a size each written as a variable-length number.
_SEGMENT, _INFO, _TRACKS, _CLUSTER = 0x18538067, 0x1549A966, 0x1654AE6B, 0x1F43B675
_TRACK, _TRACK_TYPE, _VIDEO = 0xAE, 0x83, 0xE0
_SCALE, _DURATION = 0x2AD7B1, 0x4489
_PIXEL_WIDTH, _PIXEL_HEIGHT, _DISPLAY_WIDTH, _DISPLAY_HEIGHT = 0xB0, 0xBA, 0x54B0, 0x54BA
_DISPLAY_UNIT = 0x54B2  # 0 pixels, 3 an aspect ratio: either gives the shape shown
_UNKNOWN = -1  # an element whose size is not written (a live recording's segment, clusters)


def _matroska(read: Read) -> Shape | None:
    header = next(_elements(read, 0, None), None)
    if header is None or header[2] == _UNKNOWN:
        return None
    segment = next(_elements(read, header[1] + header[2], None), None)
    if segment is None or segment[0] != _SEGMENT:
        return None
    end = None if segment[2] == _UNKNOWN else segment[1] + segment[2]
    seconds, sides = 0.0, None
    for element, at, size in _elements(read, segment[1], end):
        if element == _CLUSTER or size == _UNKNOWN:
            break  # the picture: every header a player needs comes before it
        if element == _INFO:
            seconds = _info_seconds(read(at, min(size, 4096)))
        elif element == _TRACKS:
            sides = _video_track(read(at, min(size, 65536)))
            if sides is not None:
                break
    if sides is None:
        return Shape(0, 0, seconds) if seconds else None
    return Shape(*sides, seconds)


def _number(data: bytes, at: int, keep_marker: bool) -> tuple[int, int] | None:
    """The variable-length number at `at` and where it ends (an ID keeps its length marker;
    a size whose bits are all 1 is _UNKNOWN)."""
    if at >= len(data) or data[at] == 0:
        return None
    length = 9 - data[at].bit_length()
    if at + length > len(data):
        return None
    value = int.from_bytes(data[at : at + length], "big")
    if keep_marker:
        return value, at + length
    value &= (1 << (7 * length)) - 1
    return (_UNKNOWN if value == (1 << (7 * length)) - 1 else value), at + length


def _element_at(data: bytes, at: int) -> tuple[int, int, int] | None:
    """(ID, where its content starts, its size) of the element whose head is at `at`."""
    found = _number(data, at, True)
    if found is None:
        return None
    size = _number(data, found[1], False)
    return None if size is None else (found[0], size[1], size[0])


def _elements(read: Read, start: int, end: int | None) -> Iterator[tuple[int, int, int]]:
    """(ID, where its content starts, its size) of each element of the file from `start` to
    `end` (None: the end of the file), read one head at a time; none after one of unknown
    size (it is the last)."""
    at = start
    for _ in range(MOST_BOXES):
        if end is not None and at >= end:
            return
        found = _element_at(read(at, 12), 0)
        if found is None:
            return
        element, inside, size = found
        yield element, at + inside, size
        if size == _UNKNOWN:
            return
        at += inside + size


def _children(data: bytes) -> dict[int, bytes]:
    """The first of each kind of element in `data` (the content of an element held whole)."""
    found: dict[int, bytes] = {}
    at = 0
    while (element := _element_at(data, at)) is not None and element[2] != _UNKNOWN:
        found.setdefault(element[0], data[element[1] : element[1] + element[2]])
        at = element[1] + element[2]
    return found


def _info_seconds(info: bytes) -> float:
    """A segment's duration in seconds (its Duration, a float of timestamp ticks, by its
    TimestampScale in nanoseconds, a millisecond unless said)."""
    found = _children(info)
    duration = found.get(_DURATION, b"")
    if len(duration) not in (4, 8):
        return 0.0
    (ticks,) = struct.unpack(">f" if len(duration) == 4 else ">d", duration)
    scale = int.from_bytes(found.get(_SCALE, b""), "big") or 1_000_000
    return max(0.0, float(ticks) * scale / 1e9)


def _video_track(tracks: bytes) -> tuple[int, int] | None:
    """The width and height the first video track of a Tracks element is shown at."""
    entries: list[bytes] = []
    at = 0
    while (element := _element_at(tracks, at)) is not None and element[2] != _UNKNOWN:
        if element[0] == _TRACK:
            entries.append(tracks[element[1] : element[1] + element[2]])
        at = element[1] + element[2]
    for entry in entries:
        found = _children(entry)
        if int.from_bytes(found.get(_TRACK_TYPE, b""), "big") != 1:
            continue
        video = {
            key: int.from_bytes(value, "big")
            for key, value in _children(found.get(_VIDEO, b"")).items()
        }
        width, height = video.get(_PIXEL_WIDTH, 0), video.get(_PIXEL_HEIGHT, 0)
        shown = video.get(_DISPLAY_WIDTH, 0), video.get(_DISPLAY_HEIGHT, 0)
        if width and all(shown) and video.get(_DISPLAY_UNIT, 0) in (0, 3):
            height = max(1, round(width * shown[1] / shown[0]))  # its pixels drawn wider
        return (width, height) if width and height else None
    return None
