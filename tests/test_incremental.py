"""One engine: the dev server's builds are the command line's, whatever the order and options;
after any sequence of edits (told by the watcher or not) the folder equals a fresh full build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.pages.environment import PACKAGE_TEMPLATES
from newsarchive.serve.loop import Preview

from .conftest import DEMO_ARTICLE, snapshot

BASE = "https://example.github.io/repo/"
SECOND = "content/ar/2020/11/second-story.md"


def _full_build(root: Path, tmp: Path, base_url: str | None = BASE, search: bool = False) -> Path:
    """A fresh full build of a copy of root's inputs, with no record: the folder built."""
    clean = tmp / "fresh"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root / "content", clean / "content")
    if (root / "templates").is_dir():
        shutil.copytree(root / "templates", clean / "templates")
    build(clean, clean / "site", base_url, search=search)
    return clean / "site"


def _differ(live: Path, full: Path, skip: str = "pagefind/") -> list[str]:
    a, b = snapshot(live), snapshot(full)
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p) and not p.startswith(skip))


def _edit(root: Path, rel: str, old: str, new: str) -> Path:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def _move_to_december(root: Path) -> list[Path]:
    (root / "content/ar/2020/12").mkdir()
    moved = root / "content/ar/2020/12/second-story.md"
    (root / SECOND).rename(moved)
    _edit(root, "content/ar/2020/12/second-story.md", "2020-11-20", "2020-12-01")
    return [root / SECOND, moved.parent]  # a folder event: the build walks everything


def test_watched_edit_sequence_matches_full_build(project: Path, tmp_path: Path) -> None:
    """Each step passes the files a watcher would name; the folder is a full build's."""
    shutil.copytree(PACKAGE_TEMPLATES, project / "templates", ignore=shutil.ignore_patterns("__*"))
    preview = Preview(project, project / "site", BASE, search=False)
    assert preview.rebuild().everything
    second = project / SECOND
    second.write_text(
        '---\ntitle: "خبر ثان"\ndate: "2020-11-20"\n---\n\nقال دونالد ترامب إن القوات باقية.\n',
        encoding="utf-8",
    )
    css = "templates/static/css/site.css"
    steps: list[Callable[[], list[Path]]] = [
        lambda: [second],  # a new article
        lambda: [_edit(project, SECOND, "إن القوات باقية", "إن القوات ستغادر سوريا")],  # body
        lambda: [_edit(project, SECOND, "خبر ثان", "عنوان جديد")],  # title
        lambda: _move_to_december(project),  # a date change moves the file
        lambda: [_edit(project, "content/entities.yaml", "en: Donald Trump", "en: D. Trump")],
        lambda: [
            _edit(
                project,
                css,
                "}",
                "}\n/* edited */",
            )
        ],  # a stylesheet alone
        lambda: [_edit(project, "templates/base.html", "<body>", '<body class="edited">')],
        lambda: [_edit(project, "content/" + DEMO_ARTICLE, "\n---\n", "\n---\nفقرة جديدة.\n\n")],
    ]
    kinds = []
    for step in steps:
        done = preview.rebuild(changed=step())
        kinds.append(done.result.written)
        assert not _differ(project / "site", _full_build(project, tmp_path))
    assert kinds[5] == ("static/css/site.css",)  # a stylesheet edit writes that file only
    assert kinds[1] is not None and 0 < len(kinds[1]) < 20  # an edit is patched, not rebuilt


def test_body_edit_rewrites_only_pages_that_show_it(project: Path) -> None:
    other = "content/ar/2019/05/other-story.md"
    (project / other).parent.mkdir(parents=True)
    (project / other).write_text(
        '---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nنص قديم.\n', "utf-8"
    )
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    edited = _edit(project, other, "نص قديم.", "نص جديد.")
    written = preview.rebuild(changed=[edited]).result.written
    # its pages and the lists showing it; not the other article nor entity pages
    assert written is not None and "ar/2019/05/other-story/index.html" in written
    assert not any("entities/" in p or "static/" in p or "coalition" in p for p in written)
    assert preview.rebuild(changed=[edited]).result.written == ()  # nothing changed since


def test_failed_rebuild_keeps_last_good_site(project: Path) -> None:
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    before = snapshot(project / "site")
    broken = _edit(project, "content/" + DEMO_ARTICLE, 'title: "', 'title: [broken "')
    with pytest.raises(BuildFailed) as failed:
        preview.rebuild(changed=[broken])
    assert failed.value.diagnostics[0].path == "content/" + DEMO_ARTICLE
    assert snapshot(project / "site") == before


