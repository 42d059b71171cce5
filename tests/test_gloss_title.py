"""The English title goes stale like a paragraph: an edited Arabic headline marks it
outdated on the English page and in `status`, until `gloss --accept` says it still fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.assembly.searchtext import OUTDATED
from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import ARCHIVE_BASE, DEMO_ARTICLE, build_archive, differ_from_full

ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
PAGE = "site/en/2020/11/coalition-us-forces-syria-iraq/index.html"
ENGLISH_TITLE = "International coalition: US forces&#39; move from Syria towards Iraq is routine"
TITLE_NOTE = "Outdated: the Arabic title changed after this translation."


def _edit_title(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count('title: "') == 1
    file.write_text(text.replace('title: "', 'title: "عاجل: ', 1), encoding="utf-8")


def _status(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "--root", str(root), "--json"]) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    return dict(article)


def _stale_ids(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    stale = _status(root, capsys)["stale"]
    assert isinstance(stale, list)
    return [s["id"] for s in stale]


def _gloss(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["gloss", "--root", str(root), *args]) == 0
    return capsys.readouterr().out


def _page(root: Path) -> str:
    build(root, root / "site", None, search=False)
    return (root / PAGE).read_text(encoding="utf-8")


def test_an_old_gloss_is_stamped_with_its_title_and_only_that_line_is_added(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gloss written before titles had a fingerprint (CRLF and a byte-order mark, as a
    Windows editor saves it) gets one line and keeps the rest, line ends included; its
    title is taken to fit."""
    file = project / ENGLISH
    old = "".join(line for line in file.open(encoding="utf-8") if not line.startswith("title_of:"))
    before = "\ufeff" + old.replace("\n", "\r\n")
    file.write_bytes(before.encode("utf-8"))
    assert f"updated {ENGLISH}" in _gloss(project, capsys)
    after = file.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff---\r\n") and after.count("\n") == after.count("\r\n")
    added = [line for line in after.split("\r\n") if line not in before.split("\r\n")]
    assert len(added) == 1 and added[0].startswith('title_of: "')
    assert after.replace(added[0] + "\r\n", "") == before
    assert _stale_ids(project, capsys) == []
    assert "gloss-title-stale" not in _page(project)
    assert "0 updated" in _gloss(project, capsys)  # run again: nothing to change


