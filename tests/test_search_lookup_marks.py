"""Every page of results marks the words each of a result's lookups located, in Chromium with
Pagefind (docs/search.md, "What readers can do").

A result is found by one lookup per word of the query and reading of it, and Pagefind's
`data()` keeps one object per article, holding the locations of whichever lookup asked last:
for `يستخدمونها الطائرات` every result marked الطائرات and none the تستخدم that Pagefind's
stemmer joins with يستخدمونها (the page has no stemmer: only the lookup's locations say so),
by relevance and by date, on the first page and after "show more".
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

# More articles than a page of results (20) shows, each writing تستخدم, not يستخدمونها.
ARTICLES = {
    f"content/ar/2024/{n % 12 + 1:02d}/drones-{n}.md": (
        f'---\ntitle: "تقرير رقم {n}"\ndate: "2024-{n % 12 + 1:02d}-{n + 1:02d}"\n---\n'
        f"قالت الوزارة إن الفصائل تستخدم الطائرات المسيرة في المنطقة رقم {n}.\n"
    )
    for n in range(25)
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_site_with(tmp_path_factory.mktemp("lookups"), ARTICLES) as served:
        yield served


@pytest.mark.parametrize("sort", ["", "&sort=newest"])
@pytest.mark.parametrize("query", ["يستخدمونها الطائرات", "الطائرات يستخدمونها"])
def test_every_page_marks_what_each_lookup_located(base: str, page, query: str, sort: str) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(10_000)
    page.goto(f"{base}ar/search/?q={quote(query)}{sort}")
    page.wait_for_selector("[data-search][data-ready]")
    page.locator(".more button").click()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 25")
    marks = page.eval_on_selector_all(
        ".search-result .excerpt",
        "all => all.map((e) => [...e.querySelectorAll('mark')].map((m) => m.textContent))",
    )
    assert len(marks) == 25
    assert all(sorted(each) == ["الطائرات", "تستخدم"] for each in marks), marks
