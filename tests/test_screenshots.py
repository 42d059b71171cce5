"""bench/screenshots.py makes the screenshots docs/screenshots/ shows reviewers: real pages in
Debian's Chromium, at the device's size, in the theme asked for."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.webtools import CHROMIUM

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from screenshots import DEVICES, Shot, every_shot, index_page, make_screenshots

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")

PHONE, DESKTOP = DEVICES


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame segment."""
    at = 2
    while at < len(data):
        marker, length = data[at + 1], int.from_bytes(data[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xC3:
            height = int.from_bytes(data[at + 5 : at + 7], "big")
            width = int.from_bytes(data[at + 7 : at + 9], "big")
            return width, height
        at += 2 + length
    raise AssertionError("no start-of-frame segment: not a JPEG")


def mean_luminance(browser: Browser, images: list[Path]) -> list[float]:
    """The average luminance (0-255) of each image, decoded by the browser."""
    page = browser.new_page()
    found = []
    for image in images:
        url = "data:image/jpeg;base64," + base64.b64encode(image.read_bytes()).decode()
        found.append(
            page.evaluate(
                """async url => {
                    const img = new Image(); img.src = url; await img.decode();
                    const canvas = new OffscreenCanvas(img.width, img.height);
                    const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
                    const d = ctx.getImageData(0, 0, img.width, img.height).data;
                    let sum = 0;
                    for (let i = 0; i < d.length; i += 4)
                        sum += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
                    return sum / (d.length / 4);
                }""",
                url,
            )
        )
    page.close()
    return found


def test_screenshots_are_real_pages_at_the_devices_size_in_both_themes(
    tmp_path: Path, browser: Browser
) -> None:
    shots = [
        Shot("article", "ar", PHONE, "light"),
        Shot("article", "ar", PHONE, "dark"),
        Shot("search", "ar", DESKTOP, "light"),
        Shot("search", "ar", DESKTOP, "dark"),
    ]
    made = make_screenshots(40, tmp_path / "shots", shots, browser)

    assert [path.name for path in made] == [
        "article-ar-phone-light.jpg",
        "article-ar-phone-dark.jpg",
        "search-ar-desktop-light.jpg",
        "search-ar-desktop-dark.jpg",
    ]
    for path, shot in zip(made, shots, strict=True):
        device = shot.device
        assert jpeg_size(path.read_bytes()) == (
            device.width * device.scale,
            device.height * device.scale,
        )
    light_article, dark_article, light_search, dark_search = mean_luminance(browser, made)
    # A page, not a blank screen: text and chrome on the background.
    assert 150 < light_article < 250 and 150 < light_search < 250
    # The dark theme follows the system setting: mostly dark pixels.
    assert dark_article < 90 and dark_search < 90


def test_the_index_page_links_every_screenshot_once() -> None:
    shots = every_shot()
    page = index_page(shots, 300)

    assert len(shots) == 40
    for shot in shots:
        assert page.count(f"]({shot.filename})") == 2  # the image and its link
    assert page.count("\n| ") == 2 + 10  # header, rule, and a row per page and language
