"""What lists and entity pages quote of an article (pure): its first words, and the sentence
of each entity's first mention, in Arabic and, where translated, in English."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..content.alignedgloss import Gloss
from ..content.markdown import Block
from ..core.arabic import SENTENCE_BREAK

EXCERPT_WORDS = 25  # about the 155 characters a search result shows; lists repeat no more
# An entity page quotes the words around each mention: about a line and a half, enough to
# say in what the entity is named; an entity page lists twenty (the page-weight target).
QUOTE_WORDS = 20


def shorten(text: str, words: int) -> str:
    """The first `words` words of text, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def sentence_around(text: str, start: int) -> str:
    """The sentence of `text` that contains offset `start`: QUOTE_WORDS of it at most, the
    word at `start` among them (a long sentence is cut before and after it)."""
    begin = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    found = SENTENCE_BREAK.search(text, start)
    end = found.end() if found else len(text)
    words = text[begin:end].split()
    if len(words) <= QUOTE_WORDS:
        return " ".join(words)
    at = len(text[begin:start].split())  # the word that holds `start`
    first = 0 if at < QUOTE_WORDS - 3 else min(at - QUOTE_WORDS // 2, len(words) - QUOTE_WORDS)
    last = first + QUOTE_WORDS
    shown = " ".join(words[first:last])
    return ("… " if first else "") + shown + (" …" if last < len(words) else "")


def first_sentences_of(blocks: Sequence[Block]) -> dict[str, str]:
    """The sentence of each entity's first mention, which entity pages quote."""
    found: dict[str, str] = {}
    for block in blocks:
        for mention in block.mentions:
            if mention.entity_id not in found:
                found[mention.entity_id] = sentence_around(block.text, mention.start)
    return found


def first_sentences_en_of(
    blocks: Sequence[Block], gloss: Gloss, english: Mapping[str, str]
) -> dict[str, str]:
    """For each entity whose first mention is in a translated paragraph: the sentence of the
    paragraph's English that names it by its English name (`english`, by entity id). None
    where the translation names it otherwise: the Arabic sentence is quoted then."""
    done = {p.index: p.text for p in gloss.paragraphs if p.state == "done"}
    found: dict[str, str] = {}
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        text = done.get(index)
        folded = text.casefold() if text else ""
        for mention in block.mentions:
            if mention.entity_id in seen:
                continue
            seen.add(mention.entity_id)
            name = english.get(mention.entity_id)
            # A plain search first (a regular expression per name was 5% of a cold build);
            # the expression only for the offset, casefolding can change lengths.
            if text and name and name.casefold() in folded:
                named = re.search(re.escape(name), text, re.IGNORECASE)
                if named:
                    found[mention.entity_id] = sentence_around(text, named.start())
    return found
