"""The search page's readings of a typed query (templates/static/js/readings.js,
queryReadings), in Python: a model kept for the tests, which the build never runs. It is
made of the build's own word forms (assembly/searchtext.py: word_terms, the function
words, the EXACT form; core/arabic.py: the key, a name's عبد), so test_search checks that a
query's readings meet the forms an article is indexed in, and test_search_browser that the
page reads every query of its table of words as this does.
"""

from __future__ import annotations

from newsarchive.assembly.searchruns import grouped_number_end
from newsarchive.assembly.searchtext import (
    exact_form,
    holds_function_word,
    spells_function_word,
    word_terms,
)
from newsarchive.core.arabic import NAME_GAP, Token, as_typed, joined_name, tokenize
from newsarchive.core.latinwords import latin_words_joined

# A stem left by stripping a proclitic from a query word keeps this many letters: فلم (film)
# is not لم, وطن not طن (a ton). The article side keeps two (بيد is يد: word_terms),
# so `يد` typed still finds بيد.
QUERY_STEM_LETTERS = 3


def query_readings(text: str) -> tuple[tuple[str, ...], ...]:
    """What the search page looks up for a typed query: the readings of each word, the word as
    typed first when it is not its key (`مستشفى`, whose key is مستشفي), then its key readings.

    An article matches a word when it holds one of these readings as an indexed form (or a
    form that Pagefind's Arabic stemmer reduces to the same stem); it must match every word.
    The first reading ranks: an article holding the word as typed comes before one holding
    only a variant spelling (docs/search.md, "Relevance"). A Latin word's apostrophe is
    dropped, as Pagefind drops it (`O'Brien` is one word, obrien), and so is an abbreviation's
    full stop (`U.N.` is un). A name's عبد and the word after it are one word, as the name is
    written joined too (`عبد الستار` is عبدالستار: _typed_name), and so is a number written in
    groups of thousands, its digits joined (`120,000` is 120000: grouped_number_end).
    """
    text = latin_words_joined(text)
    tokens = tokenize(text)
    found: list[tuple[str, ...]] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        joined = _typed_name(text, token, tokens[at + 1]) if at + 1 < len(tokens) else None
        grouped = grouped_number_end(text, tokens, at)
        if grouped > at + 1:
            typed = "".join(text[t.start : t.end] for t in tokens[at:grouped])
            number = "".join(t.key for t in tokens[at:grouped])
            found.append(_typed_first(typed, searched_terms(typed, word_terms(number))))
            at = grouped
        elif joined is None:
            typed = text[token.start : token.end]
            found.append(_typed_first(typed, searched_terms(typed, word_terms(token.key))))
            at += 1
        else:
            following = tokens[at + 1]
            typed = text[token.start : token.end] + text[following.start : following.end]
            found.append(_typed_first(typed, searched_terms(typed, word_terms(joined))))
            at += 2
    return tuple(found)


def searched_terms(typed: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The readings of a typed word (`terms`: its key first) that the search page looks up: a
    stem left by stripping a proclitic only with QUERY_STEM_LETTERS letters or digits alone
    (و47 is 47), and, unless the word is typed as a function word (spells_function_word),
    each reading that holds one in its EXACT form (فئة: exactفيهexact, not فيه)."""
    kept = (
        term
        for at, term in enumerate(terms)
        if at == 0 or len(term) >= QUERY_STEM_LETTERS or (term.isascii() and term.isdigit())
    )
    if spells_function_word(typed):
        return tuple(kept)
    return tuple(dict.fromkeys(exact_form(t) if holds_function_word(t) else t for t in kept))


def _typed_name(text: str, first: Token, second: Token) -> str | None:
    """The key of the one word that two words of ``text`` make as a name's عبد and the word
    after it (arabic.joined_name; `عبد الستار` is عبدالستار, as the key copy holds it:
    searchtext.key_text), or None. A query is read so, as the same name is written both ways."""
    if not NAME_GAP.fullmatch(text, first.end, second.start):
        return None
    return joined_name(first.key, second.key)


def _typed_first(word: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    typed = as_typed(word)
    readings = terms if typed in terms else (typed, *terms)
    # Pagefind reads the hamza mark away, so a typed word's last ئ is a ي to it (برئ finds
    # بري), where the key reads it as ء (arabic._fold_hamza_seats): read so too, to mark
    # the word Pagefind found.
    seatless = typed[:-1] + "ي"
    return (*readings, seatless) if typed.endswith("ئ") and seatless not in readings else readings
