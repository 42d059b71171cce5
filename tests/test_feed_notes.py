"""A subscriber reads an article's footnotes in its feed entries, numbered as its
references, in Arabic and in English as the English page shows them (pages/feednotes.py);
parsed with the real feedparser."""

from __future__ import annotations

from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE

BASE = "https://example.github.io/repo/"
GLOSS = "content/en/2020/11/coalition-us-forces-syria-iraq.md"
PAGE = BASE + "ar/2020/11/coalition-us-forces-syria-iraq/"


def run(project: Path, *args: str) -> None:
    assert main([*args, "--root", str(project)]) == 0


def content(project: Path, feed: str) -> str:
    parsed = feedparser.parse((project / "site" / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    [entry] = parsed.entries
    return str(entry.content[0].value)


def test_an_entry_shows_the_notes_its_references_number(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace("التحركات الاعتيادية.\n", "التحركات الاعتيادية[^1].\n", 1)
    text = text.replace("شمال شرقي سوريا.", "شمال شرقي سوريا[^src].")
    article.write_text(
        text + "\n[^1]: بيان التحالف الدولي.\n\n[^src]: وكالة شفق نيوز.\n", encoding="utf-8"
    )
    run(project, "gloss")
    gloss = project / GLOSS
    said = gloss.read_text(encoding="utf-8")
    note = "<!-- ar: [^1]: بيان التحالف الدولي. -->\n\n"
    gloss.write_text(said.replace(note, note + "A statement of the coalition.\n"), encoding="utf-8")
    run(project, "build", "--no-search", "--quiet", "--base-url", BASE)
    capsys.readouterr()

    arabic = content(project, "ar/feed.xml")
    assert f'<a href="{PAGE}#ar-n1" id="ar-r1">1</a>' in arabic  # the reference, to the page
    assert (
        "<h2>الهوامش</h2>\n<ol><li><p>بيان التحالف الدولي.</p></li>"
        "<li><p>وكالة شفق نيوز.</p></li></ol>"
    ) in arabic
    english = content(project, "en/feed.xml")
    assert (
        "<h2>Notes</h2>\n<ol><li><p>A statement of the coalition.</p></li>"
        "<li><p><em>Translation pending for this note.</em> "
        f'<a href="{PAGE}#ar-n2" hreflang="ar">Arabic note 2</a></p></li></ol>'
    ) in english
    # The list is under the text and above the corrections, as on the pages.
    assert arabic.index("الهوامش") > arabic.index("شمال شرقي سوريا")


def test_an_entry_without_notes_has_no_empty_list(project: Path) -> None:
    run(project, "build", "--no-search", "--quiet", "--base-url", BASE)
    assert "<ol>" not in content(project, "ar/feed.xml")
    assert "Notes" not in content(project, "en/feed.xml")
