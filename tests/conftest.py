"""Shared fixtures: a throwaway project folder with the demo content, and the repo's paths."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

    from newsarchive.build.engine import BuildResult
    from newsarchive.core.hosts import SiteSize

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


def add_registry_entry(root: Path, entry: str) -> int:
    """Append an entry (YAML text) to the project's registry; the line of its first row."""
    registry = root / "content" / "entities.yaml"
    text = registry.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    registry.write_text(text + entry, encoding="utf-8")
    return text.count("\n") + 1


def demo_with_imports(root: Path, entry: str, texts: dict[str, str], date: str) -> None:
    """The demo's content in root, a registry entry added and each raw text (by slug)
    imported through the CLI on `date`, as an editor pastes copy."""
    from newsarchive.cli import main

    shutil.copytree(REPO / "content", root / "content")
    add_registry_entry(root, entry)
    for slug, text in texts.items():
        raw = write(root, f"raw/{slug}.txt", text)
        assert main(["import", str(raw), "--date", date, "--slug", slug, "--root", str(root)]) == 0


def with_template_line(root: Path, template: str, after: str, line: str) -> None:
    """Copy the shipped templates into the project, `line` added after `after` in one."""
    from newsarchive.pages.environment import PACKAGE_TEMPLATES

    shutil.copytree(PACKAGE_TEMPLATES, root / "templates", ignore=IGNORE_COMPILED)
    file = root / "templates" / template
    text = file.read_text(encoding="utf-8")
    assert after in text, after
    file.write_text(text.replace(after, f"{after}\n{line}", 1), encoding="utf-8")


def with_template_change(templates: Path, template: str, old: str, new: str) -> int:
    """Copy the shipped templates to `templates`, `old` replaced by `new` once in one of
    them: the line `new` starts on."""
    from newsarchive.pages.environment import PACKAGE_TEMPLATES

    shutil.copytree(PACKAGE_TEMPLATES, templates, ignore=IGNORE_COMPILED)
    file = templates / template
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Runs git in `root` as an editor with a name and an address (a test machine may have
    none configured); `check=False` where the test expects it to fail (a merge's conflict)."""
    command = ["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=check)


def set_per_page(root: Path, per_page: int) -> None:
    """Set the articles a list page shows in root's content/site.toml (which has the line)."""
    config = root / "content/site.toml"
    text, found = re.subn(
        r"(?m)^per_page = \d+$", f"per_page = {per_page}", config.read_text(encoding="utf-8")
    )
    assert found == 1, f"{config} has no per_page line"
    config.write_text(text, encoding="utf-8")


def write_month_of_stories(root: Path, count: int) -> None:
    """Add `count` short Arabic stories to November 2020 (the demo's month), one a day from
    the 2nd: with per_page 1, a month of count + 1 list pages."""
    for n in range(count):
        write(
            root,
            f"content/ar/2020/11/story-{n:02d}.md",
            f'---\ntitle: "خبر {n}"\ndate: "2020-11-{n + 2:02d}"\n---\n\nنص الخبر رقم {n}.\n',
        )


def walked_size(site: Path) -> SiteSize:
    """The site's size as an upload would count it: every file, hidden ones included, but
    not the search records in .search/, which are never published."""
    from newsarchive.core.hosts import BIG_FILE, SiteSize, largest_first

    records = os.path.join(site, ".search")
    sizes = {
        (Path(d) / f).relative_to(site).as_posix(): os.path.getsize(Path(d) / f)
        for d, _, files in os.walk(site)
        if not (d == records or d.startswith(records + os.sep))
        for f in files
    }
    big = largest_first((path, size) for path, size in sizes.items() if size > BIG_FILE)
    return SiteSize(sum(sizes.values()), len(sizes), big)


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


# A generated archive (bench/make_corpus.py): glosses done, pending and stale, a registry of
# hundreds; the incremental tests edit copies of it and compare with full builds.
ARCHIVE_BASE = "https://example.github.io/repo/"
ARCHIVE_ARTICLES = 90


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated archive's content/, made once per test module."""
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from make_corpus import make_corpus

    root = tmp_path_factory.mktemp("corpus")
    make_corpus(ARCHIVE_ARTICLES, root)
    return root


@pytest.fixture
def archive(corpus: Path, tmp_path: Path) -> Path:
    """A copy of the generated archive, built once (so its build cache and snapshot exist)."""
    root = tmp_path / "archive"
    shutil.copytree(corpus / "content", root / "content")
    build_archive(root)
    return root


def build_archive(root: Path) -> BuildResult:
    """Build root as the incremental tests do (no search, under ARCHIVE_BASE)."""
    from newsarchive.build.engine import build

    return build(root, root / "site", ARCHIVE_BASE, search=False)


def differ_from_full(root: Path, tmp: Path) -> list[str]:
    """The files of root's site/ that a fresh full build makes otherwise (or not at all)."""
    now, full = snapshot(root / "site"), fresh_build(root, tmp, ARCHIVE_BASE)
    return sorted(p for p in now.keys() | full.keys() if now.get(p) != full.get(p))


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
    return " ".join(str(fragment["content"]) for fragment in indexed_pages(part).values())


def indexed_pages(part: Path) -> dict[str, dict[str, Any]]:
    """What a Pagefind part holds of each of its pages, by URL: its text (content), filters
    and meta, as Pagefind wrote them (its fragments)."""
    found = {}
    for fragment in (part / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def png(width: int, height: int) -> bytes:
    """A real PNG of that size (a red rectangle)."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
