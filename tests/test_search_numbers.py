"""A number typed in groups of thousands is one number, in Chromium with Pagefind
(docs/search.md, "Which articles match").

`120,000` was read as the two words 120 and 000: it listed an article writing 120 soldiers
and 3,000 tents, and its excerpts marked the 000 of every other number, the window sometimes
missing the number itself. As in test_search_precision, each query's articles are computed
by the rule (tests/searchrule.py) and compared with what the search page lists; the marks
are read from the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from urllib.parse import quote

import pytest

from .searchrule import Article, built_articles, holding
from .webtools import demo_site_with, listed_with_marks, unlike_the_rule

pytestmark = pytest.mark.browser

# Many other numbers in groups before the one looked for: more than an excerpt's 30 words of
# them, so that a window drawn to their 000s would not show 120,000.
OTHERS = " ".join(f"وفي المخيم رقم {n} سجلت {n},000 حالة." for n in range(2, 12))
ARTICLES = {
    "ar/2024/01/displaced.md": (
        "النازحون في الشمال",
        f"{OTHERS} وبلغ عدد النازحين في المحافظة 120,000 شخص بحسب الأمم المتحدة، من أصل "
        "1,120,000 نسمة.",
    ),
    "ar/2024/02/eastern.md": ("النازحون في الجنوب", "وصل عدد العائدين إلى ١٢٠٬٠٠٠ عائد."),
    "ar/2024/03/plain.md": ("الميزانية", "خصصت الوزارة 120000 دينار للمدارس."),
    # 120 and 000 apart: not the number.
    "ar/2024/04/tents.md": ("الخيام", "وصل 120 جنديا ونقلوا 3,000 خيمة إلى المخيم."),
    # 120,000 inside a larger number: not it either.
    "ar/2024/05/budget.md": ("الموازنة", "بلغت الموازنة 1,120,000 دينار هذا العام."),
    "ar/2024/06/rate.md": ("سعر الصرف", "بلغ سعر الصرف ١٬٤٨٠ دينارا للدولار."),
    # A proclitic on the number, as on a word.
    "ar/2024/07/returnees.md": ("العائدون", "عاد ما بين 100,000 و120,000 نازح إلى قراهم."),
}
DEMO = "ar/2020/11/coalition-us-forces-syria-iraq.md"

QUERIES = [
    "120,000",
    "١٢٠٬٠٠٠",
    "120000",
    "١٢٠٠٠٠",
    "1,120,000",
    "1,480",
    "1480",
    "و120,000",
    "100,000",
    "3,000",
    '"120,000 شخص"',
    '"120 شخص"',
    # A group of its own is still a word of the text's numbers.
    "120",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Article]]]:
    root = tmp_path_factory.mktemp("numbers")
    files = {
        f"content/{rel}": f'---\ntitle: "{title}"\ndate: "{rel[3:10].replace("/", "-")}-05"\n'
        f"---\n{body}\n"
        for rel, (title, body) in ARTICLES.items()
    }
    with demo_site_with(root, files) as base:
        yield base, built_articles(root, [DEMO, *ARTICLES])


def test_the_rule_reads_a_grouped_number_as_one(archive: tuple[str, list[Article]]) -> None:
    _, articles = archive
    number = {
        "/ar/2024/01/displaced/",
        "/ar/2024/02/eastern/",
        "/ar/2024/03/plain/",
        "/ar/2024/07/returnees/",
    }
    assert holding(articles, "120,000") == holding(articles, "١٢٠٬٠٠٠") == number
    assert holding(articles, "120000") == number
    assert holding(articles, "1,480") == {"/ar/2024/06/rate/"}
    assert "/ar/2024/04/tents/" in holding(articles, "120")  # 120 and 000 apart
    assert holding(articles, '"120,000 شخص"') == {"/ar/2024/01/displaced/"}


def test_every_query_lists_exactly_the_articles_that_hold_it(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, articles = archive
    assert not unlike_the_rule(page, base, QUERIES, partial(holding, articles))


RETURNEES = {"returnees": ["و120,000"]}


@pytest.mark.parametrize(
    ("query", "marks"),
    [
        (
            "120,000",
            {"displaced": ["120,000"], "eastern": ["١٢٠٬٠٠٠"], "plain": ["120000"], **RETURNEES},
        ),
        (
            "١٢٠٬٠٠٠",
            {"displaced": ["120,000"], "eastern": ["١٢٠٬٠٠٠"], "plain": ["120000"], **RETURNEES},
        ),
        ("1,480", {"rate": ["١٬٤٨٠"]}),
    ],
)
def test_the_excerpt_marks_the_number_not_other_groups(
    archive: tuple[str, list[Article]], page, query: str, marks: dict[str, list[str]]
) -> None:  # type: ignore[no-untyped-def]
    """The excerpt shows the number as the article writes it, marked whole, and no 000 of
    the other numbers around it."""
    base, _ = archive
    page.set_default_timeout(10_000)
    listed = listed_with_marks(page, f"{base}ar/search/?q={quote(query)}")
    assert {path.split("/")[-2]: marked for path, marked in listed} == marks
