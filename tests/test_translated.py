"""The English list of the translated articles (en/translated/): in a real build it holds
exactly the articles with English to read, newest first, the partly translated ones marked;
the English home and menu link it; its feed names the same articles; and a gloss edit that
translates an article or empties its translation changes it on the next build, patched (by
`build` or `serve`) or in full with kept articles, as a fresh full build makes it."""

from __future__ import annotations

import gzip
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.serve.loop import Preview

from .conftest import set_per_page, snapshot, write

BASE = "https://example.github.io/repo/"
DEMO = "2020/11/coalition-us-forces-syria-iraq"  # 3 of 13 paragraphs translated
FULL = "2021/03/full-story"  # title and both paragraphs: fully translated
STUB = "2021/01/stub-story"  # a gloss stub, nothing translated
TITLE_ONLY = "2020/12/title-story"  # an English title, every paragraph pending
HALF = "2019/05/half-story"  # one of two paragraphs

PARAGRAPHS = "قال دونالد ترامب إن القوات باقية.\n\nوأضاف أن الأمر لا يتغير.\n"


def _article(root: Path, story: str, title: str, date: str) -> None:
    write(root, f"content/ar/{story}.md", f'---\ntitle: "{title}"\ndate: "{date}"\n---\n\n')
    (root / f"content/ar/{story}.md").open("a", encoding="utf-8").write(PARAGRAPHS)


def _translate(root: Path, story: str, blocks: dict[str, str], title: str | None = None) -> Path:
    """Write English under the named blocks of a gloss stub (and its title)."""
    file = root / f"content/en/{story}.md"
    text = file.read_text(encoding="utf-8").rstrip("\n") + "\n\n"  # the last block's blank line
    for block, english in blocks.items():
        text, found = re.subn(
            rf"(<!-- gloss {block} [0-9a-f]+ -->\n(?:<!--.*-->\n)*)\n", rf"\g<1>\n{english}\n", text
        )
        assert found == 1, block
    if title is not None:
        text = text.replace('title: ""', f'title: "{title}"', 1)
    file.write_text(text, encoding="utf-8")
    return file


def _undate(root: Path, story: str) -> None:
    """The gloss without its `translated` line."""
    file = root / f"content/en/{story}.md"
    text = file.read_text(encoding="utf-8")
    undated = re.sub(r"(?m)^translated: .*\n", "", text)
    assert undated != text
    file.write_text(undated, encoding="utf-8")


def _untranslate(root: Path, story: str, english: str) -> Path:
    file = root / f"content/en/{story}.md"
    text = file.read_text(encoding="utf-8")
    assert english in text
    file.write_text(text.replace(english, ""), encoding="utf-8")
    return file


@pytest.fixture
def mixed(project: Path) -> Path:
    """The demo project with articles fully, partly, title-only and not translated, two
    articles a list page; no gloss says when it was translated (the demo's `translated`
    taken out, as in an archive that never dates them): the list is in article order."""
    _article(project, FULL, "خبر كامل", "2021-03-10")
    _article(project, STUB, "خبر لم يترجم", "2021-01-05")
    _article(project, TITLE_ONLY, "خبر بعنوان فقط", "2020-12-01")
    _article(project, HALF, "خبر نصفه مترجم", "2019-05-02")
    assert main(["gloss", "--root", str(project)]) == 0
    _undate(project, DEMO)
    _translate(
        project, FULL, {"p1": "Trump said the forces stay.", "p2": "Nothing changes."}, "All"
    )
    _translate(project, TITLE_ONLY, {}, "Only a title")
    _translate(project, HALF, {"p1": "Trump said the forces stay."})
    set_per_page(project, 2)
    return project


