"""Readers cite paragraphs by their anchors (`#p4`): a paragraph inserted before others moves
their anchors, and a published text changed with no correction note leaves readers no sign.
The build after such an edit says so once, at the article's file and line, whether it
patches the site (`build`, `serve`) or builds it in full; a typo fixed, or a paragraph added
at the end with its correction note, is said nothing of."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.serve.loop import Preview

from .conftest import DEMO_ARTICLE, write

ARTICLE = f"content/{DEMO_ARTICLE}"
NEW_PARAGRAPH = "وأعلنت وزارة الدفاع في بيان لاحق أن الانسحاب سيكتمل قبل نهاية العام الجاري."
MOVED = (
    "paragraphs 4–13 are now 5–14: links to #p4–#p13 now land on other text (readers, "
    "researchers and the English gloss cite paragraphs by these anchors). To keep them, add "
    "a new paragraph after the last one instead; if the change is meant, nothing is to do "
    "(say what changed in a correction note, `corrections:` in the front matter): the next "
    "build compares with this one and does not say it again"
)
UNNOTED = (
    "the published text changed without a correction note ({what}; a word or two corrected "
    "is not counted): readers and those who cited it see no sign of it. Add a dated note "
    'saying what changed under `corrections:` in the front matter (`- date: "YYYY-MM-DD"` '
    "and `note: …` under it; see docs/editors-guide.md, Correcting an article); the next "
    "build compares with this one and does not say it again"
)
NOTE = '\ncorrections:\n  - date: "2020-12-07"\n    note: "أضيفت فقرة عن بيان وزارة الدفاع."'


def _paragraphs(root: Path) -> tuple[str, list[str]]:
    front, body = (root / ARTICLE).read_text(encoding="utf-8").split("\n---\n", 1)
    return front, body.strip("\n").split("\n\n")


def _save(root: Path, front: str, paragraphs: list[str]) -> None:
    write(root, ARTICLE, front + "\n---\n" + "\n\n".join(paragraphs) + "\n")


def _line_of(root: Path, paragraph: str) -> int:
    lines = (root / ARTICLE).read_text(encoding="utf-8").split("\n")
    return lines.index(paragraph) + 1


class Builder:
    """Builds the project the way an editor does: `build` (a patch), `build` with an article
    added beside the edit (a full build, the other articles kept), or `serve`'s rebuild."""

    def __init__(self, root: Path, how: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.root, self.how, self.capsys = root, how, capsys
        self.preview = Preview(root, root / "site", None, search=False)
        self.added = 0

    def build(self, first: bool = False, edited: bool = True) -> list[str]:
        """The warnings this build said, as printed (`path:line: warning: message`)."""
        if self.how == "serve":
            changed = [self.root / ARTICLE] if edited and not first else None
            result = self.preview.rebuild(changed=changed)
            return [str(said) for said in (*result.result.warnings, *result.result.removed)]
        if self.how == "full" and edited and not first:  # an article added: a full build
            self.added += 1
            text = f'---\ntitle: "خبر {self.added}"\ndate: "2020-11"\n---\nنص الخبر.\n'
            write(self.root, f"content/ar/2020/11/added-{self.added}.md", text)
        assert main(["build", "--no-search", "--root", str(self.root)]) == 0
        said = self.capsys.readouterr()
        done = "built" if self.how == "full" or first else "updated"
        done = done if edited else "up to date"
        assert said.out.startswith(done), said.out  # the path this test means
        return [line for line in said.err.splitlines() if ": warning: " in line]


@pytest.fixture(params=["build", "full", "serve"])
def builder(
    request: pytest.FixtureRequest, project: Path, capsys: pytest.CaptureFixture[str]
) -> Builder:
    made = Builder(project, request.param, capsys)
    assert made.build(first=True) == []
    return made


def test_a_paragraph_inserted_warns_once_of_the_anchors_it_moved(builder: Builder) -> None:
    root = builder.root
    front, paragraphs = _paragraphs(root)
    _save(root, front, [*paragraphs[:3], NEW_PARAGRAPH, *paragraphs[3:]])
    line = _line_of(root, paragraphs[3])  # the first paragraph moved: #p4, now #p5
    added = _line_of(root, NEW_PARAGRAPH)
    assert builder.build() == [
        f"{ARTICLE}:{added}: warning: {UNNOTED.format(what='1 paragraph added')}",
        f"{ARTICLE}:{line}: warning: {MOVED}",
    ]
    assert builder.build(edited=False) == []  # said once: it compares with the last build
    # A cold build of the same content agrees: it has nothing to compare with.
    (root / ".cache" / "build.pickle").unlink()
    assert builder.build(first=True) == []


def test_a_typo_fixed_is_said_nothing_of(builder: Builder) -> None:
    root = builder.root
    front, paragraphs = _paragraphs(root)
    words = paragraphs[4].split(" ")
    words[2] = words[2] + "ا"  # one word misspelt, then corrected: the same to readers
    _save(root, front, [*paragraphs[:4], " ".join(words), *paragraphs[5:]])
    assert builder.build() == []


def test_a_rewritten_paragraph_without_a_note_is_warned_of_at_its_line(
    builder: Builder,
) -> None:
    root = builder.root
    front, paragraphs = _paragraphs(root)
    rewritten = "وقال مسؤول في التحالف إن القوات ستبقى في قواعدها حتى إشعار آخر."
    _save(root, front, [*paragraphs[:6], rewritten, *paragraphs[7:]])
    line = _line_of(root, rewritten)
    unnoted = UNNOTED.format(what="1 paragraph rewritten")
    assert builder.build() == [f"{ARTICLE}:{line}: warning: {unnoted}"]  # no anchor moved


def test_a_paragraph_appended_with_a_note_moves_no_anchor_and_needs_nothing(
    builder: Builder,
) -> None:
    root = builder.root
    front, paragraphs = _paragraphs(root)
    _save(root, front, [*paragraphs, NEW_PARAGRAPH])  # at the end, without a note
    line = _line_of(root, NEW_PARAGRAPH)
    unnoted = UNNOTED.format(what="1 paragraph added")
    assert builder.build() == [f"{ARTICLE}:{line}: warning: {unnoted}"]
    _save(root, front + NOTE, [*paragraphs, NEW_PARAGRAPH, NEW_PARAGRAPH + " ثانية"])
    assert builder.build() == []  # the note came with this one
