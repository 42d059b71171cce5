"""Publishing to GitHub Pages: the workflow, the base URL, sitemap, robots.txt and .nojekyll."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from newsarchive.build.engine import build
from newsarchive.content.config import parse_config
from newsarchive.core.urls import absolute
from newsarchive.pages import sitemap
from newsarchive.pages.sitemap import SitemapPage, sitemap_files, sitemap_pages, sitemap_xml

from .conftest import REPO, snapshot

BASE = "https://example.github.io/repo/"
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("workflow", ["pages.yml", "deploy-rclone.yml", "check.yml"])
def test_workflow_validates_against_the_github_workflow_schema(workflow: str) -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW.parent / workflow)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", ["pages.yml", "deploy-rclone.yml", "check.yml"])
def test_workflow_gives_each_job_the_least_it_needs(workflow: str) -> None:
    """Only the job that deploys to Pages may write there and get an OIDC token; every
    checkout leaves no token in .git/config (nothing pushes); no `${{ … }}` is pasted into
    a shell script's text, where a value could run as code: values come in through env."""
    flow = yaml.safe_load((WORKFLOW.parent / workflow).read_text("utf-8"))
    assert flow["permissions"] == {"contents": "read"}
    for name, job in flow["jobs"].items():
        granted = {**flow["permissions"], **job.get("permissions", {})}
        deploys = any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
        writes = {k for k, v in granted.items() if v == "write"}
        assert writes == ({"pages", "id-token"} if deploys else set()), name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
            assert "${{" not in step.get("run", ""), (name, step["name"])


def test_workflow_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace("runs-on:", "runs_on:"), "utf-8")
    tool = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0


