"""The whole build on real files: demo page, errors with positions, atomic and deterministic output."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.build.output import OutputError, fill_site
from newsarchive.cli import main
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.core.hosts import NOTHING, SiteSize

from .conftest import DEMO_ARTICLE, seed_paragraphs, snapshot, write
from .sites import assembled_site

SEED_PAGE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"
RESOURCE = re.compile(r"""<(?:link|script|img|source|iframe)\b[^>]*?\b(?:href|src)="([^"]+)\"""")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_demo_article_page(project: Path) -> None:
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    page = (project / "site" / SEED_PAGE).read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    blocks = re.findall(r'<p id="p\d+">(.*?)</p>', page, re.S)
    expected = seed_paragraphs()
    expected[0] = expected[0].removeprefix("شفق نيوز/ ")
    # A number is held to its unit by a no-break space on the page (content/numberunits.py).
    assert [_text(b).replace("\u00a0", " ").strip() for b in blocks] == expected
    assert re.search(r'<time datetime="2020-11">', page)
    assert "شفق نيوز" in page


def test_no_page_loads_anything_from_another_host(project: Path) -> None:
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    for file in (project / "site").rglob("*.html"):
        for url in RESOURCE.findall(file.read_text(encoding="utf-8")):
            rel = re.search(r'rel="([^"]+)"', url)
            assert not url.startswith(("http:", "https:", "//")) or url.startswith(
                "https://example.github.io/repo/"
            ), (file, url, rel)
    css = (project / "site/static/css/site.css").read_text(encoding="utf-8")
    fetched = re.findall(r"""(?:url\(\s*["']?|@import\s+["'])([^"')]+)""", css)
    assert any(u.startswith("../fonts/") for u in fetched)  # the stylesheet's own files
    assert any(u.startswith("data:image/svg+xml,") for u in fetched)  # and its icons, inline
    for url in fetched:
        assert url.startswith(("../", "data:")), url


def test_links_stay_under_the_base_path(project: Path) -> None:
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    page = (project / "site" / SEED_PAGE).read_text(encoding="utf-8")
    for href in re.findall(r'(?:href|src|action)="(/[^"]*)"', page):
        assert href.startswith("/repo/"), href


def test_a_broken_article_fails_with_positions_and_keeps_the_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    before = snapshot(project / "site")
    write(
        project, "content/ar/2020/11/bad.md", "---\ntitle: [unclosed\ndate: 2020-11-01\n---\nنص\n"
    )
    write(project, "content/ar/2021/01/late.md", "---\ntitle: t\ndate: 2021-13-01\n---\nنص\n")
    write(project, "content/ar/2021/01/bytes.md", "")
    (project / "content/ar/2021/01/bytes.md").write_bytes(b"---\ntitle: t\n\xff\n---\n")
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/ar/2020/11/bad.md:2: error: a list opened with '[' is not closed with ']'" in err
    )
    assert "content/ar/2021/01/late.md:3: error: date '2021-13-01' has no month 13" in err
    assert "content/ar/2021/01/bytes.md:3: error: file is not valid UTF-8" in err
    assert snapshot(project / "site") == before


def test_same_input_gives_identical_files(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "one", search=False)
    build(project, tmp_path / "two", search=False)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


@pytest.mark.parametrize("reader", ["cli", "assembly"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_two_files_named_alike_but_for_unicode_form_are_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], lang: str, reader: str
) -> None:
    """An NFD and an NFC spelling of one name are one URL (an article) or one article's gloss:
    the build fails naming the second, rather than silently keeping one of them. The build
    says so of the file names first (macOS and Windows would show one file); the assembly,
    given both, of the articles."""
    text = (project / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
    story = "2020/11/آمال"  # آ is two code points in NFD
    write(project, f"content/ar/{story}.md", text)
    assert main(["gloss", "--root", str(project)]) == 0
    stub = (project / f"content/en/{story}.md").read_text(encoding="utf-8")
    first = unicodedata.normalize("NFD", f"content/{lang}/{story}.md")
    write(project, first, stub if lang == "en" else text)
    if len(list((project / f"content/{lang}/2020/11").iterdir())) < 2:
        pytest.skip("this file system folds NFD and NFC names")
    expected = ["two articles have the same URL", "two gloss files are for the same article"]
    message = expected[lang == "en"]
    if reader == "cli":
        assert main(["build", "--root", str(project), "--no-search"]) == 1
        twins = "this name differs only by case (or Unicode form) from 'آمال.md' beside it"
        said = unicodedata.normalize("NFC", capsys.readouterr().err)  # each names the other
        assert f"content/{lang}/{story}.md:1: error: {twins}" in said
    else:
        with pytest.raises(BuildFailed) as failed:
            assembled_site(project)
        assert any(message in d.message for d in failed.value.diagnostics)


def test_output_folder_not_made_by_us_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(OutputError, match=r"not made by build\.py"):
        fill_site(out, lambda folder: NOTHING, tmp_path / "no-static")
    assert (out / "precious.txt").read_text() == "keep me"


def test_failure_while_finishing_leaves_previous_site(project: Path) -> None:
    build(project, project / "site", search=False)
    before = snapshot(project / "site")

    def explode(folder: Path) -> SiteSize:
        raise RuntimeError("indexer died")

    with pytest.raises(RuntimeError):
        fill_site(project / "site", lambda folder: NOTHING, project / "no-static", explode)
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-tmp-*"))


def test_template_error_is_reported_with_position(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from .conftest import REPO

    shutil.copytree(REPO / "templates", project / "templates")
    page = project / "templates/article.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{% endblock %}", "{% endblok %}", 1),
        encoding="utf-8",
    )
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert re.search(r"templates/article\.html:\d+: error: template error", capsys.readouterr().err)
