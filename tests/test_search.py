"""Search indexing: what each page gives Pagefind, the query/index key forms, Pagefind runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.assembly.searchruns import unindexed_words
from newsarchive.assembly.searchtext import (
    KEY_MARKER,
    PARAGRAPH_END,
    key_text,
    with_paragraph_end,
)
from newsarchive.build.engine import build
from newsarchive.core.arabic import words
from newsarchive.core.urls import SEARCH_RECORDS

from .conftest import indexed_pages
from .queryreadings import query_readings

ARTICLE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"

# (what a reader types, a word of the text): the query must find the word. The first four
# are the misses measured with Pagefind out of the box.
VARIANTS = [
    ("أكد", "وأكد"),
    ("والتحالف", "التحالف"),
    ("قوات", "القوات"),
    ("قوات", "لقوات"),
    ("للتحالف", "التحالف"),
    ("التحالف", "للتحالف"),
    ("وزير", "الوزير"),
    ("الوزير", "وزير"),
    ("امريكية", "الأمريكية"),
    ("الأمريكيّة", "الامريكية"),
    ("إسبر", "أسبر"),
    ("مسؤول", "مسوول"),
    ("هيئة", "هيية"),
    ("مدينه", "مدينة"),
    ("مستشفى", "مستشفي"),
    ("الـقوات", "القوات"),
    ("بالقوات", "والقوات"),
    # One hamza seated by other newsrooms.
    ("مسئول", "مسؤول"),
    ("مسؤول", "المسئول"),
    ("الشؤون", "الشئون"),
    ("رءوس", "رؤوس"),
    ("يقرؤون", "يقرءون"),
    ("شيء", "شئ"),
    ("شئ", "الشيء"),
    ("ببطء", "ببطئ"),
    ("برئ", "بري"),  # as Pagefind reads a last ئ
    # Iraqi official copy's هيأة is other outlets' هيئة, a proclitic attached or not.
    ("هيأة", "هيئة"),
    ("الهيئة", "الهيأة"),
    ("بهيأة", "وهيئة"),
    # A name with عبد written joined finds it apart, and apart finds it joined.
    ("عبدالستار", "قال عبد الستار جبار"),
    ("عبد الستار", "عبدالستار جبار"),
    ("وعبدالله", "عبد الله"),
    ("عبد الله", "لعبدالله"),
]


def indexed_forms(written: str) -> set[str]:
    """What a page showing `written` is found by: the words it shows, which Pagefind indexes
    as they stand, and the forms of its hidden key text."""
    return set(words(written)) | set(key_text([written]).split())


@pytest.mark.parametrize(("typed", "written"), VARIANTS)
def test_typed_variant_finds_written_word(typed: str, written: str) -> None:
    (readings,) = query_readings(typed)
    assert set(readings) & indexed_forms(written)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("تركيا", "سوريا العراق القوات"),
        # A stem is not stripped again: ال + و is no sequence of proclitics.
        ("زير", "الوزير"),
        ("لد", "البلد"),
        ("هول", "الهولندي"),  # no prefix of a longer word
        # Only a hamza's seat is folded: innocent is not ground, a thing not a grill.
        ("بريء", "بري"),
        ("بري", "بريء"),
        ("شيء", "شي"),
        ("مسئول", "سيول"),
        # Only a name's عبد and a word with ال after it are one word.
        ("عبدربه", "عبد ربه"),
        ("عبدالله", "أحمد العبد الله"),
        ("عبدالستار", "عبد، الستار"),
        ("عبد الستار", "عبد، الستار"),
    ],
)
def test_unrelated_words_do_not_meet(typed: str, written: str) -> None:
    (readings,) = query_readings(typed)
    assert not set(readings) & indexed_forms(written)


def _built(project: Path, search: bool = False) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=search)
    return project / "site"


def _body(html: str) -> str:
    start = html.index("data-pagefind-body")
    return html[start : html.index("</body>", start)]


def _record(site: Path, page: str) -> str:
    return (site / SEARCH_RECORDS / page).read_text(encoding="utf-8")


def test_the_search_record_holds_the_text_and_its_key_copy(project: Path) -> None:
    html = _record(_built(project, search=True), ARTICLE)
    assert html.count("data-pagefind-body") == 1
    body = _body(html)
    # The article's text is in; the page's navigation, sidebar and header are not there.
    assert "يأتي في إطار التحركات الاعتيادية" in body
    assert "entity-sidebar" not in html and "site-header" not in html
    keys = body.split(KEY_MARKER, 1)[1]
    assert " اكد " in keys and " تحالف " in keys
    # Every registry alias of a mentioned entity is searchable, also spellings not in the text.
    assert "جبراييل" in keys and "غابرييل" in keys


def test_the_published_pages_carry_nothing_for_the_index(project: Path) -> None:
    """Readers and crawlers get no hidden key copy and no Pagefind attributes, with a
    search index or without: what Pagefind reads is in the records, which are not published."""
    for search in (False, True):
        site = _built(project, search=search)
        for page in (ARTICLE, ARTICLE.replace("ar/", "en/", 1)):
            html = (site / page).read_text(encoding="utf-8")
            assert KEY_MARKER not in html and "search-keys" not in html
            assert "data-pagefind" not in html
        records = (
            sorted(
                path.relative_to(site / SEARCH_RECORDS).as_posix()
                for path in (site / SEARCH_RECORDS).rglob("*")
                if path.is_file()
            )
            if (site / SEARCH_RECORDS).is_dir()
            else []
        )
        # Without a search index no key text is made (a tenth of the time): no record. With
        # one, after the build without (its cache must not be taken for this one), a record
        # of each article page.
        assert records == ([ARTICLE, ARTICLE.replace("ar/", "en/", 1)] if search else [])
    english = _record(site, ARTICLE.replace("ar/", "en/", 1))
    assert 'data-pagefind-filter="year:2020"' in english
    assert " تحالف " in _body(_record(site, ARTICLE)).split(KEY_MARKER, 1)[1]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pagefind_reads_filters_sort_and_meta_as_the_page_shows_them(
    project: Path, lang: str
) -> None:
    """The date, the source and the entities of "in this article" are what the page shows:
    Pagefind's filters and result meta, from the search record, as it indexed them. Pagefind
    searches every meta field, so the meta holds no word a reader types: the date is a
    token (the search page writes it out) and the source a filter only."""
    site = _built(project, search=True)
    url = "/" + ARTICLE.replace("ar/", f"{lang}/", 1).removesuffix("index.html")
    indexed = indexed_pages(site / f"pagefind/2020-{lang}")[url]
    assert indexed["filters"]["year"] == ["2020"]
    assert indexed["meta"] | {"title": ""} == {"title": "", "date": "d202011"}
    if lang == "ar":
        assert indexed["filters"]["source"] == ["شفق نيوز"]
        assert {"كينو كبريل"} <= set(indexed["filters"]["person"])
        assert {"سوريا", "العراق"} <= set(indexed["filters"]["place"])
    else:  # in English where the registry has the English name
        assert indexed["filters"]["source"] == ["Shafaq News"]
        assert {"Syria", "Iraq"} <= set(indexed["filters"]["place"])
    html = (site / ARTICLE.replace("ar/", f"{lang}/", 1)).read_text(encoding="utf-8")
    shown = html[html.index("<time") : html.index("</time>")]
    assert 'datetime="2020-11"' in shown  # the page's date, which the results write out
    # Results link to the page, not to a paragraph: the record gives Pagefind no anchors to
    # keep in the fragment every search downloads (a sixth of its bytes).
    assert indexed["anchors"] == []


def test_search_pages_in_both_languages_and_a_box_on_every_page(project: Path) -> None:
    site = _built(project)
    ar = (site / "ar/search/index.html").read_text(encoding="utf-8")
    en = (site / "en/search/index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in ar and "البحث في الأرشيف" in ar
    assert '<html lang="en" dir="ltr">' in en and "Search the archive" in en
    assert 'data-index="/repo/pagefind/"' in ar
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<header" in text:
            assert 'role="search"' in text, page
    assert "data-pagefind-body" not in ar + en


def test_a_latin_word_with_an_apostrophe_is_one_query_word() -> None:
    """Pagefind indexes O'Brien as obrien: the query's O and Brien would be two words no
    text holds."""
    assert query_readings("O'Brien coalition\u2019s") == (("obrien",), ("coalitions",))


def test_an_abbreviation_is_one_query_word() -> None:
    """Pagefind indexes U.N. as un."""
    assert query_readings("U.N. U.S.A. Mr. Smith") == (("un",), ("usa",), ("mr",), ("smith",))


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("120,000", (("120000",),)),
        ("١٢٠٬٠٠٠ دولار", (("١٢٠٠٠٠", "120000"), ("دولار",))),
        ("1,120,000", (("1120000",),)),
        # Not groups of thousands: each its words, as before.
        ("4.7", (("4",), ("7",))),
        ("1234,567", (("1234",), ("567",))),
        ("120, 000", (("120",), ("000",))),
    ],
)
def test_a_number_in_groups_of_thousands_is_one_query_word(
    typed: str, readings: tuple[tuple[str, ...], ...]
) -> None:
    """`120,000` read as 120 and 000 listed an article writing 120 soldiers and 3,000 tents."""
    assert query_readings(typed) == readings


def test_an_english_record_names_only_the_entities_of_its_translated_paragraphs(
    project: Path,
) -> None:
    """With only the demo's first paragraph translated ("… part of the US forces from Syria
    towards Iraq …"), the English record must not hold the name of the Syrian Democratic
    Forces, which only paragraphs still in Arabic name: `democratic` found the page through
    the word `forces` it shows (the entities of the whole Arabic article were counted)."""
    gloss = project / "content/en" / ARTICLE.removeprefix("ar/").replace("/index.html", ".md")
    lines = gloss.read_text(encoding="utf-8").split("\n")
    second = next(n for n, line in enumerate(lines) if line.startswith("<!-- gloss p2 "))
    markers = [line for line in lines[second:] if line.startswith("<!-- gloss p")]
    gloss.write_text("\n".join(lines[:second] + markers) + "\n", encoding="utf-8")  # p1 alone
    site = _built(project, search=True)
    english = _body(_record(site, "en/" + ARTICLE.removeprefix("ar/")))
    shown, keys = english.split(KEY_MARKER, 1)
    assert "US forces" in shown and "SDF" not in shown
    assert "syrian democratic forces" not in keys and "copsey" not in keys
    assert "united states armed forces" in keys  # named in the paragraph, shown as "US forces"


def test_an_english_record_names_an_entity_by_a_word_of_the_paragraph_naming_it(
    project: Path,
) -> None:
    """The demo's translation names the Syrian Democratic Forces only in p5, whose English
    writes "SDF", and shows the word "forces" in p1 ("US forces"): `democratic` listed the
    page and marked "forces" of the US forces. A name's word counts where the paragraph
    naming the entity shows it (p1's "forces" for the US forces)."""
    site = _built(project, search=True)
    english = _body(_record(site, "en/" + ARTICLE.removeprefix("ar/")))
    shown, keys = english.split(KEY_MARKER, 1)
    assert "US forces" in shown and "SDF" in shown
    assert "syrian democratic forces" not in keys
    assert "united states armed forces" in keys and "kevin copsey" in keys


def test_a_number_pagefind_reads_joined_is_named_in_the_key_copy() -> None:
    """Pagefind indexes 4.7% and ٣٫٥ as the words 47 and 35 too: the key copy names them so
    that the search page can tell them from an article writing 47 (parts.js); thousands in
    groups are the number they join to, and a text of plain numbers names nothing. Pagefind
    joins ١٬٣٢٠ as written, in Eastern digits: the key copy holds 1320 for it, so that
    `1,320` and `1320` find it."""
    text = key_text(["تراجع التضخم إلى ٣٫٥٪ مقارنة بـ 4.7% وبلغ السعر 1,320 و١٬٣٢٠ دينارا"])
    assert "joineddigits35" in text.split() and "joineddigits47" in text.split()
    assert not any(word.startswith("joineddigits13") for word in text.split())
    assert text.split().count("1320") == 1
    assert "1480" not in key_text(["بلغ السعر 1,480 دينارا"]).split()  # Pagefind joins it
    assert "120000" in key_text(["بين 100,000 و120,000"]).split()  # it joins و120000
    assert "120000" not in key_text(["بلغت ١٬١٢٠٬٠٠٠ دينار"]).split()  # a part is no number
    assert "joineddigits" not in key_text(["سجلت الحرارة 47 درجة و٤٩ في البصرة"])


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        # Pagefind indexes F-16 as f16 and 16, never a part of one letter: a query's f.
        ("F-16 jets, an S-400 battery and MQ-9 drones", ("f", "s", "9")),
        ("3.5% and 23/7/2024", ("3", "5", "7")),  # 35 and 2372024, 23 and 2024
        ("U.S.-led forces", ("us",)),  # usled and led: the query's U.S. is us
        # Pagefind holds every word a query reads in these.
        ("COVID-19 at Al-Hol, al-Hasakah. 70,000 O'Brien U.N. coalition's", ()),
    ],
)
def test_an_english_record_carries_the_words_pagefind_does_not_index(
    text: str, carried: tuple[str, ...]
) -> None:
    """An English record has no key copy of its words, so the words a query reads in a run
    that Pagefind does not index itself are carried, and only those."""
    assert unindexed_words([text]) == carried


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("قال: «ستبقى القوات»", True),  # Pagefind gives » no full stop
        ("وقال الوزير في كلمته:", True),
        ("He said: “We stay.”", False),  # its full stop ends the sentence
        ("وأضاف أن القرار نهائي", False),  # ends in a word: Pagefind's full stop
        ("قال «لا».", False),
        ("he called it “historic”", True),
        ("صُنِعَ", False),  # a mark on the last letter: Pagefind's too
    ],
)
def test_a_paragraph_pagefind_leaves_running_on_is_ended_in_its_record(
    text: str, marked: bool
) -> None:
    html = f"<p>{text}</p>"
    assert with_paragraph_end(html, text) == (f"{html} {PARAGRAPH_END}" if marked else html)
