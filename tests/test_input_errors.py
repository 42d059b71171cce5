"""Errors a person understands: YAML mistakes at the line where they start, in plain words,
in articles, glosses, the registry and site.toml; files saved under a name the build does
not read are named (test_command_errors.py: what each command does on such input)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.gloss import parse_gloss
from newsarchive.entities.registry import parse_registry

from .conftest import DEMO_ARTICLE, REPO

REGISTRY = (REPO / "content" / "entities.yaml").read_text(encoding="utf-8")
ARTICLE = (REPO / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
GLOSS = (REPO / "content" / DEMO_ARTICLE.replace("ar/", "en/", 1)).read_text(encoding="utf-8")


def _replace_line(text: str, number: int, line: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = line
    return "\n".join(lines)


def _front_matter_error(front_matter: str) -> str:
    article, diags = parse_article(f"---\n{front_matter}---\nنص\n", "ar/2020/11/a.md")
    assert article is None
    return str(diags[0])


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (  # the quote swallows line 4; libyaml stopped at line 4 or 5
            'title: "عنوان"\nsource:\n  name: "شفق نيوز\ndate: "2020-11"\nslug: x\n',
            "a.md:4: error: unclosed quote",
        ),
        ('title: \'عنوان\ndate: "2020-11"\n', "a.md:2: error: unclosed quote"),
        ('title: "عنوان"\ndate:"2020-11"\nslug: x\n', "a.md:3: error: missing space after ':'"),
        ('title: "عنوان"\ndate:"2020-11"\n', "a.md:3: error: missing space after ':'"),
        (
            'title: "عنوان"\nsource:\n  name: x\n   url: y\ndate: "2020"\n',
            "a.md:5: error: indentation does not match the lines above",
        ),
        (
            'title: "عنوان"\n  date: "2020-11"\n',
            "a.md:3: error: indentation does not match the lines above",
        ),
        (  # YAML would join the second tag to the first: «العراق - سوريا», one tag
            'title: "عنوان"\ntags:\n  - العراق\n   - سوريا\ndate: "2020-11"\n',
            "a.md:5: error: indentation does not match the lines above: this list item is "
            "indented further than the one above, so it is read as part of that item's text "
            "(«العراق - سوريا»)",
        ),
        ('title: "عنوان"\n\tdate: "2020-11"\n', "a.md:3: error: a tab is used for indentation"),
        ("title: [عنوان\ndate: 2020\n", "a.md:2: error: a list opened with '[' is not closed"),
        ('title "عنوان"\ndate: "2020-11"\n', "a.md:2: error: missing ':' after the key"),
        ('title: "عنوان"\ndate "2020-11"\nslug: x\n', "a.md:3: error: missing ':' after the key"),
        (
            'title: "قال "الوزير" إن"\ndate: "2020-11"\n',
            'a.md:2: error: a " inside the quoted value ends it early',
        ),
        (
            'title: قال: الوزير\ndate: "2020-11"\n',
            "a.md:2: error: a ': ' inside the value: put the value in quotes",
        ),
        *(  # a first character with a YAML meaning: libyaml's words ('found character
            # that cannot start any token'), or 'indentation' for a list followed by text
            (
                f'title: {value}\ndate: "2020-11"\n',
                f"a.md:2: error: a value starting with '{value[0]}' is not read as text: put it "
                "in quotes",
            )
            for value in ("*عاجل* قصف", "@الوزير", "%50 زيادة", "- عاجل", "> عاجل", "[عاجل] قصف")
        ),
        (  # YAML would end the title at ' #', silently: «حملة»
            'title: حملة #أنقذوا_حي_الشيخ_جراح\ndate: "2020-11"\n',
            "a.md:2: error: a ' #' inside the value starts a comment, so "
            "'#أنقذوا_حي_الشيخ_جراح' is left out of it: put the value in quotes",
        ),
        *(  # a '#' opening an item of a list or mapping on one line: a comment (after a
            # space) or nothing YAML can read; libyaml named the next line, in its words
            (
                f'title: "عنوان"\ndate: "2020-11"\n{line}\n',
                f"a.md:4: error: a '#' inside the {kind} starts a comment: put '{item}' in quotes",
            )
            for line, kind, item in (
                ("tags: [موازنة, #اقتصاد, نفط]", "list", "#اقتصاد"),
                ("tags: [#اقتصاد]", "list", "#اقتصاد"),
                ("tags: [موازنة,#اقتصاد]", "list", "#اقتصاد"),
                ('tags: ["موازنة, نفط", اقتصاد #عراق]', "list", "اقتصاد #عراق"),
                ("source: {name: #شفق_نيوز}", "mapping", "#شفق_نيوز"),
            )
        ),
        *(  # the same on a continuation line of a list or mapping over several lines:
            # libyaml said the list was not closed, or (when the bracket stood on a line of
            # its own) dropped the hashtag silently
            (
                f'title: "عنوان"\ndate: "2020-11"\n{lines}\n',
                f"a.md:{number}: error: a '#' inside the {kind} starts a comment: put '{item}' "
                "in quotes",
            )
            for lines, number, kind, item in (
                ("tags: [موازنة,\n  #اقتصاد]", 5, "list", "#اقتصاد"),
                ("tags: [موازنة,\n  #اقتصاد, نفط]", 5, "list", "#اقتصاد"),
                ("tags: [موازنة, نفط,\n  أمن #اقتصاد]", 5, "list", "أمن #اقتصاد"),
                ("tags: [\n  موازنة,\n  #اقتصاد\n  ]", 6, "list", "#اقتصاد"),
                ("author: [أحمد علي,\n  #سارة_حسن]", 5, "list", "#سارة_حسن"),
                ("source: {name: شفق,\n  url: #رابط}", 5, "mapping", "#رابط"),
            )
        ),
        (  # Word's curly quotes: the editor did quote the value, as they see it
            'title: “قال: الوزير”\ndate: "2020-11"\n',
            "a.md:2: error: a ': ' inside the value, whose “ is a typographic quote, not "
            'YAML\'s: put the value in straight quotes "…"',
        ),
    ],
)
def test_front_matter_errors_name_their_line_in_plain_words(
    front_matter: str, expected: str
) -> None:
    assert expected in _front_matter_error(front_matter)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("15/03/2021", '"2021-03-15"'),  # day first, as Arab newsrooms write it
        ("١٥/٠٣/٢٠٢١", '"2021-03-15"'),
        ("2021/3/15", '"2021-03-15"'),
        ("2021-3", '"2021-03"'),
    ],
)
def test_a_date_written_another_way_is_answered_with_the_form_to_write(
    written: str, meant: str
) -> None:
    error = _front_matter_error(f'title: "عنوان"\ndate: "{written}"\n')
    assert error.endswith(
        f"a.md:3: error: date '{written}' is not YYYY-MM-DD, YYYY-MM or YYYY: write {meant}"
    )


def test_a_time_with_seconds_or_an_offset_is_answered_with_the_time_to_write() -> None:
    # A time is written as the newsroom's clock shows it: the zone is site.toml's.
    error = _front_matter_error('title: "عنوان"\ndate: "2021-03-15T12:00:00Z"\n')
    assert error.endswith(
        "a.md:3: error: date '2021-03-15T12:00:00Z': write \"2021-03-15T12:00\", the time on "
        "the site's clock (site.toml's time_zone) without seconds or an offset"
    )


@pytest.mark.parametrize("written", ["31/02/2021", "last week", "2021-13"])
def test_a_date_that_is_no_date_gets_no_suggestion(written: str) -> None:
    assert "write" not in _front_matter_error(f'title: "عنوان"\ndate: "{written}"\n')


@pytest.mark.parametrize(
    "title", ["“التحالف الدولي يعلن”", "”التحالف الدولي يعلن”", "„Erklärung“", "‘Statement’"]
)
def test_a_title_in_word_processor_quotes_is_an_error_not_shown_in_them(title: str) -> None:
    error = _front_matter_error(f'title: {title}\ndate: "2020-11"\n')
    assert (
        f"a.md:2: error: the value is in a word processor's quotes {title[0]}…{title[-1]}" in error
    )
    assert 'put it in straight quotes "…"' in error


@pytest.mark.parametrize(
    "title",
    [
        "'“التحالف الدولي يعلن”'",  # quoted: the editor wants them shown
        '"“التحالف الدولي يعلن”"',
        "«التحالف الدولي يعلن»",  # Arabic copy quotes a headline so
        "قال الوزير “نعم”",
    ],
)
def test_quotes_an_editor_chose_to_show_are_kept(title: str) -> None:
    article, diags = parse_article(
        f'---\ntitle: {title}\ndate: "2020-11"\n---\nنص\n', "ar/2020/11/a.md"
    )
    assert diags == ()
    assert article is not None and article.title == title.strip("'\"")


def test_an_english_name_in_word_processor_quotes_is_an_error_in_the_registry() -> None:
    text = "- id: ahmed-mousa\n  type: person\n  ar: أحمد موسى\n  en: “Ahmed Mousa”\n"
    _, diags = parse_registry(text, "content/entities.yaml")
    assert [str(d).split(": put")[0] for d in diags] == [
        "content/entities.yaml:4: error: the value is in a word processor's quotes “…”, which "
        "YAML keeps as part of the text"
    ]


def test_a_multi_line_quoted_value_is_not_taken_for_an_unclosed_quote() -> None:
    error = _front_matter_error('title: "عنوان\n  طويل"\ndate: [x\nslug: y\n')
    assert "a.md:4: error: a list opened with '[' is not closed" in error


def test_the_demo_article_with_an_unclosed_quote() -> None:
    broken = ARTICLE.replace('date: "2020-11"', 'date: "2020-11', 1)
    number = ARTICLE.split("\n").index('date: "2020-11"') + 1
    _, diags = parse_article(broken, DEMO_ARTICLE)
    assert [str(d) for d in diags] == [
        f'content/{DEMO_ARTICLE}:{number}: error: unclosed quote: the " opened here is never closed'
    ]


def test_gloss_front_matter_errors() -> None:
    broken = GLOSS.replace('translator: ""', 'translator:""', 1)
    gloss, diags = parse_gloss(broken, DEMO_ARTICLE.replace("ar/", "en/", 1))
    assert gloss is None
    assert [d.line for d in diags] == [4]
    assert "missing space after ':'" in diags[0].message


@pytest.mark.parametrize(
    ("number", "line", "message"),
    [
        (15, " - id: donald-trump", "indentation does not match the lines above"),
        (15, "  - id: donald-trump", "indentation does not match the lines above"),
        (16, "   type: person", "indentation does not match the lines above"),
        (17, " ar: [دونالد ترامب, ترامب]", "indentation does not match the lines above"),
        (15, "- id:donald-trump", "missing space after ':'"),
        (15, "-id: donald-trump", "missing space after '-'"),
        (18, '  en: "Donald Trump', "unclosed quote"),
        (17, "  ar: [دونالد ترامب, #ترامب]", "a '#' inside the list starts a comment"),
    ],
)
def test_registry_errors_name_their_line(number: int, line: str, message: str) -> None:
    assert REGISTRY.split("\n")[14] == "- id: donald-trump"  # the lines these cases replace
    _, diags = parse_registry(_replace_line(REGISTRY, number, line), "content/entities.yaml")
    assert [(d.line, d.message.split(":")[0]) for d in diags] == [(number, message.split(":")[0])]
    assert message in diags[0].message


def test_a_name_indented_under_the_one_above_is_an_error_not_part_of_it() -> None:
    """YAML joins a list item indented further than the one above to that item's text: the
    registry would silently hold «دونالد ترامب - ترامب» and match neither name alone."""
    block = "  ar:\n    - دونالد ترامب\n     - ترامب"
    _, diags = parse_registry(_replace_line(REGISTRY, 17, block), "content/entities.yaml")
    assert [str(d) for d in diags] == [
        "content/entities.yaml:19: error: indentation does not match the lines above: this "
        "list item is indented further than the one above, so it is read as part of that "
        "item's text («دونالد ترامب - ترامب»); indent it as the item above"
    ]
    # A long description may run on over lines: YAML's plain multi-line text stays allowed.
    described = "  description_en: 45th and 47th president\n    of the United States."
    registry, diags = parse_registry(_replace_line(REGISTRY, 19, described), "entities.yaml")
    assert diags == ()
    trump = next(e for e in registry.entities if e.id == "donald-trump")
    assert trump.description_en == "45th and 47th president of the United States."


@pytest.mark.parametrize("empty", ["~", "null", ""])
def test_an_empty_yaml_value_is_no_value_not_its_spelling(empty: str) -> None:
    """`en: ~` (or null, or nothing) leaves the English name unknown; it was the name «~»."""
    registry, diags = parse_registry(_replace_line(REGISTRY, 18, f"  en: {empty}"), "e.yaml")
    assert diags == ()
    assert next(e for e in registry.entities if e.id == "donald-trump").en is None


@pytest.mark.parametrize(
    ("line", "broken", "expected"),
    [
        (3, 'title_en = "News Archive', "a quoted value is not closed on its line"),
        (3, "title_en = News Archive", "this value is not understood: text goes in double quotes"),
        (3, 'title_ar = "أرشيف"', "this setting is given twice: keep one"),
        (3, 'title_en "News Archive"', "a setting is written: name = value"),
        (12, "per_page = [20", "a list opened with '[' is not closed with ']'"),
        (3, 'title_en = " "', "'title_en' must not be empty"),  # pages titled with nothing
        (  # a table from another generator's settings: named where it is, not at line 1
            12,
            "[params]\nper_page = 20",
            "unknown table [params]: site.toml's settings are written without one",
        ),
        (13, 'site.title = "x"', "unknown setting 'site'"),
        (9, 'rights_ar = " "', "'rights_ar' must not be empty"),  # the rights statement
        (  # in one language: the other language's pages would say nothing
            13,
            'publisher_en = "The Archive Foundation"',
            "'publisher_en' needs 'publisher_ar' beside it: pages in both languages show it",
        ),
        (
            13,
            'license_url = "creativecommons.org/by/4.0"',
            "'license_url' must be a web address (https://…), not 'creativecommons.org/by/4.0'",
        ),
        (  # Word's quotes: the editor did quote the value, as they see it
            3,
            "title_en = “News Archive”",
            "the value's “ is a typographic quote, not TOML's: write straight quotes \"…\"",
        ),
    ],
)
def test_a_site_toml_mistake_is_named_at_its_line_in_plain_words(
    project: Path, capsys: pytest.CaptureFixture[str], line: int, broken: str, expected: str
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = sorted(p.relative_to(project) for p in (project / "site").rglob("*"))
    settings = project / "content" / "site.toml"
    settings.write_text(
        _replace_line(settings.read_text(encoding="utf-8"), line, broken), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"content/site.toml:{line}: error: {expected}" in err
    assert "(at line" not in err  # tomllib's own position is not repeated
    assert sorted(p.relative_to(project) for p in (project / "site").rglob("*")) == site


@pytest.mark.parametrize(
    ("saved", "expected"),
    [  # Notepad's byte-order mark, and the title saved in the Arabic Windows encoding
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), None, id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), None, id="crlf"),
        pytest.param(
            lambda text: text.encode("cp1256"),
            "it looks saved in the Arabic Windows encoding (Windows-1256): save it again as UTF-8",
            id="windows-1256",
        ),
    ],
)
def test_site_toml_is_read_as_the_other_content_files(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    saved: Callable[[str], bytes],
    expected: str | None,
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    home = (project / "site" / "index.html").read_bytes()
    settings = project / "content" / "site.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_bytes(saved(text))
    arabic = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    capsys.readouterr()
    code = main(["build", "--root", str(project), "--no-search"])
    err = capsys.readouterr().err
    if expected is None:
        assert code == 0, err
        assert "أرشيف الأخبار" in (project / "site" / "index.html").read_text(encoding="utf-8")
    else:
        assert code == 1
        assert f"content/site.toml:{arabic}: error: file is not valid UTF-8 (byte " in err
        assert expected in err
        assert (project / "site" / "index.html").read_bytes() == home


@pytest.mark.parametrize(
    ("lang", "saved_as", "expected"),
    [
        ("ar", "{slug}.md.txt", "this article is not read: an article's file name ends in .md"),
        ("ar", "{slug}.MD", "this article is not read: an article's file name ends in .md"),
        ("en", "{slug}.markdown", "this gloss is not read: a gloss's file name ends in .md"),
    ],
)
def test_an_article_saved_under_another_ending_is_named_not_left_out(
    project: Path, capsys: pytest.CaptureFixture[str], lang: str, saved_as: str, expected: str
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    article = project / "content" / DEMO_ARTICLE.replace("ar/", f"{lang}/", 1)
    slug = article.stem
    renamed = article.with_name(saved_as.format(slug=slug))
    article.rename(renamed)
    for backup in (f"{slug}.md~", f"{slug}.md.orig", f".{slug}.md.swp"):  # editors' own files
        (article.parent / backup).write_text("---\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    where = f"content/{renamed.relative_to(project / 'content').as_posix()}:1"
    assert f"{where}: error: {expected} (rename it {slug}.md)" in err
    assert "~" not in err and ".orig" not in err and ".swp" not in err
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site


def test_a_comment_after_a_value_is_still_a_comment() -> None:
    article, diags = parse_article(
        '---\ntitle: عنوان  # the headline\ndate: "2020-11"  #  \n---\nنص\n', "ar/2020/11/a.md"
    )
    assert diags == ()
    assert article is not None and article.title == "عنوان"


def test_an_article_outside_ar_and_en_is_named_not_left_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/2021/03/x.md (ar/ forgotten) was left out of the site without a word."""
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    article = project / "content" / DEMO_ARTICLE
    misplaced = project / "content" / "2021" / "03" / "late-news.md"
    misplaced.parent.mkdir(parents=True)
    misplaced.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "content" / "README.md").write_text("# Notes for editors\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/2021/03/late-news.md:1: error: this file is not read: an article goes in "
        "content/ar/ and its gloss in content/en/ (move it to content/ar/2021/03/late-news.md"
    ) in err
    assert "README" not in err  # a file of notes beside the folders is the editors' own
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site


