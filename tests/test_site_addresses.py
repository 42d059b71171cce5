"""A link to a site address (`/ar/2020/`) must name a page the site publishes (real builds,
at / and under a project site's /repo/): a typo is an error at its file and line with the
nearest address that exists, exit 1, the last site left as it was; whichever way the build
goes (a full build, an edit patched in place, a full build keeping the other articles), and
when an edit takes away the page that an article no one edited links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.pages.atom import MAX_ENTRIES

from .conftest import DEMO_ARTICLE, REPO, fresh_build, snapshot, write

BASES = {"/": "http://127.0.0.1:8000/", "/repo/": "https://example.github.io/repo/"}
GLOSS = "en/" + DEMO_ARTICLE[3:]
STORY = DEMO_ARTICLE[3:-3]
EARLIER = "ar/2019/05/earlier.md"


def _project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    write(root, f"content/{EARLIER}", '---\ntitle: "خبر"\ndate: "2019-05-05"\n---\n\nنص.\n')
    return root


def _append(root: Path, rel: str, line: str) -> int:
    """Add a paragraph at the end of a file; its line number."""
    file = root / "content" / rel
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(f"{text}\n\n{line}\n", encoding="utf-8")
    return text.count("\n") + 3


def _build(root: Path, capsys: pytest.CaptureFixture[str], base: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["build", "--root", str(root), "--no-search", "--base-url", BASES[base]])
    return code, capsys.readouterr().err


# Every kind of page and file the site has, in each form a static host serves.
GOOD = [
    "/",
    "/ar/",
    "/en/",
    "/ar/2020/",
    "/ar/2020",
    "/ar/2020/index.html",
    "/ar/2020/11/",
    "/ar/2019/05/earlier/",
    f"/en/{STORY}/#p2",
    "/ar/entities/donald-trump/",
    "/en/entities/",
    "/ar/search/?q=سوريا",
    "/ar/feed.xml",
    "/en/translated/",
    "/en/status/",
    "/static/css/site.css",
]


@pytest.mark.parametrize("base", sorted(BASES))
def test_links_to_every_kind_of_page_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    root = _project(tmp_path)
    links = " ".join(f"[{n}]({address})" for n, address in enumerate(GOOD))
    _append(root, DEMO_ARTICLE, links)
    code, err = _build(root, capsys, base)
    assert (code, err) == (0, "")
    page = (root / "site/ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert f'href="{base}ar/2020/"' in page


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("/ar/2002/", "did you mean /ar/2020/?"),
        ("/ar/entity/donald-trump/", "did you mean /ar/entities/donald-trump/?"),
        ("/ar/2020/11/no-such-article/#p1", "an article by its file (../10/other.md)"),
        ("/en/2019/05/earlier/", "nothing of /ar/2019/05/earlier/ is translated yet"),
        ("/ar/.search/", "did you mean /ar/search/?"),
        ("/.search/", "an article by its file"),  # the search records: never published
        ("/repo/ar/2020/", "write it from the site's root, /ar/2020/: the build adds the base"),
    ],
)
@pytest.mark.parametrize("base", sorted(BASES))
def test_a_site_address_with_no_page_is_an_error_and_the_site_is_left_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str, written: str, hint: str
) -> None:
    root = _project(tmp_path)
    assert _build(root, capsys, base)[0] == 0
    before = snapshot(root / "site")
    line = _append(root, EARLIER, f"انظر [الصفحة]({written}).")
    code, err = _build(root, capsys, base)
    assert code == 1
    path = written.partition("#")[0]
    assert (
        f"content/{EARLIER}:{line}: error: '{written}' leads to {path}, "
        "where this site publishes no page: "
    ) in err
    assert hint in err
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("base", sorted(BASES))
def test_an_edit_adding_a_typo_fails_and_its_fix_patches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], base: str
) -> None:
    """An edit of one article is patched in place (the site's pages known from site/)."""
    root = _project(tmp_path)
    assert _build(root, capsys, base)[0] == 0
    before = snapshot(root / "site")
    line = _append(root, DEMO_ARTICLE, "انظر [السنة](/ar/2002/).")
    code, err = _build(root, capsys, base)
    assert code == 1
    assert f"content/{DEMO_ARTICLE}:{line}: error: '/ar/2002/' leads to /ar/2002/" in err
    assert snapshot(root / "site") == before
    file = root / "content" / DEMO_ARTICLE
    file.write_text(file.read_text(encoding="utf-8").replace("2002", "2019"), "utf-8")
    result = build(root, root / "site", BASES[base], search=False)
    assert result.written is not None  # patched in place
    assert snapshot(root / "site") == fresh_build(root, tmp_path, BASES[base])


def test_deleting_a_year_breaks_the_link_of_an_article_kept_from_the_last_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The linking article is not edited, and its pages are kept (keptarticles.py): the
    year's page going away is found all the same, as a deleted article's is."""
    root = _project(tmp_path)
    for n in range(MAX_ENTRIES):  # newer than the linking article: it is not made for the feeds
        text = f'---\ntitle: "خبر {n}"\ndate: "2021-01-01"\n---\n\nنص.\n'
        write(root, f"content/ar/2021/01/n{n}.md", text)
    line = _append(root, DEMO_ARTICLE, "انظر [أخبار 2019](/ar/2019/).")
    assert _build(root, capsys, "/")[0] == 0
    before = snapshot(root / "site")
    (root / "content" / EARLIER).unlink()
    code, err = _build(root, capsys, "/")
    assert code == 1
    assert f"content/{DEMO_ARTICLE}:{line}: error: '/ar/2019/' leads to /ar/2019/" in err
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("edited_since", [False, True])
def test_an_edit_taking_away_an_english_page_breaks_another_articles_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edited_since: bool
) -> None:
    """The gloss deleted takes the article's English page away in an edit patched in place; the article linking that page by its address is not read again, but the build
    knows it links it (the snapshot's skeleton, or the edits since the last full build)."""
    root = _project(tmp_path)
    line = 0
    if not edited_since:
        line = _append(root, EARLIER, f"انظر [الترجمة](/en/{STORY}/).")
    assert _build(root, capsys, "/")[0] == 0
    if edited_since:  # linked by an edit patched after the full build
        line = _append(root, EARLIER, f"انظر [الترجمة](/en/{STORY}).")
        assert build(root, root / "site", BASES["/"], search=False).written is not None
    before = snapshot(root / "site")
    (root / "content" / GLOSS).unlink()  # nothing of it translated any more
    code, err = _build(root, capsys, "/")
    assert code == 1, err
    assert f"content/{EARLIER}:{line}: error: '/en/{STORY}" in err
    assert snapshot(root / "site") == before


def test_the_index_of_linked_pages() -> None:
    """What the snapshot's skeleton keeps of the links to pages that may come and go: a
    site address's page and an English page, each with the positions of the articles linking
    it (folding edits into a new base makes it again from the views: test_edit_sequences)."""
    from newsarchive.content.links import LinkNote
    from newsarchive.content.siteaddresses import address_index

    def note(address: str = "", story: str = "") -> LinkNote:
        return LinkNote(
            "content/ar/x.md", 1, "w", address=address, story=story, lang="en" if story else ""
        )

    links = [[note("ar/2019")], [note("ar/2019/index.html"), note(story="2019/05/c")], []]
    assert address_index(links) == {"ar/2019/": (0, 1), "en/2019/05/c/": (1,)}


@pytest.mark.parametrize("written", ["/pagefind/parts.json", "/pagefind/2020-ar/pagefind.js"])
def test_a_link_to_the_search_index_is_an_error_naming_the_search_page_in_every_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """Pagefind's files are there after a build with search (this one is), but they are the
    search page's, named after the archive's years, and renamed as it grows: a link to one is
    refused, the search page offered instead, whether the edit is patched into the site that
    holds them or built in full before Pagefind writes them (the patch accepted it, the full
    build refused it)."""
    root = _project(tmp_path)
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    assert (root / "site" / written.lstrip("/")).is_file()
    before = snapshot(root / "site")
    line = _append(root, DEMO_ARTICLE, f"انظر [الفهرس]({written}) أو [البحث](/ar/search/?q=سوريا).")
    expected = (
        f"content/{DEMO_ARTICLE}:{line}: error: '{written}' leads to {written}, where this site "
        "publishes no page: that is the search index, which the search page reads and each "
        "build may rename: link the search page, /ar/search/ (/ar/search/?q=words opens it on "
        "a search)"
    )
    for _ in ("patched", "full"):
        capsys.readouterr()
        assert main(["build", "--root", str(root), "--quiet"]) == 1
        assert capsys.readouterr().err.splitlines()[:1] == [expected]
        assert snapshot(root / "site") == before
        shutil.rmtree(root / ".cache")  # the second time: no record, a full build
