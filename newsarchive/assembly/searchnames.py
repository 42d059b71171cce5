"""What the search page needs to offer an entity's page when a query names the entity
(pure): each entity's name as shown, its page, how many articles name it, and the key forms
of its names' words, which the page compares a query's words with
(templates/static/js/entitypages.js; docs/search.md, "Entity pages")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

from ..core.arabic import ARTICLE, name_parts, tokenize
from ..core.latinwords import latin_words_joined
from ..entities.registry import Entity

# A name's word is also itself without its article, where three letters or more are left:
# الكاظمي is also كاظمي, but الله is not له. No other letter is taken off a name's word:
# the ب of بغداد or the ل of لبنان is the name's own, and غداد or بنان names nothing.
_BARE_LETTERS = 3


def arabic_name_forms(names: Iterable[str]) -> tuple[str, ...]:
    """The key forms of the words of an entity's Arabic names, each once: every word's key
    (عبدالله as عبد and الله, as the matcher reads it), without its article, and a name's عبد
    joined with the word after it (عبد الله is written عبدالله too)."""
    forms: dict[str, None] = {}
    for name in names:
        keys = [part for token in tokenize(name) for part in name_parts(token.key)]
        for key, following in zip(keys, [*keys[1:], ""], strict=True):
            forms[key] = None
            bare = key.removeprefix(ARTICLE)
            if bare != key and len(bare) >= _BARE_LETTERS:
                forms[bare] = None
            if following and name_parts(key + following) == (key, following):
                forms[key + following] = None
    return tuple(forms)


def english_name_forms(names: Iterable[str]) -> tuple[str, ...]:
    """The key forms of the words of an entity's English names, the registry's variants too
    (case and accents aside), read as a query is: `U.S.` is us, `O'Brien` obrien."""
    joined = (latin_words_joined(name) for name in names)
    return tuple(dict.fromkeys(token.key for name in joined for token in tokenize(name)))


def name_keys(names: Iterable[str]) -> tuple[str, ...]:
    """Each name as the keys of its words, in order and joined by spaces (read as a query is:
    `U.S.` is us): the search page marks a run of words that writes one of them as the name
    (excerpts.js, nameRuns), never a name's word alone."""
    keyed = (" ".join(token.key for token in tokenize(latin_words_joined(name))) for name in names)
    return tuple(dict.fromkeys(name for name in keyed if name))


# The columns of the search page's entity file, named once in it (`columns`), each row an
# array in their order, which the page reads by the columns' names (entitypages.js,
# namedRows). Named once they cost 61 bytes (0.2% of the Arabic file of a 1,000-article
# corpus's 300 entities, 1.4% of the demo's); named in every row, 37% (7.9 kB compressed
# instead of 7.2). The page lists them too (COLUMNS), to refuse a file lacking one it reads:
# tests/test_search_entity_pages.py fails when the two lists differ.
ENTITY_COLUMNS = ("name", "page", "articles", "forms", "names", "other")


def entity_names(
    entities: Iterable[Entity], counts: Mapping[str, int], lang: str, page: Callable[[str], str]
) -> bytes:
    """The search page's entity file of one language (JSON): `columns` (ENTITY_COLUMNS), and
    `entities`, one row per entity that articles name and that has a name in the language,
    [name, page (the link to its page, from its id), articles naming it, its forms joined by
    spaces, its names (name_keys): the registry's Arabic names, or its English name), and its
    name in the other language where it has one (a row without it is one shorter)], the most
    named first (the given order among equals).

    The other language's name lets a bilingual reader cross over: the language switch
    carries it as the other page's query, and a query in the other script, which names an
    entity in the other language's file, is offered the entity's page in this one (found by
    this name; entitypages.js). The files of the 300 entities of the generated 1,000-article
    corpus are 37.9 kB and 23.0 kB (7.3 and 5.4 kB compressed)."""
    rows: list[
        tuple[str, str, int, str, tuple[str, ...]] | tuple[str, str, int, str, tuple[str, ...], str]
    ] = []
    for entity in entities:
        count = counts.get(entity.id, 0)
        name, other = (entity.name_ar, entity.en) if lang == "ar" else (entity.en, entity.name_ar)
        if count == 0 or not name:
            continue
        written = entity.ar if lang == "ar" else entity.en_names
        forms = arabic_name_forms(written) if lang == "ar" else english_name_forms(written)
        names = name_keys(written)
        row = (name, page(entity.id), count, " ".join(forms), names)
        rows.append((*row, other) if other else row)
    rows.sort(key=lambda row: -row[2])
    found = {"columns": ENTITY_COLUMNS, "entities": rows}
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
