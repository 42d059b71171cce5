"""Display, key and slug forms; tokens with offsets; proclitic stems."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.core.arabic import (
    Token,
    alphabetical_key,
    apart_names,
    joined_name,
    name_parts,
    proclitic_stems,
    split_proclitics,
    to_display,
    to_key,
    tokenize,
    without_invisibles,
)
from newsarchive.core.slugs import slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسراييل"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("مؤتمر", "موتمر"),
        ("هيئة", "هييه"),
        ("كَتَبَ", "كتب"),
        ("ـكـتـــاب", "كتاب"),
        ("القرآنُ ٰ", "القران "),
        ("تنتهِ", "تنته"),
        ("كو\u200cبسي", "كوبسي"),  # ZWNJ
        ("\u200fسوريا\u200e", "سوريا"),  # RLM, LRM
        ("\u2067داعش\u2069", "داعش"),  # RLI … PDI
        ("\ufeffقسد", "قسد"),
        ("ﻻ", "لا"),  # presentation-form ligature
        ("ی ک", "ي ك"),  # Persian keyboard yeh and keheh
        ("ڕانیە هەولێر کۆیە", "رانيه هولير كويه"),  # Kurdish keyboard, as Arabic writes them
        ("پێشمەرگە چەمچەماڵ ڤیان", "بيشمركه جمجمال فيان"),  # and Arabic's nearest letters
        ("ڵ ھ ە", "ل ه ه"),
        # Urdu keyboard: yeh barree, heh goal (and with hamza), teh marbuta goal, tteh, ddal,
        # rreh, noon ghunna; and Persian's ۀ
        ("مصطفیٰ الکاظمے", "مصطفي الكاظمي"),
        ("ہ ۂ ۃ ۀ", "ه ه ه ه"),
        ("ٹرمپ ڈالر ڑ ں", "ترمب دالر ر ن"),
        ("١٢٠ ۴", "120 4"),
        ("Shafaq NEWS", "shafaq news"),
        ("Café", "cafe"),
        ("قال  التحالف", "قال  التحالف"),  # spaces kept as they are
    ],
)
def test_to_key(text: str, expected: str) -> None:
    assert to_key(text) == expected


@pytest.mark.parametrize("word", ["أمريكية", "مؤتمر", "كبرئيل", "آمنة", "إسرائيل", "تنتهِ"])
def test_to_key_same_for_composed_and_decomposed(word: str) -> None:
    assert to_key(unicodedata.normalize("NFD", word)) == to_key(word)


@pytest.mark.parametrize(
    "spellings",
    [
        # The hamza seat before و: Iraqi/Levantine ؤ, Egyptian ئ or ء, or none typed.
        ["مسؤول", "مسئول", "مسءول", "مسوول", "مسئُول"],
        ["مسؤولية", "مسئولية"],
        ["الشؤون", "الشئون"],
        ["رؤوس", "رءوس"],
        ["يقرؤون", "يقرئون", "يقرءون"],
        ["جاؤوا", "جاءوا"],
        # A word's last hamza: on the line, on ي, after ي or not (Egyptian شىء).
        ["شيء", "شئ", "شيئ", "شىء", "شَيْءٌ"],
        ["ببطء", "ببطئ"],
        ["شاطئ", "شاطيء", "شاطىء"],
        # Iraqi official copy's هيأة (هيأة النزاهة) is other outlets' هيئة.
        ["هيأة", "هيئة", "هيئه", "هيية", "هَيْأَة", "هيـأة"],
        ["الهيأة", "الهيئة"],
        ["بهيأة", "بهيئة"],
        ["وهيأة", "وهيئة"],
        ["للهيأة", "للهيئة"],
        # Kurdish writes a word's first vowel on ئ (ئا for a long a), Arabic on alef.
        ["ئازاد", "آزاد", "ازاد", "أزاد"],
        ["ئەحمەد", "أحمد"],
        ["ئیران", "إيران"],
        ["ئومێد", "أوميد"],
        ["ئاسۆ", "آسو"],
        ["ڕێبوار ئەحمەد", "ريبوار أحمد"],
    ],
)
def test_spellings_of_one_hamza_have_one_key(spellings: list[str]) -> None:
    keys = {to_key(word) for word in spellings}
    keys |= {to_key(unicodedata.normalize("NFD", word)) for word in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("مسئول", "مسيول"),  # only a hamza seat folds, never a plain ي before و
        ("سيول", "سوول"),
        ("بريء", "بري"),  # innocent, ground
        ("هادئ", "هادي"),  # calm, Hadi
        ("سيء", "سي"),
        ("فيء", "في"),
        ("كفء", "كفى"),
        ("سوء", "سوى"),
        ("شيئا", "شيء"),  # an inflection, as before: the stemmer's to join
        # The alef seat of هيأة folds only before a word's last ة: يأ elsewhere is kept.
        ("سيأتي", "سيئتي"),
        ("يأس", "ييس"),
        ("هيأتها", "هيئتها"),  # a suffix after the ة: left as it was
        ("منشأة", "منشئة"),  # no ي before the أ
        ("هياة", "هيئة"),  # no hamza typed on the alef: a plain letter, never folded
        # A Kurdish first ئ is ا only at a word's start, never after a proclitic: harmony is
        # no mother, a well no father, a group no mouth.
        ("وئام", "وام"),
        ("بئر", "بار"),
        ("فئة", "فاه"),
        ("لئلا", "لالا"),
        ("رئيس", "راس"),
    ],
)
def test_a_hamza_fold_does_not_join_other_words(word: str, other: str) -> None:
    assert to_key(word) != to_key(other)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("قال عبد الستار جبار", ("عبدالستار",)),
        ("عَبْدُ اللهِ", ("عبدالله",)),  # tashkeel aside
        ("وعبد الكريم ولعبد الله", ("وعبدالكريم", "ولعبدالله")),  # a proclitic on عبد
        ("عبد الستار ثم عبد الستار", ("عبدالستار",)),
        ("عبد\u200f الستار", ("عبدالستار",)),  # an invisible mark in the gap
        # No name by the matcher's rule: a word without ال after عبد, ال and one letter, the
        # word العبد (أحمد العبد الله), punctuation or a line between, a proclitic on ال….
        ("عبد ربه", ()),
        ("عبد", ()),
        ("عبد ال", ()),
        ("عبد الم", ()),
        ("أحمد العبد الله", ()),
        ("عبد، الستار", ()),
        ("عبد\nالستار", ()),
        ("عبد والستار", ()),
        ("عبدالستار", ()),  # written joined: its key already
    ],
)
def test_a_name_with_abd_written_apart_is_keyed_as_written_joined(
    text: str, names: tuple[str, ...]
) -> None:
    assert apart_names(text) == names


def test_a_name_with_abd_is_one_name_joined_or_apart_for_the_matcher_and_search() -> None:
    """joined_name is name_parts' rule read backwards: the two words it joins are the two
    the matcher reads the joined word as."""
    for first, second in [("عبد", "الستار"), ("عبد", "الله"), ("وعبد", "الكريم")]:
        joined = joined_name(first, second)
        assert joined is not None and name_parts(joined.removeprefix("و")) == ("عبد", second)
    assert joined_name("عبد", "ربه") is None and name_parts("عبدربه") == ("عبدربه",)
    assert joined_name("العبد", "الله") is None


def test_a_kurdish_name_sorts_under_the_alef_arabic_writes_for_its_first_vowel() -> None:
    names = ["يونس", "بغداد", "ئازاد برواري", "أحمد", "ئەمین", "آمنة"]
    assert sorted(names, key=alphabetical_key) == [
        "أحمد",
        "ئازاد برواري",
        "آمنة",
        "ئەمین",
        "بغداد",
        "يونس",
    ]


def test_only_a_seat_inside_a_word_folds() -> None:
    assert to_key("ئو بئر") == "او بير"  # Kurdish writes ئ at a word's start: alef's
    assert to_key("مسئول، شئ") == "مسوول، شء"  # words of a text as keyed alone


@pytest.mark.parametrize(
    "text",
    ["كو\u200cبسي", "الأمريكية", "\u200fسوريا", "مـحـمـد", "كَتَبَ"],
)
def test_to_display_keeps_letters_joiners_and_marks(text: str) -> None:
    assert to_display(text) == text


def test_to_display_composes_to_nfc() -> None:
    assert to_display(unicodedata.normalize("NFD", "أمريكا")) == "أمريكا"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شفق نيوز/ قال", [(0, 3, "شفق"), (4, 8, "نيوز"), (10, 13, "قال")]),
        ('تنظيم "داعش"،', [(0, 5, "تنظيم"), (7, 11, "داعش")]),
        ("لم تنتهِ بعد", [(0, 2, "لم"), (3, 8, "تنته"), (9, 12, "بعد")]),
        ("كـبريل", [(0, 6, "كبريل")]),
        ("كو\u200cبسي.", [(0, 6, "كوبسي")]),
        ("\u200fقسد\u200f", [(1, 4, "قسد")]),
        ("50 جندياً", [(0, 2, "50"), (3, 9, "جنديا")]),
        ("al-Walid (2020)", [(0, 2, "al"), (3, 8, "walid"), (10, 14, "2020")]),
        ("«البيشمركة»", [(1, 10, "البيشمركه")]),
        ("", []),
        ("، . !", []),
    ],
)
def test_tokenize(text: str, expected: list[tuple[int, int, str]]) -> None:
    tokens = tokenize(text)
    assert [(t.start, t.end, t.key) for t in tokens] == expected
    assert all(to_key(text[t.start : t.end]) == t.key for t in tokens)


def test_token_is_frozen() -> None:
    token = Token(0, 1, "x")
    with pytest.raises(AttributeError):
        token.key = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("التحالف", ("التحالف", "تحالف")),
        ("والتحالف", ("والتحالف", "التحالف", "تحالف")),
        ("للتحالف", ("للتحالف", "لتحالف", "التحالف", "تحالف")),
        ("وللتحالف", ("وللتحالف", "للتحالف", "لتحالف", "التحالف", "تحالف")),
        ("فللتحالف", ("فللتحالف", "للتحالف", "لتحالف", "التحالف", "تحالف")),
        ("وبالتحالف", ("وبالتحالف", "بالتحالف", "التحالف", "تحالف")),
        ("فبالعراق", ("فبالعراق", "بالعراق", "العراق", "عراق")),
        ("كالبحر", ("كالبحر", "البحر", "بحر")),
        ("وكالبحر", ("وكالبحر", "كالبحر", "البحر", "بحر")),
        ("بسوريا", ("بسوريا", "سوريا")),
        ("وبسوريا", ("وبسوريا", "بسوريا", "سوريا")),
        ("فلسوريا", ("فلسوريا", "لسوريا", "سوريا")),
        ("للبنان", ("للبنان", "لبنان", "البنان", "بنان")),
        ("وقسد", ("وقسد", "قسد")),
        ("وأكد", ("واكد", "اكد")),
        ("ولد", ("ولد", "لد")),
        ("وب", ("وب",)),  # no stem shorter than two letters
        ("بال", ("بال",)),  # nor the bare article
        ("و", ("و",)),
        ("داعش", ("داعش",)),
    ],
)
def test_proclitic_stems(word: str, expected: tuple[str, ...]) -> None:
    assert proclitic_stems(to_key(word)) == expected


def test_split_proclitics_marks_article_and_prefix() -> None:
    splits = {s.stem: (s.prefix, s.article) for s in split_proclitics("للتحالف")}
    assert splits["التحالف"] == (1, False)  # only the first ل is a proclitic
    assert splits["تحالف"] == (2, True)
    assert splits["لتحالف"] == (1, False)


def search_key_text(text: str) -> str:
    """Running text as its words' proclitic stems, each word's key first."""
    return " ".join(stem for token in tokenize(text) for stem in proclitic_stems(token.key))


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        (["والتحالف", "التحالف", "للتحالف", "بالتحالف"], "التحالف"),
        (["وأكد", "أكد", "اكد"], "اكد"),
        (["والبيشمركة", "البيشمركه"], "البيشمركه"),
    ],
)
def test_search_key_text_shares_stems(text: list[str], shared: str) -> None:
    for word in text:
        assert shared in search_key_text(word).split()


def test_search_key_text_is_deterministic_and_ordered() -> None:
    assert search_key_text("قال التحالفُ، وأكد") == "قال التحالف تحالف واكد اكد"
    assert search_key_text("") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التحالف الدولي: تحرّك القوات", "التحالف-الدولي-تحرك-القوات"),
        ("US Forces Move!", "us-forces-move"),
        ("  --Hello,   World--  ", "hello-world"),
        ("ســـوريا", "سوريا"),
        ("\u202bالعراق\u202c \u2066اليوم\u2069", "العراق-اليوم"),
        ("كو\u200cبسي\u200b\ufeff", "كوبسي"),
        ("مُؤْتَمَرٌ صَحَفِيٌّ", "مؤتمر-صحفي"),
        ("إسرائيل وأمريكا", "إسرائيل-وأمريكا"),  # hamza forms are letters: kept
        ("٢٠٢٠ 2020", "٢٠٢٠-2020"),
        ("ﬁle", "file"),  # NFKC
        ("Café Noël", "café-noël"),
        # Persian, Kurdish and Urdu forms of Arabic letters are the Arabic letters, so that no
        # two addresses look the same and differ: a Persian ی is ى at a word's end (dotless,
        # as it is drawn), ي inside a word
        ("مصطفیٰ الکاظمی", "مصطفى-الكاظمى"),
        ("علی یار ۱۴ ھ ہ ە ے", "على-يار-١٤-ه-ه-ه-ي"),
        ("پێشمەرگە", "پێشمهرگه"),  # letters of their own are kept
        ("Москва", ""),  # neither Arabic nor Latin
        ("!!!", ""),
        ("", ""),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize("text", ["أمريكا آمنة إسرائيل", "Café Noël", "مُؤْتَمَرٌ", "كبرئيل"])
def test_slugify_nfd_equals_nfc(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(nfc)
    assert unicodedata.is_normalized("NFC", slugify(unicodedata.normalize("NFD", text)))


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("one two three", 9, "one-two"),
        ("one two three", 7, "one-two"),
        ("one two three", 3, "one"),
        ("abcdefghij", 4, "abcd"),  # a single long word is cut hard
    ],
)
def test_slugify_max_length(text: str, length: int, expected: str) -> None:
    assert slugify(text, max_length=length) == expected


@pytest.mark.parametrize("text", ["التحالف الدولي: تحرّك القوات", "x" * 200, "كلمة " * 40, "a-b c"])
def test_slugify_is_idempotent(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert len(slug) <= 80


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_slugify_properties(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert slug == slugify(unicodedata.normalize("NFD", text))
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@given(st.text(alphabet='ابت ولال،."ـَُ\u200cأإxY1', max_size=60))
def test_tokens_cover_words_in_order(text: str) -> None:
    tokens = tokenize(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    assert all(t.key == to_key(text[t.start : t.end]) for t in tokens)


# What a reader does not see in a name or a paragraph (bidi controls and marks, zero-width
# characters, the soft hyphen) and tatweel, which without_invisibles removes.
UNSEEN = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
UNSEEN += "\u200b\u200c\u200d\u2060\ufeff\u00ad\u0640"


@given(st.text(alphabet=st.sampled_from([*UNSEEN, *"قال الوزير، Ali 12 ٣٤ إنّ\n.«»é"])))
def test_without_invisibles_removes_what_str_translate_removed(text: str) -> None:
    """The expression that replaced str.translate (40-90 us a paragraph) removes exactly
    the characters its table dropped, and keeps every other as it was."""
    assert without_invisibles(text) == text.translate(str.maketrans(dict.fromkeys(UNSEEN)))


def test_a_paragraph_keeps_its_fingerprint_through_invisible_characters() -> None:
    from newsarchive.content.gloss import fingerprint

    plain = "قال الوزير إن الاتفاق سيُوقّع"
    assert fingerprint("قال الو\u200cزير إن الاتفـــاق\u200f سيُوقّع") == fingerprint(plain)