def test_files_changed_before_a_failed_build_are_looked_at_again(project: Path) -> None:
    """The watcher names a file once; a failed build must not make the next one forget it."""
    gloss = "content/en/2020/11/coalition-us-forces-syria-iraq.md"
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    broken = _edit(project, "content/" + DEMO_ARTICLE, 'title: "', 'title: [broken "')
    with pytest.raises(BuildFailed):
        preview.rebuild(changed=[broken])
    other = _edit(project, gloss, "The international coalition said", "The coalition said")
    with pytest.raises(BuildFailed):  # the article is still broken, though not named again
        preview.rebuild(changed=[other])


@pytest.mark.parametrize(
    ("serve_options", "build_args", "fresh_options"),
    [
        ((BASE, False), ["--no-search"], (None, False)),  # serve under /repo/, then build
        ((None, False), ["--base-url", BASE, "--no-search"], (BASE, False)),
        ((None, False), [], (None, True)),  # serve --no-search, then build with search
        ((None, True), ["--no-search"], (None, False)),  # and the other way round
    ],
)
def test_serve_then_build_leaves_what_a_fresh_full_build_makes(
    project: Path,
    tmp_path: Path,
    serve_options: tuple[str | None, bool],
    build_args: list[str],
    fresh_options: tuple[str | None, bool],
) -> None:
    """The server's builds write the record the command line reads: no stale site after."""
    Preview(project, project / "site", *serve_options).rebuild()
    assert main(["build", "--root", str(project), "--quiet", *build_args]) == 0
    full = _full_build(project, tmp_path, *fresh_options)
    assert not _differ(project / "site", full)
    assert (project / "site/pagefind").is_dir() == fresh_options[1]
    if fresh_options[1]:
        assert sorted(p.name for p in (project / "site/pagefind").iterdir()) == sorted(
            p.name for p in (full / "pagefind").iterdir()
        )


def test_a_build_by_another_command_is_noticed(project: Path) -> None:
    """`build --no-search` beside the server: the server sees the record change and builds its
    own options again, so its search index comes back whole."""
    preview = Preview(project, project / "site", None, search=True)
    preview.rebuild()
    assert not preview.record_changed()
    assert main(["build", "--root", str(project), "--quiet", "--no-search"]) == 0
    assert preview.record_changed() and not (project / "site/pagefind").exists()
    assert preview.rebuild().everything
    assert (project / "site/pagefind/parts.json").is_file()
    assert not preview.record_changed()


def test_the_search_index_says_it_is_behind_until_the_edit_is_indexed(project: Path) -> None:
    """While an edit's pages land, parts.json names their parts as updating; then not. A
    new Arabic paragraph changes the Arabic record alone: the English page's search record
    (its translated paragraphs) is the same, so its part is not indexed again."""
    build(project, project / "site", search=True)
    manifest = project / "site/pagefind/parts.json"
    seen: list[str] = []
    _edit(project, "content/" + DEMO_ARTICLE, "\n---\n", "\n---\nفقرة جديدة.\n\n")
    done = build(
        project,
        project / "site",
        search=True,
        on_written=lambda paths: seen.append(manifest.read_text(encoding="utf-8")),
    )
    assert done.written and seen and all('"updating":["2020-ar"]' in text for text in seen)
    assert "updating" not in manifest.read_text(encoding="utf-8")


@pytest.mark.parametrize("watched", [True, False])
def test_an_editors_temporary_file_beside_the_articles_builds_nothing(
    project: Path, watched: bool
) -> None:
    """sed -i writes 'sedX1b2c3' beside the article and renames it over: its coming and going
    made a full build each (at 20,000 articles, a minute in serve). A folder of articles
    removed is still looked for (here: the only article's, which the build then misses)."""
    preview = Preview(project, project / "site", BASE, search=False)
    preview.rebuild()
    month = project / DEMO_ARTICLE.rsplit("/", 1)[0].join(("content/", ""))
    temporary = month / "sedX1b2c3"
    temporary.write_text("---\n", encoding="utf-8")
    for step in (lambda: None, temporary.unlink):
        step()
        done = preview.rebuild(changed=[temporary] if watched else None)
        assert done.result.written == () and done.result.files == 0  # nothing to do
    shutil.rmtree(month)
    with pytest.raises(BuildFailed):  # the archive's only article gone: noticed
        preview.rebuild(changed=[month] if watched else None)
