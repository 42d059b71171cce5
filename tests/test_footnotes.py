"""Footnotes in the analysis desk's long-form copy (`…بحسب المفوضية[^1].` and `[^1]: …`):
published as superscript links to the notes under the text, each note with a link back;
translated in the gloss, each note in a block of its own, stale and pending as a paragraph;
and the side-by-side view, where both columns' references lead to their own notes. A
reference without a note, a note never cited and an English reference to a note the Arabic
lacks stop the build at their lines; a definition list's line is a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.articles import parse_article

from .conftest import write
from .webtools import serve_folder

ARTICLE = "ar/2021/10/election-results.md"
GLOSS = "en/2021/10/election-results.md"
HEAD = '---\ntitle: "نتائج الانتخابات"\ndate: "2021-10-20"\n---\n\n'  # the body starts at line 6
BODY = (
    "وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية[^1].\n\n"
    "وقدّرت وزارة المالية الإيرادات بـ ١٣٠ تريليون دينار[^mof]، كما قالت المفوضية[^1].\n\n"
    "[^1]: المفوضية العليا المستقلة للانتخابات، بيان النتائج الأولية.\n\n"
    "[^mof]: وزارة المالية، مشروع الموازنة.\n"
)
ENGLISH = {
    "p1": "Turnout was 41%, according to the commission[^1].",
    "p2": "The finance ministry put revenue at 130 trillion dinars[^mof], the commission said[^1].",
    "p3": "[^1]: Independent High Electoral Commission, preliminary results.",
}


def _page(root: Path, lang: str) -> str:
    return (root / f"site/{lang}/2021/10/election-results/index.html").read_text(encoding="utf-8")


def _translated(root: Path, english: dict[str, str]) -> None:
    """The gloss `gloss` wrote, with the English put under the markers named."""
    path = root / "content" / GLOSS
    lines = path.read_text(encoding="utf-8").split("\n")
    for block, text in english.items():
        at = next(n for n, line in enumerate(lines) if line.startswith(f"<!-- gloss {block} "))
        lines.insert(at + 2, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_notes_are_published_under_the_text_and_translated_block_by_block(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, f"content/{ARTICLE}", HEAD + BODY)
    assert main(["gloss", "--root", str(project)]) == 0
    stub = (project / "content" / GLOSS).read_text(encoding="utf-8")
    # two paragraphs, then a block for each note, its Arabic shown with its label
    assert "<!-- ar: [^1]: المفوضية العليا المستقلة للانتخابات، بيان النتائج الأولية. -->" in stub
    assert "<!-- ar: [^mof]: وزارة المالية، مشروع الموازنة. -->" in stub
    _translated(project, ENGLISH)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    arabic = _page(project, "ar")
    assert 'id="p3"' not in arabic  # the notes are no paragraphs
    assert '<sup><a href="#ar-n1" id="ar-r1">1</a></sup>' in arabic
    assert '<sup><a href="#ar-n2" id="ar-r2">2</a></sup>' in arabic  # numbered as first cited
    notes = arabic[arabic.index('<section class="notes">') :]
    assert notes.startswith('<section class="notes"><h2>الهوامش</h2>')
    assert '<li id="ar-n2"><p>وزارة المالية، مشروع الموازنة. <a class="back" href="#ar-r2"' in notes
    english = _page(project, "en")
    assert '<sup><a href="#en-n1" id="en-r1">1</a></sup>' in english
    assert english.count('id="en-r1"') == 1  # cited in two blocks, one id
    assert "Independent High Electoral Commission, preliminary results." in english
    assert 'class="back" href="#en-r1"' in english
    # the note not translated yet is said so, with a link to the Arabic note
    assert re.search(
        r'<li id="en-n2"><p class="note gloss-pending" role="note">Translation '
        r'pending for this note\. <a href="[^"]*#ar-n2"',
        english,
    )
    # an edited note's English is outdated, as a paragraph's
    edited = BODY.replace("مشروع الموازنة", "الموازنة المعدلة").replace(
        "بيان النتائج الأولية", "بيان النتائج النهائية"
    )
    write(project, f"content/{ARTICLE}", HEAD + edited)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert re.search(r'<li id="en-n1"><p class="note gloss-stale"', _page(project, "en"))
    capsys.readouterr()
    assert main(["status", "--root", str(project), "--outdated"]) == 0
    assert "election-results" in capsys.readouterr().out


def test_a_description_holds_no_reference_mark_and_a_feed_links_the_notes(project: Path) -> None:
    write(project, f"content/{ARTICLE}", HEAD + BODY)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    arabic = _page(project, "ar")
    description = re.search(r'<meta name="description" content="([^"]*)"', arabic)
    assert description is not None and "[^" not in description.group(1)
    assert "بحسب المفوضية." in description.group(1)
    # a feed's entry has no notes: its references lead to them on the page
    feed = (project / "site/ar/feed.xml").read_text(encoding="utf-8")
    assert 'href="http://127.0.0.1:8000/ar/2021/10/election-results/#ar-n1"' in feed
    assert 'href="#ar-n1"' not in feed


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("نص[^1].\n", 6, "'[^1]' cites a note that is not written"),
        ("نص.\n\n[^1]: مصدر.\n", 8, "'[^1]:' is a note no sentence cites"),
        ("نص[^1].\n\n[^1]: مصدر.\n\n[^1]: آخر.\n", 10, "a second note '[^1]:' (the first is"),
    ],
)
def test_a_note_without_its_reference_or_the_other_way_stops_the_build_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], body: str, line: int, message: str
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    write(project, f"content/{ARTICLE}", HEAD + body)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert f"content/{ARTICLE}:{line}: error: {message}" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site


def test_the_english_may_cite_only_the_arabic_s_notes_and_writes_them_in_their_blocks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, f"content/{ARTICLE}", HEAD + BODY)
    assert main(["gloss", "--root", str(project)]) == 0
    _translated(project, {"p1": "Turnout was 41%[^9].\n\n[^1]: The commission."})
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    lines = (project / "content" / GLOSS).read_text(encoding="utf-8").split("\n")
    at = lines.index("Turnout was 41%[^9].") + 1
    assert f"content/{GLOSS}:{at}: error: '[^9]' cites a note the Arabic does not have" in err
    assert f"content/{GLOSS}:{at + 2}: error: '[^1]:' writes a note's text in a paragraph's" in err


@pytest.mark.parametrize(
    "body",
    [
        "نص يذكر `[^1]` في شيفرة، كما يُكتب.\n",  # shown on purpose, as code
        "قال: «نعم» ثم غادر.\n",  # a colon inside a sentence is no definition list
    ],
)
def test_text_that_only_looks_like_a_footnote_builds_without_a_word(body: str) -> None:
    article, found = parse_article(HEAD + body, ARTICLE)
    assert article is not None
    assert found == ()


def test_a_definition_list_is_a_warning_at_its_value_line() -> None:
    body = "العجز المخطط\n: ٢٨ تريليون دينار\n"
    article, found = parse_article(HEAD + body, ARTICLE)
    assert article is not None  # it still builds: a label and its value, on two lines
    assert [(d.line, d.severity) for d in found] == [(7, "warning")]
    assert "the site has no definition lists (write '**the label:** the value'" in found[0].message


@pytest.mark.browser
def test_side_by_side_each_column_s_references_lead_to_its_own_notes(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    write(project, f"content/{ARTICLE}", HEAD + BODY)
    assert main(["gloss", "--root", str(project)]) == 0
    _translated(project, ENGLISH)
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + "ar/2021/10/election-results/#parallel")
        page.locator(".notes .parallel-gloss >> nth=0").wait_for(state="visible")
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids))  # no id twice with both columns on one page
        page.locator("#p1 sup a").click()  # the Arabic reference: to the Arabic note
        assert page.evaluate("location.hash") == "#ar-n1"
        page.locator(".parallel-gloss #en-r1").click()  # the English one: to the English note
        assert page.evaluate("location.hash") == "#en-n1"
        assert page.locator("#en-n1").inner_text().startswith("Independent High Electoral")
        assert page.locator("#en-n1").evaluate("e => getComputedStyle(e).direction") == "ltr"
        page.locator("#en-n1 a.back").click()
        assert page.evaluate("location.hash") == "#en-r1"
        page.locator("#ar-n1 > p a.back").click()
        assert page.evaluate("location.hash") == "#ar-r1"
