"""The parser an article or gloss body needs: none for plain prose (most news text), else
markdown-it as the archive reads Markdown: CommonMark with pipe tables, raw HTML off, only
safe links, bare addresses linked where the text may hold one, footnotes where it may hold
one (pure; markdown-it-py, imported only when a body needs it)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..core.arabic import MARK_CLASS
from .notes import add_footnotes

if TYPE_CHECKING:  # imported when a body needs the parser (see body_parser): most never do
    from markdown_it import MarkdownIt

SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """Only http(s), mailto and relative links survive; javascript:, data:, vbscript: never do."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", url)
    return bool(SAFE_SCHEME.match(cleaned))


@cache
def body_parser(
    addresses: bool = False, bare_domains: bool = True, notes: bool = False
) -> MarkdownIt:
    """The CommonMark parser; with `addresses`, one that links bare addresses too (a domain
    without `www.` where `bare_domains`: autolinks.py says which); with `notes`, one that
    reads footnotes (notes.py), for a body that may hold one. linkify-it compiles its
    patterns at its first match in a process (90 to 240 ms, measured) and then tests every
    paragraph (1.1 ms more for the demo article's 14): a body that can hold no address is
    parsed without it."""
    # Imported here: plain prose never needs them, and importing markdown-it is a twentieth of
    # the start of an edit's build.
    from markdown_it import MarkdownIt

    from .autolinks import ArchiveLinkify

    md = MarkdownIt("commonmark", {"html": False, "linkify": addresses, "typographer": False})
    md.enable("table")  # GitHub's pipe tables: results, figures, as editors' previews show them
    md.add_render_rule("table_open", _scrolling_table_open)
    md.add_render_rule("table_close", _scrolling_table_close)
    if addresses:
        md.enable("linkify")
        md.linkify = ArchiveLinkify(bare_domains)
    if notes:
        add_footnotes(md)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    # An address reads as the editor pasted it: decoding its %D8%A8… into letters would put
    # words into the block's text, which search and the entity matcher read.
    md.normalizeLinkText = _as_written  # type: ignore[method-assign, assignment]
    return md


def _as_written(text: str) -> str:
    return text


# A table wider than a phone scrolls in its own box, not the whole page; a box that scrolls
# can be reached with the keyboard to scroll it. A render rule, so a table inside a footnote
# gets its box too.
def _scrolling_table_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    return '<div class="table-scroll" tabindex="0">\n' + str(
        self.renderToken(tokens, idx, options, env)
    )


def _scrolling_table_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


# Text in which no character can start Markdown syntax: letters, digits, marks, spaces and
# the punctuation of ordinary prose. A line of it that starts with a letter or an opening
# quote (not a digit: "1. " opens a list) and ends with no space is, to CommonMark, one
# paragraph of plain text.
_PROSE_PUNCTUATION = ".,;:?!'\"()/%\u060c\u061b\u061f\u00ab\u00bb\u2026\u2013\u2014-"
_PLAIN_LINE = re.compile(
    f"(?:[^\\W\\d_]|[\"'(\u00ab])[\\w{MARK_CLASS} {re.escape(_PROSE_PUNCTUATION)}]*"
)

# What every address linkify-it finds holds: a scheme's `://`, a mail address's `@`, or a dot
# before the two letters or more of a domain's ending (`ina.iq`, `пример.рф`). A text with
# none cannot hold a link (`U.S.` cannot); Arabic prose has them rarely.
_MAYBE_ADDRESS = re.compile(r"://|@|\.[^\W\d_]{2}")


def may_hold_address(text: str) -> bool:
    """Whether linkify-it could find an address in the text (False for most Arabic prose)."""
    return _MAYBE_ADDRESS.search(text) is not None


def plain_paragraphs(body: str) -> list[tuple[int, str]] | None:
    """(line, text) of every paragraph when each is a single line of plain prose; else None.

    Most news text is just that, and for it the Markdown parser (most of the rendering time)
    can be skipped: each line renders as <p>text</p>. Anything else goes through markdown-it.
    """
    found: list[tuple[int, str]] = []
    after_blank = True
    for number, line in enumerate(body.split("\n")):
        if not line:
            after_blank = True
            continue
        plain = after_blank and "_" not in line and line[-1] != " "
        if not plain or not _PLAIN_LINE.fullmatch(line) or may_hold_address(line):
            return None  # a line break inside a paragraph, possible Markdown or an address
        found.append((number, line))
        after_blank = False
    return found
