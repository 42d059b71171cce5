"""Raw seed text -> article Markdown (pure); batch.write_import creates it in content/."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass

from ..core.model import PartialDate
from ..core.slugs import slug_problem, slugify
from .articles import URL_RE
from .autolinks import address_spans
from .byline import byline_where, find_byline
from .dateline import Dateline, Knowledge, split_dateline
from .dates import after_tomorrow, parse_date
from .duplicates import text_fingerprint
from .extras import find_extras
from .frontmatter import CONTROL_CHARACTER, EMBEDDING, with_lf
from .pastedhtml import Pasted, Span, holds_html, read_html, with_spans
from .pastedtables import Table, table_blocks

SENTENCE_END = re.compile(r"(?<!\d)[.!?؟](?:\s|$)")
MARKDOWN_ESCAPES = re.compile(r"([\\`*_\[\]<>#|~&])")  # & starts an entity: &amp; &copy;
# What opens a block at a line's start: a list item, a rule or heading line of - + = (`---`
# alone is a thematic break), or a numbered item ("1. ", "1)" alone).
LEADING_BLOCK_MARKER = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)])(?=\s|$))")
EDGE_SPACE_BUT_TABS = re.compile(r"^[^\S\t]+|[^\S\t]+$")
CELL_PIPE = re.compile(r"(?<!\\)\|")  # in an address escape_markdown leaves whole
TITLE_MAX_WORDS = 14
# Word's manual line break (U+000B), a page break, Unicode's line and paragraph separators:
# a paragraph ends there, as at the end of a line. Other control characters are dropped
# (a page cannot hold them: the build refuses them, frontmatter.control_character).
_LINE_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")


@dataclass(frozen=True)
class ImportedArticle:
    """A content file made from a raw article: where it goes and what it says."""

    rel_path: str  # ar/YYYY/MM/<slug>.md
    markdown: str
    title: str
    title_provisional: bool
    source_name: str | None
    place: str | None
    paragraphs: tuple[str, ...]
    fingerprint: str  # of the text without its dateline, to find it again (duplicates)
    # Lines that look like no part of the article (`extras`), at their lines in the raw file;
    # left out of the paragraphs when the import was asked to drop them.
    extras: tuple[Extra, ...] = ()
    authors: tuple[str, ...] = ()  # the byline's names, taken to the front matter
    tables: int = 0  # how many of the paragraphs are tables made of rows in the copy


@dataclass(frozen=True)
class Extra:
    """A raw line that looks like no part of the article, or something of the copy an editor
    should look at (an embed or a link of pasted HTML, a dateline's date that is not the
    article's), and what the import did with it."""

    line: int  # in the raw file, from 1
    text: str  # the line; an embed's or link's address; the whole message of a date
    kind: str  # a key of extras.WHAT, EMBEDS or NOTICES, or "dateline-date"
    outcome: str  # "kept", "left out", or "made the title" (a headline left out)


def lead_title(paragraph: str) -> str:
    """A provisional title: the lead sentence, cut at TITLE_MAX_WORDS words."""
    end = SENTENCE_END.search(paragraph)
    sentence = paragraph[: end.start()] if end else paragraph
    words = sentence.split()
    if len(words) > TITLE_MAX_WORDS:
        return " ".join(words[:TITLE_MAX_WORDS]) + " …"
    return " ".join(words)


def escape_markdown(paragraph: str) -> str:
    """Backslash-escape what Markdown would interpret, so the paragraph renders verbatim. A
    web or mail address is left whole: it is linked, as in a written article, and shows as
    received (an escaped `_` in it showed its backslash). Nor is the mark just after one
    escaped: the address would take in the backslash (`[http://x.org/a]` linked `a%5C`), and
    its other half, before the address, is escaped."""
    return _guarded(_escape_inline(paragraph))


def _escape_inline(text: str) -> str:
    """escape_markdown of a piece of a paragraph, without the guard of its start."""
    pieces, at = [], 0
    for start, end in address_spans(text):
        pieces += [_escaped(text[at:start], after_address=at > 0), text[start:end]]
        at = end
    return "".join([*pieces, _escaped(text[at:], after_address=at > 0)])


def _escaped(text: str, after_address: bool) -> str:
    kept = text[:1] if after_address else ""
    return kept + MARKDOWN_ESCAPES.sub(r"\\\1", text[len(kept) :])


def _guarded(paragraph: str) -> str:
    """The paragraph with what would open a block at its start escaped (`- `, `1.`)."""

    def guard(match: re.Match[str]) -> str:
        indent, sign, number, dot = match.groups()
        if sign:
            return f"{indent}\\{sign}"
        return f"{indent}{number}\\{dot}"  # a digit cannot be escaped: its dot is

    return LEADING_BLOCK_MARKER.sub(guard, paragraph)


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML and never re-typed)."""
    return json.dumps(value, ensure_ascii=False)


def import_article(
    raw: str,
    date: str,
    title: str | None = None,
    slug: str | None = None,
    source_url: str | None = None,
    original_url: str | None = None,
    known: Knowledge | None = None,
    drop_extras: bool = False,
    today: datetime.date | None = None,
) -> ImportedArticle:
    """Turn raw text (one paragraph per line, or a CMS's HTML: content/pastedhtml.py) into an
    article; ValueError names what is wrong.
    The dateline (`known` tells outlets from places) and the byline (content/byline.py) go
    to the front matter. Lines that look like no part of the article are kept and listed in
    `extras`, or with `drop_extras` left out (a headline above the dateline then becomes the
    title, unless one is given). A date after the day after `today` is refused, as the build
    refuses it."""
    when: PartialDate = parse_date(date, timed=True)
    future = None if today is None else after_tomorrow(when, today)
    if future is not None:
        raise ValueError(future)
    for option, url in (("source URL", source_url), ("original URL", original_url)):
        if url is not None and not URL_RE.fullmatch(url):
            raise ValueError(f"{option} '{url}' is not an http(s) URL")
    # Without the bidi embeddings and overrides Word pastes around Arabic: the build refuses
    # them, since the page sets Arabic and Latin apart itself.
    text = EMBEDDING.sub("", unicodedata.normalize("NFC", with_lf(raw)))
    pasted, notices = read_html(text) if holds_html(text) else (_plain_paragraphs(text), ())
    pasted = tuple(part for part in pasted if part.text.strip())
    texts = [part.text.strip() for part in pasted]
    if not texts:
        raise ValueError("the file has no text")
    byline = find_byline(texts)
    authors = () if byline is None else byline[1]
    taken = set() if byline is None else {byline[0]}  # to the front matter, as the dateline
    extras, title, left_out = _extras(pasted, texts, taken, known, drop_extras, title)
    kept = [index for index in range(len(texts)) if index not in taken | left_out]
    above = {index for _, index in extras}  # the dateline opens the first line of the text
    dateline, at, rest = _dateline(kept, texts, above, known)
    kept = [index for index in kept if index != at or rest is not None]
    source, place = _filed_from(dateline, byline, texts, known)
    notes = [extra for extra, _ in extras] + [
        Extra(notice.line, notice.text, notice.kind, "kept") for notice in notices
    ]
    if dateline.date is not None and at is not None:
        differs = _date_differs(dateline.date, when)
        notes += [Extra(pasted[at].line, differs, "dateline-date", "kept")] if differs else []
    # The tabs at a line's ends are a spreadsheet row's empty first or last cells.
    rows = [EDGE_SPACE_BUT_TABS.sub("", pasted[index].text) for index in kept]
    spans = [pasted[index].spans for index in kept]
    if rest is not None and at is not None:
        row = kept.index(at)
        cut = len(texts[at]) - len(rest) + len(pasted[at].text) - len(pasted[at].text.lstrip())
        rows[row], spans[row] = rest, _shifted(spans[row], cut)
    blocks = table_blocks(rows)
    starts = _block_rows(blocks)
    paragraphs = [block.source if isinstance(block, Table) else block for block in blocks]
    provisional = title is None
    skip = {index for extra, index in extras if extra.kind != "headline"}  # no title
    lead = [block for block, row in zip(blocks, starts, strict=True) if kept[row] not in skip]
    final_title = " ".join(title.split()) if title else lead_title(_lead(lead or blocks))
    final_slug = slug if slug is not None else slugify(" ".join(final_title.split()[:6]))
    problem = slug_problem(final_slug)  # the hint: what the editor meant (`Mosul Bridge`)
    if problem is not None:
        raise ValueError(problem)
    folder = f"{when.year:04d}/{when.month:02d}" if when.month else f"{when.year:04d}"
    lines = ["---", f"title: {yaml_string(final_title)}"]
    if provisional:
        lines.append("title_provisional: true  # derived from the lead sentence; edit and remove")
    lines.append(f"date: {yaml_string(when.local_iso())}")
    if source:
        lines += ["source:", f"  name: {yaml_string(source)}"]
        lines += [f"  url: {yaml_string(source_url)}"] if source_url else []
        lines += [f"  original_url: {yaml_string(original_url)}"] if original_url else []
    if place:
        lines.append(f"dateline: {yaml_string(place)}")
    if authors:
        names = [yaml_string(name) for name in authors]
        lines.append(f"author: {names[0] if len(names) == 1 else '[' + ', '.join(names) + ']'}")
    lines += ["---", ""]
    body = "\n\n".join(
        table_markdown(block)
        if isinstance(block, Table)
        else _guarded(with_spans(block, spans[row], _escape_inline))
        for block, row in zip(blocks, starts, strict=True)
    )
    return ImportedArticle(
        f"ar/{folder}/{final_slug}.md",
        "\n".join(lines) + body + "\n",
        final_title,
        provisional,
        source,
        place,
        tuple(paragraphs),
        text_fingerprint(paragraphs, known),
        tuple(sorted(notes, key=lambda extra: extra.line)),
        authors,
        sum(isinstance(block, Table) for block in blocks),
    )


def _dateline(
    kept: list[int], lines: list[str], above: set[int], known: Knowledge | None
) -> tuple[Dateline, int | None, str | None]:
    """The dateline opening the text, on the first kept line that is not `above` it (a
    headline, a date line, a label or any line that looks like no part of the article, kept
    or not); where it is and what is left of its line (None: the line was the dateline
    alone, or there is none)."""
    at = next((index for index in kept if index not in above), None)
    if at is None:
        return Dateline(None, None, ""), None, None
    dateline = split_dateline(lines[at], known)
    after = kept[kept.index(at) + 1 :]
    if dateline.rest == lines[at] and after:
        # A dateline on a line of its own ("بغداد/ شفق نيوز/", then the text): taken only
        # if it is the whole line.
        joined = split_dateline(f"{lines[at]} {lines[after[0]]}", known)
        if joined.rest == lines[after[0]]:
            return joined, at, None
    if dateline.outlet or dateline.place:
        return dateline, at, dateline.rest
    return dateline, None, None


def _filed_from(
    dateline: Dateline,
    byline: tuple[int, tuple[str, ...]] | None,
    lines: list[str],
    known: Knowledge | None,
) -> tuple[str | None, str | None]:
    """The outlet and the place: the dateline's, else where the byline says the writer filed
    from (`بقلم: زينب علي - بغداد`)."""
    source, place = dateline.outlet, dateline.place
    where = None if byline is None else byline_where(lines[byline[0]])
    if where is not None and (known or Knowledge({})).kind(where) == "outlet":
        found = known.lookup(where) if known is not None else None
        source = source or (found.ar if found is not None else where)
    elif where is not None:
        place = place or where
    return source, place


def _date_differs(written: str, when: PartialDate) -> str | None:
    """Why a dateline's date (`12/3/2011`, read day first as Iraqi copy writes it) is not
    the article's date at its precision, or None when it is."""
    day, month, year = (int(part) for part in re.split(r"[/.\-]", written))
    year += 2000 if year < 100 else 0
    try:
        read = datetime.date(year, month, day)
    except ValueError:
        return f"the dateline's date '{written}' is no date read day first; check it"
    known = [when.year, when.month, when.day]
    precision = 1 + (when.month is not None) + (when.day is not None)
    if [read.year, read.month, read.day][:precision] == known[:precision]:
        return None
    return (
        f"the dateline's date '{written}' (read day first: {read.isoformat()}) is not the "
        f"article's date {when.iso()} (the manifest's or --date): check which is right"
    )


def _shifted(spans: tuple[Span, ...], cut: int) -> tuple[Span, ...]:
    """Spans of a line whose first `cut` characters were taken off (its dateline)."""
    return tuple(Span(span.start - cut, span.end - cut, span.href) for span in spans)


def _block_rows(blocks: list[str | Table]) -> list[int]:
    """The row each block starts at: a paragraph is one row, a table as many as it holds."""
    starts, row = [], 0
    for block in blocks:
        starts.append(row)
        row += block.source.count("\n") + 1 if isinstance(block, Table) else 1
    return starts


def _lead(blocks: list[str | Table]) -> str:
    """The text a provisional title is taken from: the first paragraph that is no table
    (the cells of the first row of a copy that is all tables)."""
    tables = [block for block in blocks if isinstance(block, Table)]
    first = next((block for block in blocks if isinstance(block, str)), None)
    return first if first is not None else " ".join(tables[0].rows[0])


def table_markdown(table: Table) -> str:
    """A GitHub pipe table of the cells, each escaped as a paragraph is; a pipe in a cell
    (even in an address) as `\\|`, since a bare one would split the cell."""

    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cells) + " |"

    escaped = [
        tuple(CELL_PIPE.sub(r"\\|", escape_markdown(cell)) for cell in cells)
        for cells in table.rows
    ]
    return "\n".join([row(escaped[0]), row(table.alignments), *map(row, escaped[1:])])


