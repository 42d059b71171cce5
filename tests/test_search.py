"""Search indexing: what each page gives Pagefind, the query/index key forms, Pagefind runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.assembly.searchtext import KEY_MARKER, index_terms, query_readings
from newsarchive.build.engine import build

from .conftest import indexed_pages

ARTICLE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"

# (what a reader types, a word of the text): the query must find the word. The first four
# are the misses measured with Pagefind out of the box (issue 5).
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
]


@pytest.mark.parametrize(("typed", "written"), VARIANTS)
def test_typed_variant_finds_written_word(typed: str, written: str) -> None:
    (readings,) = query_readings(typed)
    assert set(readings) & set(index_terms(written).split())


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("تركيا", "سوريا العراق القوات"),
        # A stem is not stripped again: ال + و is no sequence of proclitics (issue 22).
        ("زير", "الوزير"),
        ("لد", "البلد"),
        ("هول", "الهولندي"),  # no prefix of a longer word
    ],
)
def test_unrelated_words_do_not_meet(typed: str, written: str) -> None:
    (readings,) = query_readings(typed)
    assert not set(readings) & set(index_terms(written).split())


def _built(project: Path, search: bool = False) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=search)
    return project / "site"


def _body(html: str) -> str:
    start = html.index("data-pagefind-body")
    return html[start : html.index("</article>", start)]


def test_article_marks_only_its_text_for_indexing(project: Path) -> None:
    html = (_built(project, search=True) / ARTICLE).read_text(encoding="utf-8")
    assert html.count("data-pagefind-body") == 1
    body = _body(html)
    # Article text is in; navigation, sidebar and header are not.
    assert "يأتي في إطار التحركات الاعتيادية" in body
    assert 'class="entity-sidebar"' not in body and "site-header" not in body
    keys = body.split(KEY_MARKER, 1)[1]
    assert " اكد " in keys and " تحالف " in keys
    # Every registry alias of a mentioned entity is searchable, also spellings not in the text.
    assert "جبراييل" in keys and "غابرييل" in keys


def test_only_a_build_with_search_writes_the_key_text_and_filters(project: Path) -> None:
    # A site without a search index needs no key text nor filters: none are made (a tenth
    # of the time), on the Arabic page or the English one.
    site = _built(project)
    for page in (ARTICLE, ARTICLE.replace("ar/", "en/", 1)):
        html = (site / page).read_text(encoding="utf-8")
        assert KEY_MARKER not in html and "search-keys" not in html
        assert "search-fields" not in html and "data-pagefind-filter" not in html
    # The same project built with search again: every page gets its keys and filters (the
    # build cache of the build without search must not be taken for this one).
    site = _built(project, search=True)
    html = (site / ARTICLE).read_text(encoding="utf-8")
    assert " تحالف " in _body(html).split(KEY_MARKER, 1)[1]
    english = (site / ARTICLE.replace("ar/", "en/", 1)).read_text(encoding="utf-8")
    assert 'data-pagefind-filter="year:2020"' in english


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pagefind_reads_filters_sort_and_meta_from_what_the_page_shows(
    project: Path, lang: str
) -> None:
    """The date, the source and the entities of "in this article" are written once: Pagefind
    takes its filters and result meta from them (not from a hidden copy), as it indexed them."""
    site = _built(project, search=True)
    url = "/" + ARTICLE.replace("ar/", f"{lang}/", 1).removesuffix("index.html")
    indexed = indexed_pages(site / f"pagefind/2020-{lang}")[url]
    assert indexed["filters"]["year"] == ["2020"]
    if lang == "ar":
        assert indexed["meta"] | {"title": ""} == {
            "title": "",
            "date": "تشرين الثاني/نوفمبر 2020",
            "iso": "2020-11",
            "source": "شفق نيوز",
        }
        assert indexed["filters"]["source"] == ["شفق نيوز"]
        assert {"كينو كبريل"} <= set(indexed["filters"]["person"])
        assert {"سوريا", "العراق"} <= set(indexed["filters"]["place"])
    else:  # in English where the registry has the English name
        assert indexed["meta"]["date"] == "November 2020" and indexed["meta"]["iso"] == "2020-11"
        assert indexed["filters"]["source"] == [indexed["meta"]["source"]] == ["Shafaq News"]
        assert {"Syria", "Iraq"} <= set(indexed["filters"]["place"])
    html = (site / ARTICLE.replace("ar/", f"{lang}/", 1)).read_text(encoding="utf-8")
    assert "search-fields" not in html  # no hidden copy of them
    assert 'data-pagefind-sort="date:2020-11"' in html


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
