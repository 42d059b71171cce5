"""Every listed result shows what matched: the query's words marked in its title or excerpt as
the article writes them, inflections Pagefind's stemmer joins included (docs/search.md), in
Chromium with Pagefind."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

MOSQUE = "/ar/2023/01/new-mosque/"
WALL = "/ar/2023/06/city-wall/"
REPORT = "/ar/2023/04/un-report/"
TRUMP = "/ar/2023/05/trump-baghdad/"
DEMO = "/ar/2020/11/coalition-us-forces-syria-iraq/"
WATER = "/ar/2023/07/water-weapon/"

# Query -> {listed article: the words that may be marked in it}. Words written with
# tanween (مسجداً جديداً) and a title word met only through the stemmer (سوريا).
EXPECTED = {
    "جديد": {MOSQUE: {"جديداً"}},
    "جديدة": {MOSQUE: {"جديداً"}},
    "بالجديدة": {MOSQUE: {"جديداً"}},
    "مسجدين": {MOSQUE: {"مسجداً", "المسجد"}},
    "سورياني": {WALL: {"سوريا"}},
    # A name found by its own spelling in the text: the other words of its registry names
    # (قوات of قوات البيشمركة, of قوات سوريا الديمقراطية) are not marked in the title.
    "للبيشمركة": {DEMO: {"والبيشمركة", "البيشمركة"}},
    "قسد": {DEMO: {"قسد", "وقسد"}},
    # Nor a title word Pagefind's plain search extended a reading to (أممي for الأمم).
    '"الأمم المتحدة"': {REPORT: {"للأمم", "المتحدة"}},
    # An inflection Pagefind's stemmer joins that shares no start with the query word.
    "يستخدمونها": {WATER: {"تستخدم"}},
    # A name the text writes only in another registry spelling is still marked.
    "ترامب": {TRUMP: {"ترمب"}},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        "content/ar/2023/01/new-mosque.md": (
            '---\ntitle: "الإمام أحمد يفتتح مسجداً جديداً في الموصل"\ndate: "2023-01-15"\n---\n'
            "افتتح الإمام أحمد بن علي مسجداً جديداً في مدينة الموصل، بحضور أئمة ومسؤولين.\n\n"
            "وقال امام المسجد إن الافتتاح جاء بعد ثلاث سنوات من العمل.\n"
        ),
        "content/ar/2023/06/city-wall.md": (
            '---\ntitle: "ترميم السور القديم في سوريا"\ndate: "2023-06-12"\n---\n'
            "رمم العمال السور القديم للمدينة خلال الصيف.\n"
        ),
        "content/ar/2023/04/un-report.md": (
            '---\ntitle: "تقرير أممي عن المياه في الموصل"\ndate: "2023-04-02"\n---\n'
            "حذر تقرير للأمم المتحدة من نقص المياه في مدينة الموصل.\n"
        ),
        "content/ar/2023/07/water-weapon.md": (
            '---\ntitle: "اتهامات بشأن المياه"\ndate: "2023-07-21"\n---\n'
            "قالت الإدارة الذاتية إن تركيا تستخدم المياه سلاحاً ضد المدنيين.\n"
        ),
        "content/ar/2023/05/trump-baghdad.md": (
            '---\ntitle: "ترمب يتحدث عن العراق"\ndate: "2023-05-09"\n---\n'
            "قال الرئيس ترمب إن العلاقات مع العراق جيدة.\n"
        ),
    }
    with demo_site_with(tmp_path_factory.mktemp("highlights"), files) as base:
        yield base


def _results(page) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Each listed result's path and the words marked in its title and excerpt."""
    found = page.eval_on_selector_all(
        ".search-result",
        """items => items.map((item) => [
          new URL(item.querySelector("h2 a").href).pathname,
          [...item.querySelectorAll("mark")].map((mark) => mark.textContent)])""",
    )
    return {path: set(marks) for path, marks in found}


@pytest.mark.parametrize("sort", ["", "&sort=newest"])
@pytest.mark.parametrize("query", list(EXPECTED))
def test_every_listed_result_marks_the_words_that_matched(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    sort: str,
) -> None:
    page.goto(f"{site}ar/search/?q={quote(query)}{sort}")
    page.wait_for_selector("[data-search][data-ready]")
    results = _results(page)
    assert set(EXPECTED[query]) <= set(results)
    for path, marks in results.items():
        assert marks, f"{query}: {path} lists nothing marked"
    for path, words in EXPECTED[query].items():
        assert results[path] <= words, (query, path, results[path])
