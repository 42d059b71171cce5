"""Markdown body -> HTML blocks with entity mentions marked (pure; markdown-it-py, raw HTML off)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..core.arabic import INVISIBLES, MARK_CLASS
from ..entities.matcher import Mention
from .links import LinkContext, LinkNote, resolve_image, resolve_link, spaced_addresses

if TYPE_CHECKING:  # imported when a body needs the parser (see _parser): most never do
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)

FindMentions = Callable[[str], Sequence[Mention]]
EntityHref = Callable[[str], str]


@dataclass(frozen=True)
class Block:
    """One top-level block (usually a paragraph) of an article body."""

    index: int
    line: int  # line in the body (0-based); add Article.body_line for the file line
    text: str  # plain text, as a reader sees it
    html: str
    mentions: tuple[Mention, ...]  # offsets into `text`
    links: tuple[LinkNote, ...] = ()  # its links and images worth reporting (links.py)


_FIRST_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*")


def with_anchor(html: str, anchor: str) -> str:
    """A block's HTML with its anchor (`id`) on its own element: a block is one top-level
    element (<p>, <h2>, <ul>, <blockquote>…), and a wrapper around each of an article's
    paragraphs was 20 bytes a paragraph (a page's markup outside its text has a target)."""
    first = _FIRST_TAG.match(html)
    if first is None:  # not an element (never made by markdown-it): wrapped instead
        return f'<div id="{anchor}">{html}</div>\n'
    return f'{html[: first.end()]} id="{anchor}"{html[first.end() :]}'


def is_safe_link(url: str) -> bool:
    """Only http(s), mailto and relative links survive; javascript:, data:, vbscript: never do."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", url)
    return bool(SAFE_SCHEME.match(cleaned))


def escape_html(raw: str) -> str:
    """Text escaped as markdown-it's escapeHtml escapes it (& < > ", not ')."""
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;")


@cache
def _parser(addresses: bool = False, bare_domains: bool = True) -> MarkdownIt:
    """The CommonMark parser; with `addresses`, one that links bare addresses too (a domain
    without `www.` where `bare_domains`: autolinks.py says which). linkify-it compiles its
    patterns at its first match in a process (90 to 240 ms, measured) and then tests every
    paragraph (1.1 ms more for the demo article's 14): a body that can hold no address is
    parsed without it."""
    # Imported here: plain prose never needs them, and importing markdown-it is a twentieth of
    # the start of an edit's build.
    from markdown_it import MarkdownIt

    from .autolinks import ArchiveLinkify

    md = MarkdownIt("commonmark", {"html": False, "linkify": addresses, "typographer": False})
    md.enable("table")  # GitHub's pipe tables: results, figures, as editors' previews show them
    if addresses:
        md.enable("linkify")
        md.linkify = ArchiveLinkify(bare_domains)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    # An address reads as the editor pasted it: decoding its %D8%A8… into letters would put
    # words into the block's text, which search and the entity matcher read.
    md.normalizeLinkText = _as_written  # type: ignore[method-assign, assignment]
    return md


def _as_written(text: str) -> str:
    return text


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
    marker = _Marker(find_mentions, entity_href) if find_mentions is not None else None
    paragraphs = _plain_paragraphs(body)
    if paragraphs is not None:
        return tuple(
            _plain_block(i, line, text, marker) for i, (line, text) in enumerate(paragraphs)
        )
    return _render_parsed(body, marker, bare_domains, links)


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


def _plain_paragraphs(body: str) -> list[tuple[int, str]] | None:
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


def _plain_block(index: int, line: int, text: str, marker: _Marker | None) -> Block:
    """What markdown-it makes of a plain paragraph: <p>, the escaped text, </p>."""
    hits = marker.find(text) if marker is not None else ()
    inner = marker.marked(text, hits) if marker is not None and hits else escape_html(text)
    return Block(index, line, text, f"<p>{inner}</p>\n", tuple(hits))


def _render_parsed(
    body: str,
    marker: _Marker | None,
    bare_domains: bool = True,
    links: LinkContext | None = None,
) -> tuple[Block, ...]:
    md = _parser(may_hold_address(body), bare_domains)
    tokens = md.parse(body)
    blocks: list[Block] = []
    group: list[Token] = []
    for token in tokens:
        group.append(token)
        if token.level == 0 and token.nesting <= 0:
            blocks.append(_render_block(md, group, len(blocks), marker, links))
            group = []
    return tuple(blocks)


def _render_block(
    md: MarkdownIt,
    group: list[Token],
    index: int,
    marker: _Marker | None,
    links: LinkContext | None,
) -> Block:
    text_parts: list[str] = []
    mentions: list[Mention] = []
    notes: list[LinkNote] = []
    for token in group:
        if token.type != "inline" or token.children is None:
            continue
        if text_parts:
            text_parts.append("\n")
        offset = sum(len(p) for p in text_parts)
        children, found, plain = _mark_inline(token.children, offset, marker)
        if links is not None:
            first = token.map[0] if token.map else 0
            notes += _resolve_links(children, links, first)
            notes += spaced_addresses(token.content, links, first)
        token.children = children
        text_parts.append(plain)
        mentions.extend(found)
    line = group[0].map[0] if group[0].map else 0
    if group[0].type == "table_open":
        _align_by_class(group)
    html = md.renderer.render(group, md.options, {})
    if group[0].type == "table_open":
        # A table wider than a phone scrolls in its own box, not the whole page; a box that
        # scrolls can be reached with the keyboard to scroll it.
        html = f'<div class="table-scroll" tabindex="0">\n{html}</div>\n'
    return Block(index, line, "".join(text_parts), html, tuple(mentions), tuple(notes))


def _resolve_links(children: list[Token], links: LinkContext, line: int) -> list[LinkNote]:
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
            if child.type == "image":
                words = "".join(c.content for c in child.children or ())
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


def _put_in_links(children: list[Token], wrapped: list[tuple[int, str]]) -> None:
    """Put each of these images (where it is among the children, the address) in a link."""
    from markdown_it.token import Token

    for at, href in reversed(wrapped):  # from the end: the earlier places stay where they are
        opening = Token("link_open", "a", 1, attrs={"href": href})
        children[at : at + 1] = [opening, children[at], Token("link_close", "a", -1)]


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


def _mark_inline(
    children: list[Token], offset: int, marker: _Marker | None
) -> tuple[list[Token], list[Mention], str]:
    """Mark mentions in text tokens (never inside existing links); collect plain text."""
    out: list[Token] = []
    found: list[Mention] = []
    plain: list[str] = []
    position = offset  # of the current child in the block's plain text
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
            _mark_external(child)
        elif child.type == "link_close":
            link_depth -= 1
        start = position
        if child.type in ("softbreak", "hardbreak"):
            plain.append(" ")
            position += 1
        elif child.type in ("text", "code_inline"):
            plain.append(child.content)
            position += len(child.content)
        if child.type != "text" or link_depth or marker is None:
            out.append(child)
            continue
        hits = marker.find(child.content)
        out.append(_html_token(marker.marked(child.content, hits)) if hits else child)
        found.extend(Mention(m.entity_id, start + m.start, start + m.end, m.surface) for m in hits)
    return out, found, "".join(plain)


class _Marker:
    """Finds mentions in a text and renders it with them as links.

    A published body links each entity at its first mention only, as encyclopaedias and
    newspapers do: the later ones read as plain text (the article's list of entities links
    them all). Linking every mention made paragraphs a wall of links and was 2.4 KB of an
    average article page (57 links where 4 entities are named). A body rendered only to be
    read for its mentions (no hrefs) marks every one.

    The marked HTML is exactly what markdown-it renders for text and link tokens (escape_html;
    attributes href then class, or class then data-entity where there is no href). In a parsed
    body it goes in as one raw-HTML token, far cheaper than three tokens per mention; raw HTML
    stays off for the author's Markdown: only this code makes such tokens.
    """

    def __init__(self, find: FindMentions, entity_href: EntityHref | None) -> None:
        self.find = find
        self.entity_href = entity_href
        self.tags: dict[str, str] = {}  # entity id -> opening tag (an article repeats a few)
        self.linked: set[str] = set()  # entities linked already, in this body's earlier text

    def opening(self, entity_id: str) -> str:
        """The <a …> that opens a mention of the entity."""
        tag = self.tags.get(entity_id)
        if tag is None:
            # A published link names its entity by its href alone, and the stylesheet tells
            # a mention by it (an entity page's address: no class, 0.9 KB of an average page
            # at 20,000 articles); a body rendered only to be read for its mentions (no
            # hrefs) carries the id as an attribute.
            if self.entity_href is None:
                tag = f'<a class="mention" data-entity="{escape_html(entity_id)}">'
            else:
                tag = f'<a href="{escape_html(self.entity_href(entity_id))}">'
            self.tags[entity_id] = tag
        return tag

    def marked(self, text: str, hits: Sequence[Mention]) -> str:
        """The text escaped, each mention to be linked wrapped in its link."""
        parts: list[str] = []
        cursor = 0
        once = self.entity_href is not None
        for hit in hits:
            if once and hit.entity_id in self.linked:
                continue  # a later mention: left in the plain text around it
            start = _word_start(text, hit.start, cursor)
            if start > cursor:
                parts.append(escape_html(text[cursor:start]))
            parts += [self.opening(hit.entity_id), escape_html(text[start : hit.end]), "</a>"]
            self.linked.add(hit.entity_id)
            cursor = hit.end
        if cursor < len(text):
            parts.append(escape_html(text[cursor:]))
        return "".join(parts)


def _word_start(text: str, start: int, cursor: int) -> int:
    """Where the written word of a mention starting at `start` begins, not before `cursor`.

    A mention's span leaves out the proclitics the matcher strips (و ف ب ل ك ال, لل: in
    «والبيشمركة» it is «البيشمركة»); its link covers them too, so a screen reader reads the
    word whole, never a lone «و» and then the link. The characters before the span in its
    word are those letters, the marks on them and joiners between them (arabic.split_words).
    """
    word = start
    while word > cursor and _IN_WORD.match(text, word - 1):
        word -= 1
    while word < start and _INVISIBLE.match(text, word):
        word += 1  # a bidi mark before the word is not part of it
    return word


_INVISIBLE = re.compile(f"[{INVISIBLES}]")
_IN_WORD = re.compile(f"[^\\W_]|[{MARK_CLASS}]|{_INVISIBLE.pattern}")


# Another site's address: with its scheme, or without (`//host/…`, scheme-relative: the
# page's own scheme), which leads to another host all the same (links.leads_elsewhere).
_EXTERNAL = re.compile(r"(?:https?:)?//", re.IGNORECASE)


def _mark_external(link: Token) -> None:
    """A link to another site (written, scheme-relative or a bare address) carries
    rel="external noopener", as the templates' links to sources and Wikidata do."""
    if _EXTERNAL.match(str(link.attrGet("href") or "")):
        link.attrSet("rel", "external noopener")


def _html_token(html: str) -> Token:
    from markdown_it.token import Token  # imported with the parser, which made the tokens

    token = Token("html_inline", "", 0)
    token.content = html
    return token
