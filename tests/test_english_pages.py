"""English companion pages exist only for articles with something translated, and appear or
vanish with the first or last translated paragraph, in a patched build as in a full one."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsarchive.cli import main

from .conftest import ARCHIVE_BASE, build_archive, differ_from_full
from .webtools import sitemap_urls


def _untranslated(root: Path) -> str:
    """A story of the archive with no gloss file."""
    for article in sorted((root / "content/ar").rglob("*.md")):
        story = article.relative_to(root / "content/ar").with_suffix("").as_posix()
        if not (root / "content/en" / f"{story}.md").exists():
            return story
    raise AssertionError("every article of the archive has a gloss")


def _set_first_paragraph(root: Path, story: str, english: str) -> None:
    """Write (or clear) the English of the gloss's first block, as a translator would."""
    file = root / "content/en" / f"{story}.md"
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("<!-- gloss p1 ")) + 1
    while lines[at].startswith("<!--"):  # the Arabic and the names, for the translator
        at += 1
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("<!-- gloss "))
    lines[at:end] = ["", english, ""] if english else [""]
    file.write_text("\n".join(lines), encoding="utf-8")


def _mentions(site: Path, text: str) -> list[str]:
    """The pages and feeds whose text contains `text`."""
    found = []
    for p in sorted(site.rglob("*")):
        if p.suffix in (".html", ".xml", ".gz"):
            data = p.read_bytes()
            if text.encode() in (gzip.decompress(data) if p.suffix == ".gz" else data):
                found.append(p.relative_to(site).as_posix())
    return found


def test_english_page_appears_with_the_first_translated_paragraph_and_goes_with_the_last(
    archive: Path, tmp_path: Path
) -> None:
    story = _untranslated(archive)
    site = archive / "site"
    en_page = site / "en" / story / "index.html"
    assert main(["gloss", "--root", str(archive)]) == 0  # stubs for every article
    build_archive(archive)
    assert not en_page.exists()
    assert _mentions(site, f"en/{story}/") == []  # no link, hreflang, sitemap entry or feed
    assert differ_from_full(archive, tmp_path) == []

    _set_first_paragraph(archive, story, "The first paragraph, in English.")
    result = build_archive(archive)
    assert result.written is not None  # patched in place, not built again in full
    page = en_page.read_text(encoding="utf-8")
    assert "The first paragraph, in English." in page
    # No English title yet: the page's <title> is the Arabic one, said to be pending (not the
    # same "English title pending" on every such page).
    arabic = (archive / "content/ar" / f"{story}.md").read_text(encoding="utf-8")
    heading = arabic.split('title: "', 1)[1].split('"', 1)[0]
    assert f"<title>{heading} (English title pending) · " in page
    assert sitemap_urls(site).count(f"{ARCHIVE_BASE}en/{story}/") == 1
    assert f'hreflang="en" href="{ARCHIVE_BASE}en/{story}/"' in (
        site / "ar" / story / "index.html"
    ).read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []

    _set_first_paragraph(archive, story, "")
    result = build_archive(archive)
    assert result.written is not None
    assert not en_page.exists() and not en_page.parent.exists()
    assert _mentions(site, f"en/{story}/") == []
    assert differ_from_full(archive, tmp_path) == []
