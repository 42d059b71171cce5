"""An image's width and height as a browser shows it, read from the first bytes of a PNG,
JPEG, GIF, WebP or AVIF file (pure: bytes in, size out).

An article's image carries its `width` and `height` so that the page keeps its place while
it loads. Only the header is read (a JPEG's size comes after its Exif block, within the
first 64 KB for a camera's photo; read_image_size gives more when that is not enough). A
JPEG whose Exif orientation turns it a quarter (a phone held upright) is shown turned, so
its width and height are swapped, as browsers do (`image-orientation: from-image`); so are
an AVIF's whose primary image is rotated a quarter (`irot`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

HEAD = 1 << 16  # bytes read first; a JPEG whose size comes later is read further
KINDS = "PNG, JPEG, GIF, WebP or AVIF"

Size = tuple[int, int]


def image_size(data: bytes) -> Size | None:
    """(width, height) of the image whose first bytes are `data`; None when they are no
    PNG, JPEG, GIF, WebP or AVIF header (or not enough of one)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return _positive(struct.unpack(">II", data[16:24])) if len(data) >= 24 else None
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return _positive(struct.unpack("<HH", data[6:10]))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data[4:8] == b"ftyp" and _is_avif(data):
        return _avif(data)
    return None


def _positive(size: tuple[int, ...]) -> Size | None:
    width, height = size
    return (width, height) if width > 0 and height > 0 else None


def _webp(data: bytes) -> Size | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _positive((width & 0x3FFF, height & 0x3FFF))
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        return (width, int.from_bytes(data[27:30], "little") + 1)
    return None


# The markers that open a frame and give its size (SOF0-SOF15 but DHT, JPG and DAC).
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> Size | None:
    """Walk the segments to the frame header; an Exif orientation of 5-8 swaps the sides."""
    turned = False
    for marker, segment in jpeg_segments(data):
        if marker == 0xE1 and segment.startswith(b"Exif\0\0"):
            turned = _orientation(segment[6:]) in (5, 6, 7, 8)
        if marker in _FRAMES:
            if len(segment) < 5:
                return None
            height, width = struct.unpack(">HH", segment[1:5])
            size = _positive((width, height))
            return None if size is None else (size[::-1] if turned else size)
    return None


def jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, what it holds) of each segment of a JPEG's first bytes, up to its frame
    header; none past a byte that opens no segment (damage)."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        yield marker, data[at + 4 : at + 2 + length]
        if marker in _FRAMES:
            return
        at += 2 + length


def _orientation(tiff: bytes) -> int:
    """The Exif orientation tag (0x0112) of the first image directory; 1 (upright) if none."""
    for tag, kind, _count, value in exif_entries(tiff):
        if tag == 0x0112 and kind == 3:  # a SHORT, held in the first bytes of the value
            return int(value[0])
    return 1


def exif_entries(tiff: bytes) -> Iterator[tuple[int, int, int, tuple[int, ...] | bytes]]:
    """(tag, type, count, value) of each entry of an Exif block's first image directory (its
    TIFF bytes): a SHORT's first value, an ASCII text's bytes; nothing if it is damaged."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return
    (first,) = struct.unpack(order + "I", tiff[4:8])
    if first + 2 > len(tiff):
        return
    (count,) = struct.unpack(order + "H", tiff[first : first + 2])
    for entry in range(first + 2, min(first + 2 + 12 * count, len(tiff) - 11), 12):
        tag, kind, many = struct.unpack(order + "HHI", tiff[entry : entry + 8])
        if kind == 3:
            yield tag, kind, many, struct.unpack(order + "H", tiff[entry + 8 : entry + 10])
        elif kind == 2:  # ASCII: in the entry when it fits in 4 bytes, else at an offset
            (offset,) = struct.unpack(order + "I", tiff[entry + 8 : entry + 12])
            start = entry + 8 if many <= 4 else offset
            yield tag, kind, many, tiff[start : start + many]


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, bytes]]:
    """(type, content) of each ISO media box (an AVIF's) from `start` to `end`; none past a
    box that does not fit (the file's first bytes only, or damage)."""
    end = len(data) if end is None else end
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        head = 8
        if size == 1 and at + 16 <= end:  # a 64-bit size
            (size,) = struct.unpack(">Q", data[at + 8 : at + 16])
            head = 16
        elif size == 0:  # to the end of the file
            size = end - at
        if size < head or at + size > end:
            return
        yield kind, data[at + head : at + size]
        at += size


def _is_avif(data: bytes) -> bool:
    """Whether a file's type box names AVIF (its main brand or a compatible one)."""
    for kind, content in _boxes(data, 0, min(len(data), 8 + int.from_bytes(data[:4], "big"))):
        if kind == b"ftyp":
            brands = [content[i : i + 4] for i in range(0, len(content), 4) if i != 4]
            return b"avif" in brands or b"avis" in brands
    return False


def _avif(data: bytes) -> Size | None:
    """The size of an AVIF's primary image: its `ispe` property, sides swapped by an `irot`
    of a quarter turn (the meta box: pitm names the item, ipma its properties in ipco)."""
    meta = next((content[4:] for kind, content in _boxes(data) if kind == b"meta"), None)
    if meta is None:
        return None
    parts = dict(_boxes(meta))
    inside = dict(_boxes(parts.get(b"iprp", b"")))
    listed = list(_boxes(inside.get(b"ipco", b"")))
    pitm = parts.get(b"pitm", b"")
    if not listed or len(pitm) < 6:
        return None
    primary = int.from_bytes(pitm[4:6] if pitm[0] == 0 else pitm[4:8], "big")
    size: Size | None = None
    turned = False
    for index in _associated(inside.get(b"ipma", b""), primary):
        if not 0 < index <= len(listed):
            continue
        kind, content = listed[index - 1]
        if kind == b"ispe" and len(content) >= 12:
            size = _positive(struct.unpack(">II", content[4:12]))
        elif kind == b"irot" and content:
            turned = content[0] & 3 in (1, 3)
    return None if size is None else (size[::-1] if turned else size)


def _associated(ipma: bytes, item: int) -> list[int]:
    """The indexes (1-based, in ipco) of the properties an ipma box gives an item."""
    if len(ipma) < 8:
        return []
    version, flags = ipma[0], int.from_bytes(ipma[1:4], "big")
    (count,) = struct.unpack(">I", ipma[4:8])
    at, id_bytes, wide = 8, 2 if version < 1 else 4, flags & 1
    for _ in range(count):
        if at + id_bytes + 1 > len(ipma):
            return []
        owner = int.from_bytes(ipma[at : at + id_bytes], "big")
        many = ipma[at + id_bytes]
        at += id_bytes + 1
        step = 2 if wide else 1
        values = [
            int.from_bytes(ipma[at + i * step : at + (i + 1) * step], "big") for i in range(many)
        ]
        at += many * step
        if owner == item:
            return [value & (0x7FFF if wide else 0x7F) for value in values]
    return []
