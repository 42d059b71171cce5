"""HTML pasted from an old CMS -> the paragraphs of plain copy, with the bold and the links
the archive's Markdown keeps (pure).

A CMS export holds its articles as HTML: `<p>بغداد/ شفق نيوز/ …</p>`, `&nbsp;`, `<span
style=…>`. Read as plain copy, every tag would be shown as text and the dateline, byline and
title rules would see `<p>` before the dateline. So a copy that holds a tag of HTML's (or an
entity such as `&nbsp;`) is read with the standard library's parser into the paragraphs
plain copy would have, and the rules run on those:

- `<p>`, `<div>`, headings, list items, quotes and table rows end a paragraph; so does
  `<br>`, as Word's manual line break and a line's end do in plain copy (one paragraph a
  line), and a line's end inside the HTML. A table row's cells are parted by tabs, which
  the import reads as a pasted spreadsheet's row.
- `<b>`/`<strong>` are kept as Markdown's bold (the site's Arabic face has a bold weight);
  `<i>`/`<em>` are unwrapped: Arabic is not written slanted and the face has no italic, so
  a browser would lean the letters. `<span>`, `<font>`, `<u>` and other inline tags are
  unwrapped; `<script>`, `<style>` and comments are dropped.
- `<a href>` to an http(s) or mail address is kept as a link; any other (a CMS's own
  `/news/12`, `javascript:`) keeps its words without the link, with a notice.
- Entities are decoded (`&quot;` is `"`), a no-break space (`&nbsp;`) is a space, and runs
  of spaces are one.
- An embedded image, video (a YouTube frame is its watch page), frame or embed becomes a
  paragraph of its own holding the address of its source, with a notice: a link an editor
  can follow to save the photo under content/media/ or to keep the video's link. A tweet
  (`blockquote.twitter-tweet`) keeps its words and its link to the tweet, with a notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.entities import html5
from html.parser import HTMLParser

from .frontmatter import CONTROL_CHARACTER

# The tags a CMS writes; a copy holding one of them (or an entity) is read as HTML.
_BLOCK_NAMES = (
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote section article header footer aside nav "
    "figure figcaption center pre dl dt dd table thead tbody tfoot caption hr address "
    "main details summary"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
_INLINE = "span font b strong i em u a img iframe br tr td th sup sub small big s strike del "
_INLINE += "ins mark code script style video audio source embed object noscript abbr cite q"
_TAGS = sorted(_BLOCKS | frozenset(_INLINE.split()), key=len, reverse=True)
HTML_TAG = re.compile(rf"</?(?:{'|'.join(_TAGS)})(?=[\s/>])[^<>]*>", re.IGNORECASE)
HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SKIPPED = frozenset(["script", "style", "noscript", "template", "iframe", "video", "audio"])
_BOLD = frozenset(["b", "strong"])
_BREAKS = re.compile("[\n\x0b\x0c\u2028\u2029]")  # a line's end, Word's, Unicode's
_SPACES = re.compile(r"\s+")  # a no-break space is one too
_YOUTUBE = re.compile(
    r"(?:https?:)?//(?:www\.)?(?:youtube(?:-nocookie)?\.com/embed/|youtu\.be/)([\w-]{6,})"
)
_TWEET = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/\d+")
_KEPT_LINK = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)


# In an article file: a tag, or an entity escaped (`\&nbsp;`, as an import escaped it, or
# `&amp;nbsp;`), that readers see as text (the site's Markdown shows no raw HTML); a tag in
# `code` is shown on purpose.
_TAG_AS_TEXT = re.compile(rf"\\?</?(?:{'|'.join(_TAGS)})(?=[\s/>\\])[^<>\n]*>", re.IGNORECASE)
_ENTITY_AS_TEXT = re.compile(r"(?:\\&|&amp;)([a-zA-Z][a-zA-Z0-9]{1,31};|#[0-9]{1,7};)")
_CODE = re.compile(r"(`+).+?\1")


def html_shown_as_text(line: str) -> str | None:
    """The first tag or entity of a line of Markdown that readers see as text (`<p>`,
    `<span style=…>`, `\\&nbsp;`) as it stands, or None."""
    plain = _CODE.sub("", line)
    tag = _TAG_AS_TEXT.search(plain)
    entity = _ENTITY_AS_TEXT.search(plain)
    if entity is not None and not (entity[1][0] == "#" or entity[1] in html5):
        entity = None
    found = [match for match in (tag, entity) if match is not None]
    if not found:
        return None
    first = min(found, key=lambda match: match.start())
    shown = first[0].replace("\\", "").replace("&amp;", "&")
    return shown if len(shown) <= 40 else shown[:39] + "…"


def holds_html(text: str) -> bool:
    """Whether plain copy holds HTML: a tag of a CMS's, or an entity HTML knows (`&nbsp;`;
    `AT&T;` names none)."""
    if HTML_TAG.search(text):
        return True
    return any(match[0][1:] in html5 for match in HTML_ENTITY.finditer(text))


@dataclass(frozen=True)
class Span:
    """Bold or a link over [start, end) of a paragraph's text."""

    start: int
    end: int
    href: str | None = None  # None: bold


