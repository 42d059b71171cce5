"""Markdown body -> HTML blocks with entity mentions marked (pure; markdown-it-py, raw HTML off)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .matcher import Mention

SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)

FindMentions = Callable[[str], Sequence[Mention]]
EntityHref = Callable[[str], str]


@dataclass(frozen=True)
class BlockMention:
    """A mention inside a block: offsets into the block's plain text."""

    entity_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Block:
    """One top-level block (usually a paragraph) of an article body."""

    index: int
    line: int  # line in the body (0-based); add Article.body_line for the file line
    text: str  # plain text, as a reader sees it
    html: str
    mentions: tuple[BlockMention, ...]


def is_safe_link(url: str) -> bool:
    """Only http(s), mailto and relative links survive; javascript:, data:, vbscript: never do."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", url)
    return bool(SAFE_SCHEME.match(cleaned))


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


def render_body(
    body: str, find_mentions: FindMentions | None = None, entity_href: EntityHref | None = None
) -> tuple[Block, ...]:
    """Parse a Markdown body and render each top-level block, marking entity mentions."""
    md = _parser()
    tokens = md.parse(body)
    blocks: list[Block] = []
    group: list[Token] = []
    for token in tokens:
        group.append(token)
        if token.level == 0 and token.nesting <= 0:
            blocks.append(_render_block(md, group, len(blocks), find_mentions, entity_href))
            group = []
    return tuple(blocks)


def _render_block(
    md: MarkdownIt,
    group: list[Token],
    index: int,
    find_mentions: FindMentions | None,
    entity_href: EntityHref | None,
) -> Block:
    text_parts: list[str] = []
    mentions: list[BlockMention] = []
    for token in group:
        if token.type != "inline" or token.children is None:
            continue
        if text_parts:
            text_parts.append("\n")
        offset = sum(len(p) for p in text_parts)
        children, found, plain = _mark_inline(token.children, offset, find_mentions, entity_href)
        token.children = children
        text_parts.append(plain)
        mentions.extend(found)
    line = group[0].map[0] if group[0].map else 0
    html = md.renderer.render(group, md.options, {})
    return Block(index, line, "".join(text_parts), html, tuple(mentions))


def _mark_inline(
    children: list[Token],
    offset: int,
    find_mentions: FindMentions | None,
    entity_href: EntityHref | None,
) -> tuple[list[Token], list[BlockMention], str]:
    """Split text tokens around mentions (never inside existing links); collect plain text."""
    out: list[Token] = []
    found: list[BlockMention] = []
    plain: list[str] = []
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        position = offset + sum(len(p) for p in plain)
        if child.type in ("softbreak", "hardbreak"):
            plain.append(" ")
        elif child.type in ("text", "code_inline"):
            plain.append(child.content)
        if child.type != "text" or link_depth or find_mentions is None:
            out.append(child)
            continue
        hits = find_mentions(child.content)
        out.extend(_split_text(child.content, hits, entity_href))
        found.extend(
            BlockMention(m.entity_id, position + m.start, position + m.end, m.surface) for m in hits
        )
    return out, found, "".join(plain)


def _split_text(text: str, hits: Sequence[Mention], entity_href: EntityHref | None) -> list[Token]:
    tokens: list[Token] = []
    cursor = 0
    for hit in hits:
        if hit.start > cursor:
            tokens.append(_text(text[cursor : hit.start]))
        link = Token("link_open", "a", 1)
        link.attrs = {"class": "mention", "data-entity": hit.entity_id}
        if entity_href is not None:
            link.attrs = {"href": entity_href(hit.entity_id), **link.attrs}
        tokens += [link, _text(text[hit.start : hit.end]), Token("link_close", "a", -1)]
        cursor = hit.end
    if cursor < len(text):
        tokens.append(_text(text[cursor:]))
    return tokens


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
