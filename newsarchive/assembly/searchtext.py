"""What Pagefind indexes for one article beside its text: its words again in the search key
form, its date's sort attributes (pure). The filters and meta are the search record's
template's (templates/search_record.html, pages/articles.py's render_record).

Readers type Arabic in many spellings, so each article's search record (site/.search/, not
the published page) carries its words again in the search key form, and the search page
reads the query with the same rules (templates/static/js/readings.js ports arabic.to_key,
split_proclitics and the word forms here; tests/queryreadings.py models its reading of a
query in Python, and a browser test checks that both agree). Excerpts are built from the
original text, never from this copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain

from markupsafe import Markup

from ..core.arabic import (
    ABD,
    apart_names,
    as_typed,
    proclitic_stems,
    to_key,
    tokenize,
    word_key,
    words,
)
from ..core.model import PartialDate
from ..entities.registry import Entity
from .searchruns import (
    grouped_numbers,
    joined_numbers,
    unindexed_words,
)
from .views import ArticleView

# Separates the original text from the key copy in Pagefind's `content`; the key copy holds
# only letters, digits and single GROUP marks, so the last occurrence of the marker is
# always the boundary.
KEY_MARKER = "⁂⁂"
# Starts each entity's group of name forms in the key copy (key_text); never doubled.
GROUP = "⁂"
# Stands, a word of its own, where an English record's text turns from today's English to an
# outdated paragraph's (translated before its Arabic changed) and back: the search page marks
# what an excerpt shows of an outdated translation so, as its page does, and shows no mark
# (markedhtml.js). Pagefind indexes no word of it but counts its place, as it counts GROUP's;
# anchors at each such paragraph's start and end, which the fragment would keep with their
# word locations, cost the English index 0.014 KB an article (docs/benchmarks.md).
OUTDATED = "⁑"
# Opens an English record's title, a word of its own as OUTDATED is, where its page sets a
# note beside the title: OUTDATED when the title translates an earlier headline ("(outdated
# title)"), PENDING while there is none and the Arabic headline stands for it ("English title
# pending"). A note is the page's, not the article's words: written out in the title, which
# Pagefind searches, `outdated` or `pending` listed every such article. The search page
# shows the note in its place (results.js).
PENDING = "⁎"
# Stands, a word of its own, after a paragraph whose end Pagefind joins to the next without a
# full stop: one ending in a closing «…», a colon before a quote. Pagefind gives a full stop
# only to a block ending in a letter, a digit or one of ' " ) $ * (its parser's
# SENTENCE_CHARS), so without it the search page took the next paragraph for the same
# sentence's and started an excerpt inside the quote (excerptwindow.js). Never shown
# (markedhtml.js); Pagefind indexes no word of it but counts its place, as it does OUTDATED's.
PARAGRAPH_END = "⁋"
_FULL_STOP_GIVEN = frozenset("'\")$*_")
_SENTENCE_ENDED = re.compile(r"[.!?;\u061f\u061b\u06d4][\u00bb\u201d\u2019\"')\]]*$")


def with_paragraph_end(html: str, text: str) -> str:
    """A block's HTML for its search record (`text`: what it says, plain), PARAGRAPH_END
    after it when neither Pagefind nor the block itself ends it as a sentence."""
    said = text.rstrip()
    if not said or _SENTENCE_ENDED.search(said):
        return html
    last = said[-1]
    if last.isalnum() or last in _FULL_STOP_GIVEN or unicodedata.category(last)[0] == "M":
        return html
    return f"{html} {PARAGRAPH_END}"


# A word on every indexed page, after KEY_MARKER: the search page looks it up to list every
# page of a part, for a date sort or filters without a query (parts.js, EVERY_PAGE).
# Pagefind's own way, a search without a word, downloads every index chunk of the parts it
# searches (22 MB at 20,000 articles); this word is in one chunk a part. No text holds it,
# and the search page never looks it up for a reader's query.
EVERY_PAGE = "everyarchivepage"
# The words nearly every article holds, by key. Folding (فئة keys as فيه), stripping a
# proclitic (فلم as ف + لم) and the stemmer (Pagefind stems الفيه, the key of الفئة, to فيه,
# as it stems فيها) joined ordinary words to them, and listed nearly every article: a query
# word meets one of them only when the reader typed it (docs/search.md, "Which articles
# match"). Kept short: each is a word no reader searches for as the spelling of another.
_FUNCTION_WORDS_WRITTEN = "في فيه فيها لم لن لا ما هي هو هم من عن أن إن قد كل مع"
FUNCTION_WORDS = frozenset(map(to_key, _FUNCTION_WORDS_WRITTEN.split()))
# Around a reading that holds a function word (فيه, الفيه), the form the key copy and the
# query hold of it for a word that is no spelling of a function word (فئة, الفئة): a Latin
# word's letters before and after it leave the stemmer nothing to strip, so Pagefind finds
# only the same reading, not فيها. No text holds such a form; a reader who types one finds
# nothing (readings.js, INTERNAL).
EXACT = "exact"
# What a reader writes either way in a function word: alef with or without its hamza, ى or ي
# (إن, ان; إلى, الي); never ئ ؤ ء or ة, which no function word holds.
_PLAIN_ALEF = str.maketrans("أإآٱى", "ااااي")


@lru_cache(maxsize=1 << 17)  # words repeat across an archive: measured 3x on indexing a text
def word_terms(key: str) -> tuple[str, ...]:
    """The readings of a word's key: the key, then each stem left by stripping its proclitics.

    One level only: a stem is never stripped again, so "الوزير" is indexed as الوزير and وزير
    but not as زير (ال + و is no sequence of proclitics). The query side tries every reading
    of each typed word (readings.js, queryReadings), so "وزير" still finds "الوزير".
    """
    return proclitic_stems(key)


def spells_function_word(word: str) -> bool:
    """Whether a word as written is a function word, a proclitic on it or not (فيها, وهي,
    لأن, فلم: ف + لم), its alef's hamza and ى as a reader writes them either way (_PLAIN_ALEF);
    فئة is not (فيه is only its key)."""
    plain = as_typed(word).translate(_PLAIN_ALEF)
    return any(stem in FUNCTION_WORDS for stem in proclitic_stems(plain))


def holds_function_word(reading: str) -> bool:
    """Whether a reading is a function word or one with proclitics (فيه, الفيه, وفي)."""
    return any(stem in FUNCTION_WORDS for stem in proclitic_stems(reading))


def exact_form(reading: str) -> str:
    """The form a reading that holds a function word is indexed and looked up in (EXACT)."""
    return f"{EXACT}{reading}{EXACT}"


def article_key_text(view: ArticleView, by_id: Mapping[str, Entity]) -> str:
    """The hidden key text of an article page: its title and text, and every registry variant
    of each entity it mentions, so that any spelling finds the page."""
    mentioned = [by_id[c.entity_id] for c in view.entity_counts if c.entity_id in by_id]
    texts = [view.article.title, *(b.text for b in view.blocks), *(n.text for n in view.footnotes)]
    return key_text(texts, [entity.ar for entity in mentioned])


def english_key_text(
    view: ArticleView, by_id: Mapping[str, Entity], shown: Sequence[str], glossed: Sequence[int]
) -> str:
    """The hidden key text of an English page (`shown`: its title and the paragraphs it shows
    in English, glossed or outdated; `glossed`: the indexes of those paragraphs' Arabic
    blocks): one group per mentioned entity whose English name the page shows, with that
    name's words, so that `Donald Trump` finds a translation writing `Trump` and the page
    marks the word it shows. The page shows a name when a paragraph in English whose Arabic
    (as it is now, for an outdated one) names the entity shows a word of it in its English,
    or when the page shows its every word: a word of the name shown elsewhere is no sign of
    it ("US forces" showed the word of "Syrian Democratic Forces", whose paragraph writes
    "SDF", and `democratic` listed the page, marking "forces"). A name the translation does
    not show finds nothing: a result always shows what matched. A word of three letters or
    fewer (The, of, Al) is no sign that the page shows the name, as every page writes `the`;
    the group holds the name's every word all the same, so that the name as the registry
    writes it (`Christopher C. Miller`) finds a translation writing `Christopher Miller` (the
    page marks no such short word by the name: excerpts.js)."""
    keys = {token.key for token in tokenize("\n".join(shown))}
    # Per entity, the words of the English of the paragraphs whose Arabic names it:
    # a word of its name shown in another paragraph ("US forces") is no sign of it.
    near: dict[str, set[str]] = {}
    for text, index in zip(shown[1:], glossed, strict=True):
        paragraph = {token.key for token in tokenize(text)}
        for mention in view.blocks[index].mentions:
            near.setdefault(mention.entity_id, set()).update(paragraph)
    names = []
    for count in view.entity_counts:
        entity = by_id.get(count.entity_id)
        english = [words(name) for name in entity.en_names] if entity is not None else []
        beside = near.get(count.entity_id, set())
        # Any of its English names (the registry's variants too: `Copsy`) shows the entity.
        for name in english:
            long = [word_key(word) for word in name if len(word) > 3]
            if any(key in beside for key in long) or (long and all(key in keys for key in long)):
                names.append(tuple(" ".join(each) for each in english))
                break
    # The words of its text Pagefind does not index itself are the only ones here: the
    # one-letter parts of F-16 or S-400, the digits of 3.5% (unindexed_words).
    return " ".join((*unindexed_words(shown), *joined_numbers(shown))) + key_text((), names)


def date_attributes(date: PartialDate) -> Markup:
    """What a search record's date carries for Pagefind: the sort, the results' date and the
    year filter.

    Pagefind makes every meta field searchable, so the date a result shows is no meta of
    words: a search for a month's name or a year would list every article of that month or
    year. The meta is the date as one token no reader types (`d20201117`: a letter, the
    digits of the ISO date), from which the search page writes the date (search.js).
    """
    iso = date.iso()  # digits and dashes: nothing to escape, and no comma to split the list
    token = "d" + iso.replace("-", "")
    # Sorted as text: a day's timed articles (2026-12-07T14:30) after its untimed one.
    return Markup(
        f' data-pagefind-sort="date:{date.local_iso()}" data-pagefind-meta="date:{token}"'
        f' data-pagefind-filter="year:{date.year:04d}"'
    )


def key_text(shown: Iterable[str], names: Iterable[Sequence[str]] = ()) -> str:
    """The hidden key text of a page showing `shown` texts and mentioning entities of `names`.

    First each indexed form of the shown words once, in order of first use: one occurrence
    is enough to be found, and Pagefind's time grows with the text it indexes. Forms that the
    page already shows as a plain word are left out, as Pagefind indexes the shown text
    itself. Then, after GROUP, the forms of each mentioned entity's registry names, one group
    per entity: a search for any spelling of a name finds the page, and the search page
    highlights the words of the text that spell a name of the group it matched.
    """
    # Whole texts joined by newlines (no word spans one) and terms chained in C: an article
    # has about a thousand words, and a generator step per word was a tenth of its page.
    shown = tuple(shown)
    seen = dict.fromkeys(words("\n".join(shown)))
    terms = dict.fromkeys(chain.from_iterable(map(surface_terms, seen)))
    # A name's عبد written apart from the word after it (عبد الستار) is also keyed as the one
    # word it is written joined (عبدالستار: arabic.apart_names), so that either spelling of
    # the name finds the other; the query joins the two words alike (readings.js, nameOf).
    if ABD in terms:  # a word reads عبد: the text may write a name with it apart
        named = chain.from_iterable(map(apart_names, shown))
        terms.update(dict.fromkeys(chain.from_iterable(map(word_terms, named))))
    text = " ".join(term for term in terms if term not in seen or not term.isalpha())
    numbers = (*joined_numbers(shown), *grouped_numbers(shown))
    if numbers:
        text = " ".join([text, *numbers]) if text else " ".join(numbers)
    groups = (_name_forms(tuple(group)) for group in names)
    return "".join(chain([text], (f" {GROUP} {group}" for group in groups if group)))


@lru_cache(maxsize=1 << 12)  # an archive mentions the same entities again and again
def _name_forms(names: tuple[str, ...]) -> str:
    """The indexed forms of every word of an entity's names, each once."""
    forms = chain.from_iterable(map(surface_terms, words("\n".join(names))))
    named = chain.from_iterable(map(word_terms, chain.from_iterable(map(apart_names, names))))
    return " ".join(dict.fromkeys(chain(forms, named)))


@lru_cache(maxsize=1 << 17)
def surface_terms(word: str) -> tuple[str, ...]:
    """word_terms of a word as written, then, unless it spells a function word, the EXACT form
    of each of them that holds one (فئة: فيه, يه, exactفيهexact), which a query word meets
    when it is no function word either."""
    terms = word_terms(to_key(word))
    if spells_function_word(word):
        return terms
    exact = tuple(exact_form(term) for term in terms if holds_function_word(term))
    return (*terms, *exact) if exact else terms
