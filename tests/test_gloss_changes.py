"""`status --changes`: what changed in an outdated paragraph since its English was written, so
that a translator does not accept a changed figure or name unseen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.glosschanges import Change, word_changes

from .conftest import DEMO_ARTICLE

ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
SECOND = "ما يقارب 50 جندياً"  # in the demo's second paragraph, translated


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def _changes(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["status", "--root", str(root), "--changes"]) == 0
    out = capsys.readouterr().out.split("\n")
    start = next((n for n, line in enumerate(out) if line.startswith("what changed")), len(out))
    return [line for line in out[start + 1 :] if line and not line.startswith("revise")]


def test_a_changed_figure_is_shown_as_it_was_translated_and_as_it_is_now(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor corrects the troops' number in a translated paragraph: `status --changes`
    shows the old and the new figure side by side, bracketed, with the words around them."""
    _replace(project, ARABIC, SECOND, "ما يقارب 60 جندياً")
    assert _changes(project, capsys) == [
        f"{ENGLISH} p2",
        "  was: … مع ما يقارب [50] جندياً من قاعدته …",
        "  now: … مع ما يقارب [60] جندياً من قاعدته …",
    ]
    capsys.readouterr()
    assert main(["status", "--root", str(project), "--changes", "--json"]) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    [stale] = article["stale"]
    assert stale["id"] == "p2"
    assert [c["now"] for c in stale["changes"]] == ["… مع ما يقارب [60] جندياً من قاعدته …"]


def test_after_accepting_the_next_edit_is_compared_with_the_accepted_arabic(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gloss --accept` renews the block's note: a later edit shows what changed since the
    translator last checked, not since the first translation."""
    _replace(project, ARABIC, SECOND, "ما يقارب 60 جندياً")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert _changes(project, capsys) == []
    _replace(project, ARABIC, "ما يقارب 60 جندياً", "ما يقارب 70 جندياً")
    changes = _changes(project, capsys)
    assert changes[1:] == [
        "  was: … مع ما يقارب [60] جندياً من قاعدته …",
        "  now: … مع ما يقارب [70] جندياً من قاعدته …",
    ]
    assert main(["status", "--root", str(project)]) == 0
    assert "status --changes" in capsys.readouterr().out  # the table says how to see them


def test_a_note_of_opening_words_only_says_what_it_cannot_show_until_gloss_renews_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gloss written before notes held the whole paragraph: an outdated block's changes
    cannot be shown, and `status --changes` says so rather than showing nothing; `gloss`
    makes the notes of current blocks whole, so the next edit can be shown."""
    english = project / ENGLISH
    text = english.read_text(encoding="utf-8")
    lines = text.split("\n")
    old_style = [
        " ".join(line.removesuffix(" -->").split()[:10]) + " … -->"
        if line.startswith("<!-- ar: ")
        else line
        for line in lines
    ]
    english.write_text("\n".join(old_style), encoding="utf-8")
    _replace(project, ARABIC, SECOND, "ما يقارب 60 جندياً")
    [said] = _changes(project, capsys)
    assert said.startswith(f"{ENGLISH} p2: its note keeps only the opening words")
    assert main(["gloss", "--root", str(project)]) == 0
    renewed = english.read_text(encoding="utf-8")
    assert "<!-- ar: قال التحالف الدولي، يوم الثلاثاء، إن تحرك جزء" in renewed
    assert "مؤخراً يأتي في إطار التحركات الاعتيادية. -->" in renewed  # p1, current: whole
    p2_note = [line for line in renewed.split("\n") if line.startswith("<!-- ar: وذكرت")]
    assert p2_note[0].endswith("… -->")  # outdated: its old words are all there is to keep
    _replace(project, ARABIC, "باتجاه العراق مؤخراً", "باتجاه العراق أخيراً")
    assert _changes(project, capsys)[:3] == [
        f"{ENGLISH} p1",
        "  was: … سوريا باتجاه العراق [مؤخراً] يأتي في إطار …",
        "  now: … سوريا باتجاه العراق [أخيراً] يأتي في إطار …",
    ]


def test_words_added_taken_out_and_far_apart() -> None:
    """Changes close together are one place; far apart, two; an added or removed word shows
    as [] on the other side; the paragraph's ends show no "…"."""
    was = "قال الوزير إن العمل سيبدأ في الشهر المقبل في جميع المحافظات دون استثناء بحسب الخطة"
    now = "قال الوزير اليوم إن العمل سيبدأ في الشهر المقبل في جميع المحافظات دون استثناء"
    assert word_changes(was, now) == (
        Change("قال الوزير [] إن العمل سيبدأ …", "قال الوزير [اليوم] إن العمل سيبدأ …"),
        Change("… المحافظات دون استثناء [بحسب الخطة]", "… المحافظات دون استثناء []"),
    )
    assert word_changes("قتل 3 وجرح 5", "قتل 4 وجرح 6") == (
        Change("قتل [3] وجرح [5]", "قتل [4] وجرح [6]"),
    )


def test_marks_a_reader_does_not_see_are_no_change() -> None:
    """Tatweel and a right-to-left mark do not make the paragraph outdated (its fingerprint
    ignores them), so they are no change to show either."""
    assert word_changes("قال الوزير", "قـــال \u200fالوزير") == ()


def test_an_outdated_title_is_shown_as_it_reads_now(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The gloss keeps only the translated Arabic title's fingerprint: `--changes` gives the
    title as it reads now, first, and says the old one is not kept."""
    _replace(project, ARABIC, 'title: "التحالف الدولي:', 'title: "التحالف الدولي يؤكد:')
    [said] = _changes(project, capsys)
    assert said.startswith(f"{ENGLISH} title: the Arabic title now reads «التحالف الدولي يؤكد:")
    assert main(["status", "--root", str(project), "--changes", "--json"]) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    [title] = article["stale"]
    assert title["id"] == "title" and title["changes"] is None
    assert title["title_now"].startswith("التحالف الدولي يؤكد:")
