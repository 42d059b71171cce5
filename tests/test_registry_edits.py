"""Registry edits patch the site: only the articles an edit can change are matched again,
and the result equals a full build byte for byte."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build import cache, snapshotfile
from newsarchive.build.engine import build
from newsarchive.build.output import measure
from newsarchive.build.registryedit import patchable, registry_edit
from newsarchive.core.arabic import to_key
from newsarchive.core.diagnostics import BuildFailed

from .conftest import ARCHIVE_ARTICLES as ARTICLES
from .conftest import ARCHIVE_BASE as BASE
from .conftest import DEMO_ARTICLE, set_per_page, snapshot
from .conftest import build_archive as _build
from .conftest import differ_from_full as _differ


def _edit_registry(root: Path, old: str, new: str) -> None:
    file = root / "content" / "entities.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _texts(root: Path) -> dict[str, str]:
    folder = root / "content" / "ar"
    return {
        p.relative_to(folder).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.md"))
    }


def _rare_word(root: Path, skip: str = "") -> tuple[str, set[str]]:
    """A long word of the bodies found in two to five articles, and those articles."""
    where: dict[str, set[str]] = {}
    for story, text in _texts(root).items():
        body = text.split("\n---\n", 1)[1]
        for word in set(re.findall(r"[\u0621-\u064a]{6,}", body)):
            where.setdefault(word, set()).add(story)
    return next((w, s) for w, s in sorted(where.items()) if 2 <= len(s) <= 5 and w != skip)


def _edits(root: Path) -> list[tuple[str, Callable[[], None]]]:
    word, _ = _rare_word(root)
    other, _ = _rare_word(root, skip=word)
    return [
        ("English name", lambda: _edit_registry(root, "en: Donald Trump", "en: D. J. Trump")),
        ("a variant removed", lambda: _edit_registry(root, "قسد, ", "")),
        (
            "a variant added that articles contain",
            lambda: _edit_registry(root, "ar: [سامر الخطيب]", f"ar: [سامر الخطيب, {word}]"),
        ),
        (
            "type and description",
            lambda: _edit_registry(
                root,
                "- id: person-0003\n  type: person\n",
                "- id: person-0003\n  type: group\n  description_ar: جماعة.\n",
            ),
        ),
        ("a comment only", lambda: _edit_registry(root, "# Benchmark", "# The benchmark")),
        (
            "an entity added that articles name",
            lambda: _add_entity(root, f"- id: new-thing\n  type: other\n  ar: [{other}]\n"),
        ),
        (
            "an entity added that no article names",
            lambda: _add_entity(root, "- id: nobody\n  type: place\n  ar: [مدينة لا وجود لها]\n"),
        ),
    ]


def _add_entity(root: Path, entry: str) -> None:
    file = root / "content" / "entities.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")


def test_each_registry_edit_patches_the_site_to_what_a_full_build_makes(
    archive: Path, tmp_path: Path
) -> None:
    for name, edit in _edits(archive):
        edit()
        result = _build(archive)
        assert result.written is not None, name  # patched in place, not built anew
        # What the build says it wrote and left adds up to what a full build makes (an added
        # entity's feed was left out: "updated 77 files, -8 unchanged").
        clean = tmp_path / "counted"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(archive / "content", clean / "content")
        made = _build(clean).files
        assert result.files + result.unchanged == made, name
        assert result.files < made / 4, name
        assert not _differ(archive, tmp_path), name


def test_a_new_variant_matches_again_only_the_articles_that_can_change(archive: Path) -> None:
    word, containing = _rare_word(archive)
    _edit_registry(archive, "ar: [سامر الخطيب]", f"ar: [سامر الخطيب, {word}]")
    record = cache.load_record(archive)
    assert record is not None
    options = cache.BuildOptions(archive / "site", BASE, False).as_dict()
    loaded = snapshotfile.load(archive, record.snapshot, options)
    assert loaded is not None
    change = registry_edit(archive, loaded.snapshot, loaded.delta)
    assert change is not None
    assert change.entities == {"person-0000"}
    texts = _texts(archive)
    naming = {s for s, text in texts.items() if "سامر الخطيب" in text}
    assert naming and containing <= change.stories
    # A superset, but only of articles holding the word or the name in some spelling.
    key = to_key(word)
    assert all(key in to_key(texts[s]) or s in naming for s in change.stories)
    assert len(change.stories) < ARTICLES / 3


@pytest.mark.parametrize("change", ["entity removed", "entities reordered"])
def test_registry_edits_that_change_pages_build_in_full(
    archive: Path, tmp_path: Path, change: str
) -> None:
    file = archive / "content" / "entities.yaml"
    text = file.read_text(encoding="utf-8")
    entry = "- id: person-0000\n  type: person\n  ar: [سامر الخطيب]\n\n"
    assert entry in text
    if change == "entity removed":
        text = text.replace(entry, "")
    else:
        text = text.replace(entry, "") + "\n" + entry
    file.write_text(text, encoding="utf-8")
    result = _build(archive)
    assert result.written is None  # a full build, swapped in whole
    assert not _differ(archive, tmp_path)


def test_an_invalid_registry_edit_leaves_the_site(archive: Path) -> None:
    before = snapshot(archive / "site")
    _edit_registry(archive, "ar: [سامر الخطيب]", "ar: [سامر الخطيب, ترامب]")  # Trump's name
    with pytest.raises(Exception) as failed:
        _build(archive)
    assert "entities.yaml" in str(getattr(failed.value, "diagnostics", failed.value))
    assert snapshot(archive / "site") == before


def _named_by(root: Path) -> dict[str, set[str]]:
    """The stories naming each entity, by the matcher (as the build finds them)."""
    from newsarchive.content.registryfile import read_registry
    from newsarchive.entities.matcher import build_matcher, find_mentions

    registry, _ = read_registry(root / "content")
    matcher = build_matcher(registry)
    found: dict[str, set[str]] = {}
    for story, text in _texts(root).items():
        for mention in find_mentions(matcher, text.split("\n---\n", 1)[1]):
            found.setdefault(mention.entity_id, set()).add(story)
    return found


def test_an_edit_that_gives_an_entity_a_page_more_or_less_is_patched(
    corpus: Path, tmp_path: Path
) -> None:
    root = tmp_path / "archive"
    shutil.copytree(corpus / "content", root / "content")
    set_per_page(root, 3)
    _build(root)
    named = _named_by(root)
    entity_id, stories = next(
        (i, s) for i, s in sorted(named.items()) if len(s) % 3 == 0 and i.startswith("person-")
    )
    registry = (root / "content" / "entities.yaml").read_text(encoding="utf-8")
    name = re.search(rf"- id: {entity_id}\n  type: \w+\n  ar: \[([^,\]]+)", registry)
    assert name is not None
    other = next(s for s in sorted(_texts(root)) if s not in stories)
    article = root / "content" / "ar" / f"{other}.md"
    kept = article.read_text(encoding="utf-8")
    extra = f"ar/entities/{entity_id}/page/{len(stories) // 3 + 1}/index.html"
    article.write_text(kept + f"\nوقال {name[1]} إن الأمر انتهى.\n", encoding="utf-8")
    grown = _build(root)
    assert grown.written is not None and extra in grown.written  # a page more, patched
    assert not _differ(root, tmp_path)
    article.write_text(kept, encoding="utf-8")
    shrunk = _build(root)
    assert shrunk.written is not None  # a page less, patched: the page and its folder gone
    assert not (root / "site" / extra).parent.exists()
    assert not _differ(root, tmp_path)


def test_an_english_name_is_updated_where_its_entity_is_a_dateline_or_source(
    archive: Path, tmp_path: Path
) -> None:
    """An article whose dateline or source is an entity, which its text never names, gives
    that entity's English name (the English dateline, the citations): editing the name
    renders that article again."""
    story = sorted(_texts(archive))[0]
    file = archive / "content" / "ar" / f"{story}.md"
    text = file.read_text(encoding="utf-8")
    source = re.search(r'^  name: "([^"]+)"', text, re.M)
    assert source is not None
    text = text.replace(source[0], '  name: "وكالة الاختبار"', 1)
    file.write_text(text.replace("\n---\n", '\ndateline: "بلدة الاختبار"\n---\n', 1), "utf-8")
    for entry in (
        "- id: test-agency\n  type: organization\n  ar: [وكالة الاختبار]\n  en: Test Agency\n",
        "- id: test-town\n  type: place\n  ar: [بلدة الاختبار]\n  en: Test Town\n",
    ):
        _add_entity(archive, entry)
    assert _build(archive).written is not None
    assert not _differ(archive, tmp_path)
    pages = snapshot(archive / "site")
    english, arabic = (f"{lang}/{story}/index.html" for lang in ("en", "ar"))
    assert b"Test Town" in pages[english] and b"Test Agency" in pages[arabic]
    for lang in ("ar", "en"):  # the dateline leads to the place's page
        link = f'href="/repo/{lang}/entities/test-town/"'.encode()
        assert link in pages[f"{lang}/{story}/index.html"]
    _edit_registry(archive, "en: Test Agency", "en: The Test Agency")
    _edit_registry(archive, "en: Test Town", "en: Testville")
    result = _build(archive)
    assert result.written is not None and english in result.written
    assert not _differ(archive, tmp_path)


@pytest.mark.parametrize(
    ("matched_again", "articles", "patched"),
    [
        (1_000, 5_000, True),  # an entity named in a fifth of the archive: 2-3 s, not 14-21 s
        (2_500, 5_000, True),
        (2_501, 5_000, False),
        (150, 300, True),  # a small archive patches 200 articles
        (201, 300, False),
        (10_000, 100_000, True),
        (10_001, 100_000, False),  # a patch holds every fresh view in one process
    ],
)
def test_a_registry_edit_is_patched_up_to_half_the_archive(
    matched_again: int, articles: int, patched: bool
) -> None:
    assert patchable(matched_again, articles) is patched


def test_the_viewed_page_shows_a_new_english_name_before_the_other_articles_naming_it(
    archive: Path, tmp_path: Path
) -> None:
    """In serve, an English name edited: the page a browser views is written first, while
    the other articles naming the entity still show the old name (at 5,000 articles they
    took 2.4 s more); the site ends as a full build makes it, its size counted right."""
    named = sorted(_named_by(archive)["donald-trump"])
    assert len(named) >= 3, named
    viewed, *others = (f"ar/{story}/index.html" for story in named)
    entity_page = "en/entities/donald-trump/index.html"  # its own page, viewed in another tab
    _edit_registry(archive, "en: Donald Trump", "en: D. J. Trump")
    lots: list[tuple[tuple[str, ...], dict[str, bytes]]] = []
    steps: list[str] = []
    done = build(
        archive,
        archive / "site",
        BASE,
        search=False,
        progress=steps.append,
        viewed=[viewed, entity_page],
        on_written=lambda paths: (
            lots.append((paths, snapshot(archive / "site"))),
            steps.append(f"wrote {paths}"),
        ),
    )
    (first, then), *after = lots
    # Written before the other articles are read again, not after all are rendered.
    assert "reading and parsing the changed articles" in steps[steps.index(f"wrote {first}") :]
    assert sorted(first) == sorted((viewed, entity_page))
    assert b"D. J. Trump" in then[viewed] and b"D. J. Trump" in then[entity_page]
    assert [page for page in others if b"D. J. Trump" in then[page]] == []
    rest = tuple(path for paths, _ in after for path in paths)
    assert not set(first) & set(rest) and set(others) <= set(rest)  # each written once
    assert done.written == first + rest
    assert done.size == measure(archive / "site")
    assert _differ(archive, tmp_path) == []


def test_an_edited_article_is_checked_before_the_viewed_page_is_written(archive: Path) -> None:
    """A registry edit saved with a broken article: nothing is written, the site stays."""
    story = sorted(_named_by(archive)["donald-trump"])[0]
    before = snapshot(archive / "site")
    _edit_registry(archive, "en: Donald Trump", "en: D. J. Trump")
    article = archive / "content" / "ar" / f"{story}.md"
    article.write_text("---\ntitle: [\n" + article.read_text(encoding="utf-8"), "utf-8")
    written: list[tuple[str, ...]] = []
    with pytest.raises(BuildFailed) as failed:
        build(
            archive,
            archive / "site",
            BASE,
            search=False,
            viewed=[f"ar/{story}/index.html"],
            on_written=written.append,
        )
    assert f"ar/{story}.md" in str(failed.value.diagnostics[0])
    assert written == [] and snapshot(archive / "site") == before


def test_a_registry_edit_warns_once_of_an_article_it_matches_again(project: Path) -> None:
    """Found by the random edit sequences (tests/test_edit_sequences.py): a line warned of in
    an article, then registry edits that render the article again: each such build repeated
    the article's warning once more (2, then 3 warnings) where a cold build gives one."""
    article = project / "content" / DEMO_ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\n##خلفية\n", encoding="utf-8")
    last_line = len(article.read_text(encoding="utf-8").splitlines())  # the `##خلفية`
    warned = build(project, project / "site", BASE, search=False).warnings
    assert [(w.path, w.line) for w in warned] == [(f"content/{DEMO_ARTICLE}", last_line)]
    for old, new in (("en: Rmelan", "en: Rmelan town"), ("ar: [رميلان]", "ar: [رميلان, تحرك جزء]")):
        _edit_registry(project, old, new)
        patched = build(project, project / "site", BASE, search=False)
        assert patched.written is not None  # the article was rendered again, in place
        assert patched.warnings == warned
