"""The reading page as a reader sees it in Chromium: the measure counted in
characters per rendered line, digits in the Naskh face, a compact phone header with one
search entry, "in this article" above the text on a phone, dark mode that follows the system,
remembers the reader's choice and never paints the other theme first, and print."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import CHROMIUM, CHROMIUM_ARGS, OBSERVE_SHIFTS, serve_folder, slow_network

pytestmark = pytest.mark.browser

ARTICLE = "2020/11/coalition-us-forces-syria-iraq/"
PHONE = {"width": 360, "height": 780}
TABLET = {"width": 800, "height": 1000}
DESKTOP = {"width": 1280, "height": 800}

# Characters (spaces included) of every rendered line of the article's paragraphs: each
# character's box is measured with a Range, and characters are grouped into lines by the
# vertical middle of their box. The last line of a paragraph is left out (it is short by
# nature).
LINES = r"""
() => {
  const lines = [];
  for (const p of document.querySelectorAll('.article .body > p[id]')) {
    const middles = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) middles.push(box.top + box.height / 2);
      }
    }
    const counts = [];
    let line = null;
    for (const middle of middles) {
      if (line === null || Math.abs(middle - line) > 12) { counts.push(0); line = middle; }
      counts[counts.length - 1]++;
    }
    lines.push(...counts.slice(0, -1));
  }
  return lines;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo project (the seed article, glossed) built under /repo/ and served."""
    root = tmp_path_factory.mktemp("design")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(root / "site", "/repo/") as base:
        yield base


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page(url, viewport, color_scheme='light') -> a loaded page whose fonts are ready."""
    contexts: list[Any] = []

    def opener(url: str, viewport: dict[str, int], color_scheme: str = "light") -> Any:
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page

    yield opener
    for context in contexts:
        context.close()


def _lines(page: Any) -> list[int]:
    lines: list[int] = page.evaluate(LINES)
    assert len(lines) >= 10, "the article has too few full lines to measure"
    return lines


@pytest.mark.parametrize("viewport", [DESKTOP, TABLET], ids=["desktop", "tablet"])
def test_arabic_text_runs_60_to_75_characters_a_line(site: str, open_page, viewport) -> None:  # type: ignore[no-untyped-def]
    lines = _lines(open_page(site + "ar/" + ARTICLE, viewport))
    mean = sum(lines) / len(lines)
    inside = [n for n in lines if 60 <= n <= 75]
    assert 60 <= mean <= 75, f"{mean:.1f} characters a line on average: {lines}"
    assert len(inside) >= 0.9 * len(lines), f"lines outside 60-75: {lines}"


def test_phone_text_is_as_wide_as_a_readable_size_allows(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, PHONE)
    lines = _lines(page)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)")
    mean = sum(lines) / len(lines)
    # docs/architecture.md: at 18 px a 360 px phone holds about 45 characters a full line
    # (a mean of about 43 over every line, short last lines included).
    assert size >= 17, f"body text {size} px"
    assert 38 <= mean <= 75, f"{mean:.1f} characters a line on a phone: {lines}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_arabic_reference_is_as_large_as_the_arabic_text(
    site: str, open_page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The citation's Arabic line, on both pages of the article: Naskh at the small size the
    English line takes read as a footnote (15.75 px against the text's 18)."""
    page = open_page(site + f"{lang}/" + ARTICLE, PHONE)
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.cite p[lang=ar]')).fontSize)"
    )
    text = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= text == 18


