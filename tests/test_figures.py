"""A photo with its caption, as news pages show one: `![what it shows](photo.jpg "caption")`
alone in its paragraph is a <figure>, its caption under the photo and, in small type, the
credit its file gives (content/figures.py). The caption is the paragraph's text: `gloss`
writes a block for it, the translator's caption is shown under the same photo on the English
page, search holds it and names in it are linked. Before, the title was a tooltip that touch
screens never show."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.imagesize import image_size
from newsarchive.content.markdown import render_body
from newsarchive.content.registryfile import read_registry
from newsarchive.entities.matcher import Mention, build_matcher, find_mentions

if TYPE_CHECKING:
    from playwright.sync_api import Browser

from .conftest import REPO, png, write
from .test_gloss_figures import ENGLISH, STORY
from .test_photo_sizes import ARTICLE, BASE, ENGLISH_PAGE, PAGE, camera_jpeg, saved, scene, show

CAPTION = "رتل عسكري أمريكي قرب المالكية، تشرين الثاني 2020"
ENGLISH_CAPTION = "A US military convoy near Al-Malikiyah, November 2020"
PHOTO = f'![آليات عسكرية على طريق](../../../media/2020/convoy.jpg "{CAPTION}")'
FIGURE = re.compile(r'<figure id="p(\d+)">(.*?)</figure>', re.S)


def _page(root: Path, page: str) -> str:
    return (root / page).read_text(encoding="utf-8")


def _captioned(project: Path, data: bytes) -> None:
    write(project, "content/media/2020/convoy.jpg", "").write_bytes(data)
    show(project, ARTICLE, PHOTO)


def test_a_captioned_photo_is_a_figure_with_its_caption_and_credit_under_it(
    project: Path,
) -> None:
    _captioned(project, camera_jpeg(1200, 800))
    build(project, project / "site", BASE, search=False)
    page = _page(project, PAGE)
    (number, figure), *others = FIGURE.findall(page)
    assert not others and number == "14"  # the article's 14th block, with its anchor
    image, caption = figure.split("<figcaption>")
    assert 'alt="آليات عسكرية على طريق"' in image and 'decoding="async"' in image
    assert "title=" not in image  # shown under the photo, not a tooltip as well
    assert 'href="/repo/media/2020/convoy.jpg"' in image  # the original, for download
    assert caption == f"{CAPTION}<small><bdi>Ali Hassan</bdi></small></figcaption>"


def test_a_photo_whose_file_names_nobody_gets_no_credit_and_an_inline_image_keeps_its_title(
    project: Path,
) -> None:
    _captioned(project, saved(scene(600, 400), "JPEG"))
    write(project, "content/media/2020/dot.png", "").write_bytes(png(20, 20))
    show(project, ARTICLE, 'نقطة ![نقطة حمراء](../../../media/2020/dot.png "علامة") في النص')
    build(project, project / "site", BASE, search=False)
    page = _page(project, PAGE)
    ((_, figure),) = FIGURE.findall(page)
    assert figure.endswith(f"<figcaption>{CAPTION}</figcaption>")
    assert re.search(r'<p id="p15">نقطة <img [^>]*title="علامة"', page)


def test_the_translator_captions_the_photo_in_its_gloss_block_and_the_english_page_shows_it(
    project: Path,
) -> None:
    _captioned(project, camera_jpeg(1200, 800))
    assert main(["gloss", "--root", str(project)]) == 0
    stub = _page(project, ENGLISH)
    block = stub[stub.rindex("<!-- gloss p") :]
    assert block.startswith("<!-- gloss p14 ") and f"<!-- ar: {CAPTION} -->" in block
    build(project, project / "site", BASE, search=False)
    pending = _page(project, ENGLISH_PAGE)
    assert 'id="p14"' in pending and "<figure>" not in pending  # pending, as any paragraph
    (project / ENGLISH).write_text(stub + "\n" + ENGLISH_CAPTION + "\n", encoding="utf-8")
    build(project, project / "site", BASE, search=False)
    english = _page(project, ENGLISH_PAGE)
    shown = re.search(r'<div id="p14"><figure>(.*?)</figure>', english, re.S)
    assert shown is not None, "the English caption under the same photo"
    image, caption = shown.group(1).split("<figcaption>")
    assert '<img lang="ar" src="/repo/media/2020/convoy-960w.' in image  # its alt is Arabic
    assert caption == f"{ENGLISH_CAPTION}<small><bdi>Ali Hassan</bdi></small></figcaption>"
    assert CAPTION in _page(project, PAGE)  # the Arabic page keeps the Arabic caption


def test_search_holds_the_caption(project: Path) -> None:
    _captioned(project, camera_jpeg(900, 600))
    build(project, project / "site", BASE)
    record = _page(project, f"site/.search/ar/{STORY}/index.html")
    assert CAPTION in record


MATCHER = build_matcher(read_registry(REPO / "content")[0])


def _find(text: str) -> Sequence[Mention]:
    return find_mentions(MATCHER, text)


def test_names_in_a_caption_are_found_and_linked_as_in_any_paragraph() -> None:
    (block,) = render_body(PHOTO, _find, lambda entity: f"/ar/entities/{entity}/")
    assert block.text == CAPTION
    assert [m.entity_id for m in block.mentions] == ["al-malikiyah"]
    assert '<a href="/ar/entities/al-malikiyah/">المالكية</a>' in block.html


def _avif(image: Image.Image, **options: object) -> bytes:
    return saved(image, "AVIF", **options)


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (_avif(Image.new("RGB", (640, 480))), (640, 480)),
        (_avif(Image.new("RGBA", (17, 9))), (17, 9)),
    ],
)
def test_an_avif_is_measured_as_browsers_show_it(data: bytes, size: tuple[int, int]) -> None:
    assert image_size(data) == size


def test_a_turned_avif_is_measured_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    assert image_size(_avif(Image.new("RGB", (300, 200)), exif=exif.tobytes())) == (200, 300)


def test_an_avif_photo_is_shown_in_jpeg_renditions_like_a_webp(project: Path) -> None:
    write(project, "content/media/2020/street.avif", "").write_bytes(_avif(scene(900, 600)))
    show(project, ARTICLE, '![شارع](../../../media/2020/street.avif "شارع في بغداد")')
    build(project, project / "site", BASE, search=False)
    ((_, figure),) = FIGURE.findall(_page(project, PAGE))
    srcset = re.search(r'srcset="([^"]*)"', figure)
    assert srcset is not None
    widths = re.findall(r"/repo/media/2020/street-(\d+)w\.\w+\.jpg (\d+)w", srcset.group(1))
    assert [int(w) for w, _ in widths] == [480, 900]
    assert 'href="/repo/media/2020/street.avif"' in figure
    rendition = project / "site/media/2020" / srcset.group(1).split(" ")[0].rsplit("/", 1)[1]
    assert Image.open(rendition).format == "JPEG"


@pytest.mark.browser
def test_on_a_phone_the_caption_is_under_the_photo_which_takes_the_screens_width(
    project: Path, browser: Browser
) -> None:
    from .webtools import serve_folder

    _captioned(project, camera_jpeg(1200, 800))
    build(project, project / "site", "http://127.0.0.1/", search=False)
    with serve_folder(project / "site", "/") as base:
        page = browser.new_page(viewport={"width": 360, "height": 780})
        page.goto(base + PAGE.removeprefix("site/"), wait_until="networkidle")
        figure = page.locator("figure")
        figure.scroll_into_view_if_needed()
        image = figure.locator("img").bounding_box()
        caption = figure.locator("figcaption").bounding_box()
        credit = figure.locator("figcaption small").bounding_box()
        # The body's box: the screen less the scrollbar's gutter (site.css keeps it).
        screen = page.evaluate(
            "[document.body.getBoundingClientRect().width, document.documentElement.scrollWidth]"
        )
        page.close()
    assert image is not None and caption is not None and credit is not None
    width, scrolled = screen
    assert scrolled <= width, "nothing scrolls sideways"
    assert (image["x"], image["width"]) == (0, width), "the photo edge to edge"
    assert caption["y"] >= image["y"] + image["height"], "the caption under the photo"
    assert credit["y"] >= caption["y"] + 10 and credit["x"] + credit["width"] <= width
