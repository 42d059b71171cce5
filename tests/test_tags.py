"""Tags: which spellings are one tag, the errors and warnings of `tags`, the tags on both
article pages, each a link to the search for every article with it, and following one in
Chromium, at the site's root and under /repo/."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.tags import shown_tag, tag_key

from .conftest import REPO, write


def _article(tags: str) -> str:
    return f'---\ntitle: "عنوان"\ndate: "2021-05"\ntags: {tags}\n---\nنص المقال.\n'


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("اقتصاد", "#اقتصاد"),
        ("اقتصاد", "الاقتصاد"),
        ("الإقتصاد", "اقتصاد"),  # hamza seat
        ("البصرة", "بصره"),  # ة/ه
        ("كركوك", "کرکوک"),  # Persian keheh
        ("ديالى", "ديالي"),  # ى/ي
        ("موانئ العراق", "#موانئ_العراق"),  # a hashtag's _ is a space
        ("موانئ  العراق", "الموانئ عراق"),
        ("COVID-19", "covid-19"),
    ],
)
def test_spellings_of_one_tag_share_a_key(one: str, other: str) -> None:
    assert tag_key(one) == tag_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("اقتصاد", "اقتصادي"), ("النفط", "نفط البصرة"), ("الم", "م"), ("COVID-19", "COVID")],
)
def test_other_tags_keep_other_keys(one: str, other: str) -> None:
    assert tag_key(one) != tag_key(other)


def test_a_tag_is_shown_as_written_but_its_hashtag_markup() -> None:
    assert shown_tag("#موانئ_العراق") == "موانئ العراق"
    assert shown_tag("الإقتصاد") == "الإقتصاد"  # never normalised for display
    assert shown_tag("  كورونا   COVID-19 ") == "كورونا COVID-19"


def test_tags_in_their_article() -> None:
    article, diags = parse_article(_article("[اقتصاد, النفط, اقتصاد]"), "ar/2021/05/a.md")
    assert diags == () and article is not None
    assert article.tags == ("اقتصاد", "النفط")  # the same tag twice is shown once
    article, diags = parse_article(_article("النفط"), "ar/2021/05/a.md")  # one, not a list
    assert diags == () and article is not None and article.tags == ("النفط",)


@pytest.mark.parametrize(
    ("tags", "line", "message"),
    [
        ('[اقتصاد, ""]', 4, "'tags': a tag must not be empty"),
        ("\n  - اقتصاد\n  - '#'", 6, "'tags': a tag must not be empty"),
        (
            "\n  - اقتصاد\n  - [نفط]",
            6,
            "'tags' must be a list of text: this tag is a list or a mapping",
        ),
        (
            "\n  - اقتصاد\n  - name: نفط",
            6,
            "'tags' must be a list of text: this tag is a list or a mapping",
        ),
        (
            "\n  - " + "نفط " * 12,
            5,
            "'tags': the tag 'نفط نفط نفط نفط نفط نفط نفط نفط نفط نفط…' is 47 characters long;"
            " a tag names a section or a story in at most 40",
        ),
    ],
)
def test_a_tag_that_is_no_tag_is_an_error_at_its_line(tags: str, line: int, message: str) -> None:
    article, diags = parse_article(_article(tags), "ar/2021/05/a.md")
    assert article is None
    assert [str(d) for d in diags] == [f"content/ar/2021/05/a.md:{line}: error: {message}"]


def test_one_tag_spelled_two_ways_in_an_article_is_a_warning() -> None:
    article, diags = parse_article(
        _article("\n  - اقتصاد\n  - النفط\n  - '#الاقتصاد'"), "ar/2021/05/a.md"
    )
    assert article is not None and article.tags == ("اقتصاد", "النفط")
    assert [str(d) for d in diags] == [
        "content/ar/2021/05/a.md:7: warning: 'tags': 'الاقتصاد' is the tag 'اقتصاد' spelled"
        " another way; it is shown once, as first written"
    ]


def run(root: Path, *args: str) -> int:
    return main([*args, "--root", str(root)])


TAGGED = {
    # Two spellings of one tag, a Latin tag, a tag of one article alone.
    "content/ar/2021/05/a.md": '---\ntitle: "صادرات النفط"\ndate: "2021-05-02"\n'
    'tags: [اقتصاد, "#النفط", COVID-19]\n---\nقالت مصادر في البصرة إن الصادرات ارتفعت.\n',
    "content/ar/2021/05/b.md": '---\ntitle: "الموازنة"\ndate: "2021-05-03"\n'
    "tags: [الاقتصاد, العراق]\n---\nقالت مصادر في بغداد إن الموازنة تأخرت.\n",
    "content/ar/2021/05/c.md": '---\ntitle: "القافلة"\ndate: "2021-05-04"\n---\n'
    "قالت مصادر في سوريا إن القافلة الاقتصادية تأخرت.\n",
}


def _with_tagged_articles(project: Path) -> None:
    """The articles of TAGGED in the demo project, `b` with an English page."""
    for rel, text in TAGGED.items():
        write(project, rel, text)
    assert run(project, "gloss") == 0  # a stub; its paragraph translated, an English page
    gloss = project / "content/en/2021/05/b.md"
    text = gloss.read_text(encoding="utf-8").replace(
        "\n\n<!-- end of p1", "\nSources said the budget is late.\n<!-- end of p1"
    )
    gloss.write_text(text, encoding="utf-8")


def test_tags_on_both_pages_each_a_link(project: Path) -> None:
    _with_tagged_articles(project)
    assert run(project, "build", "--no-search") == 0
    ar = (project / "site/ar/2021/05/a/index.html").read_text(encoding="utf-8")
    shown = re.search(r'<p class="tags">(.*?)</p>', ar)
    assert shown is not None
    assert shown[1] == (
        'الوسوم: <a href="/ar/search/?tag=اقتصاد">اقتصاد</a>'
        ' <a href="/ar/search/?tag=النفط">النفط</a>'
        ' <a href="/ar/search/?tag=COVID-19"><bdi lang="en">COVID-19</bdi></a>'
    )
    untagged = (project / "site/ar/2021/05/c/index.html").read_text(encoding="utf-8")
    assert 'class="tags"' not in untagged  # not a byte for an article without tags
    # The English page leads to the Arabic search too, a tag the registry names in English.
    en = (project / "site/en/2021/05/b/index.html").read_text(encoding="utf-8")
    shown = re.search(r'<p class="tags">(.*?)</p>', en)
    assert shown is not None
    assert shown[1] == (
        'Tags: <a href="/ar/search/?tag=الاقتصاد"><bdi lang="ar">الاقتصاد</bdi></a>'
        ' <a href="/ar/search/?tag=العراق">Iraq</a>'
    )


def test_an_edit_of_tags_or_of_the_registry_patches_what_a_full_build_makes(
    project: Path, tmp_path: Path
) -> None:
    """An article's tags edited, and a registry entry's English name of a tag changed, are
    patched builds whose pages are those of a full build."""
    _with_tagged_articles(project)
    assert run(project, "build") == 0
    article = project / "content/ar/2021/05/a.md"  # b's English page changes by the registry
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("COVID-19]", "البصرة]"), "utf-8")
    # Iraq's English name: b names Iraq only as a tag (its text does not), a's text does.
    registry = project / "content/entities.yaml"
    registry_text = registry.read_text(encoding="utf-8")
    assert registry_text.count("  en: Iraq\n") == 1
    registry.write_text(registry_text.replace("  en: Iraq\n", "  en: Republic of Iraq\n"), "utf-8")
    assert build(project, project / "site").written is not None  # patched in place
    en = (project / "site/en/2021/05/b/index.html").read_text(encoding="utf-8")
    assert '<a href="/ar/search/?tag=العراق">Republic of Iraq</a>' in en
    cold = tmp_path / "cold"
    shutil.copytree(project / "content", cold / "content")
    assert run(cold, "build") == 0
    for page in (
        "en/2021/05/b/index.html",
        "ar/2021/05/a/index.html",
        ".search/ar/2021/05/a/index.html",
    ):
        assert (project / "site" / page).read_bytes() == (cold / "site" / page).read_bytes()


def _listed_paths(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The address paths of the results listed, in their order."""
    found = page.eval_on_selector_all(
        ".search-result h2 a", "as => as.map(a => new URL(a.href).pathname)"
    )
    return list(found)


