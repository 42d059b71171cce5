"""Arabic entity pages: the Arabic description, else the English one marked as English."""

from __future__ import annotations

from pathlib import Path

from newsarchive.build.engine import build


def _header(site: Path, lang: str, entity: str) -> str:
    page = (site / lang / "entities" / entity / "index.html").read_text(encoding="utf-8")
    return page[
        page.index("<header>", page.index('<article class="entity">')) : page.index(
            "</header>", page.index('<article class="entity">')
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
