"""Footnote references as a translator meets them in the gloss: a paragraph's Arabic note
shows its `[^1]` where it stands in the sentence, so it can be copied into the English; and a
reference added or moved in a paragraph outdates its English, as a changed word
does, while a paragraph without references keeps its fingerprint (and its English) as
before."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.footnotes import unlike_references
from newsarchive.content.gloss import fingerprint
from newsarchive.content.markdown import render_document

from .conftest import write

ARTICLE = "ar/2021/10/turnout.md"
GLOSS = "en/2021/10/turnout.md"
HEAD = '---\ntitle: "نسبة المشاركة"\ndate: "2021-10-20"\n---\n\n'
CITED = "وبلغت نسبة المشاركة ٤١٪ بحسب المفوضية[^1] في بيانها."
PLAIN = "وقال مراقبون إن الإقبال كان ضعيفا في بغداد."
NOTE = "[^1]: المفوضية العليا المستقلة للانتخابات."


def _body(cited: str = CITED) -> str:
    return f"{cited}\n\n{PLAIN}\n\n{NOTE}\n"


def _gloss(root: Path) -> str:
    return (root / "content" / GLOSS).read_text(encoding="utf-8")


def _translate(root: Path, english: dict[str, str]) -> None:
    """The English put into the blocks named, above their closing notes."""
    lines = _gloss(root).split("\n")
    for block, text in english.items():
        at = next(n for n, line in enumerate(lines) if line.startswith(f"<!-- end of {block} "))
        lines.insert(at, text)
    (root / "content" / GLOSS).write_text("\n".join(lines), encoding="utf-8")


def _english_page(root: Path) -> str:
    return (root / "site/en/2021/10/turnout/index.html").read_text(encoding="utf-8")


def test_the_arabic_note_shows_each_reference_where_it_stands(project: Path) -> None:
    write(project, f"content/{ARTICLE}", HEAD + _body())
    assert main(["gloss", "--root", str(project)]) == 0
    stub = _gloss(project)
    assert f"<!-- ar: {CITED} -->" in stub  # `[^1]` after «المفوضية», as in the Arabic
    assert f"<!-- ar: {PLAIN} -->" in stub
    # the paragraph without a reference keeps the fingerprint its words always had
    assert f"<!-- gloss p2 {fingerprint(PLAIN)} -->" in stub


def test_a_reference_at_the_start_a_second_one_and_one_in_emphasis_keep_their_places() -> None:
    (block,), _ = render_document("[^a] نص **مهم[^b]** ثم\nسطر آخر[^a].\n\n[^a]: أ.\n\n[^b]: ب.\n")
    assert block.text == " نص مهم ثم سطر آخر."
    assert block.text_with_references == "[^a] نص مهم[^b] ثم سطر آخر[^a]."


@pytest.mark.parametrize(
    "edited",
    [
        "وبلغت نسبة المشاركة ٤١٪[^1] بحسب المفوضية في بيانها.",  # moved to another word
        "وبلغت نسبة المشاركة ٤١٪[^2] بحسب المفوضية[^1] في بيانها.",  # one added
    ],
)
def test_a_reference_moved_or_added_outdates_the_english_of_that_paragraph_only(
    project: Path, capsys: pytest.CaptureFixture[str], edited: str
) -> None:
    write(project, f"content/{ARTICLE}", HEAD + _body())
    assert main(["gloss", "--root", str(project)]) == 0
    _translate(
        project,
        {
            "p1": "Turnout was 41%, the commission[^1] said in its statement.",
            "p2": "Observers said turnout in Baghdad was low.",
            "p3": "[^1]: Independent High Electoral Commission.",
        },
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert "gloss-stale" not in _english_page(project)
    body = _body(edited)
    if "[^2]" in edited:
        body += "\n[^2]: حسب الأرقام الأولية.\n"
    write(project, f"content/{ARTICLE}", HEAD + body)
    translated = _gloss(project)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    page = _english_page(project)
    assert page.count('<p class="note gloss-stale" role="note">') == 1
    assert "Observers said turnout in Baghdad was low." in page
    capsys.readouterr()
    assert main(["status", "--root", str(project), "--outdated"]) == 0
    listed = capsys.readouterr().out
    assert "p1" in listed and "p2" not in listed
    # `gloss` leaves the translated blocks as they are; accepting p1 shows the new places
    assert main(["gloss", "--root", str(project)]) == 0
    assert f"<!-- ar: {CITED} -->" in _gloss(project)

    def blocks(text: str) -> str:  # p1 and p2, the front matter (now dated) left out
        return text[text.index("<!-- gloss p1") : text.index("<!-- end of p2")]

    assert blocks(_gloss(project)) == blocks(translated)
    gloss = str(project / "content" / GLOSS)
    assert main(["gloss", "--root", str(project), "--accept", gloss, "--block", "p1"]) == 0
    assert f"<!-- ar: {edited} -->" in _gloss(project)


def test_english_without_its_paragraph_s_reference_or_with_another_s_is_a_warning_at_its_block(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = "وذكرت المفوضية[^2] أن الفرز انتهى."
    write(project, f"content/{ARTICLE}", f"{HEAD}{CITED}\n\n{second}\n\n{NOTE}\n\n[^2]: بيان.\n")
    assert main(["gloss", "--root", str(project)]) == 0
    _translate(
        project,
        {
            "p1": "Turnout was 41%, the commission said in its statement.",  # [^1] left out
            "p2": "The commission[^1] said the count was over.",  # [^1] for [^2]
        },
    )
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 0  # it still builds
    err = capsys.readouterr().err
    lines = _gloss(project).split("\n")
    p1 = next(n for n, line in enumerate(lines, 1) if line.startswith("<!-- gloss p1 "))
    p2 = next(n for n, line in enumerate(lines, 1) if line.startswith("<!-- gloss p2 "))
    assert (
        f"content/{GLOSS}:{p1}: warning: p1's English lacks [^1], which its Arabic paragraph "
        "cites: the English page gives no link to that note; write it after the words it backs"
    ) in err
    assert f"content/{GLOSS}:{p2}: warning: p2's English lacks [^2], which its Arabic" in err
    assert (
        f"content/{GLOSS}:{p2}: warning: p2's English cites [^1], which its Arabic paragraph "
        "does not: the English page links a note the Arabic paragraph does not cite"
    ) in err
    assert err.count("warning:") == 3
    # as the Arabic cites them, wherever the translation puts them: no warning
    path = project / "content" / GLOSS
    english = path.read_text(encoding="utf-8")
    english = english.replace("the commission said", "the commission[^1] said")
    english = english.replace("The commission[^1] said", "The commission said[^2]")
    path.write_text(english, encoding="utf-8")
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert "warning:" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("english", "arabic", "found"),
    [
        ("Said[^1], and again[^1].", ["1"], []),  # cited twice: once is enough
        ("Shown as code: `[^1]`.", ["1"], ["lacks [^1],"]),  # code cites nothing
        ("Said.", ["1", "mof", "1"], ["lacks [^1], [^mof],"]),  # each label named once
        ("Said[^9].", [], []),  # a label the Arabic has nowhere: an error, said elsewhere
        ("Said[^mof].", ["1"], ["lacks [^1],", "cites [^mof],"]),
    ],
)
def test_each_label_the_paragraphs_cite_differently_is_named_once(
    english: str, arabic: list[str], found: list[str]
) -> None:
    warnings = list(unlike_references([(7, "p1", english, arabic)], {"1", "mof"}, GLOSS))
    assert [(d.line, d.severity) for d in warnings] == [(7, "warning")] * len(found)
    assert [d.message.split(" which")[0].removeprefix("p1's English ") for d in warnings] == found
