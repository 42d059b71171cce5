"""A quoted phrase lists an article only when its words follow each other in the title or in
the text, not running from the title's end into the text (docs/search.md), in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import demo_site_with, listed_paths

pytestmark = pytest.mark.browser

SCHOOL = "/ar/2023/02/cairo-school/"
WITHDRAWAL = "/ar/2023/03/withdrawal/"
PHRASE = '"قوات سوريا"'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    school = (
        '---\ntitle: "مدرسة جديدة في القاهرة"\ndate: "2023-02-03"\n---\n'
        "افتتحت وزارة التربية مدرسة للبنات، وتضم المدرسة مكتبة كبيرة.\n"
    )
    withdrawal = (
        '---\ntitle: "قوات أمريكية تنسحب من سوريا"\ndate: "2023-03-04"\n---\n'
        "قالت قوات سوريا الديمقراطية إن الانسحاب بدأ، وإن سوريا تشهد تحركات لقوات أخرى.\n"
    )
    files = {
        "content/ar/2023/02/cairo-school.md": school,
        "content/ar/2023/03/withdrawal.md": withdrawal,
    }
    with demo_site_with(tmp_path_factory.mktemp("phrase"), files) as base:
        yield base


@pytest.mark.parametrize("sort", ["", "&sort=newest"])
@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ('"القاهرة افتتحت"', False),  # the title's last word, then the text's first
        ('"جديدة في القاهرة"', True),  # in the title
        ('"افتتحت وزارة"', True),  # in the text
        ('"وتضم المدرسة مكتبة"', True),
    ],
)
def test_a_phrase_is_looked_for_in_the_title_and_in_the_text(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    listed: bool,
    sort: str,
) -> None:
    found = listed_paths(page, f"{site}ar/search/?q={quote(query)}{sort}")
    assert (SCHOOL in found) is listed, (query, found)


def test_a_phrase_is_marked_where_its_words_follow_each_other(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """Not its words one by one: the title's قوات ... سوريا, the text's later سوريا and
    لقوات are no match of "قوات سوريا" and stay unmarked."""
    page.goto(f"{site}ar/search/?q={quote(PHRASE)}")
    page.wait_for_selector("[data-search][data-ready]")
    item = page.locator(".search-result", has=page.locator(f"a[href$='{WITHDRAWAL}']"))
    assert item.locator("h2 mark").count() == 0
    assert item.locator(".excerpt mark").all_inner_texts() == ["قوات", "سوريا"]
