"""The translator of an English gloss is credited where the English page is cited: in its
"cite this article" block and as the schema.org `translator` of its JSON-LD; the Arabic
page, the original, names no translator, and a gloss that names none adds nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO

BASE = "https://example.org/archive/"
STORY = "2020/11/coalition-us-forces-syria-iraq"
GLOSS = f"content/en/{STORY}.md"


def _site(root: Path, translator: str) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    gloss = root / GLOSS
    text = gloss.read_text("utf-8")
    assert 'translator: ""' in text
    gloss.write_text(text.replace('translator: ""', f"translator: {translator}"), "utf-8")
    build(root, root / "site", BASE, search=False)
    return root / "site"


def _page(site: Path, lang: str) -> str:
    return (site / lang / STORY / "index.html").read_text("utf-8")


def _cite_lines(html: str) -> tuple[str, str]:
    block = html[html.index('<section class="cite"') :]
    block = block[: block.index("</section>")]
    arabic, english = block.split("<b>In English: </b>")
    return arabic, english[: english.index("</p>")]


def _jsonld(html: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data: dict[str, object] = json.loads(found[0])
    return data


@pytest.fixture(scope="module")
def credited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("credited"), '"Sara Ahmed"')


def test_the_english_page_cites_its_translator_after_the_title(credited: Path) -> None:
    _, english = _cite_lines(_page(credited, "en"))
    assert (
        "[International coalition: US forces&#39; move from Syria towards Iraq is routine]."
        " Translated by Sara Ahmed. Shafaq News, November 2020." in english
    )
    assert english.endswith(BASE + "en/" + STORY + "/")  # the translation's own address


def test_the_english_page_names_its_translator_in_its_jsonld(credited: Path) -> None:
    data = _jsonld(_page(credited, "en"))
    assert data["translator"] == {"@type": "Person", "name": "Sara Ahmed"}


def test_the_arabic_original_names_no_translator(credited: Path) -> None:
    html = _page(credited, "ar")
    assert "Sara Ahmed" not in html
    assert "translator" not in _jsonld(html)


def test_a_gloss_without_a_translator_adds_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path, '""')
    html = _page(site, "en")
    assert "Translated by" not in _cite_lines(html)[1]
    assert "translator" not in _jsonld(html)


def test_an_arabic_name_of_a_translator_is_set_apart_in_the_english_line(tmp_path: Path) -> None:
    site = _site(tmp_path, '"سارة أحمد"')
    _, english = _cite_lines(_page(site, "en"))
    assert 'Translated by <bdi lang="ar">سارة أحمد</bdi>. Shafaq News' in english
    assert _jsonld(_page(site, "en"))["translator"] == {"@type": "Person", "name": "سارة أحمد"}
