"""A link to an article's English page (a gloss linking another article's gloss file) leads
there once something of that article is translated, and to its Arabic page, marked
hreflang="ar", while nothing is: readers never follow a link to a page the site does not
publish. The linking page follows the other article's translation in every way of building
(a full build, an edit patched in place, a full build keeping the other articles), and
always equals a cold build (real builds, at / and under /repo/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.pages.atom import MAX_ENTRIES

from .conftest import DEMO_ARTICLE, REPO, fresh_build, snapshot, write
from .editactions import set_line

BASES = {"/": "http://127.0.0.1:8000/", "/repo/": "https://example.github.io/repo/"}
GLOSS = "en/" + DEMO_ARTICLE[3:]
STORY = DEMO_ARTICLE[3:-3]
EARLIER = "ar/2019/05/earlier.md"
EARLIER_GLOSS = "en/2019/05/earlier.md"
LINK = "See [the earlier report](../../2019/05/earlier.md#p1)."


def _project(root: Path, glossed: bool) -> Path:
    """The demo, an earlier article (glossed, nothing translated: or not glossed at all) and
    the demo's gloss linking the earlier article's gloss file."""
    shutil.copytree(REPO / "content", root / "content")
    write(root, f"content/{EARLIER}", '---\ntitle: "خبر"\ndate: "2019-05-05"\n---\n\nنص.\n')
    if glossed:
        assert main(["gloss", "--root", str(root), f"content/{EARLIER}"]) == 0
        assert (root / "content" / EARLIER_GLOSS).is_file()
    gloss = root / "content" / GLOSS
    text = gloss.read_text(encoding="utf-8")
    gloss.write_text(text.replace("routine movements.\n", f"routine movements.\n\n{LINK}\n", 1))
    return root


def _translate(root: Path, title: str) -> None:
    """Give the earlier article's gloss an English title (its English page), or take it."""
    set_line(root / "content" / EARLIER_GLOSS, r'(?m)^title: "[^"]*"', f'title: "{title}"')


def _link(site: Path) -> str:
    page = (site / "en" / STORY / "index.html").read_text(encoding="utf-8")
    end = page.index(">the earlier report</a>")
    return page[page.rindex("<a ", 0, end) : end + 1]


@pytest.mark.parametrize("glossed", [False, True])
@pytest.mark.parametrize("base", sorted(BASES))
def test_an_untranslated_articles_english_link_leads_to_its_arabic_page(
    tmp_path: Path, base: str, glossed: bool
) -> None:
    """Glossed with nothing translated, the build's first guess (a gloss file, so an
    English page) is wrong, and the linking article is made again."""
    root = _project(tmp_path, glossed)
    build(root, root / "site", BASES[base], search=False)
    assert _link(root / "site") == f'<a href="{base}ar/2019/05/earlier/#p1" hreflang="ar">'
    assert not (root / "site/en/2019/05/earlier").exists()


@pytest.mark.parametrize("base", sorted(BASES))
def test_the_link_follows_the_translation_in_edits_patched_in_place(
    tmp_path: Path, base: str
) -> None:
    """The linking article is not edited: the edit that gives the earlier article its English
    page (or takes it away) makes it again, and the site is what a cold build makes."""
    root = _project(tmp_path, glossed=True)
    build(root, root / "site", BASES[base], search=False)
    _translate(root, "An earlier report")
    assert build(root, root / "site", BASES[base], search=False).written is not None
    assert _link(root / "site") == f'<a href="{base}en/2019/05/earlier/#p1">'
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASES[base])
    _translate(root, "")
    assert build(root, root / "site", BASES[base], search=False).written is not None
    assert _link(root / "site") == f'<a href="{base}ar/2019/05/earlier/#p1" hreflang="ar">'
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASES[base])


def test_the_link_follows_the_translation_in_a_full_build_that_keeps_articles(
    tmp_path: Path,
) -> None:
    """An article added with the translation: a full build, which keeps the pages of the
    articles not among the newest (the feeds') from the last build (keptarticles.py), the
    linking one's too unless its link changes."""
    root = _project(tmp_path, glossed=True)
    for n in range(MAX_ENTRIES):  # newer than the linking article: it is not made for the feeds
        write(
            root,
            f"content/ar/2021/01/n{n}.md",
            f'---\ntitle: "خبر {n}"\ndate: "2021-01-01"\n---\n\nنص.\n',
        )
    base = BASES["/"]
    build(root, root / "site", base, search=False)
    for title, article in (("An earlier report", "added"), ("", "another")):
        _translate(root, title)
        write(
            root,
            f"content/ar/2019/06/{article}.md",
            '---\ntitle: "خبر"\ndate: "2019-06-01"\n---\n\nنص.\n',
        )
        assert build(root, root / "site", base, search=False).written is None  # in full
        assert snapshot(root / "site") == fresh_build(root, tmp_path, base)
    assert "hreflang" in _link(root / "site")


def test_an_arabic_article_linking_an_untranslated_english_page(tmp_path: Path) -> None:
    root = _project(tmp_path, glossed=False)
    file = root / "content" / DEMO_ARTICLE
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(f"{text}\n\nانظر [الترجمة](../../../{EARLIER_GLOSS}).\n", encoding="utf-8")
    build(root, root / "site", BASES["/"], search=False)
    page = (root / "site/ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert '<a href="/ar/2019/05/earlier/" hreflang="ar">الترجمة</a>' in page
