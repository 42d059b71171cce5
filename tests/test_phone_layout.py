"""Every page of the demo on a phone, in Chromium: nothing scrolls sideways (the status
tables scroll in a box of their own, long English names wrap in the ranked bars), and the
English names of "in this article" stand under the Arabic ones, not at the other edge."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main

from .conftest import REPO, set_per_page, write, write_month_of_stories
from .webtools import serve_folder

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The demo project built under /repo/ and served: (base URL, site folder)."""
    root = tmp_path_factory.mktemp("phone")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(root / "site", "/repo/") as base:
        yield base, root / "site"


def test_no_page_scrolls_sideways_on_a_phone(site: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    base, folder = site
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("index.html"))
    assert any(p.startswith("en/status/") for p in pages) and any("entities/" in p for p in pages)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = {}
    for path in pages:
        page.goto(base + path.removesuffix("index.html"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    context.close()
    assert not wide


# The links and buttons that stand on their own (WCAG 2.5.8's exception is a target in a
# sentence: one whose block, the parent that is no inline wrapper such as the English page's
# <span class="screen-only">, holds words besides its links), with their height when under
# 24 px.
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button')].filter((target) => {
  const box = target.getBoundingClientRect();
  if (!box.width || !box.height || box.height >= 24) return false;
  let block = target.parentElement;
  while (getComputedStyle(block).display === 'inline') block = block.parentElement;
  const around = block.cloneNode(true);
  around.querySelectorAll('a, button').forEach((each) => each.remove());
  return !/[\\p{L}\\p{N}]/u.test(around.textContent);
}).map((target) => `${target.textContent.trim()} (${Math.round(target.getBoundingClientRect().height)} px)`)"""


def test_links_standing_alone_are_targets_a_thumb_finds(site: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    """The feed link, an entity's Wikidata item, the status pages' links, the missing page's
    links home: at least 24 px tall on a phone (they were 21 px, the height of their text)."""
    base, folder = site
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("index.html"))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    small = {}
    for path in [*pages, "404.html"]:
        page.goto(base + path.removesuffix("index.html"))
        if found := page.evaluate(SMALL_TARGETS):
            small[path] = found
    context.close()
    assert not small


def test_the_page_keeps_its_width_from_page_to_page(site: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    """With a desktop's scroll bar shown, every page is as wide as every other: a short page
    (no scroll bar) does not move the header and the text sideways against a long one, nor
    the search page as its results arrive. The gutter is kept on every page."""
    base, folder = site
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("index.html"))
    from .webtools import CHROMIUM, CHROMIUM_ARGS

    shown = browser.browser_type.launch(  # Playwright hides scroll bars unless told not to
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--hide-scrollbars"],
    )
    try:
        page = shown.new_page(viewport=DESKTOP)
        widths = {}
        for path in pages:
            page.goto(base + path.removesuffix("index.html"))
            widths[path] = page.evaluate("document.body.getBoundingClientRect().width")
    finally:
        shown.close()
    assert len(set(widths.values())) == 1, widths
    assert min(widths.values()) < DESKTOP["width"]  # the bar is shown, and its gutter kept


# Of a status table on the screen: whether it fits its box, whether each column starts
# inside the box (the reader sees all five), the lines each row's name takes, and each figure
# that does not stand under its column's name (its row, its column, how far off in px).
STATUS_TABLE = """() => {
  const box = document.querySelector('.table-scroll');
  const edge = box.getBoundingClientRect();
  const inside = (cell) => { const b = cell.getBoundingClientRect();
                             return b.left >= edge.left && b.left < edge.right - 8; };
  const lines = (cell) => { const text = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode();
                            const r = document.createRange(); r.selectNodeContents(text);
                            return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
  const names = [...box.querySelectorAll('thead th')];
  const astray = [...box.querySelectorAll('tbody tr, tfoot tr')].flatMap((row, r) =>
    [...row.querySelectorAll('td')].map((cell, c) => {
      const [b, h] = [cell.getBoundingClientRect(), names[c + 1].getBoundingClientRect()];
      return [r, c + 1, Math.round(Math.max(Math.abs(b.left - h.left), Math.abs(b.right - h.right)))];
    })).filter(([, , off]) => off > 1);
  return {
    fits: box.scrollWidth <= box.clientWidth,
    columns_seen: names.filter(inside).length,
    name_lines: [...box.querySelectorAll('tbody th')].map(lines),
    astray,
    titles: box.querySelector('table').classList.contains('by-article'),
  };
}"""


@pytest.mark.parametrize("width", [320, 360, 390])
@pytest.mark.parametrize("path", ["en/status/", "en/status/2020/", "en/status/2020/11/"])
def test_the_status_tables_fit_a_phone(
    site: tuple[str, Path], browser, width: int, path: str
) -> None:  # type: ignore[no-untyped-def]
    """Every status table fits the screen with its five columns, each figure under its
    column's name: the years' table was 526 px wide in 309 ("Glossed" cut off), a year's
    months 322 px in 293 at 320 px and a month's articles 397 px in 293 ("Outdated" and
    "Orphan blocks" behind a sideways scroll); narrower than their columns, a row's name
    stands on a line above its figures. A month or a year's name stays on one line."""
    base, _ = site
    context = browser.new_context(viewport={"width": width, "height": 780}, is_mobile=True)
    page = context.new_page()
    page.goto(base + path)
    table = page.evaluate(STATUS_TABLE)
    context.close()
    assert table["fits"] and table["columns_seen"] == 5 and not table["astray"], table
    if not table["titles"]:  # an article's title may wrap
        assert set(table["name_lines"]) == {1}, table


