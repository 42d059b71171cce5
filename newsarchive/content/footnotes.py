"""Footnotes and definition lists written in a body or a gloss -> diagnostics at their lines
(pure).

An article's footnotes are checked by notes.note_problems. A gloss translates the Arabic's
notes, each in a block of its own (after the paragraphs' blocks, its Arabic note opening
with `[^label]:`), so its English may cite only the Arabic's labels and may write a note's
text only in that note's block; a paragraph's English that leaves out a note its Arabic
cites, or cites one its Arabic does not, is a warning (the English page would lose or add
that link). A definition list's `: …` line still reads as a label and
its value, so it is only a warning."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence

from ..core.diagnostics import Diagnostic
from .notes import CODE_SPAN, DEFINITION, REFERENCE

# `: the value`, under the label it defines (Pandoc's definition lists).
_DEFINITION_LIST = re.compile(r" {0,3}:[ \t]+\S")


def definition_list_warnings(lines: Iterable[tuple[int, str]], path: str) -> Iterator[Diagnostic]:
    """A warning at each line of a definition list among the (line number, text) of a
    body's Markdown."""
    previous = ""
    for number, line in lines:
        bare = CODE_SPAN.sub("", line)
        if previous.strip() and _DEFINITION_LIST.match(bare):
            message = (
                "readers see this ': …' as text joined to the line above: the site has no "
                "definition lists (write '**the label:** the value' on one line, or a table "
                "of two columns)"
            )
            yield Diagnostic(path, number, message, "warning")
        previous = line


def english_note_problems(
    lines: Iterable[tuple[int, str, bool]], labels: Collection[str], path: str
) -> Iterator[Diagnostic]:
    """An error at each reference of a gloss's English to a note the Arabic does not have
    (`labels`: the Arabic's), and at each note's text written in a paragraph's block, among
    the (line number, text, whether the line is in a note's block) of its English."""
    known = ", ".join(f"[^{label}]" for label in labels) or "none"
    for number, line, in_note in lines:
        bare = CODE_SPAN.sub("", line)
        definition = DEFINITION.match(bare)
        if definition is not None and not in_note:
            message = (
                f"'[^{definition.group(1)}]:' writes a note's text in a paragraph's block: "
                "write its English in the note's own block (the one whose '<!-- ar: "
                f"[^{definition.group(1)}]: … -->' it translates)"
            )
            yield Diagnostic(path, number, message)
        if definition is not None:
            bare = bare[definition.end() :]
        for reference in REFERENCE.finditer(bare):
            if reference.group(1) not in labels:
                message = (
                    f"'[^{reference.group(1)}]' cites a note the Arabic does not have (its "
                    f"notes: {known}): cite the Arabic's label"
                )
                yield Diagnostic(path, number, message)


def unlike_references(
    paragraphs: Iterable[tuple[int, str, str, Sequence[str]]], labels: Collection[str], path: str
) -> Iterator[Diagnostic]:
    """A warning at a translated paragraph's block whose English leaves out a note its
    Arabic paragraph cites, and one whose English cites a note of the Arabic's (`labels`)
    that its Arabic paragraph does not, among the (block's line, block as messages name it,
    English, labels its Arabic paragraph cites) of a gloss. A label the Arabic has nowhere
    is an error already (english_note_problems)."""
    for line, named, english, arabic in paragraphs:
        cited = _cited(english)
        lacking = _marks(label for label in arabic if label not in cited)
        if lacking:
            message = (
                f"{named}'s English lacks {lacking}, which its Arabic paragraph cites: the "
                "English page gives no link to that note; write it after the words it backs"
            )
            yield Diagnostic(path, line, message, "warning")
        extra = _marks(label for label in cited if label in labels and label not in arabic)
        if extra:
            message = (
                f"{named}'s English cites {extra}, which its Arabic paragraph does not: the "
                "English page links a note the Arabic paragraph does not cite"
            )
            yield Diagnostic(path, line, message, "warning")


def _cited(markdown: str) -> list[str]:
    """The labels a text's references cite, in order, but those shown as code."""
    return [
        reference.group(1)
        for line in markdown.split("\n")
        for reference in REFERENCE.finditer(CODE_SPAN.sub("", line))
    ]


def _marks(labels: Iterable[str]) -> str:
    """Labels as written (`[^1], [^mof]`), each once."""
    return ", ".join(f"[^{label}]" for label in dict.fromkeys(labels))
