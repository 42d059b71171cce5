"""An image on its own (a paragraph that is only `![…](…)`) has no text to translate: the
English page shows it as the Arabic page does, it is no pending paragraph in any count, and
`gloss` writes no block for it. A reader of the English page used to find "Translation
pending for this paragraph" where the photo was, and "3 / 6 paragraphs translated" with
nothing left for a translator to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, fresh_build, png, snapshot

BASE = "https://example.org/repo/"
ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
STORY = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")
PHOTO = "![آليات عسكرية أمريكية على الحدود](../../../media/2020/convoy.png)"


def _add_photo(root: Path) -> None:
    """The photo as the article's second block, before the demo's (translated) p2."""
    (root / "content/media/2020").mkdir(parents=True)
    (root / "content/media/2020/convoy.png").write_bytes(png(40, 30))
    file = root / ARABIC
    text = file.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    second = next(n for n, p in enumerate(paragraphs) if p.startswith("وذكرت مصادر"))
    paragraphs.insert(second, PHOTO)
    file.write_text("\n\n".join(paragraphs), encoding="utf-8")


def _page(root: Path, lang: str) -> str:
    return (root / f"site/{lang}/{STORY}/index.html").read_text(encoding="utf-8")


def test_the_english_page_shows_the_photo_and_counts_only_paragraphs_of_text(
    project: Path, tmp_path: Path
) -> None:
    build(project, project / "site", BASE, search=False)
    _add_photo(project)
    build(project, project / "site", BASE, search=False)
    english = _page(project, "en")
    figure = re.search(r'<div class="figure" id="p2" lang="ar">(.*?)</div>', english, re.S)
    assert figure is not None
    assert 'src="/repo/media/2020/convoy.png"' in figure.group(1)
    assert 'alt="آليات عسكرية أمريكية على الحدود"' in figure.group(1)
    assert "3\u00a0/\u00a013\u00a0paragraphs translated" in english  # 14 blocks, 13 of text
    assert "الفقرات\u00a0المترجمة:\u00a03\u00a0من\u00a013" in _page(project, "ar")
    # p3 (the translated paragraph after the photo) is still translated: nothing shifted.
    assert 'id="p3"' in english and "International press sources reported" in english
    assert snapshot(project / "site") == fresh_build(project, tmp_path, BASE)


def test_gloss_writes_no_block_for_a_photo_and_status_counts_it_nowhere(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_photo(project)
    (project / ENGLISH).unlink()
    assert main(["gloss", "--root", str(project)]) == 0
    stub = (project / ENGLISH).read_text(encoding="utf-8")
    assert "<!-- gloss p1 " in stub and "<!-- gloss p3 " in stub
    assert "<!-- gloss p2 " not in stub  # the photo: nothing to translate
    capsys.readouterr()
    assert main(["status", "--root", str(project)]) == 0
    assert f"0\t13\t0\t{STORY}" in capsys.readouterr().out
    assert main(["gloss", "--root", str(project)]) == 0  # run again: no block added for it
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_an_article_whose_only_untranslated_block_is_a_photo_is_fully_translated(
    project: Path,
) -> None:
    """A translation of every paragraph of text is whole: it is listed as such (the
    translated feed says "Fully translated"), not as one paragraph short."""
    _add_photo(project)
    english = project / ENGLISH
    text = english.read_text(encoding="utf-8")
    blocks = text.split("<!-- gloss ")
    filled = [blocks[0]] + [
        block
        if "\n\n\n" not in block and not block.rstrip().endswith("-->")
        else block.rstrip("\n") + "\n\nEnglish text.\n\n"
        for block in blocks[1:]
    ]
    english.write_text("<!-- gloss ".join(filled), encoding="utf-8")
    build(project, project / "site", BASE, search=False)
    page = _page(project, "en")
    assert "13\u00a0/\u00a013\u00a0paragraphs translated" in page
    feed = (project / "site/en/translated/feed.xml").read_text(encoding="utf-8")
    assert "Fully translated" in feed or "fully translated" in feed.lower()


def test_the_fingerprint_of_no_text_is_the_one_pairing_knows() -> None:
    from newsarchive.content.gloss import fingerprint
    from newsarchive.content.glosspairing import NO_TEXT

    assert fingerprint("") == fingerprint("\u200f \n") == NO_TEXT
