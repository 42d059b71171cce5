"""What a reader leaves behind, in a real Chromium: no cookie, only two choices in the
browser's storage, and no address of this site sent to another when a link is followed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from newsarchive.build.engine import build

from .conftest import DEMO_ARTICLE, write
from .webtools import serve_folder

pytestmark = pytest.mark.browser

STORY = "2020/11/coalition-us-forces-syria-iraq/"


ELSEWHERE = "https://elsewhere.example"


def test_a_link_to_another_site_sends_no_address_of_this_one(
    project: Path, browser: Browser
) -> None:
    """The outlet's link, the original's, and a link in the text: the site they open is not
    told which archive, or which article, the reader came from (no Referer at all). The
    other site is answered in the browser (a link to this machine is refused by the build);
    the request, and its headers, are the browser's own."""
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8").replace(
        '  name: "شفق نيوز"\n',
        f'  name: "شفق نيوز"\n  url: "{ELSEWHERE}/outlet"\n  original_url: "{ELSEWHERE}/original"\n',
    )
    write(project, "content/" + DEMO_ARTICLE, text + f"\nانظر [الوكالة]({ELSEWHERE}/body).\n")
    build(project, project / "site", "http://127.0.0.1/", search=False)
    referers: dict[str, str | None] = {}

    def answer(route: Route) -> None:
        referers[route.request.url] = route.request.all_headers().get("referer")
        route.fulfill(content_type="text/html", body="<!DOCTYPE html><title>elsewhere</title>")

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(ELSEWHERE + "/**", answer)
        with serve_folder(project / "site") as base:
            for path in ("/outlet", "/original", "/body"):
                page.goto(base + "ar/" + STORY)
                page.locator(f'a[href="{ELSEWHERE}{path}"] >> nth=0').click()
                page.wait_for_url(ELSEWHERE + path)
    finally:
        context.close()
    assert referers == {ELSEWHERE + path: None for path in ("/outlet", "/original", "/body")}


def test_the_site_sets_no_cookie_and_keeps_only_the_readers_two_choices(
    project: Path, page: Page
) -> None:
    """After the theme toggle and the parallel view are used: no cookie; in localStorage the
    theme and whether the parallel view is on, nothing else (what the reader read is not kept)."""
    build(project, project / "site", "http://127.0.0.1/", search=False)
    with serve_folder(project / "site") as base:
        page.goto(base + "ar/" + STORY)
        page.locator(".theme-toggle").click()
        page.locator(".parallel-toggle").click()
        page.locator(".parallel-gloss [lang=en] >> nth=0").wait_for(state="visible")
        page.goto(base + "en/entities/kevin-copsey/")
        stored = page.evaluate("() => Object.keys(localStorage).sort()")
        assert stored == ["newsarchive.parallel", "newsarchive.theme"]
        assert page.context.cookies() == []
