"""`gloss --accept`: a translator confirms their English still fits an edited Arabic paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main, story_named

from .conftest import DEMO_ARTICLE, snapshot

ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
IN_FIRST_PARAGRAPH = "باتجاه العراق مؤخراً"  # once in the file: the first paragraph


def _edit_first_paragraph(root: Path) -> None:
    file = root / ARABIC
    text = file.read_text(encoding="utf-8")
    assert text.count(IN_FIRST_PARAGRAPH) == 1
    file.write_text(text.replace(IN_FIRST_PARAGRAPH, "باتجاه العراق أخيراً"), "utf-8")


def _stale(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["status", "--root", str(root), "--json"]) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    return [s["id"] for s in article["stale"]]


def test_accept_makes_the_edited_paragraph_glossed_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english_before = (project / ENGLISH).read_text(encoding="utf-8")
    _edit_first_paragraph(project)
    assert _stale(project, capsys) == ["p1"]
    assert main(["status", "--root", str(project)]) == 0
    assert "gloss --accept" in capsys.readouterr().out.splitlines()[-1]  # says what to do
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: accepted p1\n"
    assert _stale(project, capsys) == []
    english_after = (project / ENGLISH).read_text(encoding="utf-8")
    lines = zip(english_before.split("\n"), english_after.split("\n"), strict=True)
    [(old, new), (old_note, new_note)] = [(a, b) for a, b in lines if a != b]
    assert old.startswith("<!-- gloss p1 ") and new.startswith("<!-- gloss p1 ")
    # The note keeps the Arabic the English now translates: the paragraph as edited.
    assert "باتجاه العراق مؤخراً" in old_note and "باتجاه العراق أخيراً" in new_note
    build(project, project / "site", None, search=False)
    page = (project / "site/en/2020/11/coalition-us-forces-syria-iraq/index.html").read_text()
    assert "gloss-stale" not in page
    assert "The international coalition said on Tuesday" in page
    assert main(["gloss", "--root", str(project), "--accept", ARABIC]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: nothing outdated\n"


def test_accept_writes_a_windows_file_as_it_was_saved(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gloss saved by a Windows editor (CRLF line ends, a byte-order mark) keeps both:
    only the accepted marker's line and its note of the Arabic change, as git sees it."""
    file = project / ENGLISH
    before = "\ufeff" + file.read_text(encoding="utf-8").replace("\n", "\r\n")
    file.write_bytes(before.encode("utf-8"))
    _edit_first_paragraph(project)
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    after = file.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff---\r\n") and after.count("\n") == after.count("\r\n")
    changed = [
        (a, b) for a, b in zip(before.split("\r\n"), after.split("\r\n"), strict=True) if a != b
    ]
    assert [a.split()[:3] for a, _ in changed] == [["<!--", "gloss", "p1"], ["<!--", "ar:", "قال"]]


