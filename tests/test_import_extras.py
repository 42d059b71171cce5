"""Import points out the lines of pasted copy that are no part of the article (an agency's
`انتهى`, `اقرأ أيضاً: …`, captions, channel promotions…): kept and named by default, left
out and named with --drop-extras; a real paragraph that only looks a little like one is
never named. tests/raw-pasted/ holds copy as it is pasted from outlets' sites, agency
wires and a Telegram channel (a folder of its own: tests/raw/ is imported whole as a
delivery whose every file the manifest lists)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.batch import load_knowledge
from newsarchive.content.duplicates import body_paragraphs
from newsarchive.content.extras import ExtraLine, find_extras
from newsarchive.content.importer import import_article

from .conftest import REPO, SEED, snapshot

PASTED = Path(__file__).parent / "raw-pasted"
RAW = Path(__file__).parent / "raw"
KEPT = (
    "it is kept: delete that paragraph from the article if it is not the article's "
    "(--drop-extras leaves such lines out)"
)
END_MARK = "looks like an agency's end-of-copy mark, not part of the article"
INITIALS = "looks like an editor's initials closing the copy, not part of the article"
DATE = "looks like the date the copy was filed, not part of the article"
HEADLINE = "looks like the headline pasted above the dateline, not part of the article"
READ_ALSO = 'looks like a "read also" link, not part of the article'
PHOTO = "looks like a photo caption or credit, not part of the article"
SOURCE = "looks like a source credit closing the copy, not part of the article"
PROMOTION = "looks like a promotion of the outlet's channels, not part of the article"
HASHTAGS = "looks like a line of hashtags or account names, not part of the article"

# Each pasted file: its lines that are extras (line, what it looks like), and the
# paragraphs written with --drop-extras (the first without its dateline).
CASES = {
    "ina-oil-exports.txt": ([(4, END_MARK)], [1, 2, 3]),
    "ina-shatra-power.txt": ([(4, INITIALS), (5, DATE)], [1, 2]),
    "shafaq-rainfall.txt": ([(1, HEADLINE), (3, READ_ALSO)], [2, 4, 5]),
    "alsumaria-rashid-street.txt": ([(2, PHOTO), (5, READ_ALSO)], [1, 3, 4]),
    "rudaw-measles.txt": ([(2, PHOTO), (4, READ_ALSO), (5, SOURCE)], [1, 3]),
    "telegram-umm-qasr.txt": (
        [(1, HASHTAGS), (4, PROMOTION), (5, PROMOTION), (6, HASHTAGS)],
        [2, 3],
    ),
}
DATELINES = {
    "ina-oil-exports.txt": "بغداد/ واع/ ",
    "ina-shatra-power.txt": "ذي قار/ واع/ ",
    "shafaq-rainfall.txt": "شفق نيوز/ ",
    "alsumaria-rashid-street.txt": "بغداد - السومرية نيوز: ",
    "rudaw-measles.txt": "أربيل/ رووداو/ ",
    "telegram-umm-qasr.txt": "البصرة/ شفق نيوز/ ",
}


def raw_lines(name: str) -> dict[int, str]:
    text = (PASTED / name).read_text(encoding="utf-8")
    return {n: line for n, line in enumerate(text.split("\n"), 1) if line.strip()}


def import_file(project: Path, name: str, *options: str) -> tuple[int, list[str]]:
    """Exit status and the paragraphs of the article written (as their text)."""
    raw = PASTED / name
    slug = name.removesuffix(".txt")
    args = ["import", str(raw), "--date", "2026-12-06", "--slug", slug, "--root", str(project)]
    status = main([*args, *options])
    return status, _paragraphs(project / f"content/ar/2026/12/{slug}.md")


def _paragraphs(path: Path) -> list[str]:
    if not path.is_file():
        return []
    article, diags = parse_article(path.read_text(encoding="utf-8"), "ar/2026/12/x.md")
    assert diags == () and article is not None
    # As the text reads: Markdown's escapes (\#عاجل) taken off.
    return [re.sub(r"\\(.)", r"\1", p) for p in body_paragraphs(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name", sorted(CASES))
def test_extras_are_kept_and_named_at_their_line(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, written = import_file(project, name)
    err = capsys.readouterr().err
    lines = raw_lines(name)
    assert status == 0
    expected = [
        f"{PASTED / name}:{n}: warning: '{_shown(lines[n])}' {what}; {KEPT}"
        for n, what in CASES[name][0]
    ]
    assert err.splitlines() == expected
    # Nothing lost: every line is a paragraph as written, but the dateline opening the text,
    # under a headline or a hashtag line kept, which is read.
    text = min(n for n in lines if n not in dict(CASES[name][0]))
    lines[text] = lines[text].removeprefix(DATELINES[name])
    assert written == list(lines.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_drop_extras_writes_only_the_article_and_names_each_line_left_out(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, written = import_file(project, name, "--drop-extras")
    err = capsys.readouterr().err
    lines = raw_lines(name)
    extras, kept = CASES[name]
    assert status == 0
    outcome = {n: "it was left out" for n, _ in extras}
    if (1, HEADLINE) in extras:
        outcome[1] = "it was left out and made the title"
    assert err.splitlines() == [
        f"{PASTED / name}:{n}: warning: '{_shown(lines[n])}' {what}; {outcome[n]}"
        for n, what in extras
    ]
    expected = [lines[n] for n in kept]
    expected[0] = expected[0].removeprefix(DATELINES[name])
    assert written == expected


def _shown(line: str) -> str:
    return line if len(line) <= 60 else line[:59] + "…"


def test_a_headline_left_out_becomes_the_title_and_the_dateline_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_file(project, "shafaq-rainfall.txt", "--drop-extras")
    out = capsys.readouterr().out
    assert "shafaq-rainfall.md [source: شفق نيوز] (2 lines left out)\n" in out
    text = (project / "content/ar/2026/12/shafaq-rainfall.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "العراق يسجل أعلى معدل أمطار منذ عقد"\ndate:')
    assert 'source:\n  name: "شفق نيوز"' in text
    # A title given wins over the headline, which is still left out.
    raw = (PASTED / "shafaq-rainfall.txt").read_text(encoding="utf-8")
    imported = import_article(raw, "2026", title="أمطار قياسية", slug="x", drop_extras=True)
    assert imported.title == "أمطار قياسية"
    assert [(e.line, e.outcome) for e in imported.extras] == [(1, "left out"), (3, "left out")]


def test_real_paragraphs_that_look_a_little_like_extras_are_never_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A paragraph opening with المصدر (with a colon too, but a sentence), one naming تلغرام,
    # one opening with انضم, الصورة in a sentence, and a last paragraph opening with انتهى.
    name = "kirkuk-arms-channel.txt"
    status, written = import_file(project, name, "--drop-extras")
    assert status == 0
    assert capsys.readouterr().err == ""
    assert len(written) == len(raw_lines(name)) == 6


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a short real last paragraph opening with انتهى, المصدر, a date, or one letter word
        ["قال مسؤول إن الحكومة ماضية في خطتها.", "انتهى الاجتماع دون اتفاق."],
        ["قال مسؤول إن الحكومة ماضية في خطتها.", "المصدر أكد أن التحقيق مستمر."],
        ["قال مسؤول إن الحكومة ماضية في خطتها.", "2026-12-06 موعد بدء التصويت."],
        ["قال مسؤول إن الحكومة ماضية.", "وتبدأ الخطة في 6 كانون الأول 2026."],
        ["قال مسؤول إن الحكومة ماضية.", "انتهى الدوام"],
        ["قال مسؤول إن الحكومة ماضية.", "انتهى 2026 بخسارة"],
        ["قال مسؤول إن الحكومة ماضية.", "التفاصيل في https://www.ina.iq/1.html"],
        ["قال مسؤول إن الحكومة ماضية في خطتها.", "لا."],
        ["قال مسؤول إن الحكومة ماضية في خطتها.", "د. علي"],
        # a channel named in a sentence, a past tense that reads like a call to follow
        ["نشرت الوزارة بياناً على قناتها في تلغرام.", "تابعوا على تلغرام ما نشره المتهم."],
        ["قال مسؤول إن الحكومة ماضية.", "انضموا إلى المحتجين على تلغرام أمس."],
        # read also / photo words inside a sentence
        ["قال مسؤول إن الحكومة ماضية.", "للمزيد من الشفافية قررت الوزارة نشر العقود كلها."],
        ["قال مسؤول إن الحكومة ماضية.", "الصورة في المدينة قاتمة بحسب السكان."],
        # a short first line followed by no dateline is a paragraph, not a headline
        ["أمطار غزيرة في بغداد", "قال مسؤول إن الأمطار ستستمر."],
        # the closing-only forms count only at the end of the copy
        ["قال مسؤول إن الحكومة ماضية.", "انتهى", "وأضاف أن الخطة تبدأ غداً."],
        ["قال مسؤول إن الحكومة ماضية.", "المصدر: وكالات", "وأضاف أن الخطة تبدأ غداً."],
        # a copy of nothing else is left to the editor whole
        ["انتهى"],
        ["#عاجل", "انتهى"],
    ],
)
def test_not_an_extra(paragraphs: list[str]) -> None:
    assert find_extras(paragraphs) == ()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("(انتهى)", "end-mark"),
        ("انتهى", "end-mark"),
        ("انتهى / ع.ح", "end-mark"),
        ("انتهى 29 ح", "end-mark"),
        ("م.ع/ ح", "initials"),
        ("ح", "initials"),
        ("المصدر: وكالات", "source"),
        ("٠٦/١٢/٢٠٢٦", "date"),
        ("(2026-12-06 14:30)", "date"),
        ("السبت 6 كانون الأول 2026", "date"),
        ("الجمعة، 5 كانون الأول/ديسمبر 2026 - 14:30", "date"),
        ("٦ ديسمبر ٢٠٢٦", "date"),
        ("https://www.ina.iq/123456--.html", "address"),
        ("www.alsumaria.tv/news/1", "address"),
        ("إقرأ ايضا العراق يسجل أعلى معدل أمطار", "read-also"),
        ("ذات صلة:", "read-also"),
        ("الصورة: أرشيف", "photo"),
        ("صورة أرشيفية", "photo"),
        ("▪️ تابعونا على فيسبوك", "promotion"),
        ("انضموا إلى قناتنا: t.me/example", "promotion"),
        ("@example_news", "hashtags"),
        ("🔴 عاجل", "label"),
    ],
)
def test_each_form_closing_a_copy(line: str, kind: str) -> None:
    found = find_extras(["قال مسؤول إن الحكومة ماضية في خطتها.", line])
    assert [(e.index, e.kind) for e in found] == [(1, kind)]


def test_a_label_above_a_dateline_is_no_headline() -> None:
    # With --drop-extras a headline becomes the title: a Telegram "عاجل" must not.
    found = find_extras(["عاجل", "بغداد/ شفق نيوز/ قال مسؤول إن الحكومة ماضية."])
    assert found == (ExtraLine(0, "label"),)


def test_copy_without_extras_is_imported_as_before() -> None:
    known, _, _ = load_knowledge(REPO / "content")
    for raw in [SEED, *sorted(RAW.glob("*.txt"))]:
        imported = import_article(raw.read_text(encoding="utf-8"), "2021", slug="x", known=known)
        assert imported.extras == (), raw


def test_the_same_copy_with_or_without_its_extras_is_the_same_text(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Kept first: the same copy dropping its extras is the article imported before (left
    # as it is), and the outlet's clean copy without them is refused as the text archived.
    assert import_file(project, "ina-oil-exports.txt")[0] == 0
    archived = "content/ar/2026/12/ina-oil-exports.md"
    before = (project / archived).read_bytes()
    capsys.readouterr()
    status, _ = import_file(project, "ina-oil-exports.txt", "--drop-extras")
    assert status == 0
    assert f"was imported before, as {archived}: skipped" in capsys.readouterr().out
    assert (project / archived).read_bytes() == before
    clean = tmp_path / "clean.txt"
    clean.write_text("\n".join(raw_lines("ina-oil-exports.txt")[n] for n in (1, 2, 3)))
    args = ["import", str(clean), "--date", "2026-12-07", "--root", str(project)]
    assert main(args) == 1
    assert f"{clean}:1: error: same text as {archived}" in capsys.readouterr().err


@pytest.mark.parametrize("drop", [False, True])
def test_a_manifest_names_each_raw_file_and_line(
    project: Path, tmp_path: Path, drop: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    shutil.copytree(PASTED, folder / "raw")
    # The INA copy again as another outlet sent it, without its end mark: the same text.
    lines = raw_lines("ina-oil-exports.txt")
    (folder / "raw/oil-again.txt").write_text("\n".join(lines[n] for n in (1, 2, 3)))
    manifest = folder / "manifest.csv"
    rows = [f"raw/{name},2026-12-06,,{name.removesuffix('.txt')},," for name in sorted(CASES)]
    manifest.write_text("file,date,title,slug,source_url,original_url\n" + "\n".join(rows))
    args = ["import", "--manifest", str(manifest), "--root", str(project)]
    args += ["--drop-extras"] if drop else []
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == sum(len(extras) for extras, _ in CASES.values())
    assert (
        f"{folder / 'raw/ina-oil-exports.txt'}:4: warning: 'انتهى/ 29 ح' {END_MARK}; "
        + ("it was left out" if drop else KEPT)
        in err
    )
    made = project / "content/ar/2026/12/rudaw-measles.md"
    assert len(_paragraphs(made)) == (2 if drop else 5)
    row = "raw/oil-again.txt,2026-12-08,,oil-again,,"
    manifest.write_text(f"file,date,title,slug,source_url,original_url\n{row}\n")
    before = snapshot(project)
    assert main(args) == 1
    assert "raw/oil-again.txt: same text as content/ar/2026/12/ina-oil-exports.md" in (
        capsys.readouterr().err
    )
    assert snapshot(project) == before