def test_english_names_start_where_the_arabic_ones_do(site: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base + "ar/2020/11/coalition-us-forces-syria-iraq/")
    # Where the text itself ends on the right (a grid item's box fills its column).
    edges = page.evaluate(
        """(() => {
             const right = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                                     return Math.max(...[...r.getClientRects()].map(b => b.right)); };
             return [...document.querySelectorAll('.in-article li')]
               .filter(li => li.querySelector(':scope > bdi'))
               .map(li => [right(li.querySelector('a')), right(li.querySelector(':scope > bdi'))]);
           })()"""
    )
    context.close()
    assert edges, "no English name to check"
    assert all(abs(arabic - english) < 1 for arabic, english in edges), edges


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_single_period_is_labelled_under_its_bar(
    site: tuple[str, Path],
    browser,
    lang: str,  # type: ignore[no-untyped-def]
) -> None:
    """The demo's entities are named in one month: one bar mid-chart, its label under it."""
    base, _ = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{lang}/entities/syria/")
    centres = page.evaluate(
        """(() => {
             const mid = (b) => (b.left + b.right) / 2;
             const axis = document.querySelectorAll('.chart-axis span');
             const bar = document.querySelector('figure.chart .chart-bars').getBoundingClientRect();
             return {labels: axis.length, bar: mid(bar), label: mid(axis[0].getBoundingClientRect())};
           })()"""
    )
    context.close()
    assert centres["labels"] == 1
    assert abs(centres["bar"] - centres["label"]) < 4, centres


# An address as readers paste it, with no space to break at: 95 characters, wider than a
# phone's text column in either language.
LONG_ADDRESS = (
    "https://www.example.org/news/2021/05/the-coalition-statement-on-the-movement-of-forces.html"
)


