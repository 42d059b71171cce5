"""A gloss aligned with its article: each Arabic paragraph's English done, pending or stale
(by fingerprint, then opening words), the title's staleness, and the checks that need both
files (pure). gloss.py reads a gloss file; this puts it beside the article it translates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..core.diagnostics import Diagnostic
from ..core.model import Article
from .alignedgloss import ENGLISH_STATES, Gloss, GlossParagraph, State
from .bidi import ARABIC_LETTER, isolate_arabic
from .figures import is_figure, translated_figure
from .footnotes import definition_list_warnings, english_note_problems, unlike_references
from .gloss import (
    NOTE_RE,
    GlossBlock,
    GlossFile,
    block_named,
    fingerprint,
    paired,
    parse_gloss,
)
from .glossdate import before_article
from .glossedit import opening_words
from .glosspairing import NO_TEXT, opens_otherwise
from .glosstitle import changed
from .links import Linking
from .markdown import Block, render_document, with_notes
from .notes import DEFINITION, Note, first_ids_only


def align(
    story: str,
    prints: Sequence[str],
    gloss: GlossFile | None,
    texts: Sequence[str] = (),
    linking: Linking | None = None,
    numbers: Mapping[str, int] | None = None,
) -> Gloss:
    """The gloss of every Arabic paragraph (by fingerprint, then `texts`' opening words, see
    pair_blocks): done, pending or stale (`linking`: how its links are published; without
    it they are left as written, for a gloss read only for its text; `numbers`: the Arabic's
    footnotes' numbers, by label, which the English's references take)."""
    if gloss is None:
        paragraphs = tuple(
            GlossParagraph(i, "figure" if fp == NO_TEXT else "pending", None, "", fp)
            for i, fp in enumerate(prints)
        )
        return Gloss(story, None, None, "pending", paragraphs, (), False)
    blocks, pairing = paired(gloss.blocks, prints, texts)
    paragraphs = tuple(
        _paragraph(i, fp, None if b is None else blocks[b], linking, gloss.path, numbers)
        if b is None or not rewritten(blocks[b], fp, texts[i] if texts else "")
        else GlossParagraph(i, "pending", blocks[b].id, "", fp)
        for i, (fp, b) in enumerate(zip(prints, pairing.block_of, strict=True))
    )
    orphans = tuple(blocks[b].id for b in pairing.orphans)
    return Gloss(
        story,
        gloss.title,
        gloss.translator,
        gloss.status,
        paragraphs,
        orphans,
        True,
        translated=gloss.translated,
        authors=gloss.authors,
    )


def rewritten(block: GlossBlock, print_: str, text: str) -> bool:
    """Whether a block's English translates another paragraph than the one it pairs with
    now (glosspairing.opens_otherwise: a paragraph rewritten whole, paired by position). Its
    English is not shown beside the new Arabic, as an outdated translation would be: the
    paragraph is pending."""
    return bool(block.text) and opens_otherwise(block, print_, text)


def rewritten_warnings(gloss: GlossFile, aligned: Gloss, texts: Sequence[str]) -> list[Diagnostic]:
    """A warning at each block whose English is not shown because its paragraph was
    rewritten (rewritten): what it translated, what the paragraph says now, what to do."""
    by_id = {block.id: block for block in gloss.blocks}
    found = []
    for paragraph in aligned.paragraphs:
        block = by_id.get(paragraph.block_id or "")
        if paragraph.state != "pending" or block is None or not block.text:
            continue
        now = opening_words(texts[paragraph.index])
        message = (
            f"{block_named(block.id, paragraph.index)}'s English translates a paragraph "
            f"opening «{block.opening} …», but the paragraph it stands for now opens "
            f"«{now} …»: the English page shows it as "
            f"pending; translate it, or if the English is right for it, accept it by name "
            f"(gloss --accept FILE --block {block.id})"
        )
        found.append(Diagnostic(gloss.path, block.line, message, "warning"))
    return found


# What to do with an orphan block (said here, by `gloss --accept` and by `status`).
ORPHAN_ADVICE = (
    "move the English you need into the block of the paragraph it translates now, then "
    "delete the orphan block"
)
# Letters of any script: a block mostly of Arabic ones (bidi.ARABIC_LETTER) is no English.
_LETTER = re.compile(r"[^\W\d_]")


def _byline_unlike(gloss: GlossFile, article: Article) -> list[Diagnostic]:
    """A warning when the gloss's byline names another number of writers than the article
    (a writer added to the Arabic since, or a byline for an unsigned article): the English
    page then gives the article's names, in English where the registry knows them."""
    if not gloss.authors or len(gloss.authors) == len(article.authors):
        return []
    arabic = "، ".join(article.authors) or "no byline"
    message = (
        f"'author' names {len(gloss.authors)} writer(s), the article {len(article.authors)} "
        f"({arabic}): the English page gives the article's names until they agree"
    )
    return [Diagnostic(gloss.path, gloss.authors_line, message, "warning")]


