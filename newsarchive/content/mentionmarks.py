"""An inline's Markdown tokens -> the same with entity mentions as links, and its plain text
with the mentions' offsets in it (pure; markdown-it-py's tokens, made by markdown.py).

A mention's link holds its whole written word, proclitics included («والبيشمركة»), so a
screen reader reads the word whole, never a lone «و» and then the link. An editor who
emphasises a name often leaves its proclitic outside the emphasis (`و**البيشمركة**`): the
matcher reads the emphasised text alone, and the «و» was left out of the link. There the link
opens before the proclitic and closes after the emphasis
(`<a …>و<strong>البيشمركة</strong></a>`); when the emphasis goes on after the name, it is
closed at the link's end and opened again after it, which a reader does not see.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..core.arabic import ARTICLE, INVISIBLES, MARK_CLASS, PROCLITICS
from ..entities.matcher import Mention

if TYPE_CHECKING:  # the tokens are made by bodyparser.py's parser, imported only where needed
    from markdown_it.token import Token

FindMentions = Callable[[str], Sequence[Mention]]
EntityHref = Callable[[str], str]


def escape_html(raw: str) -> str:
    """Text escaped as markdown-it's escapeHtml escapes it (& < > ", not ')."""
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;")


class MentionMarker:
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

    def links(self, entity_id: str) -> bool:
        """Whether a mention of the entity met now is linked (its first, where published)."""
        return self.entity_href is None or entity_id not in self.linked

    def marked(self, text: str, hits: Sequence[Mention], opened: str | None = None) -> str:
        """The text escaped, each mention to be linked wrapped in its link. With `opened`,
        the first mention's link was opened before the text (mark_inline's proclitic): the
        text up to its end, then `opened` (what closes the link), then the rest."""
        parts: list[str] = []
        cursor = 0
        if opened is not None:
            first = hits[0]
            parts += [escape_html(text[: first.end]), opened]
            self.linked.add(first.entity_id)
            cursor, hits = first.end, hits[1:]
        for hit in hits:
            if not self.links(hit.entity_id):
                continue  # a later mention: left in the plain text around it
            start = word_start(text, hit.start, cursor)
            if start > cursor:
                parts.append(escape_html(text[cursor:start]))
            parts += [self.opening(hit.entity_id), escape_html(text[start : hit.end]), "</a>"]
            self.linked.add(hit.entity_id)
            cursor = hit.end
        if cursor < len(text):
            parts.append(escape_html(text[cursor:]))
        return "".join(parts)


def word_start(text: str, start: int, cursor: int) -> int:
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
# The proclitics written onto a word whose emphasis opens after them (`و**البيشمركة**`,
# `لل**بنتاغون**`, `وب*قسد*`): up to three of و ف ب ك ل, with their marks, or an article
# (ال) after them, ending the text before the emphasis and opening its word there.
_LEAD_PROCLITIC = re.compile(
    f"(?<![^\\W\\d_]|[{MARK_CLASS}])"
    f"(?:(?:[{PROCLITICS}][{MARK_CLASS}]*){{1,3}}(?:{ARTICLE})?|{ARTICLE})$"
)
_EMPHASIS_OPEN, _EMPHASIS_CLOSE = ("em_open", "strong_open"), ("em_close", "strong_close")

# Another site's address: with its scheme, or without (`//host/…`, scheme-relative: the
# page's own scheme), which leads to another host all the same (links.leads_elsewhere).
_EXTERNAL = re.compile(r"(?:https?:)?//", re.IGNORECASE)


def mark_inline(
    children: list[Token],
    offset: int,
    marker: MentionMarker | None,
    references: list[tuple[int, str]] | None = None,
) -> tuple[list[Token], list[Mention], str]:
    """Mark mentions in text tokens (never inside existing links); collect plain text, and
    into `references` the (place in the block's plain text, label) of each footnote
    reference (`[^1]`, notes.py), which the plain text leaves out."""
    out: list[Token] = []
    found: list[Mention] = []
    plain: list[str] = []
    position = offset  # of the current child in the block's plain text
    link_depth = 0
    closing = 0  # emphasis closes to pass before a proclitic's link closes
    for at, child in enumerate(children):
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
        elif child.type == "footnote_ref" and references is not None:
            references.append((position, child.meta["label"]))
        if closing and child.type in _EMPHASIS_CLOSE:
            closing -= 1
            out += [child, html_token("</a>")] if not closing else [child]
            continue
        if child.type != "text" or link_depth or marker is None:
            out.append(child)
            continue
        hits = marker.find(child.content)
        if not hits:
            out.append(child)
            continue
        opens = _lead_proclitic(out, child.content, hits[0], marker)
        opened = None
        if opens:
            after = children[at + 1 : at + 1 + opens]
            if hits[0].end == len(child.content) and all(c.type in _EMPHASIS_CLOSE for c in after):
                opened, closing = "", opens  # the link closes after the emphasis
            else:  # the emphasis goes on after the name: closed for the link, opened again
                tags = [t.tag for t in out[len(out) - opens :]]
                opened = "".join(f"</{t}>" for t in reversed(tags)) + "</a>"
                opened += "".join(f"<{t}>" for t in tags)
        out.append(html_token(marker.marked(child.content, hits, opened)))
        found.extend(Mention(m.entity_id, start + m.start, start + m.end, m.surface) for m in hits)
    return out, found, "".join(plain)


def _lead_proclitic(out: list[Token], text: str, first: Mention, marker: MentionMarker) -> int:
    """When the first mention of a text opens it, is to be linked, and the text opens an
    emphasis whose proclitics stand before it (`و**البيشمركة**`): the link opened before
    them, moved out of the text before, and how many emphases open between; else 0."""
    if word_start(text, first.start, 0) != 0 or not marker.links(first.entity_id):
        return 0
    opens = 0
    while opens < len(out) and out[len(out) - 1 - opens].type in _EMPHASIS_OPEN:
        opens += 1
    if not opens or opens == len(out):
        return 0
    before = out[len(out) - 1 - opens]
    if before.type not in ("text", "html_inline"):
        return 0
    letters = _LEAD_PROCLITIC.search(before.content)
    if letters is None:
        return 0
    before.content = before.content[: letters.start()]
    link = html_token(marker.opening(first.entity_id) + escape_html(letters.group()))
    out.insert(len(out) - opens, link)
    return opens


def _mark_external(link: Token) -> None:
    """A link to another site (written, scheme-relative or a bare address) carries
    rel="external noreferrer", as the templates' links to sources and Wikidata do."""
    if _EXTERNAL.match(str(link.attrGet("href") or "")):
        link.attrSet("rel", "external noreferrer")


def html_token(html: str) -> Token:
    """A raw-HTML token of this code's own markup (the author's raw HTML stays off)."""
    from markdown_it.token import Token  # imported with the parser, which made the tokens

    token = Token("html_inline", "", 0)
    token.content = html
    return token