def test_a_long_address_breaks_within_the_text_column(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """A bare address or a long Latin word in an article (Arabic or English) or in an
    entity's description wraps inside the column: the Arabic page was 371 px wide in 360."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    write(
        tmp_path,
        "content/ar/2021/05/address.md",
        '---\ntitle: "عنوان البيان"\ndate: "2021-05-02"\n---\n\n'
        f"نشر التحالف الدولي بيانه على {LONG_ADDRESS} وفيه Supercalifragilisticexpialidocious.\n",
    )
    assert main(["gloss", "--root", str(tmp_path)]) == 0  # the English page's stub
    gloss = tmp_path / "content/en/2021/05/address.md"
    text = gloss.read_text(encoding="utf-8")
    gloss.write_text(
        text.replace('title: ""', 'title: "The statement"', 1).rstrip("\n")
        + f"\n\nThe coalition published its statement at {LONG_ADDRESS} today.\n",
        encoding="utf-8",
    )
    registry = tmp_path / "content/entities.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "description_en: 45th and 47th president of the United States.",
            f"description_en: 45th and 47th president of the United States ({LONG_ADDRESS}).",
        ),
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = {}
    with serve_folder(tmp_path / "site", "/repo/") as base:
        for path in (
            "ar/2021/05/address/",
            "en/2021/05/address/",
            "ar/entities/donald-trump/",
            "en/entities/donald-trump/",
        ):
            page.goto(base + path)
            assert LONG_ADDRESS in page.locator("main").inner_text().replace("\n", ""), path
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[path] = width
    context.close()
    assert not wide


# The text a reader sees set smaller than 16 px: each element holding words or figures of its
# own, shown (once every <details> is opened) and not a visually hidden name, with its size.
# The status tables are left out: their figures are set small so that five columns fit a phone.
SMALL_TEXT = """() => {
document.querySelectorAll('details').forEach((details) => { details.open = true; });
return [...document.querySelectorAll('body *')].filter((element) => {
  if (element.closest('.gloss-status')) return false;
  if (![...element.childNodes].some((node) => node.nodeType === 3 && node.data.trim())) return false;
  const box = element.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && element.checkVisibility()
    && parseFloat(getComputedStyle(element).fontSize) < 15.95;
}).map((element) => `${element.textContent.trim().slice(0, 30)} (${getComputedStyle(element).fontSize})`);
}"""


def test_no_text_on_a_phone_is_smaller_than_16_px(site: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    """Dates, sources, notes, the English names beside the Arabic ones, the counts, the
    charts' labels: at least 16 px on a phone (they were 13.7 to 15.8 px, and Naskh draws
    smaller than a Latin face at one size)."""
    base, folder = site
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("index.html"))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    small = {}
    for path in [*pages, "404.html"]:
        page.goto(base + path.removesuffix("index.html"))
        if found := page.evaluate(SMALL_TEXT):
            small[path] = found
    context.close()
    assert not small


@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_years_status_table_fits_a_phone_in_september(
    tmp_path: Path, browser, width: int
) -> None:  # type: ignore[no-untyped-def]
    """A year with an article in September (the longest month's name) and a total of
    paragraphs in two figures: on a phone, which shows no scroll bar, the months' table
    fits the screen (its last column was cut off: 348 px of table in 324)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    write(
        tmp_path,
        "content/ar/2020/09/september.md",
        '---\ntitle: "أيلول"\ndate: "2020-09-01"\n---\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n',
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(
        viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    with serve_folder(tmp_path / "site", "/repo/") as base:
        page.goto(base + "en/status/2020/")
        months = page.evaluate(STATUS_TABLE)
        names = page.locator(".gloss-status tbody th").all_inner_texts()
    context.close()
    assert "September" in names, names
    assert months["fits"] and not months["astray"] and set(months["name_lines"]) == {1}, months


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_text_starts_where_the_header_s_title_does_on_a_phone(
    site: tuple[str, Path], browser, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The headline's first letter stands under the site title's, not 4.5 px further in."""
    base, _ = site
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + f"{lang}/2020/11/coalition-us-forces-syria-iraq/")
    edges = page.evaluate(
        """() => [document.querySelector('.site-title'), document.querySelector('h1')].map((e) => {
             const box = e.getBoundingClientRect();
             return document.dir === 'rtl' ? box.right : box.left; })"""
    )
    context.close()
    assert abs(edges[0] - edges[1]) < 1, edges


# The visible cells of the pagination bar: their text and the top of each.
BAR_CELLS = """() => [...document.querySelectorAll('.pagination li')]
  .filter((cell) => cell.getBoundingClientRect().width > 0)
  .map((cell) => [cell.textContent.trim(), Math.round(cell.getBoundingClientRect().top)])"""


def test_a_long_pagination_bar_stands_on_one_line_of_a_phone(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Page 7 of 13: a phone shows the ends and one neighbour each side, on one line (eleven
    cells of 44 px took two lines at 360 px); a desktop shows three neighbours each side."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    set_per_page(tmp_path, 1)
    write_month_of_stories(tmp_path, 12)
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(tmp_path / "site", "/repo/") as base:
        shown = {}
        for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(base + "ar/2020/11/page/7/")
            shown[name] = page.evaluate(BAR_CELLS)
            context.close()
    assert [text for text, _ in shown["phone"]] == ["1", "…", "6", "7", "8", "…", "13"]
    assert len({top for _, top in shown["phone"]}) == 1, shown["phone"]
    desktop = [text for text, _ in shown["desktop"]]
    assert desktop == ["1", "…", "4", "5", "6", "7", "8", "9", "10", "…", "13"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_in_this_article_summary_announces_its_heading_only(
    site: tuple[str, Path], browser, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """On a phone a screen reader read "In this article, down-pointing small triangle": the
    arrow drawn after the summary was text to it. It is drawn only now; the details say
    whether the list is open."""
    base, _ = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{lang}/2020/11/coalition-us-forces-syria-iraq/")
    summary = page.locator(".in-article > summary")
    for state in ("closed", "open"):
        heard = summary.aria_snapshot()
        assert "▾" not in heard and "▴" not in heard, (state, heard)
        summary.click()
    context.close()
