"""By relevance, an article writing the query as typed comes before one holding only a
variant that Pagefind's stemmer joins with it (docs/search.md, "Relevance"), however often
the variant is written, in Chromium with Pagefind."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .webtools import demo_site_with, listed_paths

pytestmark = pytest.mark.browser

FILLER = "وتحدث المسؤولون عن خطط كثيرة للمدينة والمحافظة في الأعوام المقبلة. " * 6

# name: (title, text). The variants are written often, in short texts; the words as typed
# once, in long ones: Pagefind scores the variants higher.
ARTICLES = {
    "security": ("اجتماع في المحافظة", f"ناقش المجتمعون الأمن في المدينة. {FILLER}"),
    "safe": ("شاطئ آمن", "الشاطئ آمن، والطريق آمن، والفندق آمن."),
    "syria": ("زيارة وفد", f"وصل الوفد إلى سورية صباح اليوم. {FILLER}"),
    "surah": ("سورة الفاتحة", "قرأ الإمام سورة الفاتحة ثم سورة البقرة وسورة يس."),
    "first-f": ("البطولة", f"فاز الفريق بالمرتبة الأولى في البطولة. {FILLER}"),
    "first-m": ("الأول الأول", "جاء الأول في السباق، والأول في الرماية، والأول في الجري."),
}
EXPECTED = {
    "الأمن": ("security", "safe"),
    "سورية": ("syria", "surah"),
    "الأولي": ("first-f", "first-m"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        f"content/ar/2023/0{n + 1}/{name}.md": (
            f'---\ntitle: "{title}"\ndate: "2023-0{n + 1}-05"\n---\n{text}\n'
        )
        for n, (name, (title, text)) in enumerate(ARTICLES.items())
    }
    with demo_site_with(tmp_path_factory.mktemp("written-order"), files) as base:
        yield base


@pytest.mark.parametrize("query", list(EXPECTED))
def test_the_article_writing_the_query_as_typed_comes_first(site: str, page, query: str) -> None:  # type: ignore[no-untyped-def]
    found = [
        path.split("/")[-2] for path in listed_paths(page, f"{site}ar/search/?q={quote(query)}")
    ]
    typed, variant = EXPECTED[query]
    assert typed in found and variant in found, found
    assert found.index(typed) < found.index(variant), found