def test_an_edited_arabic_title_makes_the_english_title_outdated_until_accepted(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _gloss(project, capsys)  # stamps the demo gloss's title
    stamped = (project / ENGLISH).read_text(encoding="utf-8")
    _edit_title(project / ARABIC)
    page = _page(project)
    assert f"<h1>{ENGLISH_TITLE}</h1>" in page  # the English title is still shown …
    assert TITLE_NOTE in page  # … with the note that it is outdated
    article = _status(project, capsys)
    assert article["stale"][0]["id"] == "title"  # type: ignore[index]
    assert article["stale_count"] == 1
    assert main(["status", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "outdated: title (now " in out and "gloss --accept" in out
    said = _gloss(project, capsys)  # names it, and leaves the file as it is
    assert f"{ENGLISH} (title)" in said and "0 updated" in said
    assert (project / ENGLISH).read_text(encoding="utf-8") == stamped
    assert _gloss(project, capsys, "--accept", ENGLISH) == f"{ENGLISH}: accepted title\n"
    accepted = (project / ENGLISH).read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(stamped.split("\n"), accepted.split("\n"), strict=True) if a != b
    ]
    assert [a.split(":")[0] for a, _ in changed] == ["title_of"]  # the English title kept
    assert _stale_ids(project, capsys) == []
    page = _page(project)
    assert f"<h1>{ENGLISH_TITLE}</h1>" in page and TITLE_NOTE not in page


def test_block_title_accepts_only_the_title(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _gloss(project, capsys)
    _edit_title(project / ARABIC)
    arabic = (project / ARABIC).read_text(encoding="utf-8")
    first = "باتجاه العراق مؤخراً"
    (project / ARABIC).write_text(arabic.replace(first, "باتجاه العراق أخيراً"), "utf-8")
    assert _stale_ids(project, capsys) == ["title", "p1"]
    out = _gloss(project, capsys, "--accept", ENGLISH, "--block", "title")
    assert out == f"{ENGLISH}: accepted title\n"
    assert _stale_ids(project, capsys) == ["p1"]
    assert main(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", "title"]) == 1
    assert "title is not outdated (outdated now: p1)" in capsys.readouterr().err


def test_a_pending_english_title_is_never_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing to outdate while the English title is empty: `gloss` keeps its fingerprint
    the Arabic title's, so the title translated later is checked against that one."""
    file = project / ENGLISH
    text = file.read_text(encoding="utf-8")
    english_title = text.split("\n")[1]
    file.write_text(text.replace(english_title, 'title: ""'), encoding="utf-8")
    _gloss(project, capsys)  # stamps the pending title
    _edit_title(project / ARABIC)
    assert _stale_ids(project, capsys) == []
    assert "gloss-title-stale" not in _page(project)
    assert f"updated {ENGLISH}" in _gloss(project, capsys)  # the fingerprint kept current
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace('title: ""', english_title), encoding="utf-8")
    assert _stale_ids(project, capsys) == []  # translated now, for the headline as it is


def test_an_edited_title_patches_the_english_page_as_a_full_build_makes_it(
    archive: Path, tmp_path: Path
) -> None:
    """In a built project, editing a glossed article's Arabic headline patches its English
    page (and the status pages) to what a full build of the same content makes."""
    glosses = sorted((archive / "content/en").rglob("*.md"))
    gloss = next(
        g for g in glosses if not g.read_text(encoding="utf-8").startswith('---\ntitle: ""')
    )
    arabic = Path(str(gloss).replace("/content/en/", "/content/ar/"))
    assert main(["gloss", "--root", str(archive)]) == 0  # every title stamped
    assert "title_of" in gloss.read_text(encoding="utf-8")
    build_archive(archive)
    _edit_title(arabic)
    result = build_archive(archive)
    assert result.written is not None  # patched in place, not built anew
    story = gloss.relative_to(archive / "content/en").with_suffix("").as_posix()
    page = (archive / "site/en" / story / "index.html").read_text(encoding="utf-8")
    assert TITLE_NOTE in page
    assert differ_from_full(archive, tmp_path) == []
    assert main(["gloss", "--root", str(archive), "--accept", str(gloss)]) == 0
    assert build_archive(archive).written is not None
    page = (archive / "site/en" / story / "index.html").read_text(encoding="utf-8")
    assert TITLE_NOTE not in page
    assert differ_from_full(archive, tmp_path) == []


def test_an_outdated_english_title_is_marked_wherever_it_is_listed(project: Path) -> None:
    """Lists, entity pages, the feed and search results show an English title as the
    article page does: said to be outdated once the Arabic headline changed (an English
    reader sees it there first), and the incremental build marks it as a full one does;
    accepting it takes the mark away everywhere."""
    gloss = project / ENGLISH
    assert main(["gloss", "--root", str(project)]) == 0
    build_archive(project)
    title = ENGLISH_TITLE + "</a>"
    listed = {
        "home": "site/en/index.html",
        "month": "site/en/2020/11/index.html",
        "entity": "site/en/entities/kevin-copsey/index.html",
    }
    marked = {
        "home": f'{title} <span class="note">(outdated title)</span>',
        "month": f'{title} <span class="note">(outdated title)</span>',
        "entity": f'{title} <span class="note">(outdated title)</span>',
    }
    feed = "International coalition: US forces' move from Syria towards Iraq is routine"

    def seen() -> dict[str, bool]:
        pages = {name: (project / rel).read_text(encoding="utf-8") for name, rel in listed.items()}
        atom = (project / "site/en/feed.xml").read_text(encoding="utf-8")
        return {
            **{name: marked[name] in page for name, page in pages.items()},
            "feed": f"<title>{feed} (outdated title)</title>" in atom,
            # the search record, what a result shows (written when Pagefind runs)
            # (a mark opens its title: the note is the page's, not a word to search for)
            "search": f"<h1>{OUTDATED} {ENGLISH_TITLE}</h1>" in record(),
        }

    def record() -> str:
        path = project / "site/.search/en/2020/11/coalition-us-forces-syria-iraq/index.html"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def build_searchable() -> None:
        build(project, project / "site", ARCHIVE_BASE)

    build_searchable()
    assert not any(seen().values())
    _edit_title(project / ARABIC)
    build_archive(project)
    assert differ_from_full(project, project) == []
    build_searchable()
    assert seen() == dict.fromkeys([*listed, "feed", "search"], True)
    assert main(["gloss", "--root", str(project), "--accept", str(gloss)]) == 0
    build_searchable()
    assert not any(seen().values())


def test_an_arabic_name_in_the_english_title_is_isolated_in_the_citation(project: Path) -> None:
    """The English citation line (on both pages) writes an Arabic name in the English title
    as the page's heading does: isolated, so the punctuation and figures after it stay where
    the translator put them."""
    file = project / ENGLISH
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace(ENGLISH_TITLE.replace("&#39;", "'"), "Coalition (التحالف الدولي), 2020"),
        encoding="utf-8",
    )
    build(project, project / "site", None, search=False)
    isolated = 'Coalition (<bdi lang="ar">التحالف الدولي</bdi>), 2020'
    for lang in ("en", "ar"):
        page = (project / PAGE.replace("site/en/", f"site/{lang}/")).read_text(encoding="utf-8")
        cite = page[page.index('<section class="cite"') :]
        english = cite[cite.index("<b>In English: </b>") : cite.index("</section>")]
        assert f"[{isolated}]" in english, lang  # the translation of the title as published
