"""A full build after a new, deleted or re-dated article keeps the other articles: it parses
only the articles whose files changed (and the newest, for the feeds), links the others'
pages from the site it replaces, and makes what a build from nothing makes."""

from __future__ import annotations

import datetime
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build import articles
from newsarchive.build.workers import MIN_PARALLEL
from newsarchive.content import articlechecks
from newsarchive.content.registryfile import REGISTRY_FILE
from newsarchive.core.diagnostics import BuildFailed

from .conftest import REPO, build_archive, differ_from_full, png, write

WARNING = "<!-- a note the editor left -->"


Parsed = Callable[[], list[str]]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Parsed:
    """The articles the builds parse so far, in this process or in forked workers."""
    log = tmp_path / "parsed.log"
    real = articlechecks.parse_article

    def noting(text: str, rel: str, today: datetime.date | None = None) -> object:
        with open(log, "a", encoding="utf-8") as file:
            file.write(rel + "\n")
        return real(text, rel, today)

    monkeypatch.setattr(articlechecks, "parse_article", noting)
    return lambda: log.read_text(encoding="utf-8").split() if log.exists() else []


def _oldest(root: Path) -> list[Path]:
    return sorted((root / "content" / "ar").rglob("*.md"))


def _rel(root: Path, file: Path) -> str:
    return file.relative_to(root / "content").as_posix()


def _copy_as(root: Path, source: Path, rel: str, title: str) -> str:
    text = re.sub(r'(?m)^title: ".*"$', f'title: "{title}"', source.read_text(encoding="utf-8"))
    write(root, f"content/{rel}", text)
    return rel


def test_a_new_article_is_the_only_one_parsed(
    archive: Path, tmp_path: Path, parsed: Parsed
) -> None:
    old = _oldest(archive)[0]
    month = old.parent.relative_to(archive / "content").as_posix()
    added = _copy_as(archive, old, f"{month}/added-story.md", "خبر أضيف اليوم")
    build_archive(archive)
    newest = articles.feed_candidates(_rel(archive, f) for f in _oldest(archive))
    assert set(parsed()) == {added} | newest
    assert _rel(archive, old) not in parsed()
    assert (archive / "site" / month / "added-story" / "index.html").is_file()
    assert differ_from_full(archive, tmp_path) == []


def test_a_deleted_and_a_re_dated_article_equal_a_full_build(
    archive: Path, tmp_path: Path, parsed: Parsed
) -> None:
    first, second = _oldest(archive)[:2]
    gone = _rel(archive, first).removesuffix(".md")
    first.unlink()
    (archive / "content" / "en" / f"{gone.removeprefix('ar/')}.md").unlink(missing_ok=True)
    text = second.read_text(encoding="utf-8")
    date = re.search(r'(?m)^date: "(\d{4})-(\d\d)', text)
    assert date is not None
    year, month = int(date[1]), int(date[2])
    later = f"{year}-{month % 12 + 1:02d}" if month < 12 else f"{year}-12"
    moved = second.parent.parent / f"{month % 12 + 1:02d}" / second.name
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_text(text.replace(date[0], f'date: "{later}', 1), encoding="utf-8")
    second.unlink()
    gloss = archive / "content" / "en" / _rel(archive, second).removeprefix("ar/")
    if gloss.exists():
        (gloss.parent.parent / moved.parent.name).mkdir(exist_ok=True)
        gloss.rename(gloss.parent.parent / moved.parent.name / gloss.name)
    build_archive(archive)
    assert _rel(archive, moved) in parsed()
    assert len(parsed()) < len(_oldest(archive))  # the others were kept
    assert not (archive / "site" / f"{gone}/index.html").exists()
    assert differ_from_full(archive, tmp_path) == []


