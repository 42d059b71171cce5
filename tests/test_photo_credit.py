"""Each photo an article shows is named in its pages' JSON-LD (`image`): the original's
address, its size as shown, and the credit the photo's own file gives (photographer and
copyright notice, from its Exif, else its IPTC block, as news agencies write them), which
search engines show beside the photo. Real JPEGs made with Pillow, real builds."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from PIL import Image

from newsarchive.build.engine import build
from newsarchive.content.photocredit import photo_credit

from .conftest import write
from .test_photo_sizes import ARTICLE, ENGLISH_PAGE, PAGE, camera_jpeg, saved, scene, show

BASE = "https://example.github.io/repo/"
NO_PHOTO = '---\ntitle: "خبر بلا صورة"\ndate: "2020-11-20"\n---\nنص الخبر.\n'
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>')


def iptc_jpeg(by_line: str, notice: str) -> bytes:
    """An agency's JPEG: its credit in an IPTC record (Photoshop's APP13), none in Exif."""
    record = b"".join(
        b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(text)) + text
        for dataset, text in ((80, by_line.encode()), (116, notice.encode()))
    )
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    segment = b"Photoshop 3.0\x00" + resource + b"\x00" * (len(record) & 1)
    plain = saved(scene(900, 600), "JPEG")
    return plain[:2] + b"\xff\xed" + struct.pack(">H", len(segment) + 2) + segment + plain[2:]


def exif_jpeg(artist: bytes, notice: bytes) -> bytes:
    exif = Image.Exif()
    exif[0x013B], exif[0x8298] = artist, notice
    return saved(scene(600, 400), "JPEG", exif=exif.tobytes())


@pytest.mark.parametrize(
    ("data", "credit"),
    [
        (camera_jpeg(900, 600), ("Ali Hassan", "(c) Example Agency, CC BY 4.0")),
        (exif_jpeg("علي حسن".encode(), b"AFP"), ("علي حسن", "AFP")),
        (exif_jpeg(b"Ren\xe9  Dupont ", b""), ("René Dupont", "")),  # Latin-1, spaces
        (
            iptc_jpeg("Ahmad Jalil/Reuters", "© Reuters 2020"),
            ("Ahmad Jalil/Reuters", "© Reuters 2020"),
        ),
        (saved(scene(600, 400), "JPEG"), ("", "")),
        (saved(scene(600, 400), "PNG"), ("", "")),
        (camera_jpeg(900, 600)[:40], ("", "")),  # cut short inside its Exif
    ],
)
def test_a_photos_credit_is_read_as_its_file_gives_it(data: bytes, credit: tuple[str, str]) -> None:
    assert photo_credit(data) == credit


def _jsonld(html: str) -> dict[str, object]:
    found = LD.search(html)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_the_pages_name_each_photo_shown_with_its_size_and_credit(project: Path) -> None:
    write(project, "content/media/2020/flood.jpg", "").write_bytes(camera_jpeg(1200, 800, 6))
    write(project, "content/media/2020/agency.jpg", "").write_bytes(
        iptc_jpeg("Ahmad Jalil/Reuters", "© Reuters 2020")
    )
    write(project, "content/media/2020/map.gif", "").write_bytes(
        saved(Image.new("P", (300, 200)), "GIF")
    )
    show(
        project,
        ARTICLE,
        "![الفيضان](../../../media/2020/flood.jpg)",
        "![خريطة](/media/2020/map.gif) و![صورة وكالة](../../../media/2020/agency.jpg)",
        "![الفيضان مرة أخرى](../../../media/2020/flood.jpg)",  # the same photo: named once
    )
    write(project, "content/ar/2020/11/no-photo.md", NO_PHOTO)
    build(project, project / "site", BASE, search=False)
    media = BASE + "media/2020/"
    expected = [
        {
            "@type": "ImageObject",
            "contentUrl": media + "flood.jpg",
            "width": 800,  # stored 1200×800, shown upright (Exif orientation 6)
            "height": 1200,
            "creditText": "Ali Hassan",
            "copyrightNotice": "(c) Example Agency, CC BY 4.0",
        },
        {"@type": "ImageObject", "contentUrl": media + "map.gif", "width": 300, "height": 200},
        {
            "@type": "ImageObject",
            "contentUrl": media + "agency.jpg",
            "width": 900,
            "height": 600,
            "creditText": "Ahmad Jalil/Reuters",
            "copyrightNotice": "© Reuters 2020",
        },
    ]
    for page in (PAGE, ENGLISH_PAGE):
        assert _jsonld((project / page).read_text(encoding="utf-8"))["image"] == expected, page
    no_photo = project / "site/ar/2020/11/no-photo/index.html"
    assert "image" not in _jsonld(no_photo.read_text(encoding="utf-8"))  # nothing added
