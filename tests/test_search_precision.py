"""Search lists exactly the articles that hold the query, in Chromium with Pagefind.

The expected result of every query is computed here, in Python, from the articles' text and
the entity registry by the rule of docs/search.md ("Which articles match"), and compared
with what the search page lists: no extra article and no missing one. The stemmer is the
Snowball Arabic stemmer (the snowballstemmer package), the algorithm Pagefind stems with.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from functools import partial
from urllib.parse import quote

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .searchrule import Article, built_articles, holding, holds
from .webtools import listed_paths, serve_folder, unlike_the_rule

pytestmark = pytest.mark.browser

# Articles the other tests have not seen, in two more years (two more index parts).
ARTICLES = {
    "ar/2021/03/train-camp.md": (
        "2021-03-02",
        "قطار جديد يصل إلى مخيم الهول",
        "وصل قطار محمل بالمساعدات إلى مخيم الهول، واستقبله الأهالي في المحطة.",
    ),
    "ar/2021/06/football.md": (
        "2021-06-12",
        "فوز المنتخب في مباراة ودية",
        "فاز المنتخب في مباراة كرة القدم أمس، وقال المدرب إن الفريق لعب بشجاعة.",
    ),
    "ar/2021/09/museum.md": (
        "2021-09-20",
        "متحف في المدينة القديمة",
        "وللقطارات القديمة متحف في المدينة، وبالقطار يصل الزوار إليه من العاصمة.",
    ),
    "ar/2022/01/elections.md": (
        "2022-01-10",
        "نتائج الانتخابات البلدية",
        "أعلنت اللجنة نتائج الانتخابات البلدية، وبلغت نسبة المشاركة في الانتخابات أربعين "
        "بالمئة. وقال رئيس اللجنة إن الانتخابات المقبلة ستجري في الربيع.",
    ),
    "ar/2022/02/weather.md": (
        "2022-02-14",
        "أمطار غزيرة في الشمال",
        "تساقطت أمطار غزيرة على مدن الشمال طوال الأسبوع، وأغلقت المدارس أبوابها يومين، "
        "وأجلت النقابة اجتماعها الذي كان مخصصا لمناقشة الانتخابات إلى الشهر المقبل، "
        "وقالت هيئة الأرصاد إن الطقس سيتحسن تدريجيا مع نهاية الأسبوع.",
    ),
    "ar/2022/03/hospital.md": (
        "2022-03-08",
        "توزيع أدوية في المستشفيات",
        "قال مسوول في مستشفي المدينه إن الهيية الصحية وزعت الادوية على المرضي.",
    ),
    "ar/2022/04/meeting.md": (
        "2022-04-01",
        "لقاء في البيت الأبيض",
        "التقى ترمب بوزير الخارجية في البيت الأبيض لبحث الملف السوري.",
    ),
    "ar/2022/05/market.md": (
        "2022-05-05",
        "سوق الفخار",
        "باع التاجر زير الماء في السوق القديم بثمن زهيد.",
    ),
    "ar/2022/06/withdrawal.md": (
        "2022-06-03",
        "انسحاب قوات من الحدود",
        "انسحبت قوات من الحدود الشرقية صباح اليوم، وقال شهود إن قوات أخرى ستبقى قرب المعابر، "
        "وإن قوات الحرس تراقب الطرق.",
    ),
    "ar/2022/07/parade.md": (
        "2022-07-14",
        "عرض في الساحة الكبرى",
        "شاهد الأهالي عرضا في الساحة الكبرى أمس، وشاركت فيه فرق موسيقية وطلاب المدارس، "
        "وحضرته القوات والضيوف من المدن المجاورة، وامتد العرض حتى المساء، ثم عاد الناس "
        "إلى بيوتهم في الحافلات التي وفرتها البلدية للزوار.",
    ),
    "ar/2022/08/clinic.md": (
        "2022-08-09",
        "افتتاح مستشفى جديد للأطفال",
        "افتتح مستشفى جديد للأطفال في الحي الشرقي، ويضم المستشفى مئتي سرير. وقال مدير "
        "المستشفى إن فريق كرة السلة في المدرسة المجاورة تبرع بريع مباراته للمستشفى.",
    ),
    # One hamza seated by two newsrooms: Egyptian ئ and ء (مسئول شئون شئ ببطئ برئ يقرءون),
    # Iraqi and Levantine ؤ and ء (مسؤول شؤون شيء ببطء بريء يقرؤون); and بري (ground), which
    # بريء (innocent) is not.
    "ar/2022/09/ministry.md": (
        "2022-09-04",
        "مسئول في وزارة الشئون",
        "قال مسئول في وزارة الشئون الاجتماعية إن كل شئ يسير ببطئ، وإن المتهم برئ، وإن "
        "الموظفين يقرءون الشكاوى.",
    ),
    "ar/2022/10/committee.md": (
        "2022-10-04",
        "لجنة لشؤون الطلاب",
        "قال مسؤول في لجنة شؤون الطلاب إن أي شيء لم يتغير، وإن العمل يسير ببطء، وإن زميلهم "
        "بريء، وإن الطلاب يقرؤون الصحف.",
    ),
    "ar/2022/11/ground.md": (
        "2022-11-04",
        "هجوم بري قرب النهر",
        "شن الجيش هجوما بريا قرب النهر، وغمرت السيول الطرق الزراعية.",
    ),
}
DEMO = "ar/2020/11/coalition-us-forces-syria-iraq.md"
# The source a result shows is not a word of the article: its words find nothing.
SOURCES = {"ar/2022/07/parade.md": "وكالة الأنباء المستقلة"}

# Queries as readers type them: words of no article in any form (the false hits of the
# issue among them), words of one article, words of several, variant spellings, registry
# variants, multi-word queries whose words sit in different articles, quoted phrases.
QUERIES = [
    "كلمةأولى",
    "صاروخ",
    "الهولندي",
    "قطا",
    "سكك",
    "قطار",
    "الهول",
    "مخيم الهول",
    "الهول قطار",
    "كرة القدم",
    "قدم كرة",
    '"كرة القدم"',
    '"القدم كرة"',
    '"مخيم الهول"',
    '"دونالد ترامب"',
    '"كينو غابرييل"',
    "«قوات التحالف»",
    "قطار الانتخابات",
    "الانتخابات",
    "انتخابات",
    "مسؤول",
    "مستشفى",
    "هيئة",
    "مدينة",
    "ترامب",
    "دونالد ترامب",
    "ترمب",
    "زير",
    "وزير",
    "داعش",
    "أكد",
    "كينو غابرييل",
    "العراق",
    "محافظة الحسكة",
    "بالمساعدات",
    "المساعدات",
    "والقطار",
    "متحف",
    # Words of the date and source that results show, held by no article's title or text
    # (the demo's dateline names شفق نيوز in its text).
    "نوفمبر",
    "تشرين",
    "آذار",
    "2022",
    "٢٠٢٢",
    "14",
    "وكالة",
    "الأنباء",
    "المستقلة",
    "شفق",
    # The stemmer joins words as written (السلة and السل), not only their keys (السله).
    "السل",
    "السلة",
    "السله",
    "مستشفي",
    "المستشفى",
    # One hamza seated otherwise (ؤ, ئ or ء before و; a word's last ء or ئ, after ي or not),
    # and words that are not its variants (بري, ground, is not بريء, innocent).
    "مسئول",
    "مسؤولية",
    "شئون",
    "الشؤون",
    "شيء",
    "شئ",
    "ببطء",
    "بطئ",
    "يقرؤون",
    "يقرئون",
    "بريء",
    "برئ",
    "بري",
    "السيول",
]

# ---- the site ----


def _front(date: str, title: str, source: str | None = None) -> str:
    named = f'source:\n  name: "{source}"\n' if source else ""
    return f'---\ntitle: "{title}"\ndate: "{date}"\n{named}---\n'


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Article]]]:
    root = tmp_path_factory.mktemp("precision")
    shutil.copytree(REPO / "content", root / "content")
    for rel, (date, title, body) in ARTICLES.items():
        write(root, f"content/{rel}", _front(date, title, SOURCES.get(rel)) + body + "\n")
    build(root, root / "site", "http://127.0.0.1/")
    with serve_folder(root / "site") as base:
        yield base, built_articles(root, [DEMO, *ARTICLES])


def _listed(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    return listed_paths(page, f"{base}ar/search/?q={quote(query)}")


def test_the_rule_is_not_trivial(archive: tuple[str, list[Article]]) -> None:
    _, articles = archive
    by_url = {a.url: a for a in articles}
    train = "/ar/2021/03/train-camp/"
    museum = "/ar/2021/09/museum/"
    assert {a.url for a in articles if holds(a, "قطار")} == {train, museum}
    assert not any(holds(a, "كلمةأولى") for a in articles)
    assert holds(by_url["/ar/2022/03/hospital/"], "مستشفى")  # spelt مستشفي
    assert holds(by_url["/ar/2022/04/meeting/"], "دونالد ترامب")  # spelt ترمب, a registry variant
    assert not holds(by_url["/ar/2021/06/football/"], '"القدم كرة"')
    egyptian, levantine = by_url[EGYPTIAN], by_url[LEVANTINE]
    assert holds(egyptian, "مسؤول") and holds(levantine, "مسئول")  # each writes one seat
    assert holds(egyptian, "شيء") and holds(levantine, "شئ")
    assert holds(egyptian, "الشؤون") and holds(levantine, "يقرئون")
    assert not holds(levantine, "بري")  # it writes بريء


EGYPTIAN = "/ar/2022/09/ministry/"  # writes only مسئول, شئون, شئ
LEVANTINE = "/ar/2022/10/committee/"  # writes only مسؤول, شؤون, شيء


@pytest.mark.parametrize(
    ("query", "found", "marked"),
    [
        ("مسؤول", EGYPTIAN, "مسئول"),
        ("مسئول", LEVANTINE, "مسؤول"),
        ("شيء", EGYPTIAN, "شئ"),
        ("شئ", LEVANTINE, "شيء"),
        ("الشؤون", EGYPTIAN, "الشئون"),
        ("ببطء", EGYPTIAN, "ببطئ"),
    ],
)
def test_a_hamza_seated_otherwise_finds_the_article(
    archive: tuple[str, list[Article]], page, query: str, found: str, marked: str
) -> None:  # type: ignore[no-untyped-def]
    """A reader typing one newsroom's hamza seat finds the other's article, and sees its
    word marked as the article writes it."""
    base, _ = archive
    page.set_default_timeout(10_000)
    listed = _listed(page, base, query)
    assert found in listed, listed
    result = page.locator(".search-result").nth(listed.index(found))
    assert marked in result.locator(".excerpt mark").all_inner_texts()


def test_a_word_that_only_looks_like_a_hamza_variant_is_not_found(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    assert LEVANTINE not in _listed(page, base, "بري")  # ground: it writes بريء, innocent
    assert "/ar/2022/11/ground/" not in _listed(page, base, "بريء")


def test_every_query_lists_exactly_the_articles_that_hold_it(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, articles = archive
    assert not unlike_the_rule(page, base, QUERIES, partial(holding, articles))


# ---- the best match first ----
