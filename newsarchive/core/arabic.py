"""The forms of an Arabic string: display and key (matching/search); slugs are in slugs.py.

Also tokens with offsets into the original text, and proclitic splitting for keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Invisible format characters: bidi controls and marks, zero-width characters, soft hyphen
# (the matcher, the Markdown renderer and the messages ask these too).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLES = BIDI_CONTROLS + _ZERO_WIDTH + "\u00ad"
_TATWEEL = "\u0640"
# Tashkeel, hamza above/below and maddah (U+064B–U+065F), superscript alef, Quranic marks.
_ARABIC_MARKS = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific signs written above words
)
_LATIN_MARKS = [chr(c) for c in range(0x0300, 0x0370)]

# The key folds hamza seats away entirely. NFKD already splits أ إ آ ؤ ئ ۀ into a base
# letter plus a hamza/maddah mark, which is dropped with the tashkeel, so ؤ→و and ئ→ي
# come for free and consistently (the same result whether the text was typed composed or
# decomposed). That is also what readers type: hamza seats are often omitted or
# misplaced (مسوول/مسؤول, هيية/هيئة). ٱ and the wavy-hamza alefs have no
# decomposition, so they are folded explicitly, as are ى→ي and ة→ه. Persian/Kurdish
# keyboard forms (ی ک ە ھ) are folded to their Arabic letters. So are the Kurdish letters
# that are an Arabic letter with a mark (ڕ ڵ ێ ۆ) and the Persian and Kurdish letters Arabic
# copy writes with the nearest Arabic one (پ→ب, چ→ج, ڤ→ف, گ→ك), and a Kurdish ە inside a
# word, a vowel Arabic does not write, is dropped (at a word's end it is the ه or ة Arabic
# writes there): Arabic copy writes رانية, هولير, كويه, بيشمركة, جمجمال for ڕانیە, هەولێر,
# کۆیە, پێشمەرگە, چەمچەماڵ. Urdu's letters are folded the same way (ے→ي, ہ→ه, ۃ→ه, and
# ٹ ڈ ڑ ں to ت د ر ن): copy typed on an Urdu keyboard writes مصطفیٰ الکاظمے for مصطفى
# الكاظمي; ۀ and ۂ are ە and ہ with a hamza mark, so fold with them. None of these letters
# is in an Arabic word. Eastern Arabic
# digits are folded to ASCII, so that the same word typed on another keyboard has the same key.
# The hamza marks (U+0654/U+0655) are kept until the seats are folded (_fold_hamza_seats).
_HAMZA_MARKS = "\u0654\u0655"
_KEY_TABLE = str.maketrans(
    {
        **{ch: None for ch in INVISIBLES + _TATWEEL},
        **{ch: None for ch in _ARABIC_MARKS + _LATIN_MARKS if ch not in _HAMZA_MARKS},
        "\u0671": "\u0627",  # ٱ alef wasla
        "\u0672": "\u0627",  # ٲ alef with wavy hamza above
        "\u0673": "\u0627",  # ٳ alef with wavy hamza below
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        "\u06cc": "\u064a",  # ی Farsi yeh → ي
        "\u06a9": "\u0643",  # ک keheh → ك
        "\u06d5": "\u0647",  # ە Kurdish ae → ه
        "\u06be": "\u0647",  # ھ heh doachashmee → ه
        "\u0695": "\u0631",  # ڕ Kurdish rr → ر
        "\u06b5": "\u0644",  # ڵ Kurdish ll → ل
        "\u06ce": "\u064a",  # ێ Kurdish ê → ي
        "\u06c6": "\u0648",  # ۆ Kurdish o → و
        "\u067e": "\u0628",  # پ peh → ب
        "\u0686": "\u062c",  # چ tcheh → ج
        "\u06a4": "\u0641",  # ڤ veh → ف
        "\u06af": "\u0643",  # گ gaf → ك
        "\u06d2": "\u064a",  # ے Urdu yeh barree → ي
        "\u06c1": "\u0647",  # ہ Urdu heh goal → ه
        "\u06c3": "\u0647",  # ۃ Urdu teh marbuta goal → ه, as ة
        "\u0679": "\u062a",  # ٹ Urdu tteh → ت
        "\u0688": "\u062f",  # ڈ Urdu ddal → د
        "\u0691": "\u0631",  # ڑ Urdu rreh → ر
        "\u06ba": "\u0646",  # ں Urdu noon ghunna → ن
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_DROP_HAMZA_MARKS = str.maketrans(dict.fromkeys(_HAMZA_MARKS))

# Newsrooms seat the same hamza differently: Iraqi and Levantine text writes مسؤول شؤون
# رؤوس يقرؤون, Egyptian text مسئول شئون رءوس يقرئون/يقرءون; and a word's last hamza is
# written شيء, شئ or شيئ (Egyptian شىء), بطء or بطئ. Dropping the mark alone gives مسوول
# and مسيول, so two folds of the seat itself, never of a plain letter, inside a word
# (after a letter: Kurdish writes ئ at a word's start) make these one key:
# - ئ ؤ ء before و key to و: مسئول, مسءول → مسوول; شئون → شوون; رءوس → رووس; رءوف → رووف.
# - a word's last ئ or ء, with a ي before it or not, keys to ء: شيء شئ شيئ → شء, بطء بطئ
#   → بطء, شاطئ شاطيء → شاطء, سوئ → سوء. So a last ئ no longer keys like a plain ي:
#   هادئ (calm) is not هادي (Hadi), قارئ not قاري, بريء (innocent) not بري (ground),
#   سيء not سي (CNN's سي), فيء not في, كفء not كفى. The price: a name is no longer matched
#   in شاطي, typed with no hamza at all, for شاطئ. Search still joins a last ئ with ي, as
#   Pagefind drops the hamza mark of what it indexes and looks up (readings.js, typedFirst).
# Checked for false merges, all of one root or rare: ينشئون/ينشؤون (create/grow up),
# يقرئون/يقرؤون (teach to read/read), جزء/جزيء (part/molecule), المرء/المريء, برء/بريء,
# ملء/مليء, بطء/بطيء, ردء/رديء; unchanged and apart: سيول شيوخ يوم عيون ديون (plain ي
# before و), سوء/سوى, ضوء, هدوء, سماء, جزئي, رئيس, هيئة, مؤتمر, كبرئيل.
# - ي + أ + ة at a word's end (ه: the key has folded ة) keys as ي + ئ + ة: Iraqi official
#   copy writes هيأة (هيأة النزاهة) where other outlets write هيئة, so الهيأة, بهيأة and
#   وهيأة are الهيئة, بهيئة and وهيئة (and تهيأة, بيأة, خطيأة, misspelt, their ئ words).
#   Only at a word's end, and only an أ typed (هياة stays). Checked for false merges:
#   مهيأة (prepared) and مهيئة (preparing), and the verb هيأه (prepared it) with هيئه: one
#   root, rare in news; unchanged and apart: يأتي سيأتي ييأس (يأ not at a word's end),
#   هيأت هيأتها (a suffix after the ة: يأت also begins يأتي), منشأة ملجأ مبدأ (no ي before
#   the أ), بيئة هيئة.
_SEATS = ("\u064a\u0654", "\u0648\u0654", "\u0621", "\u064a\u0627\u0654")  # ئ ؤ ء يأ
_SEAT = "(?:[\u064a\u0648]\u0654|\u0621)"
_AFTER_LETTER = "(?<=[^\\W_]|[\u0654\u0655])"
_SEAT_BEFORE_WAW = re.compile(f"{_AFTER_LETTER}{_SEAT}(?=\u0648)")
_LAST_HAMZA = re.compile(f"{_AFTER_LETTER}\u064a?(?:\u064a\u0654|\u0621)(?![^\\W_])")
_ALEF_SEAT_BEFORE_TEH = re.compile("(?<=\u064a)\u0627\u0654(?=\u0647(?![^\\W_]))")
# - a word's first ئ is Kurdish: Arabic seats a hamza at a word's start on alef, Kurdish
#   writes every word that begins with a vowel with ئ, and ئا for a long a. So a first ئا
#   or ئ keys to ا, as the alef Arabic copy writes for it: ئازاد is آزاد (Azad), ئەحمەد is
#   أحمد (the ە inside it is dropped), ئیران is إيران, ئومێد is أوميد. Only at a word's
#   start, never after a proclitic: وئام (harmony), بئر (a well), فئة, لئلا are Arabic
#   words and keep their ئ.
_KURDISH_FIRST_HAMZA = re.compile("(?<![^\\W_])(?<![\u0654\u0655])\u064a\u0654\u0627?")


def _fold_hamza_seats(decomposed: str) -> str:
    """The key letters of decomposed text with its hamza marks: seats folded as above."""
    if not any(seat in decomposed for seat in _SEATS):  # nearly every word: no regex
        return decomposed.translate(_DROP_HAMZA_MARKS)
    folded = _KURDISH_FIRST_HAMZA.sub("\u0627", decomposed)
    folded = _LAST_HAMZA.sub("\u0621", _SEAT_BEFORE_WAW.sub("\u0648", folded))
    folded = _ALEF_SEAT_BEFORE_TEH.sub("\u064a\u0654", folded)
    return folded.translate(_DROP_HAMZA_MARKS)


# A word is a run of letters/digits and the marks that sit on them; invisible joiners
# inside a word (ZWNJ between Persian morphemes, a stray RLM) do not split it.
MARK_CLASS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = f"(?:[^\\W_]|[{MARK_CLASS}])"
_TOKEN_RE = re.compile(f"{_WORD}+(?:[{INVISIBLES}]+{_WORD}+)*")
# The same words in a text without "_" (nearly all): one character set instead of a choice
# per character is a third faster, and [\w marks] differs from _WORD only by "_".
_PLAIN_TOKEN_RE = re.compile(f"[\\w{MARK_CLASS}]+(?:[{INVISIBLES}]+[\\w{MARK_CLASS}]+)*")
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")
_PLAIN_TOKEN_SPLIT = re.compile(f"({_PLAIN_TOKEN_RE.pattern})")
# Without invisible characters (nearly all text) no word has parts to join: a fifth faster.
_BARE_TOKEN_SPLIT = re.compile(f"([\\w{MARK_CLASS}]+)")
_INVISIBLE_RE = re.compile(f"[{INVISIBLES}]")


def _token_re(text: str) -> re.Pattern[str]:
    """The fastest pattern that finds exactly the words of ``text``."""
    return _TOKEN_RE if "_" in text else _PLAIN_TOKEN_RE


def split_words(text: str) -> list[str]:
    """``text`` cut into [gap, word, gap, …, word, gap]: the words of tokenize at odd indexes.

    The pieces add up to the text, so offsets are sums of lengths: cheaper than a match
    object per word when only a few words need their offsets.
    """
    if "_" in text:
        return _TOKEN_SPLIT.split(text)
    if _INVISIBLE_RE.search(text) is None:
        return _BARE_TOKEN_SPLIT.split(text)
    return _PLAIN_TOKEN_SPLIT.split(text)


# The letters Arabic writes onto the next word: a conjunction (و and, ف so), then a
# preposition (ب with, ل for, ك as), then the article ال (ل + ال is written لل). The one
# copy: the matcher's stems, search's numbers, mentions' links and autolinks read them here,
# and templates/static/js/bidi.js writes them out (tests/test_address_runs.py compares).
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
PROCLITICS = CONJUNCTIONS + PREPOSITIONS
ARTICLE = "ال"

# What no reader sees as part of a word's spelling: invisibles, tatweel and tashkeel.
UNSEEN_IN_WORDS = INVISIBLES + _TATWEEL + "".join(_ARABIC_MARKS)
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))


class Token(NamedTuple):
    """A word of a text: [start, end) offsets into the original text and its key."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Split:
    """A key with its proclitics removed: ``prefix`` key characters were stripped.

    ``article`` is true when the definite article itself was stripped (so the stem is
    the bare noun); لل+X gives the stem ال+X with only the first ل in the prefix.
    """

    stem: str
    prefix: int
    article: bool


