"""Who took a photo and whose copyright it is, as the photo's own file says (pure: a way to
read the file's bytes in, credit out).

A news agency's photo carries its credit in the file, and its licence asks that the credit
stay with the photo. This is the one reader of it: the page's figure and JSON-LD
(build/media.py reads the file through it) and the renditions' Exif (build/photos.py, from
the bytes it decodes) get the same credit, whatever the file's kind.

Where a credit is written, by kind of file:
- JPEG: Exif (APP1), IPTC (Photoshop's APP13), XMP (APP1);
- PNG: Exif (eXIf), XMP (iTXt `XML:com.adobe.xmp`), the texts `Author` and `Copyright`
  (tEXt, zTXt or iTXt), wherever they are: before the pixels or after them;
- WebP: Exif (EXIF) and XMP (`XMP `) chunks. An AVIF's and a GIF's are not read.

Which wins, for each of the two parts, the first that says something in this order:
- the photographer: Exif Artist, IPTC By-line, XMP dc:creator, PNG Author; where none
  names one, the credit line (IPTC Credit, XMP photoshop:Credit: "Reuters");
- the copyright notice: Exif Copyright, IPTC Copyright Notice, XMP dc:rights (its default
  language), PNG Copyright.
Exif first, as before XMP existed and as cameras write it; XMP after the IPTC it mirrors.
Texts are read as UTF-8, else Latin-1 (older software), with their spaces folded and in
NFC; several photographers are joined by "; ". Only the file's first bytes and its metadata
chunks are read, never its pixels.
"""

from __future__ import annotations

import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .imagesize import HEAD, exif_entries, image_size, jpeg_segments
from .photoxmp import xmp_credit

Credit = tuple[str, str]  # (the photographer, the copyright notice); "" for what is not said
NO_CREDIT: Credit = ("", "")
Read = Callable[[int, int], bytes]  # (offset, size) -> at most size bytes of the file there
ARTIST, COPYRIGHT = 0x013B, 0x8298  # Exif tags
BY_LINE, CREDIT_LINE, COPYRIGHT_NOTICE = 80, 110, 116  # IPTC datasets of record 2
EXIF, IPTC, XMP, PNG_TEXT = range(4)  # where a credit was read, first to win first
_PHOTOSHOP = b"Photoshop 3.0\0"
_JPEG_XMP = b"http://ns.adobe.com/xap/1.0/\0"
_PNG_XMP = "XML:com.adobe.xmp"
_METADATA = frozenset({b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"EXIF", b"XMP "})
_LARGEST = 1 << 20  # bytes: a metadata chunk larger than this is damage (or hostile)
_WHOLE = 1 << 40  # bytes: more than any file, to read one to its end


def photo_credit(data: bytes) -> Credit:
    """The credit of the photo whose file's bytes (or first bytes) are `data`."""
    return read_credit(lambda at, size: data[at : at + size])


def read_credit(read: Read) -> Credit:
    """The credit of the photo whose file `read` gives (NO_CREDIT for no JPEG, PNG or WebP,
    or one that names nobody)."""
    head = read(0, HEAD)
    if head.startswith(b"\xff\xd8"):
        if len(head) == HEAD and image_size(head) is None:  # metadata past the first 64 KB
            head = read(0, _WHOLE)
        return credit_of(_jpeg(head))
    layout = _layout(head)
    return NO_CREDIT if layout is None else credit_of(_chunks(_metadata(read, layout)))


@dataclass(frozen=True)
class Said:
    """What one block of a file says: `where` (EXIF, IPTC, XMP, PNG_TEXT), the
    photographer, the credit line and the copyright notice ("" for what it does not say)."""

    where: int
    creator: str = ""
    line: str = ""
    notice: str = ""


def credit_of(blocks: Iterable[Said]) -> Credit:
    """The credit that the blocks of a file give, each part from the first block to say it
    (module docstring: Exif, IPTC, XMP, PNG texts; the credit line when nobody is named)."""
    ordered = sorted(blocks, key=lambda said: said.where)  # stable: a file's first block first
    creator = next((said.creator for said in ordered if said.creator), "")
    line = next((said.line for said in ordered if said.line), "")
    return creator or line, next((said.notice for said in ordered if said.notice), "")


def _jpeg(data: bytes) -> Iterator[Said]:
    for marker, segment in jpeg_segments(data):
        if marker == 0xE1 and segment.startswith(b"Exif\0\0"):
            yield _exif(segment[6:])
        elif marker == 0xE1 and segment.startswith(_JPEG_XMP):
            yield _xmp(segment[len(_JPEG_XMP) :])
        elif marker == 0xED and segment.startswith(_PHOTOSHOP):
            yield _iptc(segment[len(_PHOTOSHOP) :])


def _exif(tiff: bytes) -> Said:
    texts = {
        tag: _text(value.split(b"\0")[0])
        for tag, _kind, _count, value in exif_entries(tiff)
        if tag in (ARTIST, COPYRIGHT) and isinstance(value, bytes)
    }
    return Said(EXIF, creator=texts.get(ARTIST, ""), notice=texts.get(COPYRIGHT, ""))


