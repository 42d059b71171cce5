"""A video's player has the file's shape: an upright phone recording gets an upright box, a
square one a square box, before anything of it loads; the download link says how long it
plays (content/videoshape.py, content/mediaclips.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsarchive.build.media import read_video_shape
from newsarchive.cli import main
from newsarchive.content.videoshape import Shape, video_shape

from .test_media_clips import PAGE, saved_media, with_paragraphs
from .videofiles import m4a, mp4, webm
from .webtools import serve_folder


def _cut(data: bytes, at: bytes) -> bytes:
    return data[: data.index(at) + 10]


def shape(data: bytes) -> Shape | None:
    return video_shape(lambda at, size: data[at : at + size])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (mp4(1920, 1080), Shape(1920, 1080, 12.0)),
        (mp4(1080, 1920), Shape(1080, 1920, 12.0)),
        (mp4(1920, 1080, turn=90), Shape(1080, 1920, 12.0)),  # a phone held upright
        (mp4(1920, 1080, turn=270), Shape(1080, 1920, 12.0)),
        (mp4(1920, 1080, turn=180), Shape(1920, 1080, 12.0)),  # upside down: same shape
        (mp4(1080, 1080, moov_first=True, seconds=75.5), Shape(1080, 1080, 75.5)),
        (m4a(185), Shape(0, 0, 185.0)),  # sound: its length only
        (webm(720, 1280), Shape(720, 1280, 8.0)),
        (webm(1280, 720, live=True), Shape(1280, 720, 0.0)),  # MediaRecorder's: no length
        (webm(720, 576, display=(1024, 576)), Shape(720, 405, 8.0)),  # wide pixels
        (bytes(5000), None),
        (_cut(mp4(1920, 1080), b"mvhd"), None),  # copied in part: its tracks are at its end
        (webm(720, 1280)[:60], None),
        (b"\x00\x00\x00\x18ftypisom" + b"\xff" * 40, None),
    ],
)
def test_the_shape_as_a_player_shows_it(data: bytes, expected: Shape | None) -> None:
    assert shape(data) == expected


def test_a_300_mb_video_is_read_a_few_headers_deep(tmp_path: Path) -> None:
    """A phone writes its tracks after the picture: reaching them reads no picture."""
    head = mp4(1920, 1080, turn=90, picture=0)
    picture_box = head.index(b"mdat") - 4
    file = tmp_path / "long.mp4"
    with open(file, "wb") as out:
        out.write(head[:picture_box])
        out.write((8 + 300_000_000).to_bytes(4, "big") + b"mdat")
        out.truncate(picture_box + 8 + 300_000_000)  # sparse: no 300 MB written
        out.seek(0, os.SEEK_END)
        out.write(head[picture_box + 8 :])
    reads: list[int] = []
    data = file.read_bytes()

    def read(at: int, size: int) -> bytes:
        reads.append(size)
        return data[at : at + size]

    assert video_shape(read) == Shape(1080, 1920, 12.0)
    assert sum(reads) < 2000 and len(reads) < 20
    assert read_video_shape(file) == Shape(1080, 1920, 12.0)


def build(project: Path, *extra: str) -> int:
    return main(["build", "--root", str(project), "--no-search", "--quiet", *extra])


def test_each_video_has_its_shape_and_length_on_the_page(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_media(
        project,
        {
            "upright.mp4": mp4(1920, 1080, turn=90, seconds=200),
            "square.webm": webm(1080, 1080, seconds=40),
            "interview.m4a": m4a(3725),
            "damaged.mp4": bytes(3000),
        },
    )
    with_paragraphs(
        project,
        "![المتحدث](../../../media/2020/upright.mp4)",
        "![الموقع](../../../media/2020/square.webm)",
        "![المقابلة](../../../media/2020/interview.m4a)",
        "![المؤتمر](../../../media/2020/damaged.mp4)",
    )
    assert build(project) == 0
    html = (project / PAGE).read_text(encoding="utf-8")
    assert (
        '<video controls preload="none" playsinline width="1080" height="1920" '
        'src="/media/2020/upright.mp4" aria-label="المتحدث"></video>'
        '<a href="/media/2020/upright.mp4" download>تنزيل <bdi>upright.mp4, 3 min, 10 kB</bdi>'
    ) in html
    assert 'width="1080" height="1080" src="/media/2020/square.webm"' in html
    assert "<bdi>square.webm, 40 s, 1 kB</bdi>" in html
    assert "<bdi>interview.m4a, 1 h 02 min, 5 kB</bdi>" in html
    assert '<video controls preload="none" playsinline src="/media/2020/damaged.mp4"' in html
    err = capsys.readouterr().err
    assert err.count("width and height cannot be read") == 1
    assert "content/media/2020/damaged.mp4: its width and height cannot be read" in err
    assert main(["status", "--root", str(project)]) == 0
    said = capsys.readouterr()
    assert "damaged.mp4: its width and height cannot be read" in said.out + said.err


@pytest.mark.browser
def test_chromium_gives_each_player_the_files_shape_before_it_loads(  # type: ignore[no-untyped-def]
    project: Path, page
) -> None:
    saved_media(
        project,
        {
            "upright.mp4": mp4(1920, 1080, turn=90),
            "square.webm": webm(1080, 1080),
            "wide.mp4": mp4(1920, 1080, moov_first=True),
            "damaged.mp4": bytes(3000),
        },
    )
    with_paragraphs(
        project,
        *(f"![{name}](../../../media/2020/{name})" for name in ("upright.mp4", "square.webm")),
        *(f"![{name}](../../../media/2020/{name})" for name in ("wide.mp4", "damaged.mp4")),
    )
    assert build(project, "--base-url", "http://127.0.0.1/repo/") == 0
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    with serve_folder(project / "site", "/repo/") as base:
        for width, height in ((1280, 800), (390, 844), (740, 360)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}ar/2020/11/coalition-us-forces-syria-iraq/")
            boxes = page.evaluate(
                """() => Object.fromEntries([...document.querySelectorAll('.body video')].map(
                    v => [v.getAttribute('aria-label'), [v.getBoundingClientRect().width,
                    v.getBoundingClientRect().height, v.parentElement.clientWidth]]))"""
            )
            for name, ratio in (("upright.mp4", 9 / 16), ("square.webm", 1), ("wide.mp4", 16 / 9)):
                shown, tall, column = boxes[name]
                assert shown / tall == pytest.approx(ratio, rel=0.02), (name, width, boxes)
                assert tall <= 0.8 * height + 1, (name, width, boxes)  # no taller than the screen
                assert shown <= column + 1
            for name in ("wide.mp4", "damaged.mp4"):  # a shape unread: 16:9, as a wide one
                shown, tall, column = boxes[name]
                # Landscape: the column's width, but on a phone turned sideways, whose screen
                # it would overflow.
                assert shown == pytest.approx(min(column, 0.8 * height * 16 / 9), abs=1)
                assert shown / tall == pytest.approx(16 / 9, rel=0.02)
    assert not [url for url in fetched if url.endswith((".mp4", ".webm"))]  # preload="none"
