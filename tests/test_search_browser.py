"""Search in Debian's Chromium: Arabic variants find the seed, filters narrow, sub-path works."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.assembly.searchtext import surface_terms, word_terms
from newsarchive.content.gloss import fingerprint
from newsarchive.core.arabic import words

from .conftest import DEMO_ARTICLE, REPO, write
from .queryreadings import query_readings
from .webtools import served_at_root_and_repo

pytestmark = pytest.mark.browser

SEED_TITLE = "التحالف الدولي: نقل قوات أمريكية"
OTHER_TITLE = "زيارة وفد عراقي إلى أنقرة"
OTHER = f"""---
title: "{OTHER_TITLE}"
date: "2021-01-05"
source:
  name: "وكالة أخرى"
---
وصل وفد من الحكومة العراقية إلى تركيا لبحث ملف المياه مع المسؤولين الأتراك.
"""

# Reader queries in spellings other than the seed's; each must list the seed article.
SEED_QUERIES = [
    "أكد",
    "والتحالف",
    "قوات",
    "كبريل",
    "كبرئيل",
    "جبرائيل",
    "كينو غابرييل",
    "اسبر",
    "ماكغريغور",
    "الامريكيه",
    "بالتحالف الدولي",
    "الحسكه",
    "ترمب",
    "القوات الأمريكيّة",
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The demo plus a second article, built and indexed at the root and under /repo/."""
    root = tmp_path_factory.mktemp("search")
    shutil.copytree(REPO / "content", root / "content")
    write(root, "content/ar/2021/01/iraqi-delegation-ankara.md", OTHER)
    write(root, "content/en/2020/11/coalition-us-forces-syria-iraq.md", _gloss(root))
    with served_at_root_and_repo(root) as bases:
        yield bases


EN_TITLE = "Coalition: US troop movement toward Iraq is routine"


def _gloss(root: Path) -> str:
    """An English gloss of the seed with its first paragraph translated."""
    body = (root / "content" / DEMO_ARTICLE).read_text(encoding="utf-8").split("---\n", 2)[2]
    first = body.strip().split("\n\n")[0]
    return (
        f'---\ntitle: "{EN_TITLE}"\n---\n<!-- gloss p1 {fingerprint(first)} -->\n'
        "The international coalition said on Tuesday that the movement of part of the American "
        "forces from Syria toward Iraq was part of routine manoeuvres.\n"
    )