def test_digits_are_drawn_by_the_naskh_face(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP)
    loaded = page.evaluate(
        """[...document.fonts].filter(f => f.family.includes('Noto Naskh Arabic')
             && f.status === 'loaded' && /U\\+20-40/i.test(f.unicodeRange)).length"""
    )
    assert loaded >= 1, "the Naskh face with digits was never used"
    # The same digits drawn by the page's font and by the Latin font alone differ in width:
    # the page's font draws them.
    widths = page.evaluate(
        """() => {
          const p = document.querySelector('.article .meta');
          const probe = (family) => {
            const s = document.createElement('span');
            s.textContent = '0123456789 2020';
            if (family) s.style.fontFamily = family;
            p.append(s);
            const w = s.getBoundingClientRect().width;
            s.remove();
            return w;
          };
          return [probe(''), probe('"Noto Naskh Arabic"'), probe('var(--font-latin)')];
        }"""
    )
    page_font, naskh, latin = widths
    assert page_font == pytest.approx(naskh, abs=0.5)
    assert abs(page_font - latin) > 2, widths


def test_phone_header_is_compact_with_one_search_entry(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, PHONE)
    header = page.locator(".site-header").bounding_box()
    headline = page.locator("h1").bounding_box()
    assert header["height"] <= 110, header
    assert headline["y"] <= 140, headline
    assert page.locator("input[type=search]:visible").count() == 0
    assert page.locator(".search-box button:visible").count() == 1
    label = page.locator(".search-box .button-text").bounding_box()
    assert label is not None and label["width"] <= 1  # the icon alone; the name for readers
    page.locator(".search-box button").click()
    page.wait_for_url("**/ar/search/**")
    for viewport in (PHONE, DESKTOP):
        search = open_page(site + "ar/search/", viewport)
        assert search.locator("input[type=search]").count() == 1
        assert search.locator("input[type=search]:visible").count() == 1


def test_in_this_article_is_above_the_text_on_a_phone_and_beside_it_on_a_desktop(
    site: str, open_page
) -> None:  # type: ignore[no-untyped-def]
    phone = open_page(site + "ar/" + ARTICLE, PHONE)
    summary = phone.locator(".in-article > summary").bounding_box()
    body = phone.locator(".article .body").bounding_box()
    assert summary["y"] + summary["height"] <= body["y"]
    assert summary["y"] < PHONE["height"], "the summary is below the first screen"
    assert phone.locator(".in-article li a").first.is_visible() is False
    phone.locator(".in-article > summary").click()
    assert phone.locator(".in-article li a").first.is_visible()
    desktop = open_page(site + "ar/" + ARTICLE, DESKTOP)
    side = desktop.locator(".in-article").bounding_box()
    body = desktop.locator(".article .body").bounding_box()
    assert desktop.locator(".in-article li a").first.is_visible()
    assert side["x"] + side["width"] <= body["x"], "RTL: the list stands to the text's left"


# What a browser without ::details-content keeps of the style sheet: no rule naming it, and
# nothing under an @supports that asks for it.
WITHOUT_DETAILS_CONTENT = """() => {
  const prune = (rules) => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      const text = (rule.selectorText || '') + (rule.conditionText || '');
      if (text.includes('details-content')) rules[i].parentRule
        ? rules[i].parentRule.deleteRule(i) : rules[i].parentStyleSheet.deleteRule(i);
      else if (rule.cssRules) prune(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) prune(sheet.cssRules);
}"""