def test_a_new_lead_paragraph_does_not_take_the_english_of_the_edited_first_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paragraph added before an edited one: the edited one keeps its English (stale), the
    new one gets a pending block of its own, and accepting vouches only for the edited one."""
    _edit_first_paragraph(project)
    file = project / ARABIC
    text = file.read_text(encoding="utf-8")
    lead = "أعلن مسؤولون في بغداد تفاصيل جديدة عن حركة القوات بين البلدين اليوم."
    file.write_text(text.replace("---\nقال التحالف", f"---\n{lead}\n\nقال التحالف", 1), "utf-8")
    assert _stale(project, capsys) == ["p1"]
    assert main(["gloss", "--root", str(project)]) == 0
    english = (project / ENGLISH).read_text(encoding="utf-8")
    new_block = english.index("<!-- ar: أعلن مسؤولون في بغداد")
    assert new_block < english.index("<!-- gloss p1 ") < english.index("The international coal")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out.endswith(f"{ENGLISH}: accepted p1\n")
    build(project, project / "site", None, search=False)
    page = (project / "site/en/2020/11/coalition-us-forces-syria-iraq/index.html").read_text()
    first, second = page.split('id="p1"', 1)[1], page.split('id="p2"', 1)[1]
    assert "The international coalition said" not in first.split('id="p2"')[0]
    assert second.split('id="p3"')[0].count("The international coalition said") == 1


def test_accept_leaves_a_block_whose_paragraph_opens_otherwise_to_a_named_accept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stale block whose paragraph's opening words all changed may be another paragraph's
    English: a plain --accept says so and accepts nothing; naming the block accepts it."""
    file = project / ARABIC
    text = file.read_text(encoding="utf-8")
    opening = "قال التحالف الدولي، يوم الثلاثاء، إن تحرك"
    file.write_text(text.replace(opening, "صرح متحدث عسكري أمس بأن انتقال"), "utf-8")
    # Not outdated but pending on the site: its English may be another paragraph's.
    assert _stale(project, capsys) == []
    before = snapshot(project / "content")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) != 0
    out, err = capsys.readouterr()
    assert f"{ENGLISH}:9: error: p1 translated a paragraph opening «قال التحالف" in err
    assert "now opens «صرح متحدث عسكري" in err and "(--block p1)" in err
    assert "accepted" not in out and snapshot(project / "content") == before
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", "p1"]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: accepted p1\n"
    assert _stale(project, capsys) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--accept", "content/ar/2020/11/no-such-story.md"],
            "no article content/ar/2020/11/no-such-story.md",
        ),
        (
            ["--accept", ENGLISH, "--block", "p2"],
            f"{ENGLISH}:15: error: p2 is not outdated (outdated now: p1)",
        ),
        (  # all or nothing: p1 is stale, but p2 is not, so p1 is not accepted either
            ["--accept", ENGLISH, "--block", "p1", "--block", "p2"],
            f"{ENGLISH}:15: error: p2 is not outdated (outdated now: p1)",
        ),
        (  # an untranslated block: what it is, not only what it is not
            ["--accept", ENGLISH, "--block", "p3"],
            f"{ENGLISH}:21: error: p3 has no English yet (pending): nothing to accept "
            "(outdated now: p1)",
        ),
        (
            ["--accept", ENGLISH, "--block", "p99"],
            f"{ENGLISH}:1: error: no block p99 in this file (it has p1, p2,",
        ),
        (["--block", "p1"], "--block goes with --accept"),
    ],
)
def test_accept_refuses_what_it_cannot_do_and_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    _edit_first_paragraph(project)
    before = snapshot(project / "content")
    assert main(["gloss", "--root", str(project), *args]) != 0
    out, err = capsys.readouterr()
    assert message in err
    assert "accepted" not in out and "nothing outdated" not in out  # nothing claimed on stdout
    assert snapshot(project / "content") == before


LEAD = "أعلن مسؤولون في بغداد تفاصيل جديدة عن حركة القوات بين البلدين اليوم."


def _add_lead_paragraph(root: Path) -> None:
    """A paragraph added at the top: block p1 is now the paragraph the pages mark #p2, p2
    #p3 and so on (gloss not run since: no block for the new one)."""
    file = root / ARABIC
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("---\nقال التحالف", f"---\n{LEAD}\n\nقال التحالف", 1), "utf-8")


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            "p2",
            f"{ENGLISH}:15: error: p2 (#p3 on the pages, «وذكرت مصادر صحفية دولية أن الجيش "
            "الأمريكي نقل …») is not outdated (outdated now: p1 (#p2 on the pages))",
        ),
        (
            "p3",
            f"{ENGLISH}:21: error: p3 (#p4 on the pages, «وتتزامن هذه التطورات مع تقارير "
            "إعلامية تناولت نية …») has no English yet (pending): nothing to accept",
        ),
    ],
)
def test_a_refusal_names_the_paragraph_the_pages_mark_beside_the_block_id(
    project: Path, capsys: pytest.CaptureFixture[str], block: str, message: str
) -> None:
    """After a paragraph was added above, --accept's refusal says which paragraph of the
    page block p2 is (#p3, and how it opens), as status and gloss's other messages do."""
    _edit_first_paragraph(project)
    _add_lead_paragraph(project)
    before = snapshot(project / "content")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", block]) != 0
    assert message in capsys.readouterr().err
    assert snapshot(project / "content") == before


