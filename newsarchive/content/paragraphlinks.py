"""A paragraph's links, images and recordings -> their published addresses, in its tokens: a
link's href, an image's address, size and renditions (a resized photo put in a link to its
original), a recording's player (pure; links.py, imagelinks.py and mediaclips.py resolve each;
the tokens are markdown-it's, made by bodyparser.py's parser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .imagelinks import resolve_image
from .links import LinkContext, LinkNote, resolve_link
from .mediaclips import is_clip, resolve_clip

if TYPE_CHECKING:  # the tokens are made by the parser, imported only where a body needs it
    from markdown_it.token import Token


def resolve_paragraph_links(children: list[Token], links: LinkContext, line: int) -> list[LinkNote]:
    """Give each link and image of a paragraph (whose first line is `line`) its published
    address (links.py); what to report of them, at their lines. A resized photo in no link
    of its own is put in one to its original (the archive's file, for download)."""
    notes: list[LinkNote] = []
    wrapped: list[tuple[int, str]] = []  # (where, the original's address) of resized photos
    depth = 0  # of the links the child is in
    for at, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type in ("link_open", "image"):
            written = str(child.attrGet("src" if child.type == "image" else "href") or "")
            words = "".join(c.content for c in child.children or ())  # an image's description
            if child.type == "image" and is_clip(written):
                resolved, player = resolve_clip(written, words, links, line)
                children[at] = _html(player) if player else child
            elif child.type == "image":
                resolved = resolve_image(written, words, links, line)
                child.attrSet("src", resolved.href)
                for name, value in resolved.attributes:
                    child.attrSet(name, value)
                if resolved.original and not depth:
                    wrapped.append((at, resolved.original))
            else:
                depth += 1
                resolved = resolve_link(written, links, line)
                child.attrSet("href", resolved.href)
                for name, value in resolved.attributes:  # hreflang of an Arabic page
                    child.attrSet(name, value)
            if resolved.note is not None:
                notes.append(resolved.note)
    if wrapped:
        _put_in_links(children, wrapped)
    return notes


def _html(html: str) -> Token:
    """A token the renderer writes as it is (what the parser never makes: raw HTML is off)."""
    from markdown_it.token import Token

    return Token("html_inline", "", 0, content=html)


def _put_in_links(children: list[Token], wrapped: list[tuple[int, str]]) -> None:
    """Put each of these images (where it is among the children, the address) in a link."""
    from markdown_it.token import Token

    for at, href in reversed(wrapped):  # from the end: the earlier places stay where they are
        opening = Token("link_open", "a", 1, attrs={"href": href})
        children[at : at + 1] = [opening, children[at], Token("link_close", "a", -1)]
