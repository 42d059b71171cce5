"""Footnotes and definition lists written in a body -> diagnostics at their lines (pure).

The site renders CommonMark with pipe tables: `[^1]` and its `[^1]: …` text are no part of
it, and readers would see both as written, the note's text as a stray paragraph at the end.
Footnotes are refused (an error, naming what to write instead) rather than rendered: a gloss
is translated and shown block by block, so a reference and its note, in two blocks, could
not find each other on the English page. A definition list's `: …` line still reads as a
label and its value, so it is only a warning."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..core.diagnostics import Diagnostic
from .notes import CODE_SPAN as _CODE_SPAN
from .notes import DEFINITION as _DEFINITION
from .notes import REFERENCE as _REFERENCE

# `: the value`, under the label it defines (Pandoc's definition lists).
_DEFINITION_LIST = re.compile(r" {0,3}:[ \t]+\S")

SOURCES_HINT = (
    "name the source in the sentence (بحسب بيان المفوضية) or list the sources at the end "
    "under a heading (## المصادر) as a numbered list and cite one as (1)"
)


def footnote_diagnostics(lines: Iterable[tuple[int, str]], path: str) -> Iterator[Diagnostic]:
    """An error at each line holding a footnote or a footnote's text, and a warning at each
    line of a definition list, among the (line number, text) of a body's Markdown."""
    previous = ""
    for number, line in lines:
        bare = _CODE_SPAN.sub("", line)
        if definition := _DEFINITION.match(bare):
            label = definition.group(1)
            message = (
                f"'[^{label}]:' starts a footnote's text, which the site does not render "
                f"(readers would see it as written): {SOURCES_HINT}"
            )
            yield Diagnostic(path, number, message)
        elif reference := _REFERENCE.search(bare):
            message = (
                f"'[^{reference.group(1)}]' is a footnote, which the site does not render "
                f"(readers would see it as written): {SOURCES_HINT}"
            )
            yield Diagnostic(path, number, message)
        elif previous.strip() and _DEFINITION_LIST.match(bare):
            message = (
                "readers see this ': …' as text joined to the line above: the site has no "
                "definition lists (write '**the label:** the value' on one line, or a table "
                "of two columns)"
            )
            yield Diagnostic(path, number, message, "warning")
        previous = line
