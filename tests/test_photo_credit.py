"""Each photo an article shows is named in its pages' JSON-LD (`image`): the original's
address, its size as shown, and the credit the photo's own file gives (photographer and
copyright notice, from its Exif, IPTC, XMP or PNG texts, as cameras, agencies and photo
editors write them), which search engines show beside the photo; a captioned photo shows
the same credit under it, and its renditions keep it. Real files made with Pillow, real
builds."""

from __future__ import annotations

import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from newsarchive.build.engine import build
from newsarchive.content.photocredit import photo_credit

from .conftest import write
from .test_photo_sizes import ARTICLE, ENGLISH_PAGE, PAGE, camera_jpeg, saved, scene, show

BASE = "https://example.github.io/repo/"
XMP = "XML:com.adobe.xmp"
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


def exif_jpeg(artist: bytes, notice: bytes, **options: object) -> bytes:
    exif = Image.Exif()
    exif[0x013B], exif[0x8298] = artist, notice
    return saved(scene(600, 400), "JPEG", exif=exif.tobytes(), **options)


def xmp(creators: tuple[str, ...] = (), credit_line: str = "", rights: str = "") -> bytes:
    """An XMP packet as a photo editor writes one: dc:creator, photoshop:Credit (as an
    attribute), dc:rights in Arabic and in the default language."""
    names = "".join(f"<rdf:li>{name}</rdf:li>" for name in creators)
    line = f' photoshop:Credit="{credit_line}"' if credit_line else ""
    notice = (
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="ar">حقوق محفوظة</rdf:li>'
        f'<rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>'
        if rights
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"{line}>'
        f"<dc:creator><rdf:Seq>{names}</rdf:Seq></dc:creator>{notice}"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def png(*texts: tuple[str, str, bool], after: tuple[str, str] | None = None) -> bytes:
    """A photo saved as PNG with these (keyword, text, international) texts before its
    pixels, and `after` as a tEXt chunk after them (Latin-1), as some editors write it."""
    notes = PngImagePlugin.PngInfo()
    for keyword, text, international in texts:
        if international:
            notes.add_itxt(keyword, text, zip=True)
        else:
            notes.add_text(keyword, text)
    data = saved(scene(600, 400), "PNG", pnginfo=notes)
    if after is None:
        return data
    content = after[0].encode("latin-1") + b"\0" + after[1].encode("latin-1")
    chunk = struct.pack(">I", len(content)) + b"tEXt" + content
    chunk += struct.pack(">I", zlib.crc32(chunk[4:]))
    end = data.rindex(b"IEND") - 4
    return data[:end] + chunk + data[end:]


REUTERS = xmp(("أحمد جليل", "Sara  Ali"), "Reuters", "© Reuters 2020")


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
        # XMP, in a JPEG, a PNG's iTXt and a WebP: photographers joined, the default rights
        (saved(scene(600, 400), "JPEG", xmp=REUTERS), ("أحمد جليل; Sara Ali", "© Reuters 2020")),
        (png((XMP, REUTERS.decode(), True)), ("أحمد جليل; Sara Ali", "© Reuters 2020")),
        (saved(scene(600, 400), "WEBP", xmp=REUTERS), ("أحمد جليل; Sara Ali", "© Reuters 2020")),
        # the Exif wins over the XMP; nobody named: the credit line
        (exif_jpeg(b"AFP photographer", b"", xmp=REUTERS), ("AFP photographer", "© Reuters 2020")),
        (png((XMP, xmp((), "رويترز").decode(), True)), ("رويترز", "")),
        # a PNG's texts: Author (compressed iTXt), Copyright after the pixels (Latin-1 tEXt)
        (
            png(("Author", "علي حسن", True), after=("Copyright", "© René Dupont")),
            ("علي حسن", "© René Dupont"),
        ),
        (png(("Author", "Ali", False)), ("Ali", "")),
        # an XMP that declares entities is not read; a damaged one neither
        (png((XMP, '<!DOCTYPE x [<!ENTITY a "b">]>' + REUTERS.decode(), True)), ("", "")),
        (saved(scene(600, 400), "JPEG", xmp=REUTERS[:-40]), ("", "")),
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


def test_a_photo_shows_the_credit_its_file_gives_whatever_its_kind(project: Path) -> None:
    """The figure under a captioned photo, the page's JSON-LD and the photo's renditions give
    one credit, read from a JPEG's Exif or XMP, a PNG's texts (after its pixels too) or XMP,
    a WebP's XMP."""
    photos = {
        "exif.jpg": exif_jpeg("علي حسن".encode(), "© AFP 2020".encode(), xmp=REUTERS),
        "xmp.jpg": saved(scene(600, 400), "JPEG", xmp=REUTERS),
        "texts.png": png(("Author", "علي حسن", True), after=("Copyright", "© AFP")),
        "line.png": png((XMP, xmp((), "رويترز", "© Reuters").decode(), True)),
        "agency.webp": saved(scene(600, 400), "WEBP", xmp=REUTERS),
    }
    credits = {
        "exif.jpg": ("علي حسن", "© AFP 2020"),
        "xmp.jpg": ("أحمد جليل; Sara Ali", "© Reuters 2020"),
        "texts.png": ("علي حسن", "© AFP"),
        "line.png": ("رويترز", "© Reuters"),
        "agency.webp": ("أحمد جليل; Sara Ali", "© Reuters 2020"),
    }
    for name, data in photos.items():
        write(project, f"content/media/2020/{name}", "").write_bytes(data)
    show(
        project, ARTICLE, *(f'![صورة {name}](../../../media/2020/{name} "شرح")' for name in photos)
    )
    build(project, project / "site", BASE, search=False)
    html = (project / PAGE).read_text(encoding="utf-8")
    shown = dict(re.findall(r'media/2020/([\w.]+)".*?<small><bdi>(.*?)</bdi></small>', html))
    assert shown == {name: credit[0] for name, credit in credits.items()}
    images = _jsonld(html)["image"]
    assert isinstance(images, list)
    named = {
        image["contentUrl"].rsplit("/", 1)[1]: (image["creditText"], image["copyrightNotice"])
        for image in images
    }
    assert named == credits
    for name, credit in credits.items():
        stem = name.rsplit(".", 1)[0]
        renditions = sorted((project / "site/media/2020").glob(f"{stem}-*w.*.jpg"))
        assert len(renditions) == 2, name  # 480 and 600 px wide, JPEG (photos, not drawings)
        for rendition in renditions:
            data = rendition.read_bytes()
            assert photo_credit(data) == credit, rendition.name
            exif = Image.open(io.BytesIO(data)).getexif()  # Pillow reads Exif texts as Latin-1
            assert str(exif[0x013B]).encode("latin-1").decode() == credit[0], rendition.name