# Where a sentence ends: ! ? ؟, a line break, or a full stop before a space or the end; a
# dot inside 3.3, www.example.org or photo.jpg ends nothing, nor the last stop of an
# abbreviation of single letters (U.S., U.N.) that an Arabic sentence goes on after.
SENTENCE_BREAK = re.compile(r"[!?؟\n]|(?<![A-Za-z]\.[A-Za-z])\.(?=\s|$)")


def to_display(text: str) -> str:
    """The display form: NFC only, every letter and joiner kept as written."""
    return unicodedata.normalize("NFC", text)


# A word as typed drops only what no reader sees as a spelling: tashkeel, tatweel and
# invisibles. Hamza seats, ى and ة stay as typed (NFC keeps أ ؤ ئ composed).
_TYPED_TABLE = str.maketrans(dict.fromkeys(UNSEEN_IN_WORDS))


# A regular expression, not str.translate: translate looks each character of non-ASCII text
# up in its table, 40-90 us for a paragraph, and every paragraph's fingerprint takes this
# (`status` at 20,000 articles spent 8 s of its 20 s in it); the expression scans it in 5 us.
_UNSEEN_RE = re.compile(f"[{INVISIBLES}{_TATWEEL}]")


def has_invisibles(text: str) -> bool:
    """Whether ``text`` holds an invisible character (a bidi mark or control, a zero-width
    character, a soft hyphen)."""
    return _INVISIBLE_RE.search(text) is not None


