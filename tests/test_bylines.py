"""Bylines: a signed article names its writers on both pages, in the citation, the JSON-LD
and the feeds; `import` takes the byline line into the front matter; a gloss gives the
names in English; a registry edit that names a writer in English shows on their pages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.byline import byline_names, find_byline

from .conftest import write

RAW = Path(__file__).parent / "raw"
SARA = """
- id: sara-mohammed
  type: person
  ar: [سارة محمد]
  en: Sara Mohammed
"""


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


def meta_line(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.index('<p class="meta">')
    return " ".join(html[start : html.index("</p>", start)].split())


def cite_lines(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section class="cite"') :]
    return re.findall(
        # the line in the page's own language carries no lang of its own
        r"<p(?: lang=\"\w\w\" dir=\"\w+\")?>(.*?)</p>",
        section[: section.index("</section>")],
    )


def authors_jsonld(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert data is not None
    graph = json.loads(data.group(1))
    found = [graph] if isinstance(graph, dict) else graph
    return [p["name"] for item in found for p in item.get("author", [])]


def feed_authors(feed: Path, slug: str) -> list[str]:
    xml = feed.read_text(encoding="utf-8")
    entry = next(e for e in xml.split("<entry")[1:] if f"/{slug}/" in e)
    return re.findall(r"<author>\s*<name>(.*?)</name>", entry)


def set_front(file: Path, key: str, value: str) -> None:
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[at] = f"{key}: {value}"
    file.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def signed(project: Path) -> Path:
    """Two signed articles imported from wire copy: one by a writer the gloss names in
    English, one by two writers, one of them in the registry."""
    registry = project / "content/entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + SARA, encoding="utf-8")
    text = (RAW / "no-dateline.txt").read_text(encoding="utf-8")
    one = write(project, "one.txt", "كتب: علي حسين\n" + text)
    other = (RAW / "mosul-museum.txt").read_text(encoding="utf-8").rstrip("\n")
    two = write(project, "two.txt", other + "\nبقلم: سارة محمد، Jane Smith\n")
    assert run(project, "import", str(one), "--date", "2021-03", "--slug", "a") == 0
    assert run(project, "import", str(two), "--date", "2021-03", "--slug", "b") == 0
    assert run(project, "gloss") == 0
    for slug in ("a", "b"):
        set_front(project / f"content/en/2021/03/{slug}.md", "title", f'"Article {slug}"')
    set_front(project / "content/en/2021/03/a.md", "author", '"Ali Hussein"')
    assert run(project, "build") == 0
    return project


def test_import_takes_the_byline_to_the_front_matter(signed: Path) -> None:
    first = (signed / "content/ar/2021/03/a.md").read_text(encoding="utf-8")
    second = (signed / "content/ar/2021/03/b.md").read_text(encoding="utf-8")
    assert 'author: "علي حسين"' in first.split("---")[1]
    assert 'author: ["سارة محمد", "Jane Smith"]' in second.split("---")[1]
    body = first.split("---", 2)[2] + second.split("---", 2)[2]
    assert "كتب:" not in body and "بقلم" not in body  # the line is not left in the text
    # The gloss stub asks for the names in English, and shows them in Arabic.
    stub = (signed / "content/en/2021/03/b.md").read_text(encoding="utf-8")
    assert 'author: ""  # the byline in English (a list for several): سارة محمد، Jane Smith' in stub


def test_the_byline_on_both_pages(signed: Path) -> None:
    site = signed / "site"
    assert '<span class="byline">بقلم&nbsp;علي حسين</span>' in meta_line(
        site / "ar/2021/03/a/index.html"
    )
    both = '<span class="byline">بقلم&nbsp;سارة محمد و<bdi lang="en">Jane Smith</bdi></span>'
    assert both in meta_line(site / "ar/2021/03/b/index.html")
    # In English: the translator's names; else the registry's; else as written, isolated.
    assert '<span class="byline">By&nbsp;Ali Hussein</span>' in meta_line(
        site / "en/2021/03/a/index.html"
    )
    assert '<span class="byline">By&nbsp;Sara Mohammed and Jane Smith</span>' in meta_line(
        site / "en/2021/03/b/index.html"
    )


def test_the_byline_in_citation_jsonld_and_feeds(signed: Path) -> None:
    site = signed / "site"
    arabic, english = cite_lines(site / "ar/2021/03/a/index.html")
    assert arabic.split("</b>", 1)[1].startswith("علي حسين. «")
    assert english.split("</b>", 1)[1].startswith("Ali Hussein. “")
    assert authors_jsonld(site / "ar/2021/03/b/index.html") == ["سارة محمد", "Jane Smith"]
    assert authors_jsonld(site / "en/2021/03/b/index.html") == ["Sara Mohammed", "Jane Smith"]
    assert feed_authors(site / "ar/feed.xml", "b") == ["سارة محمد", "Jane Smith"]
    assert feed_authors(site / "en/feed.xml", "a") == ["Ali Hussein"]
    # An unsigned article's entry still names its outlet, as before.
    unsigned = next(
        p for p in (signed / "content/ar").rglob("*.md") if "author:" not in p.read_text("utf-8")
    )
    page = site / "ar" / unsigned.relative_to(signed / "content/ar").with_suffix("") / "index.html"
    assert "byline" not in meta_line(page)
    assert authors_jsonld(page) == []


def test_naming_a_writer_in_the_registry_shows_on_their_pages(signed: Path, tmp_path: Path) -> None:
    """A registry edit is a patched build: the English page of the article the writer
    signed shows the English name, as a full build of the same content does."""
    set_front(signed / "content/en/2021/03/a.md", "author", '""')  # the registry's, then
    assert run(signed, "build") == 0
    assert '<bdi lang="ar">علي حسين</bdi>' in meta_line(signed / "site/en/2021/03/a/index.html")
    registry = signed / "content/entities.yaml"
    ali = SARA.replace("sara-mohammed", "ali-hussein").replace("سارة محمد", "علي حسين")
    registry.write_text(registry.read_text("utf-8") + ali.replace("Sara", "Ali"), "utf-8")
    result = build(signed, signed / "site")
    assert result.written is not None  # patched in place
    assert '<span class="byline">By&nbsp;Ali Mohammed</span>' in meta_line(
        signed / "site/en/2021/03/a/index.html"
    )
    cold = tmp_path / "cold"
    shutil.copytree(signed / "content", cold / "content")
    assert run(cold, "build") == 0
    for page in ("en/2021/03/a/index.html", "ar/2021/03/a/index.html", "en/feed.xml"):
        assert (signed / "site" / page).read_bytes() == (cold / "site" / page).read_bytes()


@pytest.mark.parametrize(
    ("value", "line"), [('["علي", ""]', 3), ("\n  name: علي", 4), ("\n  - علي\n  - [x]", 5)]
)
def test_a_byline_that_is_no_names_is_an_error(
    project: Path, value: str, line: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build") == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    article = next((project / "content/ar").rglob("*.md"))
    lines = article.read_text(encoding="utf-8").split("\n")
    lines.insert(2, f"author: {value}")
    article.write_text("\n".join(lines), encoding="utf-8")
    assert run(project, "build") == 1
    rel = article.relative_to(project).as_posix()
    assert (
        f"{rel}:{line}: error: 'author' must be a name or a list of names"
        in capsys.readouterr().err
    )
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == before


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("كتب: محمد الربيعي", ("محمد الربيعي",)),
        ("كتبت - زينب علي", ("زينب علي",)),
        ("بقلم د. علي حسين", ("د. علي حسين",)),
        ("بقلم: أحمد علي، سارة محمد", ("أحمد علي", "سارة محمد")),
        ("إعداد/ فريق التحرير", ("فريق التحرير",)),
        ("كتب: علي و سامر حسن", ("علي", "سامر حسن")),
        ("كتب: Jane Smith", ("Jane Smith",)),
        # A و joined to a name may be part of it (وليد): left as one name to check.
        ("كتب: علي حسين ووليد خالد", ("علي حسين ووليد خالد",)),
        # Sentences of the article, and headlines, are not bylines.
        ("كتب الوزير في تغريدة: إن الاتفاق قريب", ()),
        ("تقرير: الحكومة تعلن خطة للكهرباء", ()),
        ("إعداد: فريق التحرير 2020", ()),
        ("كتب: إن الحكومة التي تشكلت في الشهر الماضي لم تقدم حتى الآن أي خطة واضحة", ()),
        ("بقلم", ()),
    ],
)
def test_what_is_a_byline(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names


def test_where_a_byline_is_looked_for() -> None:
    text = ["نص الخبر الأول", "نص ثان", "نص ثالث", "نص رابع", "نص خامس"]
    assert find_byline(["عاجل", "بغداد - واع", "كتب: علي", *text]) == (2, ("علي",))
    assert find_byline([*text, "كتب: علي", "انتهى"]) == (5, ("علي",))
    assert find_byline([*text[:3], "كتب: علي", *text[3:], "x", "y"]) is None  # mid-copy
    assert find_byline(["كتب: علي"]) is None  # a copy of one line is all text


@pytest.mark.browser
def test_search_filters_by_writer(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """The byline is a filter of the search page, as the source is: a reader lists what one
    journalist wrote. Not words of the text: search matches what the article says."""
    from .webtools import demo_site_with

    signed = {
        "content/ar/2021/05/a.md": '---\ntitle: "وصول القافلة"\ndate: "2021-05-02"\n'
        'author: "علي حسين"\n---\nقالت مصادر في سوريا إن القافلة وصلت.\n',
        "content/ar/2021/05/b.md": '---\ntitle: "عودة القافلة"\ndate: "2021-05-03"\n'
        'author: ["سارة محمد", "علي حسين"]\n---\nقالت مصادر في سوريا إن القافلة عادت.\n',
        "content/ar/2021/05/c.md": '---\ntitle: "القافلة"\ndate: "2021-05-04"\n---\n'
        "قالت مصادر في سوريا إن القافلة تأخرت.\n",
    }
    with demo_site_with(tmp_path, signed) as base:
        page.goto(base + "ar/search/?q=القافلة")
        page.wait_for_selector("[data-search][data-ready]")
        assert page.locator(".search-result").count() == 3
        page.locator(".show-filters").click()
        writers = page.locator("select[name=author] option")
        writers.first.wait_for(state="attached")
        assert writers.all_text_contents() == ["الكل", "سارة محمد", "علي حسين"]
        assert (
            page.locator("label.filter", has=page.locator("select[name=author]"))
            .text_content()
            .startswith("الكاتب")
        )
        page.locator("select[name=author]").select_option("سارة محمد")
        page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
        assert "author=" in page.url
        page.goto(base + "ar/search/?q=سارة")  # the name is no word of any article
        page.wait_for_selector("[data-search][data-ready]")
        assert page.locator(".search-result").count() == 0


def test_a_gloss_byline_that_does_not_match_the_article_is_not_shown(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writer added to the Arabic byline after the translator wrote theirs: the English
    page gives the article's names (in English where the registry knows them) and the build
    says why, at the gloss's `author` line; so for a byline given an unsigned article."""
    set_front(signed / "content/ar/2021/03/a.md", "author", '["علي حسين", "سارة محمد"]')
    capsys.readouterr()
    assert run(signed, "build") == 0
    gloss = "content/en/2021/03/a.md"
    line = (signed / gloss).read_text(encoding="utf-8").split("\n").index('author: "Ali Hussein"')
    assert (
        f"{gloss}:{line + 1}: warning: 'author' names 1 writer(s), the article 2 (علي حسين، "
        "سارة محمد): the English page gives the article's names until they agree"
    ) in capsys.readouterr().err
    shown = meta_line(signed / "site/en/2021/03/a/index.html")
    assert '<span class="byline">By&nbsp;<bdi lang="ar">علي حسين</bdi> and Sara Mohammed' in shown