def test_a_refusal_of_a_rewritten_opening_names_the_paragraph_the_pages_mark(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain --accept refusing a block whose paragraph opens otherwise names #p3 beside
    p2 (the message quotes the new opening itself), and still offers `--block p2`."""
    _add_lead_paragraph(project)
    file = project / ARABIC
    text = file.read_text(encoding="utf-8")
    second = next(line for line in text.split("\n") if line.startswith("وذكرت مصادر صحفية"))
    file.write_text(text.replace(second, "وفي سياق آخر قالت مصادر محلية إن الوضع هادئ."), "utf-8")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) != 0
    err = capsys.readouterr().err
    assert (
        f"{ENGLISH}:15: error: p2 (#p3 on the pages) translated a paragraph opening «وذكرت" in err
    )
    assert "now opens «وفي سياق آخر قالت" in err and "(--block p2)" in err


@pytest.mark.parametrize(
    "name",
    [
        ARABIC,
        ENGLISH,
        "2020/11/x",
        "2020/11/x.md",
        "ar/2020/11/x.md",
        "en/2020/11/x",
        "./content/en/2020/11/x.md",
        "/home/me/archive/content/ar/2020/11/x.md",
    ],
)
def test_any_name_of_an_article_means_its_story(name: str) -> None:
    expected = "2020/11/coalition-us-forces-syria-iraq" if "coalition" in name else "2020/11/x"
    assert story_named(name) == expected


def test_a_pending_paragraph_rewritten_then_translated_is_accepted_after_an_edit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor rewrites a paragraph nobody has translated yet (the demo's third): `gloss`
    notes its new text in its block, the translator translates the new text, the
    editor then fixes a word of it, and `gloss --accept` takes the English (it kept the old
    opening in the note and refused, saying p3 translated «وتتزامن هذه التطورات …»)."""
    arabic = project / ARABIC
    text = arabic.read_text(encoding="utf-8")
    [third] = [p for p in text.split("\n\n") if p.startswith("وتتزامن هذه التطورات")]
    rewritten = "من جهة أخرى تواصل المنظمات الإنسانية تقديم المساعدات في مخيم الهول"
    arabic.write_text(text.replace(third, rewritten + "."), encoding="utf-8")
    assert main(["gloss", "--root", str(project)]) == 0
    english = project / ENGLISH
    lines = english.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("<!-- gloss p3 "))
    assert lines[at + 1] == f"<!-- ar: {rewritten}. -->"
    lines[at + 2 : at + 3] = ["", "Humanitarian organisations keep delivering aid in al-Hol camp."]
    english.write_text("\n".join(lines), encoding="utf-8")
    arabic.write_text(text.replace(third, rewritten + " للنازحين."), encoding="utf-8")
    assert _stale(project, capsys) == ["p3"]
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: accepted p3\n"
    assert _stale(project, capsys) == []


def test_status_says_what_to_do_with_the_english_of_a_merged_paragraph(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor merges the demo's first two paragraphs: `status` lists p2, whose English
    now translates part of p1's paragraph, and says what to do with it (it listed the
    orphan and no more)."""
    arabic = project / ARABIC
    text = arabic.read_text(encoding="utf-8")
    assert text.count("الاعتيادية.\n\nوذكرت") == 1
    arabic.write_text(text.replace("الاعتيادية.\n\nوذكرت", "الاعتيادية، وذكرت"), "utf-8")
    capsys.readouterr()
    assert main(["status", "--root", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].endswith("\torphan blocks: p2")
    assert out[-1].startswith("orphan blocks: their Arabic paragraph is gone")
    assert "move the English you need into the block of the paragraph" in out[-1]


def test_accepting_an_orphan_says_it_is_one_and_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The translated first paragraph deleted from the Arabic: its block keeps the English
    as an orphan, and naming it to --accept says so (it said "p1 is not stale")."""
    file = project / ARABIC
    head, body = file.read_text(encoding="utf-8").split("---\n", 2)[1:]
    first, rest = body.split("\n\n", 1)
    assert "قال التحالف الدولي" in first
    file.write_text(f"---\n{head}---\n{rest}", "utf-8")
    before = snapshot(project / "content")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", "p1"]) != 0
    err = capsys.readouterr().err
    assert f"{ENGLISH}:9: error: p1 is an orphan block, not an outdated one" in err
    assert "move the English you need into the block of the paragraph" in err
    assert snapshot(project / "content") == before


