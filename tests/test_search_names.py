"""A name with عبد is found written joined or apart, and Iraqi official copy's هيأة as other
outlets' هيئة (docs/search.md, "Which articles match"), in Chromium with Pagefind, at the
site's root and under /repo/: every query lists exactly the articles the rule gives (the
independent Python oracle, tests/searchrule.py), and the excerpt marks the name as the
article writes it, both words where it is written apart, the one word where joined.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from .conftest import REPO, write
from .searchrule import Article, holds
from .webtools import listed_with_marks, served_at_root_and_repo

pytestmark = pytest.mark.browser

APART = "/ar/2023/01/integrity-apart/"
JOINED = "/ar/2023/02/integrity-joined/"
RABBO = "/ar/2023/03/mosul-meeting/"
VISIT = "/ar/2023/04/official-visit/"
ARTICLES = {
    APART: (
        "هيأة النزاهة تحيل مديرا عاما إلى القضاء",
        "أحالت هيأة النزاهة المدير العام السابق عبد الستار جبار إلى محكمة الكرخ، وقالت "
        "الهيأة إن التحقيق مستمر.",
    ),
    JOINED: (
        "هيئة النزاهة تستجوب مسؤولا",
        "استجوبت هيئة النزاهة عبدالستار جبار في بغداد، وحضر الجلسة وعبدالله حسن.",
    ),
    # No name joined: a word without ال after عبد, the family name العبد الله, عبد alone and
    # الستار far from it, a comma between عبد and الستار.
    RABBO: (
        "لقاء في الموصل",
        "التقى عبد ربه منصور بوفد من المحافظة، وقال أحمد العبد الله إن عبد سيحضر رفع الستار "
        "عن النصب، وكتب عبد، الستار.",
    ),
    VISIT: ("زيارة رسمية", "التقى وزير الخارجية بعبد الله الحسن في العاصمة."),
}

QUERIES = [
    "عبدالستار",
    "عبد الستار",
    "عبد الستار جبار",
    "جبار عبدالستار",
    '"عبد الستار جبار"',
    '"عبدالستار جبار"',
    '"جبار عبد الستار"',
    "عبدربه",
    "عبد ربه",
    "عبد",
    "الستار",
    "عبدالله",
    "عبد الله",
    "بعبدالله",
    "العبد الله",
    "هيأة",
    "هيئة",
    "الهيئة",
    "بهيأة",
    "هيأة النزاهة",
    '"هيئة النزاهة"',
]


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, str], list[Article]]]:
    root = tmp_path_factory.mktemp("names")
    shutil.copytree(REPO / "content", root / "content")
    for url, (title, body) in ARTICLES.items():
        date = "-".join(url.split("/")[2:4]) + "-05"
        front = f'---\ntitle: "{title}"\ndate: "{date}"\n---\n'
        write(root, f"content{url.rstrip('/')}.md", front + body + "\n")
    with served_at_root_and_repo(root) as bases:
        yield bases, _articles(root)


def _articles(root: Path) -> list[Article]:
    """Every Arabic article, the demo's with the registry names of the entities it mentions
    (these articles mention none)."""
    found = [Article(url, f"{title}\n{body}", ()) for url, (title, body) in ARTICLES.items()]
    demo = (root / "content/ar/2020/11/coalition-us-forces-syria-iraq.md").read_text("utf-8")
    _, front, body = demo.split("---\n", 2)
    title = yaml.safe_load(front)["title"]
    return [*found, Article("/ar/2020/11/coalition-us-forces-syria-iraq/", f"{title}\n{body}", ())]


def _results(page, base: str, prefix: str, query: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each listed result's path (under the site's base) and the words its excerpt marks."""
    return dict(listed_with_marks(page, f"{base}ar/search/?q={quote(query)}", prefix))


def test_the_rule_joins_only_a_name_with_abd(
    sites: tuple[dict[str, str], list[Article]],
) -> None:
    """The oracle is not trivial: each spelling finds the other, and nothing else is joined."""
    _, articles = sites
    by_url = {article.url: article for article in articles}
    for query in ["عبدالستار", "عبد الستار", '"عبد الستار جبار"', "هيأة", "هيئة"]:
        assert {a.url for a in articles if holds(a, query)} == {APART, JOINED}, query
    assert {a.url for a in articles if holds(a, "عبدالله")} == {JOINED, VISIT}
    assert not any(holds(a, "عبدربه") for a in articles)
    assert holds(by_url[RABBO], "عبد ربه") and not holds(by_url[RABBO], "عبد الستار")


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_each_query_lists_exactly_the_articles_holding_it(
    sites: tuple[dict[str, str], list[Article]], page, prefix: str
) -> None:  # type: ignore[no-untyped-def]
    bases, articles = sites
    page.set_default_timeout(10_000)
    wrong = {}
    for query in QUERIES:
        expected = {article.url for article in articles if holds(article, query)}
        results = _results(page, bases[prefix], prefix, query)
        if set(results) != expected or not all(results.values()):
            wrong[query] = {"listed": results, "expected": expected}
    assert not wrong


@pytest.mark.parametrize(
    ("query", "marks"),
    [
        # The name as each article writes it: both words apart, the one word joined.
        ("عبدالستار", {APART: ["عبد الستار"], JOINED: ["عبدالستار"]}),
        ("عبد الستار", {APART: ["عبد الستار"], JOINED: ["عبدالستار"]}),
        ('"عبد الستار جبار"', {APART: ["عبد الستار", "جبار"], JOINED: ["عبدالستار", "جبار"]}),
        ("عبدالله", {JOINED: ["وعبدالله"], VISIT: ["بعبد الله"]}),
        # A word of the name alone marks that word alone, as before.
        ("عبد", {APART: ["عبد"], RABBO: ["عبد", "العبد", "عبد", "عبد"], VISIT: ["بعبد"]}),
        ("هيئة", {APART: ["هيأة", "الهيأة"], JOINED: ["هيئة"]}),
    ],
)
def test_the_excerpt_marks_the_name_as_the_article_writes_it(
    sites: tuple[dict[str, str], list[Article]], page, query: str, marks: dict[str, list[str]]
) -> None:  # type: ignore[no-untyped-def]
    bases, _ = sites
    page.set_default_timeout(10_000)
    assert _results(page, bases["/"], "/", query) == marks
