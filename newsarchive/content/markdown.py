"""Markdown body -> HTML blocks with entity mentions marked (pure; markdown-it-py, raw HTML off;
the mentions are marked by mentionmarks.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..entities.matcher import Mention
from .bodyparser import body_parser, may_hold_address, plain_paragraphs
from .figures import figure_html
from .links import LinkContext, LinkNote, spaced_addresses
from .mentionmarks import EntityHref, FindMentions, MentionMarker, escape_html, mark_inline
from .notes import IDS_KEY, NUMBERS_KEY, Note, numbers_by_first_reference, with_references
from .paragraphlinks import resolve_paragraph_links
from .photocredit import NO_CREDIT

if TYPE_CHECKING:  # imported when a body needs the parser (bodyparser.py): most never do
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True)
class Block:
    """One top-level block (usually a paragraph) of an article body."""

    index: int
    line: int  # line in the body (0-based); add Article.body_line for the file line
    text: str  # plain text, as a reader sees it
    html: str
    mentions: tuple[Mention, ...]  # offsets into `text`
    links: tuple[LinkNote, ...] = ()  # its links and images worth reporting (links.py)
    references: tuple[tuple[int, str], ...] = ()  # footnote references: (offset in text, label)

    @property
    def text_with_references(self) -> str:
        """Its text as its gloss block's Arabic note shows it and its fingerprint covers it:
        each footnote reference written where it is (notes.py, with_references)."""
        return with_references(self.text, self.references)


_FIRST_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*")


def with_anchor(html: str, anchor: str) -> str:
    """A block's HTML with its anchor (`id`) on its own element: a block is one top-level
    element (<p>, <h2>, <ul>, <blockquote>…), and a wrapper around each of an article's
    paragraphs was 20 bytes a paragraph (a page's markup outside its text has a target)."""
    first = _FIRST_TAG.match(html)
    if first is None:  # not an element (never made by markdown-it): wrapped instead
        return f'<div id="{anchor}">{html}</div>\n'
    return f'{html[: first.end()]} id="{anchor}"{html[first.end() :]}'


def render_body(
    body: str,
    find_mentions: FindMentions | None = None,
    entity_href: EntityHref | None = None,
    *,
    bare_domains: bool = True,
    links: LinkContext | None = None,
) -> tuple[Block, ...]:
    """Parse a Markdown body and render each top-level block, marking entity mentions.

    Bare web and mail addresses become links; a domain without `www.` (`ina.iq`) only where
    `bare_domains` (Arabic text, not English: see autolinks.py). With `links` (where the
    text is), links and images get their published addresses (links.py); without, they are
    left as written (a body read only for its text)."""
    return render_document(
        body, find_mentions, entity_href, bare_domains=bare_domains, links=links
    )[0]


def render_document(
    body: str,
    find_mentions: FindMentions | None = None,
    entity_href: EntityHref | None = None,
    *,
    bare_domains: bool = True,
    links: LinkContext | None = None,
    numbers: Mapping[str, int] | None = None,
    ids: str = "ar",
) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """render_body's blocks, and the body's footnotes apart from them (notes.py): numbered
    by their first references, or by `numbers` (label -> number: an English text's, as the
    Arabic numbers them); `ids`, the prefix of their ids ("ar", "en")."""
    marker = MentionMarker(find_mentions, entity_href) if find_mentions is not None else None
    paragraphs = plain_paragraphs(body)
    if paragraphs is not None:
        blocks = (_plain_block(i, line, text, marker) for i, (line, text) in enumerate(paragraphs))
        return tuple(blocks), ()
    return _render_parsed(body, marker, bare_domains, links, numbers, ids)


def _plain_block(index: int, line: int, text: str, marker: MentionMarker | None) -> Block:
    """What markdown-it makes of a plain paragraph: <p>, the escaped text, </p>."""
    hits = marker.find(text) if marker is not None else ()
    inner = marker.marked(text, hits) if marker is not None and hits else escape_html(text)
    return Block(index, line, text, f"<p>{inner}</p>\n", tuple(hits))


def _render_parsed(
    body: str,
    marker: MentionMarker | None,
    bare_domains: bool = True,
    links: LinkContext | None = None,
    numbers: Mapping[str, int] | None = None,
    ids: str = "ar",
) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    # Only a body holding `[^` can hold a footnote: the others keep the plain parser's speed.
    md = body_parser(may_hold_address(body), bare_domains, "[^" in body)
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    env = {NUMBERS_KEY: numbers_by_first_reference(env) if numbers is None else numbers}
    env[IDS_KEY] = ids
    groups: list[list[Token]] = []
    group: list[Token] = []
    for token in tokens:
        group.append(token)
        if token.level == 0 and token.nesting <= 0:
            groups.append(group)
            group = []
    blocks: list[Block] = []
    notes: list[Note] = []
    for group in groups:
        if group[0].type == "footnote_reference_open":
            notes += _render_note(md, group, marker, links, env)
        else:
            blocks.append(_render_block(md, group, len(blocks), marker, links, env))
    return tuple(blocks), tuple(sorted(notes, key=lambda note: note.number))


def as_block(note: Note) -> Block:
    """A note as a block of its own, for what reads a block's text and HTML (bidi.py)."""
    return Block(0, note.line, note.text, note.html, ())


def with_notes(blocks: Sequence[Block], notes: Sequence[Note]) -> tuple[Block, ...]:
    """The blocks a gloss translates: the paragraphs, then each note as a block whose text
    opens with its label (`[^1]: …`), as the translator's note of the Arabic shows it."""
    return (
        *blocks,
        *(
            Block(len(blocks) + at, note.line, f"[^{note.label}]: {note.text}", note.html, ())
            for at, note in enumerate(notes)
        ),
    )


def _render_note(
    md: MarkdownIt,
    group: list[Token],
    marker: MentionMarker | None,
    links: LinkContext | None,
    env: dict[str, Any],
) -> list[Note]:
    """A footnote's text as a block of its own, if it has a number (a note no reference
    cites has none: the build refuses it at its line)."""
    label = group[0].meta["label"]
    number = env[NUMBERS_KEY].get(label)
    if number is None:
        return []
    inner = _render_block(md, group[1:-1], 0, marker, links, env)
    line = group[0].map[0] if group[0].map else 0
    return [Note(label, number, line, inner.text, inner.html)]


def _render_block(
    md: MarkdownIt,
    group: list[Token],
    index: int,
    marker: MentionMarker | None,
    links: LinkContext | None,
    env: dict[str, Any],
) -> Block:
    figure = _lone_captioned_image(group)
    if figure is not None:
        return _render_figure(md, group, index, marker, links, figure)
    text_parts: list[str] = []
    mentions: list[Mention] = []
    notes: list[LinkNote] = []
    references: list[tuple[int, str]] = []
    for token in group:
        if token.type != "inline" or token.children is None:
            continue
        if text_parts:
            text_parts.append("\n")
        offset = sum(len(p) for p in text_parts)
        children, found, plain = mark_inline(token.children, offset, marker, references)
        if links is not None:
            first = token.map[0] if token.map else 0
            notes += resolve_paragraph_links(children, links, first)
            notes += spaced_addresses(token.content, links, first)
        token.children = children
        text_parts.append(plain)
        mentions.extend(found)
    line = group[0].map[0] if group[0].map else 0
    _align_by_class(group)  # a table's cells, a table inside a footnote's too
    html = md.renderer.render(group, md.options, env)  # each table in its box (bodyparser.py)
    text = "".join(text_parts)
    return Block(index, line, text, html, tuple(mentions), tuple(notes), tuple(references))


def _lone_captioned_image(group: list[Token]) -> Token | None:
    """The image of a paragraph that holds only an image with a title (its caption)."""
    if len(group) != 3 or group[0].type != "paragraph_open":
        return None
    children = group[1].children or []
    if len(children) != 1 or children[0].type != "image":
        return None
    return children[0] if str(children[0].attrGet("title") or "").strip() else None


def _render_figure(
    md: MarkdownIt,
    group: list[Token],
    index: int,
    marker: MentionMarker | None,
    links: LinkContext | None,
    image: Token,
) -> Block:
    """A captioned photo (figures.py): its caption is the block's text, names in it marked;
    the title, shown now, is no longer a tooltip too."""
    caption = " ".join(str(image.attrs.pop("title")).split())
    line = group[0].map[0] if group[0].map else 0
    children = group[1].children or []
    notes = resolve_paragraph_links(children, links, line) if links is not None else []
    hits = marker.find(caption) if marker is not None else ()
    marked = marker.marked(caption, hits) if marker is not None and hits else escape_html(caption)
    credit = next((note.credit for note in notes if note.file), NO_CREDIT)
    html = figure_html(md.renderer.render(children, md.options, {}), marked, credit)
    return Block(index, line, caption, html, tuple(hits), tuple(notes))


_CELL_ALIGN = re.compile(r"text-align:(left|right|center)")


def _align_by_class(group: list[Token]) -> None:
    """A column's alignment (`:---:`) as a class of its cells, not markdown-it's style
    attribute: pages carry no inline style, so a site can forbid it (SECURITY.md)."""
    for token in group:
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if style is None:
            continue
        token.attrs.pop("style")
        aligned = _CELL_ALIGN.fullmatch(str(style))
        if aligned is not None:
            token.attrSet("class", aligned.group(1))