def _search(page, base: str, query: str = "", extra: str = ""):  # type: ignore[no-untyped-def]
    page.set_default_timeout(10_000)
    page.goto(f"{base}ar/search/?q={quote(query)}{extra}")
    page.wait_for_selector("[data-search][data-ready]")
    return page


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(".search-result h2 a").all_inner_texts()


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_typing_a_query_shows_the_seed(sites: dict[str, str], page, prefix: str) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(10_000)
    page.goto(sites[prefix] + "ar/search/")
    page.wait_for_selector("[data-search][data-ready]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator("[data-search]").get_by_label("البحث في الأرشيف").fill("داعش")
    page.wait_for_selector(".search-result")
    assert page.locator(".search-status").inner_text() == "نتيجة واحدة"
    result = page.locator(".search-result").first
    assert SEED_TITLE in result.locator("h2").inner_text()
    assert "2020" in result.locator(".meta").inner_text() and "شفق نيوز" in result.inner_text()
    assert "داعش" in result.locator(".excerpt mark").all_inner_texts()
    assert "?q=" in page.url  # the search can be shared
    result.locator("h2 a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix}ar/2020/11/coalition-us-forces-syria-iraq/")
    assert page.locator("h1").inner_text().startswith(SEED_TITLE)


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_variant_spellings_find_the_seed(sites: dict[str, str], page, prefix: str) -> None:  # type: ignore[no-untyped-def]
    missed = []
    for query in SEED_QUERIES:
        _search(page, sites[prefix], query)
        page.wait_for_function("document.querySelector('.search-status')?.textContent.trim()")
        if not any(SEED_TITLE in t for t in _titles(page)):
            missed.append(query)
    assert not missed


def test_excerpt_shows_the_original_spelling(sites: dict[str, str], page) -> None:  # type: ignore[no-untyped-def]
    _search(page, sites["/"], "أكد")
    page.wait_for_selector(".search-result mark")
    marks = page.locator(".search-result .excerpt mark").all_inner_texts()
    assert "وأكد" in marks  # as written, not the key "اكد"
    excerpt = page.locator(".search-result .excerpt").first.inner_text()
    assert "⁂" not in excerpt and "واكد اكد" not in excerpt


def test_entity_filter_narrows_and_browses_without_a_query(sites: dict[str, str], page) -> None:  # type: ignore[no-untyped-def]
    _search(page, sites["/repo/"], "العراق", "&sort=newest")
    page.wait_for_selector(".search-result")
    assert len(_titles(page)) == 2
    assert OTHER_TITLE in _titles(page)[0]
    assert page.locator(".filter-list select").count() == 0  # not downloaded until asked for
    page.get_by_role("button", name="اختر عوامل التصفية").click()
    page.get_by_label("أشخاص").select_option("دونالد ترامب")
    page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
    assert SEED_TITLE in _titles(page)[0]
    assert "person=" in page.url
    # The same filter with no query lists every article mentioning the entity.
    _search(page, sites["/repo/"], "", "&place=" + quote("رميلان"))
    page.wait_for_selector(".search-result")
    assert len(_titles(page)) == 1 and SEED_TITLE in _titles(page)[0]
    _search(page, sites["/repo/"], "", "&year=2021")
    page.wait_for_selector(".search-result")
    assert _titles(page) == [OTHER_TITLE]


def test_sort_oldest_first(sites: dict[str, str], page) -> None:  # type: ignore[no-untyped-def]
    _search(page, sites["/"], "العراق", "&sort=oldest")
    page.wait_for_selector(".search-result >> nth=1")
    assert SEED_TITLE in _titles(page)[0]


def test_arabic_ui_is_rtl_with_mirrored_icon_english_ui_is_english(
    sites: dict[str, str], page
) -> None:  # type: ignore[no-untyped-def]
    _search(page, sites["/"])
    transform = page.evaluate(
        "getComputedStyle(document.querySelector('.icon-search'), '::before').transform"
    )
    assert transform.startswith("matrix(-1")
    page.goto(sites["/"] + "en/search/?q=xyzzy")
    page.wait_for_selector("[data-search][data-ready]")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("h1").inner_text() == "Search the archive"
    assert page.locator(".search-status").inner_text().startswith("No results")
    icon = page.evaluate(
        "getComputedStyle(document.querySelector('.icon-search'), '::before').transform"
    )
    assert not icon.startswith("matrix(-1")


WORDS = [
    "وأكد",
    "أكد",
    "والتحالف",
    "للتحالف",
    "فللقوات",
    "بالقوات",
    "كالأسد",
    "الـقوات",
    "مُحَمَّد",
    "إسبر",
    "آذار",
    "ٱلله",
    "مسؤول",
    "هيئة",
    "مدينة",
    "مستشفى",
    "کتاب",
    "ی",
    "ڕانیە",
    "هەولێر",
    "ڵ ھ ە",
    "پێشمەرگە چەمچەماڵ ڤیان",
    "ئازاد ئەحمەد وئام بئر",
    "مصطفیٰ الکاظمے",
    "ہ ۂ ۃ ۀ ٹرمپ ڈالر ڑ ں",
    "٢٠٢٠",
    "۱۴",
    "وزير",
    "ولل",
    "لل",
    "ال",
    "و",
    "Trump",
    "Éléphant",
    "O'Brien",
    "U.N.",
    "U.S.A. envoy",
    "Mr. Smith",
    "organisation\u2019s",
    "قال'",
    "ﻻ",
    "كبرئيل",
    "\u200fسوريا\u200c",
    # Hamza seats the key folds by their place in a word (arabic._fold_hamza_seats).
    "مسئول",
    "مسءول",
    "مسي\u0654ول",  # ئ decomposed
    "لشئون",
    "رءوس",
    "يقرءون",
    "شيء",
    "شئ",
    "شيئ",
    "شىء",
    "شَيْءٌ",
    "ببطئ",
    "بريء",
    "برئ",
    "الموانئ",
    "شاطيء",
    "سوء",
    "ئو",
    "مسئول،شئ",
    # Iraqi official copy's هيأة keys as هيئة; يأ elsewhere is kept.
    "هيأة",
    "الهيأة",
    "بهيأة وللهيأة",
    "هَيْأَة",
    "هيأتها",
    "سيأتي",
    "منشأة",
    # A name's عبد and the word after it, apart, are one query word; nothing else is joined.
    "عبد الستار جبار",
    "وعبد الله",
    "لعبد الكريم",
    "عبد\u200f الستار",
    "عبد ربه",
    "عبد ال",
    "العبد الله",
    "للعبد الله",
    "عبد، الستار",
    "عبد\nالستار",
    "عبد عبد الله",
    # A number in groups of thousands is one query word, its digits joined; nothing else is.
    "120,000",
    "١٢٠٬٠٠٠ دولار",
    "1,120,000",
    "۱٬۴۸۰",
    "4.7 و1,2",
    "1234,567",
    "1,000,000ر",
    "و120,000",
    "120, 000",
]


# Words the seed does not hold, whose spelling as typed is a reading of its own.
TYPED_FORMS = ["مستشفى", "الـهيئةُ"]
# Words folding, a proclitic or the stemmer joined with a function word (فئة keys as فيه, فلم
# is ف + لم), and the function words in the spellings readers type them in: their readings,
# and the forms a text's word is indexed in, must agree too (queryreadings.searched_terms,
# searchtext.surface_terms).
FUNCTION_WORD_NEIGHBOURS = ["فئة", "الفئة", "بالفئة", "فلم", "وطن", "هيأة", "آلية", "بيد", "و47"]
FUNCTION_WORDS_TYPED = ["فيه", "فيها", "وفي", "فلم", "ولم", "لن", "إن", "أن", "لأن", "وهي", "إنما"]


def test_browser_normalises_queries_exactly_like_python(sites: dict[str, str], page) -> None:  # type: ignore[no-untyped-def]
    _search(page, sites["/"])
    got = page.evaluate(
        """async (words) => {
            const m = await import(document.querySelector('[data-search]').dataset.base + 'static/js/readings.js');
            return words.map((w) => [m.queryReadings(w), m.tokenize(w).map((t) => m.wordTerms(t.key)),
              m.tokenize(w).map((t) => m.indexedForms(t.key, w.slice(t.start, t.end)))]);
        }""",
        WORDS + TYPED_FORMS + FUNCTION_WORD_NEIGHBOURS + FUNCTION_WORDS_TYPED,
    )
    typed = WORDS + TYPED_FORMS + FUNCTION_WORD_NEIGHBOURS + FUNCTION_WORDS_TYPED
    assert [g[0] for g in got] == [[list(r) for r in query_readings(w)] for w in typed]
    assert [g[1] for g in got] == [[list(word_terms(key)) for key in _keys(w)] for w in typed]
    assert [g[2] for g in got] == [[list(surface_terms(word)) for word in words(w)] for w in typed]


def _keys(text: str) -> list[str]:
    from newsarchive.core.arabic import tokenize

    return [token.key for token in tokenize(text)]


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_english_query_finds_the_glossed_english_page(
    sites: dict[str, str], page, prefix: str
) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(10_000)
    page.goto(sites[prefix] + "en/search/")
    page.wait_for_selector("[data-search][data-ready]")
    page.locator("[data-search]").get_by_label("Search the archive").fill("manoeuvre")
    page.wait_for_selector(".search-result")
    assert _titles(page) == [EN_TITLE]
    assert page.locator(".search-status").inner_text() == "1 result"
    assert "manoeuvres" in page.locator(".search-result .excerpt mark").all_inner_texts()
    page.locator(".search-result h2 a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix}en/2020/11/coalition-us-forces-syria-iraq/")


def test_an_english_name_finds_a_translation_that_writes_part_of_it(
    sites: dict[str, str], page
) -> None:  # type: ignore[no-untyped-def]
    """The registry's English name finds the English page of an article naming the entity
    when the translation shows a word of it (`Defeat`, of Global Coalition to Defeat ISIS,
    for a text writing "the international coalition"), and the page marks the word it
    shows; a name the translation does not show (Donald Trump, named in paragraphs not yet
    translated) finds nothing."""
    page.set_default_timeout(10_000)
    page.goto(sites["/"] + "en/search/?q=Defeat")
    page.wait_for_selector(".search-result")
    assert _titles(page) == [EN_TITLE]
    assert set(page.locator(".search-result .excerpt mark").all_inner_texts()) == {"coalition"}
    page.goto(sites["/"] + "en/search/?q=Donald")
    page.wait_for_selector("[data-search][data-ready]")
    page.wait_for_function("document.querySelector('.search-status').innerText !== ''")
    assert page.locator(".search-result").count() == 0
