"""Which gloss block translates which Arabic paragraph (pure): by fingerprint, then by the
opening words a block's note keeps, then by position."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from ..core.arabic import word_key, words


class Paired(Protocol):
    """What pairing reads of a gloss block (content/gloss.GlossBlock)."""

    @property
    def fingerprint(self) -> str: ...

    @property
    def opening(self) -> str: ...


NO_TEXT = "e3b0c442"  # gloss.fingerprint(""): a block with no text, an image on its own


@dataclass(frozen=True)
class Pairing:
    """Which gloss block (index into blocks, or None) goes with each Arabic paragraph."""

    block_of: tuple[int | None, ...]  # per Arabic paragraph
    orphans: tuple[int, ...]  # block indexes with no paragraph


def pair_blocks(
    prints: Sequence[str], blocks: Sequence[Paired], texts: Sequence[str] = ()
) -> Pairing:
    """Pair paragraphs with blocks: same fingerprint first, then by opening words, then by
    position within each gap.

    Unchanged runs anchor the alignment; a moved paragraph finds its block anywhere. In a gap
    between anchors an edited paragraph takes the block whose note of opening words it still
    opens with (`texts`: each paragraph's text): a paragraph added before it must not take
    its English. One moved and edited at once finds its block by those words in another gap.
    What is left pairs by position (it becomes stale).
    """
    block_of: list[int | None] = [None] * len(prints)
    matcher = SequenceMatcher(None, list(prints), [b.fingerprint for b in blocks], autojunk=False)
    gaps = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(a1 - a0):
                block_of[a0 + offset] = b0 + offset
        else:
            gaps.append((range(a0, a1), range(b0, b1)))
    free = [b for _, bs in gaps for b in bs]
    for index in (i for ps, _ in gaps for i in ps):
        same = next((b for b in free if blocks[b].fingerprint == prints[index]), None)
        if same is not None:
            block_of[index] = same
            free.remove(same)
    if texts:
        for paras, bs in gaps:  # the block in its own place first
            _pair_alike(blocks, texts, list(paras), list(bs), block_of, free)
        everywhere = [i for ps, _ in gaps for i in ps]
        _pair_alike(blocks, texts, everywhere, list(free), block_of, free)
    for paras, bs in gaps:
        left = [b for b in bs if b in free]
        # An image on its own has no block to take (nothing to translate): a block left
        # beside it belongs to a paragraph of text, or to none (an orphan).
        unpaired = [i for i in paras if block_of[i] is None and prints[i] != NO_TEXT]
        for index, b in zip(unpaired, left, strict=False):
            block_of[index] = b
            free.remove(b)
    return Pairing(tuple(block_of), tuple(free))


def _pair_alike(
    blocks: Sequence[Paired],
    texts: Sequence[str],
    paras: Sequence[int],
    candidates: Sequence[int],
    block_of: list[int | None],
    free: list[int],
) -> None:
    """Give each unpaired paragraph among `paras` the free block among `candidates` whose
    noted opening words it opens with, best resemblance first, then the nearest."""
    if not paras:
        return
    alike = sorted(
        (-resemblance(blocks[b].opening, texts[i]), abs(i - paras[0] - k), i, b)
        for k, b in enumerate(candidates)
        if b in free
        for i in paras
        if block_of[i] is None
    )
    for negative, _, index, b in alike:
        if -negative >= ALIKE and block_of[index] is None and b in free:
            block_of[index] = b
            free.remove(b)


ALIKE = 0.5  # a paragraph still opening with half its block's noted words is that block's


def resemblance(opening: str, text: str) -> float:
    """The share of a block's noted opening words among the paragraph's first words (spelling
    variants alike); 0.0 for a block without a note."""
    noted = [word_key(word) for word in words(opening)]
    if not noted:
        return 0.0
    first = {word_key(word) for word in words(text)[: len(noted) + 4]}
    return sum(word in first for word in noted) / len(noted)


def opens_otherwise(block: Paired, print_: str, text: str) -> bool:
    """Whether a block paired with a paragraph by position translates another one: the
    paragraph changed since (its fingerprint) and no longer opens with half the words the
    block's note gives (`text`: the paragraph's)."""
    if not block.opening or not text or block.fingerprint == print_:
        return False
    return resemblance(block.opening, text) < ALIKE
