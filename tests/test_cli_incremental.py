"""CLI incremental builds: an edit patches site/ in place, and the result equals a full build."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build import snapshotfile
from newsarchive.build.cache import CACHE_DIR
from newsarchive.build.engine import build
from newsarchive.content import atomic
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.pages.environment import PACKAGE_TEMPLATES

from .conftest import ARCHIVE_ARTICLES as ARTICLES
from .conftest import ARCHIVE_BASE as BASE
from .conftest import IGNORE_COMPILED, indexed_text, snapshot
from .conftest import build_archive as _build
from .conftest import differ_from_full as _differ


def _articles(root: Path) -> list[Path]:
    return sorted((root / "content" / "ar").rglob("*.md"))


def _untranslated(root: Path) -> list[Path]:
    """The articles with no English page (nothing translated), oldest first."""
    return [a for a in _articles(root) if not (root / "site/en" / _story(root, a)).is_dir()]


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body(file: Path) -> list[str]:
    return file.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip().split("\n\n")


def _set_body(file: Path, paragraphs: list[str]) -> None:
    head = file.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    file.write_text(head + "\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _corrected(file: Path) -> None:
    """A correction note added to an article, dated the day it was published: its pages,
    feeds and sitemap entry say it was updated."""
    text = file.read_text(encoding="utf-8")
    day = re.search(r'(?m)^date: "(\d{4}-\d{2}-\d{2})"$', text)
    assert day is not None, file
    note = f'corrections:\n  - date: "{day[1]}"\n    note: "صُحّح اسم المتحدث."\n'
    _replace(file, "\n---\n", f"\n{note}---\n")


def _gloss_of(file: Path) -> Path:
    return Path(str(file).replace("/content/ar/", "/content/en/"))


def _edits(root: Path) -> list[tuple[str, Callable[[], None]]]:
    articles = _articles(root)
    newest, middle, other = articles[-1], articles[len(articles) // 2], articles[7]
    glossed = next(a for a in articles if _gloss_of(a).exists() and a not in (newest, middle))
    kept = _gloss_of(glossed).read_text(encoding="utf-8")
    return [
        ("paragraph added below the excerpt", lambda: _set_body(middle, [*_body(middle), "فقرة."])),
        ("first paragraph (the excerpt) edited", lambda: _replace(middle, "\n\n", "\n\nتمهيد: ")),
        (
            "title of the newest article (feeds)",
            lambda: _replace(newest, 'title: "', 'title: "عاجل '),
        ),
        ("a correction of the newest article (feeds, sitemap)", lambda: _corrected(newest)),
        ("a correction of an older one (its entity feeds)", lambda: _corrected(middle)),
        ("a new entity mentioned", lambda: _set_body(other, [*_body(other), "وقال دونالد ترامب."])),
        ("every mention dropped", lambda: _set_body(other, ["نص بلا أسماء."])),
        (
            "gloss translated further",
            lambda: _replace(_gloss_of(glossed), " -->\n", " -->\nNote: "),
        ),
        ("gloss deleted", lambda: _gloss_of(glossed).unlink()),
        ("gloss restored", lambda: _gloss_of(glossed).write_text(kept, encoding="utf-8")),
        (
            "two articles at once",
            lambda: [_set_body(a, [*_body(a), "ختام."]) for a in articles[:2]],
        ),
    ]


def test_each_edit_patches_the_site_to_what_a_full_build_makes(
    archive: Path, tmp_path: Path
) -> None:
    pages = _build(archive).unchanged
    assert pages > 4 * ARTICLES  # nothing changed: the record says how many pages there are
    # Deleting the only gloss of an article takes its English page away; restoring brings it.
    pages_after = {"gloss deleted": -1, "gloss restored": +1}
    for name, edit in _edits(archive):
        edit()
        result = _build(archive)
        pages += pages_after.get(name, 0)
        assert 0 < result.files < 60, name  # patched: only the pages that show the edit
        assert result.files + result.unchanged == pages, name
        assert not _differ(archive, tmp_path), name


def _story(archive: Path, article: Path) -> str:
    return article.relative_to(archive / "content" / "ar").with_suffix("").as_posix()


def test_a_body_edit_leaves_every_other_file_untouched(archive: Path) -> None:
    site = archive / "site"
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    # An old story (not in the language feeds) with something translated: an English page.
    middle = next(a for a in _articles(archive)[5:] if (site / "en" / _story(archive, a)).is_dir())
    _set_body(middle, [*_body(middle), "فقرة أخيرة."])
    _build(archive)
    touched = sorted(
        p.relative_to(site).as_posix() for p in before if p.stat().st_mtime_ns != before[p]
    )
    story = _story(archive, middle)
    # Its two pages, the English lists (the translated one too) and status pages that count
    # its paragraphs, and the English feeds whose entries say how much of it is translated.
    assert f"ar/{story}/index.html" in touched and f"en/{story}/index.html" in touched
    assert not [p for p in touched if p.startswith("ar/") and story not in p]
    feeds = [p for p in touched if p.endswith("feed.xml")]
    assert all(f"/en/{story}/" in (site / feed).read_text() for feed in feeds), feeds
    assert len(touched) - len(feeds) <= 8, touched


@pytest.mark.parametrize(
    "change",
    ["date", "new article", "deleted article"],
)
def test_structural_changes_make_a_full_build(archive: Path, tmp_path: Path, change: str) -> None:
    articles = _articles(archive)
    if change == "date":
        text = articles[3].read_text(encoding="utf-8")
        day = re.compile(r'^(date: "\d{4}-\d\d)(-\d\d)?"$', re.MULTILINE)  # same folder
        moved = day.sub(lambda m: m[1] + ("-01" if m[2] != "-01" else "-02") + '"', text, count=1)
        articles[3].write_text(moved, encoding="utf-8")
    elif change == "new article":
        shutil.copy(articles[3], articles[3].with_name("copy-of-a-story.md"))
    else:
        articles[3].unlink()
    result = _build(archive)
    assert result.unchanged == 0  # a full build, swapped in whole
    assert not _differ(archive, tmp_path)


def test_bad_input_leaves_the_site_and_a_fix_patches_it(archive: Path, tmp_path: Path) -> None:
    before = snapshot(archive / "site")
    middle = _articles(archive)[40]
    good = middle.read_text(encoding="utf-8")
    middle.write_text(good.replace('title: "', "title: [", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        _build(archive)
    assert any(d.path.endswith(middle.name) for d in failed.value.diagnostics)
    assert snapshot(archive / "site") == before
    middle.write_text(good.replace("\n\n", "\n\nمصحح: ", 1), encoding="utf-8")
    assert 0 < _build(archive).files < 60
    assert not _differ(archive, tmp_path)


def _flip_views(data: bytes, stories: Callable[[str], bool], part: int = 2) -> bytes:
    """The base snapshot with one byte flipped in the stored view of each chosen story (or,
    part 3, in the stored status rows of each chosen year)."""
    start, end = snapshotfile.header_span(data)
    index = pickle.loads(data[start:end])[part]
    damaged = bytearray(data)
    for key, (offset, length, _) in index.items():
        if stories(key):
            damaged[snapshotfile.FIRST_VALUE + offset + length // 2] ^= 1
    return bytes(damaged)


@pytest.mark.parametrize(
    "damage", [b"", b"\x80\x05garbage", "header", "truncated", "views", "status rows"]
)
def test_a_damaged_snapshot_only_costs_a_full_build(
    archive: Path, tmp_path: Path, damage: bytes | str
) -> None:
    kept = archive / CACHE_DIR / snapshotfile.BASE_FILE
    data = kept.read_bytes()
    if damage == "header":  # intact pickle, but not the one the record names
        damaged = bytearray(data)
        damaged[snapshotfile.header_span(data)[0] + 20] ^= 1
        data = bytes(damaged)
    elif damage == "truncated":
        data = data[: len(data) - 100]
    elif damage == "views":
        data = _flip_views(data, lambda story: True)
    elif damage == "status rows":  # read by the edit, for its year's status page
        data = _flip_views(data, lambda year: True, part=3)
    else:
        data = damage  # type: ignore[assignment]
    kept.write_bytes(data)
    middle = _articles(archive)[len(_articles(archive)) // 2]
    _set_body(middle, [*_body(middle), "فقرة."])
    assert _build(archive).unchanged == 0
    assert not _differ(archive, tmp_path)


def test_a_damaged_view_the_edit_does_not_need_costs_nothing(archive: Path, tmp_path: Path) -> None:
    """Views are checked when loaded: damage to one the edit never loads is harmless."""
    files = _articles(archive)
    # An article with nothing translated: the translated list's feed, which an edit of a
    # translated one renders, shows every translated article of this small archive.
    oldest, middle = files[0], _untranslated(archive)[len(files) // 4]
    kept = archive / CACHE_DIR / snapshotfile.BASE_FILE
    oldest_story = oldest.relative_to(archive / "content/ar").with_suffix("").as_posix()
    kept.write_bytes(_flip_views(kept.read_bytes(), lambda story: story == oldest_story))
    _set_body(middle, [*_body(middle), "فقرة."])
    assert _build(archive).unchanged > 0  # incremental
    assert not _differ(archive, tmp_path)


@pytest.mark.parametrize("damaged", [False, True])
def test_a_grown_delta_is_compacted_into_the_base(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    """Past COMPACT edited stories the base is rewritten; a damaged view found while
    rewriting it only means that the next build is a full one."""
    monkeypatch.setattr(snapshotfile, "COMPACT", 1)
    base = archive / CACHE_DIR / snapshotfile.BASE_FILE
    files = _untranslated(archive)  # edits that load no view but their own (see above)
    _set_body(files[10], [*_body(files[10]), "أولى."])
    assert _build(archive).unchanged > 0
    if damaged:
        base.write_bytes(_flip_views(base.read_bytes(), lambda story: story.endswith("00000")))
    before = base.read_bytes()
    _set_body(files[20], [*_body(files[20]), "ثانية."])  # two stories in the delta: compacted
    assert _build(archive).unchanged > 0
    assert not _differ(archive, tmp_path)
    assert (base.read_bytes() != before) is not damaged  # rewritten, unless it could not be
    assert not list(base.parent.glob("*.tmp"))  # a base left half written is removed
    _set_body(files[30], [*_body(files[30]), "ثالثة."])
    assert (_build(archive).unchanged == 0) is damaged
    assert not _differ(archive, tmp_path)


@pytest.mark.parametrize("damage", [b"", b"garbage", "swapped", "not a folder"])
def test_damaged_compiled_templates_only_cost_time(
    archive: Path, tmp_path: Path, damage: bytes | str
) -> None:
    # The project's own templates: compiled into its cache (the tool's are compiled beside
    # them, for every project, and this test must not damage those).
    shutil.copytree(PACKAGE_TEMPLATES, archive / "templates", ignore=IGNORE_COMPILED)
    _build(archive)
    middle = _articles(archive)[len(_articles(archive)) // 2]
    _set_body(middle, [*_body(middle), "فقرة."])
    _build(archive)  # an edit: the compiled templates are kept
    compiled = archive / CACHE_DIR / "templates"
    files = sorted(compiled.iterdir())
    assert len(files) > 2
    if damage == "swapped":  # valid files, each under another template's name
        contents = [f.read_bytes() for f in files]
        for file, content in zip(files, contents[1:] + contents[:1], strict=True):
            file.write_bytes(content)
    elif damage == "not a folder":
        shutil.rmtree(compiled)
        compiled.write_bytes(b"")
    else:
        for file in files:
            file.write_bytes(bytes(damage))
    _set_body(middle, [*_body(middle), "فقرة أخرى."])
    assert _build(archive).files > 0
    assert not _differ(archive, tmp_path)


def test_an_interrupted_patch_is_repaired_by_the_next_build(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    middle = _articles(archive)[len(_articles(archive)) // 2]
    _replace(middle, 'title: "', 'title: "جديد ')
    real = atomic.os.replace  # the one writer's (content/atomic.py)
    calls = []

    def crash_on_second(src: str, dst: str) -> None:
        if Path(dst).is_relative_to(archive / "site"):  # not the cache's files
            calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the power goes out half-way through the patch
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        _build(archive)
    monkeypatch.undo()
    assert _build(archive).unchanged == 0  # no record: a full build
    assert not _differ(archive, tmp_path)


def test_an_edit_reindexes_only_its_year(project: Path) -> None:
    older = project / "content/ar/2019/05/older-story.md"
    older.parent.mkdir(parents=True)
    older.write_text('---\ntitle: "خبر"\ndate: "2019-05-02"\n---\n\nخبر عن العراق.\n', "utf-8")
    site = project / "site"
    build(project, site, BASE)
    before = snapshot(site / "pagefind" / "2020-ar")
    _set_body(older, ["خبر عن العراق.", "وصل الزورق البرمائي."])
    result = build(project, site, BASE)
    assert 0 < result.files < result.unchanged  # patched, not rebuilt
    assert "البرمائي" in indexed_text(site / "pagefind" / "2019-ar")
    assert snapshot(site / "pagefind" / "2020-ar") == before
