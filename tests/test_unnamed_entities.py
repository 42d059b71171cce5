"""An entity of the registry that no article names: its pages stay at their address but are
quiet (they say so, are noindex, out of the sitemap, the entities index and the search
page's offers, with no feed advertised), the build notes it at its entry, and the edit that
first names it, or no longer, turns its pages normal or quiet as a full build makes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import ARCHIVE_BASE as BASE
from .conftest import DEMO_ARTICLE, add_registry_entry, differ_from_full, snapshot
from .webtools import sitemap_urls

ENTRY = "- id: zumurrud\n  type: place\n  ar: [زمردستان]\n  en: Zumurrudistan\n"
PAGES = {"ar": "ar/entities/zumurrud/index.html", "en": "en/entities/zumurrud/index.html"}
SAYS = {
    "ar": "<p>لم يرد ذكره في أي مقال من الأرشيف بعد، لا في العنوان ولا في النص.</p>",
    "en": "<p>No article in the archive mentions it yet, in its title or its text.</p>",
}
NOINDEX = '<meta name="robots" content="noindex">'
NOTE = "note: no article names 'zumurrud' yet"
URL = BASE + "{lang}/entities/zumurrud/"


def _page(site: Path, lang: str) -> str:
    return (site / PAGES[lang]).read_text(encoding="utf-8")


def _listed(site: Path) -> dict[str, bool]:
    """Where readers and crawlers find the entity: the sitemap, each index, each language's
    search offers."""
    found = {"sitemap": URL.format(lang="ar") in sitemap_urls(site)}
    for lang in ("ar", "en"):
        index = (site / lang / "entities/index.html").read_text(encoding="utf-8")
        found[f"{lang} index"] = "/entities/zumurrud/" in index
        offers = site / lang / "search/entities.json"
        if offers.exists():
            rows = json.loads(offers.read_text(encoding="utf-8"))["entities"]
            found[f"{lang} search"] = any("/entities/zumurrud/" in row[1] for row in rows)
    return found


def _name_it(project: Path, named: bool) -> None:
    """The demo article's first sentence names Zumurrudistan, or no longer does."""
    file = project / "content" / DEMO_ARTICLE
    text = file.read_text(encoding="utf-8")
    said = " وزار الوفد زمردستان."
    if named:
        start = text.index("\n---\n") + len("\n---\n")
        first = text.index("\n\n", start + 1)
        text = text[:first] + said + text[first:]
    else:
        text = text.replace(said, "", 1)
    file.write_text(text, encoding="utf-8")


