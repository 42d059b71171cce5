"""Article parsing: front matter types, dates, paths and their diagnostics."""

from __future__ import annotations

import pytest

from newsarchive.content.articles import parse_article
from newsarchive.content.dates import parse_date
from newsarchive.content.markdown import render_body
from newsarchive.core.model import PartialDate
from newsarchive.core.slugs import slugify

GOOD = '---\ntitle: "عنوان"\ndate: 2020-11-17\nsource:\n  name: شفق نيوز\n  original_url: https://example.org/a\ntags: [سوريا, العراق]\n---\n\nنص المقال.\n'


def test_parses_a_complete_article() -> None:
    article, diags = parse_article(GOOD, "ar/2020/11/a-story.md")
    assert diags == ()
    assert article is not None
    assert article.title == "عنوان"
    assert article.date == PartialDate(2020, 11, 17)
    assert article.source is not None and article.source.name == "شفق نيوز"
    assert article.source.original_url == "https://example.org/a"
    assert article.tags == ("سوريا", "العراق")
    assert article.body == "نص المقال."
    assert article.body_line == 10
    assert article.story == "2020/11/a-story"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", PartialDate(2020)),
        ("2020-11", PartialDate(2020, 11)),
        ("2020-11-17", PartialDate(2020, 11, 17)),
    ],
)
def test_partial_dates(value: str, expected: PartialDate) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2020-13", "2020-02-30", "17/11/2020", "20201", "yesterday"])
def test_bad_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match=value.split("/")[0]):
        parse_date(value)


def test_partial_date_display() -> None:
    assert PartialDate(2020, 11).display("ar") == "تشرين الثاني/نوفمبر 2020"
    assert PartialDate(2020, 11, 17).display("en") == "17 November 2020"
    assert PartialDate(2020).display("en") == "2020"


@pytest.mark.parametrize(
    ("text", "rel", "expected"),
    [
        (
            "---\ndate: 2020-11-17\n---\nx",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:1: error: missing required key 'title'",
        ),
        (
            "---\ntitle: NO\ndate: 2020-11-32\n---\nx",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:3: error: date '2020-11-32' does not exist",
        ),
        (
            "---\ntitle: t\ndate: 2020-11-17\nwriter: x\n---\nx",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:4: error: unknown front-matter key 'writer'",
        ),
        (
            "---\ntitle: [t\ndate: 2020-11-17\n---\nx",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:2: error: a list opened with '[' is not closed with ']'",
        ),
        (
            "---\ntitle: t\ndate: 2021-01-01\n---\nx",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:3: error: date 2021-01-01 does not match the folder",
        ),
        ("title: t\n", "ar/2020/11/a.md", "content/ar/2020/11/a.md:1: error: missing front matter"),
        (  # Word made the closing --- a dash
            "---\ntitle: t\ndate: 2020-11-17\n—\n\nنص\n",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:4: error: the line that closes the front matter must be "
            "exactly --- (three hyphens), not '—'",
        ),
        (
            "\u200f—\ntitle: t\ndate: 2020-11-17\n---\n\nنص\n",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:1: error: the line that opens the front matter must be "
            "exactly --- (three hyphens), not '<U+200F>—'",
        ),
        (
            "---\ntitle: t\ndate: 2020-11-17\n----\n\nنص\n",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:4: error: the line that closes the front matter must be",
        ),
        (  # the closing line forgotten: where it goes
            "---\ntitle: t\ndate: 2020-11-17\n\nنص\n",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:1: error: front matter is not closed by ---: add a line "
            "--- after its last key (line 4, before the text)",
        ),
        (
            "---\ntitle: &a t\ndate: *a\n---\n",
            "ar/2020/11/a.md",
            "content/ar/2020/11/a.md:2: error: invalid YAML: YAML anchors and aliases are not allowed",
        ),
        (
            "---\ntitle: t\ndate: 2020-11-17\n---\nx",
            "ar/2020/11/A b.md",
            "content/ar/2020/11/A b.md:1: error: file name 'A b' is not a clean slug",
        ),
    ],
)
def test_invalid_articles_name_file_and_line(text: str, rel: str, expected: str) -> None:
    article, diags = parse_article(text, rel)
    assert article is None
    assert any(str(d).startswith(expected) for d in diags), [str(d) for d in diags]


def test_yaml_implicit_types_never_change_meaning() -> None:
    article, diags = parse_article(
        "---\ntitle: NO\ndate: 2020\ntags: [010, yes]\n---\nx", "ar/2020/a.md"
    )
    assert diags == ()
    assert article is not None
    assert article.title == "NO"
    assert article.tags == ("010", "yes")
    assert article.date == PartialDate(2020)


def test_all_errors_of_a_file_are_reported_together() -> None:
    _, diags = parse_article("---\ndate: 2020-99\nfoo: 1\n---\nنص\n", "ar/2020/11/a.md")
    assert len(diags) == 3


def test_a_comment_line_in_an_article_is_a_warning_at_its_line() -> None:
    """Gloss files teach '<!-- … -->' as a hidden note; in an article readers would see it."""
    text = '---\ntitle: "ع"\ndate: "2020-11"\n---\nفقرة أولى.\n\n<!-- تحقق من الاسم -->\n'
    article, diags = parse_article(text, "ar/2020/11/a.md")
    assert article is not None  # still built: its text is shown as written
    assert [str(d) for d in diags] == [
        "content/ar/2020/11/a.md:7: warning: readers see this '<!-- … -->' as text: an "
        "article has no hidden notes (keep notes outside content/, or in the gloss file)"
    ]
    assert parse_article(text.replace("<!--", "ملاحظة"), "ar/2020/11/a.md")[1] == ()