class _Listed(HTMLParser):
    """The article links of a list page's <ol class="article-list">, with their notes."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []  # (href, text of the heading)
        self.in_list = self.in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "ol" and values.get("class") == "article-list":
            self.in_list = True
        elif self.in_list and tag == "h2":
            self.in_heading = True
            self.items.append(("", ""))
        elif self.in_heading and tag == "a" and not self.items[-1][0]:
            self.items[-1] = (values.get("href") or "", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self.in_list = False
        elif tag == "h2":
            self.in_heading = False

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            href, text = self.items[-1]
            self.items[-1] = (href, text + data)


def _listed(site: Path) -> list[tuple[str, bool]]:
    """Each listed story, in order over every page, and whether it is marked partial."""
    found: list[tuple[str, bool]] = []
    number = 1
    while True:
        page = site / ("en/translated/" + (f"page/{number}/" if number > 1 else "")) / "index.html"
        if not page.exists():
            return found
        parser = _Listed()
        parser.feed(page.read_text(encoding="utf-8"))
        for href, text in parser.items:
            story = href.removeprefix("/repo/en/").strip("/")
            found.append((story, "(partly translated)" in text))
        number += 1


def _differ_from_full(root: Path, tmp: Path) -> list[str]:
    clean = tmp / "fresh"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root / "content", clean / "content")
    build(clean, clean / "site", BASE, search=False)
    now, full = snapshot(root / "site"), snapshot(clean / "site")
    return sorted(p for p in now.keys() | full.keys() if now.get(p) != full.get(p))


def test_the_list_holds_the_translated_articles_newest_first_partial_ones_marked(
    mixed: Path,
) -> None:
    build(mixed, mixed / "site", BASE, search=False)
    site = mixed / "site"
    assert _listed(site) == [(FULL, False), (DEMO, True), (HALF, True)]
    assert (site / "en/translated/page/2/index.html").exists()  # two a page
    assert not (site / "en/translated/page/3/index.html").exists()
    first = (site / "en/translated/index.html").read_text(encoding="utf-8")
    assert "<h1>Translated articles</h1>" in first
    assert 'href="/repo/en/translated/feed.xml"' in first  # the feed, named on the page
    assert 'hreflang="ar"' not in first.split("<body", 1)[0]  # no Arabic twin to name
    feed = (site / "en/translated/feed.xml").read_text(encoding="utf-8")
    ids = re.findall(r"<id>https://example.github.io/repo/en/(\d{4}/\d\d/[^/]+)/</id>", feed)
    assert ids == [FULL, DEMO, HALF]
    assert "<summary>Fully translated.</summary>" in feed
    assert "<summary>1\u00a0/\u00a02\u00a0paragraphs translated</summary>" in feed
    sitemap = gzip.decompress((site / "sitemap-1.xml.gz").read_bytes()).decode("utf-8")
    assert f"{BASE}en/translated/page/2/" in sitemap


def test_the_english_home_and_menu_lead_to_it_and_the_arabic_pages_do_not(mixed: Path) -> None:
    build(mixed, mixed / "site", BASE, search=False)
    home = (mixed / "site/en/index.html").read_text(encoding="utf-8")
    lead = '<p class="lead-link"><a href="/repo/en/translated/">'
    assert lead in home
    nav = home.split('<nav aria-label="Main navigation">', 1)[1].split("</nav>", 1)[0]
    assert 'href="/repo/en/translated/"' in nav
    article = (mixed / f"site/en/{DEMO}/index.html").read_text(encoding="utf-8")
    assert 'href="/repo/en/translated/"' in article  # the menu of every English page
    arabic = (mixed / "site/ar/index.html").read_text(encoding="utf-8")
    assert "/translated/" not in arabic


def test_gloss_edits_update_the_list_on_the_next_patched_build(mixed: Path, tmp_path: Path) -> None:
    build(mixed, mixed / "site", BASE, search=False)
    # The stub's first paragraph translated: it joins the list, second, and shifts page 2.
    _translate(mixed, STUB, {"p1": "Trump said the forces stay."})
    done = build(mixed, mixed / "site", BASE, search=False)
    assert done.written is not None, "a gloss edit is patched, not built in full"
    assert "en/translated/page/2/index.html" in done.written
    assert _listed(mixed / "site") == [(FULL, False), (STUB, True), (DEMO, True), (HALF, True)]
    assert _differ_from_full(mixed, tmp_path) == []
    # The half-translated article's paragraph emptied: it leaves the list.
    _untranslate(mixed, HALF, "Trump said the forces stay.\n")
    done = build(mixed, mixed / "site", BASE, search=False)
    assert done.written is not None
    assert _listed(mixed / "site") == [(FULL, False), (STUB, True), (DEMO, True)]
    assert _differ_from_full(mixed, tmp_path) == []
    # The stub finished (title and second paragraph): no longer marked partial; a patch.
    _translate(mixed, STUB, {"p2": "Nothing changes."}, "Done now")
    done = build(mixed, mixed / "site", BASE, search=False)
    assert done.written is not None
    assert _listed(mixed / "site") == [(FULL, False), (STUB, False), (DEMO, True)]
    assert _differ_from_full(mixed, tmp_path) == []


def test_the_list_shows_the_newest_pages_only_and_an_older_edit_leaves_them(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One page of two here (five at the site's own figure): a list of every translated
    article rewrote each page after an article's place whenever one joined it, 2,500 pages
    at 100,000 articles. The 2019 article is past the page: translating or emptying it
    rewrites no page of the list, and a newer one joining pushes the oldest shown off."""
    monkeypatch.setattr("newsarchive.pages.translated.LISTED_PAGES", 1)
    build(mixed, mixed / "site", BASE, search=False)
    assert _listed(mixed / "site") == [(FULL, False), (DEMO, True)]
    assert not (mixed / "site/en/translated/page/2/index.html").exists()
    _untranslate(mixed, HALF, "Trump said the forces stay.\n")
    done = build(mixed, mixed / "site", BASE, search=False)
    assert done.written is not None
    pages = [p for p in done.written if p.startswith("en/translated/") and p.endswith(".html")]
    assert pages == [], pages  # its feed of the 50 newest still names the article: rewritten
    assert _differ_from_full(mixed, tmp_path) == []
    _translate(mixed, STUB, {"p1": "Trump said the forces stay."})
    done = build(mixed, mixed / "site", BASE, search=False)
    assert done.written is not None
    assert _listed(mixed / "site") == [(FULL, False), (STUB, True)]
    assert _differ_from_full(mixed, tmp_path) == []


