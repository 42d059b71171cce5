"""A moved article's old addresses keep working: `move` notes the old story under
'moved_from', and every build leaves a page there that sends readers (and search engines)
on to the article, in both its languages, listed nowhere; full, kept and patched builds
agree on those pages, and bad or conflicting entries are errors at their line."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, build_archive, differ_from_full, walked_size, write
from .webtools import serve_folder, sitemap_urls

if TYPE_CHECKING:
    from playwright.sync_api import Page

BASE = "https://example.github.io/repo/"
OLD = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")  # 2020/11/coalition-…
NEW = "2020/12/us-forces-routine-move"
AR = f"content/ar/{NEW}.md"


def _move(root: Path, story: str, *options: str) -> None:
    assert main(["move", f"content/ar/{story}.md", *options, "--root", str(root)]) == 0


def _redirect(site: Path, lang: str, story: str) -> str:
    return (site / lang / story / "index.html").read_text(encoding="utf-8")


def _target(html: str) -> tuple[str, str]:
    """Where a page's refresh and its canonical link lead."""
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert refresh and canonical, html
    return refresh[1], canonical[1]


def test_the_old_address_of_a_moved_article_leads_to_its_new_one(project: Path, page: Page) -> None:
    build(project, project / "site", BASE)
    _move(project, OLD, "--date", "2020-12", "--slug", "us-forces-routine-move")
    text = (project / AR).read_text(encoding="utf-8")
    assert f'\nmoved_from: ["{OLD}"]\n---\n' in text
    build(project, project / "site", BASE)
    site = project / "site"
    for lang in ("ar", "en"):
        html = _redirect(site, lang, OLD)
        assert _target(html) == (f"/repo/{lang}/{NEW}/", f"{BASE}{lang}/{NEW}/")
        assert '<meta name="robots" content="noindex">' in html
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert "نقل قوات أمريكية" in _redirect(site, "ar", OLD)  # the article's title
    assert "US forces" in _redirect(site, "en", OLD)  # its English title
    # Listed nowhere: no sitemap, feed, list or search record names the old address (but
    # as the id of the article's feed entries, which stay the entries they were).
    assert not any(OLD in url for url in sitemap_urls(site))
    assert any(NEW in url for url in sitemap_urls(site))
    own = {site / lang / OLD / "index.html" for lang in ("ar", "en")}
    for file in site.rglob("*"):
        if file.is_file() and file not in own and file.suffix in (".html", ".xml", ".json"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert OLD not in re.sub(f"<id>{BASE}(ar|en)/{OLD}/</id>", "", text), file
    assert f"<id>{BASE}ar/{OLD}/</id>" in (site / "ar/feed.xml").read_text(encoding="utf-8")
    assert not (site / ".search" / "ar" / OLD).exists()
    # A reader following an old link, on a host serving the site under /repo/, lands there.
    with serve_folder(site, prefix="/repo/") as served:
        for lang in ("ar", "en"):
            page.goto(f"{served}{lang}/{OLD}/")
            page.wait_for_url(f"{served}{lang}/{NEW}/")
            assert page.locator("h1").first.is_visible()
        # A citation of a paragraph at the old address lands on that paragraph.
        page.goto(f"{served}ar/{OLD}/#p10")
        page.wait_for_url(f"{served}ar/{NEW}/#p10")
        assert page.evaluate("scrollY") > 0
        assert page.locator("#p10").is_visible()


def test_a_second_move_keeps_both_old_addresses_and_a_move_back_drops_one(
    project: Path,
) -> None:
    _move(project, OLD, "--slug", "second-slug")
    _move(project, "2020/11/second-slug", "--slug", "third-slug")
    third = project / "content/ar/2020/11/third-slug.md"
    assert '\nmoved_from: ["2020/11/coalition-us-forces-syria-iraq", "2020/11/second-slug"]\n' in (
        third.read_text(encoding="utf-8")
    )
    build(project, project / "site", BASE)
    for story in (OLD, "2020/11/second-slug"):
        assert (
            _target(_redirect(project / "site", "ar", story))[0] == "/repo/ar/2020/11/third-slug/"
        )
    _move(project, "2020/11/third-slug", "--slug", "second-slug")  # back to an earlier one
    text = (project / "content/ar/2020/11/second-slug.md").read_text(encoding="utf-8")
    assert f'\nmoved_from: ["{OLD}", "2020/11/third-slug"]\n' in text
    assert main(["build", "--no-search", "--root", str(project)]) == 0


def test_a_block_list_of_earlier_stories_is_kept_by_move(project: Path) -> None:
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("\n---\n", "\nmoved_from:\n  - 2019/05/first-slug\ntags: [x]\n---\n", 1),
        encoding="utf-8",
    )
    _move(project, OLD, "--slug", "us-forces-routine-move")
    moved = (project / "content/ar/2020/11/us-forces-routine-move.md").read_text(encoding="utf-8")
    assert f'\nmoved_from: ["2019/05/first-slug", "{OLD}"]\ntags: [x]\n---\n' in moved


