"""The outlet beside each article's date wherever articles are listed (the home, the year
and month lists, the entity pages), in both languages: in English the registry's English
name, else the name as written; a name in the other script isolated in a <bdi> tagged with
its language. An edit of an article's source, or of the outlet's English name, updates the
entries that show it as a full build would."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import ARCHIVE_BASE, REPO, build_archive, differ_from_full

sys.path.insert(0, str(REPO / "bench"))
from make_corpus import SOURCES

ENGLISH = {"شفق نيوز": "Shafaq News"}  # the only outlet of the corpus the registry names
LATIN = "Reuters"  # an outlet written in Latin letters, unknown to the registry
ENTRY = re.compile(r"<li>\s*<h[23]><a href=\"/repo/(?:ar|en)/([^\"]+)/\".*?</li>", re.S)
META = re.compile(r'<p class="meta">(.*?)</p>', re.S)
SOURCE = re.compile(r'^source:\n  name: "([^"]*)"\n', re.M)
# An entry's date as lists write it: "28 December 2023", "تشرين الثاني/نوفمبر 2020", "2020".
DATE = re.compile(r"(?:\d{1,2} )?(?:[^\d·<]+ )?\d{4}")
# What follows the date when the article names no outlet: nothing, or (English lists) how
# much of it is translated.
PROGRESS = re.compile(r" · \d+\s/\s\d+\sparagraphs\stranslated")  # no-break spaces


@pytest.fixture(scope="module")
def site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated archive with one article from an outlet written in Latin letters and
    one without a source."""
    root = tmp_path_factory.mktemp("outlets")
    shutil.copytree(corpus / "content", root / "content")
    stories = sorted((root / "content/ar").rglob("*.md"))
    latin, unsourced = stories[-1], stories[-2]  # the newest: on the home page too
    latin.write_text(SOURCE.sub(f'source:\n  name: "{LATIN}"\n', _text(latin)), "utf-8")
    unsourced.write_text(SOURCE.sub("", _text(unsourced)), "utf-8")
    build(root, root / "site", ARCHIVE_BASE, search=False)
    return root / "site"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def expected(outlet: str | None, lang: str) -> str | None:
    """The outlet's markup in an entry of a page of `lang`, as a reader should get it."""
    if outlet is None:
        return None
    if lang == "ar":
        return f'<bdi lang="en">{outlet}</bdi>' if outlet == LATIN else outlet
    if outlet in ENGLISH:
        return ENGLISH[outlet]
    if outlet == LATIN:
        return outlet
    return f'<bdi lang="ar">{outlet}</bdi>'


def _outlets(site: Path) -> dict[str, str | None]:
    """Each story's outlet as its front matter writes it (None: no source)."""
    content = site.parent / "content/ar"
    return {
        file.relative_to(content).with_suffix("").as_posix(): (
            found[1] if (found := SOURCE.search(_text(file))) else None
        )
        for file in content.rglob("*.md")
    }


def _listing_pages(site: Path, lang: str) -> dict[str, str]:
    """Every page of a language that lists articles: home, years, months, entities."""
    pages = {}
    for page in sorted((site / lang).rglob("index.html")):
        html = _text(page)
        if '<ol class="article-list' in html:
            pages[page.relative_to(site).as_posix()] = html
    return pages


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_listed_article_names_its_outlet_beside_its_date(site: Path, lang: str) -> None:
    outlets = _outlets(site)
    pages = _listing_pages(site, lang)
    kinds = {
        "home": f"^{lang}/index.html",
        "month": rf"^{lang}/\d{{4}}/\d\d/",
        "entity": "/entities/",
    }
    for kind, where in kinds.items():
        assert any(re.search(where, path) for path in pages), f"no {kind} page lists articles"
    seen: dict[str | None, int] = {}
    for path, html in pages.items():
        for entry in ENTRY.finditer(html):
            story, item = entry[1], entry[0]
            meta = META.search(item)
            assert meta is not None, (path, story)
            line = meta[1]
            date = DATE.match(line)
            assert date is not None, (path, line)  # the date first
            want = expected(outlets[story], lang)
            after = line[date.end() :]
            if want is None:
                assert after == "" or PROGRESS.match(after), (path, line)
            else:
                assert after.startswith(f" · {want}"), (path, story, line)
            seen[outlets[story]] = seen.get(outlets[story], 0) + 1
    # Every kind of outlet was seen: Arabic with and without an English name, Latin, none.
    assert set(seen) == {*SOURCES, LATIN, None}, seen


def _seed_outlet(project: Path, name: str) -> None:
    seed = project / "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    text = _text(seed)
    assert 'name: "شفق نيوز"' in text
    seed.write_text(text.replace('name: "شفق نيوز"', f'name: "{name}"'), encoding="utf-8")


def _entry_meta(project: Path, page: str) -> str:
    html = _text(project / "site" / page)
    meta = META.search(html[html.index('<ol class="article-list') :])
    assert meta is not None, page
    return meta[1]


PAGES = {
    "ar": "ar/entities/kevin-copsey/index.html",
    "en": "en/entities/kevin-copsey/index.html",
    "ar-list": "ar/2020/11/index.html",
    "en-list": "en/2020/11/index.html",
}


def test_editing_an_articles_source_updates_the_entries_that_show_it(
    project: Path, tmp_path: Path
) -> None:
    build_archive(project)
    assert "· Shafaq News" in _entry_meta(project, PAGES["en"])
    _seed_outlet(project, "روداو")
    assert build_archive(project).written is not None  # patched in place, not a full build
    assert "· روداو" in _entry_meta(project, PAGES["ar"])
    assert "· روداو" in _entry_meta(project, PAGES["ar-list"])
    for page in (PAGES["en"], PAGES["en-list"]):
        assert '· <bdi lang="ar">روداو</bdi>' in _entry_meta(project, page)
    assert differ_from_full(project, tmp_path) == []


def test_renaming_the_outlet_in_english_updates_the_english_entries(
    project: Path, tmp_path: Path
) -> None:
    build_archive(project)
    registry = project / "content/entities.yaml"
    text = _text(registry)
    registry.write_text(text.replace("en: Shafaq News\n", "en: Shafaq News Agency\n"), "utf-8")
    assert build_archive(project).written is not None
    for page in (PAGES["en"], PAGES["en-list"]):
        assert "· Shafaq News Agency" in _entry_meta(project, page)
    assert differ_from_full(project, tmp_path) == []


def test_an_arabic_article_page_isolates_a_latin_outlet_and_cites_it(site: Path) -> None:
    """The article's own line and its Arabic citation: Reuters inside Arabic text is set
    apart, as in the lists (it was bare, and the citation's Arabic comma could jump)."""
    story = next(story for story, outlet in _outlets(site).items() if outlet == LATIN)
    html = _text(site / "ar" / story / "index.html")
    assert f'class="source"><bdi lang="en">{LATIN}</bdi></' in html
    cite = re.search(r"<p><b>بالعربية: </b>.*?</p>", html, re.S)
    assert cite is not None and f'<bdi lang="en">{LATIN}</bdi>، ' in cite[0]
