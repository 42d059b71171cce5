"""A block's id in the gloss file and its paragraph's anchor on the pages: once a paragraph is
added before a translated one, block `p2` translates the paragraph the pages mark `#p3`.
A translator who follows a message to the page must land on the paragraph meant, and the
gloss file (theirs) is never renumbered to make the two agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE

ARABIC = "content/" + DEMO_ARTICLE
ENGLISH = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
PAGE = "site/ar/" + DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md") + "/index.html"
SECOND = "وذكرت مصادر صحفية دولية"  # the demo's second paragraph opens so (translated, p2)
ADDED = "وأفادت وكالة شفق نيوز بأن المؤتمر عقد ظهر الثلاثاء."


def _edit(root: Path, old: str, new: str) -> None:
    file = root / ARABIC
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def _paragraph_added_before_p2_and_p2_edited(root: Path) -> None:
    _edit(root, SECOND, f"{ADDED}\n\n{SECOND}")
    _edit(root, "ما يقارب 50 جندياً", "ما يقارب 60 جندياً")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(args) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def _anchored(root: Path, anchor: str) -> str:
    """The text of the Arabic page's element carrying id=`anchor`."""
    html = (root / PAGE).read_text(encoding="utf-8")
    found = re.search(rf'id="{anchor}"[^>]*>(.*?)</', html, re.S)
    assert found is not None, anchor
    return found.group(1)


@pytest.mark.parametrize("built_first", [False, True], ids=["files read", "after a build"])
def test_status_names_the_page_anchor_of_an_outdated_block_that_moved_down(
    project: Path, capsys: pytest.CaptureFixture[str], built_first: bool
) -> None:
    """The status line, `--changes`, `--json` and the status page name p2 with #p3, and the
    Arabic page's #p3 is the edited paragraph (its figure 60), whichever way `status` reads
    the archive."""
    _paragraph_added_before_p2_and_p2_edited(project)
    before = (project / ENGLISH).read_bytes()
    assert main(["build", "--root", str(project), "--no-search", "--quiet"]) == 0
    if not built_first:
        (project / ".cache").rename(project / "old-cache")  # no record: every file read
    out = _run(["status", "--root", str(project), "--changes"], capsys)
    assert "outdated: p2 (#p3 on the pages) (now " in out
    assert f"{ENGLISH} p2 (#p3 on the pages, «وذكرت مصادر صحفية دولية أن الجيش" in out
    assert "60" in _anchored(project, "p3") and SECOND in _anchored(project, "p3")
    assert _anchored(project, "p2").startswith("وأفادت وكالة")
    status_page = (project / "site/en/status/2020/11/index.html").read_text(encoding="utf-8")
    assert "<td>1 (p2 (#p3 on the pages))</td>" in status_page  # the translators' page too
    [article] = json.loads(_run(["status", "--root", str(project), "--json"], capsys))["articles"]
    assert [(s["id"], s["anchor"]) for s in article["stale"]] == [("p2", "p3")]
    assert (project / ENGLISH).read_bytes() == before  # nothing renumbered


def test_gloss_names_the_anchor_and_the_block_id_still_accepts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gloss` closes naming p2 with #p3; the new paragraph gets a block of its own, no
    existing block changes its id, and `--accept --block p2` (the id) accepts it."""
    _paragraph_added_before_p2_and_p2_edited(project)
    out = _run(["gloss", "--root", str(project)], capsys)
    assert f"{ENGLISH} (p2 (#p3 on the pages))" in out
    markers = re.findall(r"<!-- gloss (p\d+) ", (project / ENGLISH).read_text(encoding="utf-8"))
    assert markers[:3] == ["p1", "p14", "p2"]  # a new id for the new paragraph, p2 kept
    _run(["gloss", "--root", str(project), "--accept", ENGLISH, "--block", "p2"], capsys)
    assert "outdated:" not in _run(["status", "--root", str(project)], capsys)


def test_a_block_whose_ids_agree_with_the_page_is_named_as_before(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no paragraph added, p2 is #p2: the message says p2 alone."""
    _edit(project, "ما يقارب 50 جندياً", "ما يقارب 60 جندياً")
    out = _run(["status", "--root", str(project)], capsys)
    assert "outdated: p2 (now " in out and "on the pages" not in out


def test_a_rewritten_paragraph_warning_names_the_anchor(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paragraph added at the top and p2 rewritten whole: the build's warning at block p2
    says which paragraph of the page it is, #p3, and quotes how it opens now."""
    first = "قال التحالف الدولي، يوم الثلاثاء،"
    _edit(project, first, f"{ADDED}\n\n{first}")
    text = (project / ARABIC).read_text(encoding="utf-8")
    second = next(line for line in text.split("\n") if line.startswith(SECOND))
    _edit(project, second, "وفي سياق آخر قالت مصادر محلية إن الوضع في المالكية هادئ.")
    out = _run(["build", "--root", str(project), "--no-search"], capsys)
    assert "p2 (#p3 on the pages)'s English translates a paragraph opening «وذكرت" in out
    assert "now opens «وفي سياق آخر" in out
