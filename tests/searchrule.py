"""The rule of docs/search.md ("Which articles match"), written independently of newsarchive:
which articles a query lists, computed from the articles' text and the registry names of the
entities they mention. The browser tests compare what the search page lists with it
(test_search_precision, test_search_unseen, test_search_names). The stemmer is the Snowball
Arabic stemmer (the snowballstemmer package), the algorithm Pagefind stems with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import snowballstemmer
import yaml

STEMMER = snowballstemmer.stemmer("arabic")

# Persian, Kurdish and Urdu keyboards' letters and Eastern digits, as the Arabic letters and
# digits (a Kurdish ە inside a word dropped); thousands in groups, which are the number they
# write.
KEYBOARD = str.maketrans(
    "یکەھڕڵێۆپچڤگےہۃٹڈڑں٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "يكههرليوبجفكيههتدرن" + "0123456789" * 2
)
THOUSANDS = re.compile(r"(?<!\d)\d{1,3}(?:[,٬]\d{3})+(?!\d)")
TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")


def key(word: str) -> str:
    """A word with tashkeel, tatweel and hamza marks dropped, ة→ه, ى→ي and KEYBOARD folded; in the
    word a hamza seat (ؤ ئ ء) before و is و, a last ء or ئ, with ي before it or not, is ء, and
    the أ of a last يأة or يأه is ئ (هيأة is هيئة)."""
    composed = re.sub(r"ە(?=[^\W\d_])", "", unicodedata.normalize("NFC", word))
    composed = TASHKEEL.sub("", composed)
    composed = re.sub(r"(?<=\w)[ؤئء](?=و)", "و", composed)
    composed = re.sub(r"(?<=\w)[يى]?[ئء]$", "ء", composed)
    composed = re.sub(r"(?<=ي)أ(?=[ةه]$)", "ئ", composed)
    decomposed = unicodedata.normalize("NFKD", composed.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    folded = kept.translate(str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", **KEYBOARD}))
    return unicodedata.normalize("NFC", folded)


def written(word: str) -> str:
    """A word as Pagefind indexes its text: lower case, combining marks (tashkeel, and the
    hamza that NFD splits off its seat) dropped; ة and ى kept."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    return unicodedata.normalize("NFC", kept)


def readings(word: str) -> set[str]:
    """The word and what is left after stripping و/ف, then ب/ل/ك, then ال (stems of 2+ letters);
    ل + ال is written لل."""
    return _stems(key(word))


def _stems(k: str) -> set[str]:
    """readings() of a string as it is, not keyed."""
    found = {k}
    for conj in [0, 1] if k[:1] in "وف" else [0]:
        for prep in [conj, conj + 1] if k[conj : conj + 1] in ("ب", "ل", "ك") else [conj]:
            rest = k[prep:]
            stems = [rest] if prep > 0 else []
            if rest.startswith("ال"):
                stems.append(rest[2:])
            elif prep > conj and k[conj] == "ل" and rest.startswith("ل"):
                stems += ["ال" + rest[1:], rest[1:]]
            found.update(s for s in stems if len(s) >= 2 and s != "ال")
    return found


WORD = r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670])+"
# A number in groups of thousands standing as a word (120,000, ١٢٠٬٠٠٠, a proclitic on it or
# not): a query's is one word,
# its digits joined, which a text holds joined (THOUSANDS) or written so; in a phrase it is
# the run of the text writing it.
GROUPED = re.compile(r"(?<![^\W_])[وف]?[بلك]?\d{1,3}(?:[,٬]\d{3})+(?![^\W_])")

# The function words: a query word meets one (a reading of it, or a reading with proclitics on
# one) only when it is typed as one (a proclitic on it or not, alef's hamza and ى either way).
_FUNCTION_WRITTEN = "في فيه فيها لم لن لا ما هي هو هم من عن أن إن قد كل مع"
FUNCTION = {key(w) for w in _FUNCTION_WRITTEN.split()}


def spells_function(word: str) -> bool:
    """Whether a word as written is a function word, a proclitic on it or not (not فئة)."""
    plain = TASHKEEL.sub("", unicodedata.normalize("NFC", word.casefold()))
    plain = plain.translate(str.maketrans("أإآٱى", "ااااي"))
    return bool(_stems(plain) & FUNCTION)


def holds_function(reading: str) -> bool:
    return bool(_stems(reading) & FUNCTION)


def article_forms(word: str) -> tuple[set[str], set[str]]:
    """A word of an article as indexed: its readings, and those of them holding a function
    word, matched exactly (no stemmer), unless the word is itself a function word."""
    found = readings(word)
    exact = set() if spells_function(word) else {r for r in found if holds_function(r)}
    return found, exact