@pytest.mark.parametrize("change", ["replaced", "deleted", "added"])
def test_a_media_edit_makes_again_only_the_articles_showing_the_file(
    archive: Path, tmp_path: Path, parsed: Parsed, change: str
) -> None:
    """A photo replaced changes the size its articles' pages give it; one deleted makes
    them errors; one added is shown by none yet: the other articles are kept."""
    photo = archive / "content/media/2020/photo.png"
    write(archive, "content/media/2020/photo.png", "")
    photo.write_bytes(png(40, 30))
    showing = _oldest(archive)[2]
    body = showing.read_text(encoding="utf-8")
    showing.write_text(body + "\n![صورة](/media/2020/photo.png)\n", encoding="utf-8")
    build_archive(archive)
    before = len(parsed())
    if change == "replaced":
        photo.write_bytes(png(64, 48))
    elif change == "added":
        write(archive, "content/media/2021/map.png", "")
        (archive / "content/media/2021/map.png").write_bytes(png(8, 8))
    else:
        showing.write_text(body, encoding="utf-8")  # the link goes with the photo
        photo.unlink()
    build_archive(archive)
    again = parsed()[before:]
    newest = articles.feed_candidates(_rel(archive, f) for f in _oldest(archive))
    assert set(again) - newest == (set() if change == "added" else {_rel(archive, showing)})
    assert differ_from_full(archive, tmp_path) == []
    if change == "replaced":
        page = archive / "site" / _rel(archive, showing).removesuffix(".md") / "index.html"
        assert 'width="64" height="48"' in page.read_text(encoding="utf-8")