def test_gloss_names_the_blocks_gone_stale_and_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translator who runs `gloss` after an editor's change learns which translated blocks
    the change made stale (only `status` said so)."""
    _edit_first_paragraph(project)
    capsys.readouterr()
    assert main(["gloss", "--root", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == f"outdated, the Arabic changed since they were translated: {ENGLISH} (p1)"
    assert "gloss --accept" in out[-1]


def test_gloss_names_the_orphan_blocks_it_leaves_and_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The translated first paragraph and an untranslated one deleted from the Arabic:
    `gloss` takes out the empty block and says the translated one is now an orphan, its
    English on no page (only `status` said so); nothing is said once nothing is left."""
    file = project / ARABIC
    head, body = file.read_text(encoding="utf-8").split("---\n", 2)[1:]
    paragraphs = body.split("\n\n")
    assert "قال التحالف الدولي" in paragraphs[0] and "وتتزامن" in paragraphs[2]  # p1, p3
    file.write_text(f"---\n{head}---\n" + "\n\n".join([paragraphs[1], *paragraphs[3:]]), "utf-8")
    capsys.readouterr()
    assert main(["gloss", "--root", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == f"orphan blocks, shown on no page: {ENGLISH} (p1)"
    assert out[-1].startswith("orphan blocks: their Arabic paragraph is gone")
    assert "gloss p3 " not in (project / ENGLISH).read_text(encoding="utf-8")
    gloss = project / ENGLISH
    text = gloss.read_text(encoding="utf-8")
    gloss.write_text(text[: text.index("<!-- gloss p1 ")] + text[text.index("<!-- gloss p2 ") :])
    assert main(["gloss", "--root", str(project)]) == 0
    assert "orphan" not in capsys.readouterr().out


def test_accepting_one_article_reads_only_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article being written elsewhere in the archive, broken for now, does not stop a
    translator accepting their block (accept read, and refused on, every file: minutes at
    100,000 articles); an error in the named article still stops it."""
    _edit_first_paragraph(project)
    broken = project / "content/ar/2021/01/half-written.md"
    broken.parent.mkdir(parents=True)
    broken.write_text('---\ntitle: "unclosed\ndate: "2021-01"\n---\n\nنص.\n', "utf-8")
    assert main(["gloss", "--root", str(project)]) == 1  # every stub: every article is read
    capsys.readouterr()
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: accepted p1\n"
    named = project / ARABIC
    named.write_text(named.read_text(encoding="utf-8").replace("title:", "title: [", 1), "utf-8")
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 1
    assert ARABIC in capsys.readouterr().err


def test_an_article_named_twice_is_accepted_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its Arabic and its English file both named (a pattern over `content/*/`): its stale
    block is accepted once and said once. A second pass over the same file found p1, just
    accepted, not outdated: "nothing accepted" on stderr and exit 1 after accepting it."""
    _edit_first_paragraph(project)
    args = ["gloss", "--root", str(project), "--accept", ARABIC, ENGLISH]
    assert main([*args, "--block", "p1"]) == 0
    assert capsys.readouterr() == (f"{ENGLISH}: accepted p1\n", "")
    assert _stale(project, capsys) == []
    file = project / ARABIC  # edited back: stale again, accepted without --block
    file.write_text(file.read_text("utf-8").replace("العراق أخيراً", IN_FIRST_PARAGRAPH), "utf-8")
    assert _stale(project, capsys) == ["p1"]
    assert main(args) == 0
    assert capsys.readouterr() == (f"{ENGLISH}: accepted p1\n", "")


def test_identical_paragraphs_are_each_paired_with_their_own_block_and_accepted_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's first paragraph quoted again at the end, the same words: `gloss` gives the
    copy a block of its own, and once both copies are edited alike each block is stale,
    accepted once (the same fingerprint in both markers), and a second --accept finds
    nothing to do: no block stands for two paragraphs, none is stamped twice."""
    arabic = project / ARABIC
    text = arabic.read_text(encoding="utf-8")
    [first] = [line for line in text.split("\n") if IN_FIRST_PARAGRAPH in line]
    arabic.write_text(text.rstrip("\n") + "\n\n" + first + "\n", encoding="utf-8")
    assert main(["gloss", "--root", str(project)]) == 0
    english = project / ENGLISH
    lines = english.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert lines[-5].startswith("<!-- gloss p14 ") and lines[-3].startswith("<!-- ar: قال")
    lines[-2:-1] = ["", "The coalition's words again."]  # above its closing note
    english.write_text("\n".join(lines) + "\n", "utf-8")
    arabic.write_text(
        arabic.read_text(encoding="utf-8").replace(IN_FIRST_PARAGRAPH, "باتجاه العراق أخيراً"),
        encoding="utf-8",
    )
    assert _stale(project, capsys) == ["p1", "p14"]
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: accepted p1, p14\n"
    after = english.read_text(encoding="utf-8")
    markers = [line.split()[2:4] for line in after.split("\n") if line.startswith("<!-- gloss ")]
    [print_] = {fp for block_id, fp in markers if block_id in ("p1", "p14")}
    assert [fp for _, fp in markers].count(print_) == 2  # p1's and p14's markers, once each
    assert len({block_id for block_id, _ in markers}) == len(markers) == 14
    assert _stale(project, capsys) == []
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH]) == 0
    assert capsys.readouterr().out == f"{ENGLISH}: nothing outdated\n"
    assert english.read_text(encoding="utf-8") == after
    build(project, project / "site", None, search=False)
    page = (project / "site/en/2020/11/coalition-us-forces-syria-iraq/index.html").read_text()
    body, last = page.split('id="p1"', 1)[1].split('id="p14"')
    assert "The international coalition said on Tuesday" in body and "words again" not in body
    assert "words again." in last and "The international coalition" not in last


def test_a_rewritten_paragraph_never_shows_the_old_english(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translated paragraph replaced by another (a quote by a hotline notice) paired with
    the old block by position: its English, a quote the article no longer holds, was shown
    beside the new Arabic as an outdated translation. It is pending on the site now, and
    the build, `gloss` and `status` say why at the block's line."""
    file = project / ARABIC
    lines = file.read_text(encoding="utf-8").split("\n")
    second = next(i for i, line in enumerate(lines) if line.startswith("وذكرت مصادر صحفية"))
    lines[second] = "من جهتها، دعت خلية الإعلام الأمني المواطنين إلى الإبلاغ عن أي تحركات مشبوهة."
    file.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    warning = (
        f"{ENGLISH}:15: warning: p2's English translates a paragraph opening «وذكرت مصادر "
        "صحفية دولية أن الجيش الأمريكي نقل …», but the paragraph it stands for now opens «من "
        "جهتها، دعت خلية الإعلام الأمني المواطنين إلى …»: the English page shows it as pending"
    )
    assert warning in capsys.readouterr().err
    english = project / "site/en/2020/11/coalition-us-forces-syria-iraq/index.html"
    arabic = project / "site/ar/2020/11/coalition-us-forces-syria-iraq/index.html"
    for page in (english, arabic):  # the parallel view takes the English page's
        assert "International press sources" not in page.read_text(encoding="utf-8")
    assert main(["status", "--root", str(project)]) == 0
    assert warning in capsys.readouterr().err
    # Right after all (a translator's look): accepted by name, it is shown again.
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", "p2"]) == 0
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    assert "International press sources" in english.read_text(encoding="utf-8")


def test_a_misspelt_article_name_is_answered_with_the_one_meant(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meant = f"did you mean {ARABIC}?"
    misspelt = ENGLISH.replace("forces", "force")
    assert main(["gloss", "--root", str(project), "--accept", misspelt]) == 1
    assert f"{misspelt}: error: no article " in (err := capsys.readouterr().err) and meant in err
    story = DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md").replace("iraq", "irak")
    for command in ("status", "gloss"):
        assert main([command, story, "--root", str(project)]) == 1
        err = capsys.readouterr().err
        assert f"{story}: error: no such article or folder under content/ar: {meant}" in err
