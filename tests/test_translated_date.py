"""The translated list and its feed follow when an article was translated: `gloss` dates a
gloss the day it first finds English in it (`translated: YYYY-MM-DD`, one line added, never
changed after), the list and feed order by that day, the feed's entries say it as their
`updated`, a bad date is an error at its line, and an edit of the date is patched (by
`build` or `serve`) as a fresh full build makes the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.today import VARIABLE
from newsarchive.serve.loop import Preview

from .conftest import set_per_page
from .test_translated import BASE, DEMO, _article, _differ_from_full, _listed, _translate

ENGLISH = f"content/en/{DEMO}.md"
OLD = "2019/05/old-story"  # an old article, translated after the others
NEW = "2021/03/new-story"  # a newer one, translated before it (undated)
TWIN = "2021/01/twin-story"  # translated the same day as OLD: after it by its own date
NOT_A_DAY = "'translated' is the day the English was published or brought up to date (YYYY-MM-DD)"


def _on(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """The day of the commands (gloss stamps it; a build checks dates against it)."""
    monkeypatch.setenv(VARIABLE, day)


def _gloss(root: Path, capsys: pytest.CaptureFixture[str], *names: str) -> str:
    capsys.readouterr()
    assert main(["gloss", "--root", str(root), *names]) == 0
    return capsys.readouterr().out


def _set_date(root: Path, story: str, line: str | None) -> Path:
    """The gloss with its `translated` line replaced by `line` (None: taken out)."""
    file = root / f"content/en/{story}.md"
    text = file.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^translated: .*\n", "" if line is None else line + "\n", text)
    assert new != text
    file.write_text(new, encoding="utf-8")
    return file


def _feed(root: Path) -> str:
    return (root / "site/en/translated/feed.xml").read_text(encoding="utf-8")


def _feed_ids(feed: str) -> list[str]:
    return re.findall(r"<id>https://example.github.io/repo/en/(\d{4}/\d\d/[^/]+)/</id>", feed)


@pytest.fixture
def translated(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The demo (dated 2026-11-24 in its gloss) and three articles: NEW translated before
    the dates existed (undated), OLD and TWIN translated on 2026-12-05, dated by `gloss`."""
    for story, title, date in (
        (OLD, "خبر قديم", "2019-05-02"),
        (NEW, "خبر أحدث", "2021-03-10"),
        (TWIN, "خبر توأم", "2021-01-05"),
    ):
        _article(project, story, title, date)
    _on(monkeypatch, "2026-12-01")
    _gloss(project, capsys)  # the stubs: nothing to date
    for story in (OLD, NEW, TWIN):
        assert "translated:" not in (project / f"content/en/{story}.md").read_text("utf-8")
        _translate(project, story, {"p1": "Trump said the forces stay."})
    _on(monkeypatch, "2026-12-05")
    assert "2 dated (translated: 2026-12-05)" in _gloss(project, capsys, OLD, TWIN)
    return project


def test_the_list_and_its_feed_put_the_newest_translation_first(translated: Path) -> None:
    """Dated the same day, TWIN (2021) comes before OLD (2019) by its article's date; the
    demo (translated 2026-11-24) before NEW, whose gloss says no day: its article's date."""
    build(translated, translated / "site", BASE, search=False)
    order = [TWIN, OLD, DEMO, NEW]
    assert [story for story, _ in _listed(translated / "site")] == order
    feed = _feed(translated)
    assert _feed_ids(feed) == order
    assert "<updated>2026-12-05T00:00:00Z</updated>\n<author>" in feed  # the feed's own
    old = feed.split(f"/en/{OLD}/</id>", 1)[1].split("</entry>", 1)[0]
    assert "<published>2019-05-02T00:00:00Z</published>" in old
    assert "<updated>2026-12-05T00:00:00Z</updated>" in old
    new = feed.split(f"/en/{NEW}/</id>", 1)[1].split("</entry>", 1)[0]
    assert "<published>2021-03-10T00:00:00Z</published>" in new
    assert "<updated>2021-03-10T00:00:00Z</updated>" in new  # undated: its own date
    # The English page says when: a reader from the feed sees why a 2019 article is new.
    page = (translated / f"site/en/{OLD}/index.html").read_text(encoding="utf-8")
    assert ' · Translated&nbsp;<time datetime="2026-12-05">5 December 2026</time>' in page
    page = (translated / f"site/en/{NEW}/index.html").read_text(encoding="utf-8")
    assert "Translated&nbsp;" not in page  # its gloss does not say
    # The English-language feed is in article order as ever: TWIN, NEW and OLD's texts.
    language = (translated / "site/en/feed.xml").read_text(encoding="utf-8")
    assert _feed_ids(language)[:2] == [NEW, TWIN]