def _unshown(gloss: GlossFile, aligned: Gloss, texts: Sequence[str]) -> list[Diagnostic]:
    """Warnings at blocks whose English readers do not get as English: an orphan's (its
    paragraph is gone, so no page shows it), and one mostly in Arabic script (the Arabic
    pasted in as a reminder, counted as translated and shown on the English page)."""
    orphans = set(aligned.orphans)
    place = {p.block_id: p.index for p in aligned.paragraphs if p.block_id is not None}
    found = []
    for block in gloss.blocks:
        if not block.text:
            continue
        if block.id in orphans:
            message = (
                f"{block.id} holds English of a paragraph the article no longer has (an "
                f"orphan): no page shows it; {ORPHAN_ADVICE}"
            )
            found.append(Diagnostic(gloss.path, block.line, message, "warning"))
        elif len(ARABIC_LETTER.findall(block.text)) * 2 > len(_LETTER.findall(block.text)):
            at = place.get(block.id)
            named = block_named(block.id, at, "" if at is None else texts[at])
            message = (
                f"{named} is mostly Arabic script, yet counts as translated and shows on "
                "the English page: write its English, or empty the block to leave it pending"
            )
            found.append(Diagnostic(gloss.path, block.line, message, "warning"))
    return found


def _paragraph(
    index: int,
    print_: str,
    block: GlossBlock | None,
    linking: Linking | None,
    path: str,
    numbers: Mapping[str, int] | None = None,
) -> GlossParagraph:
    if block is None or not block.text:
        state: State = "figure" if print_ == NO_TEXT else "pending"
        return GlossParagraph(index, state, None if block is None else block.id, "", print_)
    state = "done" if block.fingerprint == print_ else "stale"
    links = None if linking is None else linking.of(path.removeprefix("content/"), block.text_line)
    # A note's block may repeat its label (`[^1]: …`), as its Arabic note shows it.
    text = DEFINITION.sub("", block.text, count=1).strip()
    rendered = render_document(text, bare_domains=False, links=links, numbers=numbers, ids="en")[0]
    html = isolate_arabic("".join(b.html for b in rendered))
    # Descriptions, feed summaries and entity pages quote the text: the '> ' of a quotation
    # or the '- ' of a list item is Markdown, not what the translator wrote for readers.
    plain = "\n".join(b.text for b in rendered)
    notes = tuple(note for b in rendered for note in b.links)
    return GlossParagraph(index, state, block.id, plain, print_, html, notes)