def test_a_hashtag_in_a_list_is_named_at_its_line_and_nothing_is_built(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tags: [موازنة, #اقتصاد]`: YAML reads `#اقتصاد]` as a comment, and libyaml named the
    closing `---` below it, in its own words (`did not find expected node content`)."""
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    article = project / "content" / DEMO_ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    assert lines[2] == 'date: "2020-11"'
    lines.insert(3, "tags: [موازنة, #اقتصاد]")
    article.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert (
        f"content/{DEMO_ARTICLE}:4: error: a '#' inside the list starts a comment: put "
        "'#اقتصاد' in quotes"
    ) in err
    assert "node content" not in err
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site


@pytest.mark.parametrize(
    ("front_matter", "tags"),
    [
        # A hashtag's `#` is its markup, not its name: the tag is shown without it (tags.py).
        ('tags: [موازنة, "#اقتصاد"]\n', ("موازنة", "اقتصاد")),
        ("tags: [موازنة, 'قال: #اقتصاد']  # the tags\n", ("موازنة", "قال: #اقتصاد")),
        ("tags: [C#, موازنة]\n", ("C#", "موازنة")),
        ("tags: [موازنة, # economy comes next\n  اقتصاد]\n", ("موازنة", "اقتصاد")),
        (
            "tags: [\n  موازنة,\n  # economy, see [x]\n  اقتصاد,\n  C#\n]\n",
            ("موازنة", "اقتصاد", "C#"),
        ),
        ('tags: [موازنة,\n  "#اقتصاد"]\n', ("موازنة", "اقتصاد")),
    ],
)
def test_a_quoted_hashtag_or_a_comment_in_a_list_is_read_as_yaml_reads_it(
    front_matter: str, tags: tuple[str, ...]
) -> None:
    article, diags = parse_article(
        f'---\ntitle: "عنوان"\ndate: "2020-11"\n{front_matter}---\nنص\n', "ar/2020/11/a.md"
    )
    assert diags == ()
    assert article is not None and article.tags == tags


def test_a_comment_in_a_list_over_lines_is_not_taken_for_the_mistake_below_it() -> None:
    error = _front_matter_error('tags: [موازنة, # economy\n  اقتصاد]\ndate:"2020-11"\n')
    assert "a.md:4: error: missing space after ':'" in error
