"""`move` keeps every link working, as a file manager's rename does (real `move` runs, then
real builds): the articles and glosses linking the moved article are rewritten to its new
file, their bytes otherwise untouched (line ends, code spans, titles, fragments); reference
definitions and site addresses too; the moved files' own relative links lead where they did
from their new folder; a file that may link it but cannot be read stops the move, changing
nothing; `--dry-run` shows all of it and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, png, snapshot, write

OLD = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md")  # 2020/11/coalition-…
SLUG = OLD.rsplit("/", 1)[1]
NEW = "2021/03/us-forces-routine-move"
OTHER = "content/ar/2020/10/other.md"
# Another article linking the moved one every way an editor writes a link, saved on Windows.
OTHER_TEXT = (
    '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\n'
    f'[الخبر اللاحق](../11/{SLUG}.md#p3 "عنوان") وفي الشيفرة `[x](../11/{SLUG}.md)` يبقى.\n\n'
    f"```\n[y](../11/{SLUG}.md)\n```\n\n"
    "[بالمرجع][1] و[بالعنوان](/ar/" + OLD + "/)\n\n"
    f"[1]: <../11/{SLUG}.md> 'المرجع'\n"
)
OTHER_AFTER = (
    '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\n'
    f'[الخبر اللاحق](../../2021/03/us-forces-routine-move.md#p3 "عنوان") وفي الشيفرة '
    f"`[x](../11/{SLUG}.md)` يبقى.\n\n"
    f"```\n[y](../11/{SLUG}.md)\n```\n\n"
    "[بالمرجع][1] و[بالعنوان](/ar/" + NEW + "/)\n\n"
    "[1]: <../../2021/03/us-forces-routine-move.md> 'المرجع'\n"
)


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _linked_project(project: Path) -> Path:
    (project / OTHER).parent.mkdir(parents=True)
    (project / OTHER).write_bytes(_crlf(OTHER_TEXT))
    write(project, "content/media/2020/photo.png", "")
    (project / "content/media/2020/photo.png").write_bytes(png(40, 30))
    with open(project / "content" / DEMO_ARTICLE, "a", encoding="utf-8") as out:
        out.write("\n[الخبر السابق](../10/other.md) ![صورة](../../../media/2020/photo.png)\n")
    with open(project / f"content/en/{OLD}.md", "a", encoding="utf-8") as out:
        out.write(f"\nSee [the earlier story](../10/other.md) and [p2]({SLUG}.md#p2).\n")
    return project


def _move(project: Path, *options: str) -> int:
    return main(["move", DEMO_ARTICLE, *options, "--root", str(project)])


def _page(project: Path, lang: str, story: str) -> str:
    return (project / "site" / lang / story / "index.html").read_text(encoding="utf-8")


def test_move_rewrites_links_to_it_and_its_own(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _linked_project(project)
    assert _move(project, "--date", "2021-03", "--slug", "us-forces-routine-move") == 0
    out = capsys.readouterr().out
    assert f"3 links updated in {OTHER}" in out
    assert f"1 link updated in content/ar/{NEW}.md" in out
    assert f"2 links updated in content/en/{NEW}.md" in out
    # Only the destinations changed: code, the title, the fragment, CRLF line ends kept.
    assert (project / OTHER).read_bytes() == _crlf(OTHER_AFTER)
    article = (project / f"content/ar/{NEW}.md").read_text(encoding="utf-8")
    assert "[الخبر السابق](../../2020/10/other.md)" in article
    assert "![صورة](../../../media/2020/photo.png)" in article  # same depth: as it was
    gloss = (project / f"content/en/{NEW}.md").read_text(encoding="utf-8")
    assert "[the earlier story](../../2020/10/other.md)" in gloss
    assert "[p2](us-forces-routine-move.md#p2)" in gloss
    assert main(["build", "--root", str(project)]) == 0
    other = _page(project, "ar", "2020/10/other")
    assert f'<a href="/ar/{NEW}/#p3" title="عنوان">الخبر اللاحق</a>' in other
    assert f'<a href="/ar/{NEW}/" title="المرجع">بالمرجع</a>' in other
    assert f'<a href="/ar/{NEW}/">بالعنوان</a>' in other
    assert f'<code>[<bdi lang="en">x</bdi>](../11/<bdi lang="en">{SLUG}.md' in other
    assert f"<code>[y](../11/{SLUG}.md)" in other  # the fenced block's, as written
    assert '<a href="/ar/2020/10/other/">الخبر السابق</a>' in _page(project, "ar", NEW)
    english = _page(project, "en", NEW)
    # Nothing of the other story is translated: its link leads to the Arabic page.
    assert '<a href="/ar/2020/10/other/" hreflang="ar">the earlier story</a>' in english
    assert f'<a href="/en/{NEW}/#p2">p2</a>' in english


def test_a_deeper_folder_rewrites_the_moved_files_media_links(project: Path) -> None:
    """2020/11 -> 2021 (a year-only date) is one folder less deep: `../../../media/` from
    the old folder is `../../media/` from the new one."""
    _linked_project(project)
    assert _move(project, "--date", "2021") == 0
    article = (project / f"content/ar/2021/{SLUG}.md").read_text(encoding="utf-8")
    assert "![صورة](../../media/2020/photo.png)" in article
    assert "[الخبر السابق](../2020/10/other.md)" in article
    assert f"[الخبر اللاحق](../../2021/{SLUG}.md#p3" in (project / OTHER).read_text("utf-8")
    assert main(["build", "--root", str(project)]) == 0
    assert 'src="/media/2020/photo.png" alt="صورة"' in _page(project, "ar", f"2021/{SLUG}")


def test_a_gloss_linking_the_moved_article_is_rewritten(project: Path) -> None:
    _linked_project(project)
    assert main(["gloss", "--root", str(project)]) == 0  # a stub for other.md
    gloss = project / "content/en/2020/10/other.md"
    with open(gloss, "a", encoding="utf-8") as out:
        out.write(f"The [later story](../11/{SLUG}.md).\n")
    before = gloss.read_bytes()
    assert _move(project, "--slug", "us-forces-routine-move") == 0
    old, new = f"[later story](../11/{SLUG}.md)", "[later story](../11/us-forces-routine-move.md)"
    after = before.replace(old.encode(), new.encode())
    assert gloss.read_bytes() == after != before
    assert main(["build", "--root", str(project)]) == 0
    english = _page(project, "en", "2020/10/other")
    assert '<a href="/en/2020/11/us-forces-routine-move/">later story</a>' in english


def test_dry_run_shows_the_links_and_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _linked_project(project)
    before = snapshot(project)
    assert _move(project, "--slug", "us-forces-routine-move", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "dry run: nothing was changed" in out
    assert (
        f"would move content/{DEMO_ARTICLE} -> content/ar/2020/11/us-forces-routine-move.md" in out
    )
    assert f"3 links would be updated in {OTHER}" in out
    assert snapshot(project) == before


def test_a_file_that_may_link_it_but_is_not_utf8_stops_the_move(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _linked_project(project)
    broken = project / "content/ar/2020/10/cp1256.md"
    broken.write_bytes(
        '---\ntitle: "خبر"\n---\n\n[الخبر](../11/'.encode("cp1256") + f"{SLUG}.md)\n".encode()
    )
    before = snapshot(project)
    assert _move(project, "--slug", "us-forces-routine-move") == 1
    err = capsys.readouterr().err
    assert "their links cannot be updated, so nothing was moved" in err
    assert "content/ar/2020/10/cp1256.md: it is not UTF-8 text (byte 13)" in err
    assert snapshot(project) == before  # nothing moved, nothing rewritten


def test_files_that_do_not_link_it_are_left_alone(project: Path) -> None:
    """A file naming the slug in its text but linking nothing moved keeps its bytes (and
    its time), as does a link to another article in the moved one's folder."""
    _linked_project(project)
    plain = write(project, "content/ar/2020/10/plain.md", f'---\ntitle: "{SLUG}"\n---\n\nنص\n')
    sibling = write(project, "content/ar/2020/11/sibling.md", '---\ntitle: "س"\n---\n\nنص\n')
    times = plain.stat().st_mtime_ns, sibling.stat().st_mtime_ns
    with open(project / OTHER, "a", encoding="utf-8") as out:
        out.write("\n[الشقيق](../11/sibling.md)\n")
    assert _move(project, "--slug", "us-forces-routine-move") == 0
    assert (plain.stat().st_mtime_ns, sibling.stat().st_mtime_ns) == times
    assert "[الشقيق](../11/sibling.md)" in (project / OTHER).read_text(encoding="utf-8")