def _xmp(packet: bytes) -> Said:
    creator, line, notice = (_tidy(each) for each in xmp_credit(packet))
    return Said(XMP, creator, line, notice)


def _text(value: bytes) -> str:
    """A text of the file, as its writer most likely meant it: UTF-8 (what cameras and
    agencies write now), else Latin-1 (older software); its spaces folded, in NFC."""
    try:
        said = value.decode("utf-8")
    except UnicodeDecodeError:
        said = value.decode("latin-1")
    return _tidy(said)


def _tidy(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _iptc(resources: bytes) -> Said:
    """What the IPTC record among Photoshop's image resources (8BIM, id 0x0404) says."""
    at = 0
    while at + 12 <= len(resources) and resources[at : at + 4] == b"8BIM":
        (kind,) = struct.unpack(">H", resources[at + 4 : at + 6])
        name = resources[at + 6]
        at += 6 + ((name + 2) & ~1)  # the name's length byte and letters, padded to even
        (size,) = struct.unpack(">I", resources[at : at + 4])
        if kind == 0x0404:
            found = _datasets(resources[at + 4 : at + 4 + size])
            return Said(
                IPTC,
                creator=found.get(BY_LINE, ""),
                line=found.get(CREDIT_LINE, ""),
                notice=found.get(COPYRIGHT_NOTICE, ""),
            )
        at += 4 + size + (size & 1)
    return Said(IPTC)


def _datasets(record: bytes) -> dict[int, str]:
    """The credit's datasets of an IPTC record, each repeated one joined by "; "."""
    found: dict[int, list[str]] = {}
    at = 0
    while at + 5 <= len(record) and record[at] == 0x1C:
        number, dataset = record[at + 1], record[at + 2]
        (size,) = struct.unpack(">H", record[at + 3 : at + 5])
        if number == 2 and dataset in (BY_LINE, CREDIT_LINE, COPYRIGHT_NOTICE):
            found.setdefault(dataset, []).append(_text(record[at + 5 : at + 5 + size]))
        at += 5 + size
    return {dataset: "; ".join(each for each in texts if each) for dataset, texts in found.items()}


@dataclass(frozen=True)
class _Layout:
    """How a file's chunks are laid out: PNG's (length, then type, big-endian, a CRC after)
    or RIFF's, a WebP's (type, then length, little-endian, padded to an even size)."""

    png: bool

    @property
    def start(self) -> int:
        return 8 if self.png else 12

    def header(self, raw: bytes) -> tuple[bytes, int]:
        if self.png:
            size, kind = struct.unpack(">I4s", raw)
        else:
            kind, size = struct.unpack("<4sI", raw)
        return kind, size

    def after(self, size: int) -> int:
        return 4 if self.png else size & 1


def _layout(head: bytes) -> _Layout | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _Layout(png=True)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _Layout(png=False)
    return None


def _metadata(read: Read, layout: _Layout) -> Iterator[tuple[bytes, bytes]]:
    """(type, content) of each metadata chunk, the others (the pixels) skipped unread."""
    at = layout.start
    while len(raw := read(at, 8)) == 8:
        kind, size = layout.header(raw)
        if kind in _METADATA and size <= _LARGEST:
            content = read(at + 8, size)
            if len(content) < size:
                return
            yield kind, content
        if kind == b"IEND":
            return
        at += 8 + size + layout.after(size)


def _chunks(chunks: Iterable[tuple[bytes, bytes]]) -> Iterator[Said]:
    for kind, content in chunks:
        if kind in (b"eXIf", b"EXIF"):  # some WebP writers keep the JPEG's Exif header
            yield _exif(content.removeprefix(b"Exif\0\0"))
        elif kind == b"XMP ":
            yield _xmp(content)
        else:
            yield from _png_text(kind, content)


def _png_text(kind: bytes, content: bytes) -> Iterator[Said]:
    """What a PNG text chunk says: XMP, or its Author or Copyright."""
    keyword, _, text = content.partition(b"\0")
    name = keyword.decode("latin-1")
    if kind == b"iTXt":
        compressed, text = text[:1] == b"\1", text[2:].split(b"\0", 2)[-1]
    else:
        compressed, text = kind == b"zTXt", text[1:] if kind == b"zTXt" else text
    if compressed:
        text = _inflated(text)
    if name == _PNG_XMP:
        yield _xmp(text)
    elif name == "Author":
        yield Said(PNG_TEXT, creator=_text(text))
    elif name == "Copyright":
        yield Said(PNG_TEXT, notice=_text(text))


def _inflated(data: bytes) -> bytes:
    """A compressed text, at most _LARGEST bytes of it (a small chunk can hold a huge one)."""
    try:
        return zlib.decompressobj().decompress(data, _LARGEST)
    except zlib.error:
        return b""
