"""A name the registry writes with a hyphen is found in an article that spaces the dash, and
back, and the page shows the name as the article writes it; a dateline's dash joins nothing."""

from __future__ import annotations

from pathlib import Path

from newsarchive.build.engine import build

from .conftest import write

ENTRIES = """
- id: jean-yves-le-drian
  type: person
  ar: [جان-إيف لودريان]
  en: Jean-Yves Le Drian

- id: jean-pierre-lacroix
  type: person
  ar: [جان - بيير لاكروا]
  en: Jean-Pierre Lacroix

- id: baghdad
  type: place
  ar: [بغداد]
  en: Baghdad
"""
ARTICLE = """---
title: "لودريان ولاكروا في بغداد"
date: "2024-01-05"
---

بغداد - قال جان - إيف لودريان إن الزيارة مستمرة، وقال جان-بيير لاكروا إن البعثة باقية.
"""
PAGE = "ar/2024/01/le-drian/index.html"


def test_a_name_is_linked_however_its_dash_is_spaced(project: Path) -> None:
    registry = project / "content/entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + ENTRIES, encoding="utf-8")
    write(project, "content/ar/2024/01/le-drian.md", ARTICLE)
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    page = (project / "site" / PAGE).read_text(encoding="utf-8")
    entities = "/repo/ar/entities"
    assert f'<a href="{entities}/baghdad/">بغداد</a> - قال ' in page
    assert f'<a href="{entities}/jean-yves-le-drian/">جان - إيف لودريان</a>' in page
    assert f'<a href="{entities}/jean-pierre-lacroix/">جان-بيير لاكروا</a>' in page
    for entity in ("jean-yves-le-drian", "jean-pierre-lacroix"):
        listed = (project / "site/ar/entities" / entity / "index.html").read_text(encoding="utf-8")
        assert 'href="/repo/ar/2024/01/le-drian/"' in listed, entity
