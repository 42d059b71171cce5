"""Shared fixtures: a throwaway project folder with the demo content, and the repo's paths."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"
DEMO_ARTICLE = "ar/2020/11/coalition-us-forces-syria-iraq.md"


def seed_paragraphs() -> list[str]:
    """The seed's paragraphs as received, dateline included in the first."""
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo project's content/ in a temporary folder (templates come from the repo)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


# For copies of the shipped templates: what builds compiled beside them is no template.
IGNORE_COMPILED = shutil.ignore_patterns("__pycache__")


def write(root: Path, rel: str, text: str) -> Path:
    """Create a file under root with text (parents made)."""
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fresh_build(root: Path, tmp: Path, base_url: str) -> dict[str, bytes]:
    """A full build (no search) of a copy of root's content, with no cache: what a rebuild
    after edits must equal, byte for byte."""
    from newsarchive.build.engine import build

    clean = tmp / "fresh"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root / "content", clean / "content")
    build(clean, clean / "site", base_url, search=False)
    return snapshot(clean / "site")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from .webtools import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails the test if anything is requested from a host other than 127.0.0.1."""
    context = browser.new_context()
    new_page = context.new_page()
    foreign: list[str] = []

    def watch(request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in ("127.0.0.1", "localhost"):
            foreign.append(request.url)

    new_page.on("request", watch)
    yield new_page
    context.close()
    assert not foreign, f"requests left the site: {foreign}"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`pytest --update-golden` rewrites tests/golden/ from the current build (review the diff)."""
    parser.addoption("--update-golden", action="store_true", help="regenerate tests/golden/")


def indexed_text(part: Path) -> str:
    """Everything a Pagefind part holds of its pages' text (from its fragments)."""
    return " ".join(
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
        for f in (part / "fragment").iterdir()
    )
