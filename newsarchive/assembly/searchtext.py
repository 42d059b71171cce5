"""What Pagefind indexes for one article: hidden key text, filters, sort and meta (pure).

Readers type Arabic in many spellings, so every page carries a hidden copy of its text in
the search key form, and the search page normalises the query with the same rules
(templates/static/js/search.js ports arabic.to_key and split_proclitics; a browser test
checks that both agree). Excerpts are built from the original text, never from this copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from ..core.arabic import proclitic_stems, to_key, tokenize, words
from ..entities.registry import ENTITY_TYPES, Entity
from .site import ArticleView

# Separates the original text from the key copy in Pagefind's `content`; the key copy holds
# only letters and digits, so the last occurrence of the marker is always the boundary.
KEY_MARKER = "⁂⁂"


@dataclass(frozen=True)
class SearchFields:
    """The search attributes of one article page."""

    key_text: str  # hidden, indexed: key forms of title, body and every entity alias
    entities: tuple[tuple[str, str], ...]  # (entity type, display name), for filters
    year: str
    source: str | None
    date: str  # ISO, sortable as text: 2020 < 2020-11 < 2020-11-17


@lru_cache(maxsize=1 << 17)  # words repeat across an archive: measured 3x on index_terms
def word_terms(key: str) -> tuple[str, ...]:
    """A key and every stem of its stems: all the forms under which a word is indexed.

    Two levels of stripping make the query side safe: the query uses its most-stripped
    stem, which may strip a root letter that looks like a proclitic (وزير -> زير); the
    text "الوزير" then still holds it (الوزير -> وزير -> زير).
    """
    terms = dict.fromkeys(proclitic_stems(key))
    for stem in list(terms):
        terms.update(dict.fromkeys(proclitic_stems(stem)))
    return tuple(terms)


def index_terms(text: str) -> str:
    """The key text of running text: every word's indexed forms, space-separated."""
    return " ".join(term for token in tokenize(text) for term in word_terms(token.key))


def query_key(text: str) -> str:
    """What the search page sends to Pagefind for a typed query: each word's last stem."""
    return " ".join(proclitic_stems(token.key)[-1] for token in tokenize(text))


def search_fields(view: ArticleView, by_id: Mapping[str, Entity]) -> SearchFields:
    """The search attributes of an article: key text with aliases, entity/year/source filters
    (a build without a search index has no use for them and does not ask)."""
    article = view.article
    mentioned = [by_id[c.entity_id] for c in view.entity_counts if c.entity_id in by_id]
    texts = [article.title, *(block.text for block in view.blocks)]
    # Every registry variant of a mentioned entity, so that any spelling finds the page.
    aliases = [name for entity in mentioned for name in entity.ar]
    return SearchFields(
        key_text=key_text(texts, aliases),
        entities=_entity_filters(mentioned),
        year=f"{article.date.year:04d}",
        source=article.source.name if article.source else None,
        date=article.date.iso(),
    )


def key_text(shown: Iterable[str], hidden: Iterable[str]) -> str:
    """The hidden key text of a page showing `shown` texts and searchable by `hidden` ones too.

    Each indexed form once, in order of first use: one occurrence is enough to be found, and
    Pagefind's time grows with the text it indexes. Forms that the page already shows as a
    plain word are left out, as Pagefind indexes the shown text itself.
    """
    # Whole texts joined by newlines (no word spans one) and terms chained in C: an article
    # has about a thousand words, and a generator step per word was a tenth of its page.
    seen = dict.fromkeys(words("\n".join(shown)))
    hidden_words = words("\n".join(hidden))
    terms = dict.fromkeys(chain.from_iterable(map(surface_terms, chain(seen, hidden_words))))
    return " ".join(term for term in terms if term not in seen or not term.isalpha())


@lru_cache(maxsize=1 << 17)
def surface_terms(word: str) -> tuple[str, ...]:
    """word_terms of a word as written."""
    return word_terms(to_key(word))


def _entity_filters(mentioned: Iterable[Entity]) -> tuple[tuple[str, str], ...]:
    order = {kind: i for i, kind in enumerate(ENTITY_TYPES)}
    pairs = {(e.type, e.name_ar) for e in mentioned}
    return tuple(sorted(pairs, key=lambda p: (order.get(p[0], len(order)), to_key(p[1]))))
