"""A renamed entity keeps its address: `moved_from: [old-id]` in its registry entry makes a
page at each old address, in both languages, that leads to its page; a build that drops an
entity page the published site has says so, and how to keep its address."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import fresh_build, snapshot
from .webtools import sitemap_urls

BASE = "https://example.github.io/repo/"


def _registry(root: Path) -> Path:
    return root / "content/entities.yaml"


def _rename(root: Path, moved_from: str | None = "[donald-trump]") -> None:
    registry = _registry(root)
    text = registry.read_text(encoding="utf-8")
    new = "- id: trump" + (f"\n  moved_from: {moved_from}" if moved_from else "")
    registry.write_text(text.replace("- id: donald-trump", new, 1), encoding="utf-8")


def test_a_renamed_entity_keeps_its_address(project: Path, tmp_path: Path) -> None:
    build(project, project / "site", BASE, search=False)
    _rename(project)
    build(project, project / "site", BASE, search=False)
    site = project / "site"
    for lang, name in (("ar", "دونالد ترامب"), ("en", "Donald Trump")):
        old = (site / lang / "entities/donald-trump/index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{BASE}{lang}/entities/trump/">' in old
        assert f'<a href="/repo/{lang}/entities/trump/"><bdi>{name}</bdi></a>' in old
        assert '<meta name="robots" content="noindex">' in old
        assert (site / lang / "entities/trump/index.html").exists()
    # Its feed stays at the old address too (a feed reader follows no page's redirect),
    # saying where it lives now.
    feed = (site / "ar/entities/trump/feed.xml").read_bytes()
    assert (site / "ar/entities/donald-trump/feed.xml").read_bytes() == feed
    assert f'type="application/atom+xml" href="{BASE}ar/entities/trump/feed.xml"'.encode() in feed
    # Nothing lists the old address: not the sitemap, not the entities index.
    listed = set(sitemap_urls(site))
    for lang in ("ar", "en"):
        assert f"{BASE}{lang}/entities/trump/" in listed
        assert f"{BASE}{lang}/entities/donald-trump/" not in listed
    for listing in ("ar/entities/index.html", "en/entities/index.html"):
        assert "donald-trump" not in (site / listing).read_text(encoding="utf-8"), listing
    assert snapshot(site) == fresh_build(project, tmp_path, BASE)
    # An article edited: both addresses' feeds follow, as a full build writes them.
    article = next(p for p in (project / "content/ar").rglob("*.md") if "ترامب" in p.read_text())
    retitled = article.read_text(encoding="utf-8").replace('title: "', 'title: "عاجل: ', 1)
    article.write_text(retitled, encoding="utf-8")
    build(project, site, BASE, search=False)
    assert (site / "ar/entities/donald-trump/feed.xml").read_bytes() != feed
    assert snapshot(site) == fresh_build(project, tmp_path / "again", BASE)
    # An entity added: an edit that makes the sitemap again leaves the old address out too.
    # (One the demo article names: the sitemap leaves out an entity no article names.)
    registry = _registry(project)
    added = "\n- id: military-base\n  type: place\n  ar: [قاعدة عسكرية]\n"
    registry.write_text(registry.read_text(encoding="utf-8") + added, encoding="utf-8")
    assert build(project, site, BASE, search=False).written is not None  # an edit
    assert f"{BASE}ar/entities/military-base/" in set(sitemap_urls(site))
    assert snapshot(site) == fresh_build(project, tmp_path / "added", BASE)


def test_adding_moved_from_after_the_rename_brings_the_old_address_back(
    project: Path, tmp_path: Path
) -> None:
    build(project, project / "site", BASE, search=False)
    _rename(project, moved_from=None)
    build(project, project / "site", BASE, search=False)
    assert not (project / "site/en/entities/donald-trump").exists()
    registry = _registry(project)
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("- id: trump", "- id: trump\n  moved_from: donald-trump"))
    build(project, project / "site", BASE, search=False)
    assert (project / "site/en/entities/donald-trump/index.html").exists()
    assert snapshot(project / "site") == fresh_build(project, tmp_path, BASE)


def test_a_build_that_drops_a_published_entity_page_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Said once, with the build's summary: not a warning, which a cold build of the same
    content (it removes nothing) would give too, nor one the next builds repeat."""
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    _rename(project, moved_from=None)
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    out, err = capsys.readouterr()
    line = _registry(project).read_text(encoding="utf-8").split("\n").index("- id: trump") + 1
    assert (  # at the entry that is most likely the renamed one
        f"content/entities.yaml:{line}: note: no entity has the id 'donald-trump' now, so its "
        "published pages (ar/entities/donald-trump/) go with this build: if the entity was "
        "renamed, add `moved_from: [donald-trump]` to this entry ('trump', new since the last "
        "build)" in out
    )
    assert "donald-trump" not in err
    assert main(["build", "--root", str(project), "--no-search"]) == 0  # nothing to do
    assert "donald-trump" not in capsys.readouterr().out
    _rename(project)  # no longer named: the old page stays, as a page leading to the new one
    registry = _registry(project)
    registry.write_text(
        registry.read_text("utf-8").replace(
            "- id: trump\n", "- id: trump\n  moved_from: [donald-trump]\n", 1
        )
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert "donald-trump" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("moved_from", "message"),
    [
        ("[iraq]", "'iraq' in 'moved_from' is an entity's id now: its page is that one's"),
        ("[Donald Trump]", "'moved_from' holds the entity's earlier ids: 'Donald Trump' is no id"),
    ],
)
def test_a_wrong_earlier_id_is_an_error_at_its_line(
    project: Path, moved_from: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename(project, moved_from)
    line = (
        _registry(project)
        .read_text(encoding="utf-8")
        .split("\n")
        .index(f"  moved_from: {moved_from}")
        + 1
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert f"content/entities.yaml:{line}: error: {message}" in capsys.readouterr().err


def test_an_earlier_id_names_one_entity(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _rename(project)
    registry = _registry(project)
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace("- id: iraq\n", "- id: iraq\n  moved_from: [donald-trump]\n", 1)
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert "error: 'donald-trump' is already an earlier id of 'trump'" in capsys.readouterr().err


def test_a_removed_entity_is_said_at_the_registry_s_start(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No entry is new since the last build: none can be the renamed one."""
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    registry = _registry(project)
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: kevin-copsey")
    registry.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert (
        "content/entities.yaml:1: note: no entity has the id 'kevin-copsey' now, so its "
        "published pages (ar/entities/kevin-copsey/) go with this build: if the entity was "
        "renamed, add `moved_from: [kevin-copsey]` to its entry" in capsys.readouterr().out
    )
