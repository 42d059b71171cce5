"""A Markdown text -> where each link's and image's destination is written in it, line and
column (pure; markdown-it-py, configured as bodyparser.py's parser).

`move` rewrites the destinations of links to a moved article, and nothing else: not the
link text, not a title, not a `[link](../10/x.md)` shown in a code span or a fenced block
(markdown-it reads those as code, so no link is found there). markdown-it gives a link's
address, never where it was written, so its link, image and reference-definition rules are
wrapped: each time one of them has made a link, the wrapper reads where the destination
stood in the text the rule parsed (an inline token's content, or the whole text for a
definition), and that is placed back on the text's own lines. A destination that cannot
be placed exactly (a table cell with an escaped `|`, a line whose tabs markdown-it
expanded) is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown_it.common.utils import normalizeReference, unescapeAll

from .bodyparser import is_safe_link

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_SPOTS = "linkspots"  # the parse's env key for the destinations found


@dataclass(frozen=True)
class Destination:
    """A link's or image's destination as written: at `line` (0-based, of the text) and
    `column`, the characters `written` (with its `<…>` if it has them), and the address
    markdown-it made of it (`href`, what links.py resolves)."""

    line: int
    column: int
    written: str
    href: str


@dataclass(frozen=True)
class _Spot:
    src: str  # the text the rule parsed (an inline token's content, or the whole text)
    start: int
    end: int
    href: str
    definition: bool = False  # a reference definition's, in the whole text


def link_destinations(text: str) -> tuple[list[Destination], list[int]]:
    """The destinations of the text's inline links and images and of its reference
    definitions (`[1]: ../10/x.md`), in the order written; and the lines (0-based) of those
    that could not be placed on the text's lines."""
    env: dict[str, Any] = {_SPOTS: []}
    tokens = _parser().parse(text, env)
    lines = text.split("\n")
    found: list[Destination] = []
    lost: list[int] = []
    spots: list[_Spot] = env[_SPOTS]
    for spot in (s for s in spots if s.definition):
        line = text.count("\n", 0, spot.start)
        if spot.end < 0:
            lost.append(line)
            continue
        column = spot.start - (text.rfind("\n", 0, spot.start) + 1)
        found.append(Destination(line, column, text[spot.start : spot.end], spot.href))
    cursors: dict[int, int] = {}  # line -> where the next table cell is looked for
    for at, token in enumerate(tokens):
        if token.type != "inline" or not token.map:
            continue
        mine = [s for s in spots if s.src is token.content and not s.definition]
        if not mine:
            continue
        in_paragraph = at > 0 and tokens[at - 1].type == "paragraph_open"
        starts = _line_starts(token.content, lines, token.map[0], in_paragraph, cursors)
        offsets = _offsets(token.content)
        for spot in mine:
            k = _line_of(offsets, spot.start)
            line = token.map[0] + k
            start = starts[k]
            written = spot.src[spot.start : spot.end]
            column = -1 if start is None else start + spot.start - offsets[k]
            if column < 0 or lines[line][column : column + len(written)] != written:
                lost.append(line)
            else:
                found.append(Destination(line, column, written, spot.href))
    found.sort(key=lambda d: (d.line, d.column))
    return found, sorted(set(lost))


def _offsets(content: str) -> list[int]:
    """Where each line of `content` starts in it."""
    starts = [0]
    starts += [i + 1 for i, ch in enumerate(content) if ch == "\n"]
    return starts


def _line_of(offsets: list[int], position: int) -> int:
    return max(k for k, start in enumerate(offsets) if start <= position)


def _line_starts(
    content: str, lines: list[str], first: int, in_paragraph: bool, cursors: dict[int, int]
) -> list[int | None]:
    """Where each line of an inline token's content starts on the text's line it came from.
    A paragraph's lines are the ends of their lines (after `> `, a list's indent), its last
    without its trailing spaces; a heading's or a table cell's is looked for in its line,
    after the cells already placed there."""
    found: list[int | None] = []
    for k, part in enumerate(content.split("\n")):
        number = first + k
        if number >= len(lines):
            found.append(None)
            continue
        line = lines[number]
        if in_paragraph:
            whole = line if line.endswith(part) else line.rstrip()
            found.append(len(whole) - len(part) if whole.endswith(part) else None)
            continue
        at = line.find(part, cursors.get(number, 0))
        found.append(at if at >= 0 else None)
        if at >= 0:
            cursors[number] = at + len(part)
    return found


