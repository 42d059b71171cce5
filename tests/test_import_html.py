"""Import of copy an old CMS exported as HTML, and of the datelines, date lines, headlines and
bylines of migrated copy: through the CLI, on real files, then built as readers see it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.importer import import_article
from newsarchive.content.markdown import render_body

from .conftest import write

# A story as the CMS holds it: tags, entities, a bold dateline, a link, an image, a YouTube
# frame, an embedded tweet and a link to the CMS's own page (lines 1-5).
CMS = (
    "<p><strong>بغداد/ شفق نيوز/</strong> أعلنت وزارة الداخلية،&nbsp;اليوم الخميس، عن اعتقال "
    '&quot;خمسة&quot; مطلوبين <span style="color:red">في</span> <font face="Arial">بغداد'
    "</font>.</p><p>وقال المتحدث باسم الوزارة إن <b>العملية</b> جرت بناءً على <a "
    'href="https://www.moi.gov.iq/news/1">معلومات استخبارية</a> دقيقة.<br>وأضاف أن التحقيق '
    "<i>جارٍ</i>.</p>\n"
    '<img src="https://cms.example.com/uploads/2011/03/raid.jpg" alt="صورة">\n'
    '<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n'
    '<blockquote class="twitter-tweet"><p lang="ar" dir="rtl">الوزارة تعلن نتائج العملية</p>'
    '&mdash; وزارة الداخلية (@moi_iraq) <a href="https://twitter.com/moi_iraq/status/123456'
    '?ref_src=twsrc%5Etfw">March 12, 2011</a></blockquote> <script async '
    'src="https://platform.twitter.com/widgets.js"></script>\n'
    '<p>وختم بالقول <a href="/news/77">إن التحقيق مستمر</a></p>\n'
)
# The same story as plain copy, one paragraph a line.
PLAIN = (
    'بغداد/ شفق نيوز/ أعلنت وزارة الداخلية، اليوم الخميس، عن اعتقال "خمسة" مطلوبين في بغداد.\n'
    "وقال المتحدث باسم الوزارة إن العملية جرت بناءً على معلومات استخبارية دقيقة.\n"
    "وأضاف أن التحقيق جارٍ.\n"
    "الوزارة تعلن نتائج العملية\n"
    "— وزارة الداخلية (@moi_iraq) March 12, 2011\n"
    "وختم بالقول إن التحقيق مستمر\n"
)
WRITTEN = "content/ar/2011/03/أعلنت-وزارة-الداخلية-اليوم-الخميس-عن.md"


def _import(project: Path, name: str, text: str, date: str, *options: str) -> int:
    raw = write(project, f"raw/{name}", text)
    return main(["import", str(raw), "--date", date, "--root", str(project), *options])


def test_cms_html_becomes_the_archive_markdown_with_its_dateline_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(project, "cms.txt", CMS, "2011-03-12") == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"imported 8 paragraphs -> {project / WRITTEN} [source: شفق نيوز,")
    text = (project / WRITTEN).read_text(encoding="utf-8")
    assert 'dateline: "بغداد"\n' in text and 'title: "أعلنت وزارة الداخلية، اليوم' in text
    raw = project / "raw/cms.txt"
    assert err.splitlines() == [
        f"{raw}:2: warning: an image of the pasted HTML (https://cms.example.com/uploads/2011/03/"
        "raid.jpg) became a paragraph: save the photo under content/media/, show it there "
        "with ![description](…) and delete that paragraph",
        f"{raw}:3: warning: a video of the pasted HTML (https://www.youtube.com/watch?v="
        "dQw4w9WgXcQ) became a paragraph: readers follow it as a link; delete it if the video "
        "is no part of the article",
        f"{raw}:4: warning: an embedded tweet (https://twitter.com/moi_iraq/status/123456?ref_src"
        "=twsrc%5Etfw): its words and its link to it are kept as paragraphs; check that they "
        "read as a quotation",
        f"{raw}:5: warning: a link of the pasted HTML to '/news/77' is no http(s) or mail "
        "address: its words are kept without the link",
    ]
    blocks = render_body(text.split("---\n", 2)[2])
    assert [block.text for block in blocks] == [
        'أعلنت وزارة الداخلية، اليوم الخميس، عن اعتقال "خمسة" مطلوبين في بغداد.',
        "وقال المتحدث باسم الوزارة إن العملية جرت بناءً على معلومات استخبارية دقيقة.",
        "وأضاف أن التحقيق جارٍ.",  # <br> ends a paragraph, as a line's end does
        "https://cms.example.com/uploads/2011/03/raid.jpg",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "الوزارة تعلن نتائج العملية",
        "— وزارة الداخلية (@moi_iraq) March 12, 2011",
        "وختم بالقول إن التحقيق مستمر",
    ]
    assert "إن <strong>العملية</strong> جرت" in blocks[1].html
    assert '<a href="https://www.moi.gov.iq/news/1" rel="external noreferrer">معلومات' in (
        blocks[1].html
    )
    assert "<em>" not in blocks[2].html  # no slanted Arabic
    assert 'href="https://twitter.com/moi_iraq/status/123456' in blocks[6].html
    shown = " ".join(block.html for block in blocks)  # what readers see and search reads
    searched = " ".join(block.text for block in blocks)
    assert "&lt;" not in shown and "**" not in shown
    for trace in ("nbsp", "span", "font", "quot", "\xa0"):
        assert trace not in searched


def test_the_same_story_with_and_without_html_is_the_same_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(project, "cms.txt", CMS, "2011-03-12") == 0
    capsys.readouterr()
    assert _import(project, "plain.txt", PLAIN, "2011-03-12", "--slug", "plain") == 1
    assert f"same text as {WRITTEN} (--force" in capsys.readouterr().err
    # and the other way round, the plain copy in the archive first
    (project / WRITTEN).unlink()
    assert _import(project, "plain.txt", PLAIN, "2011-03-12", "--slug", "plain") == 0
    assert _import(project, "cms.txt", CMS, "2011-03-12") == 1
    assert "same text as content/ar/2011/03/plain.md" in capsys.readouterr().err


def test_drop_extras_leaves_the_embeds_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(project, "cms.txt", CMS, "2011-03-12", "--drop-extras") == 0
    out, err = capsys.readouterr()
    assert "(provisional title: edit it) (2 lines left out)\n" in out
    assert (
        ":2: warning: an image of the pasted HTML (https://cms.example.com/uploads/2011/03/" in err
    )
    assert "raid.jpg): left out\n" in err
    text = (project / WRITTEN).read_text(encoding="utf-8")
    assert "https://cms.example.com" not in text and "youtube" not in text


@pytest.mark.parametrize(
    ("raw", "markdown"),
    [
        # bold where Markdown reads it; inside a word next to punctuation it would show its
        # stars, so it is left plain
        ("قال <b>الوزير</b> اليوم", "قال **الوزير** اليوم"),
        ("قال<b>«الأمن»</b>اليوم", "قال«الأمن»اليوم"),
        ("قال <b> الوزير </b>اليوم", "قال **الوزير** اليوم"),
        # a link whose words are its address is the archive's own link
        ('<a href="https://ina.iq/1">https://ina.iq/1</a> نص', "https://ina.iq/1 نص"),
        ('<a href="javascript:void(0)">نص</a> آخر', "نص آخر"),
        # Markdown in the words of HTML is still escaped; entities are decoded
        ("<p>1. أولا *نجمة* &lt;b&gt; &amp;</p>", "1\\. أولا \\*نجمة\\* \\<b\\> \\&"),
        # a table's rows are a pasted spreadsheet's
        (
            "<table><tr><th>المحافظة</th><th>الأصوات</th></tr><tr><td>بغداد</td><td>4,210</td>"
            "</tr></table>",
            "| المحافظة | الأصوات |\n| --- | ---: |\n| بغداد | 4,210 |",
        ),
    ],
)
def test_html_pieces(raw: str, markdown: str) -> None:
    imported = import_article(raw, "2020", slug="x")
    assert imported.markdown.split("---\n", 2)[2] == markdown + "\n"


def test_plain_copy_with_a_lone_ampersand_or_angle_is_no_html() -> None:
    imported = import_article("شركة AT&T; و 3 < 5 و<x>", "2020", slug="x")
    assert imported.markdown.endswith("شركة AT\\&T; و 3 \\< 5 و\\<x\\>\n")


def test_the_build_warns_at_html_shown_as_text(project: Path, tmp_path: Path) -> None:
    write(
        project,
        "content/ar/2011/03/pasted.md",
        '---\ntitle: "نص"\ndate: "2011-03"\n---\n\n<p>بغداد/ شفق نيوز/ قال</p>\n\n'
        'نص و\\&nbsp; آخر\n\nنص <span style="color:red">ملون</span>\n\n'
        "يكتب الوسم `<p>` هكذا\n",
    )
    result = build(project, tmp_path / "site", "http://127.0.0.1/", search=False)
    said = [str(d) for d in result.warnings if d.path.endswith("pasted.md")]
    assert [re.sub(r" \(write Markdown.*", "", w) for w in said] == [
        "content/ar/2011/03/pasted.md:6: warning: readers see '<p>' as text: an article's "
        "HTML is shown as written, not read",
        "content/ar/2011/03/pasted.md:8: warning: readers see '&nbsp;' as text: an article's "
        "HTML is shown as written, not read",
        "content/ar/2011/03/pasted.md:10: warning: readers see '<span style=\"color:red\">' as "
        "text: an article's HTML is shown as written, not read",
    ]
    page = (tmp_path / "site/ar/2011/03/pasted/index.html").read_text(encoding="utf-8")
    assert "&lt;p&gt;بغداد/ شفق نيوز/ قال&lt;/p&gt;" in page  # what readers see


DATED = (
    "قال مسؤول في وزارة الداخلية إن قوات الأمن اعتقلت خمسة مطلوبين.\nوأضاف أن العملية جرت فجراً.\n"
)


@pytest.mark.parametrize(
    ("date", "warned"),
    [
        ("2011-03-12", False),
        ("2011-03", False),
        ("2011-03-15", True),
        ("2011-12-03", True),  # month first is not how Iraqi copy writes it
    ],
)
def test_a_place_and_a_date_make_a_dateline_checked_against_the_articles_date(
    project: Path, capsys: pytest.CaptureFixture[str], date: str, warned: bool
) -> None:
    status = _import(project, "d.txt", "بغداد - 12/3/2011\n" + DATED, date, "--slug", "d")
    out, err = capsys.readouterr()
    assert status == 0 and "[dateline: بغداد]" in out
    expected = (
        f"{project / 'raw/d.txt'}:1: warning: the dateline's date '12/3/2011' (read day first: "
        f"2011-03-12) is not the article's date {date} (the manifest's or --date): check "
        "which is right\n"
    )
    assert err == (expected if warned else "")
    folder = date[:7].replace("-", "/")
    text = (project / f"content/ar/{folder}/d.md").read_text(encoding="utf-8")
    assert text.endswith(
        "---\nقال مسؤول في وزارة الداخلية إن قوات الأمن اعتقلت خمسة مطلوبين.\n\nوأضاف أن العملية جرت فجراً.\n"
    )


def test_a_dateline_date_on_the_text_line_and_in_eastern_digits() -> None:
    imported = import_article("بغداد - ١٢/٣/٢٠١١ - " + DATED, "2011-03-20", slug="x")
    assert imported.place == "بغداد"
    assert [(e.kind, e.line) for e in imported.extras] == [("dateline-date", 1)]
    assert imported.paragraphs[0].startswith("قال مسؤول")


def test_a_hijri_date_line_is_no_title_and_the_dateline_under_it_is_read() -> None:
    raw = "الخميس ١٢ ربيع الأول ١٤٣٢ هـ الموافق ١٧ شباط ٢٠١١ م\nبغداد/ شفق نيوز/ " + DATED
    imported = import_article(raw, "2011-02-17", slug="x")
    assert imported.title == "قال مسؤول في وزارة الداخلية إن قوات الأمن اعتقلت خمسة مطلوبين"
    assert (imported.source_name, imported.place) == ("شفق نيوز", "بغداد")
    assert [(e.kind, e.outcome) for e in imported.extras] == [("date", "kept")]
    dropped = import_article(raw, "2011-02-17", slug="x", drop_extras=True)
    assert dropped.paragraphs[0].startswith("قال مسؤول")


def test_a_long_headline_above_the_dateline_is_the_headline() -> None:
    headline = " ".join(["وزارة الداخلية تعلن اعتقال خمسة مطلوبين في عملية"] * 3)  # 24 words
    raw = f"{headline}\nبغداد/ شفق نيوز/ {DATED}"
    kept = import_article(raw, "2011-03-12", slug="x")
    assert [(e.kind, e.outcome) for e in kept.extras] == [("headline", "kept")]
    assert (kept.source_name, kept.place) == ("شفق نيوز", "بغداد")  # line 2 is read
    assert kept.paragraphs[1].startswith("قال مسؤول")
    dropped = import_article(raw, "2011-03-12", slug="x", drop_extras=True)
    assert dropped.title == headline and dropped.paragraphs[0].startswith("قال مسؤول")


@pytest.mark.parametrize(
    ("byline", "source", "place"),
    [
        ("بقلم: زينب علي - بغداد", None, "بغداد"),
        ("كتب: زينب علي - شفق نيوز", "شفق نيوز", None),
    ],
)
def test_a_byline_with_where_it_was_filed_from(
    byline: str, source: str | None, place: str | None
) -> None:
    imported = import_article(f"{byline}\n{DATED}", "2011-03-12", slug="x")
    assert imported.authors == ("زينب علي",)
    assert (imported.source_name, imported.place) == (source, place)
    assert imported.title.startswith("قال مسؤول")
