"""Copy typed on an Urdu or Persian keyboard (ے ہ ی ک for ي ه ي ك), imported through the CLI:
its names link to the registry's entity and, in Chromium with Pagefind, the Arabic spelling
finds it and marks the words as written, and the Urdu spelling finds the Arabic copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import demo_with_imports
from .webtools import listed_with_marks, served_at_root_and_repo

pytestmark = pytest.mark.browser

URDU = "/ar/2021/03/kadhimi-urdu/"
ARABIC = "/ar/2021/03/kadhimi-arabic/"
TYPED_URDU = (
    "بغداد/ شفق نیوز/ قال رئیس الوزراء مصطفیٰ الکاظمے إن الحکومة ماضیة في خطة الإصلاح.\n"
    "وأضاف الکاظمے أن الانتخابات ستجري في موعدها.\n"
)
WRITTEN_ARABIC = (
    "بغداد/ شفق نيوز/ استقبل مصطفى الكاظمي وفداً من البنك الدولي لبحث التمويل.\n"
    "وبحث الجانبان مشاريع الكهرباء.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("urdu")
    entry = "- id: mustafa-al-kadhimi\n  type: person\n  ar: [مصطفى الكاظمي]\n"
    texts = {"kadhimi-urdu": TYPED_URDU, "kadhimi-arabic": WRITTEN_ARABIC}
    demo_with_imports(root, entry + "  en: Mustafa Al-Kadhimi\n", texts, "2021-03-07")
    with served_at_root_and_repo(root) as bases:
        yield bases["/"], root


def test_a_name_typed_on_an_urdu_keyboard_links_its_entity(site: tuple[str, Path]) -> None:
    _, root = site
    page = (root / "site-root" / URDU.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "mustafa-al-kadhimi" in page
    assert "مصطفیٰ الکاظمے" in page  # shown as typed: display is never folded


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("الكاظمي", {URDU: ["الکاظمے", "الکاظمے"], ARABIC: ["الكاظمي"]}),
        ("الکاظمے", {URDU: ["الکاظمے", "الکاظمے"], ARABIC: ["الكاظمي"]}),
        ("الحكومة", {URDU: ["الحکومة"]}),
    ],
)
def test_either_spelling_finds_both_and_marks_the_words_as_written(
    site: tuple[str, Path], page, query: str, listed: dict[str, list[str]]
) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.set_default_timeout(10_000)
    found = dict(listed_with_marks(page, f"{base}ar/search/?q={quote(query)}"))
    assert {url: found.get(url) for url in listed} == listed