def test_workflow_builds_with_the_readme_command_and_deploys_with_pages_actions() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert flow["concurrency"]["group"] == "pages"
    enabled = flow["jobs"]["pages-enabled"]
    configure = enabled["steps"][0]
    assert configure["uses"].startswith("actions/configure-pages@v")
    assert enabled["outputs"]["base_url"] == "${{ steps.pages.outputs.base_url }}"
    build_steps = flow["jobs"]["build"]["steps"]
    upload = next(
        s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    made = next(s for s in build_steps if "run" in s)
    assert made["run"] == 'make site BASE_URL="$PAGES_BASE_URL/" HOST=github-pages'
    assert made["env"]["PAGES_BASE_URL"] == "${{ needs.pages-enabled.outputs.base_url }}"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@v")
    readme = (REPO / "README.md").read_text("utf-8")
    assert "make site" in readme and "GitHub Actions" in readme


def _runs(condition: str, event: str, publish_to: str, base_url: str = "") -> bool:
    """A job's `if:` as Actions reads it, for the few expressions these workflows use."""
    python = condition.replace("||", " or ").replace("&&", " and ")
    known = {
        "vars.PUBLISH_TO": publish_to,
        "github.event_name": event,
        "needs.pages-enabled.outputs.base_url": base_url,
    }
    assert set(re.findall(r"[a-z_]+\.[\w.-]+", python)) <= set(known), condition
    for name, value in known.items():
        python = python.replace(name, repr(value))
    assert re.fullmatch(r"[^()]*", python), condition  # nothing but comparisons, or, and
    return bool(eval(python, {"__builtins__": {}}))  # the workflows' own text


@pytest.mark.parametrize("publish_to", ["", "github-pages", "object-storage"])
def test_a_push_publishes_to_one_place_the_variable_publish_to_names(publish_to: str) -> None:
    """Both workflows on every push published two copies (duplicate content), and the Pages
    one failed at every push once the site outgrew Pages' 1 GB."""
    pages = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    storage = yaml.safe_load((WORKFLOW.parent / "deploy-rclone.yml").read_text("utf-8"))
    for flow in (pages, storage):  # PyYAML reads the key `on` as True
        assert flow[True]["push"]["branches"] == ["main"] and "workflow_dispatch" in flow[True]
    jobs = pages["jobs"]
    to_pages = _runs(jobs["pages-enabled"]["if"], "push", publish_to) and _runs(
        jobs["build"]["if"], "push", publish_to, "https://u.github.io/news"
    )
    assert not _runs(jobs["build"]["if"], "push", publish_to, "")  # Pages not enabled: skipped
    to_storage = _runs(storage["jobs"]["deploy"]["if"], "push", publish_to)
    assert (to_pages, to_storage) == (
        publish_to != "object-storage",
        publish_to == "object-storage",
    )
    assert _runs(storage["jobs"]["deploy"]["if"], "workflow_dispatch", publish_to)  # by hand


@pytest.mark.skipif(shutil.which("rclone") is None, reason="needs Debian's rclone")
def test_pages_workflow_uploads_the_files_deploy_publishes(project: Path) -> None:
    """What the workflow leaves in site/ for upload is what `deploy` sends: not the build's
    marker (.newsarchive-build) nor what Pagefind indexed (.search/)."""
    build(project, project / "site", BASE)
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["build"]["steps"]
    deployed = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "deploy", "./deployed", "--no-check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert deployed.returncode == 0, deployed.stderr
    after_build = [s["run"] for s in steps if "run" in s and not s["run"].startswith("make ")]
    for command in after_build:
        subprocess.run(["bash", "-e", "-c", command], cwd=project, check=True)
    uploaded = snapshot(project / "site")
    assert sorted(uploaded) == sorted(snapshot(project / "deployed"))


def test_object_storage_workflow_stops_first_when_its_settings_are_unset() -> None:
    """Its settings step, run as Actions runs it: each unset variable and secret named,
    nothing built. A missing key used to be found only after the whole build, by rclone."""
    flow = yaml.safe_load((WORKFLOW.parent / "deploy-rclone.yml").read_text("utf-8"))
    first = flow["jobs"]["deploy"]["steps"][0]
    settings = {
        "SITE_BASE_URL": "https://news.example.org/",
        "SITE_BUCKET": "b",
        "RCLONE_S3_PROVIDER": "Cloudflare",
        "RCLONE_S3_ACCESS_KEY_ID": "key",
        "RCLONE_S3_SECRET_ACCESS_KEY": "secret",
    }

    def check(**unset: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-e", "-c", first["run"]],
            env={"PATH": "/usr/bin:/bin", **settings, **unset},
            capture_output=True,
            text=True,
            check=False,
        )

    assert set(first["env"]) == set(settings)
    assert check().returncode == 0
    unset = check(SITE_BASE_URL="", SITE_BUCKET="")
    assert unset.returncode != 0
    assert "set the variable SITE_BASE_URL" in unset.stdout
    assert "set the variable SITE_BUCKET" in unset.stdout
    keys = check(RCLONE_S3_ACCESS_KEY_ID="", RCLONE_S3_SECRET_ACCESS_KEY="")
    assert keys.returncode != 0
    assert "set the secret RCLONE_S3_ACCESS_KEY_ID" in keys.stdout
    assert "set the secret RCLONE_S3_SECRET_ACCESS_KEY" in keys.stdout
    assert "RCLONE_S3_PROVIDER" not in keys.stdout


@pytest.mark.parametrize("workflow", ["pages.yml", "deploy-rclone.yml", "check.yml"])
def test_workflow_settings_reach_the_shell_as_variables(workflow: str) -> None:
    """`${{ vars.X }}` in a `run:` script is pasted into its text: a quote in the value ends
    the string and the rest runs as a command. Values the repository's settings hold go
    through `env:`."""
    flow = yaml.safe_load((WORKFLOW.parent / workflow).read_text("utf-8"))
    for job in flow["jobs"].values():
        for step in job["steps"]:
            for kind in ("vars.", "secrets."):
                assert "${{ " + kind not in step.get("run", ""), step["name"]


def test_make_site_passes_base_url_only_when_given() -> None:
    def dry_run(*extra: str) -> str:
        done = subprocess.run(
            ["make", "-n", "--no-print-directory", "site", *extra],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    assert dry_run("BASE_URL=https://user.github.io/repo").endswith(
        'build.py build --base-url "https://user.github.io/repo"'
    )
    assert "--base-url" not in dry_run()


def test_configure_pages_base_url_without_slash_is_accepted() -> None:
    assert parse_config("", "site.toml", "https://user.github.io/repo").base_path == "/repo/"
    assert parse_config("", "site.toml", "https://news.example.org").base_path == "/"


def test_sitemap_alternates_pair_only_existing_pages() -> None:
    pages = {
        p.path: p.versions
        for p in sitemap_pages(
            [
                "index.html",
                "ar/x/index.html",
                "en/x/index.html",
                "ar/y/index.html",
                "404.html",
                "ar/feed.xml",
            ]
        )
    }
    assert set(pages) == {"", "ar/x/", "en/x/", "ar/y/"}
    assert pages["ar/x/"] == pages["en/x/"] == (("ar", "ar/x/"), ("en", "en/x/"))
    assert pages["ar/y/"] == (("ar", "ar/y/"),)


def _element_tree_sitemap(base: str, pages: list[SitemapPage]) -> bytes:
    """The sitemap as ElementTree writes it (what sitemap_xml wrote before it built text)."""
    config = parse_config("", "site.toml", base)
    root = ET.Element("urlset", {"xmlns": NS["s"], "xmlns:xhtml": NS["x"]})
    for page in pages:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = absolute(config, page.path)
        if len(page.versions) > 1:
            for lang, path in page.versions:
                attrs = {"rel": "alternate", "hreflang": lang, "href": absolute(config, path)}
                ET.SubElement(url, "xhtml:link", attrs)
    ET.indent(root)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ).encode()


@pytest.mark.parametrize("base", [BASE, "https://news.example.org/a&b/"])
def test_sitemap_text_is_what_element_tree_writes(base: str) -> None:
    odd = ["ar/a&b<\"c'>/index.html", "en/a&b<\"c'>/index.html", "ar/سوريا/index.html"]
    for pages in ([], sitemap_pages(["index.html", *odd])):
        config = parse_config("", "site.toml", base)
        assert sitemap_xml(config, pages) == _element_tree_sitemap(base, pages)


def _listed(files: list[bytes]) -> list[str]:
    """The page URLs of sitemap files, in order; each file holds at least one."""
    found: list[str] = []
    for content in files:
        locs = [url.findtext("s:loc", namespaces=NS) for url in ET.fromstring(content).iter()]
        locs = [loc for loc in locs if loc]
        assert locs
        found += locs
    return found


def test_a_sitemap_over_the_protocols_limits_becomes_an_index_of_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At most 50,000 URLs and 50 MB a file (sitemaps.org): sitemap.xml is an index of
    sitemap-1.xml.gz, sitemap-2.xml.gz, … (gzip-compressed, as the protocol allows) that list
    every page once, in order, each with its language versions wherever they are listed."""
    config = parse_config("", "site.toml", BASE)
    paths = [f"{lang}/{i:02d}/index.html" for i in range(7) for lang in ("ar", "en")]
    pages = sitemap_pages(paths)
    assert [f.path for f in sitemap_files(config, pages)] == ["sitemap.xml", "sitemap-1.xml.gz"]
    monkeypatch.setattr(sitemap, "MAX_URLS", 5)
    files = sitemap_files(config, pages)
    names = [f"sitemap-{n}.xml.gz" for n in (1, 2, 3)]
    assert [f.path for f in files] == ["sitemap.xml", *names]
    index = ET.fromstring(files[0].content)
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    assert [loc.text for loc in index.iter(f"{{{NS['s']}}}loc")] == [BASE + n for n in names]
    parts = [gzip.decompress(f.content) for f in files[1:]]
    assert _listed(parts) == [absolute(config, p.path) for p in pages]
    assert [len(ET.fromstring(part).findall("s:url", NS)) for part in parts] == [5, 5, 4]
    assert all(part.count(b"<xhtml:link") == 2 * part.count(b"<url>") for part in parts)
    monkeypatch.setattr(sitemap, "MAX_URLS", 50_000)
    monkeypatch.setattr(sitemap, "MAX_BYTES", len(sitemap_xml(config, pages)) // 3)
    files = sitemap_files(config, pages)
    parts = [gzip.decompress(f.content) for f in files[1:]]
    assert len(parts) > 2 and all(len(part) <= sitemap.MAX_BYTES for part in parts)
    assert _listed(parts) == [absolute(config, p.path) for p in pages]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pub")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", BASE, search=False)
    return root / "site"


def _file_of(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    rest = url[len(BASE) :]
    return site / (rest + "index.html" if rest == "" or rest.endswith("/") else rest)


def test_sitemap_lists_every_page_with_reciprocal_alternates(site: Path) -> None:
    assert [loc.text for loc in ET.parse(site / "sitemap.xml").iter(f"{{{NS['s']}}}loc")] == [
        BASE + "sitemap-1.xml.gz"
    ]
    root = ET.fromstring(gzip.decompress((site / "sitemap-1.xml.gz").read_bytes()))
    entries = root.findall("s:url", NS)
    locs = [u.findtext("s:loc", namespaces=NS) or "" for u in entries]
    assert all(_file_of(site, loc).is_file() for loc in locs)
    status = site / "en" / "status"  # the editors' pages are noindex and left out
    pages = {p for p in site.rglob("index.html") if not p.is_relative_to(status)}
    assert {_file_of(site, loc) for loc in locs} == pages
    assert (status / "index.html").is_file()
    alternates = {
        u.findtext("s:loc", namespaces=NS): {
            (link.get("hreflang"), link.get("href")) for link in u.findall("x:link", NS)
        }
        for u in entries
    }
    article = BASE + "ar/2020/11/coalition-us-forces-syria-iraq/"
    english = BASE + "en/2020/11/coalition-us-forces-syria-iraq/"
    assert alternates[article] == {("ar", article), ("en", english)}
    for loc, links in alternates.items():
        assert not links or (None, None) not in links
        for _, href in links:
            assert alternates[href] == links, (
                loc
            )  # each version lists the same set, itself included


def test_robots_nojekyll_and_root_404(site: Path) -> None:
    robots = (site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()
    assert (site / ".nojekyll").is_file()
    page = (site / "404.html").read_text("utf-8")
    assert 'href="/repo/static/css/site.css"' in page
    assert 'lang="en"' in page and 'lang="ar"' in page
    # Served at every missing address: not one to name or index.
    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="canonical"' not in page and "og:url" not in page


def test_a_build_over_the_limits_writes_the_index_and_its_parts(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 20)
    build(project, project / "site", BASE, search=False)
    site = project / "site"
    parts = sorted(site.glob("sitemap-*.xml.gz"))
    assert len(parts) >= 3 and (site / "sitemap.xml").read_bytes().startswith(
        b'<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex'
    )
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    pages = {p for p in pages if not p.startswith("en/status/")}
    listed = _listed([gzip.decompress(part.read_bytes()) for part in parts])
    assert sorted(listed) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    assert len(listed) == len(set(listed))  # every page exactly once
    assert all(part.stat().st_size < 20 * 400 for part in parts)  # compressed: 20 URLs each
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
