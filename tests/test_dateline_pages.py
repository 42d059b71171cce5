"""The dateline and the outlet on the article pages: the place in Arabic on the Arabic page,
the registry's English names on the English page (Arabic, isolated, when it has none)."""

from __future__ import annotations

from pathlib import Path

from newsarchive.cli import main

from .conftest import write

RAW = Path(__file__).parent / "raw"
BAGHDAD = """
- id: baghdad
  type: place
  ar: [بغداد]
  en: Baghdad
"""


def meta_line(page: Path) -> str:
    """The page's meta line as readers see its markup."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<p class="meta">')
    return " ".join(html[start : html.index("</p>", start)].split())


def test_dateline_and_source_on_both_pages(project: Path) -> None:
    registry = project / "content/entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + BAGHDAD, encoding="utf-8")
    raw = write(
        project, "raw.txt", "بغداد/ شفق نيوز/ " + (RAW / "no-dateline.txt").read_text("utf-8")
    )
    assert (
        main(["import", str(raw), "--date", "2021-03", "--slug", "a", "--root", str(project)]) == 0
    )
    other = RAW / "mosul-museum.txt"
    assert (
        main(["import", str(other), "--date", "2021-03", "--slug", "b", "--root", str(project)])
        == 0
    )
    # An English page exists once something is translated: give each article its title.
    assert main(["gloss", "--root", str(project)]) == 0
    for slug in ("a", "b"):
        gloss = project / f"content/en/2021/03/{slug}.md"
        lines = gloss.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[at] = f'title: "Article {slug}"'
        gloss.write_text("\n".join(lines), encoding="utf-8")
    assert main(["build", "--root", str(project)]) == 0
    site = project / "site"
    # Baghdad is in the registry: its dateline leads to its page, in both languages.
    assert 'المكان:&nbsp;<a class="dateline" href="/ar/entities/baghdad/">بغداد</a>' in meta_line(
        site / "ar/2021/03/a/index.html"
    )
    assert 'المكان:&nbsp;<span class="dateline">الموصل</span>' in meta_line(
        site / "ar/2021/03/b/index.html"
    )
    assert 'المصدر:&nbsp;<span class="source">شفق نيوز</span>' in meta_line(
        site / "ar/2021/03/a/index.html"
    )
    english = meta_line(site / "en/2021/03/a/index.html")
    link = '<a href="/en/entities/baghdad/"><span class="dateline">Baghdad</span></a>'
    assert f"Dateline:&nbsp;{link}" in english
    assert 'Source:&nbsp;<span class="source">Shafaq News</span>' in english
    # Neither Mosul nor Reuters is in the registry: their Arabic names, isolated.
    english = meta_line(site / "en/2021/03/b/index.html")
    assert 'Dateline:&nbsp;<bdi lang="ar" class="dateline">الموصل</bdi>' in english
    assert 'Source:&nbsp;<span class="source"><bdi lang="ar">رويترز</bdi></span>' in english
