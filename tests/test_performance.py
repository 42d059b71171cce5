"""Scale machinery: the benchmark corpus, parallel == serial output, the build cache, progress."""

from __future__ import annotations

import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import pytest

from newsarchive.build import compiledtemplates, full
from newsarchive.build.articles import feed_candidates
from newsarchive.build.cache import CACHE_DIR, CACHE_FILE, MAGIC
from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core import urls
from newsarchive.core.model import PartialDate
from newsarchive.pages.atom import MAX_ENTRIES
from newsarchive.pages.environment import PACKAGE_TEMPLATES, make_environment
from newsarchive.pages.feeds import language_feed

from .conftest import DEMO_ARTICLE, IGNORE_COMPILED, REPO, snapshot, walked_size, write
from .sites import PACKAGE_STRINGS, assembled_site
from .webtools import sitemap_urls

sys.path.insert(0, str(REPO / "bench"))
import peers
import run as bench_run
from make_corpus import make_corpus

ARTICLES = 220  # just above parallel.MIN_PARALLEL, so the parallel path really runs
NOINDEX = '<meta name="robots" content="noindex">'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive of ARTICLES articles with glosses (done, pending and stale)."""
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(ARTICLES, root)
    return root


def test_corpus_is_deterministic_and_realistic(corpus: Path, tmp_path: Path) -> None:
    make_corpus(ARTICLES, tmp_path)
    assert snapshot(tmp_path / "content") == snapshot(corpus / "content")
    articles = sorted((corpus / "content" / "ar").rglob("*.md"))
    glosses = sorted((corpus / "content" / "en").rglob("*.md"))
    assert len(articles) == ARTICLES and len(glosses) == ARTICLES // 2
    years = {p.relative_to(corpus / "content" / "ar").parts[0] for p in articles}
    assert len(years) >= 5
    sizes = [p.stat().st_size for p in articles]
    assert 2_000 < sum(sizes) / len(sizes) < 12_000


def test_pelican_same_site_gets_the_glosses_and_entities(corpus: Path, tmp_path: Path) -> None:
    """The benchmark's "same site" Pelican project: every gloss as the translation of its
    article, and the entities our build lists in an article's sidebar as its tags."""
    build(corpus, tmp_path / "site", search=False)
    cmd = peers.pelican_project(corpus, tmp_path / "pelican", same_site=True)
    content = tmp_path / "pelican" / "content"
    translations = sorted(content.glob("*.en.md"))
    assert len(translations) == ARTICLES // 2 and cmd[1] == str(content)
    for english in translations:
        story = english.name.removesuffix(".en.md")
        assert f"\nSlug: {story}\nLang: en\n" in english.read_text(encoding="utf-8")
        arabic = (content / f"{story}.md").read_text(encoding="utf-8")
        tags = arabic.split("\nTags: ", 1)[1].split("\n", 1)[0].split(", ")
        page = next((tmp_path / "site" / "ar").glob(f"*/*/{story}/index.html"))
        sidebar = page.read_text(encoding="utf-8").split('class="entity-sidebar', 1)[1]
        assert tags and all(f">{name}</a>" in sidebar for name in tags)
    assert "ARTICLE_LANG_SAVE_AS" in (tmp_path / "pelican" / "pelicanconf.py").read_text()