def test_a_write_that_fails_puts_everything_back(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """All or nothing: when the second linking file cannot be written (a full disk), the
    first is put back as it was and the moved files are removed; the article stays."""
    from newsarchive.content import moving

    _linked_project(project)
    write(project, "content/ar/2020/12/later.md", f'---\ntitle: "ل"\n---\n\n[س](../11/{SLUG}.md)\n')
    before = snapshot(project)
    written: list[Path] = []

    def failing(target: Path, data: bytes) -> None:
        if written and data != before[str(target.relative_to(project))]:
            raise OSError(28, "No space left on device")
        written.append(target)
        real(target, data)

    real = moving.replace_file
    monkeypatch.setattr(moving, "replace_file", failing)
    assert _move(project, "--slug", "us-forces-routine-move") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert len(written) == 2  # one file rewritten, then put back
    assert snapshot(project) == before


def test_a_moved_gloss_that_is_not_utf8_moves_as_it_is_with_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gloss = project / f"content/en/{OLD}.md"
    data = gloss.read_bytes() + "\nédition\n".encode("latin-1")
    gloss.write_bytes(data)
    assert _move(project, "--slug", "us-forces-routine-move") == 0
    out = capsys.readouterr().out
    assert "content/en/2020/11/us-forces-routine-move.md is not UTF-8: moved as it is" in out
    assert (project / "content/en/2020/11/us-forces-routine-move.md").read_bytes() == data


def test_a_file_that_is_no_article_does_not_stop_the_move(project: Path) -> None:
    """A note left in content/ar/ (no article, no page: the build names it) is not read for
    links, even holding the slug in bytes that are not UTF-8."""
    note = project / "content/ar/notes.md"
    note.write_bytes(f"\xe1 ../2020/11/{SLUG}.md\n".encode("latin-1"))
    before = note.read_bytes()
    assert _move(project, "--slug", "us-forces-routine-move") == 0
    assert note.read_bytes() == before


# The moved article's file and page written with escapes Markdown decodes: a backslash
# before a hyphen, HTML character references (decimal and hexadecimal, one before a `#p2`
# fragment) and a hyphen percent-encoded. None of these files holds the slug's bytes.
ESCAPED = SLUG.replace("-", "\\-")
ENTITIES = SLUG.replace("-", "&#45;")
ESCAPED_TEXT = (
    '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\n'
    f"[أولاً](../11/{ESCAPED}.md) و[ثانياً](../11/{ENTITIES}.md#p2) "
    f"و[ثالثاً](../11/&#x63;{SLUG[1:]}.md) و[رابعاً](<../11/{SLUG.replace('-', '%2D', 1)}.md>)"
    f" و[الصفحة](/ar/2020/11/{ENTITIES}/#p3)\n"
)


def test_links_spelt_with_escapes_or_entities_are_rewritten_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each of these links leads to the article before the move; after it, each leads to
    its new page (the fragment kept) and the build finds no broken link."""
    write(project, OTHER, ESCAPED_TEXT)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    assert _move(project, "--slug", "us-forces-routine-move") == 0
    assert f"5 links updated in {OTHER}" in capsys.readouterr().out
    new = "../11/us-forces-routine-move.md"
    links = (
        f"[أولاً]({new}) و[ثانياً]({new}#p2) و[ثالثاً]({new}) و[رابعاً](<{new}>)"
        " و[الصفحة](/ar/2020/11/us-forces-routine-move/#p3)\n"
    )
    assert (project / OTHER).read_text(encoding="utf-8").endswith(links)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    other = _page(project, "ar", "2020/10/other")
    assert other.count('href="/ar/2020/11/us-forces-routine-move/') == 5
