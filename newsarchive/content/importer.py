"""Raw seed text -> article Markdown (pure); write_import creates it in content/ (I/O)."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..core.arabic import slugify
from ..core.model import PartialDate
from .articles import URL_RE
from .autolinks import address_spans
from .byline import find_byline
from .dateline import Dateline, Knowledge, split_dateline
from .dates import after_tomorrow, parse_date
from .duplicates import text_fingerprint
from .extras import find_extras
from .frontmatter import CONTROL_CHARACTER, EMBEDDING, with_lf
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
    """A raw line that looks like no part of the article, and what the import did with it."""

    line: int  # in the raw file, from 1
    text: str
    kind: str  # a key of extras.WHAT
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
    pieces, at = [], 0
    for start, end in address_spans(paragraph):
        pieces += [_escaped(paragraph[at:start], after_address=at > 0), paragraph[start:end]]
        at = end
    escaped = "".join([*pieces, _escaped(paragraph[at:], after_address=at > 0)])

    def guard(match: re.Match[str]) -> str:
        indent, sign, number, dot = match.groups()
        if sign:
            return f"{indent}\\{sign}"
        return f"{indent}{number}\\{dot}"  # a digit cannot be escaped: its dot is

    return LEADING_BLOCK_MARKER.sub(guard, escaped)


def _escaped(text: str, after_address: bool) -> str:
    kept = text[:1] if after_address else ""
    return kept + MARKDOWN_ESCAPES.sub(r"\\\1", text[len(kept) :])


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
    """Turn raw text (one paragraph per line) into an article; ValueError names what is wrong.
    The dateline (`known` tells outlets from places) and the byline (content/byline.py) go
    to the front matter. Lines that look like no part of the article are kept and listed in
    `extras`, or with `drop_extras` left out (a headline above the dateline then becomes the
    title, unless one is given). A date after the day after `today` is refused, as the build
    refuses it."""
    when: PartialDate = parse_date(date)
    future = None if today is None else after_tomorrow(when, today)
    if future is not None:
        raise ValueError(future)
    for option, url in (("source URL", source_url), ("original URL", original_url)):
        if url is not None and not URL_RE.fullmatch(url):
            raise ValueError(f"{option} '{url}' is not an http(s) URL")
    text = unicodedata.normalize("NFC", with_lf(raw))
    parts = [
        (number, part)
        for number, line in enumerate(text.split("\n"), 1)
        for part in _paragraphs_of(line)
        if part.strip()
    ]
    numbered = [(number, part.strip()) for number, part in parts]
    as_received = {(number, part.strip()): part for number, part in parts}
    if not numbered:
        raise ValueError("the file has no text")
    byline = find_byline([line for _, line in numbered])
    authors = () if byline is None else byline[1]
    if byline is not None:  # to the front matter, as the dateline goes
        del numbered[byline[0]]
    extras, title = _extras(numbered, known, drop_extras, title)
    left_out = {extra.line for extra in extras if extra.outcome != "kept"}
    dateline, kept = _dateline([(n, line) for n, line in numbered if n not in left_out], known)
    source, place = dateline.outlet, dateline.place
    # The tabs at a line's ends are a spreadsheet row's empty first or last cells.
    rows = [EDGE_SPACE_BUT_TABS.sub("", as_received[line]) for line in kept]
    rows[0] = dateline.rest if source or place else rows[0]
    blocks = table_blocks(rows)
    paragraphs = [block.source if isinstance(block, Table) else block for block in blocks]
    provisional = title is None
    final_title = " ".join(title.split()) if title else lead_title(_lead(blocks))
    final_slug = slug if slug is not None else slugify(" ".join(final_title.split()[:6]))
    if not final_slug or slugify(final_slug) != final_slug:
        clean = slugify(final_slug)  # what the editor meant, when there is one: `Mosul Bridge`
        hint = f"try '{clean}'" if clean else "give --slug like us-forces-move"
        raise ValueError(f"slug '{final_slug}' is not usable ({hint})")
    folder = f"{when.year:04d}/{when.month:02d}" if when.month else f"{when.year:04d}"
    lines = ["---", f"title: {yaml_string(final_title)}"]
    if provisional:
        lines.append("title_provisional: true  # derived from the lead sentence; edit and remove")
    lines.append(f"date: {yaml_string(when.iso())}")
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
        table_markdown(block) if isinstance(block, Table) else escape_markdown(block)
        for block in blocks
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
        extras,
        authors,
        sum(isinstance(block, Table) for block in blocks),
    )


def _dateline(
    kept: list[tuple[int, str]], known: Knowledge | None
) -> tuple[Dateline, list[tuple[int, str]]]:
    """The dateline opening the copy, and the numbered lines from the one it opens on."""
    first = kept[0][1]
    dateline = split_dateline(first, known)
    if dateline.rest == first and len(kept) > 1:
        # A dateline on a line of its own ("بغداد/ شفق نيوز/", then the text): taken only
        # if it is the whole first line.
        joined = split_dateline(f"{first} {kept[1][1]}", known)
        if joined.rest == kept[1][1]:
            return joined, kept[1:]
    return dateline, kept


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


def _paragraphs_of(line: str) -> list[str]:
    """A raw line's paragraphs: parted where Word or Unicode breaks the line inside it,
    without control characters, nor the bidi embeddings and overrides Word pastes around
    Arabic (the build refuses them: the page sets Arabic and Latin apart itself)."""
    return [EMBEDDING.sub("", CONTROL_CHARACTER.sub("", part)) for part in _LINE_BREAKS.split(line)]


def _extras(
    numbered: list[tuple[int, str]], known: Knowledge | None, drop: bool, title: str | None
) -> tuple[tuple[Extra, ...], str | None]:
    """The raw lines that look like no part of the article, and the title: a headline left
    out is the title when none was given."""
    extras: list[Extra] = []
    for found in find_extras([line for _, line in numbered], known):
        number, line = numbered[found.index]
        outcome = "left out" if drop else "kept"
        if drop and found.kind == "headline" and title is None:
            title, outcome = line, "made the title"
        extras.append(Extra(number, line, found.kind, outcome))
    return tuple(extras), title


def write_import(content_dir: Path, article: ImportedArticle) -> Path:
    """Create the content file; FileExistsError if anything is already there (I/O)."""
    target = content_dir / article.rel_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(article.markdown)
    return target