@dataclass(frozen=True)
class Pasted:
    """A paragraph of the copy: the raw line it starts on, its text, its bold and links."""

    line: int
    text: str
    spans: tuple[Span, ...] = ()
    embed: str | None = None  # a paragraph made of an embed's address: "image", "video", …


@dataclass(frozen=True)
class Notice:
    """Something of the HTML an editor should look at that is no paragraph of its own: a
    tweet, a link or an embed not kept."""

    line: int
    kind: str  # tweet | link | no-address
    text: str  # the address it had


def read_html(text: str) -> tuple[tuple[Pasted, ...], tuple[Notice, ...]]:
    """The paragraphs of a copy written in HTML, and what of it was not kept as written."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.end_paragraph()
    return tuple(reader.paragraphs), tuple(reader.notices)


@dataclass
class _Open:
    start: int
    href: str | None


@dataclass
class _Paragraph:
    line: int = 0
    text: str = ""
    spans: list[Span] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collects paragraphs as the parser meets text and tags; a line's end ends one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Pasted] = []
        self.notices: list[Notice] = []
        self.current = _Paragraph()
        self.open: dict[str, _Open] = {}  # "bold", "link": where it opened in the paragraph
        self.skipping: list[str] = []  # inside <script> or <iframe>: no text
        self.cells = 0  # of the table row being read
        self.tweet: list[str] | None = None  # the links of the tweet being read

    # -- the parser's events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        if tag in _SKIPPED:
            self.skipping.append(tag)
        if tag in ("img", "iframe", "video", "audio", "embed", "source", "object"):
            self._embed(tag, given.get("src") or given.get("data", ""))
        elif tag in _BLOCKS or tag in ("br", "tr"):
            self.end_paragraph()
            self.cells = 0
            if tag == "blockquote" and "twitter-tweet" in given.get("class", "").split():
                self.tweet = []
        elif tag in ("td", "th"):
            if self.cells:
                self._append("\t", raw=True)
            self.cells += 1
        elif tag in _BOLD:
            self.open.setdefault("bold", _Open(len(self.current.text), None))
        elif tag == "a":
            self._link(given.get("href", "").strip())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            if tag in self.skipping:
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
            return
        if tag in _BLOCKS or tag == "tr":
            self.end_paragraph()
            if tag == "blockquote" and self.tweet is not None:
                found = [href for href in self.tweet if _TWEET.match(href)]
                address = found[-1] if found else ""
                self.notices.append(Notice(self.getpos()[0], "tweet", address))
                self.tweet = None
        elif tag in _BOLD:
            self._close("bold")
        elif tag == "a":
            self._close("link")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        line = self.getpos()[0]
        breaks = _BREAKS.findall(data)
        for at, piece in enumerate(_BREAKS.split(data)):
            if at:
                self.end_paragraph()
                line += breaks[at - 1] == "\n"
            if piece.strip() and not self.current.text.strip():
                self.current.line = line
            self._append(CONTROL_CHARACTER.sub("", piece))

    # -- paragraphs
    def _append(self, text: str, raw: bool = False) -> None:
        if not raw:
            text = _SPACES.sub(" ", text)
            if not self.current.text.strip(" ") or self.current.text.endswith((" ", "\t")):
                text = text.lstrip(" ")
        self.current.text += text

    def end_paragraph(self) -> None:
        """The paragraph read so far is done; bold and a link still open go on in the next."""
        current = self.current
        text = current.text.rstrip(" ")
        reopen = {kind: opened.href for kind, opened in self.open.items()}
        for kind in list(self.open):
            self._close(kind, len(text))
        lead = len(text) - len(text.lstrip(" "))
        spans = tuple(
            Span(span.start - lead, span.end - lead, span.href)
            for span in current.spans
            if span.end - lead > 0
        )
        if text.strip():
            self.paragraphs.append(Pasted(current.line or self.getpos()[0], text[lead:], spans))
        self.current = _Paragraph()
        self.open = {kind: _Open(0, href) for kind, href in reopen.items()}

    def _close(self, kind: str, end: int | None = None) -> None:
        opened = self.open.pop(kind, None)
        stop = len(self.current.text) if end is None else end
        if opened is not None and stop > opened.start:
            self.current.spans.append(Span(opened.start, stop, opened.href))

    # -- links and embeds
    def _link(self, href: str) -> None:
        if self.tweet is not None:
            self.tweet.append(href)
        if _KEPT_LINK.fullmatch(href):
            address = href.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
            self.open["link"] = _Open(len(self.current.text), address)
        elif href and not href.startswith(("#", "javascript:")):
            self.notices.append(Notice(self.getpos()[0], "link", href))

    def _embed(self, tag: str, source: str) -> None:
        line = self.getpos()[0]
        youtube = _YOUTUBE.match(source)
        if youtube:
            address, kind = f"https://www.youtube.com/watch?v={youtube[1]}", "video"
        else:
            address = "https:" + source if source.startswith("//") else source
            kind = {"img": "image", "video": "video", "audio": "video", "source": "video"}.get(
                tag, "embed"
            )
        if not _KEPT_LINK.fullmatch(address) or address.startswith("mailto:"):
            if source:
                self.notices.append(Notice(line, "no-address", source))
            return
        self.end_paragraph()  # the embed stands between the words before it and after it
        self.paragraphs.append(Pasted(line, address.replace(" ", "%20"), (), kind))


def with_spans(text: str, spans: tuple[Span, ...], escape: Callable[[str], str]) -> str:
    """A paragraph's Markdown: its words escaped (`escape`), its bold as `**…**`, its links
    as `[words](address)`. A link whose words are its address is left to the archive's own
    linking; bold that Markdown would not read as bold where it stands (`**«x»**` inside a
    word) is left plain rather than shown with its stars."""
    kept = [_trimmed(text, span) for span in spans]
    links = sorted((s for s in kept if s is not None and s.href is not None), key=_start)
    bold = [s for s in kept if s is not None and s.href is None]
    out, at = [], 0
    for link in links:
        if link.start < at:
            continue  # links do not nest
        edges = (")" if at else None, "[")  # what Markdown sees around the text between
        out.append(_bold(text, at, link.start, bold, escape, edges))
        address = link.href or ""
        if text[link.start : link.end] in (address, address.removeprefix("mailto:")):
            out.append(escape(text[link.start : link.end]))
        else:
            words = _bold(text, link.start, link.end, bold, escape, ("[", "]"))
            target = f"<{address}>" if re.search(r"[()\\]", address) else address
            out.append(f"[{words}]({target})")
        at = link.end
    out.append(_bold(text, at, len(text), bold, escape, (")" if at else None, None)))
    return "".join(out)


def _start(span: Span) -> int:
    return span.start


def _trimmed(text: str, span: Span) -> Span | None:
    """The span without the spaces at its ends (`** x **` is no bold); None if empty."""
    start, end = max(span.start, 0), min(span.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.href) if end > start else None


def _bold(
    text: str,
    start: int,
    end: int,
    bold: list[Span],
    escape: Callable[[str], str],
    edges: tuple[str | None, str | None],
) -> str:
    """text[start:end] escaped, with the bold inside it between `**`; `edges` are what
    Markdown sees just before and after it (None: the paragraph's edge)."""
    out, at = [], start
    for span in sorted(bold, key=_start):
        left, right = max(span.start, at), min(span.end, end)
        if right <= left:
            continue
        out.append(escape(text[at:left]))
        before = text[left - 1] if left > start else edges[0]
        after = text[right] if right < end else edges[1]
        piece = escape(text[left:right])
        flanked = _opens(before, text[left]) and _closes(text[right - 1], after)
        out.append(f"**{piece}**" if flanked else piece)
        at = right
    out.append(escape(text[at:end]))
    return "".join(out)


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _opens(before: str | None, first: str) -> bool:
    """Whether `**` before `first` opens bold (CommonMark's left-flanking run)."""
    if first.isspace():
        return False
    return not _punctuation(first) or before is None or before.isspace() or _punctuation(before)


def _closes(last: str, after: str | None) -> bool:
    """Whether `**` after `last` closes bold (CommonMark's right-flanking run)."""
    if last.isspace():
        return False
    return not _punctuation(last) or after is None or after.isspace() or _punctuation(after)
