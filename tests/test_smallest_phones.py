"""The smallest phones with the text made larger, in Chromium: a reader in Basra on a 320 by
568 px phone (and 360 by 640), Android's font scale at 1.3 (the browser's default text size
21 px, not 16), reading an article under a long headline and a long byline, a corrected one
with a table and a photo, a withdrawn one, entity pages of long names, and the search page
with a long query: the text's first words on the first screen, nothing wider than the
screen, no target under 24 px, no text cut off (site.css, "The smallest phones")."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from newsarchive.build.engine import build

from .conftest import REPO, add_registry_entry, write
from .test_short_screens import FIRST_SCREEN  # where the first line ends, as there
from .webtools import CHROMIUM, CHROMIUM_ARGS, serve_folder

pytestmark = pytest.mark.browser

SMALLEST = {"width": 320, "height": 568}
SMALL = {"width": 360, "height": 640}
# Android's largest common font scale, 1.3 of 16 px; Chromium's setting takes whole pixels.
LARGE_TEXT = 21

DEMO = "2020/11/coalition-us-forces-syria-iraq"
LONG = "2021/03/budget-vote"
CORRECTED = "2021/04/election-results"
WITHDRAWN = "2021/05/withdrawn-report"
# Twenty-four words, as Arabic news headlines often run.
LONG_AR = (
    "مجلس النواب العراقي يصوت بالأغلبية على قانون الموازنة الاتحادية لعام 2021 بعد خلافات"
    " طويلة مع حكومة إقليم كوردستان حول حصة الإقليم من النفط والرواتب والمنافذ الحدودية"
)
LONG_EN = (
    "Iraq's parliament passes the 2021 federal budget after a long dispute with the Kurdistan"
    " Region over oil, salaries and border crossings"
)
AUTHORS = '["عبد الرحمن إبراهيم الحسيني", "فاطمة عبد الأمير الموسوي", "محمد عبد الكريم الساعدي"]'
LONG_NAME = "الهيئة العليا للتنسيق بين المحافظات غير المنتظمة في إقليم"
LONG_NAME_EN = "High Commission for Coordination among the Governorates not Organised in a Region"
TABLE = (
    "| المحافظة | المقاعد | الأصوات | النسبة | الفائز | الفرق |\n"
    "| --- | --- | --- | --- | --- | --- |\n"
    "| البصرة | 25 | 1250000 | 43.5% | تحالف الفتح | +12000 |\n"
    "| نينوى | 31 | 1480000 | 41.2% | تحالف تقدم | −3100 |\n"
)
QUERY = "الموازنة الاتحادية حكومة إقليم كوردستان النفط والرواتب والمنافذ الحدودية"


def _photo(root: Path) -> None:
    """A 960 by 640 photo (wider than a phone: published in renditions)."""
    target = root / "content/media/2021/count.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (960, 640), (90, 110, 140)).save(target, quality=80)


def write_articles(root: Path) -> None:
    """Into a copy of the demo: the demo again under a long headline and byline, with
    footnotes and tags, and its English; a corrected article with a table and a photo; a
    withdrawn one; an entity of a long name, named in the first two."""
    demo = (REPO / "content/ar" / f"{DEMO}.md").read_text(encoding="utf-8")
    body = demo.split("\n---\n", 1)[1]
    add_registry_entry(
        root,
        f"- id: coordination-commission\n  type: organization\n  ar: [{LONG_NAME}]\n"
        f"  en: {LONG_NAME_EN}\n",
    )
    head = (
        f'---\ntitle: "{LONG_AR}"\ndate: "2021-03-14"\nauthor: {AUTHORS}\n'
        'dateline: "بغداد"\nsource:\n  name: "شفق نيوز"\n  url: "https://news.example.com/"\n'
        '  original_url: "https://news.example.com/2021/03/14/budget"\n'
        "tags: [الموازنة, إقليم كوردستان, مجلس النواب]\n---\n"
    )
    first, rest = body.split("\n\n", 1)
    write(
        root,
        f"content/ar/{LONG}.md",
        f"{head}{body}\nوقالت {LONG_NAME} إن الاتفاق نهائي[^1].\n\n"
        "[^1]: بيان الدائرة الإعلامية لمجلس النواب العراقي، 14 آذار/مارس 2021.\n",
    )
    english = (REPO / "content/en" / f"{DEMO}.md").read_text(encoding="utf-8")
    english = re.sub(r'title: ".*"', f'title: "{LONG_EN}"', english, count=1)
    write(root, f"content/en/{LONG}.md", re.sub(r"title_of: .*\n", "", english, count=1))
    _photo(root)
    write(
        root,
        f"content/ar/{CORRECTED}.md",
        f'---\ntitle: "{LONG_AR}"\ndate: "2021-04-02"\nauthor: {AUTHORS}\n'
        'source: "شفق نيوز"\ncorrections:\n  - date: "2021-04-05"\n'
        '    note: "صُحّحت أعداد الأصوات في جدول النتائج، وكانت قد وردت خطأً في نينوى."\n---\n'
        f"أعلنت {LONG_NAME} النتائج النهائية للانتخابات في المحافظات.\n\n{TABLE}\n"
        '![فرز الأصوات](../../../media/2021/count.jpg "فرز الأصوات في أحد مراكز البصرة")\n\n'
        f"{rest}",
    )
    write(
        root,
        f"content/ar/{WITHDRAWN}.md",
        f'---\ntitle: "{LONG_AR}"\ndate: "2021-05-09"\nwithdrawn:\n  date: "2021-05-10"\n'
        '  note: "سُحب هذا التقرير لعدم دقة مصادره، ونعتذر لقرائنا عن الخطأ الوارد فيه."\n'
        f"---\n{first}\n",
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with the articles above, built with search under /repo/ and served."""
    root = tmp_path_factory.mktemp("smallest")
    shutil.copytree(REPO / "content", root / "content")
    write_articles(root)
    build(root, root / "site", "https://example.github.io/repo/")
    with serve_folder(root / "site", "/repo/") as base:
        yield base