def query_forms(word: str) -> tuple[set[str], set[str]]:
    """A query word's readings that meet an article's under the stemmer, and those that meet
    only the same exact form: a stem of a proclitic stripped keeps three letters (or is
    digits); a reading holding a function word is exact, unless the word is typed as one."""
    k = key(word)
    kept = {r for r in readings(word) if r == k or len(r) >= 3 or r.isdigit()}
    if spells_function(word):
        return kept, set()
    return {r for r in kept if not holds_function(r)}, {r for r in kept if holds_function(r)}


def as_written_counts(word: str) -> bool:
    """Whether the word as typed, as Pagefind reads it, finds an article: a word in no Arabic
    letter, or one ending in ئ (Pagefind reads it as ي: برئ finds بري). An Arabic word
    typed in a spelling its key folds (هيئة) only ranks."""
    return not re.search("[\u0600-\u06ff]", word) or word.endswith("ئ")


INTERNAL = re.compile("everyarchivepage|joineddigits[0-9]*|exact[\u0600-\u06ff].*exact")


def words(text: str) -> list[str]:
    """The words of a text, each with the tashkeel written on it (ألفًا is one word)."""
    return re.findall(WORD, text)


# A name's عبد (a و or ف, then a ب ل or ك, may be written on it; not العبد) and a word of ال
# and two letters more after it, with only spaces between (no punctuation, no line break):
# one word, the name as it is also written joined (عبد الستار is عبدالستار).
ABD = re.compile(r"[وف]?[بلك]?عبد")
NAME_GAP = re.compile("[ \t\u00a0\u200b-\u200f\u2066-\u2069]+")


def is_name(first: str, second: str) -> bool:
    """Whether two words, one after the other, are a name's عبد and the word after it."""
    following = key(second)
    return bool(ABD.fullmatch(key(first))) and following.startswith("ال") and len(following) >= 4


def apart(text: str) -> list[tuple[str, str]]:
    """The names with عبد that a text writes apart: (عبد, the word after it), as written."""
    found = list(re.finditer(WORD, text))
    return [
        (a.group(), b.group())
        for a, b in pairwise(found)
        if NAME_GAP.fullmatch(text[a.end() : b.start()]) and is_name(a.group(), b.group())
    ]


def query_words(query: str) -> list[str]:
    """The words of a query, a name's عبد and the word after it joined into one, and a number in
    groups of thousands one word of its digits (120,000 is 120000)."""
    found = list(re.finditer(f"{GROUPED.pattern}|{WORD}", query))
    joined: list[str] = []
    at = 0
    while at < len(found):
        word = re.sub("[,٬]", "", found[at].group())
        if at + 1 < len(found):
            gap = query[found[at].end() : found[at + 1].start()]
            if NAME_GAP.fullmatch(gap) and is_name(word, found[at + 1].group()):
                joined.append(word + found[at + 1].group())
                at += 2
                continue
        joined.append(word)
        at += 1
    return joined


@dataclass(frozen=True)
class Article:
    url: str
    text: str  # title and body
    names: tuple[str, ...]  # every registry name of the entities it mentions

    def exact(self) -> set[str]:
        """Its readings that hold a function word, of words that are not one (article_forms)."""
        return {
            r for w in words(self.text) + words(" ".join(self.names)) for r in article_forms(w)[1]
        }

    def stems(self) -> set[str]:
        forms = {r for w in words(self.text) + words(" ".join(self.names)) for r in readings(w)}
        forms |= {key(w) for w in words(self.text)} | {written(w) for w in words(self.text)}
        forms |= {key(re.sub("[,٬]", "", n)) for n in THOUSANDS.findall(self.text)}
        for first, second in apart(self.text) + [p for n in self.names for p in apart(n)]:
            forms |= readings(first + second)
        return {STEMMER.stemWord(f) for f in forms}


def _phrase_at(typed: list[str], text: str, at: int) -> bool:
    """Whether the words of text from `at` are the typed words in order, spelling variants
    only: a word of the text, or a name's عبد and the word after it, for a typed word."""
    found = list(re.finditer(WORD, text))
    for w in typed:
        grouped = GROUPED.match(text, found[at].start()) if at < len(found) else None
        if grouped and _meets(w, re.sub("[,٬]", "", grouped.group())):
            at += len(words(grouped.group()))
        elif at < len(found) and _meets(w, found[at].group()):
            at += 1
        elif (
            at + 1 < len(found)
            and NAME_GAP.fullmatch(text[found[at].end() : found[at + 1].start()])
            and is_name(found[at].group(), found[at + 1].group())
            and _meets(w, found[at].group() + found[at + 1].group())
        ):
            at += 2
        else:
            return False
    return True


def _meets(typed: str, word: str) -> bool:
    """Whether a word of a text is a typed word in a spelling or proclitic variant."""
    plain, exact = query_forms(typed)
    held, held_exact = article_forms(word)
    return bool(plain & held or exact & held_exact)


