"""Entity sidebar, mention links and entity pages on the built demo site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.pipeline import build

SEED_PAGE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"
SEED_HREF = "/repo/ar/2020/11/coalition-us-forces-syria-iraq/"


@pytest.fixture
def site(project: Path) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    return project / "site"


def _sidebar(page: str) -> str:
    match = re.search(r'<aside class="entity-sidebar".*?</aside>', page, re.S)
    assert match, "the article has no entity sidebar"
    return match.group(0)


def test_sidebar_lists_each_entity_once_with_its_english_name(site: Path) -> None:
    sidebar = _sidebar((site / SEED_PAGE).read_text(encoding="utf-8"))
    links = re.findall(r'<a href="/repo/ar/entities/([a-z0-9-]+)/">', sidebar)
    assert len(links) == len(set(links))
    assert {
        "kevin-copsey",
        "kino-gabriel",
        "syria",
        "islamic-state",
        "syrian-democratic-forces",
    } <= set(links)
    assert '<bdi lang="en" dir="ltr" class="gloss">Kevin Copsey</bdi>' in sidebar
    for heading in ("أشخاص", "أماكن"):
        assert f"<h3>{heading}</h3>" in sidebar


def test_every_mention_links_to_an_entity_page_that_links_back(site: Path) -> None:
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    targets = set(re.findall(r'<a href="/repo/(ar/entities/[a-z0-9-]+/)"', page))
    assert len(targets) >= 10
    for target in targets:
        entity_page = (site / target / "index.html").read_text(encoding="utf-8")
        assert f'href="{SEED_HREF}"' in entity_page, target


def test_variant_spellings_link_to_one_entity(site: Path) -> None:
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    marked = re.findall(
        r'<a href="[^"]+" class="mention" data-entity="kino-gabriel">([^<]+)</a>', page
    )
    assert {"كينو كبريل", "كينو كبرئيل"} <= set(marked)


def test_entity_page_shows_first_mention_and_companions(site: Path) -> None:
    page = (site / "ar/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert "Kevin Copsey" in page
    assert re.search(r'<blockquote class="first-mention"><p>[^<]*كيفن كوبسي', page)
    assert 'class="co-mentions"' in page


def test_entities_index_lists_every_registry_entity(site: Path, project: Path) -> None:
    ids = re.findall(
        r"^- id: ([a-z0-9-]+)",
        (project / "content/entities.yaml").read_text(encoding="utf-8"),
        re.M,
    )
    index = (site / "ar/entities/index.html").read_text(encoding="utf-8")
    for entity_id in ids:
        assert f'href="/repo/ar/entities/{entity_id}/"' in index