def test_parallel_build_is_byte_identical_to_serial(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    serial = build(corpus, tmp_path / "serial", search=False)
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    parallel = build(corpus, tmp_path / "parallel", search=False)
    assert serial.files == parallel.files > 2 * ARTICLES
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    # The size stated is added up as the pages are written, by the parent or the workers.
    assert serial.size == parallel.size == walked_size(tmp_path / "parallel")
    # The generated glosses really exercise stale and pending paragraphs.
    page = (tmp_path / "parallel" / "en" / "2013" / "01" / "story-00000" / "index.html").read_text()
    assert "stale" in page or "outdated" in page.lower()


def test_language_feeds_of_a_full_build_are_those_of_the_whole_site(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers make feed entries only for the articles that may be the newest (by folder);
    the feeds are still those made from every article's full view."""
    site = assembled_site(corpus, None, search=False)
    rels = [f"ar/{view.article.story}.md" for view in site.articles]
    assert MAX_ENTRIES <= len(feed_candidates(rels)) < len(rels) / 2  # the cut really cuts
    for workers in ("1", "2"):
        monkeypatch.setenv("NEWSARCHIVE_WORKERS", workers)
        build(corpus, tmp_path / workers, search=False)
        for lang in urls.LANGS:
            expected = language_feed(site, lang, PACKAGE_STRINGS)
            assert (tmp_path / workers / expected.path).read_bytes() == expected.content


def _dated(rng: random.Random, number: int) -> tuple[str, PartialDate]:
    year, month, day = rng.choice([2019, 2020]), rng.choice([None, 1, 2, 12]), rng.choice([None, 9])
    day = day if month else None
    folder = f"{year}/{month:02d}" if month else f"{year}"
    return f"ar/{folder}/story-{number}.md", PartialDate(year, month, day)


@pytest.mark.parametrize("seed", range(40))
def test_feed_candidates_hold_every_article_that_may_be_among_the_newest(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.choice([1, 3, 10])
    dated = dict(_dated(rng, number) for number in range(rng.randrange(0, 40)))
    cut = sorted((date.sort_key() for date in dated.values()), reverse=True)[:count]
    # newest() takes the `count` newest by date, then by URL among those of the last date
    may_be_newest = {rel for rel, date in dated.items() if cut and date.sort_key() >= cut[-1]}
    chosen = feed_candidates([*dated, "ar/not-an-article.md"], count)
    assert may_be_newest <= chosen <= dated.keys()
    assert len(chosen) >= min(count, len(dated))


def test_parallel_build_reports_a_list_template_error_with_its_position(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Entity pages are rendered by the processes of the second phase alone.
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    root = tmp_path / "project"
    shutil.copytree(corpus / "content", root / "content")
    shutil.copytree(PACKAGE_TEMPLATES, root / "templates", ignore=IGNORE_COMPILED)
    page = root / "templates/entity.html"
    page.write_text(page.read_text("utf-8").replace("{% endif %}", "{% endfi %}", 1), "utf-8")
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    assert re.search(r"templates/entity\.html:\d+: error: template error", capsys.readouterr().err)
    assert not (root / "site").exists()


def test_parallel_build_names_each_file_its_workers_cannot_read(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The workers read the articles and glosses they parse (the build process holds none):
    a file that is not text is named with its line, and nothing is lost (a symbolic link
    stops the build before any is read: test_symbolic_links.py)."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    root = tmp_path / "project"
    shutil.copytree(corpus / "content", root / "content")
    assert main(["build", "--root", str(root), "--no-search", "--quiet"]) == 0
    before = snapshot(root / "site")
    articles = sorted((root / "content/ar").rglob("*.md"))
    glossed = [
        a for a in articles if (root / "content/en" / a.relative_to(root / "content/ar")).exists()
    ]
    broken, gloss_of = articles[-1], glossed[len(glossed) // 2]
    broken.write_bytes(broken.read_bytes().replace(b"\n\n", b"\n\n\xff", 1))
    gloss = root / "content/en" / gloss_of.relative_to(root / "content/ar")
    gloss.write_bytes(b"---\n\x00\n")
    assert main(["build", "--root", str(root), "--no-search"]) == 1
    err = capsys.readouterr().err
    line = broken.read_bytes().split(b"\xff")[0].count(b"\n") + 1
    assert f"{broken.relative_to(root).as_posix()}:{line}: error: file is not valid UTF-8" in err
    assert f"{gloss.relative_to(root).as_posix()}:2: error: file contains a NUL character" in err
    assert snapshot(root / "site") == before


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_noop_rebuild_skips_and_a_deleted_site_rebuilds(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "content").parent.mkdir(parents=True, exist_ok=True)
    os.symlink(corpus / "content", root / "content")  # the cache lives in root, not in corpus
    first = build(root, root / "site", search=False)
    before = _stamps(root / "site")
    again = build(root, root / "site", search=False)
    assert (again.files, again.unchanged) == (0, first.files)
    assert _stamps(root / "site") == before  # not a byte rewritten
    # Deleting the output by hand only costs a build.
    shutil.rmtree(root / "site")
    rebuilt = build(root, root / "site", search=False)
    assert rebuilt.files == first.files and (root / "site" / "index.html").is_file()


def test_corrupt_or_stale_cache_only_costs_time(tmp_path: Path, project: Path) -> None:
    reference = tmp_path / "reference"
    build(project, project / "site", search=False)
    cache = project / CACHE_DIR / CACHE_FILE
    record = cache.read_bytes()
    fields = pickle.loads(record[len(MAGIC) + 4 :])
    flipped = bytearray(record)
    flipped[len(record) // 2] ^= 1
    article = project / "content/ar/2020/11/coalition-us-forces-syria-iraq.md"
    article.write_text(article.read_text() + "\nفقرة جديدة عن البيشمركة.\n", encoding="utf-8")
    for damage in (
        b"{not a record",
        _sealed((*fields[:2], "many", *fields[3:])),  # a checksum that fits, a field that does not
        _sealed(fields[:-1]),
        bytes(flipped),
        record[:-9],
        b"",
        record,  # intact but stale
    ):
        cache.write_bytes(damage)
        result = build(project, project / "site", search=False)
        assert result.files > 0  # the edit is never skipped, whatever the cache holds
        build(project, reference, search=False)
        assert snapshot(project / "site") == snapshot(reference)
        assert (
            "فقرة جديدة عن"
            in (project / "site/ar/2020/11/coalition-us-forces-syria-iraq/index.html").read_text()
        )
    cache.unlink()
    assert build(project, project / "site", search=False).files > 0


def test_compiled_templates_stay_out_of_projects_and_are_no_input(project: Path) -> None:
    build(project, project / "site", search=False)
    # The tool's own templates are compiled once for every project, beside them.
    assert not (project / CACHE_DIR / "templates").exists()
    assert any((PACKAGE_TEMPLATES / "__pycache__").glob("*.cache"))
    # A project's own are compiled into its build cache, never into its templates folder.
    shutil.copytree(PACKAGE_TEMPLATES, project / "templates", ignore=IGNORE_COMPILED)
    with (project / "templates/base.html").open("a", encoding="utf-8") as base:
        base.write("{# the project's own #}\n")
    assert build(project, project / "site", search=False).files > 0
    assert any((project / CACHE_DIR / "templates").iterdir())
    assert not (project / "templates/__pycache__").exists()
    # Nor is what a templates/__pycache__ holds an input: the next build is skipped.
    write(project, "templates/__pycache__/other.cache", "compiled elsewhere")
    assert build(project, project / "site", search=False).files == 0


def test_templates_compiled_by_an_earlier_generator_are_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept template compiled by an earlier version of the code generator (Jinja's own
    here) is not run: it is compiled again into the code of the current one."""
    write(tmp_path, "templates/page.html", "{{ f('x') }}")
    monkeypatch.setattr(compiledtemplates, "COMPILED_CODE", "an earlier version")
    earlier = make_environment(
        tmp_path / "templates",
        compiledtemplates.compiled_templates(tmp_path, tmp_path / "templates"),
    )
    earlier.code_generator_class = jinja2.compiler.CodeGenerator
    assert "plain_call" not in earlier.get_template("page.html").root_render_func.__globals__
    monkeypatch.undo()
    ours = make_environment(
        tmp_path / "templates",
        compiledtemplates.compiled_templates(tmp_path, tmp_path / "templates"),
    )
    page = ours.get_template("page.html")
    assert "plain_call" in page.root_render_func.__globals__
    assert page.render(f=str.upper) == "X"


def _sealed(fields: tuple[object, ...]) -> bytes:
    """A record file with these fields and a checksum that fits them."""
    payload = pickle.dumps(fields)
    return MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload


def test_summary_line_and_quiet(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    first = capsys.readouterr()
    assert first.err == ""  # not a terminal: no progress lines
    assert re.match(r"built \d+ files in \d+\.\d\d s, 0 warning\(s\) -> /", first.out)
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    line = capsys.readouterr().out
    assert re.match(r"up to date, \d+ files unchanged in [0-9.]+ s, 0 warning\(s\)", line)
    edit = project / "content" / DEMO_ARTICLE
    edit.write_text(edit.read_text(encoding="utf-8") + "\nفقرة أخيرة.\n", encoding="utf-8")
    assert main(["build", "--root", str(project), "--no-search"]) == 0
    line = capsys.readouterr().out
    # 1 warning: a paragraph added to a published article with no correction note.
    assert re.match(r"updated \d+ files, \d+ unchanged in [0-9.]+ s, 1 warning\(s\)", line)
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_build_py_process_reports_its_summary_and_errors_through_pipes(project: Path) -> None:
    # build.py leaves with os._exit (no object-by-object teardown): what it printed into a
    # pipe, block-buffered, must still arrive, and its exit code must be the build's.
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, str(REPO / "build.py"), "build", "--root", str(project), *args]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as for users
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=120, check=False, env=env
        )

    done = run("--no-search")
    assert done.returncode == 0 and done.stdout.startswith("built ") and "warning(s)" in done.stdout
    (project / "content/ar/2020/11/broken.md").write_text("---\ntitle: [\n---\n", "utf-8")
    failed = run("--no-search")
    assert failed.returncode != 0 and "content/ar/2020/11/broken.md" in failed.stderr


def test_memory_sampling_survives_a_process_that_ends_while_it_looks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The benchmark samples the memory of its builds' process trees every 20 ms; a process
    that ends between the check of its /proc folder and the listing of it counts as itself
    alone (the sampling thread once died of it, and the run's peak was lost)."""
    held = [sys.executable, "-c", "import time; x = bytearray(64 << 20); time.sleep(0.5)"]
    assert bench_run.measure(held).peak_mb > 60

    def vanished(folder: Path, pattern: str) -> list[Path]:
        raise FileNotFoundError(2, "No such file or directory", str(folder))

    monkeypatch.setattr(Path, "glob", vanished)
    assert bench_run._tree(os.getpid()) == [os.getpid()]


def test_the_benchmark_table_states_the_site_each_cold_build_made(tmp_path: Path) -> None:
    """The benchmark states each tier's output, counted as the build states it
    (every file, hidden ones included, as a host counts them)."""
    site = tmp_path / "site"
    (site / "ar/2020").mkdir(parents=True)
    (site / "index.html").write_bytes(b"x" * 1500)
    (site / "ar/2020/index.html").write_bytes(b"y" * 2_000_000)
    (site / ".nojekyll").write_bytes(b"")
    quick = bench_run.Run(1.0, 10.0)
    rows = {
        200: dict.fromkeys(
            ("cold", "cold_search", "noop", "edit", "edit_search", "noop_search"), quick
        )
    }
    outputs = {200: {"cold": bench_run.site_size(site)}}
    text = bench_run.table(rows, {200: 1}, outputs)
    assert text.endswith("| 200 | 2.0 MB in 3 files | – |")


def test_the_benchmark_writes_its_table_into_the_docs_only_when_asked() -> None:
    """A quick look or a run on another machine must not overwrite docs/benchmarks.md."""
    assert not bench_run.options(["--sizes", "1000", "--no-peers"]).write_docs
    assert bench_run.options(["--sizes", "1000", "--write-docs"]).write_docs


@pytest.mark.parametrize("walk_misses_pages", [False, True])
def test_the_sitemap_made_beside_the_workers_lists_every_page_they_wrote(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walk_misses_pages: bool
) -> None:
    """The crawler files are made from a walk over the site while the pages are written (by
    either process: calls are counted in a file); should that walk miss a page, they are made
    again from those written."""
    made = tmp_path / "crawler-files-made"
    real_crawler_files, real_walk = full.crawler_files, full.page_paths

    def counted(*args: Any) -> Any:
        with made.open("a") as calls:
            calls.write(f"{os.getpid()}\n")
        return real_crawler_files(*args)

    monkeypatch.setattr(full, "crawler_files", counted)
    if walk_misses_pages:
        monkeypatch.setattr(
            full,
            "page_paths",
            lambda *args: [p for p in real_walk(*args) if "/entities/" not in p],
        )
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    build(corpus, tmp_path / "site", "https://example.org/a/", search=False)
    site = tmp_path / "site"
    listed = {url.removeprefix("https://example.org/a/") for url in sitemap_urls(site)}
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    # All but the noindex ones: the status pages, the pages of entities no article names.
    noindex = {p for p in pages if NOINDEX in (site / p / "index.html").read_text("utf-8")}
    assert listed == {"" if p == "./" else p for p in pages - noindex}
    assert any("/entities/" in p for p in listed) and any("/entities/" in p for p in noindex)
    assert all(p.startswith(("en/status/", "ar/entities/", "en/entities/")) for p in noindex)
    assert len(made.read_text().split()) == (2 if walk_misses_pages else 1)