def test_serve_patches_a_list_page_away_and_back(mixed: Path, tmp_path: Path) -> None:
    """Two articles: one page. The dev server's builds, told the changed file, delete the
    second page when the list shrinks to two articles and make it again when it grows."""
    preview = Preview(mixed, mixed / "site", BASE, search=False)
    assert preview.rebuild().everything
    page_two = mixed / "site/en/translated/page/2/index.html"
    assert page_two.exists()
    changed = _untranslate(mixed, HALF, "Trump said the forces stay.\n")
    assert not preview.rebuild(changed=[changed]).everything
    assert not page_two.exists()
    assert _listed(mixed / "site") == [(FULL, False), (DEMO, True)]
    assert _differ_from_full(mixed, tmp_path) == []
    changed = _translate(mixed, HALF, {"p2": "Nothing changes."})
    assert not preview.rebuild(changed=[changed]).everything
    assert page_two.exists()
    assert _listed(mixed / "site") == [(FULL, False), (DEMO, True), (HALF, True)]
    assert _differ_from_full(mixed, tmp_path) == []


def test_a_new_translated_article_joins_the_list_in_a_build_that_keeps_the_others(
    mixed: Path, tmp_path: Path
) -> None:
    build(mixed, mixed / "site", BASE, search=False)
    new = "2020/06/new-story"
    _article(mixed, new, "خبر جديد", "2020-06-01")
    assert main(["gloss", "--root", str(mixed), f"content/ar/{new}.md"]) == 0
    _translate(mixed, new, {"p1": "Trump said the forces stay."})
    build(mixed, mixed / "site", BASE, search=False)
    assert _listed(mixed / "site") == [(FULL, False), (DEMO, True), (new, True), (HALF, True)]
    assert _differ_from_full(mixed, tmp_path) == []