def without_invisibles(text: str) -> str:
    """``text`` without invisible characters (zero-width joiners, bidi marks, soft hyphens)
    and tatweel: what a word processor leaves in a name, which a reader does not see."""
    return _UNSEEN_RE.sub("", text)


def as_typed(word: str) -> str:
    """A word as the reader typed it, for ranking the spelling typed first: NFC, lower case,
    no tashkeel, tatweel or invisibles; unlike the key, hamza, ى and ة are kept."""
    return unicodedata.normalize("NFC", word.casefold()).translate(_TYPED_TABLE)


_KURDISH_VOWEL = re.compile("\u06d5(?=[^\\W\\d_])")  # ە with a letter after it, in the word


def to_key(text: str) -> str:
    """The matching/search key: no marks, tatweel or invisibles; hamza/alef/yeh/teh folded."""
    if "\u06d5" in text:  # nearly never: no regex
        text = _KURDISH_VOWEL.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_KEY_TABLE)
    return unicodedata.normalize("NFC", _fold_hamza_seats(decomposed))


@lru_cache(maxsize=1 << 17)
def word_key(word: str) -> str:
    """to_key of one word, remembered: news text repeats a small vocabulary."""
    return to_key(word)


# A name with عبد is written joined or apart (عبدالله, عبد الله; عبدالجبار, عبد الجبار):
# names are matched as the two words, whichever way text and registry write them.
ABD = "عبد"
_ABD_JOINED = ABD + ARTICLE


