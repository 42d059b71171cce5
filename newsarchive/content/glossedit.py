"""Editing gloss file text: stubs, pending blocks for new paragraphs, accepted stale blocks
(pure). None of them ever changes or moves English text."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..core.arabic import without_invisibles
from .gloss import (
    ARABIC_NOTE,
    NOTE_DASHES,
    OPENING_WORDS,
    GlossBlock,
    GlossFile,
    paired,
)
from .glossdate import dated
from .glosspairing import NO_TEXT, opens_otherwise
from .glosstitle import TITLE_ID, stamped, title_line

NAMES_NOTE = "<!-- names: "  # the stub's note of the English names a paragraph mentions
END_NOTE = "<!-- end of "  # the line under a block's English slot (_end_note)
UNNAMED = "(no English name yet)"  # after an Arabic name in that note


@dataclass(frozen=True)
class ParagraphAid:
    """What a stub block shows a translator: the Arabic paragraph and the entity names."""

    text: str  # the Arabic paragraph (plain text)
    names: tuple[str, ...]  # English names, or "<Arabic> (no English name yet)"


def marker(block_id: str, print_: str) -> str:
    """The line that opens a gloss block."""
    return f"<!-- gloss {block_id} {print_} -->"


def stub_block(block_id: str, print_: str, aid: ParagraphAid) -> list[str]:
    """A pending block: marker, translator's notes (the Arabic last), an empty line for the
    English text between the Arabic note and a closing note, then a blank line.

    The English slot lies between two lines `gloss` rewrites whenever the paragraph is
    corrected (the Arabic note and the closing note, which carries the fingerprint): git
    takes changes that touch as a conflict, so English written on one branch from the old
    Arabic and a correction run through `gloss` on another cannot merge silently into a
    block that claims to translate the corrected paragraph (docs/editors-guide.md, "Working
    as a team")."""
    names = [_names_note(aid)] if aid.names else []
    return [
        marker(block_id, print_),
        *names,
        _arabic_note(aid),
        "",
        _end_note(block_id, print_),
        "",
    ]


def _end_note(block_id: str, print_: str) -> str:
    return f"{END_NOTE}{block_id} {print_}: its English goes above this line -->"


def _names_note(aid: ParagraphAid) -> str:
    return _note("names: " + "; ".join(aid.names))


def _arabic_note(aid: ParagraphAid) -> str:
    """The paragraph whole, on one line: the translator reads it beside their English, and
    once the paragraph is edited `status --changes` shows what changed since (as gettext
    keeps a fuzzy entry's previous msgid)."""
    return _note(f"ar: {' '.join(aid.text.split())}")


def _note(text: str) -> str:
    # "--" would end an HTML comment early; the note is an aid, so a look-alike dash is fine.
    return "<!-- " + text.replace("--", NOTE_DASHES) + " -->"


def stub_text(
    prints: Sequence[str],
    aids: Sequence[ParagraphAid],
    title_print: str | None = None,
    byline: Sequence[str] = (),
) -> str:
    """A new gloss file: placeholder title (with the fingerprint of the Arabic title it is to
    translate, if given), a placeholder for the `byline`'s names in English when the article
    is signed, and one pending block per paragraph (p1…pN; none for an image on its own)."""
    signed = ['author: ""  # the byline in English (a list for several): ' + "، ".join(byline)]
    lines = [
        "---",
        'title: ""  # the English title',
        *([] if title_print is None else [title_line(title_print)]),
        *(signed if byline else []),
        'translator: ""',
        "status: pending  # pending | draft | reviewed",
        "---",
        "",
    ]
    for number, (print_, aid) in enumerate(zip(prints, aids, strict=True), start=1):
        if print_ != NO_TEXT:  # an image on its own has nothing to translate: shown as is
            lines += stub_block(f"p{number}", print_, aid)
    return "\n".join(lines).rstrip("\n") + "\n"


@dataclass(frozen=True)
class GlossUpdate:
    """A gloss file's text after `gloss`, and how many names notes it rewrote, added or
    took out (the registry's names changed since they were written)."""

    text: str
    names_refreshed: int


def updated_gloss(
    gloss: GlossFile,
    prints: Sequence[str],
    aids: Sequence[ParagraphAid],
    title_print: str | None = None,
    today: datetime.date | None = None,
) -> GlossUpdate:
    """The file with `translated: <today>` (if given) added when it has English (a glossed or
    an outdated paragraph) and no such date yet; with the Arabic title's fingerprint
    (`title_print`, if given) stamped for a title not translated yet, and for a translated
    one that does not say what it translates (written before titles had one: taken to fit,
    as paragraph markers were); a pending
    block for every new paragraph, empty blocks' markers and
    notes refreshed for their paragraph as it is now (the Arabic; the entity names exactly as
    a new stub would write them, from the registry as it is now: a name the paragraph no
    longer mentions is not left to mislead the translator), and
    the current fingerprint in a marker an earlier version stamped for its paragraph as it
    is (with_current_prints: cleaning the paragraph's invisible marks then keeps it glossed);
    an empty block whose paragraph is gone is taken out (it holds nothing to keep, and
    `status` listed it as an orphan until someone deleted it by hand), unless a translator
    wrote a note in it.

    Never touches English text and never moves a block: new blocks go right after the block
    of the previous paragraph.
    """
    blocks, pairing = paired(gloss.blocks, prints, [aid.text for aid in aids])
    lines = list(gloss.lines)
    used = {int(b.id[1:]) for b in blocks}
    next_number = max(used, default=0) + 1
    inserts: dict[int, list[str]] = {}  # 0-based line index -> lines inserted before it
    notes: dict[int, str] = {}  # 0-based line index -> a names note inserted before it
    dropped: set[int] = set()  # 0-based indexes of lines taken out
    refreshed = 0
    anchor = blocks[0].line - 1 if blocks else len(lines)
    for index, print_ in enumerate(prints):
        b = pairing.block_of[index]
        if b is None and print_ == NO_TEXT:
            continue  # an image on its own: nothing to translate, no block
        if b is None:
            new = stub_block(f"p{next_number}", print_, aids[index])
            next_number += 1
            inserts.setdefault(anchor, []).extend(new)
            continue
        block = blocks[b]
        if not block.text and _restubbed(lines, block, print_, aids[index]):
            # Its paragraph was corrected: written again as a new stub would be (a block of
            # the layout before the closing note gets it now, not before: only a block
            # rewritten anyway changes, and git sees it changed around the English slot).
            fresh = stub_block(block.id, print_, aids[index])
            whole = range(block.line - 1, _block_end(block))
            refreshed += _names_in(lines[n] for n in whole) != _names_in(fresh)
            dropped.update(whole)
            inserts.setdefault(block.line - 1, []).extend(fresh)
        elif not block.text:
            lines[block.line - 1] = marker(block.id, print_)
            # Its note too, also where an earlier version refreshed only the marker: the
            # translator reads it, and `gloss --accept` later checks that the paragraph still
            # opens with it (an old note refused the English written for the new text).
            _refresh_arabic_note(lines, block, aids[index])
            _refresh_end_note(lines, block, print_)
            refreshed += _refresh_names_note(lines, block, aids[index], notes, dropped)
        else:
            if block.fingerprint != gloss.blocks[b].fingerprint:
                lines[block.line - 1] = marker(block.id, block.fingerprint)
                _refresh_end_note(lines, block, block.fingerprint)
            if block.fingerprint == print_ and block.translated_arabic is None:
                # Its English translates the paragraph as it is: a note of its opening words
                # (written before 2026-12) becomes the whole, for `status --changes` later.
                _refresh_arabic_note(lines, block, aids[index])
        anchor = _block_end(block)
    gone = dropped | {
        n
        for b in pairing.orphans
        if _only_what_gloss_wrote(lines, blocks[b])
        for n in range(blocks[b].line - 1, _block_end(blocks[b]))
    }
    kept: list[str | None] = [None if n in gone else line for n, line in enumerate(lines)]
    for at in sorted(inserts.keys() | notes.keys(), reverse=True):
        note = [notes[at]] if at in notes else []
        previous = note[-1] if note else kept[at - 1] if at > 0 else None
        gap = [""] if at in inserts and (previous or "").strip() else []
        kept[at:at] = note + gap + inserts.get(at, [])
    text = _ending_as(gloss, "\n".join(line for line in kept if line is not None))
    english = any(b is not None and blocks[b].text for b in pairing.block_of)
    if today is not None and english and not gloss.translated_line:  # never a second date
        text = "\n".join(dated(text.split("\n"), gloss.closing, today))
    if title_print is not None:
        unstamped = gloss.title_of is None if gloss.title else gloss.title_of != title_print
        text = _title_stamped(gloss, text, title_print) if unstamped else text
    return GlossUpdate(text, refreshed)


def accept_text(
    gloss: GlossFile,
    prints: Sequence[str],
    aids: Sequence[ParagraphAid],
    ids: Collection[str] | None = None,
    title_print: str | None = None,
) -> tuple[str, tuple[str, ...]]:
    """The file with its stale title and blocks (or only those in `ids`, the title's being
    `title`) marked as translating the Arabic as it is now (`title_print`: the Arabic title's
    fingerprint): a translator checked their English. Returns the text and the ids.

    Only the markers, the opening-words notes and the title's fingerprint change; the
    English text is never touched.
    """
    blocks, pairing = paired(gloss.blocks, prints, [aid.text for aid in aids])
    lines = list(gloss.lines)
    accepted = []
    for index, print_ in enumerate(prints):
        b = pairing.block_of[index]
        block = blocks[b] if b is not None else None
        if block is None or not block.text or block.fingerprint == print_:
            continue  # no block, pending (refreshed by updated_gloss) or current
        if ids is not None and block.id not in ids:
            continue
        lines[block.line - 1] = marker(block.id, print_)
        _refresh_arabic_note(lines, block, aids[index])
        _refresh_end_note(lines, block, print_)
        accepted.append(block.id)
    text = _ending_as(gloss, "\n".join(lines))
    title_stale = bool(gloss.title) and gloss.title_of not in (None, title_print)
    if title_print is not None and title_stale and (ids is None or TITLE_ID in ids):
        return _title_stamped(gloss, text, title_print), (TITLE_ID, *accepted)
    return text, tuple(accepted)


def _title_stamped(gloss: GlossFile, text: str, title_print: str) -> str:
    """The text (the file's, its front matter unchanged) with the title's fingerprint."""
    return "\n".join(stamped(text.split("\n"), gloss.title_of_line, gloss.closing, title_print))


def _restubbed(lines: Sequence[str], block: GlossBlock, print_: str, aid: ParagraphAid) -> bool:
    """Whether a pending block is to be written again whole as a stub: its paragraph was
    corrected (its marker or its Arabic note say otherwise), and it holds nothing but what
    `gloss` wrote (a translator's own note keeps its place: refreshed line by line)."""
    at = _note_at(lines, block, ARABIC_NOTE)
    noted = lines[at] if at is not None else None
    corrected = lines[block.line - 1] != marker(block.id, print_) or noted != _arabic_note(aid)
    return corrected and _only_what_gloss_wrote(lines, block)


def _names_in(lines: Iterable[str]) -> str | None:
    return next((line for line in lines if _is_names_note(line)), None)


def _note_at(lines: Sequence[str], block: GlossBlock, prefix: str) -> int | None:
    """The 0-based index of the block's first note opening with `prefix`, if any."""
    after_marker = range(block.line, _block_end(block))
    return next((n for n in after_marker if without_invisibles(lines[n]).startswith(prefix)), None)


def _refresh_arabic_note(lines: list[str], block: GlossBlock, aid: ParagraphAid) -> None:
    """The block's note of its Arabic, if it has one, as the paragraph is now."""
    at = _note_at(lines, block, ARABIC_NOTE)
    if at is not None:
        lines[at] = _arabic_note(aid)


def _refresh_end_note(lines: list[str], block: GlossBlock, print_: str) -> None:
    """The block's closing note, if it has one, with the fingerprint its marker now has."""
    at = _note_at(lines, block, f"{END_NOTE}{block.id} ")
    if at is not None:
        lines[at] = _end_note(block.id, print_)


def _refresh_names_note(
    lines: list[str],
    block: GlossBlock,
    aid: ParagraphAid,
    notes: dict[int, str],
    dropped: set[int],
) -> int:
    """Make a pending block's note of entity names the one a new stub would write for its
    paragraph now (a name given in English since, one the registry no longer matches there,
    an English name changed): rewritten in place, added after the marker (where a stub has
    it), or taken out (into `notes` and `dropped`). The block has no English, so nothing of
    a translator's is lost; a note of their own stays. Returns 1 if the note changed, else 0."""
    want = _names_note(aid) if aid.names else None
    after_marker = range(block.line, _block_end(block))  # 0-based
    at = next((n for n in after_marker if _is_names_note(lines[n])), None)
    if at is not None and lines[at] == want:
        return 0
    if at is not None and want is not None:
        lines[at] = want
    elif at is not None:
        dropped.add(at)
    elif want is not None:
        notes[block.line] = want
    else:
        return 0
    return 1


def _is_names_note(line: str) -> bool:
    return without_invisibles(line).startswith(NAMES_NOTE)


def unlike_stale(
    gloss: GlossFile, prints: Sequence[str], aids: Sequence[ParagraphAid]
) -> tuple[tuple[GlossBlock, str], ...]:
    """The stale blocks whose note of opening words the paragraph they pair with no longer
    opens with, each with that paragraph's opening: paired by position only, their English
    may be another paragraph's (accepting them takes a translator's look, by name)."""
    blocks, pairing = paired(gloss.blocks, prints, [aid.text for aid in aids])
    found = []
    for index, b in enumerate(pairing.block_of):
        block = blocks[b] if b is not None else None
        if (
            block is not None
            and block.text
            and opens_otherwise(block, prints[index], aids[index].text)
        ):
            found.append((block, opening_words(aids[index].text)))
    return tuple(found)


def opening_words(text: str) -> str:
    """A paragraph's opening words, as a block's note shows them."""
    return " ".join(text.split()[:OPENING_WORDS])


def _only_what_gloss_wrote(lines: Sequence[str], block: GlossBlock) -> bool:
    """Whether the block holds nothing a translator wrote: no English, and no note but the
    opening words and names `gloss` put there (a draft kept in a note is theirs)."""
    after_marker = lines[block.line : _block_end(block)]
    return not block.text and all(
        not line.strip()
        or without_invisibles(line).startswith((ARABIC_NOTE, NAMES_NOTE, f"{END_NOTE}{block.id} "))
        for line in after_marker
    )


def _block_end(block: GlossBlock) -> int:
    """The 0-based line index just past a block (its trailing blank lines included)."""
    return block.end - 1


def _ending_as(gloss: GlossFile, text: str) -> str:
    """The text ending as the file did (no final newline, or blank lines after the last
    block): an editor's habit, not something `gloss` rewrites a translator's file for."""
    lines = gloss.lines
    blank = len(lines) - next((n for n in range(len(lines), 0, -1) if lines[n - 1]), 0)
    return text.rstrip("\n") + "\n" * blank