@pytest.mark.browser
def test_following_a_tag_lists_exactly_the_tagged_articles(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """From an article, at the site's root and under /repo/: its tag's link lists every
    article with that tag in any of its spellings, and no other (`c` has the word in its
    text, not as a tag); the menu offers the spellings as one choice."""
    from .webtools import served_at_root_and_repo

    shutil.copytree(REPO / "content", tmp_path / "content")
    for rel, text in TAGGED.items():
        write(tmp_path, rel, text)
    with served_at_root_and_repo(tmp_path) as bases:
        for prefix, base in bases.items():
            page.goto(base + "ar/2021/05/b/")
            page.locator("p.tags a", has_text="الاقتصاد").click()
            page.wait_for_selector("[data-search][data-ready]")
            page.wait_for_function("document.querySelectorAll('.search-result').length === 2")
            listed = _listed_paths(page)
            assert sorted(listed) == [f"{prefix}ar/2021/05/a/", f"{prefix}ar/2021/05/b/"]
            menu = page.locator("select[name=tag]")
            assert menu.locator("option").all_text_contents() == [
                "الكل",
                "اقتصاد",
                "العراق",
                "النفط",
                "COVID-19",
            ]
            assert menu.input_value() == "اقتصاد"
            label = page.locator("label.filter", has=menu).text_content()
            assert label is not None and label.startswith("الوسم")
            # Another tag from the menu: one article, kept in the address.
            menu.select_option("النفط")
            page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
            assert "tag=" in page.url
            listed = _listed_paths(page)
            assert listed == [f"{prefix}ar/2021/05/a/"]


def test_status_lists_tags_with_their_spellings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor sees one tag written two ways as one line, in the spelling most use."""
    for rel, text in TAGGED.items():
        write(project, rel, text)
    write(project, "content/ar/2021/05/d.md", _article("[الاقتصاد, COVID-19]"))
    capsys.readouterr()
    assert run(project, "status", "--tags") == 0
    assert capsys.readouterr().out.splitlines() == [
        "articles  tag",
        "3         الاقتصاد  (also written: اقتصاد 1)",
        "2         COVID-19",
        "1         العراق",
        "1         النفط",
        "4 tags in 5 articles",
    ]


def test_the_tags_are_keywords_of_the_original_only(project: Path) -> None:
    """Named once, in the Arabic page's record: the English page is its translation, whose
    record names it (about 55 bytes an English page with three tags)."""
    _with_tagged_articles(project)
    assert run(project, "build", "--no-search") == 0

    def jsonld(page: str) -> dict[str, object]:
        html = (project / "site" / page).read_text(encoding="utf-8")
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert found is not None
        data = json.loads(found[1])
        assert isinstance(data, dict)
        return data

    assert jsonld("ar/2021/05/b/index.html")["keywords"] == ["الاقتصاد", "العراق"]
    assert "keywords" not in jsonld("en/2021/05/b/index.html")
