"""An image's width and height, read from its header as a browser would show it
(content/imagesize.py, build/media.py): every kind an article may show, a phone's upright
photo turned by its Exif orientation, a JPEG whose size comes after a long Exif block, and
what is no image."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from newsarchive.build.media import read_image_size
from newsarchive.content.imagesize import HEAD, image_size

from .conftest import png


def _exif(orientation: int, order: str = "<", padding: int = 0) -> bytes:
    """An APP1 Exif segment whose first directory holds one entry, the orientation (a
    SHORT), and `padding` bytes after it (a thumbnail, say)."""
    mark = b"II" if order == "<" else b"MM"
    tiff = mark + struct.pack(order + "HI", 42, 8)
    tiff += struct.pack(order + "H", 1) + struct.pack(order + "HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff += struct.pack(order + "I", 0) + b"\0" * padding
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def jpeg(width: int, height: int, *segments: bytes, frame: int = 0xC0) -> bytes:
    """A JPEG's header: start, the segments given, a JFIF-like APP0, then the frame."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = b"\xff" + bytes([frame]) + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\0"
    return b"\xff\xd8" + app0 + b"".join(segments) + sof + b"\xff\xda\0\x08"


def webp(chunk: bytes, payload: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + 8 + len(payload)) + b"WEBP" + chunk + payload


VP8 = webp(
    b"VP8 ", struct.pack("<I", 20) + b"\0\0\0" + b"\x9d\x01\x2a" + struct.pack("<HH", 640, 480)
)
# VP8L: a signature byte, then 14 bits of width - 1 and 14 of height - 1.
VP8L = webp(b"VP8L", struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", 399 | (299 << 14)))
VP8X = webp(
    b"VP8X",
    struct.pack("<I", 10)
    + b"\0\0\0\0"
    + (1919).to_bytes(3, "little")
    + (1079).to_bytes(3, "little"),
)


@pytest.mark.parametrize(
    ("data", "size"),
    [
        pytest.param(png(40, 30), (40, 30), id="png"),
        pytest.param(b"GIF89a" + struct.pack("<HH", 48, 24) + b"\0" * 8, (48, 24), id="gif"),
        pytest.param(b"GIF87a" + struct.pack("<HH", 1, 2) + b"\0" * 8, (1, 2), id="gif87"),
        pytest.param(jpeg(720, 477), (720, 477), id="jpeg"),
        pytest.param(jpeg(720, 477, frame=0xC2), (720, 477), id="progressive-jpeg"),
        pytest.param(jpeg(4032, 3024, _exif(1)), (4032, 3024), id="jpeg-upright"),
        pytest.param(jpeg(4032, 3024, _exif(6)), (3024, 4032), id="jpeg-phone-upright"),
        pytest.param(jpeg(4032, 3024, _exif(8, ">")), (3024, 4032), id="jpeg-big-endian-exif"),
        pytest.param(jpeg(4032, 3024, _exif(3)), (4032, 3024), id="jpeg-upside-down"),
        pytest.param(VP8, (640, 480), id="webp-lossy"),
        pytest.param(VP8L, (400, 300), id="webp-lossless"),
        pytest.param(VP8X, (1920, 1080), id="webp-extended"),
    ],
)
def test_each_kind_gives_the_size_a_browser_shows(data: bytes, size: tuple[int, int]) -> None:
    assert image_size(data) == size


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.4\n", id="pdf"),
        pytest.param(b"", id="empty"),
        pytest.param(png(40, 30)[:20], id="png-cut-short"),
        pytest.param(jpeg(720, 477)[:24], id="jpeg-without-its-frame"),
        pytest.param(b"\xff\xd8\x00\x00garbage", id="jpeg-damaged"),
        pytest.param(b"GIF89a" + b"\0" * 8, id="gif-of-no-size"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg" width="10"/>', id="svg"),
        pytest.param(b"RIFF\0\0\0\0WAVEfmt ", id="wave-sound"),
    ],
)
def test_what_is_no_image_of_those_kinds_has_no_size(data: bytes) -> None:
    assert image_size(data) is None


def test_a_jpeg_whose_size_comes_after_the_first_bytes_read_is_read_further(
    tmp_path: Path,
) -> None:
    """A camera's Exif block with a large thumbnail, and a colour profile, put the frame past
    the first 64 KB."""
    profile = b"\xff\xe2" + struct.pack(">H", 30_002) + b"\0" * 30_000  # APP2, ICC profile
    file = tmp_path / "photo.jpg"
    file.write_bytes(jpeg(6000, 4000, _exif(6, padding=40_000), profile) + b"\0" * 1000)
    assert file.stat().st_size > HEAD
    assert read_image_size(file) == (4000, 6000)


def test_a_file_that_cannot_be_read_has_no_size(tmp_path: Path) -> None:
    assert read_image_size(tmp_path / "gone.png") is None
