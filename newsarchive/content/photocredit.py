"""Who took a photo and whose copyright it is, as the photo's own file says, read from its
first bytes (pure: bytes in, credit out).

A news agency's photo carries its credit in the file: the photographer (Exif Artist, IPTC
By-line) and the copyright notice (Exif Copyright, IPTC Copyright Notice), and its licence
asks that the credit stay with the photo. The renditions keep them (build/photos.py, which
reads them the same way: Exif first, then IPTC); the article's JSON-LD names them for each
photo it shows (creditText, copyrightNotice), so that a search engine shows the credit
beside the photo. Only a JPEG's are read (a PNG's texts may come after its pixels).
"""

from __future__ import annotations

import struct

from .imagesize import exif_entries, jpeg_segments

Credit = tuple[str, str]  # (the photographer, the copyright notice); "" for what is not said
NO_CREDIT: Credit = ("", "")
ARTIST, COPYRIGHT = 0x013B, 0x8298  # Exif tags
BY_LINE, COPYRIGHT_NOTICE = 80, 116  # IPTC datasets of record 2
_PHOTOSHOP = b"Photoshop 3.0\0"


def photo_credit(data: bytes) -> Credit:
    """The credit of the JPEG whose first bytes are `data` (NO_CREDIT for another kind)."""
    if not data.startswith(b"\xff\xd8"):
        return NO_CREDIT
    exif: dict[int, str] = {}
    iptc: dict[int, str] = {}
    for marker, segment in jpeg_segments(data):
        if marker == 0xE1 and segment.startswith(b"Exif\0\0"):
            for tag, _kind, _count, value in exif_entries(segment[6:]):
                if tag in (ARTIST, COPYRIGHT) and isinstance(value, bytes):
                    exif.setdefault(tag, _text(value.split(b"\0")[0]))
        elif marker == 0xED and segment.startswith(_PHOTOSHOP):
            iptc.update(_iptc(segment[len(_PHOTOSHOP) :]))
    return (
        exif.get(ARTIST) or iptc.get(BY_LINE, ""),
        exif.get(COPYRIGHT) or iptc.get(COPYRIGHT_NOTICE, ""),
    )


def _text(value: bytes) -> str:
    """A text of the file, as its writer most likely meant it: UTF-8 (what cameras and
    agencies write now), else Latin-1 (older software); spaces at its ends dropped."""
    try:
        said = value.decode("utf-8")
    except UnicodeDecodeError:
        said = value.decode("latin-1")
    return " ".join(said.split())


def _iptc(resources: bytes) -> dict[int, str]:
    """The By-line (several joined by "; ") and Copyright Notice of the IPTC record among
    Photoshop's image resources (8BIM, id 0x0404)."""
    at = 0
    while at + 12 <= len(resources) and resources[at : at + 4] == b"8BIM":
        (kind,) = struct.unpack(">H", resources[at + 4 : at + 6])
        name = resources[at + 6]
        at += 6 + ((name + 2) & ~1)  # the name's length byte and letters, padded to even
        (size,) = struct.unpack(">I", resources[at : at + 4])
        if kind == 0x0404:
            return _datasets(resources[at + 4 : at + 4 + size])
        at += 4 + size + (size & 1)
    return {}


def _datasets(record: bytes) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    at = 0
    while at + 5 <= len(record) and record[at] == 0x1C:
        number, dataset = record[at + 1], record[at + 2]
        (size,) = struct.unpack(">H", record[at + 3 : at + 5])
        if number == 2 and dataset in (BY_LINE, COPYRIGHT_NOTICE):
            found.setdefault(dataset, []).append(_text(record[at + 5 : at + 5 + size]))
        at += 5 + size
    return {dataset: "; ".join(each for each in texts if each) for dataset, texts in found.items()}