def test_gloss_dates_a_gloss_once_adding_one_line_and_nothing_else(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gloss with English written before dates existed (CRLF, a byte-order mark, no final
    newline: a Windows editor's; and before titles had a fingerprint) gets `translated:
    <today>` before its closing '---' (and its `title_of`), and every other byte as it was;
    a later run, another day, changes nothing."""
    file = project / ENGLISH
    text = file.read_text(encoding="utf-8")
    title_of = re.search(r"(?m)^title_of: .*$", text)
    assert title_of is not None
    undated = re.sub(r"(?m)^(translated|title_of): .*\n", "", text)
    before = "\ufeff" + undated.rstrip("\n").replace("\n", "\r\n")
    file.write_bytes(before.encode("utf-8"))
    _on(monkeypatch, "2026-12-06")
    out = _gloss(project, capsys)
    assert f"updated {ENGLISH}" in out
    assert "1 dated (translated: 2026-12-06)" in out
    after = file.read_bytes().decode("utf-8")
    added = f"\r\n{title_of[0]}\r\ntranslated: 2026-12-06\r\n---\r\n"
    assert after == before.replace("\r\n---\r\n", added, 1)
    _on(monkeypatch, "2026-12-09")
    out = _gloss(project, capsys)
    assert "0 updated" in out and " dated" not in out
    assert file.read_bytes().decode("utf-8") == after  # never changed once written


def test_gloss_leaves_undated_a_gloss_without_english_and_dates_a_named_one(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stub, or a gloss with an English title alone, has no English text to read: it is
    not on the list, and not dated. `gloss ARTICLE` dates the named article once it has."""
    _article(project, OLD, "خبر قديم", "2019-05-02")
    _on(monkeypatch, "2026-12-06")
    _gloss(project, capsys)
    gloss = project / f"content/en/{OLD}.md"
    _translate(project, OLD, {}, "An old story")
    assert "0 updated" in _gloss(project, capsys)
    assert "translated:" not in gloss.read_text(encoding="utf-8")
    _translate(project, OLD, {"p2": "Nothing changes."})
    assert "1 dated" in _gloss(project, capsys, f"content/ar/{OLD}.md")
    assert "\ntranslated: 2026-12-06\n---\n" in gloss.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-30", f"{NOT_A_DAY}: date '2026-02-30' does not exist"),
        ("2026-12", f"{NOT_A_DAY}: '2026-12' names no day"),
        ("yesterday", f"{NOT_A_DAY}: date 'yesterday' is not YYYY-MM-DD"),
        # Only the form of a day is offered: YYYY-MM or YYYY, an article's, are no day.
        ("2026/12/05", f"{NOT_A_DAY}: date '2026/12/05' is not YYYY-MM-DD: write \"2026-12-05\""),
        ('""', f"{NOT_A_DAY}: write it as 2026-12-06"),
        ("2026-12-08", f"{NOT_A_DAY}: 2026-12-08 is in the future (today is 2026-12-06)"),
        (  # the demo article is dated 2020-11: a mistyped year
            "2002-11-24",
            f"{NOT_A_DAY}: 2002-11-24 is before the article's own date, 2020-11; "
            "the English cannot come out before the Arabic",
        ),
        (
            "2020-10-31",
            f"{NOT_A_DAY}: 2020-10-31 is before the article's own date, 2020-11; "
            "the English cannot come out before the Arabic",
        ),
    ],
)
def test_a_bad_date_is_an_error_at_its_line_for_build_and_gloss(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    expected: str,
) -> None:
    _on(monkeypatch, "2026-12-06")
    _set_date(project, DEMO, f"translated: {value}")
    text = (project / ENGLISH).read_text(encoding="utf-8")
    line = text.split("\n").index(f"translated: {value}") + 1
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert f"{ENGLISH}:{line}: error: {expected}" in capsys.readouterr().err
    assert not (project / "site").exists()
    assert main(["gloss", "--root", str(project)]) == 1
    assert f"{ENGLISH}:{line}: error: {expected}" in capsys.readouterr().err
    assert (project / ENGLISH).read_text(encoding="utf-8") == text


def test_tomorrow_is_not_the_future_for_a_translator_ahead_of_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator east of the machine that builds may already be in its tomorrow."""
    _on(monkeypatch, "2026-12-06")
    _set_date(project, DEMO, "translated: 2026-12-07")
    assert main(["build", "--root", str(project), "--no-search"]) == 0


def test_an_edited_date_is_patched_as_a_full_build_makes_it(
    translated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One page of one article shown: NEW, undated and past the page, dated today jumps to
    the top; the demo's date taken out sends it back to its own 2020; each time the build
    patches the list's page and feed, which equal a fresh full build's."""
    monkeypatch.setattr("newsarchive.pages.translated.LISTED_PAGES", 1)
    set_per_page(translated, 2)
    build(translated, translated / "site", BASE, search=False)
    assert _listed(translated / "site") == [(TWIN, True), (OLD, True)]
    _on(monkeypatch, "2026-12-06")
    file = translated / f"content/en/{NEW}.md"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\n---\n", "\ntranslated: 2026-12-06\n---\n", 1), "utf-8")
    done = build(translated, translated / "site", BASE, search=False)
    assert done.written is not None, "a date's edit is patched, not built in full"
    assert {"en/translated/index.html", "en/translated/feed.xml"} <= set(done.written)
    assert _listed(translated / "site") == [(NEW, True), (TWIN, True)]
    assert _feed_ids(_feed(translated))[:2] == [NEW, TWIN]
    assert _differ_from_full(translated, tmp_path) == []
    _set_date(translated, DEMO, None)
    done = build(translated, translated / "site", BASE, search=False)
    assert done.written is not None
    assert "en/translated/index.html" not in done.written  # the demo was past the page
    assert _feed_ids(_feed(translated)) == [NEW, TWIN, OLD, DEMO]
    assert _differ_from_full(translated, tmp_path) == []


def test_serve_patches_the_list_when_a_date_changes(
    translated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dev server, told the changed gloss, reorders the list and its feed in place."""
    set_per_page(translated, 1)
    preview = Preview(translated, translated / "site", BASE, search=False)
    assert preview.rebuild().everything
    _on(monkeypatch, "2026-12-06")
    changed = _set_date(translated, OLD, "translated: 2026-12-06")
    assert not preview.rebuild(changed=[changed]).everything
    assert [story for story, _ in _listed(translated / "site")][:2] == [OLD, TWIN]
    assert _differ_from_full(translated, tmp_path) == []
    changed = _set_date(translated, OLD, "translated: 2026-11-01")
    assert not preview.rebuild(changed=[changed]).everything
    assert [story for story, _ in _listed(translated / "site")] == [TWIN, DEMO, OLD, NEW]
    assert _differ_from_full(translated, tmp_path) == []


def test_english_dated_in_the_articles_own_month_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo article is dated to the month (2020-11): any day of it may be the day its
    English came out, the first included."""
    _on(monkeypatch, "2026-12-06")
    _set_date(project, DEMO, "translated: 2020-11-01")
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    page = (project / "site/en" / DEMO / "index.html").read_text(encoding="utf-8")
    assert 'Translated&nbsp;<time datetime="2020-11-01">1 November 2020</time>' in page


def test_move_refuses_a_date_after_the_day_its_english_came_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's English is dated 2026-11-24: moved to 2026-12 the build would refuse it, so
    `move` moves nothing and says which line to correct; an earlier date moves."""
    line = (project / ENGLISH).read_text(encoding="utf-8").split("\n").index(
        "translated: 2026-11-24"
    ) + 1
    capsys.readouterr()
    args = ["move", f"content/ar/{DEMO}.md", "--root", str(project)]
    assert main([*args, "--date", "2026-12"]) == 1
    err = capsys.readouterr().err
    assert f"('translated', {ENGLISH}:{line}), before the new date 2026-12" in err
    assert "nothing was moved" in err
    assert (project / f"content/ar/{DEMO}.md").is_file()
    assert main([*args, "--date", "2026-11"]) == 0
    assert main(["build", "--root", str(project), "--no-search"]) == 0
