"""A photo wider than a phone needs reaches readers as a rendition that fits their screen
(480, 960 or 1,600 px wide, never wider than the photo), named in the <img>'s srcset with its
sizes; the original stays published, linked from the photo. Renditions are made once, kept in
the build cache by the photo's bytes: a no-op build or an edit of another article resizes
nothing; a photo replaced gets new ones, and the old ones leave the site. Real photos made
here with Pillow, real builds, and Debian's Chromium choosing among them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageStat, PngImagePlugin

from newsarchive.build.engine import build
from newsarchive.build.photos import make_renditions, photos_folder
from newsarchive.cli import main
from newsarchive.content.photosizes import SIZES
from newsarchive.core.diagnostics import BuildFailed

from .conftest import DEMO_ARTICLE, fresh_build, snapshot, write

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

BASE = "https://example.github.io/repo/"
ARTICLE = f"content/{DEMO_ARTICLE}"
PAGE = "site/ar/2020/11/coalition-us-forces-syria-iraq/index.html"
ENGLISH_PAGE = PAGE.replace("site/ar/", "site/en/")
OTHER = "content/ar/2020/11/other.md"
ALT = "الفيضان في الحسكة"
ARTIST, COPYRIGHT, ORIENTATION, GPS = 0x013B, 0x8298, 0x0112, 0x8825
IMAGE = re.compile(r'(?:<a href="(?P<link>[^"]*)">)?<img (?P<attributes>[^>]*)/?>(?:</a>)?')


def scene(width: int, height: int) -> Image.Image:
    """A photo's pixels: light falling across a noisy scene (thousands of colours)."""
    light = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 60)
    return Image.merge("RGB", (light, noise, light.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def camera_jpeg(width: int, height: int, orientation: int = 1) -> bytes:
    """A camera's JPEG stored `width`×`height`, turned by its Exif `orientation`, with a
    photographer, a copyright notice and where it was taken."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[ARTIST] = "Ali Hassan"
    exif[COPYRIGHT] = "(c) Example Agency, CC BY 4.0"
    exif.get_ifd(GPS).update({1: "N", 2: (36.0, 30.0, 0.0), 3: "E", 4: (40.0, 45.0, 0.0)})
    out = io.BytesIO()
    scene(width, height).save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def drawing(width: int, height: int) -> Image.Image:
    """A chart's pixels: a few flat colours."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for left in range(0, width, 60):
        draw.rectangle((left, height // 3, left + 40, height), fill=(20, 60, 140))
    return image


def cutout(width: int, height: int) -> Image.Image:
    """A photo cut out of its background: see-through around it."""
    image = scene(width, height).convert("RGBA")
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).ellipse((width // 8, 0, width * 7 // 8, height), fill=255)
    image.putalpha(mask)
    return image


def show(root: Path, rel: str, *lines: str) -> None:
    """Put paragraphs at the end of an article."""
    file = root / rel
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text + "".join(f"\n\n{line}" for line in lines) + "\n", encoding="utf-8")


def images(html: str) -> dict[str, dict[str, str]]:
    """Each <img> of a page by its alt: its attributes, and `link`, the link it is in."""
    found = {}
    for match in IMAGE.finditer(html):
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', match["attributes"]))
        found[attributes["alt"]] = attributes | {"link": match["link"] or ""}
    return found


def candidates(image: dict[str, str]) -> dict[int, str]:
    """The srcset of an <img>: its addresses by width."""
    pairs = [each.rsplit(" ", 1) for each in image.get("srcset", "").split(", ") if each]
    return {int(width.removesuffix("w")): address for address, width in pairs}


@pytest.fixture
def photographed(project: Path) -> Path:
    """The demo article showing, as its last paragraph, a camera's photo held upright
    (stored 3000×2000, Exif orientation 6: shown 2000×3000)."""
    write(project, "content/media/2020/flood.jpg", "").write_bytes(camera_jpeg(3000, 2000, 6))
    show(project, ARTICLE, f"![{ALT}](../../../media/2020/flood.jpg)")
    return project


def test_a_wide_photo_is_shown_in_renditions_and_links_its_original(photographed: Path) -> None:
    build(photographed, photographed / "site", BASE, search=False)
    html = (photographed / PAGE).read_text(encoding="utf-8")
    shown = images(html)[ALT]
    assert shown["link"] == "/repo/media/2020/flood.jpg"  # the original, for download
    assert (shown["width"], shown["height"], shown["loading"]) == ("2000", "3000", "lazy")
    assert shown["sizes"] == SIZES
    widths = candidates(shown)
    assert sorted(widths) == [480, 960, 1600]
    assert shown["src"] == widths[960]  # for a browser that reads no srcset
    site = photographed / "site"
    original = photographed / "content/media/2020/flood.jpg"
    for width, address in widths.items():
        assert re.fullmatch(rf"/repo/media/2020/flood-{width}w\.[0-9a-f]{{10}}\.jpg", address)
        rendition = Image.open(site / address.removeprefix("/repo/"))
        # upright: turned as the browser showed the original, nothing left to turn
        assert (rendition.format, rendition.size) == ("JPEG", (width, width * 3 // 2))
        exif = rendition.getexif()
        assert ORIENTATION not in exif and not exif.get_ifd(GPS)
        assert exif[ARTIST] == "Ali Hassan"
        assert exif[COPYRIGHT] == "(c) Example Agency, CC BY 4.0"
        # lighter than the original's share of bytes for as many pixels
        share = original.stat().st_size * (width / 2000) ** 2
        assert (site / address.removeprefix("/repo/")).stat().st_size < share
    assert (site / "media/2020/flood.jpg").read_bytes() == original.read_bytes()
    # the English page shows the photo as the Arabic one does (a paragraph of no text)
    english = (photographed / ENGLISH_PAGE).read_text(encoding="utf-8")
    assert images(english)[ALT] == shown


def test_photos_keep_png_or_webp_only_where_jpeg_would_spoil_them(project: Path) -> None:
    """A photo is a JPEG at every size; a drawing or a photo with transparency keeps its PNG
    or WebP. A photo no wider than 480 px, a GIF and an animation are shown as they are."""
    animated = [scene(800, 500), scene(800, 500).rotate(180)]
    made = {
        "photo.png": (saved(scene(1200, 800), "PNG"), "jpg", (480, 960, 1200)),
        "photo.webp": (saved(scene(900, 600), "WEBP"), "jpg", (480, 900)),
        "chart.png": (saved(drawing(1000, 600), "PNG"), "png", (480, 960, 1000)),
        "cutout.png": (saved(cutout(700, 700), "PNG"), "png", (480, 700)),
        "cutout.webp": (saved(cutout(700, 700), "WEBP"), "webp", (480, 700)),
        "narrow.png": (saved(scene(480, 600), "PNG"), "", ()),
        "banner.gif": (saved(drawing(1000, 200).convert("P"), "GIF"), "", ()),
        "moving.webp": (
            saved(animated[0], "WEBP", save_all=True, append_images=animated[1:]),
            "",
            (),
        ),
    }
    for name, (data, _, _) in made.items():
        write(project, f"content/media/{name}", "").write_bytes(data)
    show(project, ARTICLE, *(f"![{name}](/media/{name})" for name in made))
    build(project, project / "site", BASE, search=False)
    shown = images((project / PAGE).read_text(encoding="utf-8"))
    for name, (_, kind, widths) in made.items():
        found = candidates(shown[name])
        assert tuple(found) == widths, name
        if not widths:
            assert (shown[name]["src"], shown[name]["link"]) == (f"/repo/media/{name}", "")
        for width, address in found.items():
            rendition = Image.open(project / "site" / address.removeprefix("/repo/"))
            assert address.endswith(f".{kind}") and rendition.width == width, name
            if name.startswith("cutout"):
                assert rendition.convert("RGBA").getpixel((0, 0))[3] == 0  # still see-through


def test_a_large_png_turned_by_its_exif_gets_upright_renditions_with_only_its_credit() -> None:
    """A PNG exported from an editor, stored on its side (orientation 6), is resized from its
    decoded pixels before it is turned, and the narrower renditions from the widest: each is
    upright, of the photo's proportions and colours, with its credit and colour profile and
    nothing else of its metadata."""
    stored = scene(3300, 2200)
    stored.paste((255, 0, 0), (0, 0, 330, 220))  # its top left corner: the top right, shown
    exif = Image.Exif()
    exif.update({ORIENTATION: 6, ARTIST: "Ali Hassan", COPYRIGHT: "(c) Example Agency"})
    exif.get_ifd(GPS).update({1: "N", 2: (36.0, 30.0, 0.0)})
    notes = PngImagePlugin.PngInfo()
    notes.add_text("Comment", "taken at the source's house")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = saved(stored, "PNG", exif=exif.tobytes(), pnginfo=notes, icc_profile=profile)
    made = make_renditions(data, (480, 960, 1600))
    assert made is not None and made[0] == "jpg"
    shown = stored.transpose(Image.Transpose.ROTATE_270)
    for width, encoded in made[1].items():
        rendition = Image.open(io.BytesIO(encoded))
        assert (rendition.format, rendition.size) == ("JPEG", (width, width * 3 // 2))
        assert rendition.getpixel((width - 5, 5)) == pytest.approx((255, 0, 0), abs=40)
        assert rendition.getpixel((5, width // 2)) != pytest.approx((255, 0, 0), abs=40)
        seen, expected = (
            each.resize((40, 60), Image.Resampling.BOX) for each in (rendition, shown)
        )
        difference = ImageStat.Stat(ImageChops.difference(seen, expected)).mean
        assert max(difference) < 2, width  # the same picture, at a glance (its noise aside)
        assert dict(rendition.getexif()) == {ARTIST: "Ali Hassan", COPYRIGHT: "(c) Example Agency"}
        assert rendition.info["icc_profile"] == profile
        assert "comment" not in rendition.info and "Comment" not in rendition.info


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file under folder: (inode, mtime) — a file written again has others."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _renditions(site: Path) -> dict[str, tuple[int, int]]:
    return {p: s for p, s in _stamps(site / "media").items() if re.search(r"-\d+w\.", p)}


def test_builds_that_change_no_photo_resize_nothing_and_rewrite_no_rendition(
    photographed: Path,
) -> None:
    """A no-op build, an article added (a full build), an edit of another article (a patch),
    site.toml edited (a full build of everything): each finds the renditions in the cache,
    and the site's are the cache's very files (linked, never written again)."""
    write(photographed, OTHER, '---\ntitle: "خبر"\ndate: "2020-11-05"\n---\n\nنص الخبر.\n')
    site, cached = photographed / "site", photographed / ".cache/photos"
    build(photographed, site, BASE, search=False)
    made, published = _stamps(cached), _renditions(site)
    assert len(published) == 3 and len(made) == 4  # three renditions and what was made
    assert {inode for inode, _ in published.values()} <= {inode for inode, _ in made.values()}

    def edit_other() -> None:
        show(photographed, OTHER, "وأضاف المصدر.")

    def touch_config() -> None:
        show(photographed, "content/site.toml", "# edited")

    def add_article() -> None:
        write(photographed, "content/ar/2020/11/third.md", (photographed / OTHER).read_text())

    for edit, how in ((None, "no-op"), (add_article, "full"), (edit_other, "patch")):
        if edit is not None:
            edit()
        result = build(photographed, site, BASE, search=False)
        assert (result.files == 0) == (how == "no-op")
        assert (result.written is None) == (how == "full"), how
        assert _stamps(cached) == made and _renditions(site) == published, how
    touch_config()
    assert build(photographed, site, BASE, search=False).written is None
    assert _stamps(cached) == made and _renditions(site) == published


def test_a_photo_replaced_gets_new_renditions_and_the_old_ones_leave(
    photographed: Path, tmp_path: Path
) -> None:
    site = photographed / "site"
    build(photographed, site, BASE, search=False)
    before = set(_renditions(site))
    photo = photographed / "content/media/2020/flood.jpg"
    photo.write_bytes(camera_jpeg(1200, 900))  # cropped and saved again, under its name
    patched = build(photographed, site, BASE, search=False)
    assert patched.written is not None  # patched in place
    now = set(_renditions(site))
    assert not now & before
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", p) for p in now} == {
        f"2020/flood-{width}w.jpg" for width in (480, 960, 1200)
    }
    assert snapshot(site) == fresh_build(photographed, tmp_path, BASE)
    # The next full build leaves only the photo's present renditions in the cache.
    show(photographed, "content/site.toml", "# edited")
    build(photographed, site, BASE, search=False)
    assert len(list(photos_folder(photographed).iterdir())) == 1


def test_a_photo_deleted_takes_its_renditions_out_of_the_cache_and_nothing_else(
    photographed: Path,
) -> None:
    """A newsroom's long-lived checkout: the renditions of a photo deleted (with the line
    that showed it) leave .cache/photos at the build that follows, a full one; the build's
    project's files stay."""
    site = photographed / "site"
    build(photographed, site, BASE, search=False)
    assert len(list(photos_folder(photographed).iterdir())) == 1
    kept = set(_stamps(photographed / "content")) - {"media/2020/flood.jpg"}
    article = photographed / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(f"\n\n![{ALT}](../../../media/2020/flood.jpg)", ""))
    (photographed / "content/media/2020/flood.jpg").unlink()
    assert build(photographed, site, BASE, search=False).written is None  # a full build
    assert list(photos_folder(photographed).iterdir()) == []
    assert set(_stamps(photographed / "content")) == kept


def test_a_photo_cut_short_is_an_error_at_its_line_and_the_site_stays_whole(
    photographed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = photographed / "site"
    build(photographed, site, BASE, search=False)
    before = snapshot(site)
    photo = photographed / "content/media/2020/flood.jpg"
    photo.write_bytes(photo.read_bytes()[:40_000])  # a copy that stopped half-way
    line = (photographed / ARTICLE).read_text(encoding="utf-8").count("\n")
    with pytest.raises(BuildFailed) as failed:
        build(photographed, site, BASE, search=False)
    [problem] = failed.value.diagnostics
    assert (problem.path, problem.line, problem.severity) == (ARTICLE, line, "error")
    assert problem.message == (
        "content/media/2020/flood.jpg cannot be shown: it cannot be read as an image (the file "
        "ends before its image does: it was copied or downloaded only in part); save it again, "
        "or show another file"
    )
    assert snapshot(site) == before
    # the command line says it at the line, as `status` does, and the site is not changed
    assert main(["build", "--root", str(photographed), "--no-search", "--base-url", BASE]) == 1
    assert main(["status", "--root", str(photographed)]) == 1
    said = capsys.readouterr().err
    assert said.count(f"{ARTICLE}:{line}: error: content/media/2020/flood.jpg cannot be") == 2
    assert snapshot(site) == before


def _fetched(browser: Browser, url: str, width: int, height: int) -> Iterator[tuple[str, int]]:
    """(path, bytes) of each image a page at this viewport (1 device pixel a CSS pixel)
    downloaded, once its photo is scrolled to and shown."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    finished: list[Request] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.locator("img[srcset]").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img[srcset]').naturalWidth > 0")
    page.wait_for_load_state("networkidle")
    for request in finished:
        path = request.url.split("/", 3)[3]
        if re.search(r"\.(jpe?g|png|webp)$", path):
            yield "/" + path, request.sizes()["responseBodySize"]
    context.close()


@pytest.mark.browser
def test_a_phone_downloads_the_smallest_rendition_that_fits_and_a_desktop_a_larger_one(
    photographed: Path, browser: Browser
) -> None:
    from .webtools import serve_folder

    site = photographed / "site"
    build(photographed, site, "http://127.0.0.1/repo/", search=False)
    files = {f"/repo/{p}": len(data) for p, data in snapshot(site).items()}
    original = files["/repo/media/2020/flood.jpg"]
    with serve_folder(site, "/repo/") as base:
        url = base + PAGE.removeprefix("site/")
        phone = list(_fetched(browser, url, 360, 740))
        desktop = list(_fetched(browser, url, 1280, 900))
    [(path, size)] = phone  # one image, and only that
    assert re.fullmatch(r"/repo/media/2020/flood-480w\.[0-9a-f]{10}\.jpg", path)
    assert size == files[path] < original / 20
    [(path, size)] = desktop  # the column is 486 px wide there: more than 480
    assert re.fullmatch(r"/repo/media/2020/flood-960w\.[0-9a-f]{10}\.jpg", path)
    assert size == files[path] < original / 5


@pytest.mark.browser
def test_a_see_through_chart_is_shown_on_white_in_the_dark_theme_and_a_photo_as_it_is(
    project: Path, browser: Browser
) -> None:
    """A chart's dark lines drawn on nothing would vanish on the dark theme's paper."""
    from .webtools import serve_folder

    chart = Image.new("RGBA", (900, 300), (0, 0, 0, 0))  # dark bars on a see-through ground
    ImageDraw.Draw(chart).rectangle((0, 200, 900, 300), fill=(20, 20, 20, 255))
    write(project, "content/media/chart.png", "").write_bytes(saved(chart, "PNG"))
    write(project, "content/media/flood.jpg", "").write_bytes(camera_jpeg(900, 600))
    show(
        project, ARTICLE, "![رسم](../../../media/chart.png)", f"![{ALT}](../../../media/flood.jpg)"
    )
    build(project, project / "site", "http://127.0.0.1/", search=False)
    with serve_folder(project / "site", "/") as base:
        seen = {}
        for scheme in ("dark", "light"):
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(base + PAGE.removeprefix("site/"), wait_until="networkidle")
            for alt in ("رسم", ALT):
                image = page.locator(f'img[alt="{alt}"]')
                image.scroll_into_view_if_needed()
                page.wait_for_function("i => i.complete", arg=image.element_handle())
                shot = Image.open(io.BytesIO(image.screenshot())).convert("RGB")
                seen[scheme, alt] = shot.getpixel((shot.width // 2, 10))  # above the bars
            context.close()
    assert sum(seen["dark", "رسم"]) / 3 > 240, "the chart's see-through part shows dark paper"
    assert sum(seen["light", "رسم"]) / 3 > 240
    assert seen["dark", ALT] == seen["light", ALT], "a photo is shown as it is in both themes"
