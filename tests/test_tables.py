"""A table in an article or a gloss (GitHub's pipe tables, as editors' previews show them) is
a table on the site: one block for the sidebar and the gloss, its columns aligned as written
without an inline style, and on a phone it scrolls in its own box, not the page. In Chromium,
its figures line up by place value and a signed one keeps its sign before it; an ordered list
numbers in the site's digits."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.content.gloss import fingerprint
from newsarchive.content.markdown import render_body, render_document

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
# Results and changes as the analysis desk writes them: figures of different lengths in a
# column aligned right, in both kinds of digits, and signed changes (− is U+2212).
FIGURES = "\n".join(
    [
        "| الحزب | المقاعد | الأصوات | الفرق |",
        "| :--- | ---: | ---: | ---: |",
        "| الأول | ٧٣ | ٨٨٥٬٣١٠ | +١٩ |",
        "| الثاني | ٥ | ٣١٠ | −٣١ |",
        "| الثالث | 73 | 885,310 | +19 |",
        "| الرابع | 5 | 310 | −31 |",
    ]
)
ENGLISH_FIGURES = "\n".join(
    [
        "| Party | Seats | Votes | Change |",
        "| :--- | ---: | ---: | ---: |",
        "| First | 73 | 885,310 | +19 |",
        "| Second | 5 | 310 | −31 |",
    ]
)
STEPS = "1. الفرز اليدوي\n2. الفرز الإلكتروني\n3. إعلان النتائج"
ENGLISH_STEPS = "1. Hand count\n2. Electronic count\n3. Results announced"


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


def test_a_table_in_a_footnote_scrolls_in_its_box_aligned_by_class() -> None:
    """A note citing its figures as a table: wider than a phone, it scrolls in its own box,
    as the body's tables do, not the whole page sideways; its alignment is a class."""
    table = TABLE.replace("\n", "\n    ")
    _, notes = render_document(f"{INTRO}[^1]\n\n[^1]: المصدر: المفوضية.\n\n    {table}\n")
    assert len(notes) == 1
    html = notes[0].html
    assert '<div class="table-scroll" tabindex="0">\n<table>' in html
    assert html.count('class="table-scroll"') == 1
    assert '<td class="right">69</td>' in html
    assert "style=" not in html


def _article() -> str:
    body = "\n\n".join([INTRO, TABLE, WIDE, FIGURES, STEPS])
    return f'---\ntitle: "توزيع المقاعد"\ndate: "2021-03-02"\n---\n\n{body}\n'


def _gloss() -> str:
    return (
        '---\ntitle: "Seats"\nstatus: draft\n---\n\n'
        f"<!-- gloss p1 {fingerprint(INTRO)} -->\n\nThe commission shared out the seats.\n\n"
        f"<!-- gloss p2 {fingerprint(render_body(TABLE)[0].text)} -->\n\n{ENGLISH_TABLE}\n\n"
        f"<!-- gloss p4 {fingerprint(render_body(FIGURES)[0].text)} -->\n\n{ENGLISH_FIGURES}\n\n"
        f"<!-- gloss p5 {fingerprint(render_body(STEPS)[0].text)} -->\n\n{ENGLISH_STEPS}\n"
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
    assert page.count("<table>") == 3
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
        page_width, viewport, narrow, wide, _ = widths
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


# Of the figures' table (#p4): for each row, each cell's characters with the left and right
# edges of their boxes as drawn.
CELLS = """() => [...document.querySelectorAll('#p4 tbody tr')].map((row) =>
  [...row.cells].map((cell) => {
    const range = document.createRange(), chars = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        chars.push([node.data[i], box.left, box.right]);
      }
    }
    return chars;
  }))"""
DIGITS = re.compile(r"[0-9\u0660-\u0669]")


@pytest.fixture
def served(site: Path):  # type: ignore[no-untyped-def]
    with serve_folder(site, "/repo/") as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_figures_in_a_column_aligned_right_line_up_by_place_value(
    served: str,
    page,  # type: ignore[no-untyped-def]
    lang: str,
    width: int,
) -> None:
    """٧٣ beside ٨٨٥٬٣١٠ and 73 beside 885,310: in a `---:` column the units stand under the
    units, the tens under the tens, on the Arabic page and the English one alike (right is
    right for figures in either direction: their digits run left to right). Naskh draws its
    Arabic-Indic digits narrower than its Latin ones, so each kind lines up with its own."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{served}{lang}/{STORY}/", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    rows = page.evaluate(CELLS)
    assert len(rows) == (4 if lang == "ar" else 2)
    for column in (1, 2, 3):
        places: dict[tuple[bool, int], set[float]] = {}
        for row in rows:
            digits = [(c, right) for c, _, right in row[column] if DIGITS.match(c)]
            for place, (char, right) in enumerate(reversed(digits)):
                places.setdefault((char.isascii(), place), set()).add(round(right))
        assert all(len(edges) == 1 for edges in places.values()), (column, places)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_signed_figure_keeps_its_sign_before_it(
    served: str,
    page,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    """+١٩, −٣١, +19 and −31 read as written: the sign at the left of the digits. A right-to-left
    cell drew it after them ("١٩+", "31−"), where a reader of the figure meets it last."""
    page.goto(f"{served}{lang}/{STORY}/", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    for row in page.evaluate(CELLS):
        sign, *digits = row[3]
        assert sign[0] in "+\u2212" and digits, row[3]
        assert sign[2] <= min(left for _, left, _ in digits) + 0.5, row[3]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_ordered_list_numbers_in_the_digits_the_page_writes_its_date_in(
    served: str,
    page,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    """The list's markers as Chromium draws them (its accessibility tree reads them) are in
    the digits of the page's date: the site writes its numbers in Latin digits on Arabic pages
    too (2 آذار/مارس 2021), and a marker in other digits would mix two kinds on one page."""
    page.goto(f"{served}{lang}/{STORY}/", wait_until="networkidle")
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    markers = [
        str(node["name"]["value"]).strip()
        for node in nodes
        if node.get("role", {}).get("value") == "ListMarker"
    ]
    date = page.locator("article time").first.inner_text()
    date_digits = set(re.findall(r"\d", date))
    assert date_digits and date_digits <= set("0123456789"), date
    assert len(markers) == 3, markers
    for number, marker in enumerate(markers, 1):
        assert re.findall(r"\d", marker) == [str(number)], markers