def _with_moved_from(file: Path, value: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\n---\n", f"\nmoved_from: {value}\n---\n", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('["ar/2020/11/old.md"]', "'ar/2020/11/old.md' is no story: 'moved_from' is a list of"),
        ("{story: 2020/11/old}", "'moved_from' is a list of earlier stories written YYYY/MM/slug"),
        (f'["{OLD}"]', "is this article's own address"),
        ('["2020/11/old", "2020/11/old"]', "'2020/11/old' is named twice in 'moved_from'"),
    ],
)
def test_a_malformed_earlier_story_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    _with_moved_from(project / "content" / DEMO_ARTICLE, value)
    assert main(["build", "--no-search", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"content/{DEMO_ARTICLE}:6: error: " in err
    assert message in err


def test_an_earlier_story_that_is_another_article_or_claimed_twice_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    other = "2020/11/another-report"
    write(project, f"content/ar/{other}.md", text)
    _with_moved_from(article, f'["{other}"]')
    assert main(["build", "--no-search", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert (
        f"content/{DEMO_ARTICLE}:6: error: '{other}' is the address of the article "
        f"content/ar/{other}.md: an article cannot also lead there from 'moved_from'"
    ) in err
    article.write_text(text, encoding="utf-8")
    for claiming in (article, project / f"content/ar/{other}.md"):
        _with_moved_from(claiming, '["2020/11/gone"]')
    assert main(["build", "--no-search", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert (  # the second in path order names the first
        f"content/{DEMO_ARTICLE}:6: error: '2020/11/gone' is also in 'moved_from' of "
        f"content/ar/{other}.md: an old address can lead to one article only"
    ) in err


def _translated(root: Path) -> list[tuple[Path, str]]:
    """The articles of the archive with an English page (oldest first), and their stories."""
    found = []
    for gloss in sorted((root / "content" / "en").rglob("*.md")):
        story = gloss.relative_to(root / "content" / "en").as_posix().removesuffix(".md")
        if (root / "site" / "en" / story / "index.html").is_file():
            found.append((root / "content" / "ar" / f"{story}.md", story))
    assert len(found) > 1, "the archive has too few translated articles"
    return found


def test_an_edit_of_moved_from_builds_what_a_full_build_does(archive: Path, tmp_path: Path) -> None:
    article, story = _translated(archive)[0]
    year, month, _ = story.split("/")
    earlier = f"{year}/{month}/an-earlier-slug"
    old_pages = [archive / "site" / lang / earlier / "index.html" for lang in ("ar", "en")]
    text = article.read_text(encoding="utf-8")
    _with_moved_from(article, f'["{earlier}"]')
    build_archive(archive)
    assert all(p.is_file() for p in old_pages)
    assert differ_from_full(archive, tmp_path) == []
    _replace_title(article, "عنوان بعد التصحيح")  # a patched edit: the old pages follow
    build_archive(archive)
    assert "عنوان بعد التصحيح" in old_pages[0].read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []
    article.write_text(text, encoding="utf-8")  # the entry removed
    build_archive(archive)
    assert not any(p.exists() for p in old_pages)
    assert differ_from_full(archive, tmp_path) == []


def test_a_deleted_moved_article_takes_its_old_addresses_along(
    archive: Path, tmp_path: Path
) -> None:
    """The full build after a deletion drops the deleted article's old addresses and keeps
    (links) those of an article it does not parse again."""
    (deleted, gone), (kept, story) = _translated(archive)[:2]
    earlier = {s: s.rsplit("/", 1)[0] + f"/earlier-{n}" for n, s in enumerate((gone, story))}
    for article, article_story in ((deleted, gone), (kept, story)):
        _with_moved_from(article, f'["{earlier[article_story]}"]')
    build_archive(archive)
    deleted.unlink()
    (archive / "content" / "en" / f"{gone}.md").unlink()
    assert build_archive(archive).size == walked_size(archive / "site")  # linked ones counted
    assert not (archive / "site" / "ar" / earlier[gone]).exists()
    for lang in ("ar", "en"):
        html = _redirect(archive / "site", lang, earlier[story])
        assert _target(html)[0] == f"/repo/{lang}/{story}/"
    assert differ_from_full(archive, tmp_path) == []


def _replace_title(file: Path, title: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r'(?m)^title: ".*"$', f'title: "{title}"', text, count=1), "utf-8")


def test_the_dev_server_adds_and_removes_old_addresses_as_a_full_build_does(
    project: Path, tmp_path: Path
) -> None:
    from .conftest import fresh_build, snapshot
    from .webtools import running_preview

    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    moved = text.replace("\n---\n", '\nmoved_from: ["2020/11/earlier-slug"]\n---\n', 1)
    old_page = project / "site" / "ar" / "2020" / "11" / "earlier-slug" / "index.html"
    with running_preview(project, BASE) as server:
        for edited, present in ((moved, True), (text, False)):
            epoch = server.state.epoch
            article.write_text(edited, encoding="utf-8")
            deadline = time.monotonic() + 20
            while server.state.epoch == epoch or old_page.exists() != present:
                assert time.monotonic() < deadline, "the edit was not built within 20 s"
                time.sleep(0.05)
            assert snapshot(project / "site") == fresh_build(project, tmp_path, BASE)


def test_a_file_saved_by_a_windows_editor_is_moved_as_it_was_saved(project: Path) -> None:
    """A byte-order mark and CRLF line ends (Notepad's) stay as they were, and the old
    address is noted: such a file could not be moved ("no front matter")."""
    story = "2021/01/notepad"
    saved = '\ufeff---\r\ntitle: "خبر"\r\ndate: "2021-01-05"\r\n---\r\n\r\nنص الخبر.\r\n'
    (project / "content/ar/2021/01").mkdir(parents=True)
    (project / f"content/ar/{story}.md").write_bytes(saved.encode("utf-8"))
    _move(project, story, "--date", "2021-02-01", "--slug", "notepad-two")
    moved = (project / "content/ar/2021/02/notepad-two.md").read_bytes().decode("utf-8")
    assert moved == saved.replace('"2021-01-05"', '"2021-02-01"').replace(
        "\r\n---\r\n\r\n", f'\r\nmoved_from: ["{story}"]\r\n---\r\n\r\n'
    )
    build_archive(project)
    assert "2021/02/notepad-two" in _target(_redirect(project / "site", "ar", story))[0]