def test_an_entity_no_article_names_has_a_quiet_page_and_no_list_offers_it(
    project: Path,
) -> None:
    add_registry_entry(project, ENTRY)
    build(project, project / "site", BASE, search=True)
    site = project / "site"
    for lang, other in (("ar", "en"), ("en", "ar")):
        page = _page(site, lang)
        head, body = page.split("<body", 1)
        assert SAYS[lang] in body and "article-list" not in body
        assert NOINDEX in head
        # No feed offered, nor a search for articles it has none of; no hreflang twin (both
        # are noindex); its language switch still leads to the twin.
        assert "zumurrud/feed.xml" not in page and "/search/?" not in body
        assert "hreflang=" not in head
        assert f'<a href="/repo/{other}/entities/zumurrud/" hreflang="{other}"' in body
        # The feed stays, empty: a reader subscribed while articles named it keeps a feed.
        feed = (site / lang / "entities/zumurrud/feed.xml").read_text(encoding="utf-8")
        assert feed.startswith("<?xml") and "<entry>" not in feed
    assert _listed(site) == dict.fromkeys(
        ["sitemap", "ar index", "ar search", "en index", "en search"], False
    )
    # A named entity's page is as it was: indexed, its feed and search offered.
    copsey = (site / "en/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert NOINDEX not in copsey and "kevin-copsey/feed.xml" in copsey and "/search/?" in copsey
    assert URL.format(lang="en").replace("zumurrud", "kevin-copsey") in sitemap_urls(site)


def test_the_entities_index_lists_every_registry_entity_an_article_names(project: Path) -> None:
    add_registry_entry(project, ENTRY)
    build(project, project / "site", BASE, search=False)
    registry = (project / "content/entities.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: ([a-z0-9-]+)", registry, re.M)
    assert len(ids) > 20 and "zumurrud" in ids
    for lang in ("ar", "en"):
        index = (project / "site" / lang / "entities/index.html").read_text(encoding="utf-8")
        listed = re.findall(rf'href="/repo/{lang}/entities/([a-z0-9-]+)/"', index)
        assert sorted(listed) == sorted(i for i in ids if i != "zumurrud")


def test_the_build_notes_each_unnamed_entity_at_its_entry_and_succeeds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = add_registry_entry(project, ENTRY)
    argv = ["build", "--root", str(project), "--no-search"]
    assert main(argv) == 0
    said = capsys.readouterr()
    assert said.err.count(NOTE) == 1
    assert f"content/entities.yaml:{line}: {NOTE}, in its title or text: " in said.err
    assert re.search(r" 0 warning\(s\), 1 note\(s\) -> ", said.out)
    assert main(argv) == 0  # up to date: said again, as warnings are
    assert capsys.readouterr().err.count(NOTE) == 1
    _name_it(project, True)
    assert main(argv) == 0
    said = capsys.readouterr()
    # The note is gone (the edit itself is warned of: a published text changed with no
    # correction note, whose advice quotes `note: …`).
    assert NOTE not in said.err and " note(s)" not in said.out


def test_many_unnamed_entities_are_one_note_at_the_first(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A registry written ahead of its articles does not bury the build's warnings: past five,
    the unnamed entities are one note, at the first one's entry, naming the first three."""
    places = ["زمردستان", "ياقوتستان", "فيروزستان", "مرجانستان", "لؤلؤستان", "كهرمانستان"]
    ids = ["zumurrud", "yaqut", "fairuz", "marjan", "lulu", "kahraman"]
    first = None
    for place_id, name in zip(ids, places, strict=True):
        line = add_registry_entry(
            project, f"- id: {place_id}\n  type: place\n  ar: [{name}]\n  en: {place_id.title()}\n"
        )
        first = first or line
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    said = capsys.readouterr()
    assert said.err.count("note:") == 1
    assert (
        f"content/entities.yaml:{first}: note: no article names 6 entities, this one first "
        "('zumurrud', 'yaqut', 'fairuz' and 3 more)"
    ) in said.err
    assert re.search(r" 0 warning\(s\), 1 note\(s\) -> ", said.out)


def test_an_edit_that_names_it_first_makes_its_pages_normal_and_one_that_unnames_it_quiet(
    project: Path, tmp_path: Path
) -> None:
    """Patched in place both ways, to what a full build makes (pages, sitemap, index) and
    with its warnings."""
    add_registry_entry(project, ENTRY)
    site = project / "site"
    build(project, site, BASE, search=False)
    for named in (True, False, True):
        _name_it(project, named)
        made = build(project, site, BASE, search=False)
        assert made.written is not None  # patched, not built anew
        page = _page(site, "ar")
        assert (NOINDEX in page) == (not named) and (SAYS["ar"] in page) == (not named)
        assert ('href="/repo/ar/2020/11/coalition-us-forces-syria-iraq/"' in page) == named
        assert set(_listed(site).values()) == {named}
        assert any(NOTE.removeprefix("note: ") in w.message for w in made.warnings) != named
        assert differ_from_full(project, tmp_path) == []
        cold = build(tmp_path / "fresh", tmp_path / "fresh/site", BASE, search=False)
        assert made.warnings == cold.warnings


def test_a_registry_edit_that_gives_it_a_name_articles_use_makes_its_pages_normal(
    project: Path, tmp_path: Path
) -> None:
    """An added variant that the demo article writes (and then its removal), patched."""
    add_registry_entry(project, ENTRY)
    site = project / "site"
    build(project, site, BASE, search=False)
    registry = project / "content/entities.yaml"
    before = registry.read_text(encoding="utf-8")
    registry.write_text(
        before.replace("ar: [زمردستان]", "ar: [زمردستان, التحركات الاعتيادية]"), "utf-8"
    )
    assert build(project, site, BASE, search=False).written is not None
    assert NOINDEX not in _page(site, "en") and set(_listed(site).values()) == {True}
    assert differ_from_full(project, tmp_path) == []
    registry.write_text(before, encoding="utf-8")
    made = build(project, site, BASE, search=False)
    assert made.written is not None and NOINDEX in _page(site, "en")
    assert set(_listed(site).values()) == {False}
    assert differ_from_full(project, tmp_path) == []
    assert [w.message for w in made.warnings if w.severity == "note"] == [
        w.message
        for w in build(tmp_path / "fresh", tmp_path / "fresh/site", BASE, False).warnings
        if w.severity == "note"
    ]
    assert snapshot(site).keys() == snapshot(tmp_path / "fresh/site").keys()