def name_parts(key: str) -> tuple[str, ...]:
    """A word's key as the words names are matched by: عبدالجبار is عبد, الجبار."""
    if key.startswith(_ABD_JOINED) and len(key) >= len(_ABD_JOINED) + 2:
        return (ABD, key[len(ABD) :])
    return (key,)


# What may separate the words of a name: spaces and invisible characters, never
# punctuation, quotes or a line break (a paragraph boundary in plain text).
NAME_GAP = re.compile(f"(?:[^\\S\r\n\u0085\u2028\u2029]|[{INVISIBLES}])+")


def joined_name(first: str, second: str) -> str | None:
    """The one word that two words' keys make when they are a name's عبد and the word after
    it, written apart (عبد الستار is عبدالستار, وعبد الله وعبدالله), by name_parts' rule: the
    second begins with ال and two letters more (not عبد ربه, عبد الله's عبد alone), the first
    is عبد with no proclitic but و ف ب ل ك (not العبد of أحمد العبد الله); else None."""
    if name_parts(ABD + second) != (ABD, second):
        return None
    abd = any(split.stem == ABD and not split.article for split in split_proclitics(first))
    return first + second if abd else None


def apart_names(text: str) -> tuple[str, ...]:
    """The key of each name with عبد that ``text`` writes apart, joined (joined_name), each
    once: what the same name written joined is keyed as."""
    parts = split_words(text)  # [gap, word, gap, word, …, gap]
    found = (
        joined_name(word_key(parts[at]), word_key(parts[at + 2]))
        for at in range(1, len(parts) - 2, 2)
        if NAME_GAP.fullmatch(parts[at + 1])
    )
    return tuple(dict.fromkeys(name for name in found if name is not None))


