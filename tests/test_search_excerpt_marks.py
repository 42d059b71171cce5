"""A result's excerpt shows and marks the words that really matched (docs/search.md, "What
readers can do"): never a look-alike word Pagefind's plain search extends a query word to
(المتحدثة for المتحدة, دولار for الدولة, لـ for لا), never a word of an entity's name where the
article does not write the name (لقوات of لقوات التحالف for الأميركية, الدولة of الدولة
التركية for الإسلامية), and the text's own spelling of an entity when only the title writes
the query word (قوات سورية الديمقراطية for قسد). In Chromium with Pagefind, on a small
archive built for the test with the demo's registry."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .conftest import REPO, write
from .webtools import serve_folder

pytestmark = pytest.mark.browser

# Some thirty words between a look-alike and the real match: more than an excerpt shows.
FILLER = (
    "وأضافت أن النتائج الأولية ستعلن خلال يومين بعد مطابقة الأصوات يدوياً في عدد من "
    "المحطات التي شهدت اعتراضات من المرشحين ووكلائهم في الأقضية والنواحي البعيدة عن "
    "مراكز المدن الكبيرة وفي القرى المحيطة بها من كل الجهات."
)

ARTICLES = {
    "2023/01/kirkuk-vote": (
        "نسبة المشاركة في انتخابات كركوك",
        f"وقالت المتحدثة باسم المفوضية إن الناخبين أدلوا بأصواتهم في المراكز.\n\n{FILLER}\n\n"
        "ودعا ممثل الأمم المتحدة المرشحين إلى احترام النتائج.",
    ),
    "2023/02/exchange-rate": (
        "البنك المركزي يثبت سعر الصرف",
        f"قال البنك إن الاحتياطيات الأجنبية تجاوزت 100 مليار دولار.\n\n{FILLER}\n\n"
        "ورحب صندوق النقد الدولي بالخطوة.",
    ),
    "2023/03/mosque-funds": (
        "إعادة إعمار جامع في الموصل",
        f"بدأ العمل بكلفة تقارب 50 مليون دولار.\n\n{FILLER}\n\n"
        "وكان تنظيم داعش قد فجر الجامع قبل سنوات.",
    ),
    "2023/04/power-cuts": (
        "انقطاع الكهرباء في بغداد",
        f"وقال مسؤول في الوزارة تحدث لـ«السومرية» إن الطلب ارتفع.\n\n{FILLER}\n\n"
        "وأكد أن المحطات الحالية لا تكفي.",
    ),
    "2023/05/border-talks": (
        "مباحثات على الحدود",
        "وأشار إلى أنه يجب على الدولة التركية أن تدعم المسار السياسي، وشارك مقاتلون لقوات "
        "التحالف في العملية، وقاتلت القوات الأمريكية عناصر تنظيم داعش في الصحراء.",
    ),
    "2023/06/hol-camp": (
        "العراق يعيد عائلات من مخيم الهول وقسد تسلم عناصر",
        "أعادت الحكومة العراقية عائلات من مخيم الهول.\n\n"
        f"{FILLER}\n\n"
        "وقال مستشار الأمن القومي إن قوات سورية الديمقراطية سلمت خمسين عنصراً.",
    ),
}


def _path(slug: str) -> str:
    return f"/ar/{slug}/"


# An article's marks: the words its title marks, the words its excerpt marks.
Marks = tuple[set[str], set[str]]

# Query -> {article: its marks}.
EXPECTED: dict[str, dict[str, Marks]] = {
    # The real match, two paragraphs after the look-alike, is shown and marked alone.
    "المتحدة": {_path("2023/01/kirkuk-vote"): (set(), {"المتحدة"})},
    # Pagefind's stemmer joins الدولي with الدولة; its plain search extends دول to دولار. In
    # an article holding none of them, the entity found by its registry name تنظيم الدولة,
    # as the text writes it.
    "الدولة": {
        _path("2023/02/exchange-rate"): (set(), {"الدولي"}),
        _path("2023/03/mosque-funds"): (set(), {"تنظيم", "داعش"}),
    },
    "لا": {_path("2023/04/power-cuts"): (set(), {"لا"})},
    # A name's word alone (لقوات of لقوات التحالف, الدولة of الدولة التركية) is not the name.
    "الأميركية": {_path("2023/05/border-talks"): (set(), {"القوات", "الأمريكية"})},
    "الإسلامية": {_path("2023/05/border-talks"): (set(), {"تنظيم", "داعش"})},
    # The title writes the query word; the excerpt shows the text's own spelling of the name.
    "قسد": {_path("2023/06/hol-camp"): ({"وقسد"}, {"قوات", "سورية", "الديمقراطية"})},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsarchive.build.engine import build

    root = tmp_path_factory.mktemp("excerpt-marks")
    (root / "content").mkdir()
    for name in ("site.toml", "entities.yaml"):  # the demo's configuration and registry
        shutil.copy(REPO / "content" / name, root / "content" / name)
    for slug, (title, text) in ARTICLES.items():
        date = f"{slug[:4]}-{slug[5:7]}-10"
        write(
            root, f"content/ar/{slug}.md", f'---\ntitle: "{title}"\ndate: "{date}"\n---\n{text}\n'
        )
    build(root, root / "site", "http://127.0.0.1/")
    with serve_folder(root / "site") as base:
        yield base


def _marks(page, url: str) -> dict[str, tuple[set[str], set[str]]]:  # type: ignore[no-untyped-def]
    """Each listed result's path, the words its title marks and those its excerpt marks."""
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    found = page.eval_on_selector_all(
        ".search-result",
        """items => items.map((item) => [new URL(item.querySelector("h2 a").href).pathname,
          [...item.querySelectorAll("h2 mark")].map((mark) => mark.textContent),
          [...item.querySelectorAll(".excerpt mark")].map((mark) => mark.textContent)])""",
    )
    return {path: (set(title), set(excerpt)) for path, title, excerpt in found}


@pytest.mark.parametrize("search", [f"{q}{s}" for q in EXPECTED for s in ("", "&sort=newest")])
def test_the_excerpt_marks_what_matched_and_nothing_that_only_looks_like_it(  # type: ignore[no-untyped-def]
    site: str, page, search: str
) -> None:
    query = search.split("&")[0]
    results = _marks(page, f"{site}ar/search/?q={quote(query)}{search[len(query) :]}")
    for path, marks in EXPECTED[query].items():
        assert path in results, (query, path, sorted(results))
        assert results[path] == marks, (query, path)
    for path, (title, excerpt) in results.items():
        assert title or excerpt, f"{query}: {path} lists nothing marked"
