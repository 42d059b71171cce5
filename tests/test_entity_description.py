"""Entity descriptions: the Arabic page shows the Arabic one, else the English one marked as
English; both pages give search engines and link previews the one they show."""

from __future__ import annotations

import re
from pathlib import Path

from newsarchive.build.engine import build


def _header(site: Path, lang: str, entity: str) -> str:
    page = (site / lang / "entities" / entity / "index.html").read_text(encoding="utf-8")
    return page[
        page.index("<header>", page.index('<div class="entity">')) : page.index(
            "</header>", page.index('<div class="entity">')
        )
    ]


def test_without_an_arabic_description_the_english_one_is_labelled_and_isolated(
    project: Path,
) -> None:
    build(project, project / "site", search=False)
    header = _header(project / "site", "ar", "mark-esper")
    assert '<p class="description-label">وصف بالإنجليزية:</p>' in header
    assert (
        '<p class="description" lang="en" dir="ltr">'
        "US Secretary of Defense from 2019 to November 2020.</p>"
    ) in header
    english = _header(project / "site", "en", "mark-esper")
    assert "US Secretary of Defense from 2019 to November 2020." in english


def test_an_arabic_description_is_shown_alone(project: Path) -> None:
    registry = project / "content" / "entities.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace(
            "  description_en: US Secretary of Defense from 2019 to November 2020.\n",
            "  description_en: US Secretary of Defense from 2019 to November 2020.\n"
            "  description_ar: وزير الدفاع الأمريكي من 2019 إلى نوفمبر 2020.\n",
        ),
        encoding="utf-8",
    )
    build(project, project / "site", search=False)
    header = _header(project / "site", "ar", "mark-esper")
    assert '<p class="description">وزير الدفاع الأمريكي من 2019 إلى نوفمبر 2020.</p>' in header
    assert "Secretary" not in header


def _meta_description(site: Path, lang: str, entity: str) -> str:
    page = (site / lang / "entities" / entity / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, page[:2000]
    return found[0]


def test_search_engines_and_link_previews_get_the_description_the_page_shows(
    project: Path,
) -> None:
    """A shared link to an entity page, or a search result for it, says what the entity is
    (the description under its name) instead of the archive's generic line; an Arabic page
    without an Arabic description uses the English one it shows; a long one is cut as an
    article's is; an entity without a description keeps the archive's line."""
    registry = project / "content" / "entities.yaml"
    text = registry.read_text(encoding="utf-8")
    long = " ".join(f"word{n}" for n in range(1, 41))
    text = text.replace("  en: Syria\n", f"  en: Syria\n  description_ar: {long}\n", 1)
    registry.write_text(text, encoding="utf-8")
    build(project, project / "site", search=False)
    site = project / "site"
    esper = "US Secretary of Defense from 2019 to November 2020."
    assert _meta_description(site, "en", "mark-esper") == esper
    assert _meta_description(site, "ar", "mark-esper") == esper  # as the page shows it
    assert _meta_description(site, "ar", "syria") == f"{' '.join(long.split()[:25])} …"
    generic = "A bilingual archive of Arabic news articles with English glosses"
    assert _meta_description(site, "en", "syria") == generic  # the page shows none in English
    assert _meta_description(site, "en", "iraq") == generic
