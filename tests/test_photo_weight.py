"""A photo the build does not resize (a GIF, one no wider than 480 px) and heavy for a phone
(over 500 kB, or over 2,000 px wide) is published as it is, with a warning at the article's
line that shows it, saying its size and how to lighten it; a photo shown resized is heavy
only when its original, published for download, is heavy for the site (over 10 MB): once a
photo, whatever builds (cold, patched, kept) and however many articles show it."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from newsarchive.build.engine import BuildResult, build
from newsarchive.cli import main
from newsarchive.content.photoweight import heavy_photo

from .conftest import DEMO_ARTICLE, png, write

BASE = "https://example.github.io/repo/"
ARTICLE = f"content/{DEMO_ARTICLE}"
OTHER = "content/ar/2019/05/other-story.md"
PHOTO = "content/media/2020/flood.png"
HEAVY = "is heavy for "


def noisy_png(width: int, height: int) -> bytes:
    """A real PNG of that size whose pixels are noise: as heavy as a photo saved as PNG
    (1600×1200: 5.8 MB)."""
    rows = b"".join(b"\x00" + os.urandom(3 * width) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(rows, 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + idat + chunk(b"IEND", b"")


def _show(root: Path, rel: str, after: str, image: str) -> None:
    """Put an image paragraph after the paragraph that ends with `after`."""
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert after in text, after
    file.write_text(text.replace(after, f"{after}\n\n{image}", 1), encoding="utf-8")


PARAGRAPH_2 = "إلى داخل الأراضي العراقية."  # the end of the demo article's line 9
LAST = "والابتعاد عن التصعيد في شمال شرقي سوريا."  # the end of its last line
SHOWN = "![الفيضان في الحسكة](../../../media/2020/flood.png)"  # at line 11 once put after it


@pytest.fixture
def heavy(project: Path) -> Path:
    """The demo project whose article shows, at line 11, a 605 kB PNG 480×420 px: no wider
    than a phone's screen, so not resized."""
    write(project, PHOTO, "")
    (project / PHOTO).write_bytes(noisy_png(480, 420))
    _show(project, ARTICLE, PARAGRAPH_2, SHOWN)
    return project


def _heavy(result: BuildResult) -> list[tuple[str, int, str]]:
    return [(w.path, w.line, w.message) for w in result.warnings if HEAVY in w.message]


def _heavy_warnings(root: Path) -> list[tuple[str, int, str]]:
    return _heavy(build(root, root / "site", BASE, search=False))


def test_a_heavy_photo_is_published_with_a_warning_at_the_line_showing_it(
    heavy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(heavy), "--no-search", "--base-url", BASE]) == 0
    said = capsys.readouterr()
    assert ", 1 warning(s) -> " in said.out
    assert said.err == (
        f"{ARTICLE}:11: warning: {PHOTO} is heavy for a phone: 605 kB, 480×420 px (over "
        "500 kB), which a phone downloads whole when the page opens: the build makes smaller "
        "copies only of JPEG, PNG, WebP and AVIF photos wider than 480 px and not animated. Save it "
        "as JPEG (WebP for a drawing or a screenshot), e.g. with ImageMagick in "
        "content/media/2020/: convert flood.png -quality 80 flood.jpg; then show flood.jpg "
        "instead\n"
    )
    assert (heavy / "site/media/2020/flood.png").read_bytes() == (heavy / PHOTO).read_bytes()


def test_a_gif_far_wider_than_any_screen_is_heavy_however_little_it_weighs(
    project: Path,
) -> None:
    """A GIF is not resized (its renditions would stop an animation): a phone gets it whole."""
    write(project, "content/media/panorama.gif", "")
    Image.new("P", (2400, 300)).save(project / "content/media/panorama.gif")  # a few kB
    _show(project, ARTICLE, PARAGRAPH_2, "![بانوراما](/media/panorama.gif)")
    [(path, line, message)] = _heavy_warnings(project)
    assert (path, line) == (ARTICLE, 11)
    assert "2400×300 px (over 2,000 px wide, where no screen shows more than 1,500)" in message
    assert "convert panorama.gif -resize 1500x -quality 80 panorama.jpg" in message


def test_a_photo_shown_resized_is_heavy_only_when_its_original_is_heavy_for_the_site(
    project: Path,
) -> None:
    """A 5.8 MB PNG and a panorama 2,400 px wide reach phones as renditions: nothing said. An
    original over 10 MB is still published, for download, and counts towards the host's
    limit: that is said, once, with how to keep a lighter original."""
    for name, data in (
        ("flood.png", noisy_png(1600, 1200)),
        ("panorama.png", png(2400, 300)),
        ("huge.png", noisy_png(2000, 1700)),  # 10.2 MB
    ):
        write(project, f"content/media/{name}", "").write_bytes(data)
    shown = "![فيضان](/media/flood.png)\n\n![بانوراما](/media/panorama.png)"
    _show(project, ARTICLE, PARAGRAPH_2, shown + "\n\n![صورة](/media/huge.png)")
    [(path, line, message)] = _heavy_warnings(project)
    assert (path, line) == (ARTICLE, 15)
    assert message == (
        "content/media/huge.png is heavy for the site: 10.2 MB, 2000×1700 px (over 10.0 MB). "
        "Readers get a copy that fits their screen, but the original is published too, for "
        "download from the photo, and counts towards the host's limit on the site's size. "
        "Unless the archive must keep this very file, save it lighter, e.g. with ImageMagick "
        "in content/media/: convert huge.png -quality 90 huge-kept.jpg; then show "
        "huge-kept.jpg instead"
    )