def alphabetical_key(name: str) -> tuple[str, str]:
    """The order of a name in an Arabic index: alphabetical by its key (hamza and alef forms,
    ة/ه, ى/ي folded; no tashkeel, tatweel or invisibles), ignoring a leading article as
    Arabic indexes do (الحسكة under ح); the whole key settles ties."""
    key = " ".join(token.key for token in tokenize(name))
    bare = key.removeprefix(ARTICLE)
    return (bare if len(bare.split(" ", 1)[0]) >= 2 else key), key


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with their offsets and keys; punctuation and spaces separate."""
    matches = _token_re(text).finditer(text)
    return tuple(Token(m.start(), m.end(), word_key(m.group())) for m in matches)


def words(text: str) -> list[str]:
    """The words of ``text`` as written, in order (tokenize without offsets and keys: cheaper)."""
    found: list[str] = _token_re(text).findall(text)
    return found


@lru_cache(maxsize=1 << 17)
def split_proclitics(key: str) -> tuple[Split, ...]:
    """The key itself, then every stem left by stripping و/ف, ب/ل/ك and ال (stems ≥ 2 letters)."""
    splits = [Split(key, 0, False)]
    conj_ends = [0, 1] if key[:1] and key[0] in CONJUNCTIONS else [0]
    for conj in conj_ends:
        letter = key[conj : conj + 1]
        prep_ends = [conj, conj + 1] if letter and letter in PREPOSITIONS else [conj]
        for prep in prep_ends:
            if prep > 0:
                splits.append(Split(key[prep:], prep, False))
            if key.startswith(ARTICLE, prep):
                splits.append(Split(key[prep + 2 :], prep + 2, True))
            elif prep > conj and key[conj] == "ل" and key.startswith("ل", prep):
                # ل + ال is written لل: the article's alef is dropped, so restore it.
                splits.append(Split(ARTICLE + key[prep + 1 :], prep, False))
                splits.append(Split(key[prep + 1 :], prep + 1, True))
    seen: set[str] = set()
    result: list[Split] = []
    for split in sorted(splits, key=lambda s: (s.prefix, s.article)):
        usable = split.prefix == 0 or (len(split.stem) >= 2 and split.stem != ARTICLE)
        if usable and split.stem not in seen:
            seen.add(split.stem)
            result.append(split)
    return tuple(result)


def proclitic_stems(key: str) -> tuple[str, ...]:
    """The key first, then the stems left after stripping attached proclitics."""
    return tuple(split.stem for split in split_proclitics(key))


def has_arabic_letter(text: str) -> bool:
    """Whether `text` holds a letter of the Arabic script (not merely its digits or marks)."""
    return any(ch.isalpha() and in_arabic_block(ch) for ch in text)


def in_arabic_block(ch: str) -> bool:
    """Whether `ch` is in the Arabic script's blocks (letters, digits, marks)."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _ARABIC_RANGES)
