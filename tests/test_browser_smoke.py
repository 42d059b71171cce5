"""The demo article in a real Chromium: RTL, the self-hosted font, nothing from another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import seed_paragraphs
from .webtools import serve_folder

pytestmark = pytest.mark.browser


def test_article_page_renders_rtl_with_own_font(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + "ar/2020/11/coalition-us-forces-syria-iraq/")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'سوريا')")
        body = page.inner_text(".body")
        assert seed_paragraphs()[-1] in body
        assert (
            page.evaluate("getComputedStyle(document.querySelector('h1')).letterSpacing")
            == "normal"
        )
