"""Footnotes and definition lists written in a body or a gloss -> diagnostics at their lines
(pure).

An article's footnotes are checked by notes.note_problems. A gloss translates the Arabic's
notes, each in a block of its own (after the paragraphs' blocks, its Arabic note opening
with `[^label]:`), so its English may cite only the Arabic's labels and may write a note's
text only in that note's block. A definition list's `: …` line still reads as a label and
its value, so it is only a warning."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

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
