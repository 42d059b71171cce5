"""A table in an article or a gloss (GitHub's pipe tables, as editors' previews show them) is
a table on the site: one block for the sidebar and the gloss, its columns aligned as written
without an inline style, and on a phone it scrolls in its own box, not the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.content.gloss import fingerprint
from newsarchive.content.markdown import render_body

from .conftest import REPO, write
from .webtools import serve_folder

STORY = "2021/03/seats"
INTRO = "وزعت المفوضية مقاعد المحافظات على النحو الآتي."
TABLE = "\n".join(
    [
        "| المحافظة | المقاعد | الفرق |",
        "| :--- | ---: | :---: |",
        "| بغداد | 69 | +2 |",
        "| البصرة | 25 | 0 |",
    ]
)
# Eight columns of figures: wider than a phone.
WIDE = "\n".join(
    [
        "| السنة | بغداد | البصرة | نينوى | أربيل | النجف | كربلاء | ديالى |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        "| ٢٠١٨ | 69 | 25 | 34 | 15 | 12 | 11 | 14 |",
    ]
)
ENGLISH_TABLE = "| Province | Seats |\n| --- | ---: |\n| Baghdad | 69 |"


def test_a_pipe_table_is_one_block_whose_text_is_its_cells() -> None:
    blocks = render_body(f"{INTRO}\n\n{TABLE}\n\nوانتهى الفرز.")
    assert len(blocks) == 3
    table = blocks[1]
    assert table.text == "المحافظة\nالمقاعد\nالفرق\nبغداد\n69\n+2\nالبصرة\n25\n0"
    assert table.html.startswith('<div class="table-scroll" tabindex="0">\n<table>')
    assert '<th class="left">المحافظة</th>' in table.html
    assert '<td class="right">69</td>' in table.html
    assert '<td class="center">+2</td>' in table.html
    assert "style=" not in table.html


def _article() -> str:
    body = "\n\n".join([INTRO, TABLE, WIDE])
    return f'---\ntitle: "توزيع المقاعد"\ndate: "2021-03-02"\n---\n\n{body}\n'


def _gloss() -> str:
    return (
        '---\ntitle: "Seats"\nstatus: draft\n---\n\n'
        f"<!-- gloss p1 {fingerprint(INTRO)} -->\n\nThe commission shared out the seats.\n\n"
        f"<!-- gloss p2 {fingerprint(render_body(TABLE)[0].text)} -->\n\n{ENGLISH_TABLE}\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tables")
    shutil.copytree(REPO / "content", root / "content")
    write(root, f"content/ar/{STORY}.md", _article())
    write(root, f"content/en/{STORY}.md", _gloss())
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    return root / "site"


def test_the_arabic_page_shows_the_tables_as_anchored_blocks_with_no_inline_style(
    site: Path,
) -> None:
    page = (site / "ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert '<div id="p2" class="table-scroll" tabindex="0">' in page
    assert '<div id="p3" class="table-scroll" tabindex="0">' in page
    assert page.count("<table>") == 2
    assert not re.search(r"<[^>]+\sstyle=", page)  # a strict Content-Security-Policy holds


def test_the_gloss_translates_a_table_with_a_table(site: Path) -> None:
    page = (site / "en" / STORY / "index.html").read_text(encoding="utf-8")
    assert '<th class="right">Seats</th>' in page
    assert "<td>Baghdad</td>" in page
    assert "| Province |" not in page


def test_on_a_phone_a_wide_table_scrolls_in_its_box_and_the_page_does_not(
    site: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    with serve_folder(site, "/repo/") as base:
        page.goto(f"{base}ar/{STORY}/")
        widths = page.evaluate(
            """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                      ...[...document.querySelectorAll('.body .table-scroll')].map(
                        (box) => [box.scrollWidth, box.clientWidth])]"""
        )
        page_width, viewport, narrow, wide = widths
        assert page_width <= viewport  # nothing wider than the phone
        assert narrow[0] == narrow[1]  # three columns fit
        assert wide[0] > wide[1]  # eight do not: the box scrolls
        # The box that scrolls is reached with the keyboard, to scroll it with the arrows.
        page.locator("#p3").focus()
        assert page.evaluate("document.activeElement.id") == "p3"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_axe_finds_nothing_in_a_page_with_tables(site: Path, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    with serve_folder(site, "/repo/") as base:
        page.goto(f"{base}{lang}/{STORY}/", wait_until="networkidle")
        results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert results.response["passes"], "axe ran no rule"
    assert found == []