@pytest.fixture(scope="module")
def large_text(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A phone's Chromium whose reader raised the text size to 1.3 times the default."""
    profile = tmp_path_factory.mktemp("text-1.3")
    (profile / "Default").mkdir()
    preferences = {"webkit": {"webprefs": {"default_font_size": LARGE_TEXT}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(preferences))
    context = browser.browser_type.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport=SMALLEST,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context
    context.close()


FIRST_WORDS = [
    ("ar", LONG, SMALLEST),
    ("ar", LONG, SMALL),
    ("ar", CORRECTED, SMALLEST),
    ("en", LONG, SMALL),
]


def _opened(context: Any, url: str, viewport: dict[str, int]) -> Any:
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


@pytest.mark.parametrize(
    ("lang", "article", "viewport"),
    FIRST_WORDS,
    ids=[f"{lang}-{a.split('/')[2]}-{v['width']}x{v['height']}" for lang, a, v in FIRST_WORDS],
)
def test_the_first_words_are_on_the_first_screen_with_large_text(
    site: str, large_text: Any, lang: str, article: str, viewport: dict[str, int]
) -> None:
    """Under a 24-word headline and a byline of three, the text's first line ended 1,330 px
    down at 320 by 568 (Arabic), 1,290 px at 360 by 640 (English): the header took three
    rows, the headline 37 px, and the English link, side by side and "in this article" came
    first. The headline stays larger than the text."""
    page = _opened(large_text, f"{site}{lang}/{article}/", viewport)
    found = page.evaluate(FIRST_SCREEN)
    page.close()
    assert found["first_line_bottom"] <= viewport["height"], found
    assert found["headline_to_text"] >= 1.1 and found["overflow"] == 0, found


# Where the English page's link and the side by side button stand on the smallest phones
# (below the text's first paragraph), and "in this article" (above it: the article's names
# reachable from the top, issue #24); each a target of 24 px.
AFTER_TEXT = """() => {
  const first = document.querySelector('.article .body > p[id]').getBoundingClientRect();
  const placed = ['.gloss-link a', '.parallel-toggle'].map((selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return [selector, box.top > first.bottom && box.height >= 24];
  });
  const names = document.querySelector('.in-article > summary').getBoundingClientRect();
  placed.push(['.in-article > summary', names.bottom <= first.top && names.height >= 24]);
  return placed;
}"""


def test_the_english_link_follows_the_text_and_the_names_precede_it(
    site: str, large_text: Any
) -> None:
    """Not lost, only moved: the English page's link below the text, "in this article" one
    line above it, each a target of 24 px."""
    page = _opened(large_text, f"{site}ar/{LONG}/", SMALLEST)
    placed = page.evaluate(AFTER_TEXT)
    page.close()
    assert all(where for _, where in placed), placed


PAGES = [
    f"ar/{LONG}/",
    f"en/{LONG}/",
    f"ar/{CORRECTED}/",
    f"ar/{WITHDRAWN}/",
    f"en/{WITHDRAWN}/",
    "ar/entities/coordination-commission/",
    "en/entities/coordination-commission/",
    "ar/entities/",
    "ar/",
    "en/",
    "ar/2021/03/",
    "ar/search/?q=" + QUERY.replace(" ", "+"),
    "en/search/?q=Kurdistan+Region+government+federal+budget+salaries+border+crossings",
]

# The page as the reader sees it: how far it scrolls sideways; the links and buttons that
# stand on their own (not in a sentence) under 24 px tall; any box of text that cuts its own
# text off (its content wider than it, overflow not visible; the visually hidden headings,
# a field's query and the tables' scrolling boxes aside); the header's title, buttons and
# links' tops (one row: the Latin and the Naskh links' boxes start a few px apart).
SEEN = """() => {
  const de = document.documentElement;
  const small = [...document.querySelectorAll('a, button, summary')].filter((target) => {
    const box = target.getBoundingClientRect();
    if (!box.width || !box.height || box.height >= 24) return false;
    let block = target.parentElement;
    while (getComputedStyle(block).display === 'inline') block = block.parentElement;
    const around = block.cloneNode(true);
    around.querySelectorAll('a, button').forEach((each) => each.remove());
    return !/[\\p{L}\\p{N}]/u.test(around.textContent);
  }).map((target) => target.textContent.trim());
  const clipped = [...document.querySelectorAll('body *')].filter((element) => {
    if (!element.clientWidth || element.matches('input, .table-scroll')) return false;
    if (element.closest('.visually-hidden, .article > h2, .button-text')) return false;
    const style = getComputedStyle(element);
    return style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1;
  }).map((element) => element.outerHTML.slice(0, 60));
  const top = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().top);
  const links = [...document.querySelectorAll('.site-header nav a')].filter((a) => a.checkVisibility());
  return {
    overflow: de.scrollWidth - de.clientWidth, small, clipped,
    tools_beside_title: Math.abs(top('.header-tools') - top('.site-header')) < 12,
    links_spread: Math.max(...links.map((a) => a.getBoundingClientRect().top))
      - Math.min(...links.map((a) => a.getBoundingClientRect().top)),
  };
}"""


@pytest.mark.parametrize("viewport", [SMALLEST, SMALL], ids=["320x568", "360x640"])
def test_every_page_kind_fits_the_smallest_phones_with_large_text(
    site: str, large_text: Any, viewport: dict[str, int]
) -> None:
    """An article under a long headline and byline (footnotes, tags), a corrected one with a
    table and a photo, a withdrawn one, an entity of a long name, lists and the search for a
    long query: no page wider than the screen, no target standing alone under 24 px, no text
    cut off; the header two rows, the search and theme buttons beside the title (they took a
    row of their own) and the links on one row (English's took two)."""
    seen = {}
    for path in PAGES:
        page = _opened(large_text, site + path, viewport)
        if "search" in path:
            page.wait_for_selector(".search-results li, .search-status", timeout=10_000)
        seen[path] = page.evaluate(SEEN)
        page.close()
    expected = {"overflow": 0, "small": [], "clipped": [], "tools_beside_title": True}
    for path, found in seen.items():
        assert found | expected == found and found["links_spread"] < 12, (path, found)
