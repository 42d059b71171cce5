"""The narrowest phones a reader holds (320 px: an old iPhone SE, small Androids), in
Chromium: the pagination bar of a long list on one line, nothing scrolling sideways; the
labels under a timeline, which never meet, on a phone or a desktop; the search page's
three sorts on one line; an article's English
names of entities that take two lines; translation progress ("3 / 13 paragraphs translated")
never split from its count."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, set_per_page, write
from .webtools import serve_folder

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
STORIES = 130  # one a list page: an entity's pages run to 131, numbers of three figures
DEMO = "2020/11/coalition-us-forces-syria-iraq"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with STORIES more articles naming Syria from 2008 to 2024 (a timeline of
    seventeen years) and one naming Iraq each month of 2021 and 2022 (twenty-six months from
    the demo's November 2020), one article a list page, built under /repo/ and served. The
    demo article's first paragraph is edited, so that its English there is outdated."""
    root = tmp_path_factory.mktemp("narrow")
    shutil.copytree(REPO / "content", root / "content")
    demo = root / "content/ar" / f"{DEMO}.md"
    text = demo.read_text(encoding="utf-8")
    demo.write_text(text.replace("يوم الثلاثاء", "يوم الثلاثاء الماضي", 1), encoding="utf-8")
    set_per_page(root, 1)
    for n in range(STORIES):
        year, month, day = 2008 + n % 17, 1 + n % 9, 1 + n % 27
        write(
            root,
            f"content/ar/{year}/{month:02d}/syria-{n:03d}.md",
            f'---\ntitle: "خبر {n}"\ndate: "{year}-{month:02d}-{day:02d}"\n---\n\n'
            f"قالت مصادر في سوريا في الخبر رقم {n}.\n",
        )
    for n in range(24):
        year, month = 2021 + n // 12, 1 + n % 12
        write(
            root,
            f"content/ar/{year}/{month:02d}/iraq-{n:02d}.md",
            f'---\ntitle: "خبر"\ndate: "{year}-{month:02d}-10"\n---\n\nقالت مصادر في العراق.\n',
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


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_search_sorts_stand_on_one_line_at_320_px(site: str, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Relevance, newest, oldest: one row of three on a phone (the third went under the
    first two, in Arabic and in English), the page no wider than the screen."""
    context = browser.new_context(viewport=NARROW, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}{lang}/search/")
    tops = page.eval_on_selector_all(
        ".search-sort label", "(ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top))"
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    assert overflow <= 0


@pytest.mark.parametrize("path", ["ar/", "en/", "en/translated/"])
def test_the_header_links_stand_on_one_line_at_320_px(site: str, browser, path: str) -> None:  # type: ignore[no-untyped-def]
    """Under the title and its buttons, one row of links: English has four (Home,
    Translated, Entities, the switch to Arabic), which took a third row; "Home" is left to
    the title, which leads there too."""
    context = browser.new_context(viewport=NARROW, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site + path)
    tops = page.eval_on_selector_all(
        ".site-header nav a",
        "(links) => links.filter((a) => a.checkVisibility())"
        ".map((a) => Math.round(a.getBoundingClientRect().top))",
    )
    title = page.get_attribute(".site-title", "href")
    context.close()
    # One row: the Arabic switch's box, in Naskh on the row's baseline, starts 2 px lower.
    assert len(tops) >= 2 and max(tops) - min(tops) < 10, tops
    assert title == f"/repo/{path[:3]}"


# The timeline's labels as drawn (those not hidden): each one's text, edges and centre; the
# chart's edges; whether a bar stands just above the baseline under each label's centre.
AXIS = """() => {
  const svg = document.querySelector('figure.chart svg').getBoundingClientRect();
  return {
    chart: [svg.left, svg.right],
    labels: [...document.querySelectorAll('.chart-axis span')]
      .filter((label) => label.checkVisibility({visibilityProperty: true}))
      .map((label) => {
        const box = label.getBoundingClientRect();
        const centre = (box.left + box.right) / 2;
        const hit = document.elementFromPoint(centre, svg.bottom - 2);
        return {text: label.innerText.replace(/\\s+/g, ' '), left: box.left, right: box.right,
                over_a_bar: hit !== null && hit.classList.contains('chart-bars')};
      }),
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(("name", "viewport"), [("phone", NARROW), ("desktop", DESKTOP)])
def test_a_timeline_labels_more_than_its_ends_and_no_two_labels_meet(
    site: str, browser, lang: str, name: str, viewport: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """Syria's seventeen years, Iraq's twenty-six months (an Arabic month's two names over
    its year), the months of 2010 (its year page): labels within the chart, none touching
    the next; more than the first and last years on Syria's (they were its only two), the
    ones between each centred under its year's bar (the ends stand at the chart's edges)."""
    context = browser.new_context(viewport=viewport, is_mobile=name == "phone")
    page = context.new_page()
    drawn = {}
    for path in ("entities/syria/", "entities/iraq/", "2010/"):
        page.goto(f"{site}{lang}/{path}")
        drawn[path] = page.evaluate(AXIS)
    context.close()
    for path, axis in drawn.items():
        labels = sorted(axis["labels"], key=lambda label: label["left"])
        start, end = axis["chart"]
        assert len(labels) >= 2 and start - 0.5 <= labels[0]["left"], (path, axis)
        assert labels[-1]["right"] <= end + 0.5, (path, axis)
        for before, after in itertools.pairwise(labels):
            assert before["right"] <= after["left"], (path, before, after)
    years = drawn["entities/syria/"]["labels"]
    assert len(years) > 2 and {"2008", "2024"} <= {label["text"] for label in years}, years
    assert all(label["over_a_bar"] for label in years[1:-1]), years  # the ends: at the edges


# Of each entity in an Arabic article's list whose English name takes more than one line:
# the right edge of the Arabic name's line and of each line of the English name.
NAME_LINES = """() => {
  document.querySelectorAll('details').forEach((details) => { details.open = true; });
  const rights = (element) => { const range = document.createRange(); range.selectNodeContents(element);
                                return [...range.getClientRects()].map((box) => box.right); };
  return [...document.querySelectorAll('.in-article li')]
    .filter((li) => li.querySelector(':scope > bdi'))
    .map((li) => [rights(li.querySelector('a')), rights(li.querySelector(':scope > bdi'))])
    .filter(([, english]) => english.length > 1);
}"""


def test_an_english_name_on_two_lines_stands_under_the_arabic_one(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    """At 320 px "Global Coalition to Defeat ISIS" and "United States Armed Forces" take two
    lines under their Arabic names: each line ends at the Arabic's right edge, where the
    one-line names stand (the lines began at the left, 15 and 55 px short of the Arabic)."""
    context = browser.new_context(viewport=NARROW, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}ar/2020/11/coalition-us-forces-syria-iraq/")
    names = page.evaluate(NAME_LINES)
    context.close()
    assert len(names) >= 2, names
    for arabic, english in names:
        assert all(abs(line - arabic[0]) < 1 for line in english), (arabic, english)


# How many lines `phrase` takes in the first element matching `selector` (its spaces match
# plain or no-break ones): the distinct tops of the boxes its characters are drawn in, a line
# being half a box's height apart; null when the phrase is not there.
PHRASE_LINES = """([selector, phrase]) => {
  const element = document.querySelector(selector);
  const nodes = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  const text = nodes.map((node) => node.data).join('');
  const found = new RegExp(phrase.replace(/[/:]/g, '\\\\$&').replace(/ /g, '\\\\s+')).exec(text);
  if (!found) return null;
  const at = (offset) => {
    for (const node of nodes) {
      if (offset <= node.data.length) return [node, offset];
      offset -= node.data.length;
    }
  };
  const range = document.createRange();
  range.setStart(...at(found.index));
  range.setEnd(...at(found.index + found[0].length));
  const boxes = [...range.getClientRects()].filter((box) => box.width > 0);
  const lines = [];
  for (const box of boxes) {
    if (!lines.some((top) => Math.abs(top - box.top) < box.height / 2)) lines.push(box.top);
  }
  return lines.length;
}"""

# "translated" may start a line: at twice the text size the whole phrase is wider than a phone,
# and a break before it is the one that leaves every word whole (test_low_vision.py).
ENGLISH_PROGRESS = ("2 / 13 paragraphs", "1 outdated", "since the Arabic was edited")
ARABIC_PROGRESS = ("الفقرات المترجمة: 2 من 13", "فقرات قديمة تغيّر نصها العربي: 1")


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize(
    ("path", "selector", "phrases"),
    [
        (f"en/{DEMO}/", ".gloss-progress", ENGLISH_PROGRESS),
        ("en/2020/11/", ".article-list .meta", ENGLISH_PROGRESS),
        ("en/translated/", ".article-list .meta", ENGLISH_PROGRESS),
        (f"ar/{DEMO}/", ".gloss-link", ARABIC_PROGRESS),
    ],
)
def test_a_progress_phrase_stands_on_one_line(
    site: str, browser, width: int, path: str, selector: str, phrases: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    """The line "2 / 13 paragraphs translated · 1 outdated since the Arabic was edited" broke as
    "2 /" | "13 paragraphs translated" and "1 outdated since" | "the Arabic was edited" on a
    phone, and the Arabic «الفقرات المترجمة: 2 من 13» likewise: each phrase is on one line
    (the English outdated one, too long for 320 px, may break only after "1 outdated", and
    the count only before "translated"),
    and the page is no wider than the screen."""
    context = browser.new_context(
        viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site + path)
    page.evaluate("document.fonts.ready.then(() => true)")
    lines = {phrase: page.evaluate(PHRASE_LINES, [selector, phrase]) for phrase in phrases}
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert lines == dict.fromkeys(phrases, 1), lines
    assert overflow <= 0


HOME = """() => {
  const years = [...document.querySelectorAll('.years li')];
  return {
    first_article: Math.round(document.querySelector('.article-list li').getBoundingClientRect().top),
    columns: new Set(years.map((li) => Math.round(li.getBoundingClientRect().left))).size,
    bars_shown: years.filter((li) => li.querySelector('svg').getBoundingClientRect().width > 0).length,
    years: years.length,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_home_s_newest_article_is_on_a_phone_s_first_screen(
    site: str, browser, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Seventeen years under the timeline were a bar a line (the timeline draws their bars
    already), and pushed the newest article below the first screen; on a phone they stand
    side by side, on a desktop each keeps its bar."""
    phone = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.goto(f"{site}{lang}/")
    home = page.evaluate(HOME)
    phone.close()
    assert home["years"] == 17 and home["overflow"] == 0, home
    assert home["columns"] >= 2 and home["bars_shown"] == 0, home
    assert home["first_article"] < 740, home
    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    page.goto(f"{site}{lang}/")
    assert page.evaluate(HOME)["bars_shown"] == 17
    desktop.close()
