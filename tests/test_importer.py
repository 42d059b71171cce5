"""Import: raw wire copy -> content file; datelines of every form, verbatim paragraphs, no
duplicates, no clobbering."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.dateline import Dateline, Knowledge, knowledge, split_dateline
from newsarchive.content.importer import escape_markdown, import_article
from newsarchive.content.markdown import render_body
from newsarchive.entities.registry import parse_registry

from .conftest import REPO, SEED, seed_paragraphs

RAW = Path(__file__).parent / "raw"


def demo_knowledge() -> Knowledge:
    text = (REPO / "content/entities.yaml").read_text(encoding="utf-8")
    registry, diags = parse_registry(text, "content/entities.yaml")
    assert diags == ()
    return knowledge(registry)


@pytest.mark.parametrize(
    ("paragraph", "outlet", "place", "rest"),
    [
        ("شفق نيوز/ قال التحالف", "شفق نيوز", None, "قال التحالف"),
        ("بغداد/ شفق نيوز/ أعلنت الوزارة", "شفق نيوز", "بغداد", "أعلنت الوزارة"),
        ("شفق نيوز/ أربيل/ أعلنت الوزارة", "شفق نيوز", "أربيل", "أعلنت الوزارة"),
        ("البصرة - السومرية نيوز: أعلنت الوزارة", "السومرية نيوز", "البصرة", "أعلنت الوزارة"),
        ("بغداد (رويترز) - قال مسؤول", "رويترز", "بغداد", "قال مسؤول"),
        ("كركوك ـ شفق نيوز: قال مسؤول", "شفق نيوز", "كركوك", "قال مسؤول"),
        ("شفق نيوز - كركوك: قال مسؤول", "شفق نيوز", "كركوك", "قال مسؤول"),
        ("الموصل (شفق نيوز) - قال مسؤول", "شفق نيوز", "الموصل", "قال مسؤول"),
        ("بغداد/ أعلنت الوزارة", None, "بغداد", "أعلنت الوزارة"),
        # a spelling variant of the registry's outlet is written under its canonical name
        ("الحسكه/ شفق نيوز/ قال", "شفق نيوز", "الحسكه", "قال"),
        ("وكالة شفق نيوز/ دهوك/ قال", "شفق نيوز", "دهوك", "قال"),
        # neither part known: the usual order, CITY/ OUTLET/
        ("الكوت/ المربد/ قال مسؤول", "المربد", "الكوت", "قال مسؤول"),
        # a word that names an outlet decides the order
        ("الفاو/ وكالة المربد/ قال", "وكالة المربد", "الفاو", "قال"),
        # a word processor's right-to-left mark before the place, tatweel in a name: not kept
        ("\u200fبغداد/ شفق نيوز/ قال", "شفق نيوز", "بغداد", "قال"),
        ("البصـرة/ المربـد/ قال", "المربد", "البصرة", "قال"),
        # a Telegram channel's emoji or bullet before the dateline goes with it
        ("🔴 البصرة/ شفق نيوز/ أغلقت السلطات", "شفق نيوز", "البصرة", "أغلقت السلطات"),
        ("📌🇮🇶 بغداد (رويترز) - قال مسؤول", "رويترز", "بغداد", "قال مسؤول"),
        ("• شفق نيوز/ قال", "شفق نيوز", None, "قال"),
        # INA's own style: no space on one side of the dash or either, or a dash for a colon
        ("بغداد-واع: أعلنت الوزارة", "واع", "بغداد", "أعلنت الوزارة"),
        ("بغداد- واع: أعلنت الوزارة", "واع", "بغداد", "أعلنت الوزارة"),
        ("بغداد -واع: أعلنت الوزارة", "واع", "بغداد", "أعلنت الوزارة"),
        ("بغداد – واع – أعلنت الوزارة", "واع", "بغداد", "أعلنت الوزارة"),
        ("ذي قار-واع: أعلنت الوزارة", "واع", "ذي قار", "أعلنت الوزارة"),
        ("الفاو-واع: أعلنت الشركة", "واع", "الفاو", "أعلنت الشركة"),  # one word: a place
        ("واع-البصرة: أعلنت الشركة", "واع", "البصرة", "أعلنت الشركة"),
    ],
)
def test_every_dateline_form(paragraph: str, outlet: str, place: str, rest: str) -> None:
    assert split_dateline(paragraph, demo_knowledge()) == Dateline(outlet, place, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "قال التحالف الدولي، يوم الثلاثاء، إن القوات ستبقى",
        "خاص - شفق نيوز - قال مصدر أمني إن قوة مشتركة اعتقلت ثلاثة مطلوبين",
        "17/11/2020 قال مصدر أمني",
        "قال الوزير - في تصريح له: إن الحكومة ماضية",  # a sentence, not CITY - OUTLET:
        "بغداد/ البصرة/ قال مسافرون إن الطريق مغلق",  # two places: not a dateline
        "شفق نيوز/",  # nothing after it: the whole text, not a dateline
        "🔴 قال مسؤول إن الطريق مغلق",  # an emoji with no dateline after it stays
        # a hyphenated word of a sentence: the names by a dash with no spaces must be known
        "أكد مسؤول في بغداد-واع: إن الوفد وصل",
        "مباراة العراق-إيران: فوز المنتخب",
        "بغداد-البصرة: طريق سريع جديد",  # two places
        "العراقي-الأمريكي: اتفاق جديد",
        "بغداد – البصرة – طريق سريع جديد",
        "الفاو – واع – أعلنت الشركة",  # CITY – OUTLET – needs both names known
    ],
)
def test_unknown_forms_are_left_whole(paragraph: str) -> None:
    assert split_dateline(paragraph, demo_knowledge()) == Dateline(None, None, paragraph)


def test_seed_imports_with_every_paragraph_and_source() -> None:
    imported = import_article(SEED.read_text(encoding="utf-8"), "2020-11", slug="seed")
    raw = seed_paragraphs()
    assert imported.source_name == "شفق نيوز"
    assert len(imported.paragraphs) == 13
    assert imported.paragraphs[0] == raw[0].removeprefix("شفق نيوز/ ")
    assert imported.paragraphs[1:] == tuple(raw[1:])
    assert imported.title_provisional
    article, diags = parse_article(imported.markdown, imported.rel_path)
    assert diags == () and article is not None
    assert article.title_provisional
    assert article.date.iso() == "2020-11"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "windows", "old-mac"])
def test_pasted_copy_splits_into_paragraphs_whatever_its_line_ends(newline: str) -> None:
    # Copy saved by Notepad (a byte-order mark, CRLF) or an old Mac tool (CR alone) gives
    # the same paragraphs as LF: a CR left in a line joined two paragraphs into one.
    raw = "\ufeff" + newline.join(seed_paragraphs()) + newline
    imported = import_article(raw, "2020-11", slug="seed")
    assert len(imported.paragraphs) == 13
    assert not any(mark in imported.markdown for mark in ("\r", "\ufeff"))


def test_city_and_outlet_leave_text_title_and_slug() -> None:
    raw = (RAW / "basra-water.txt").read_text(encoding="utf-8")
    imported = import_article(raw, "2021-03-07", known=demo_knowledge())
    article, diags = parse_article(imported.markdown, imported.rel_path)
    assert diags == () and article is not None
    assert article.source is not None and article.source.name == "شفق نيوز"
    assert article.dateline == "البصرة"
    assert article.body.startswith("أعلنت مديرية ماء البصرة، يوم الأحد")
    assert "/" not in article.title and "شفق" not in article.title
    assert article.slug.startswith("أعلنت-مديرية-ماء-البصرة")
    assert 'dateline: "البصرة"' in imported.markdown


def test_markdown_syntax_in_raw_text_is_escaped() -> None:
    imported = import_article("1. أولا *نجمة* <x> [رابط](javascript:x)\n# عنوان", "2020", slug="x")
    assert "\\*نجمة\\*" in imported.markdown
    assert "\\<x\\>" in imported.markdown  # no tag of HTML's: text (HTML: test_import_html)
    assert "\n\\# عنوان" in imported.markdown
    assert imported.markdown.count("1\\. ") == 1


RAW_LINES = [
    "---",
    "***",
    "- ",
    "-",
    "+ بند",
    "= = =",
    "1)",
    "١. بند",
    "شركة أ &amp; ب &copy; 2020 &#1575;",
    "> اقتباس",
    "    نص بمسافة بادئة",
    "[1] هامش و![صورة](a.jpg)",
    "<!-- تعليق -->",
    "http://example.org/a_b_c نص",
    "[http://example.org/a] (http://example.org/a_b) نص",
    "*http://example.org/a* و`www.ina.iq`",
]


@pytest.mark.parametrize("line", RAW_LINES)
def test_a_raw_line_renders_as_it_was_received(line: str) -> None:
    """Each raw line is one paragraph whose text is the line as received: never a rule, a
    list, a heading, a code block, a link of Markdown or a decoded entity. A bare address is
    linked, as in a written article, and reads as received (an escaped `_` in it, `a\\_b`,
    showed its backslash)."""
    [block] = render_body(escape_markdown(line.strip()))
    assert block.html.startswith("<p")
    assert block.text == line.strip()
    if "http" in line:
        assert '<a href="http://example.org/a' in block.html


@given(st.text(alphabet="-+=*_#>&;:!.)1١ \\`[]()<>|~مصر", min_size=1).filter(str.strip))
@settings(max_examples=300, deadline=None)
def test_any_raw_line_renders_as_it_was_received(line: str) -> None:
    blocks = render_body(escape_markdown(line.strip()))
    assert [block.text for block in blocks] == [line.strip()]


def test_import_needs_a_real_date() -> None:
    with pytest.raises(ValueError, match="date"):
        import_article("نص", "last week", slug="x")


def test_an_unusable_slug_is_answered_with_the_clean_one() -> None:
    with pytest.raises(
        ValueError, match=r"slug 'Mosul Bridge' is not usable \(try 'mosul-bridge'\)"
    ):
        import_article("نص", "2021", slug="Mosul Bridge")
    with pytest.raises(ValueError, match="give --slug like us-forces-move"):
        import_article("نص", "2021", slug="؟!")


def test_cli_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    args = ["import", str(SEED), "--date", "2020-11-17", "--slug", "seed", "--root", str(tmp_path)]
    assert main(args) == 0
    target = tmp_path / "content/ar/2020/11/seed.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nتعديل المحرر\n", encoding="utf-8")
    before = target.read_bytes()
    assert main([*args, "--title", "عنوان", "--force"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_cli_without_date_says_dates_are_never_guessed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SEED), "--root", str(project)]) == 2
    assert "--date is required" in capsys.readouterr().err


def test_same_text_again_is_refused_with_the_path_it_duplicates(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The demo article is the seed imported; the same text under another slug, another
    # dateline and other spacing and punctuation is still the same article.
    raw = SEED.read_text(encoding="utf-8").replace("شفق نيوز/ ", "بغداد/ شفق نيوز/  ", 1)
    again = tmp_path / "again.txt"
    again.write_text(raw.replace("، ", " ، "), encoding="utf-8")
    args = ["import", str(again), "--date", "2020-12", "--slug", "again", "--root", str(project)]
    assert main(args) == 1
    err = capsys.readouterr().err
    demo = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    assert f"{again}:1: error: same text as {demo}" in err
    assert "--force" in err
    assert not (project / "content/ar/2020/12").exists()
    assert main([*args, "--force"]) == 0
    assert (project / "content/ar/2020/12/again.md").is_file()


def test_cli_prints_what_the_dateline_gave(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = RAW / "baghdad-electricity.txt"
    assert main(["import", str(raw), "--date", "2021-02-09", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "[source: السومرية نيوز, dateline: بغداد]" in out
    (made,) = (project / "content/ar/2021/02").glob("*.md")
    text = made.read_text(encoding="utf-8")
    assert "\nكشفت وزارة الكهرباء العراقية" in text
    assert "السومرية" not in text.split("---")[-1]


def test_dateline_on_a_line_of_its_own() -> None:
    raw = "بغداد/ شفق نيوز/\nأعلنت وزارة الصحة، اليوم، عن حملة تلقيح.\nوقال مسؤول إن الحملة تستمر أسبوعاً."
    imported = import_article(raw, "2021", slug="x", known=demo_knowledge())
    assert (imported.source_name, imported.place) == ("شفق نيوز", "بغداد")
    assert imported.paragraphs[0] == "أعلنت وزارة الصحة، اليوم، عن حملة تلقيح."
    assert len(imported.paragraphs) == 2
    # A first line that only looks like the start of a dateline stays as written.
    raw = "بغداد والبصرة\nأعلنت وزارة الصحة"
    assert import_article(raw, "2021", slug="x").paragraphs[0] == "بغداد والبصرة"


def test_importing_the_same_file_again_skips_it_and_another_date_names_the_first_import(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run again as it was, an import says the file was imported before and leaves the
    article as it is (an editor resuming or extending a delivery); with another date, the
    same text is another copy of the story: refused, naming the article."""
    raw = RAW / "erbil-flights.txt"
    args = ["import", str(raw), "--date", "2021-03-08", "--root", str(project)]
    assert main(args) == 0
    (made,) = (project / "content/ar/2021/03").glob("*.md")
    rel = made.relative_to(project).as_posix()
    made.write_text(made.read_text(encoding="utf-8").replace("title_provisional", "#"), "utf-8")
    edited = made.read_bytes()
    capsys.readouterr()
    assert main(args) == 0
    assert capsys.readouterr().out == f"import: {raw} was imported before, as {rel}: skipped\n"
    assert made.read_bytes() == edited
    assert main([*args[:3], "2021-03-09", *args[4:]]) == 1
    err = capsys.readouterr().err
    assert f"{raw}:1: error: same text as {rel}, where this would go, but with another date" in err
    assert main([*args[:3], "2021-04-09", *args[4:]]) == 1
    err = capsys.readouterr().err
    assert f"{raw}:1: error: same text as {rel} (--force imports it anyway)" in err
