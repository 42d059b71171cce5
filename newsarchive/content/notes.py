"""Footnotes of a body: `[^label]` references and their `[^label]: …` notes, numbered and
given ids that no paragraph anchor (#p4) nor the other language's column can share (pure;
mdit-py-plugins' footnote rule finds them, markdown.py renders them).

A note is no paragraph: it has no #pN anchor, no sketch (paragraphprints.py), no gloss block
of a paragraph. Notes are numbered in the order of their first reference in the Arabic, and
an English text numbers its references as the Arabic does (`numbers`), so a reference reads
the same in both columns of the side-by-side view; each language's ids have their own
prefix (`ar-n1`, `en-n1`), so the English brought into the Arabic page clashes with nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# `[^1]`, `[^source]`: a reference; `[^1]: the note's text`, at the start of a line (up to
# three spaces, as Markdown allows); a code span shows a `[^1]` in it as written.
REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
DEFINITION = re.compile(r" {0,3}\[\^([^\]\s]+)\]:")
CODE_SPAN = re.compile(r"(`+).+?\1")

# What a body's parse environment holds for the footnote_ref rule below.
NUMBERS_KEY = "note_numbers"  # label -> the note's number
IDS_KEY = "note_ids"  # the ids' prefix: "ar" or "en"


@dataclass(frozen=True)
class Note:
    """One footnote's text: its label as written, its number, where it is, its HTML."""

    label: str
    number: int
    line: int  # line in the body (0-based) of its `[^label]:`
    text: str  # plain text, as a reader sees it (search indexes it)
    html: str  # its paragraph(s), rendered as a body's blocks are


def note_id(ids: str, number: int) -> str:
    """The id of note `number` in the list of notes (`ar-n1`)."""
    return f"{ids}-n{number}"


def reference_id(ids: str, number: int) -> str:
    """The id of the first reference to note `number`, which its back link leads to (`ar-r1`)."""
    return f"{ids}-r{number}"


def numbers_by_first_reference(env: Mapping[str, Any]) -> dict[str, int]:
    """Each referenced label's number, in the order of their first references (the plugin's
    parse environment records them so)."""
    found = env.get("footnotes", {}).get("list", {})
    return {data["label"]: at + 1 for at, data in sorted(found.items()) if "label" in data}


def with_references(text: str, references: Sequence[tuple[int, str]]) -> str:
    """A paragraph's plain text with each footnote reference (place in the text, label)
    written back where it is, as `[^label]`: what a translator copies into the English, and
    what the paragraph's fingerprint covers, so that a reference added, removed or moved
    outdates its English. A paragraph without references is its text, unchanged (its
    fingerprint too)."""
    if not references:
        return text
    parts: list[str] = []
    done = 0
    for at, label in references:
        parts += [text[done:at], f"[^{label}]"]
        done = at
    return "".join(parts) + text[done:]


def add_footnotes(md: MarkdownIt) -> None:
    """Teach a parser `[^label]` and `[^label]: …`: definitions stay where they are written
    (markdown.py takes them out of the paragraphs), and a reference is one even where its
    note is in another text (a gloss block's, whose note is a block of its own)."""
    from mdit_py_plugins.footnote import footnote_plugin

    footnote_plugin(md, inline=False, move_to_end=False, always_match_refs=True)
    md.add_render_rule("footnote_ref", _render_reference)


def _render_reference(
    self: object, tokens: Sequence[Token], idx: int, options: object, env: Mapping[str, Any]
) -> str:
    """A superscript link to its note, in the site's digits; the first reference to a note
    has the id its back link leads to. A label with no number (no note) is shown as written:
    the build has already refused it at its line."""
    token = tokens[idx]
    label = token.meta["label"]
    number = env.get(NUMBERS_KEY, {}).get(label)
    if number is None:
        return html.escape(f"[^{label}]")
    ids = env.get(IDS_KEY, "ar")
    first = f' id="{reference_id(ids, number)}"' if token.meta["subId"] == 0 else ""
    return f'<sup><a href="#{note_id(ids, number)}"{first}>{number}</a></sup>'


def note_problems(lines: Iterable[tuple[int, str]], path: str) -> Iterator[Diagnostic]:
    """An error at each reference whose note is not written, at each note no reference
    cites and at a second note of one label, among the (line number, text) of a body."""
    written: dict[str, int] = {}
    cited: dict[str, int] = {}
    for number, line in lines:
        bare = CODE_SPAN.sub("", line)
        definition = DEFINITION.match(bare)
        if definition is not None:
            label = definition.group(1)
            if label in written:
                message = f"a second note '[^{label}]:' (the first is on line {written[label]})"
                yield Diagnostic(path, number, message)
            written.setdefault(label, number)
            bare = bare[definition.end() :]  # a note may cite another
        for reference in REFERENCE.finditer(bare):
            cited.setdefault(reference.group(1), number)
    yield from _unpaired(
        cited,
        written,
        path,
        "'[^{}]' cites a note that is not written: add '[^{}]: …' at the end of the text, or "
        "delete the reference",
    )
    yield from _unpaired(
        written,
        cited,
        path,
        "'[^{}]:' is a note no sentence cites: cite it as '[^{}]' after the words it backs, or "
        "delete it",
    )


def _unpaired(
    found: Mapping[str, int], others: Mapping[str, int], path: str, message: str
) -> Iterator[Diagnostic]:
    """An error at the line of each label of `found` that `others` lacks (`message`: its
    two `{}` take the label)."""
    for label, number in found.items():
        if label not in others:
            yield Diagnostic(path, number, message.format(label, label))


_CLOSING_PARAGRAPH = "</p>\n"
ENGLISH_REFERENCE = re.compile(r' id="en-r([0-9]+)"')  # an English reference's, in its HTML


def with_back_link(html: str, ids: str, number: int, label: str) -> str:
    """A note's HTML with its back link to its first reference at the end of its last
    paragraph (`label`: what the link says to a screen reader). An arrow pointing up reads
    the same in either direction of text, as ↩ does not."""
    link = f' <a class="back" href="#{reference_id(ids, number)}" aria-label="{label}">↑</a>'
    if html.endswith(_CLOSING_PARAGRAPH):
        return html[: -len(_CLOSING_PARAGRAPH)] + link + _CLOSING_PARAGRAPH
    return html + link


def first_ids_only(htmls: Sequence[str], ids: str) -> list[str]:
    """Texts rendered one by one (a gloss's blocks), each reference's id kept at its first
    place only: two blocks citing one note must not give two elements one id."""
    seen: set[str] = set()

    def first(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    pattern = re.compile(f' id="({re.escape(ids)}-r[0-9]+)"')
    return [pattern.sub(first, html) if f'"{ids}-r' in html else html for html in htmls]


_NOTE_LINK = re.compile(r'href="#((?:ar|en)-n[0-9]+)"')


def references_to(html: str, page: str) -> str:
    """HTML whose references lead to the notes on `page` (a feed's entry, which has none)."""
    return _NOTE_LINK.sub(lambda m: f'href="{page}#{m.group(1)}"', html) if "-n" in html else html