@cache
def _parser() -> MarkdownIt:
    """The build's Markdown (bodyparser.py: CommonMark, tables, no raw HTML, its safe-link
    test), its link rules wrapped to note where destinations are written."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.reference import reference
    from markdown_it.rules_inline.image import image
    from markdown_it.rules_inline.link import link

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    md.inline.ruler.at("link", _noting_inline(link, 1))
    md.inline.ruler.at("image", _noting_inline(image, 2))
    md.block.ruler.at("reference", _noting_reference(reference))
    return md


def _noting_inline(rule: Any, opening: int) -> Any:
    """The link (`[`, opening 1) or image (`![`, opening 2) rule, noting the destination of
    each inline-form link it makes (one written `[…](…)`: it ends at its `)`)."""

    def noted(state: StateInline, silent: bool) -> bool:
        start, maximum = state.pos, state.posMax
        made = len(state.tokens)
        if not rule(state, silent):
            return False
        if silent or state.src[state.pos - 1] != ")":
            return True
        label_end = _label_end(state, start + opening - 1, maximum, opening == 1)
        where = _destination(state, state.src, label_end + 1, maximum)
        kind = "image" if opening == 2 else "link_open"
        token = next((t for t in state.tokens[made:] if t.type == kind), None)
        if where is not None and token is not None:
            href = str(token.attrGet("src" if opening == 2 else "href") or "")
            state.env[_SPOTS].append(_Spot(state.src, *where, href))
        return True

    return noted


def _label_end(state: StateInline, bracket: int, maximum: int, in_link: bool) -> int:
    """Where the label opening at `bracket` closes, as the rule found it (a link's label
    holds no link, an image's may)."""
    pos, limit = state.pos, state.posMax
    state.posMax = maximum
    try:
        end: int = state.md.helpers.parseLinkLabel(state, bracket, in_link)
        return end
    finally:
        state.pos, state.posMax = pos, limit


def _destination(
    state: StateInline | StateBlock, src: str, paren: int, maximum: int
) -> tuple[int, int] | None:
    """The span of the destination after the `(` (or a definition's `:`) at `paren`."""
    pos = paren + 1
    while pos < maximum and src[pos] in " \t\n":
        pos += 1
    found = state.md.helpers.parseLinkDestination(src, pos, maximum)
    if not found.ok or found.pos == pos:
        return None
    return pos, found.pos


def _noting_reference(rule: Any) -> Any:
    """The reference-definition rule, noting each definition's destination. The rule reads
    the definition's lines from their indent on; a destination never spans lines, so it is
    found on the line it starts, in the whole text."""

    def noted(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not rule(state, start_line, end_line, silent):
            return False
        if silent:
            return True
        src = state.src
        begin = state.bMarks[start_line] + state.tShift[start_line]
        end = state.eMarks[state.line - 1]
        close = _closing_bracket(src, begin, end)
        if close is None:
            state.env[_SPOTS].append(_Spot(src, begin, -1, "", True))
            return True
        where = _destination(state, src, close, end)
        label = normalizeReference(src[begin + 1 : close - 1])
        defined = state.env.get("references", {}).get(label, {}).get("href")
        href = None
        if where is not None:
            written = src[where[0] : where[1]]
            inner = written[1:-1] if written.startswith("<") else written
            href = state.md.normalizeLink(unescapeAll(inner))
        if where is not None and href is not None and href == defined:
            state.env[_SPOTS].append(_Spot(src, *where, href, True))
        elif defined is not None:  # written across a quote's `>`: not placed
            state.env[_SPOTS].append(_Spot(src, begin, -1, "", True))
        return True

    return noted


def _closing_bracket(src: str, begin: int, end: int) -> int | None:
    """The `:` after a definition's label, from its `[` at `begin`."""
    pos = begin + 1
    while pos < end:
        if src[pos] == "\\":
            pos += 2
            continue
        if src[pos] == "]":
            return pos + 1 if src[pos + 1 : pos + 2] == ":" else None
        pos += 1
    return None
