"""Search on articles no other test has seen (issue 22), in Chromium with Pagefind, at the
site's root and under /repo/: four news articles of other beats and registers (a court
ruling, a sandstorm with Eastern and Latin digits, a Kurdistan report typed on Kurdish and
Persian keyboards, an economy piece with IMF, «…», tatweel and tashkeel; tests/unseen/) added
to the demo archive. Each query lists exactly the articles the rule of docs/search.md gives
(the Python oracle of test_search_precision), every listed excerpt marks a word as the article
writes it, the best match comes first, and the demo's variant spellings still find it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from .conftest import REPO
from .searchrule import Article, holds, words
from .test_search_browser import SEED_QUERIES, SEED_TITLE
from .webtools import listed_with_marks, served_at_root_and_repo

pytestmark = pytest.mark.browser

UNSEEN = Path(__file__).parent / "unseen"
COURT = "/ar/2024/02/karkh-court-corruption-ruling/"
STORM = "/ar/2024/07/basra-sandstorm-heat/"
KURDISTAN = "/ar/2025/03/erbil-sulaymaniyah-highway/"
ECONOMY = "/ar/2025/09/dinar-exchange-rate-imf/"
DEMO = "/ar/2020/11/coalition-us-forces-syria-iraq/"

# What readers type: words of no article in any form, each article's words as written and
# in other spellings (hamza, ة/ه, ى/ي, proclitics, tashkeel, tatweel, Persian and Kurdish
# keyboards, Eastern digits), phrases in and out of order, punctuation typed with a word.
QUERIES = [
    "بيتكوين",
    "Bitcoin",
    "الحوثيين",
    "جاسم صدام",  # one word of an article, one of none
    "الزبيدي",
    "والسجن",
    "للمحكمة",
    '"قانون العقوبات"',
    '"العقوبات قانون"',
    "١٩٦٩",
    "هيئه",
    "برئ",
    "الدعوي",
    "سَتُعرَض",
    "العاصفه",
    "49",
    "٤٧",
    "50",
    "بالغبار",
    "اختناق؟",
    "البصرة!",
    '"البصرة مطار"',
    "كۆيە",
    "حكومة إقليم كوردستان",
    "عبدالكريم",
    "عبد الكريم",  # written joined, عبدالکریم
    "عبدالستار",  # written apart, عبد الستار
    '"عبدالستار حميد"',
    "هيأة",
    "هەولێر",
    "هولير",  # هەولێر as Arabic copy writes it, and رانية for ڕانیە
    "رانية",
    "بيشمركه",
    "اربيل بالسليمانية",
    "الدينار",
    "1320",
    "1480",  # written 1,480
    "1,480",
    "imf",
    "اوبك",
    "التَّضَخُّم",
    "الاقتصـاد",
    "«خطوات جادة»",
    "«جادة خطوات»",
    "٣٫٥",
    # Pagefind indexes 4.7 and ٣٫٥ as the words 47 and 35 too, which no article holds.
    "47",
    "35",
    "٪",
    "ب",
]

# The best match first: (query, the article that must come before the other).
BEFORE = [
    # Named three times against once, twice as والبيشمركة, which Pagefind's stemmer does not
    # join with البيشمركة: its score counted one, and the shorter article came first.
    ("البيشمركة", DEMO, KURDISTAN),
    ("الدينار", ECONOMY, COURT),  # in the title and as typed, once as دينار
    ("العراق", DEMO, ECONOMY),  # in the title and many times, once
]


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, str], list[Article]]]:
    root = tmp_path_factory.mktemp("unseen")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(UNSEEN, root / "content", dirs_exist_ok=True)
    with served_at_root_and_repo(root) as bases:
        yield bases, _articles(root)


def _articles(root: Path) -> list[Article]:
    """Every Arabic article, with the registry names of the entities it mentions."""
    registry = yaml.safe_load((root / "content/entities.yaml").read_text(encoding="utf-8"))
    by_name = {entry["ar"][0]: entry["ar"] for entry in registry}
    found = []
    for path in sorted((root / "content/ar").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        url = "/" + path.relative_to(root / "content").with_suffix("").as_posix() + "/"
        record = (root / "site-root/.search" / url.strip("/") / "index.html").read_text()
        mentioned = re.findall(r'data-pagefind-filter="\w+">([^<]+)</li>', record)
        names = tuple(n for name in mentioned if name in by_name for n in by_name[name])
        found.append(Article(url, f"{yaml.safe_load(front)['title']}\n{body}", names))
    return found


def _results(
    page, base: str, prefix: str, query: str, lang: str = "ar"
) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Each listed result's path (under the site's base) and the words its excerpt marks."""
    return listed_with_marks(page, f"{base}{lang}/search/?q={quote(query)}", prefix)


