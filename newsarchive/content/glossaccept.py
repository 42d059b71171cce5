"""`gloss --accept`: mark a gloss's outdated title and blocks as current, or refuse with
why (I/O: the file is rewritten as glossfiles rewrites it).

Accepting is all or nothing: a block named that is missing, an orphan, pending or not
outdated, or (without names) a block whose paragraph now opens otherwise than its note says,
leaves the whole file as it was, and each refusal names the block as the pages number it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.diagnostics import Diagnostic
from ..core.model import Article
from ..entities.registry import Registry
from .gloss import GlossBlock, GlossFile, block_named, fingerprint, paired
from .glossalign import ORPHAN_ADVICE
from .glossedit import accept_text, unlike_stale
from .glossfiles import GlossChange, gloss_path, paragraph_aids, rewrite_gloss
from .glosstitle import TITLE_ID
from .markdown import Block


def accept_gloss(
    content_dir: Path,
    article: Article,
    blocks: Sequence[Block],
    registry: Registry,
    ids: Collection[str] | None = None,
) -> tuple[GlossChange | None, tuple[str, ...], tuple[Diagnostic, ...]]:
    """Mark the article's stale title and blocks (or only `ids`) as current; also the ids
    accepted."""
    rel = gloss_path(article)
    if not (content_dir / rel).exists():
        message = "no gloss file to accept (run `gloss` to create it)"
        return None, (), (Diagnostic("content/" + rel, 1, message),)
    texts = [b.text_with_references for b in blocks]
    prints = [fingerprint(text) for text in texts]
    title_print = fingerprint(article.title)
    aids = paragraph_aids(blocks, registry)
    accepted: list[str] = []
    refused: list[Diagnostic] = []

    def accept(parsed: GlossFile) -> str:
        current, pairing = paired(parsed.blocks, prints, texts)
        places = {current[b].id: i for i, b in enumerate(pairing.block_of) if b is not None}
        if ids is not None:
            orphans = {current[i].id for i in pairing.orphans}
            stale = accept_text(parsed, prints, aids, title_print=title_print)[1]
            refused.extend(_not_acceptable(parsed, stale, orphans, ids, _Places(places, texts)))
        else:
            unlike = unlike_stale(parsed, prints, aids)
            refused.extend(_opening_changed(parsed, unlike, _Places(places, texts)))
        if refused:
            return "\n".join(parsed.lines)  # all or nothing: the file stays as it is
        text, done = accept_text(parsed, prints, aids, ids, title_print)
        accepted.extend(done)
        return text

    change, diags = rewrite_gloss(content_dir, rel, accept)
    return change, tuple(accepted), diags + tuple(refused)


# An orphan's English is kept for the translator to move: accepting it would pair it with
# nothing, so `--block` on one says what it is and what to do.
# What makes an orphan, and what to do with one: said here and by `status`.
ORPHAN_CAUSE = "(deleted, merged, or moved and rewritten from its opening words)"
ORPHAN = (
    f"is an orphan block, not an outdated one: its Arabic paragraph is gone {ORPHAN_CAUSE}; "
    f"{ORPHAN_ADVICE}"
)


@dataclass(frozen=True)
class _Places:
    """Which paragraph each block id stands for (an index into `texts`, the paragraphs'
    text): refusals name a block as other messages do (gloss.block_named), so a translator
    who follows one to the page lands on the paragraph meant."""

    of: Mapping[str, int]
    texts: Sequence[str]

    def named(self, block_id: str, opening: bool = True) -> str:
        """The block's id and, where the pages number its paragraph otherwise, their
        anchor (and, with `opening`, how the paragraph opens)."""
        at = self.of.get(block_id)
        return block_named(block_id, at, "" if at is None or not opening else self.texts[at])


def _not_acceptable(
    parsed: GlossFile,
    stale: Collection[str],
    orphans: Collection[str],
    ids: Collection[str],
    places: _Places,
) -> Iterable[Diagnostic]:
    """A diagnostic for each named block that is missing, an orphan, pending or not stale,
    at its marker."""
    blocks = {block.id: block.line for block in parsed.blocks}
    pending = {block.id for block in parsed.blocks if not block.text}
    lines = {TITLE_ID: parsed.title_of_line or 1, **blocks}  # `title`: the English title's
    outdated = ", ".join(places.named(i, opening=False) for i in stale)
    now = f"outdated now: {outdated}" if stale else "nothing in this file is outdated"
    for block_id in dict.fromkeys(ids):
        if block_id not in lines:
            have = ", ".join(blocks) or "none"
            yield Diagnostic(parsed.path, 1, f"no block {block_id} in this file (it has {have})")
        elif block_id in orphans:  # no paragraph: its id alone
            yield Diagnostic(parsed.path, lines[block_id], f"{block_id} {ORPHAN}")
        elif block_id in pending:
            message = (
                f"{places.named(block_id)} has no English yet (pending): nothing to accept ({now})"
            )
            yield Diagnostic(parsed.path, lines[block_id], message)
        elif block_id not in stale:
            message = f"{places.named(block_id)} is not outdated ({now})"
            yield Diagnostic(parsed.path, lines[block_id], message)


def _opening_changed(
    parsed: GlossFile, unlike: Iterable[tuple[GlossBlock, str]], places: _Places
) -> Iterable[Diagnostic]:
    """A diagnostic for each stale block whose paragraph no longer opens as its note says
    (the message quotes how it opens now: the block is named without it)."""
    for block, now in unlike:
        yield Diagnostic(
            parsed.path,
            block.line,
            f"{places.named(block.id, opening=False)} translated a paragraph opening "
            f"«{block.opening} …», but the paragraph it stands for now opens «{now} …»: if "
            f"its English is right for it, accept it by name (--block {block.id})",
        )