def _plain_paragraphs(text: str) -> tuple[Pasted, ...]:
    """Plain copy's paragraphs: one a line, parted too where Word or Unicode breaks the line
    inside it, without control characters."""
    return tuple(
        Pasted(number, CONTROL_CHARACTER.sub("", part))
        for number, line in enumerate(text.split("\n"), 1)
        for part in _LINE_BREAKS.split(line)
    )


def _extras(
    pasted: tuple[Pasted, ...],
    lines: list[str],
    taken: set[int],
    known: Knowledge | None,
    drop: bool,
    title: str | None,
) -> tuple[list[tuple[Extra, int]], str | None, set[int]]:
    """The lines that look like no part of the article (an embed of pasted HTML is one) with
    their indexes, the title (a headline left out is the title when none was given), and the
    indexes of the lines left out."""
    rest = [index for index in range(len(lines)) if index not in taken]
    kinds = {
        rest[found.index]: found.kind for found in find_extras([lines[i] for i in rest], known)
    }
    kinds |= {index: embed for index in rest if (embed := pasted[index].embed) is not None}
    extras, left_out = [], set()
    for index, kind in sorted(kinds.items()):
        outcome = "left out" if drop else "kept"
        if drop and kind == "headline" and title is None:
            title, outcome = lines[index], "made the title"
        extras.append((Extra(pasted[index].line, lines[index], kind, outcome), index))
        left_out |= {index} if drop else set()
    return extras, title, left_out
