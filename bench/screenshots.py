"""Screenshots of the archive for reviewers: the home, a year, an article, an entity and the
search page with a query, in Arabic and English, on a phone and a desktop, in the light and the dark
theme, so the design can be seen without building it.

Run: .venv/bin/python bench/screenshots.py [--articles 300] [--out docs/screenshots]

A generated corpus (bench/make_corpus.py) is built with search under `/repo/`, served on
127.0.0.1 and shot with Debian's Chromium: what the viewport shows when the page has loaded
(fonts ready; on the search page, the results listed). The theme is the system's
(`prefers-color-scheme`), as a reader without a stored choice sees it. The images and an index
page, docs/screenshots/README.md, are written to --out.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402

from newsarchive.build.engine import build  # noqa: E402
from tests.webtools import CHROMIUM, CHROMIUM_ARGS, free_port, serve_folder  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
QUALITY = 70  # JPEG: a tenth of a PNG's bytes, still sharp enough to judge type and spacing


@dataclass(frozen=True)
class Device:
    name: str
    width: int
    height: int
    scale: int
    mobile: bool


DEVICES = (
    Device("phone", 390, 844, 2, True),
    Device("desktop", 1280, 800, 1, False),
)
THEMES = ("light", "dark")
KINDS = ("home", "year", "article", "entity", "search")
LANGS = ("ar", "en")


@dataclass(frozen=True)
class Shot:
    kind: str
    lang: str
    device: Device
    theme: str

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.lang}-{self.device.name}-{self.theme}.jpg"


def every_shot() -> list[Shot]:
    return [
        Shot(kind, lang, device, theme)
        for kind in KINDS
        for lang in LANGS
        for device in DEVICES
        for theme in THEMES
    ]


def page_paths(site: Path) -> dict[tuple[str, str], str]:
    """The path under the base URL of each (kind, lang): the newest year's page, the newest
    article that has English text, the entity named by the most articles, and a search."""
    articles = sorted((site / "ar").glob("20*/[0-9][0-9]/*/index.html"), reverse=True)
    story = next(
        path.parent.relative_to(site / "ar").as_posix()
        for path in articles
        if (english := site / "en" / path.parent.relative_to(site / "ar") / "index.html").exists()
        and b"noindex" not in english.read_bytes()
    )
    entity = max(
        (folder for folder in (site / "ar" / "entities").iterdir() if folder.is_dir()),
        key=lambda folder: (len(list(folder.glob("page/*"))), folder.name),
    ).name
    year = max(folder.name for folder in (site / "ar").glob("20[0-9][0-9]") if folder.is_dir())
    return {
        ("home", "ar"): "ar/",
        ("home", "en"): "en/",
        ("year", "ar"): f"ar/{year}/",
        ("year", "en"): f"en/{year}/",
        ("article", "ar"): f"ar/{story}/",
        ("article", "en"): f"en/{story}/",
        ("entity", "ar"): f"ar/entities/{entity}/",
        ("entity", "en"): f"en/entities/{entity}/",
        ("search", "ar"): f"ar/search/?q={quote('القوات')}",
        ("search", "en"): "en/search/?q=forces",
    }


def shoot(
    browser: Browser, base: str, paths: dict[tuple[str, str], str], shot: Shot, out: Path
) -> Path:
    """One screenshot of the viewport once the page has settled; the file written."""
    context = browser.new_context(
        viewport={"width": shot.device.width, "height": shot.device.height},
        device_scale_factor=shot.device.scale,
        is_mobile=shot.device.mobile,
        has_touch=shot.device.mobile,
        color_scheme="dark" if shot.theme == "dark" else "light",
    )
    try:
        page = context.new_page()
        page.goto(base + paths[(shot.kind, shot.lang)], wait_until="networkidle")
        if shot.kind == "search":
            page.wait_for_selector(".search-results li", timeout=20_000)
        page.evaluate("document.fonts.ready.then(() => true)")
        target = out / shot.filename
        page.screenshot(path=str(target), type="jpeg", quality=QUALITY)
        return target
    finally:
        context.close()


def index_page(shots: Iterable[Shot], articles: int) -> str:
    """docs/screenshots/README.md: the images as a table, one row per page and language."""
    lines = [
        "# Screenshots",
        "",
        f"Made by `bench/screenshots.py` from a {articles:,}-article generated archive built "
        "with search (`make screenshots` makes them again). Phone: 390 × 844 CSS pixels; "
        "desktop: 1280 × 800. The theme follows the system setting.",
        "",
        "| page | phone, light | phone, dark | desktop, light | desktop, dark |",
        "| --- | --- | --- | --- | --- |",
    ]
    by_row: dict[tuple[str, str], list[Shot]] = {}
    for shot in shots:
        by_row.setdefault((shot.kind, shot.lang), []).append(shot)
    for (kind, lang), row in by_row.items():
        cells = " | ".join(
            f"[![{kind}, {lang}, {s.device.name}, {s.theme}]({s.filename})]({s.filename})"
            for s in sorted(row, key=lambda s: (s.device.name != "phone", s.theme != "light"))
        )
        lines.append(f"| {kind} ({lang}) | {cells} |")
    return "\n".join(lines) + "\n"


def make_screenshots(
    articles: int, out: Path, shots: list[Shot], browser: Browser | None = None
) -> list[Path]:
    """Build a corpus of `articles`, serve it under /repo/ and shoot every shot into out (with
    `browser`, or a Chromium launched for the purpose)."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        make_corpus(articles, root)
        port = free_port()
        build(root, root / "site", f"http://127.0.0.1:{port}/repo/")
        paths = page_paths(root / "site")
        with serve_folder(root / "site", "/repo/", port) as base:
            if browser is not None:
                return [shoot(browser, base, paths, shot, out) for shot in shots]
            with sync_playwright() as playwright:
                own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    made = []
                    for shot in shots:
                        made.append(shoot(own, base, paths, shot, out))
                        print(made[-1].relative_to(out.parent), flush=True)
                    return made
                finally:
                    own.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    shots = every_shot()
    make_screenshots(args.articles, args.out, shots)
    (args.out / "README.md").write_text(index_page(shots, args.articles), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
