"""An ordinary word does not list every article that holds a function word, in Chromium with
Pagefind (docs/search.md, "Which articles match").

Folding (فئة keys as فيه), stripping a proclitic (فلم as ف + لم, وطن as و + طن) and the
stemmer (Pagefind stems الفيه, the key of الفئة, to فيه as it stems فيها, and reads هيئة as
هيية, which it stems to هي) joined ordinary words to the words nearly every article holds: an
explorer's `الفئة` listed ten articles, nine of them only for في, فيه, فيها or ألف. As in
test_search_precision, each query's articles are computed by the rule (tests/searchrule.py)
and compared with what the search page lists, on articles written to hold the function words
and the ordinary words both.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from functools import partial

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .searchrule import Article, built_articles, holding
from .webtools import serve_folder, unlike_the_rule

pytestmark = pytest.mark.browser

ARTICLES = {
    "ar/2023/01/faction.md": ("انشقاق في الفئة المسلحة", "أعلنت الفئة المسلحة انشقاقها."),
    "ar/2023/02/film.md": ("عرض فلم وثائقي", "عرض المهرجان فلم المخرج الأول."),
    "ar/2023/03/wheat.md": ("حصاد القمح", "بلغ إنتاج القمح مئة ألف طن، ولم يتغير السعر."),
    "ar/2023/04/homeland.md": ("قصيدة عن وطن", "قال الشاعر إن وطن الإنسان ذاكرته."),
    "ar/2023/05/integrity.md": ("هيأة النزاهة تحقق", "فتحت هيأة النزاهة تحقيقا بالعقود."),
    "ar/2023/06/ports.md": ("الهيئة العامة للموانئ", "قالت الهيئة إن العمل مستمر."),
    "ar/2023/07/visit.md": (
        "زيارة الوزيرة",
        "زارت الوزيرة المدينة وهي تحمل رسالة، وقالت إنها لم تلتق فيها أحدا ولن تعود إليها.",
    ),
    "ar/2023/08/mechanism.md": ("آلية جديدة للدعم", "أقرت الحكومة آلية جديدة لتوزيع الدعم."),
    "ar/2023/09/volunteers.md": ("مساعدات بيد المتطوعين", "وصلت المساعدات بيد المتطوعين."),
    "ar/2023/10/inflation.md": ("التضخم", "بلغ التضخم 4.7 بالمئة."),
    "ar/2023/11/books.md": ("معرض الكتاب", "افتتح المعرض جناح كتاب الأطفال."),
}
DEMO = "ar/2020/11/coalition-us-forces-syria-iraq.md"

QUERIES = [
    # An explorer's: each listed nearly every article through a function word.
    "الفئة",
    "فئة",
    "فلم",
    "وطن",
    "هيئة",
    "هيئه",
    "هيأة",
    "الهيئة",
    # The function words typed, and the words they were joined with.
    "فيه",
    "فيها",
    "لم",
    "وهي",
    "طن",
    "ألف",
    "آلية",
    # What the rule still promises: proclitics and two-letter stems on the article's side.
    "يد",
    "تاب",
    "قوات",
    "مساعدات",
    "4.7",
    # Words of the index that no text holds.
    "joineddigits47",
    "everyarchivepage",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Article]]]:
    root = tmp_path_factory.mktemp("floods")
    shutil.copytree(REPO / "content", root / "content")
    for rel, (title, body) in ARTICLES.items():
        date = "-".join(rel.split("/")[1:3]) + "-05"
        write(root, f"content/{rel}", f'---\ntitle: "{title}"\ndate: "{date}"\n---\n{body}\n')
    build(root, root / "site", "http://127.0.0.1/")
    articles = built_articles(root, [DEMO, *ARTICLES])
    with serve_folder(root / "site") as base:
        yield base, articles


def test_the_rule_lists_only_articles_holding_the_word(
    archive: tuple[str, list[Article]],
) -> None:
    _, articles = archive
    faction, film = "/ar/2023/01/faction/", "/ar/2023/02/film/"
    integrity, ports = "/ar/2023/05/integrity/", "/ar/2023/06/ports/"
    assert holding(articles, "الفئة") == holding(articles, "فئة") == {faction}
    assert holding(articles, "فلم") == {film}
    assert holding(articles, "وطن") == {"/ar/2023/04/homeland/"}
    # One word in the newsrooms' spellings, the article on it or not: one set.
    authority = {frozenset(holding(articles, q)) for q in ["هيئة", "هيئه", "هيأة", "الهيئة"]}
    assert authority == {frozenset({integrity, ports})}
    # The function words typed find what they always found, ordinary words among them.
    assert {"/ar/2023/07/visit/", faction} <= holding(articles, "فيه")
    assert "/" + DEMO.removesuffix(".md") + "/" in holding(articles, "لم")
    assert holding(articles, "يد") == {"/ar/2023/09/volunteers/"}  # بيد
    assert holding(articles, "تاب") == {"/ar/2023/11/books/"}  # كتاب
    assert not holding(articles, "joineddigits47")


def test_every_query_lists_exactly_the_articles_that_hold_it(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, articles = archive
    assert not unlike_the_rule(page, base, QUERIES, partial(holding, articles))