def test_a_photo_linked_by_an_edit_is_found_after_the_delta_is_folded_in(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article edited to show a photo is built in full (the photo joins the site), and is
    known to show it once its later edits are folded into a new base file (past COMPACT
    edited stories): the photo replaced later makes its page again with the new size. The
    base's index of media had kept the full build's links."""
    from newsarchive.build import snapshotfile

    photo = archive / "content/media/2020/photo.png"
    write(archive, "content/media/2020/photo.png", "")
    photo.write_bytes(png(40, 30))
    build_archive(archive)
    monkeypatch.setattr(snapshotfile, "COMPACT", 0)  # each edit folds the delta in
    showing = _oldest(archive)[3]
    body = showing.read_text(encoding="utf-8")
    showing.write_text(body + "\n![صورة](/media/2020/photo.png)\n", encoding="utf-8")
    assert build_archive(archive).written is None  # in full: a file joins the site
    showing.write_text(body + "\nفقرة.\n![صورة](/media/2020/photo.png)\n", encoding="utf-8")
    assert build_archive(archive).written is not None  # patched, and folded in
    other = _oldest(archive)[5]
    other.write_text(other.read_text(encoding="utf-8") + "\nفقرة.\n", encoding="utf-8")
    assert build_archive(archive).written is not None  # the delta is the other's alone now
    photo.write_bytes(png(64, 48))
    assert build_archive(archive).written is not None
    page = archive / "site" / _rel(archive, showing).removesuffix(".md") / "index.html"
    assert 'width="64" height="48"' in page.read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []


def test_deleting_a_photo_an_article_shows_fails_the_build_that_keeps_the_others(
    archive: Path,
) -> None:
    photo = archive / "content/media/photo.png"
    write(archive, "content/media/photo.png", "")
    photo.write_bytes(png(4, 4))
    showing = _oldest(archive)[0]
    showing.write_text(
        showing.read_text(encoding="utf-8") + "\n![صورة](/media/photo.png)\n", encoding="utf-8"
    )
    build_archive(archive)
    photo.unlink()
    with pytest.raises(BuildFailed) as failed:
        build_archive(archive)
    assert "content/media/photo.png, which does not exist" in str(failed.value)


def test_the_kept_articles_keep_their_warnings(archive: Path, parsed: Parsed) -> None:
    noted = _oldest(archive)[1]
    noted.write_text(noted.read_text(encoding="utf-8") + f"\n{WARNING}\n", encoding="utf-8")
    warned = build_archive(archive).warnings
    # Besides the notes on the registry's entities no article names (test_unnamed_entities.py).
    assert [w.path for w in warned if w.severity != "note"] == [f"content/{_rel(archive, noted)}"]
    old = _oldest(archive)[0]
    _copy_as(archive, old, _rel(archive, old).replace(old.name, "added.md"), "خبر جديد")
    parsed_before = len(parsed())
    after = build_archive(archive).warnings
    assert _rel(archive, noted) not in parsed()[parsed_before:]
    assert after == warned


def test_a_registry_edit_with_a_new_article_makes_every_article_again(
    archive: Path, tmp_path: Path, parsed: Parsed
) -> None:
    """Article pages show the registry's names: with the registry changed nothing is kept."""
    registry = archive / REGISTRY_FILE
    text = registry.read_text(encoding="utf-8")
    assert "en: Donald Trump\n" in text
    registry.write_text(text.replace("en: Donald Trump\n", "en: President Trump\n"))
    old = _oldest(archive)[0]
    _copy_as(archive, old, _rel(archive, old).replace(old.name, "added.md"), "خبر جديد")
    build_archive(archive)
    assert len(parsed()) == len(_oldest(archive))
    assert differ_from_full(archive, tmp_path) == []


def test_a_damaged_page_of_the_old_site_is_made_again(archive: Path, tmp_path: Path) -> None:
    """A kept article whose page is missing from the site is parsed and written again."""
    old = _oldest(archive)[0]
    page = archive / "site" / _rel(archive, old).removesuffix(".md") / "index.html"
    page.unlink()
    shutil.rmtree(page.parent)
    _copy_as(archive, old, _rel(archive, old).replace(old.name, "added.md"), "خبر جديد")
    build_archive(archive)
    assert page.is_file()
    assert differ_from_full(archive, tmp_path) == []


def test_workers_keep_articles_as_one_process_does(tmp_path: Path, parsed: Parsed) -> None:
    """Above MIN_PARALLEL articles the workers link the kept articles' files."""
    sys.path.insert(0, str(REPO / "bench"))
    from make_corpus import make_corpus

    root = tmp_path / "big"
    make_corpus(MIN_PARALLEL + 20, root)
    assert build_archive(root).files > 0
    first = len(parsed())
    old = _oldest(root)[0]
    page = root / "site" / _rel(root, old).removesuffix(".md") / "index.html"
    before = page.stat().st_ino
    _copy_as(root, old, _rel(root, old).replace(old.name, "added.md"), "خبر جديد")
    build_archive(root)
    newest = articles.feed_candidates(_rel(root, f) for f in _oldest(root))
    assert set(parsed()[first:]) == {_rel(root, old).replace(old.name, "added.md")} | newest
    assert page.stat().st_ino == before
    assert differ_from_full(root, tmp_path) == []


def test_an_article_patched_since_the_last_full_build_is_kept_as_edited(
    archive: Path, tmp_path: Path, parsed: Parsed
) -> None:
    """An edit patched in place lives in the snapshot's delta: the next full build keeps
    the edited view and page, not the full build's."""
    edited = _oldest(archive)[2]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.rstrip("\n") + "\n\nفقرة أضافها المحرر.\n", encoding="utf-8")
    assert build_archive(archive).written is not None  # patched, not built in full
    old = _oldest(archive)[0]
    _copy_as(archive, old, _rel(archive, old).replace(old.name, "added.md"), "خبر جديد")
    first = len(parsed())
    assert build_archive(archive).written is None  # a full build
    assert _rel(archive, edited) not in parsed()[first:]
    page = archive / "site" / _rel(archive, edited).removesuffix(".md") / "index.html"
    assert "فقرة أضافها المحرر." in page.read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []


def test_an_english_page_missing_from_the_old_site_is_made_again(
    archive: Path, tmp_path: Path
) -> None:
    """The kept view says which pages an article has: one the old site lacks is written."""
    site = archive / "site"
    story = next(
        _rel(archive, f).removeprefix("ar/").removesuffix(".md")
        for f in _oldest(archive)
        if (site / "en" / _rel(archive, f).removeprefix("ar/").removesuffix(".md")).is_dir()
    )
    newest = articles.feed_candidates(_rel(archive, f) for f in _oldest(archive))
    assert f"ar/{story}.md" not in newest  # kept, not made again for the feeds
    shutil.rmtree(site / "en" / story)
    old = _oldest(archive)[0]
    _copy_as(archive, old, _rel(archive, old).replace(old.name, "added.md"), "خبر جديد")
    build_archive(archive)
    assert (site / "en" / story / "index.html").is_file()
    assert differ_from_full(archive, tmp_path) == []
