"""The narrowest phones a reader holds (320 px: an old iPhone SE, small Androids), in
Chromium: the pagination bar of a long list on one line, nothing scrolling sideways."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, set_per_page, write
from .webtools import serve_folder

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
STORIES = 130  # one a list page: an entity's pages run to 131, numbers of three figures


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with STORIES more articles naming Syria from 2008 to 2024, one article a list
    page, built under /repo/ and served: its base URL."""
    root = tmp_path_factory.mktemp("narrow")
    shutil.copytree(REPO / "content", root / "content")
    set_per_page(root, 1)
    for n in range(STORIES):
        year, month, day = 2008 + n % 17, 1 + n % 9, 1 + n % 27
        write(
            root,
            f"content/ar/{year}/{month:02d}/syria-{n:03d}.md",
            f'---\ntitle: "خبر {n}"\ndate: "{year}-{month:02d}-{day:02d}"\n---\n\n'
            f"قالت مصادر في سوريا في الخبر رقم {n}.\n",
        )
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(root / "site", "/repo/") as base:
        yield base


# The pagination bar as drawn: each visible cell's text, top and size, each link's size, and
# whether the page is wider than the screen.
BAR = """() => {
  const shown = [...document.querySelectorAll('.pagination li')]
    .filter((cell) => cell.getBoundingClientRect().width > 0);
  const size = (e) => { const b = e.getBoundingClientRect(); return [b.width, b.height]; };
  return {
    cells: shown.map((cell) => [cell.textContent.trim(), Math.round(cell.getBoundingClientRect().top)]),
    links: shown.flatMap((cell) => [...cell.querySelectorAll('a')]).map(size),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("mobile", [True, False], ids=["touch", "scroll-bar"])
def test_a_long_pagination_bar_stands_on_one_line_at_320_px(
    site: str, browser, lang: str, mobile: bool
) -> None:  # type: ignore[no-untyped-def]
    """Page 64 of 131: the ends, one neighbour each side and two gaps, all on one line (the
    last number went to a second line), each link a target of at least 24 x 24 px, and the
    page no wider than the screen, with or without a scroll bar's gutter."""
    context = browser.new_context(viewport=NARROW, is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    page.goto(f"{site}{lang}/entities/syria/page/64/")
    bar = page.evaluate(BAR)
    context.close()
    assert [text for text, _ in bar["cells"]] == ["1", "…", "63", "64", "65", "…", "131"]
    assert len({top for _, top in bar["cells"]}) == 1, bar["cells"]
    assert len(bar["links"]) == 4 and all(w >= 24 and h >= 24 for w, h in bar["links"]), bar
    assert bar["overflow"] <= 0, bar