def test_in_this_article_opens_on_a_desktop_without_details_content(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """On a wide screen a browser that cannot style a closed <details> open shows the
    summary as a control that opens the list (it was a heading no click reached)."""
    page = open_page(site + "ar/" + ARTICLE, DESKTOP)
    page.evaluate(WITHOUT_DETAILS_CONTENT)
    assert page.locator(".in-article li a").first.is_visible() is False
    page.locator(".in-article > summary").click(timeout=5_000)
    assert page.locator(".in-article li a").first.is_visible()


def test_long_english_names_do_not_push_the_count_below(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP)
    rows = page.evaluate(
        """[...document.querySelectorAll('.in-article li')].map(li => {
             const name = li.querySelector('a').getBoundingClientRect();
             const count = li.querySelector('.count').getBoundingClientRect();
             return [li.querySelector(':scope > bdi')?.textContent || '', name.top, count.top,
                     count.bottom, name.bottom];
           })"""
    )
    assert any(len(gloss) > 20 for gloss, *_ in rows), "no long English name to check"
    for gloss, name_top, count_top, count_bottom, name_bottom in rows:
        assert count_top < name_bottom and count_bottom > name_top, f"badge below {gloss!r}"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_entity_index_keeps_each_count_beside_its_name_on_a_phone(
    site: str, open_page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + f"{lang}/entities/", PHONE)
    rows = page.evaluate(
        """[...document.querySelectorAll('.entity-group li')].map(li => {
             const name = li.querySelector('a').getBoundingClientRect();
             const count = li.querySelector('.count').getBoundingClientRect();
             return [li.textContent.trim(), name.top, count.top, count.bottom, name.bottom,
                     li.getBoundingClientRect().height / name.height];
           })"""
    )
    assert any(lines > 1.5 for *_, lines in rows), "no entry long enough to wrap on a phone"
    for text, name_top, count_top, count_bottom, name_bottom, _ in rows:
        assert count_top < name_bottom and count_bottom > name_top, f"badge below {text!r}"


def test_the_search_page_on_a_phone_puts_its_three_sorts_on_one_line(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/search/", PHONE)
    tops = page.evaluate(
        "[...document.querySelectorAll('.search-sort label')].map(l => l.getBoundingClientRect().top)"
    )
    assert len(tops) == 3 and max(tops) - min(tops) < 2, tops


def _background(page: Any) -> tuple[int, ...]:
    color = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    return tuple(int(n) for n in re.findall(r"\d+", color)[:3])


def _dark(rgb: tuple[int, ...]) -> bool:
    return sum(rgb) / 3 < 60


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP, "dark")
    assert _dark(_background(page))
    toggle = page.locator(".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert not _dark(_background(page))
    assert toggle.get_attribute("aria-pressed") == "false"
    page.reload(wait_until="networkidle")
    assert not _dark(_background(page)), "the reader's choice was lost on reload"
    page.goto(site + "en/" + ARTICLE, wait_until="networkidle")
    assert not _dark(_background(page)), "the choice is the whole site's"
    page.locator(".theme-toggle").click()
    assert _dark(_background(page))
    light = open_page(site + "ar/", DESKTOP, "light")
    assert not _dark(_background(light))


def test_a_page_shown_again_by_back_or_in_another_tab_takes_the_readers_new_theme(
    site: str, browser
) -> None:  # type: ignore[no-untyped-def]
    """Browsers keep a page for Back and Forward (Playwright turns that off: it is turned on
    here) and bring it back as it was left: a reader who chose dark on the next page went
    back to a light one. A page open in another tab follows the choice too."""
    keeping = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        context = keeping.new_context(viewport=DESKTOP, color_scheme="light")
        page = context.new_page()
        page.goto(site + "ar/", wait_until="networkidle")
        page.evaluate("window.kept = true")
        other_tab = context.new_page()
        other_tab.goto(site + "en/", wait_until="networkidle")
        page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
        page.locator(".theme-toggle").click()
        assert _dark(_background(page))
        page.go_back(wait_until="commit")
        page.wait_for_function("document.readyState === 'complete'")
        assert page.evaluate("window.kept === true"), "the page was loaded again, not kept"
        assert _dark(_background(page)), "the kept page showed the theme it was left in"
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
        other_tab.wait_for_timeout(300)
        assert _dark(_background(other_tab)), "the other tab kept the old theme"
        assert other_tab.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
    finally:
        keeping.close()


def test_the_stored_theme_is_applied_before_the_first_paint(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    html = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    tag = re.search(r"<script src=[^>]*theme\.js[^>]*>", html)
    assert tag and "defer" not in tag[0] and "async" not in tag[0], "the theme runs at once"
    assert tag.start() < html.index('rel="stylesheet"')
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site + "ar/", wait_until="networkidle")
        page.evaluate("localStorage.setItem('newsarchive.theme', 'dark')")
        # The first animation frame comes before the first paint: the colour it sees is the
        # colour the reader's first sight of the page has.
        page.add_init_script(
            """requestAnimationFrame(() => { window.firstFrame =
                 getComputedStyle(document.documentElement).backgroundColor; });"""
        )
        page.goto(site + "ar/" + ARTICLE, wait_until="networkidle")
        first = page.evaluate("window.firstFrame")
        assert first is not None
        rgb = tuple(int(n) for n in re.findall(r"\d+", first)[:3])
        assert _dark(rgb), f"first frame painted {first}"
    finally:
        context.close()


@pytest.mark.parametrize(
    "where", ["ar/" + ARTICLE, "en/" + ARTICLE, "ar/", "ar/entities/syria/", "en/search/"]
)
def test_axe_finds_no_violation_in_dark_mode(site: str, open_page, where: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    page = open_page(site + where, DESKTOP, "dark")
    assert _dark(_background(page))
    results = Axe().run(page)
    assert results.response["passes"], "axe ran no rule"
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert found == []


def test_print_shows_the_article_source_and_citation_only(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site + "ar/" + ARTICLE, DESKTOP, "dark")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".theme-toggle", ".parallel-toggle", ".in-article", "footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ("h1", ".article .body", ".article .meta .source", ".cite"):
        assert page.locator(shown).first.is_visible(), shown
    assert not _dark(_background(page)), "print is black on white"
    # No empty page: the PDF has no more pages than the printed content fills.
    pdf = page.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm"})
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 sheet's width
    content = page.evaluate("document.documentElement.scrollHeight")
    printable = (297 - 40) / 25.4 * 96  # A4 less the margins, in CSS pixels
    assert 1 <= pages <= -(-content // printable), (pages, content)


@pytest.mark.parametrize("where", ["ar/entities/syria/", "en/entities/syria/", "en/"])
def test_a_printed_chart_leaves_out_its_closed_table(site: str, open_page, where: str) -> None:  # type: ignore[no-untyped-def]
    """On paper the chart is drawn, and its "figures as a table", a closed control that
    paper cannot open, is left out (it printed as a triangle and a label)."""
    page = open_page(site + where, DESKTOP, "dark")
    page.emulate_media(media="print")
    assert page.locator(".chart svg").first.is_visible()
    assert page.locator(".chart summary").first.is_hidden()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["ar/" + ARTICLE, "en/" + ARTICLE, "ar/", "en/", "ar/2020/"])
def test_pages_do_not_move_while_fonts_and_scripts_arrive(
    site: str, browser: Any, viewport: dict[str, int], path: str
) -> None:
    """Over a slow connection the text is painted before the fonts and scripts are in; when
    they come nothing may move (the fonts are fetched beside the stylesheet, the parallel
    view's button has its place from the first paint)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.set_default_timeout(20_000)
        slow_network(page, download=200_000, upload=100_000)
        page.add_init_script(OBSERVE_SHIFTS)
        page.goto(site + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)  # shifts are reported after the frame that made them
        shift = page.evaluate("window.layoutShift")
        assert shift <= 0.02, f"{path}: cumulative layout shift {shift:.3f}"
    finally:
        context.close()


def test_mentions_read_as_text_and_other_links_as_links(tmp_path, open_page) -> None:  # type: ignore[no-untyped-def]
    """A mention is told by its address, an entity page's: it takes the text's colour with a
    faint underline. An author's link, even to an address holding /entities/, stays a link."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content/ar/2021/05").mkdir(parents=True)
    (tmp_path / "content/ar/2021/05/links.md").write_text(
        '---\ntitle: "روابط"\ndate: "2021-05-02"\n---\n\n'
        "قال التحالف الدولي في [بيان منشور](https://example.org/entities/statement/) إن المهمة"
        " مستمرة.\n",
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(tmp_path / "site", "/repo/") as base:
        page = open_page(f"{base}ar/2021/05/links/", DESKTOP)
        styles = page.evaluate(
            """() => {
              const style = (el) => getComputedStyle(el);
              const p = document.querySelector('.article .body p');
              const [mention, author] = p.querySelectorAll('a');
              return {
                text: style(p).color,
                mention: [mention.getAttribute('href'), style(mention).color,
                          style(mention).textDecorationThickness],
                author: [author.getAttribute('href'), style(author).color],
              };
            }"""
        )
    assert styles["mention"][0] == "/repo/ar/entities/global-coalition/"
    assert styles["mention"][1:] == [styles["text"], "1px"]
    assert styles["author"][0] == "https://example.org/entities/statement/"
    assert styles["author"][1] != styles["text"]


def test_an_arabic_entity_page_sets_its_english_description_apart_left_to_right(
    site: str, open_page
) -> None:  # type: ignore[no-untyped-def]
    """Under its Arabic label, the English description is a block of its own that starts at
    the left, as English does (it ran right-aligned inside the Arabic label's line)."""
    page = open_page(site + "ar/entities/mark-esper/", PHONE)
    shown = page.evaluate(
        """() => {
          const p = document.querySelector('.entity .description');
          const range = document.createRange(); range.selectNodeContents(p);
          const text = range.getClientRects()[0], box = p.getBoundingClientRect();
          const label = p.previousElementSibling;
          return {lang: p.lang, dir: p.dir, align: getComputedStyle(p).textAlign,
                  direction: getComputedStyle(p).direction,
                  gap: text.left - box.left, label: label.textContent, label_lang: label.closest('[lang]').lang};
        }"""
    )
    assert (shown["lang"], shown["dir"], shown["direction"]) == ("en", "ltr", "ltr"), shown
    assert shown["align"] in ("start", "left") and abs(shown["gap"]) < 1, shown
    assert (shown["label"], shown["label_lang"]) == ("وصف بالإنجليزية:", "ar"), shown


# Of each label of the article's meta line ("المصدر:", "Source:"…), whether its last word
# stands on the line of the value that follows it.
LABELS_BESIDE_VALUES = """() => {
  const meta = document.querySelector('.article > header > .meta');
  const found = [];
  for (const value of meta.querySelectorAll('.source, .dateline, time')) {
    const node = (value.closest('a') && value.closest('a') !== value ? value.closest('a') : value).previousSibling;
    const text = node.data.trimEnd();
    const range = document.createRange();
    range.setStart(node, text.length - 1); range.setEnd(node, text.length);
    const label = range.getClientRects()[0];
    const first = value.getClientRects()[0];
    found.push([text.trim(), Math.abs((label.top + label.bottom) / 2 - (first.top + first.bottom) / 2) < 8]);
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_meta_label_stays_on_the_line_of_its_value(
    site: str, open_page, lang: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    """«المصدر:» never ends a line with «شفق نيوز» on the next one, nor any other label."""
    page = open_page(site + f"{lang}/{ARTICLE}", {"width": width, "height": 780})
    found = page.evaluate(LABELS_BESIDE_VALUES)
    assert len(found) == 2 and all(beside for _, beside in found), found


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_headline_s_lines_are_balanced_on_a_phone(site: str, open_page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The article's headline wraps into lines of about equal length, not a full line and
    a word or two alone on the last."""
    page = open_page(site + f"{lang}/{ARTICLE}", PHONE)
    widths = page.evaluate(
        """() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));
                   const lines = new Map();
                   for (const b of r.getClientRects()) {
                     const key = Math.round((b.top + b.bottom) / 2);
                     lines.set(key, (lines.get(key) || 0) + b.width);
                   }
                   return [...lines.values()].map(Math.round); }"""
    )
    assert len(widths) > 1, "the headline takes one line: nothing to balance"
    assert min(widths) > 0.6 * max(widths), widths


def test_an_arabic_name_in_english_text_stands_as_tall_as_the_english(site: str, open_page) -> None:  # type: ignore[no-untyped-def]
    """Naskh draws smaller than the Latin face at one size: on an English page the Arabic
    name under the heading was a size smaller than the words beside it (its lam 12 px tall
    beside an l of 14). Its tall letters now reach the English ones, in a line no taller."""
    page = open_page(site + "en/entities/kevin-copsey/", DESKTOP)
    shown = page.evaluate(
        """() => {
          const canvas = document.createElement('canvas').getContext('2d');
          const tall = (el, letter) => {
            const s = getComputedStyle(el);
            canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
            return canvas.measureText(letter).actualBoundingBoxAscent;
          };
          const names = document.querySelector('.names');
          const arabic = names.querySelector('bdi[lang="ar"]');
          return {lam: tall(arabic, 'ل'), l: tall(names, 'l'), line: names.getBoundingClientRect().height,
                  most: parseFloat(getComputedStyle(names).lineHeight)};
        }"""
    )
    assert shown["lam"] >= 0.95 * shown["l"], shown
    assert shown["line"] <= shown["most"] + 1, shown


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_arabic_language_switch_stands_as_tall_as_the_english_links(
    site: str, open_page, viewport: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """On an English page the header's «اقرأ بالعربية» was set at the size of "Home" beside
    it, and Naskh draws smaller than the Latin face at one size: its lam 11 px tall beside an
    l of 12. It now reaches the English links, in a box no taller than theirs, on their
    baseline."""
    page = open_page(site + "en/" + ARTICLE, viewport)
    shown = page.evaluate(
        """() => {
          const canvas = document.createElement('canvas').getContext('2d');
          const tall = (el, letter) => {
            const s = getComputedStyle(el);
            canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
            return canvas.measureText(letter).actualBoundingBoxAscent;
          };
          const baseline = (el) => {
            const probe = document.createElement('span');
            probe.style.cssText = 'display: inline-block; inline-size: 0; block-size: 0';
            el.append(probe);
            const y = probe.getBoundingClientRect().bottom;
            probe.remove();
            return y;
          };
          const home = document.querySelector('.site-header nav a');
          const arabic = document.querySelector('.site-header .lang-switch');
          return {lam: tall(arabic, 'ل'), l: tall(home, 'l'),
                  box: arabic.getBoundingClientRect().height, home: home.getBoundingClientRect().height,
                  lower: baseline(arabic) - baseline(home)};
        }"""
    )
    assert shown["lam"] >= 0.95 * shown["l"], shown
    assert shown["box"] <= shown["home"] + 1, shown
    assert abs(shown["lower"]) < 1, shown


def test_an_abbreviation_in_an_arabic_paragraph_keeps_its_full_stops(tmp_path, open_page) -> None:  # type: ignore[no-untyped-def]
    """A run of Latin in Arabic text is isolated: "U.S." is drawn U.S. (its last full stop
    was drawn before the U), and a model number or a brand keeps its letters together: in the
    article, in its excerpt on the month's list and in the sentence quoted on the page of the
    entity it names (the last two drew '.U.S' until they were isolated too)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content/ar/2021/05").mkdir(parents=True)
    (tmp_path / "content/ar/2021/05/latin.md").write_text(
        '---\ntitle: "لاتينية"\ndate: "2021-05-02"\n---\n\n'
        "قال ترامب إن وزارة الدفاع U.S. أعلنت أن طائرات F-16 وصلت، وأعلنت شركة AT&T أن 5 ملايين.\n",
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(tmp_path / "site", "/repo/") as base:
        shown = {}
        for where, text in [
            ("ar/2021/05/latin/", ".article .body p"),
            ("ar/2021/05/", ".excerpt"),
            ("ar/entities/donald-trump/", ".backlinks blockquote"),
        ]:
            page = open_page(f"{base}{where}", DESKTOP)
            shown[where] = page.evaluate(
                """(selector) => {
              const p = document.querySelector(selector);
              const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
              const chars = [];
              const range = document.createRange();
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.data.length; i++) {
                  range.setStart(node, i); range.setEnd(node, i + 1);
                  chars.push([node.data[i], range.getBoundingClientRect().left]);
                }
              }
              const text = chars.map(c => c[0]).join('');
              const at = (s) => chars.slice(text.indexOf(s), text.indexOf(s) + s.length).map(c => c[1]);
              return {us: at('U.S.'), f16: at('F-16')};
            }""",
                text,
            )
    for where, lefts in shown.items():
        assert lefts["us"], where  # the quote may end at U.S. (its stop ends a sentence)
        for word, xs in lefts.items():
            assert xs == sorted(xs), (where, word, xs)  # drawn left to right, as written


@pytest.mark.parametrize(
    ("where", "english"),
    [
        ("404.html", "section[lang='en'] p"),
        ("ar/" + ARTICLE, ".cite p[lang='en']"),
        ("ar/entities/mark-esper/", ".description[lang='en']"),
    ],
)
def test_english_inside_an_arabic_page_keeps_the_leading_of_english(
    site: str, open_page, where: str, english: str
) -> None:  # type: ignore[no-untyped-def]
    """English set on an Arabic page is spaced as on an English page (1.6 lines), not at
    Naskh's 1.9, which spread its lines apart."""
    page = open_page(site + where, PHONE)
    block = page.locator(english).first
    leading = block.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
    )
    english_page = open_page(site + "en/" + ARTICLE, PHONE)
    meant = english_page.evaluate(
        """() => { const e = document.querySelector('.cite p[lang="en"]');
                   return parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize); }"""
    )
    assert abs(leading - meant) < 0.01 and leading < 1.7, (leading, meant)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_focused_skip_link_hides_no_part_of_a_word(
    site: str, open_page, viewport: dict[str, int], lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The first Tab shows the skip link over the header: every piece of the header is
    either wholly under it or wholly clear of it (on an Arabic phone the title's first
    letter stood beside it, the links' tops under it)."""
    page = open_page(site + lang + "/", viewport, "dark")
    page.keyboard.press("Tab")
    found = page.evaluate(
        """() => {
          const link = document.activeElement;
          const box = link.getBoundingClientRect();
          const cut = [];
          for (const el of document.querySelectorAll('.site-title, .site-header nav a, .header-tools button')) {
            const b = el.getBoundingClientRect();
            if (!b.width) continue;
            const meets = b.right > box.left && b.left < box.right && b.bottom > box.top && b.top < box.bottom;
            const under = b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom;
            if (meets && !under) cut.push(el.textContent.trim() || el.getAttribute('aria-label'));
          }
          return {skip: link.classList.contains('skip-link'), cut,
                  inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth};
        }"""
    )
    assert found["skip"] and found["inside"] and found["cut"] == [], found


def _tab_stops(page: Any, until: str) -> list[str]:
    """The tags Tab stops at from the page's start until the element matching `until`."""
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({until!r})"):
            return seen
        seen.append(page.evaluate("document.activeElement.tagName"))
    raise AssertionError(f"Tab never reached {until}: {seen}")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_in_this_article_is_a_heading_beside_the_text_and_a_control_on_a_phone(
    site: str, open_page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Beside the text the list is always shown: Tab goes on to its names with no stop at a
    summary that opens nothing there (it was announced "collapsed" beside the list shown),
    and its heading is shown. On a phone the summary is the control it was."""
    desktop = open_page(f"{site}{lang}/{ARTICLE}", DESKTOP)
    assert "SUMMARY" not in _tab_stops(desktop, ".in-article li a")
    assert desktop.locator(".in-article-heading").is_visible()
    phone = open_page(f"{site}{lang}/{ARTICLE}", PHONE)
    _tab_stops(phone, ".in-article > summary")
    assert phone.locator(".in-article-heading").is_hidden()
    phone.keyboard.press("Enter")
    assert phone.locator(".in-article li a").first.is_visible()