def test_a_light_photo_and_a_heavy_file_only_linked_are_said_nothing_of(project: Path) -> None:
    """A photo as a phone should get it, and a heavy scan offered as a download (a link, which
    no page loads by itself)."""
    write(project, "content/media/light.png", "")
    (project / "content/media/light.png").write_bytes(png(1500, 1000))
    write(project, "content/media/scan.png", "")
    (project / "content/media/scan.png").write_bytes(noisy_png(600, 400))  # 720 kB
    _show(
        project,
        ARTICLE,
        PARAGRAPH_2,
        "![صورة](/media/light.png)\n\n[الوثيقة كاملة](/media/scan.png)",
    )
    assert _heavy_warnings(project) == []


@pytest.mark.parametrize(
    ("photo", "size", "weight", "said"),
    [
        pytest.param("media/a.jpg", (2000, 1500), 500_000, "", id="at-both-limits"),
        pytest.param("media/a.jpg", (1200, 900), 500_001, "(over 500 kB)", id="a-byte-over"),
        pytest.param("media/a.jpg", (2001, 10), 1000, "(over 2,000 px wide", id="a-pixel-over"),
        # A JPEG is saved under another name (the editor's file is not overwritten), and one
        # no wider than the text column is only saved again.
        pytest.param(
            "media/2020/a.jpeg",
            (4032, 3024),
            3_100_000,
            "convert a.jpeg -resize 1500x -quality 80 a-1500.jpg; then show a-1500.jpg",
            id="a-camera-jpeg",
        ),
        pytest.param(
            "media/b.PNG",
            (1200, 800),
            2_000_000,
            "Save it as JPEG (WebP for a drawing or a screenshot), e.g. with ImageMagick in "
            "content/media/: convert b.PNG -quality 80 b.jpg;",
            id="narrow-enough",
        ),
        # Resized: readers get renditions; only an original heavy for the site is said.
        pytest.param("media/c.jpg", (6000, 4000), 10_000_000, "", id="resized-at-the-limit"),
        pytest.param(
            "media/c.jpg",
            (6000, 4000),
            10_000_001,
            "convert c.jpg -resize 4000x -quality 90 c-4000.jpg; then show c-4000.jpg",
            id="resized-a-byte-over",
        ),
    ],
)
def test_what_is_heavy_and_what_to_do(
    photo: str, size: tuple[int, int], weight: int, said: str
) -> None:
    resized = "resized" in said or photo == "media/c.jpg"
    warning = heavy_photo(photo, size, weight, resized)
    assert (said in warning) if said else warning == ""


def test_a_photo_is_warned_of_once_however_many_times_and_articles_show_it(
    heavy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _show(heavy, ARTICLE, LAST, SHOWN.replace("الفيضان", "مرة ثانية"))
    other = '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nقال الدفاع المدني.\n\n'
    write(heavy, OTHER, other + "![الفيضان](/media/2020/flood.png)\n")
    [(path, line, message)] = _heavy_warnings(heavy)
    assert (path, line) == (OTHER, 8)  # the first article in file order
    assert message.endswith("then show flood.jpg instead (another shows it too)")
    # status says it as the build does: once
    assert main(["status", "--root", str(heavy)]) == 0
    assert capsys.readouterr().err.count(HEAVY) == 1


def _fresh_warnings(root: Path, tmp: Path) -> list[tuple[str, int, str]]:
    """What a cold build of the same content warns of."""
    shutil.rmtree(tmp / "fresh", ignore_errors=True)
    shutil.copytree(root / "content", tmp / "fresh" / "content")
    return _heavy_warnings(tmp / "fresh")


def test_edits_warn_of_a_heavy_photo_as_a_cold_build_does(heavy: Path, tmp_path: Path) -> None:
    """The record keeps the article's warning: an edit of another file says it again, an edit
    of the article finds it again (not twice), a lighter photo under the same name ends it."""
    other = '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nقال الدفاع المدني.\n'
    write(heavy, OTHER, other)
    cold = _heavy_warnings(heavy)
    assert [(path, line) for path, line, _ in cold] == [(ARTICLE, 11)]
    other_edit = (heavy / OTHER).read_text(encoding="utf-8") + "\nوأضاف.\n"
    registry = (heavy / "content/entities.yaml").read_text(encoding="utf-8")
    for edit in (
        lambda: (heavy / OTHER).write_text(other_edit, encoding="utf-8"),
        lambda: _show(heavy, ARTICLE, LAST, "وأضاف."),
        lambda: (heavy / "content/entities.yaml").write_text(
            registry.replace("en: Rmelan", "en: Rmelan town"), encoding="utf-8"
        ),
    ):
        edit()
        patched = build(heavy, heavy / "site", BASE, search=False)
        assert patched.written is not None  # patched in place
        assert _heavy(patched) == cold == _fresh_warnings(heavy, tmp_path)
    # An article added: a full build that keeps the others, their warnings from the record.
    write(heavy, "content/ar/2019/06/third.md", other.replace("2019-05-02", "2019-06-01"))
    full = build(heavy, heavy / "site", BASE, search=False)
    assert full.written is None and _heavy(full) == cold == _fresh_warnings(heavy, tmp_path)
    (heavy / PHOTO).write_bytes(png(480, 420))  # saved lighter, under its name
    patched = build(heavy, heavy / "site", BASE, search=False)
    assert patched.written is not None and _heavy(patched) == []
    (heavy / PHOTO).write_bytes(noisy_png(480, 420))
    patched = build(heavy, heavy / "site", BASE, search=False)
    assert patched.written is not None
    assert _heavy(patched) == cold == _fresh_warnings(heavy, tmp_path)
