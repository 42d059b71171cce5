"""Relevance across the index's parts, in Chromium with Pagefind: a word weighs the same in
every year (docs/search.md, "Relevance").

Each year is a Pagefind index of its own, and Pagefind weighs a word by how few of its
index's pages hold it. Here one year holds the word in all of its four articles, one of
which names it in its title and six times; the next year holds it once, in a passing
mention, among six articles. Scored by each year's own counts, the passing mention came
first.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import listed_paths, serve_folder

pytestmark = pytest.mark.browser

WORD = "الطواحين"
NAMED = "/ar/2023/05/windmills/"  # the title and six times, in a year where all four hold it
PASSING = "/ar/2024/03/harvest/"  # once, in a year where one of six holds it
FILLER = "وقال السكان إن الموسم كان جيدا هذا العام رغم قلة الأمطار في الربيع."


def _article(root: Path, rel: str, date: str, title: str, body: str) -> None:
    write(root, f"content/ar/{rel}.md", f'---\ntitle: "{title}"\ndate: "{date}"\n---\n{body}\n')


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("ranking")
    shutil.copytree(REPO / "content", root / "content")
    _article(
        root,
        "2023/05/windmills",
        "2023-05-02",
        f"{WORD} القديمة تعود إلى العمل",
        " ".join(f"عادت {WORD} إلى الدوران في القرية {n}." for n in range(6)) + " " + FILLER,
    )
    for month in ("06", "07", "08"):
        _article(
            root,
            f"2023/{month}/village-{month}",
            f"2023-{month}-10",
            "أخبار القرية",
            f"زار الوفد القرية ومر قرب {WORD} في طريقه. {FILLER} {FILLER}",
        )
    _article(
        root,
        "2024/03/harvest",
        "2024-03-05",
        "موسم الحصاد",
        f"بدأ موسم الحصاد في السهل، وقال المزارعون إن {WORD} لم تعد تعمل. {FILLER} {FILLER}",
    )
    for month in ("04", "05", "06", "07", "08"):
        _article(root, f"2024/{month}/market-{month}", f"2024-{month}-10", "أخبار السوق", FILLER)
    build(root, root / "site", "http://127.0.0.1/")
    with serve_folder(root / "site") as base:
        yield base


def test_the_word_is_in_two_parts(two_years: str) -> None:
    """The case needs two index parts, each knowing how many pages it has."""
    from urllib.request import urlopen

    with urlopen(f"{two_years}pagefind/parts.json") as response:
        listed = json.load(response)
    pages = {part["name"]: part["pages"] for part in listed["parts"]}
    assert pages["2023-ar"] == 4
    assert pages["2024-ar"] == 6


def test_an_article_naming_the_word_often_ranks_above_a_passing_mention_in_another_year(
    two_years: str, page
) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(10_000)
    listed = listed_paths(page, f"{two_years}ar/search/?q={quote(WORD)}")
    assert len(listed) == 5
    assert listed[0] == NAMED, listed
    assert listed.index(NAMED) < listed.index(PASSING), listed


def test_scores_are_those_of_one_index_of_the_parts(two_years: str, page) -> None:  # type: ignore[no-untyped-def]
    """The factor each part's scores are multiplied by is the idf of all the parts searched
    over the part's own, as Pagefind computes idf: ln((N - n + 0.5) / (n + 0.5) + 1)."""
    page.goto(f"{two_years}ar/")
    factors = page.evaluate(
        """async (base) => {
          const relevance = await import(`${base}static/js/relevance.js`);
          return relevance.partFactors({ a: [4, 4], b: [6, 1], c: [0, 0] });
        }""",
        two_years,
    )
    import math

    def idf(pages: int, holding: int) -> float:
        return math.log((pages - holding + 0.5) / (holding + 0.5) + 1)

    assert factors["a"] == pytest.approx(idf(10, 5) / idf(4, 4))
    assert factors["b"] == pytest.approx(idf(10, 5) / idf(6, 1))
    assert factors["c"] == 1
    assert factors["a"] > 6 > 1 > factors["b"]
