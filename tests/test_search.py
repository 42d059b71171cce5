"""Search indexing: what each page gives Pagefind, the query/index key forms, Pagefind runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.diagnostics import BuildFailed
from newsarchive.pipeline import build
from newsarchive.search import index_site
from newsarchive.searchdoc import KEY_MARKER, index_terms, query_key, word_terms

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
    assert query_key(typed) in word_terms(index_terms(written).split()[0])


def test_unrelated_words_do_not_meet() -> None:
    assert query_key("تركيا") not in index_terms("سوريا العراق القوات").split()


def _built(project: Path, search: bool = False) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=search)
    return project / "site"


def _body(html: str) -> str:
    start = html.index("data-pagefind-body")
    return html[start : html.index("</article>", start)]


def test_article_marks_only_its_text_for_indexing(project: Path) -> None:
    html = (_built(project) / ARTICLE).read_text(encoding="utf-8")
    assert html.count("data-pagefind-body") == 1
    body = _body(html)
    # Article text is in; navigation, sidebar and header are not.
    assert "يأتي في إطار التحركات الاعتيادية" in body
    assert 'class="entity-sidebar"' not in body and "site-header" not in body
    keys = body.split(KEY_MARKER, 1)[1]
    assert " اكد " in keys and " تحالف " in keys
    # Every registry alias of a mentioned entity is searchable, also spellings not in the text.
    assert "جبراييل" in keys and "غابرييل" in keys


def test_article_carries_filters_sort_and_meta(project: Path) -> None:
    html = (_built(project) / ARTICLE).read_text(encoding="utf-8")
    filters = set(re.findall(r'data-pagefind-filter="([^"]+)"', html))
    assert {"year:2020", "source:شفق نيوز", "person:كينو كبريل", "place:سوريا"} <= filters
    assert 'data-pagefind-sort="date:2020-11"' in html
    assert 'data-pagefind-meta="source:شفق نيوز"' in html


def test_search_pages_in_both_languages_and_a_box_on_every_page(project: Path) -> None:
    site = _built(project)
    ar = (site / "ar/search/index.html").read_text(encoding="utf-8")
    en = (site / "en/search/index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in ar and "البحث في الأرشيف" in ar
    assert '<html lang="en" dir="ltr">' in en and "Search the archive" in en
    assert 'data-bundle="/repo/pagefind/pagefind.js"' in ar
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<header" in text:
            assert 'role="search"' in text, page
    assert "data-pagefind-body" not in ar + en


def test_build_indexes_into_the_published_site(project: Path) -> None:
    site = _built(project, search=True)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("pagefind.ar_*.pf_meta"))


def test_pagefind_failure_fails_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failed:
        index_site(tmp_path)  # nothing to index
    message = str(failed.value)
    assert message.startswith("pagefind/:1: error: Pagefind failed")
    assert "not able to build an index" in message
