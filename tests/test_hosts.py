"""Every build states the site's size; a build for a host whose limits the site exceeds fails
and says by how much and what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core.hosts import HOSTS, MiB, SiteSize, over_limits
from newsarchive.pages.environment import PACKAGE_TEMPLATES

from .conftest import IGNORE_COMPILED, walked_size, write


def test_every_build_states_the_size_it_left_with_search_and_after_an_edit(project: Path) -> None:
    site = project / "site"
    assert build(project, site).size == walked_size(site)  # full, with the Pagefind parts
    article = next((project / "content" / "ar").rglob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nفقرة جديدة أطول بكثير مما كان في المقال من قبل.\n", "utf-8")
    edited = build(project, site)
    assert edited.written  # patched in place, its part indexed again
    assert edited.size == walked_size(site) and edited.size.bytes > 0
    assert build(project, site).size == walked_size(site)  # nothing to do: the record's


def test_the_build_command_states_size_and_host(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    said = capsys.readouterr().out
    size = walked_size(project / "site")
    assert f"in {size.files:,} files, within the limits of github-pages" in said


def test_a_site_over_its_hosts_file_limit_fails_saying_by_how_much(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = project / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates, ignore=IGNORE_COMPILED)
    for n in range(20_100):  # scans of an archive's print editions, say
        write(templates, f"static/scans/{n // 1000}/{n}.txt", "x")
    settings = project / "content/site.toml"  # the demo's, with its rights statement
    write(
        project,
        "content/site.toml",
        settings.read_text(encoding="utf-8") + 'host = "cloudflare-pages"\n',
    )
    code = main(["build", "--root", str(project), "--no-search", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "too big for cloudflare-pages" in err and "over its 20,000" in err
    assert '"cloudflare-pages-paid"' in err and 'host = "object-storage"' in err
    # The same site for the paid plan, named on the command line, is fine (a no-op build).
    assert main(["build", "--root", str(project), "--no-search", "--host", "gitlab-pages"]) == 0


def test_an_unknown_host_in_site_toml_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "content/site.toml", 'title_ar = "أرشيف"\n\nhost = "github"\n')
    assert main(["build", "--root", str(project), "--no-search"]) == 1
    assert "content/site.toml:3: error: 'host' must be one of: github-pages" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("host", "size", "expected"),
    [
        ("github-pages", SiteSize(999_000_000, 300_000), None),
        ("github-pages", SiteSize(1_230_000_000, 10), "1.2 GB, 230.0 MB over its 1.0 GB"),
        ("github-pages", SiteSize(1_000_000_400, 10), "1.0 GB, 400 bytes over its 1.0 GB"),
        ("gitlab-pages", SiteSize(10, 250_000), "250,000 files, 50,000 over its 200,000"),
        ("cloudflare-pages", SiteSize(10, 20_050), "20,050 files, 50 over its 20,000"),
        ("cloudflare-pages", SiteSize(10, 30_000), '"cloudflare-pages-paid"'),
        ("object-storage", SiteSize(10**12, 10**7), None),
    ],
)
def test_limits(host: str, size: SiteSize, expected: str | None) -> None:
    found = over_limits(HOSTS[host], size)
    assert found == expected if expected is None else expected in (found or "")


def test_a_file_over_its_hosts_file_limit_is_named_and_fails_until_it_is_smaller(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cloudflare Pages refuses a file over 25 MiB: the build names it, with its size."""
    templates = project / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates, ignore=IGNORE_COMPILED)
    scan = templates / "static/scans/front-page-1990.tif"  # a print edition's scan, say
    scan.parent.mkdir(parents=True)
    scan.write_bytes(bytes(26 * MiB))
    settings = project / "content/site.toml"  # the demo's, with its rights statement
    write(
        project,
        "content/site.toml",
        settings.read_text(encoding="utf-8") + 'host = "cloudflare-pages"\n',
    )
    build_ = ["build", "--root", str(project), "--no-search", "--quiet"]
    assert main(build_) == 1
    err = capsys.readouterr().err
    assert "too big for cloudflare-pages: 1 file over its 25 MiB a file: " in err
    assert "static/scans/front-page-1990.tif (27.3 MB, 1.0 MB over)" in err
    assert "make each file named smaller (a scan, photo or recording in templates/static/: " in err
    assert 'host = "object-storage"' in err
    assert main([*build_, "--host", "gitlab-pages"]) == 0  # no limit of one file there
    # An edit patched in place still knows the file; once it is smaller the site fits.
    article = next((project / "content" / "ar").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", "utf-8")
    edited = build(project, project / "site", search=False)
    assert edited.written and edited.size == walked_size(project / "site")
    assert edited.size.big == (("static/scans/front-page-1990.tif", 26 * MiB),)
    assert main(build_) == 1
    assert "front-page-1990.tif" in capsys.readouterr().err
    scan.write_bytes(bytes(24 * MiB))
    assert main(build_) == 0
    assert capsys.readouterr().err == ""
    assert build(project, project / "site", search=False).size == walked_size(project / "site")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ((("big.tif", 25 * MiB),), None),  # "up to 25 MiB"
        ((("a.tif", 30 * MiB), ("b.tif", 26 * MiB)), "2 files over its 25 MiB a file: a.tif"),
        (
            tuple((f"{n}.tif", 26 * MiB + n) for n in range(5)),
            "files over its 25 MiB a file: 4.tif",
        ),
        (
            tuple((f"{n}.tif", 26 * MiB - n) for n in range(5)),
            "2.tif (27.3 MB, 1.0 MB over) and 2 more",
        ),
    ],
)
def test_file_limits(files: tuple[tuple[str, int], ...], expected: str | None) -> None:
    found = over_limits(HOSTS["cloudflare-pages"], SiteSize(10**6, 10, files))
    assert found == expected if expected is None else expected in (found or "")
    assert over_limits(HOSTS["github-pages"], SiteSize(10**6, 10, files)) is None


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        (
            "media/1990/front-page.jpg",
            "(a scan, photo or recording in content/media/: scale, compress",
        ),
        (
            "static/scans/front-page.tif",
            "(a scan, photo or recording in templates/static/: scale, compress",
        ),
        ("pagefind/huge.pf_index", "(scale, compress or split it)"),  # the build's own
    ],
)
def test_a_file_over_the_limit_is_said_to_come_from_where_the_editor_put_it(
    path: str, hint: str
) -> None:
    """A photo of content/media/ used to be looked for in templates/static/, where the
    message sent the editor whatever the file."""
    found = over_limits(HOSTS["cloudflare-pages"], SiteSize(10**6, 10, ((path, 26 * MiB),)))
    assert found is not None and f"{path} (27.3 MB, 1.0 MB over)" in found
    assert hint in found
    assert ("content/media/" in found) == path.startswith("media/")
    assert ("templates/static/" in found) == path.startswith("static/")
