"""A quoted phrase lists an article only when its words follow each other in the title or in
the text, not running from the title's end into the text (docs/search.md), in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import demo_site_with, listed_paths

pytestmark = pytest.mark.browser

SCHOOL = "/ar/2023/02/cairo-school/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    school = (
        '---\ntitle: "مدرسة جديدة في القاهرة"\ndate: "2023-02-03"\n---\n'
        "افتتحت وزارة التربية مدرسة للبنات، وتضم المدرسة مكتبة كبيرة.\n"
    )
    files = {"content/ar/2023/02/cairo-school.md": school}
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