def align_article(
    texts: Mapping[str, str],
    article: Article,
    blocks: Sequence[Block],
    today: datetime.date | None = None,
    linking: Linking | None = None,
    notes: Sequence[Note] = (),
) -> tuple[Gloss, tuple[Diagnostic, ...]]:
    """One article's gloss file (if any, from texts) parsed and aligned with its paragraphs
    and then its footnotes (`notes`), each a block of the file (`today`: as parse_gloss's;
    `linking`: as align's)."""
    rel = f"en/{article.story}.md"
    parsed, diags = parse_gloss(texts[rel], rel, today) if rel in texts else (None, ())
    glossed = with_notes(blocks, notes)
    texts_now = [b.text_with_references for b in glossed]
    prints = [fingerprint(text) for text in texts_now]
    numbers = {note.label: note.number for note in notes}
    gloss = align(article.story, prints, parsed, texts_now, linking, numbers)
    gloss = replace(gloss, paragraphs=tuple(_captioned(p, blocks) for p in gloss.paragraphs))
    gloss = split_notes(gloss, len(blocks))
    if notes:
        gloss = _first_references(gloss)
    if parsed is not None:
        found = [*rewritten_warnings(parsed, gloss, texts_now), *_unshown(parsed, gloss, texts_now)]
        found += _byline_unlike(parsed, article)
        english = _english_lines(parsed)
        found += definition_list_warnings(((n, line) for n, line, _ in english), parsed.path)
        in_notes = {p.block_id for p in gloss.notes}
        lines = ((n, line, block in in_notes) for n, line, block in english)
        found += english_note_problems(lines, numbers, parsed.path)
        if notes:  # an article without footnotes has no reference to lose
            cited = _cited_pairs(parsed, gloss, blocks, texts_now)
            found += unlike_references(cited, numbers, parsed.path)
        diags = (*diags, *found)
    if parsed is not None and parsed.title and parsed.title_of:  # says what it translates
        gloss = replace(gloss, stale_title=changed(parsed.title_of, fingerprint(article.title)))
    if parsed is not None:
        diags = (*diags, *dated_before(parsed, article))
    return gloss, diags


def _cited_pairs(
    parsed: GlossFile, gloss: Gloss, blocks: Sequence[Block], texts: Sequence[str]
) -> list[tuple[int, str, str, list[str]]]:
    """For each paragraph whose English readers get: its block's line, the block as messages
    name it, its English and the labels its Arabic paragraph cites (unlike_references)."""
    by_id = {block.id: block for block in parsed.blocks}
    found = []
    for paragraph in gloss.paragraphs:
        block = by_id.get(paragraph.block_id or "")
        if paragraph.state not in ENGLISH_STATES or block is None:
            continue
        named = block_named(block.id, paragraph.index, texts[paragraph.index])
        arabic = [label for _, label in blocks[paragraph.index].references]
        found.append((block.line, named, block.text, arabic))
    return found


def _first_references(gloss: Gloss) -> Gloss:
    """The English paragraphs, a reference's id kept where the page first shows it."""
    shown = first_ids_only([p.html for p in gloss.paragraphs], "en")
    paragraphs = (replace(p, html=html) for p, html in zip(gloss.paragraphs, shown, strict=True))
    return replace(gloss, paragraphs=tuple(paragraphs))


def split_notes(gloss: Gloss, paragraphs: int) -> Gloss:
    """The gloss with what it aligned after the first `paragraphs` (the footnotes) apart."""
    if len(gloss.paragraphs) == paragraphs:
        return gloss
    return replace(
        gloss, paragraphs=gloss.paragraphs[:paragraphs], notes=gloss.paragraphs[paragraphs:]
    )


def _english_lines(gloss: GlossFile) -> list[tuple[int, str, str]]:
    """(line number, text, block id) of the English of each block: its lines but its marker
    and notes."""
    return [
        (number, gloss.lines[number - 1], block.id)
        for block in gloss.blocks
        for number in range(block.line + 1, block.end)
        if not NOTE_RE.fullmatch(gloss.lines[number - 1].strip())
    ]


def _captioned(paragraph: GlossParagraph, blocks: Sequence[Block]) -> GlossParagraph:
    """A translated caption shown under its photo (figures.py): the translator wrote the
    caption alone in the block of a captioned photo."""
    if paragraph.state not in ENGLISH_STATES or paragraph.index >= len(blocks):
        return paragraph
    arabic = blocks[paragraph.index].html
    figure = translated_figure(arabic, paragraph.html) if is_figure(arabic) else None
    return paragraph if figure is None else replace(paragraph, html=figure)


def dated_before(gloss: GlossFile, article: Article) -> tuple[Diagnostic, ...]:
    """An error when the gloss's English is dated before its article (glossdate)."""
    if gloss.translated is None:
        return ()
    return before_article(gloss.path, gloss.translated, gloss.translated_line, article.date)
