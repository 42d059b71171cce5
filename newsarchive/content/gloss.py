"""English glosses: gloss file text -> GlossFile, and the values a gloss file is made of
(pure).

Aligning a gloss with its article's paragraphs (done, pending, stale) is glossalign's, and
the aligned gloss it makes is alignedgloss's; writing gloss files (stubs, new blocks,
accepting stale ones) is glossedit's.

A gloss file is content/en/<story>.md: front matter, then one block per Arabic paragraph,
each opened by a marker line ``<!-- gloss p3 1a2b3c4d -->`` (id, fingerprint of the Arabic).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..core.arabic import has_invisibles, without_invisibles
from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import PartialDate
from ..core.urls import paragraph_anchor
from .frontmatter import names_field, split_document, text_field
from .glossdate import TRANSLATED_KEY, translated_field
from .glosspairing import Pairing, pair_blocks
from .glosstitle import TITLE_KEY, title_of_field

GLOSS_KEYS = ("title", TITLE_KEY, "author", "translator", "status", TRANSLATED_KEY)
GLOSS_STATUSES = ("pending", "draft", "reviewed")
MARKER_RE = re.compile(r"<!--\s*gloss\b(.*?)-->\s*")
ID_RE = re.compile(r"p[1-9][0-9]*")
FINGERPRINT_RE = re.compile(r"[0-9a-f]{8}")
NOTE_RE = re.compile(r"<!--.*-->\s*")  # a whole-line comment: a note for translators, not text
ARABIC_NOTE = "<!-- ar: "  # the note of the Arabic paragraph a block translates, one per block
OPENING_WORDS = 8  # the words of that note that pair a block with its paragraph when edited
NOTE_DASHES = "‐‐"  # what a note writes for "--", which would end the comment early
MARKER_ARGS_RE = re.compile(r"<!--\s*(\S+)\s+p[1-9][0-9]*\s+[0-9a-f]{8}\s*-->\s*")


@dataclass(frozen=True)
class GlossBlock:
    """One block of a gloss file: its id, the fingerprint it translates, the English Markdown."""

    id: str
    fingerprint: str
    text: str  # English Markdown, stripped; "" while pending
    line: int  # line of the marker in the file (1-based)
    end: int  # line after the block's last line (1-based, exclusive)
    opening: str = ""  # the Arabic opening words of its note ("" when the note is gone)
    text_line: int = 0  # line of the file where its text starts (1-based; 0 while pending)
    noted: str = ""  # the whole Arabic of its note: the paragraph, or (before 2026-12) its opening

    @property
    def translated_arabic(self) -> str | None:
        """The Arabic paragraph its English translates, when its note holds all of it (its
        fingerprint the marker's): what `status --changes` compares the paragraph with."""
        if self.noted and self.fingerprint in (
            fingerprint(self.noted),
            earlier_fingerprint(self.noted),
        ):
            return self.noted
        return None


@dataclass(frozen=True)
class GlossFile:
    """A parsed gloss file."""

    path: str  # content/en/2020/11/slug.md
    title: str | None
    translator: str | None
    status: str
    blocks: tuple[GlossBlock, ...]
    lines: tuple[str, ...]  # the file's lines, for edits that keep everything else as is
    title_of: str | None = None  # fingerprint of the Arabic title the English one translates
    title_of_line: int = 0  # its line (0: the file has no such key)
    closing: int = 0  # the line of the '---' closing the front matter
    translated: PartialDate | None = None  # the day the English was published (glossdate)
    translated_line: int = 0  # its line (0: the file has no such key)
    authors: tuple[str, ...] = ()  # the byline in English (front matter 'author')
    authors_line: int = 0  # its line (0: the file has no such key)


def fingerprint(text: str) -> str:
    """8 hex digits of sha256 of the paragraph text: NFC, without the invisible characters
    and tatweel a reader does not see, whitespace collapsed. An editor cleaning a Word
    document's marks out of a paragraph has not changed what it says: its English stays
    glossed."""
    return _digest(without_invisibles(unicodedata.normalize("NFC", text)))


def earlier_fingerprint(text: str) -> str:
    """The fingerprint as gloss files written before 2026-12 hold it (invisible characters
    and tatweel counted): still read as the paragraph's (with_current_prints)."""
    return _digest(unicodedata.normalize("NFC", text))


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def paired(
    blocks: Sequence[GlossBlock], prints: Sequence[str], texts: Sequence[str] = ()
) -> tuple[tuple[GlossBlock, ...], Pairing]:
    """A gloss file's blocks as this article's paragraphs read them (with_current_prints) and
    which of them goes with each paragraph (pair_blocks): what every use of a gloss reads."""
    current = with_current_prints(blocks, prints, texts)
    return current, pair_blocks(prints, current, texts)


def block_named(block_id: str, index: int | None, text: str = "") -> str:
    """A block as messages name it: its id in the gloss file and, when the pages number its
    paragraph (`index`, with its Arabic `text`) otherwise, the anchor they give it and the
    paragraph's opening words. Ids stay as `gloss` wrote them (a paragraph added, split,
    merged or moved since keeps its neighbours' ids), while the pages number paragraphs in
    order: a translator going from a message to the page must land on the paragraph meant."""
    anchor = None if index is None else paragraph_anchor(index)
    if anchor is None or anchor == block_id:
        return block_id
    opening = " ".join(text.split()[:OPENING_WORDS])
    return f"{block_id} (#{anchor} on the pages{f', «{opening} …»' if opening else ''})"


def with_current_prints(
    blocks: Sequence[GlossBlock], prints: Sequence[str], texts: Sequence[str]
) -> tuple[GlossBlock, ...]:
    """The blocks, each fingerprint an earlier version wrote for one of these paragraphs
    (`texts`, whose fingerprints are `prints`; none given: none) read as the paragraph's
    current one."""
    current = set(prints)
    if all(b.fingerprint in current for b in blocks):
        return tuple(blocks)  # nearly every file: no paragraph hashed again
    earlier = {
        old: new
        for old, new in ((earlier_fingerprint(t), p) for t, p in zip(texts, prints, strict=False))
        if old != new
    }
    if not earlier:
        return tuple(blocks)
    return tuple(
        replace(b, fingerprint=earlier[b.fingerprint]) if b.fingerprint in earlier else b
        for b in blocks
    )


def parse_gloss(
    text: str, rel_path: str, today: datetime.date | None = None
) -> tuple[GlossFile | None, tuple[Diagnostic, ...]]:
    """Parse a gloss file's text; every problem is a diagnostic with its line (`today`: the
    day a `translated` date may not be later than tomorrow; None: not checked)."""
    path = "content/" + rel_path
    try:
        doc = split_document(text, path)
    except ContentError as exc:
        return None, (exc.diagnostic,)
    diags: list[Diagnostic] = []
    for key, node in doc.meta.items():
        if key not in GLOSS_KEYS:
            allowed = ", ".join(GLOSS_KEYS)
            diags.append(
                Diagnostic(path, node.line, f"unknown front-matter key '{key}' ({allowed})")
            )
    title = text_field(doc.meta, "title", path, diags)
    translator = text_field(doc.meta, "translator", path, diags)
    authors = names_field(doc.meta, "author", path, diags)
    title_of = (*title_of_field(doc.meta, path, diags), doc.body_line - 1)
    translated = translated_field(doc.meta, path, diags, today)
    status = text_field(doc.meta, "status", path, diags) or "pending"
    if status not in GLOSS_STATUSES:
        line = doc.meta["status"].line
        allowed = ", ".join(GLOSS_STATUSES)
        diags.append(Diagnostic(path, line, f"'status' must be one of {allowed}"))
    lines = tuple(text.split("\n"))
    blocks = _parse_blocks(lines, doc.body_line, path, diags)
    if diags:
        return None, tuple(diags)
    return (
        GlossFile(
            path,
            title,
            translator,
            status,
            blocks,
            lines,
            *title_of,
            *translated,
            authors,
            doc.meta["author"].line if authors else 0,
        ),
        (),
    )


def _parse_blocks(
    text_lines: Sequence[str], first: int, path: str, diags: list[Diagnostic]
) -> tuple[GlossBlock, ...]:
    # Markers and notes are read without the bidi marks and zero-width characters an editor
    # may slip in beside the Arabic of a note: a translator cannot see them, and a marker
    # holding one was taken for a note inside a sentence. The English keeps them.
    whole = "\n".join(text_lines)
    hidden = has_invisibles(whole)  # rare: the lines are seldom copied
    lines = [without_invisibles(line) for line in text_lines] if hidden else text_lines
    starts = [n for n in range(first, len(lines) + 1) if MARKER_RE.fullmatch(lines[n - 1])]
    stray = [
        n
        for n in range(first, starts[0] if starts else len(lines) + 1)
        if lines[n - 1].strip() and not NOTE_RE.fullmatch(lines[n - 1].strip())
    ]
    if stray:
        diags.append(
            Diagnostic(path, stray[0], "text before the first '<!-- gloss pN xxxxxxxx -->'")
        )
    diags.extend(_misspelt_markers(lines, first, path))
    blocks: list[GlossBlock] = []
    seen: dict[str, int] = {}
    ends = [*starts[1:], len(lines) + 1] if starts else []
    for start, end in zip(starts, ends, strict=True):
        match = MARKER_RE.fullmatch(lines[start - 1])
        assert match is not None
        fields = match.group(1).split()
        if len(fields) != 2:
            diags.append(Diagnostic(path, start, "a gloss marker is '<!-- gloss pN xxxxxxxx -->'"))
            continue
        block_id, print_ = fields
        if not ID_RE.fullmatch(block_id):
            diags.append(Diagnostic(path, start, f"bad paragraph id '{block_id}' (p1, p2, …)"))
        elif block_id in seen:
            diags.append(
                Diagnostic(
                    path,
                    start,
                    f"duplicate paragraph id '{block_id}' (first on line {seen[block_id]})",
                )
            )
        seen.setdefault(block_id, start)
        if not FINGERPRINT_RE.fullmatch(print_):
            lower = "" if print_.lower() == print_ else ", in small letters"
            message = f"bad fingerprint '{print_}' (8 hex digits{lower}: `gloss` writes it)"
            diags.append(Diagnostic(path, start, message))
        openings = [n for n in range(start + 1, end) if lines[n - 1].startswith(ARABIC_NOTE)]
        if len(openings) > 1:  # the stub gives each block one: a marker was deleted
            diags.append(
                Diagnostic(
                    path,
                    openings[1],
                    f"a second paragraph's opening words in block {block_id}: the "
                    "'<!-- gloss pN xxxxxxxx -->' line above them seems deleted (without it, "
                    f"their English joins {block_id}'s)",
                )
            )
        body = [
            ln
            for ln, bare in zip(text_lines[start : end - 1], lines[start : end - 1], strict=True)
            if not NOTE_RE.fullmatch(bare.strip())
        ]
        text = unicodedata.normalize("NFC", "\n".join(body).strip())
        noted = lines[openings[0] - 1].removeprefix(ARABIC_NOTE) if openings else ""
        noted = unicodedata.normalize("NFC", noted.strip().removesuffix("-->").strip())
        noted = noted.replace(NOTE_DASHES, "--")
        opening = " ".join(noted.removesuffix("…").split()[:OPENING_WORDS])
        written = (n for n in range(start + 1, end) if lines[n - 1].strip())
        text_at = next((n for n in written if not NOTE_RE.fullmatch(lines[n - 1].strip())), 0)
        blocks.append(GlossBlock(block_id, print_, text, start, end, opening, text_at, noted))
    return tuple(blocks)


def _misspelt_markers(lines: Sequence[str], first: int, path: str) -> Iterable[Diagnostic]:
    """Lines that look like a marker but would be read as a note or as English text.

    Silently taken as a note, '<!-- glos p2 … -->' would merge paragraph 2's English into
    paragraph 1's and leave p2 pending; `gloss` would then add a second p2 block.
    """
    for number in range(first, len(lines) + 1):
        line = lines[number - 1].strip()
        if MARKER_RE.fullmatch(line):
            continue
        word = MARKER_ARGS_RE.fullmatch(line)
        if word:
            yield Diagnostic(
                path,
                number,
                f"this looks like a gloss marker but says '{word.group(1)}' where 'gloss' "
                "belongs: write '<!-- gloss pN xxxxxxxx -->'",
            )
        elif line.startswith("<!--") and "-->" not in line:
            yield Diagnostic(
                path,
                number,
                "a note must open and close on the same line ('<!-- … -->'); "
                "otherwise readers see it as text",
            )
        elif "<!--" in line and not NOTE_RE.fullmatch(line):
            yield Diagnostic(
                path,
                number,
                "a note must be a line of its own ('<!-- … -->'); inside a sentence readers "
                "see it as text",
            )
