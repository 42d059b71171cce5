"""Kurdish names in Arabic copy, as an editor in Erbil pastes them: Kurdish writes a word's
first vowel on ئ (ئازاد, ئەحمەد) where Arabic copy writes an alef (آزاد, أحمد). Imported
through the CLI, the Kurdish spelling links the registry's entity and is shown as typed; in
Chromium with Pagefind either spelling finds both articles and marks the words as written,
and an Arabic word with ئ after a proclitic (وئام, harmony) is no spelling of one without."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import demo_with_imports
from .webtools import listed_with_marks, served_at_root_and_repo

pytestmark = pytest.mark.browser

KURDISH = "/ar/2021/03/azad-kurdish/"
ARABIC = "/ar/2021/03/azad-arabic/"
HARMONY = "/ar/2021/03/harmony/"
TYPED_KURDISH = (
    "هەولێر/ شفق نيوز/ قال النائب ئازاد برواري إن فرق الإنقاذ وصلت إلى پنجوين.\n"
    "وأضاف ئازاد أن المحافظ ئەحمەد ناصر زار المنطقة.\n"
)
WRITTEN_ARABIC = (
    "بغداد/ شفق نيوز/ استقبل رئيس البرلمان النائب آزاد برواري والوزير أحمد ناصر.\n"
    "وبحث الجانبان مشاريع الكهرباء في بنجوين.\n"
)
# وئام (و + ئام): the ئ of an Arabic word after a proclitic, never a Kurdish first vowel.
WITH_HARMONY = "بغداد/ شفق نيوز/ دعا المجلس إلى الوئام ووئام الطوائف.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("kurdish")
    entry = "- id: azad-barwari\n  type: person\n  ar: [آزاد برواري]\n  en: Azad Barwari\n"
    texts = {"azad-kurdish": TYPED_KURDISH, "azad-arabic": WRITTEN_ARABIC}
    demo_with_imports(root, entry, {**texts, "harmony": WITH_HARMONY}, "2021-03-07")
    with served_at_root_and_repo(root) as bases:
        yield bases["/"], root


def test_a_kurdish_spelling_links_the_entity_and_is_shown_as_typed(
    site: tuple[str, Path],
) -> None:
    _, root = site
    page = (root / "site-root" / KURDISH.strip("/") / "index.html").read_text(encoding="utf-8")
    assert 'href="/ar/entities/azad-barwari/">ئازاد برواري</a>' in page  # never folded


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("آزاد", {KURDISH: ["ئازاد", "ئازاد"], ARABIC: ["آزاد"]}),
        ("ئازاد", {KURDISH: ["ئازاد", "ئازاد"], ARABIC: ["آزاد"]}),
        ("أحمد ناصر", {KURDISH: ["ئەحمەد", "ناصر"], ARABIC: ["أحمد", "ناصر"]}),
        ("ئەحمەد", {KURDISH: ["ئەحمەد"], ARABIC: ["أحمد"]}),
        ("وئام", {HARMONY: ["الوئام", "ووئام"]}),
    ],
)
def test_either_spelling_finds_both_and_marks_the_words_as_written(
    site: tuple[str, Path], page, query: str, listed: dict[str, list[str]]
) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.set_default_timeout(10_000)
    found = dict(listed_with_marks(page, f"{base}ar/search/?q={quote(query)}"))
    assert found == listed