def test_a_heading_without_its_space_is_a_warning_at_its_line() -> None:
    """`##خلفية` is a paragraph reading '##خلفية' to CommonMark; a hashtag is let be."""
    text = '---\ntitle: "ع"\ndate: "2020-11"\n---\n##خلفية\n\nفقرة.\n\n#العراق_ينتفض\n'
    article, diags = parse_article(text, "ar/2020/11/a.md")
    assert article is not None
    assert render_body(article.body)[0].html == "<p>##خلفية</p>\n"  # what readers see
    assert [str(d) for d in diags] == [
        "content/ar/2020/11/a.md:5: warning: readers see '##' as text: a heading needs a "
        "space (## خلفية)"
    ]
    fixed, diags = parse_article(text.replace("##خلفية", "## خلفية"), "ar/2020/11/a.md")
    assert diags == () and fixed is not None
    assert render_body(fixed.body)[0].html == "<h2>خلفية</h2>\n"


def test_a_file_saved_as_utf16_says_to_save_it_as_utf8() -> None:
    from newsarchive.content.frontmatter import decode_text
    from newsarchive.core.diagnostics import ContentError

    text = '---\ntitle: "ع"\n---\nنص\n'
    with pytest.raises(ContentError) as utf16:
        decode_text(text.encode("utf-16"), "a.md")
    assert str(utf16.value) == "a.md:1: error: file is UTF-16, not UTF-8: save it again as UTF-8"
    with pytest.raises(ContentError) as cp1256:
        decode_text(text.encode("cp1256"), "a.md")
    assert str(cp1256.value) == (
        "a.md:2: error: file is not valid UTF-8 (byte 12); it looks saved in the Arabic "
        "Windows encoding (Windows-1256): save it again as UTF-8"
    )
    with pytest.raises(ContentError) as latin:  # no Arabic read either way: no guess
        decode_text('---\ntitle: "café"\n---\n'.encode("latin-1"), "a.md")
    assert str(latin.value) == (
        "a.md:2: error: file is not valid UTF-8 (byte 15): save it again as UTF-8"
    )


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (b"PK\x03\x04", "a Word or OpenDocument document (.docx, .odt)"),
        (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document (.doc)"),
        (b"%PDF-1.7\n", "a PDF"),
    ],
)
def test_a_word_document_is_named_as_one_not_as_windows_1256(start: bytes, kind: str) -> None:
    # Its bytes read as Arabic in Windows-1256, so it was told to save it again as UTF-8
    from newsarchive.content.frontmatter import decode_text
    from newsarchive.core.diagnostics import ContentError

    with pytest.raises(ContentError) as document:
        decode_text(start + bytes(range(128, 256)) * 4, "raw/a.docx")
    assert str(document.value) == (
        f"raw/a.docx:1: error: file is {kind}, not plain text: save it as plain text (UTF-8)"
    )


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: [عنوان]\ndate: 2020-11\n",
            ("content/ar/2020/11/a.md:2: error: 'title' must be text",),
        ),
        (
            "title: t\ndate: 2020-11\nsource:\n  name: [شفق نيوز]\n",
            ("content/ar/2020/11/a.md:5: error: 'name' must be text",),
        ),
        (
            'title: "  "\ndate: 2020-11\n',
            ("content/ar/2020/11/a.md:2: error: 'title' must not be empty",),
        ),
        (
            "title: t\ndate: 2020-11\nsource:\n  url: https://example.org/\n",
            ("content/ar/2020/11/a.md:5: error: 'source' needs a 'name'",),
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_one_error_not_two(
    front_matter: str, expected: tuple[str, ...]
) -> None:
    # A list where text belongs was also called empty ('title' must not be empty), which it is not
    _, diags = parse_article(f"---\n{front_matter}---\nنص\n", "ar/2020/11/a.md")
    assert tuple(str(d) for d in diags) == expected


@pytest.mark.parametrize("body", ["", "\n", "\n\n   \n"])
def test_an_article_without_text_is_an_error_at_its_closing_fence(body: str) -> None:
    # Its page would be the title alone, built without a word
    article, diags = parse_article(
        f'---\ntitle: "عنوان"\ndate: 2020-11\n---{body}', "ar/2020/11/a.md"
    )
    assert article is None
    assert [str(d) for d in diags] == [
        "content/ar/2020/11/a.md:4: error: the article has no text after this '---'"
    ]


def test_an_address_made_with_persian_letters_stays_valid() -> None:
    """slugify writes Persian letters as Arabic ones now; a file named, or an address
    recorded, with them before (already published, perhaps cited) must still build."""
    text = "---\ntitle: t\ndate: 2020-11-17\nmoved_from: [2020/10/مصطفی-الکاظمی]\n---\nنص\n"
    article, diags = parse_article(text, "ar/2020/11/الکاظمی-یزور-بغداد.md")
    assert diags == ()
    assert article is not None
    assert slugify("الکاظمی یزور بغداد") == "الكاظمى-يزور-بغداد"  # a new slug is Arabic