@pytest.mark.parametrize("prefix", ["/"])
def test_each_query_lists_exactly_the_articles_holding_it_with_their_words_marked(
    sites: tuple[dict[str, str], list[Article]], page, prefix: str
) -> None:  # type: ignore[no-untyped-def]
    bases, articles = sites
    page.set_default_timeout(10_000)
    by_url = {article.url: article for article in articles}
    wrong = {}
    for query in QUERIES:
        expected = {article.url for article in articles if holds(article, query)}
        results = _results(page, bases[prefix], prefix, query)
        listed = [path for path, _ in results]
        if sorted(listed) != sorted(expected):
            wrong[query] = {"extra": set(listed) - expected, "missing": expected - set(listed)}
        for path, marks in results:
            written = set(words(by_url[path].text)) if path in by_url else set()
            if not marks or not all(set(words(mark)) <= written for mark in marks):
                wrong.setdefault(query, {})[path] = marks  # unmarked, or not as written
    assert not wrong


def test_the_rule_reads_every_keyboard_and_no_joined_number(
    sites: tuple[dict[str, str], list[Article]],
) -> None:
    """The oracle is not trivial: Persian and Kurdish keyboards' letters fold, 47 is no word
    of 4.7%, and a Kurdish letter is no letter of another word (ڕانیە is not رانيا)."""
    _, articles = sites
    by_url = {article.url: article for article in articles}
    assert holds(by_url[KURDISTAN], "حكومة إقليم كوردستان")  # written حکومة إقلیم کوردستان
    assert holds(by_url[KURDISTAN], "رانية")  # written ڕانیە
    assert not holds(by_url[KURDISTAN], "رانيا")
    assert holds(by_url[STORM], "47") and not holds(by_url[ECONOMY], "47")
    assert holds(by_url[ECONOMY], "٣٫٥") and not holds(by_url[ECONOMY], "35")


def test_a_number_marks_itself_not_a_longer_number(
    sites: tuple[dict[str, str], list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    """`50` finds the storm report by its ٥٠ and marks that, not the 500 metres Pagefind's
    plain search extends 50 to (no stemmer makes 500 of 50)."""
    bases, _ = sites
    page.set_default_timeout(10_000)
    assert dict(_results(page, bases["/"], "/", "50"))[STORM] == ["٥٠"]


@pytest.mark.parametrize(("query", "first", "second"), BEFORE)
def test_the_best_match_comes_first(
    sites: tuple[dict[str, str], list[Article]], page, query: str, first: str, second: str
) -> None:  # type: ignore[no-untyped-def]
    bases, _ = sites
    page.set_default_timeout(10_000)
    listed = [path for path, _ in _results(page, bases["/"], "/", query)]
    assert listed.index(first) < listed.index(second), listed


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_the_demo_variants_still_find_the_demo_article(
    sites: tuple[dict[str, str], list[Article]], page, prefix: str
) -> None:  # type: ignore[no-untyped-def]
    bases, _ = sites
    page.set_default_timeout(10_000)
    missed = [q for q in SEED_QUERIES if DEMO not in dict(_results(page, bases[prefix], prefix, q))]
    assert not missed
    page.goto(f"{bases[prefix]}ar/search/?q={quote('داعش')}")
    page.wait_for_selector(".search-result")
    assert SEED_TITLE in page.locator(".search-result h2").first.inner_text()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("IMF", True),
        ("Monetary", True),
        ("3.5", True),  # written 3.5%: Pagefind indexes it only as 35
        ("1,320", True),
        ("35", False),
        ("OPEC", False),  # only in a paragraph not yet translated
    ],
)
def test_english_search_finds_the_translated_paragraphs(
    sites: tuple[dict[str, str], list[Article]], page, query: str, listed: bool
) -> None:  # type: ignore[no-untyped-def]
    bases, _ = sites
    page.set_default_timeout(10_000)
    results = _results(page, bases["/"], "/", query, "en")
    assert [path for path, _ in results] == (
        ["/en/2025/09/dinar-exchange-rate-imf/"] if listed else []
    )
    assert all(marks for _, marks in results), results
