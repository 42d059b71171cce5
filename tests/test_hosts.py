"""Every build states the site's size; a build for a host whose limits the site exceeds fails
and says by how much and what to do."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.build.workers import MIN_PARALLEL
from newsarchive.cli import main
from newsarchive.core.hosts import HOSTS, SiteSize, over_limits
from newsarchive.pages.environment import PACKAGE_TEMPLATES

from .conftest import IGNORE_COMPILED, REPO, write


def _walked(site: Path) -> SiteSize:
    """The site's size as an upload would count it: every file, hidden ones included."""
    sizes = [os.path.getsize(Path(d) / f) for d, _, files in os.walk(site) for f in files]
    return SiteSize(sum(sizes), len(sizes))


def test_every_build_states_the_size_it_left_with_search_and_after_an_edit(project: Path) -> None:
    site = project / "site"
    assert build(project, site).size == _walked(site)  # full, with the Pagefind parts
    article = next((project / "content" / "ar").rglob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nفقرة جديدة أطول بكثير مما كان في المقال من قبل.\n", "utf-8")
    edited = build(project, site)
    assert edited.written  # patched in place, its part indexed again
    assert edited.size == _walked(site) and edited.size.bytes > 0
    assert build(project, site).size == _walked(site)  # nothing to do: the record's


@pytest.fixture(scope="module")
def hundreds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive just big enough for the build to start workers."""
    sys.path.insert(0, str(REPO / "bench"))
    from make_corpus import make_corpus

    root = tmp_path_factory.mktemp("hundreds")
    make_corpus(MIN_PARALLEL + 20, root)
    return root


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_build_of_hundreds_adds_up_the_size_it_wrote(
    hundreds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """The size is added up as the pages are written (no walk over the finished site): by
    the parent alone and by workers, with a folder of the user's own static files."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", workers)
    root = tmp_path / "archive"
    shutil.copytree(hundreds / "content", root / "content")
    shutil.copytree(PACKAGE_TEMPLATES, root / "templates", ignore=IGNORE_COMPILED)
    write(root / "templates", "static/scans/1990/front.txt", "صفحة أولى" * 500)
    result = build(root, root / "site", search=False)
    assert result.size == _walked(root / "site")
    assert result.pages > 2 * MIN_PARALLEL  # the pages counted: articles, lists, feeds


def test_the_build_command_states_size_and_host(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    said = capsys.readouterr().out
    size = _walked(project / "site")
    assert f"in {size.files:,} files, within the limits of github-pages" in said


def test_a_site_over_its_hosts_file_limit_fails_saying_by_how_much(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = project / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates, ignore=IGNORE_COMPILED)
    for n in range(20_100):  # scans of an archive's print editions, say
        write(templates, f"static/scans/{n // 1000}/{n}.txt", "x")
    write(project, "content/site.toml", 'title_ar = "أرشيف"\nhost = "cloudflare-pages"\n')
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
        ("github-pages", SiteSize(1_230_000_000, 10), "1.2 GB, 23% over its 1.0 GB"),
        ("gitlab-pages", SiteSize(10, 250_000), "250,000 files, 25% over its 200,000"),
        ("cloudflare-pages", SiteSize(10, 30_000), '"cloudflare-pages-paid"'),
        ("object-storage", SiteSize(10**12, 10**7), None),
    ],
)
def test_limits(host: str, size: SiteSize, expected: str | None) -> None:
    found = over_limits(HOSTS[host], size)
    assert found == expected if expected is None else expected in (found or "")
