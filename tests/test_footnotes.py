"""Footnotes (`[^1]`) and definition lists (`: …`) in the analysis desk's long-form copy:
the site renders neither, so a footnote stops the build at its line, in an article or its
gloss, with what to write instead, and a definition list's line is a warning; before, both
were published as raw text (`…بحسب المفوضية[^1].` and a closing paragraph of `[^1]: …`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.articles import parse_article

from .conftest import DEMO_ARTICLE, write

ARTICLE = "ar/2021/10/election-results.md"
HEAD = '---\ntitle: "نتائج الانتخابات"\ndate: "2021-10-20"\n---\n\n'  # the body starts at line 6
HINT = "name the source in the sentence (بحسب بيان المفوضية)"


def _site(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}


def test_a_footnote_stops_the_build_at_its_lines_and_the_site_stays(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = _site(project)
    body = (
        "وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية[^1].\n\n"
        "وقدّرت وزارة المالية الإيرادات بـ ١٣٠ تريليون دينار.\n\n"
        "[^1]: المفوضية العليا المستقلة للانتخابات، بيان النتائج الأولية.\n"
    )
    write(project, f"content/{ARTICLE}", HEAD + body)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"content/{ARTICLE}:6: error: '[^1]' is a footnote, which the site does not " in err
    assert f"content/{ARTICLE}:10: error: '[^1]:' starts a footnote's text" in err
    assert HINT in err
    assert _site(project) == site  # nothing published, so no reader sees `[^1]`


def test_a_footnote_in_a_gloss_is_named_at_its_line_not_its_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The translator's English is checked too; the `<!-- ar: … -->` note above it, which
    may quote the Arabic, is not."""
    gloss = project / "content" / DEMO_ARTICLE.replace("ar/", "en/", 1)
    lines = gloss.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("<!-- gloss p2 "))
    lines[at + 1] = "<!-- ar: see [^1] in the Arabic -->"
    lines.insert(at + 2, "The coalition said so in a statement[^1].")
    gloss.write_text("\n".join(lines), encoding="utf-8")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    path = "content/" + DEMO_ARTICLE.replace("ar/", "en/", 1)
    assert f"{path}:{at + 3}: error: '[^1]' is a footnote" in err
    assert f"{path}:{at + 2}:" not in err


@pytest.mark.parametrize(
    "body",
    [
        "نص يذكر `[^1]` في شيفرة، كما يُكتب.\n",  # shown on purpose, as code
        "المصادر:\n\n1. بيان المفوضية (1).\n",  # what the message says to write
        "قال: «نعم» ثم غادر.\n",  # a colon inside a sentence is no definition list
    ],
)
def test_what_the_message_suggests_builds_without_a_word(body: str) -> None:
    article, found = parse_article(HEAD + body, ARTICLE)
    assert article is not None
    assert found == ()


def test_a_definition_list_is_a_warning_at_its_value_line() -> None:
    body = "العجز المخطط\n: ٢٨ تريليون دينار\n"
    article, found = parse_article(HEAD + body, ARTICLE)
    assert article is not None  # it still builds: a label and its value, on two lines
    assert [(d.line, d.severity) for d in found] == [(7, "warning")]
    assert "the site has no definition lists (write '**the label:** the value'" in found[0].message
