"""Links and photos in articles and glosses lead where they mean on the published site, at
the root and under a project site's /repo/ (real builds): a site address gets the base
path, a link to an article's file leads to its page (a paragraph's #p3 kept), a file of
content/media/ is published and linked, an image carries its size and description; a link
that would be broken is an error at its file and line, and the site is left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, REPO, fresh_build, png, snapshot, write

STORY = "2020/11/coalition-us-forces-syria-iraq"
OTHER = "ar/2020/10/other.md"
BASES = {"/": "http://127.0.0.1:8000/", "/repo/": "https://example.github.io/repo/"}


def _append(root: Path, rel: str, line: str) -> int:
    """Add a paragraph at the end of a file; its line number."""
    file = root / "content" / rel
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(f"{text}\n\n{line}\n", encoding="utf-8")
    return text.count("\n") + 3


def _project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    write(root, "content/media/2020/photo.png", "")
    (root / "content/media/2020/photo.png").write_bytes(png(40, 30))
    write(root, "content/media/2020/report.pdf", "%PDF-1.4\n")
    write(
        root, f"content/{OTHER}", '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\nنص الخبر.\n'
    )
    return root


LINE = (
    "انظر [أرشيف السنة](/ar/2020/) و[الخبر السابق](../10/other.md) "
    f"و[الفقرة](../../../en/{STORY}.md#p3) و[التقرير](../../../media/2020/report.pdf). "
    "![صورة من الموقع](../../../media/2020/photo.png)"
)
GLOSSED = (
    "See [the earlier report](../../../ar/2020/10/other.md#p1) and "
    "[the same page](../../../media/2020/report.pdf)."
)


@pytest.fixture(scope="module", params=sorted(BASES))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    base_path: str = request.param
    root = _project(tmp_path_factory.mktemp("links"))
    _append(root, DEMO_ARTICLE, LINE)
    gloss = DEMO_ARTICLE.replace("ar/", "en/", 1)
    english = (root / "content" / gloss).read_text(encoding="utf-8")
    # The first block's English gets a second paragraph with links.
    (root / "content" / gloss).write_text(
        english.replace("routine movements.\n", f"routine movements.\n\n{GLOSSED}\n", 1),
        encoding="utf-8",
    )
    build(root, root / "site", BASES[base_path], search=False)
    return base_path, root / "site"


def _page(site: Path, lang: str, story: str = STORY) -> str:
    return (site / lang / story / "index.html").read_text(encoding="utf-8")


def test_a_site_address_gets_the_base_path(built: tuple[str, Path]) -> None:
    base, site = built
    assert f'<a href="{base}ar/2020/">أرشيف السنة</a>' in _page(site, "ar")


def test_a_link_to_an_article_file_leads_to_its_page_with_the_paragraph_kept(
    built: tuple[str, Path],
) -> None:
    base, site = built
    page = _page(site, "ar")
    assert f'<a href="{base}ar/2020/10/other/">الخبر السابق</a>' in page
    assert f'<a href="{base}en/{STORY}/#p3">الفقرة</a>' in page
    assert (site / "ar/2020/10/other/index.html").is_file()


def test_a_media_file_is_published_and_linked(built: tuple[str, Path]) -> None:
    base, site = built
    assert f'<a href="{base}media/2020/report.pdf">التقرير</a>' in _page(site, "ar")
    assert (site / "media/2020/report.pdf").read_bytes() == b"%PDF-1.4\n"
    assert (site / "media/2020/photo.png").read_bytes() == png(40, 30)


def test_an_image_carries_its_size_description_and_lazy_loading(built: tuple[str, Path]) -> None:
    base, site = built
    assert (
        f'<img src="{base}media/2020/photo.png" alt="صورة من الموقع" width="40" height="30" '
        'loading="lazy" decoding="async" />'
    ) in _page(site, "ar")


def test_a_gloss_links_an_article_and_a_file(built: tuple[str, Path]) -> None:
    base, site = built
    english = _page(site, "en")
    assert f'<a href="{base}ar/2020/10/other/#p1">the earlier report</a>' in english
    assert f'<a href="{base}media/2020/report.pdf">the same page</a>' in english


def test_an_image_description_is_not_searched(tmp_path: Path) -> None:
    """What a reader sees of an image is the image: its description is read to those who
    cannot see it, but it is no words of the paragraph, so search does not find it (a hit
    on a word the page's text does not hold would be a false one): the search record, all
    Pagefind reads, has no image (Pagefind makes the first one's alt a searched meta)."""
    root = _project(tmp_path)
    _append(root, DEMO_ARTICLE, "![صورة زيلندية نادرة](../../../media/2020/photo.png)")
    build(root, root / "site", BASES["/repo/"], search=True)
    record = (root / "site/.search/ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert "زيلندية" not in record and "<img" not in record
    assert "زيلندية" in _page(root / "site", "ar")  # in the page, as the image's alt


MOVED = '---\ntitle: "خبر منقول"\ndate: "2020-12-01"\nmoved_from: ["2020/10/old"]\n---\n\nنص.\n'


@pytest.mark.parametrize(
    ("rel", "written", "expected"),
    [
        (
            DEMO_ARTICLE,
            "[خبر](../10/missing.md)",
            "'../10/missing.md' leads to content/ar/2020/10/missing.md, which does not exist",
        ),
        (
            DEMO_ARTICLE,
            "[خبر](../10/old.md#p2)",
            "'../10/old.md#p2' leads to "
            "content/ar/2020/10/old.md, which does not exist: the article was moved to "
            "content/ar/2020/12/moved.md; link that file",
        ),
        (
            DEMO_ARTICLE,
            "[ملاحظات](../../../notes.md)",
            "'../../../notes.md' leads to "
            "content/notes.md, which is no article or gloss of the archive",
        ),
        (
            DEMO_ARTICLE,
            "[التقرير](report.pdf)",
            "'report.pdf' leads to "
            "content/ar/2020/11/report.pdf, a file the site does not publish: photos and "
            "documents go in content/media/",
        ),
        (
            DEMO_ARTICLE,
            "![صورة](photo.png)",
            "'photo.png' leads to content/ar/2020/11/photo.png, a file the site does not publish",
        ),
        (
            DEMO_ARTICLE,
            "[صورة](../../../media/2020/gone.jpg)",
            "'../../../media/2020/gone.jpg' "
            "leads to content/media/2020/gone.jpg, which does not exist",
        ),
        (
            DEMO_ARTICLE,
            "نص ![](../../../media/2020/photo.png)",
            "an image needs a description "
            "for readers who cannot see it: ![وصف الصورة](../../../media/2020/photo.png)",
        ),
        (
            DEMO_ARTICLE,
            "![التقرير](../../../media/2020/report.pdf)",
            "content/media/2020/report.pdf is no PNG, JPEG, GIF, WebP or AVIF image",
        ),
        (DEMO_ARTICLE, "[خارج](../../../../x.pdf)", "'../../../../x.pdf' leads outside content/"),
        (
            DEMO_ARTICLE,
            "![صورة](../../../media/2020/Photo.PNG)",
            "'../../../media/2020/Photo.PNG' leads to content/media/2020/Photo.PNG, which does "
            "not exist: did you mean content/media/2020/photo.png?",
        ),
        (
            DEMO_ARTICLE,
            "[التقرير](../../../media/2020/reprot.pdf)",
            "'../../../media/2020/reprot.pdf' leads to content/media/2020/reprot.pdf, which does "
            "not exist: did you mean content/media/2020/report.pdf?",
        ),
        (
            DEMO_ARTICLE,
            "اقرأ أيضاً: http://127.0.0.1:8000/ar/2020/10/other/",
            "'http://127.0.0.1:8000/ar/2020/10/other/' is an address of the preview on this "
            "computer (127.0.0.1), which readers cannot open: write the site address, "
            "/ar/2020/10/other/, or link the article's file",
        ),
        (
            "en/" + DEMO_ARTICLE[3:],
            "See [it](http://localhost:8000/en/).",
            "'http://localhost:8000/en/' is an address of the preview on this computer",
        ),
        (
            DEMO_ARTICLE,
            "نص ![صورة الموقع](../../../media/2020/WhatsApp Image.png)",
            "the address '../../../media/2020/WhatsApp Image.png' has a space, where Markdown "
            "ends it: readers see the link as text. Write it in angle brackets, "
            "](<../../../media/2020/WhatsApp Image.png>), or name the file without spaces",
        ),
        (
            "en/" + DEMO_ARTICLE[3:],
            "See [the statement](../../../media/2020/بيان الوزارة.pdf).",
            "the address '../../../media/2020/بيان الوزارة.pdf' has a space",
        ),
        (
            DEMO_ARTICLE,
            "نص ![صورة](https://tracker.example/pixel.gif)",
            "'https://tracker.example/pixel.gif' is an image on another site (tracker.example), "
            "which every reader's browser would fetch from there, telling it who reads the "
            "page: save the file into content/media/ (content/media/2020/photo.jpg) and show "
            "it from there: ![…](../../../media/2020/photo.jpg)",
        ),
        (
            "en/" + DEMO_ARTICLE[3:],
            "A photo: ![the flood](//cdn.example/flood.jpg)",
            "'//cdn.example/flood.jpg' is an image on another site (cdn.example)",
        ),
        (
            "ar/2020/earlier.md",
            "![صورة](http://photos.example/a.png)",
            "'http://photos.example/a.png' is an image on another site (photos.example), "
            "which every reader's browser would fetch from there, telling it who reads the "
            "page: save the file into content/media/ (content/media/2020/photo.jpg) and show "
            "it from there: ![…](../../media/2020/photo.jpg)",
        ),
        (
            DEMO_ARTICLE,
            "![صورة](mailto:a@b.example)",
            "'mailto:a@b.example' is no image file of this site: save the file into content/media/",
        ),
        (
            "en/" + DEMO_ARTICLE[3:],
            "See [it](../10/missing.md).",
            "'../10/missing.md' leads to content/en/2020/10/missing.md, which does not exist",
        ),
    ],
)
def test_a_broken_link_is_an_error_at_its_line_and_the_site_is_left_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str, written: str, expected: str
) -> None:
    root = _project(tmp_path)
    write(root, "content/ar/2020/12/moved.md", MOVED)
    write(root, "content/ar/2020/earlier.md", '---\ntitle: "خبر"\ndate: "2020"\n---\n\nنص.\n')
    assert main(["build", "--root", str(root), "--no-search"]) == 0
    before = snapshot(root / "site")
    line = _append(root, rel, written)
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"content/{rel}:{line}: error: {expected}" in err
    assert snapshot(root / "site") == before


def test_an_address_with_spaces_in_angle_brackets_or_with_a_title_is_a_link(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    photo = root / "content/media/2020/WhatsApp Image 2026.png"
    photo.write_bytes(png(40, 30))
    _append(
        root,
        DEMO_ARTICLE,
        "![صورة](<../../../media/2020/WhatsApp Image 2026.png>) "
        '[التقرير](../../../media/2020/report.pdf "التقرير كاملاً")',
    )
    build(root, root / "site", BASES["/repo/"], search=False)
    page = _page(root / "site", "ar")
    assert '<img src="/repo/media/2020/WhatsApp%20Image%202026.png"' in page
    assert '<a href="/repo/media/2020/report.pdf" title="التقرير كاملاً">' in page
    assert (root / "site/media/2020/WhatsApp Image 2026.png").read_bytes() == photo.read_bytes()


def test_a_link_to_another_host_without_its_scheme_is_external_as_one_with_it(
    tmp_path: Path,
) -> None:
    """`//host/…` leads to another host as `https://host/…` does: rel="external noreferrer"
    (the page it opens cannot reach back to this one), where a site address has none."""
    root = _project(tmp_path)
    _append(
        root,
        DEMO_ARTICLE,
        "[الوكالة](//www.ina.iq/1) و[أخرى](https://www.ina.iq/2) و[السنة](/ar/2020/)",
    )
    build(root, root / "site", BASES["/repo/"], search=False)
    page = _page(root / "site", "ar")
    assert '<a href="//www.ina.iq/1" rel="external noreferrer">الوكالة</a>' in page
    assert '<a href="https://www.ina.iq/2" rel="external noreferrer">أخرى</a>' in page
    assert '<a href="/repo/ar/2020/">السنة</a>' in page


def test_a_link_in_a_later_line_of_a_paragraph_is_named_at_that_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    line = _append(root, DEMO_ARTICLE, "سطر أول\nوسطر ثان فيه [رابط](../10/missing.md)")
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    assert (
        f"content/{DEMO_ARTICLE}:{line + 1}: error: '../10/missing.md'" in capsys.readouterr().err
    )


def test_deleting_a_linked_article_fails_the_build_that_keeps_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The linking article is kept from the last build (keptarticles.py), unchanged: its
    link is checked all the same."""
    root = _project(tmp_path)
    line = _append(root, DEMO_ARTICLE, "[الخبر السابق](../10/other.md)")
    assert main(["build", "--root", str(root), "--no-search"]) == 0
    (root / "content" / OTHER).unlink()
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    assert (
        f"content/{DEMO_ARTICLE}:{line}: error: '../10/other.md' leads to"
        in capsys.readouterr().err
    )


def test_an_edit_adding_a_broken_link_fails_and_a_fixed_one_patches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    base = BASES["/repo/"]
    build(root, root / "site", base, search=False)
    line = _append(root, DEMO_ARTICLE, "[خبر](../10/missing.md)")
    assert main(["build", "--root", str(root), "--no-search", "--base-url", base]) == 1
    assert f"content/{DEMO_ARTICLE}:{line}: error:" in capsys.readouterr().err
    file = root / "content" / DEMO_ARTICLE
    file.write_text(file.read_text(encoding="utf-8").replace("missing", "other"), "utf-8")
    result = build(root, root / "site", base, search=False)
    assert result.written is not None  # patched in place
    assert snapshot(root / "site") == fresh_build(root, tmp_path, base)


@pytest.mark.parametrize("change", ["resized", "added", "deleted"])
def test_a_media_edit_gives_the_site_a_full_build_gives(tmp_path: Path, change: str) -> None:
    root = _project(tmp_path)
    base = BASES["/repo/"]
    _append(root, DEMO_ARTICLE, "![صورة](../../../media/2020/photo.png)")
    build(root, root / "site", base, search=False)
    photo = root / "content/media/2020/photo.png"
    if change == "resized":
        photo.write_bytes(png(64, 48))
    elif change == "added":
        (root / "content/media/2021").mkdir()
        (root / "content/media/2021/map.png").write_bytes(png(10, 10))
    else:
        (root / "content/media/2020/report.pdf").unlink()
    result = build(root, root / "site", base, search=False)
    assert (result.written is not None) == (change == "resized")  # patched in place
    site = snapshot(root / "site")
    assert site == fresh_build(root, tmp_path, base)
    if change == "resized":
        assert b'width="64" height="48"' in site[f"ar/{STORY}/index.html"]
    # Only the files some page shows or links are published (test_media_used.py).
    assert "media/2020/photo.png" in site
    assert "media/2021/map.png" not in site and "media/2020/report.pdf" not in site


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("media/page.html", "a .html file is not published from content/media/"),
        ("media/2020/drawing.svg", "a .svg file is not published from content/media/"),
        ("media/notes", "a file without an ending is not published from content/media/"),
        (
            "media/2020/IMG_0042.HEIC",
            "a .heic photo (a phone's) is not published from content/media/: few browsers "
            "show one; save it as a JPEG (.jpg) and show that",
        ),
        ("media/key.pdf", "this is a symbolic link (a shortcut to "),
        ("media/2020/photo.png", "this is a symbolic link (a shortcut to "),  # replaced: a patch
    ],
)
def test_a_media_file_that_could_act_as_the_site_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str
) -> None:
    """content/ is not trusted (SECURITY.md): a page or an SVG in media/ would run its
    scripts from the site's own address, and a link would publish a file of the machine."""
    root = _project(tmp_path)
    assert main(["build", "--root", str(root), "--no-search"]) == 0
    before = snapshot(root / "site")
    if "symbolic link" in expected:
        secret = tmp_path / "secret.pdf"
        secret.write_bytes(b"%PDF-1.4 not for readers\n")
        (root / "content" / name).unlink(missing_ok=True)
        (root / "content" / name).symlink_to(secret)
    else:
        write(root, f"content/{name}", "<script>alert(1)</script>\n")
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    assert f"content/{name}:1: error: {expected}" in capsys.readouterr().err
    assert snapshot(root / "site") == before