def holds(article: Article, query: str) -> bool:
    """Whether the article holds every word of the query in an accepted form (docs/search.md)."""
    typed = query_words(query)
    if not typed:  # punctuation alone (٪, ?) asks for nothing
        return False
    if any(INTERNAL.fullmatch(key(w)) for w in typed):  # the index's own words
        return False
    stems, exact = article.stems(), article.exact()
    for w in typed:
        plain, exactly = query_forms(w)
        stemmed = plain | ({written(w)} if as_written_counts(w) else set())
        if not ({STEMMER.stemWord(r) for r in stemmed} & stems or exactly & exact):
            return False
    if not (query.startswith(('"', "«")) and len(typed) > 1):
        return True
    # A phrase: the words in order, spelling variants only, in the title or in the body.
    return any(
        _phrase_at(typed, text, at)
        for text in article.text.split("\n", 1)
        for at in range(len(words(text)))
    )


def holding(articles: list[Article], query: str) -> set[str]:
    """The addresses of the articles that hold the query (holds)."""
    return {article.url for article in articles if holds(article, query)}


def built_articles(root: Path, paths: list[str]) -> list[Article]:
    """The articles of an archive built at root (content/ and site/), by their paths under
    content/: their title and text, and the registry names of the entities each one's search
    record mentions (what the mention makes searchable is the registry's, read here)."""
    registry = yaml.safe_load((root / "content/entities.yaml").read_text(encoding="utf-8"))
    by_name = {entry["ar"][0]: entry["ar"] for entry in registry}
    found = []
    for rel in paths:
        _, front, body = (root / "content" / rel).read_text(encoding="utf-8").split("---\n", 2)
        url = "/" + rel.removesuffix(".md") + "/"
        record = (root / "site/.search" / url.strip("/") / "index.html").read_text()
        mentioned = re.findall(r'data-pagefind-filter="\w+">([^<]+)</li>', record)
        names = tuple(n for name in mentioned if name in by_name for n in by_name[name])
        found.append(Article(url, f"{yaml.safe_load(front)['title']}\n{body}", names))
    return found


# English names in other spellings (docs/search.md, "Names in other spellings"): a query word
# that is no word of an entity's English names is also read as each such word with its
# skeleton. Written apart from templates/static/js/latinnames.js, which the browser tests
# compare with it word for word.
ENGLISH_STEMMER = snowballstemmer.stemmer("english")
JOINING_LATIN = {"al", "el", "the", "of", "and", "for", "to", "de"}


def latin_key(word: str) -> str:
    """A Latin word lowercased with its accents and apostrophes dropped."""
    folded = unicodedata.normalize("NFKD", word.lower().replace("'", "").replace("\u2019", ""))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def skeleton(word: str) -> str | None:
    """How a Latin word transliterates: a final h after a vowel dropped, a final vowel (a run
    of a e i o u, or a y) one `V`, the other vowels but a leading one dropped (y only at the
    end is one), doubled letters one; None for a word of fewer than 4 letters a-z, a joining
    word, or a skeleton of fewer than 3."""
    k = latin_key(word)
    if not re.fullmatch("[a-z]{4,}", k) or k in JOINING_LATIN:
        return None
    if re.search("[aeiou]h$", k):
        k = k[:-1]
    final = "V" if re.search("[aeiouy]$", k) else ""
    k = re.sub("(?:[aeiou]+|y)$", "", k)
    shape = re.sub(r"(.)\1+", r"\1", k[0] + re.sub("[aeiou]", "", k[1:])) + final
    return shape if len(shape) >= 3 else None


def name_skeleton(name: str) -> str:
    """A whole English name's skeleton: its words' (a word with none as itself), a leading
    al- or el- left out."""
    found = [latin_key(w) for w in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?|\d+", name)]
    if found and found[0] in ("al", "el") and len(found) > 1:
        found = found[1:]
    return " ".join(skeleton(w) or w for w in found)


def english_forms(typed: str, name_words: set[str]) -> set[str]:
    """The words a typed English query word is read as: itself, and unless it is a word of an
    entity's English names (name_words: their keys), the names' words with its skeleton."""
    k = latin_key(typed)
    shape = skeleton(k)
    if k in name_words or shape is None:
        return {k}
    return {k} | {w for w in name_words if skeleton(w) == shape}


def english_holds(text: str, names: tuple[str, ...], query: str, name_words: set[str]) -> bool:
    """Whether an English page (`text`: its title and the English it shows, that of its
    glossed paragraphs and of its outdated ones, which the page shows marked so; `names`: the
    English names of the entities it mentions and shows) holds every word of the query in
    one of its forms, by Pagefind's English stemmer."""
    held = {
        ENGLISH_STEMMER.stemWord(latin_key(w))
        for w in re.findall(r"[^\W_]+", text + "\n" + "\n".join(names))
    }
    typed = re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", query)
    return bool(typed) and all(
        any(ENGLISH_STEMMER.stemWord(f) in held for f in english_forms(w, name_words))
        for w in typed
    )
