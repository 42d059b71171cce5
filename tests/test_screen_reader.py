"""What a screen reader says on the demo's pages, from Chromium's accessibility tree: a mention
linked with its proclitics whole, the article text under a heading of its own and before
"in this article", counts and page links that say what they are, and the parallel view's
notes said once, in one language."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from newsarchive.build.engine import build

from .conftest import REPO, set_per_page, write_month_of_stories
from .webtools import serve_folder

pytestmark = pytest.mark.browser

ARTICLE = "2020/11/coalition-us-forces-syria-iraq/"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo, with a month of 13 list pages, built under /repo/ and served: its base URL."""
    root = tmp_path_factory.mktemp("heard")
    shutil.copytree(REPO / "content", root / "content")
    set_per_page(root, 1)
    write_month_of_stories(root, 12)
    build(root, root / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(root / "site", "/repo/") as base:
        yield base


def _heard(browser, url: str, viewport: dict[str, int], where: str = "body") -> str:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    heard = str(page.locator(where).first.aria_snapshot())
    context.close()
    return heard


def test_a_mention_s_link_holds_its_proclitics(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    """«الرسمي لقوات سوريا الديمقراطية», «والبيشمركة», «للبنتاغون»: the link is the word as
    written, so no lone letter is read before "link"."""
    heard = _heard(browser, f"{site}ar/{ARTICLE}", DESKTOP, "#article-body")
    for word in ("لقوات سوريا الديمقراطية", "والبيشمركة", "للبنتاغون"):
        assert f'link "{word}"' in heard, word
    alone = re.findall(r"- text: [^\n]*[ \"](?:و|ل|ب|ف|ك|لل|وال|بال)$", heard, re.M)
    assert alone == [], alone  # no text run ends in a letter the link that follows cut off


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_article_text_has_a_heading_and_comes_before_its_entities(
    site: str, browser, lang: str, viewport: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """Heading by heading: the headline, the text, then "in this article" and the citation;
    the first paragraph is read before the list's names (27 Tabs and 23 names came first)."""
    heard = _heard(browser, f"{site}{lang}/{ARTICLE}", viewport, "article")
    headings = re.findall(r"heading \"([^\"]+)\" \[level=(\d)\]", heard)
    text, in_article, cite = {
        "ar": ("نص المقال", "في هذا المقال", "استشهد بهذا المقال"),
        "en": ("Article text", "In this article", "Cite this article"),
    }[lang]
    levels = [(name, level) for name, level in headings if level == "2"]
    assert [name for name, _ in levels][:2] == [text, in_article], headings
    assert levels[-1][0] == cite
    assert headings[0][1] == "1" and headings[1] == (text, "2")
    first_name = heard.index("heading", heard.index(in_article) + 1)  # the first type's
    assert heard.index(text) < heard.index("- paragraph", heard.index(text)) < first_name


def test_the_entities_stand_above_the_text_on_a_phone_and_beside_it_on_a_desktop(
    site: str, browser
) -> None:  # type: ignore[no-untyped-def]
    """Read after the text, "in this article" is still where a reader looks for it: a closed
    summary under the headline on a phone, the column beside the text on a desktop; the text
    heading takes no room."""
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{site}ar/{ARTICLE}")
        listed = page.locator(".in-article").bounding_box()
        body = page.locator("#article-body").bounding_box()
        heading = page.locator(".article > h2").first.bounding_box()
        assert listed is not None and body is not None and heading is not None
        assert heading["height"] <= 1 and heading["width"] <= 1
        if viewport is PHONE:
            assert listed["y"] + listed["height"] <= body["y"]
            assert page.locator(".in-article").get_attribute("open") is None
        else:
            assert listed["y"] < body["y"] + 100  # beside the text, at its top
            assert listed["x"] + listed["width"] <= body["x"]  # the Arabic page's left column
        context.close()


def test_counts_say_what_they_count(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    """A number after a name is read with its unit, in the page's language."""
    cases = [
        (f"ar/{ARTICLE}", ".in-article", "مرات الذكر: "),
        (f"en/{ARTICLE}", ".in-article", "mentions: "),
        ("ar/entities/hasakah-governorate/", ".co-mentions", "مقالات مشتركة: "),
        ("en/entities/hasakah-governorate/", ".co-mentions", "articles in common: "),
        ("ar/entities/", ".entity-group", "عدد المقالات: "),
        ("en/", ".months", "articles: "),
        ("ar/2020/", ".months", "عدد المقالات: "),
    ]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    for path, where, unit in cases:
        page.goto(site + path)
        heard = str(page.locator(where).first.aria_snapshot())
        shown = page.locator(where).first.locator(".count").all_inner_texts()
        said = re.findall(re.escape(unit) + r"(\d+)", heard)
        assert shown and said == shown, (path, heard)
    context.close()


def test_page_links_say_page_and_which_is_next_or_previous(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    heard = {
        name: _heard(browser, f"{site}ar/2020/11/page/7/", viewport, ".pagination")
        for name, viewport in (("phone", PHONE), ("desktop", DESKTOP))
    }
    for bar in heard.values():
        assert 'link "السابقة، الصفحة 6"' in bar and 'link "التالية، الصفحة 8"' in bar, bar
        assert 'link "الصفحة 1"' in bar and 'link "الصفحة 13"' in bar
        assert not re.search(r'link "\d+"', bar)
    assert 'link "الصفحة 5"' in heard["desktop"]


def test_each_link_to_arabic_paragraphs_names_its_own(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    """Two runs of pending paragraphs on the English page: two links, two names."""
    heard = _heard(browser, f"{site}en/{ARTICLE}", DESKTOP, "#main")
    names = re.findall(r'link "(Arabic paragraphs? [^"]+)"', heard)
    assert len(names) >= 2 and len(set(names)) == len(names), names


@pytest.mark.parametrize("reader", ["ar", "en"])
def test_the_parallel_view_says_each_note_once_in_the_reader_s_language(
    site: str, browser, reader: str
) -> None:  # type: ignore[no-untyped-def]
    """An Arabic reader hears the toggle and the notes in Arabic; the English page's "side by
    side" link brings one who hears them in English, a run's note once, under its first
    paragraph (it was read under each of 8, after the Arabic one)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site}ar/{ARTICLE}" + ("#parallel" if reader == "en" else ""))
    toggle = page.locator(".parallel-toggle")
    if reader == "ar":
        toggle.click()
    page.locator(".parallel-gloss >> nth=0").wait_for(state="visible")
    name = str(toggle.aria_snapshot())
    heard = str(page.locator("#article-body").aria_snapshot())
    context.close()
    arabic, english = "ترجمة هذه الفقرة قيد الإعداد", "Translation pending"
    if reader == "ar":
        assert "English under each paragraph" not in name and "الترجمة الإنجليزية" in name
        assert english not in heard and heard.count(arabic) >= 8
    else:
        assert "الترجمة الإنجليزية" not in name and "English under each paragraph" in name
        assert arabic not in heard
        assert heard.count("Translation pending for paragraphs 6–13") == 1, heard
