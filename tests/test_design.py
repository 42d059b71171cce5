"""The reading page as a reader sees it in Chromium: the measure counted in
characters per rendered line, digits in the Naskh face, a compact phone header with one
search entry, "in this article" above the text on a phone, mentions that read as text
(test_design_themes.py: dark mode, print, layout shift; test_design_type.py: type details)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import serve_folder

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
        "parseFloat(getComputedStyle(document.querySelector('.cite p:lang(ar)')).fontSize)"
    )
    text = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= text == 18


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_reference_copied_by_selecting_its_line_is_the_reference_alone(
    site: str, browser: Any, lang: str
) -> None:
    """A triple click on a line of "Cite this article" and a copy: what is pasted starts at
    the reference, without the line's label ("In English: ", "بالعربية: ")."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + f"{lang}/" + ARTICLE)
    copied = {}
    for line in ("ar", "en"):
        page.click(f".cite p:lang({line})", click_count=3)
        page.keyboard.press("Control+C")
        copied[line] = page.evaluate("navigator.clipboard.readText()").strip()
    context.close()
    assert copied["ar"].startswith("«التحالف الدولي: نقل قوات"), copied
    assert copied["en"].startswith("“التحالف الدولي: نقل قوات"), copied
    assert copied["en"].endswith(f"/repo/{lang}/{ARTICLE}"), copied


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
def test_the_entity_index_opens_on_its_kinds_each_leading_to_its_list(
    site: str, open_page, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Above lists of hundreds of names, each kind of entity links its list, with how many
    it holds: places were 8,000 px down a phone's page."""
    page = open_page(site + f"{lang}/entities/", PHONE)
    kinds = page.locator(".entity-kinds li").all()
    headings = page.locator(".entity-group h2").all_inner_texts()
    assert [kind.locator("a").inner_text() for kind in kinds] == headings and len(headings) > 2
    for kind, section in zip(kinds, page.locator(".entity-group").all(), strict=True):
        assert kind.locator(".count").inner_text() == str(section.locator("li").count())
        assert kind.locator("a").bounding_box()["height"] >= 44  # a target a thumb finds
    last = page.locator(".entity-group h2").last
    in_view = "h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    assert not last.evaluate(in_view), (
        "the last kind's list is on the first screen: nothing to test"
    )
    kinds[-1].locator("a").click()
    page.wait_for_function(
        f"({in_view})(document.querySelectorAll('.entity-group h2')[{len(kinds) - 1}])"
    )


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
