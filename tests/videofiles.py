"""Small video files written byte by byte, as the tests need them (no ffmpeg here): an MP4's
boxes (ISO/IEC 14496-12) and a WebM's elements (Matroska's EBML) holding what a player reads
first, the tracks and their sizes, around a picture of zeros no test plays."""

from __future__ import annotations

import struct

ONE = 0x10000  # 1.0 in an MP4 matrix's 16.16 fixed point
# A track's matrix (a, b, c, d) for each turn a phone records, as ffmpeg writes them.
TURNS = {
    0: (ONE, 0, -0, ONE),
    90: (0, ONE, -ONE, 0),
    180: (-ONE, 0, 0, -ONE),
    270: (0, -ONE, ONE, 0),
}


def box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(content), kind) + content


def full_box(kind: bytes, version: int, flags: int, content: bytes) -> bytes:
    return box(kind, bytes([version]) + flags.to_bytes(3, "big") + content)


def _matrix(turn: int) -> bytes:
    a, b, c, d = TURNS[turn]
    return struct.pack(">9i", a, b, 0, c, d, 0, 0, 0, 0x40000000)


def track(width: int, height: int, turn: int = 0, version: int = 0) -> bytes:
    """A `trak` box holding a track header (`tkhd`: its size, turned by `turn` degrees) and
    the sample tables a player reads next (empty here)."""
    times = (
        struct.pack(">QQIIQ", 0, 0, 1, 0, 1000)
        if version
        else struct.pack(">IIIII", 0, 0, 1, 0, 1000)
    )
    header = times + bytes(8) + struct.pack(">hhhH", 0, 0, 0, 0) + _matrix(turn)
    header += struct.pack(">II", width << 16, height << 16)
    tables = box(b"mdia", box(b"minf", box(b"stbl", bytes(4096))))
    return box(b"trak", full_box(b"tkhd", version, 3, header) + tables)


def movie(seconds: float, *tracks: bytes, version: int = 0) -> bytes:
    """A `moov` box: a movie header (`mvhd`, its length at 1,000 ticks a second) and tracks."""
    ticks = round(seconds * 1000)
    times = (
        struct.pack(">QQIQ", 0, 0, 1000, ticks)
        if version
        else struct.pack(">IIII", 0, 0, 1000, ticks)
    )
    header = times + struct.pack(">iH", ONE, 0x100) + bytes(10) + _matrix(0) + bytes(24)
    return box(
        b"moov", full_box(b"mvhd", version, 0, header + struct.pack(">I", 2)) + b"".join(tracks)
    )


def mp4(
    width: int,
    height: int,
    turn: int = 0,
    seconds: float = 12.0,
    picture: int = 1000,
    moov_first: bool = False,
) -> bytes:
    """An MP4 file of one video track `width`×`height` stored, turned `turn` degrees, and a
    sound track; its picture (`mdat`, `picture` bytes) before the `moov` box, as a phone
    writes it, or after (`moov_first`, as a file made for the web is)."""
    kind = box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    tracks = movie(seconds, track(width, height, turn), track(0, 0))
    data = box(b"mdat", bytes(picture))
    return kind + (tracks + data if moov_first else data + tracks)


def m4a(seconds: float) -> bytes:
    """An M4A file: one sound track (no width or height)."""
    kind = box(b"ftyp", b"M4A " + struct.pack(">I", 0) + b"M4A mp42isom")
    return kind + box(b"mdat", bytes(500)) + movie(seconds, track(0, 0))


def _size(length: int) -> bytes:
    return bytes([0x80 | length]) if length < 127 else b"\x01" + length.to_bytes(7, "big")


def element(element_id: int, content: bytes) -> bytes:
    return (
        element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
        + _size(len(content))
        + content
    )


def uint(element_id: int, value: int) -> bytes:
    return element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def webm(
    width: int,
    height: int,
    seconds: float | None = 8.0,
    display: tuple[int, int] | None = None,
    live: bool = False,
) -> bytes:
    """A WebM file of one VP8 track `width`×`height` (shown at `display` if given) and one
    cluster; `live`: written as a browser's MediaRecorder writes it, with no duration and
    the segment's and cluster's sizes unknown."""
    header = element(
        0x1A45DFA3,
        uint(0x4286, 1)
        + uint(0x42F7, 1)
        + uint(0x42F2, 4)
        + uint(0x42F3, 8)
        + element(0x4282, b"webm")
        + uint(0x4287, 2)
        + uint(0x4285, 2),
    )
    info = uint(0x2AD7B1, 1_000_000) + element(0x4D80, b"tests") + element(0x5741, b"tests")
    if seconds is not None and not live:
        info += element(0x4489, struct.pack(">d", seconds * 1000))
    video = uint(0xB0, width) + uint(0xBA, height)
    if display is not None:
        video += uint(0x54B0, display[0]) + uint(0x54BA, display[1])
    entry = (
        uint(0xD7, 1)
        + uint(0x73C5, 1)
        + uint(0x83, 1)
        + element(0x86, b"V_VP8")
        + element(0xE0, video)
    )
    sound = uint(0xD7, 2) + uint(0x73C5, 2) + uint(0x83, 2) + element(0x86, b"A_OPUS")
    tracks = element(0x1654AE6B, element(0xAE, sound) + element(0xAE, entry))
    cluster_content = uint(0xE7, 0) + element(0xA3, b"\x81\x00\x00\x80" + bytes(200))
    if live:
        cluster = b"\x1f\x43\xb6\x75" + UNKNOWN_SIZE + cluster_content
        return (
            header
            + b"\x18\x53\x80\x67"
            + UNKNOWN_SIZE
            + element(0x1549A966, info)
            + tracks
            + cluster
        )
    body = element(0x1549A966, info) + tracks + element(0x1F43B675, cluster_content)
    return header + element(0x18538067, body)
