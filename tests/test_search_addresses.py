"""A web or mail address in an Arabic search result is one left-to-right run, exactly the
characters its article's page links (templates/static/js/bidi.js against content/bidi.py and
autolinks.py), in a real build searched with Pagefind in Chromium."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from newsarchive.content.bidi import latin_isolated

from .test_address_runs import CASES
from .webtools import CHAR_EDGES, demo_site_with

pytestmark = pytest.mark.browser

# (the word searched for, the paragraph it stands in beside addresses): one article each,
# so that the one result's excerpt shows the paragraph whole.
PARAGRAPHS = [
    ("الزنبق", "نشرت وكالة الأنباء خبر الزنبق على https://www.ina.iq/123456--.html، وقال المتحدث."),
    ("البنفسج", "والتفاصيل الكاملة في www.alsumaria.tv/news/1?id=2 حسب مراسل البنفسج."),
    ("الياسمين", "للتواصل مع مكتب الياسمين: info@ina.iq، أو عبر ina.iq. وشكرا للقراء."),
    ("الأقحوان", "زوروا وhttps://ina.iq/7 اليوم وراسلوا بinfo@ina.iq عن الأقحوان."),
    ("النرجس", "قال النرجس «https://www.ina.iq/2» وهل قرأت https://www.ina.iq/3؟ ثم انتهى."),
    # The excerpt's window of words, 8 before the match, would begin inside the address (its
    # sentence starts more words back than an excerpt starts at a sentence).
    (
        "السوسن",
        "وفي تطور لاحق قالت الوكالة في https://www.ina.iq/123456--.html، وقال المتحدث باسم الوزارة إن السوسن"
        " وأضاف أن الحديقة ستفتح أبوابها للزوار في الربيع المقبل بعد أعمال صيانة استمرت عدة"
        " أشهر وشملت الممرات والنوافير والمقاعد والإنارة وأحواض الزهور القديمة التي زرعت قبل"
        " عقود طويلة من الزمن.",
    ),
    # No address: a name, a fighter, a file name and a decimal stay what they were.
    ("الخزامى", "قالت الخزامى إن U.S. تبيع F-16 وفق report.pdf والعدد 3.5 مليون."),
]


def _story(i: int) -> str:
    return f"2023/05/address-{i}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        f"content/ar/{_story(i)}.md": f'---\ntitle: "خبر {i}"\ndate: "2023-05-0{i + 1}"\n---\n{p}\n'
        for i, (_, p) in enumerate(PARAGRAPHS)
    }
    with demo_site_with(tmp_path_factory.mktemp("addresses"), files) as base:
        yield base


def _excerpt(page, base: str, word: str) -> str:  # type: ignore[no-untyped-def]
    """The selector of the one result's excerpt for `word`, once shown."""
    page.goto(f"{base}ar/search/?q={quote(word)}")
    page.wait_for_selector(".search-result .excerpt")
    assert page.locator(".search-result").count() == 1, word
    return ".search-result .excerpt"


@pytest.mark.parametrize(
    ("word", "paragraph"),
    PARAGRAPHS,
    ids=["scheme", "www", "mail-domain", "proclitic", "quoted", "window", "no-address"],
)
def test_an_address_in_a_result_is_the_run_the_page_links(  # type: ignore[no-untyped-def]
    site: str, page, word: str, paragraph: str
) -> None:
    story = _story(PARAGRAPHS.index((word, paragraph)))
    page.goto(f"{site}ar/{story}/")
    body = page.locator("#article-body")
    linked = body.locator("a").all_inner_texts()
    page_runs = body.locator("bdi[lang=en]").all_inner_texts()
    assert set(linked) <= set(page_runs)  # each link is one run of the page

    excerpt = _excerpt(page, site, word)
    assert page.locator(f"{excerpt} bdi[lang=en]").all_inner_texts() == page_runs
    assert page.locator(f"{excerpt} mark").all_inner_texts() == [word]
    for address in linked:  # drawn left to right, as written, within the right-to-left line
        edges = page.evaluate(CHAR_EDGES, [excerpt, address])
        assert edges == sorted(edges), (address, edges)


def test_a_name_a_fighter_and_a_file_name_stay_runs_of_their_own(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """U.S., F-16 and report.pdf are no address: neither linked nor read as one; 3.5 is no run."""
    page.goto(f"{site}ar/{_story(len(PARAGRAPHS) - 1)}/")
    assert page.locator("#article-body a").count() == 0
    excerpt = _excerpt(page, site, "الخزامى")
    runs = page.locator(f"{excerpt} bdi[lang=en]").all_inner_texts()
    assert runs == ["U.S.", "F-16", "report.pdf"]


def test_a_marked_word_inside_an_address_keeps_its_run_whole(site: str, page) -> None:  # type: ignore[no-untyped-def]
    excerpt = _excerpt(page, site, "alsumaria")
    run = page.locator(f"{excerpt} bdi[lang=en]").first
    assert run.inner_text() == "www.alsumaria.tv/news/1?id=2"
    assert run.locator("mark").all_inner_texts() == ["alsumaria"]


def test_an_excerpt_begins_with_an_address_whole_not_a_piece_of_it(site: str, page) -> None:  # type: ignore[no-untyped-def]
    excerpt = _excerpt(page, site, "السوسن")
    address = "https://www.ina.iq/123456--.html"
    assert page.locator(excerpt).inner_text().startswith(f"… {address}،")


MORE = [
    "انظر https://en.wikipedia.org/wiki/Foo_(bar) اليوم",
    "(info@ina.iq) و«info@ina.iq» و ina.iq:8080/x و https://localhost/x.",
    "رابط https://x.iq/a,b، ثم https://x.iq/a.b. ثم www.EXAMPLE.COM/Path!",
    "الموقع bidi.py و said.It و Apple.Inc و e.g. و U.N. و 192.168.1.1 و ftp://x.iq/y",
    "موقعina.iq و وwww.ina.iq/1.» و 'https://ina.iq/q' و https://ina.iq/'a' و //ina.iq/z",
]


def test_the_search_page_finds_the_addresses_the_pages_find(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """bidi.js's address rule against autolinks.py's on the archive's cases and edges."""
    texts = [text for text, _ in CASES] + MORE
    page.goto(f"{site}ar/search/")
    got = page.evaluate(
        """async (texts) => {
            const base = document.querySelector('[data-search]').dataset.base;
            const bidi = await import(base + 'static/js/bidi.js');
            return texts.map((text) => {
              const tags = bidi.runTags(text, 0, text.length, [], 'ar');
              const runs = [];
              for (let i = 0; i < tags.length; i += 2) runs.push(text.slice(tags[i][0], tags[i + 1][0]));
              return runs;
            });
        }""",
        texts,
    )
    runs = re.compile('<bdi lang="en">(.*?)</bdi>')
    assert got == [[html.unescape(r) for r in runs.findall(latin_isolated(t))] for t in texts]


def test_an_excerpt_ends_with_an_address_whole_not_a_piece_of_it(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """The 30 words of an excerpt from its first word would end inside the address."""
    filler = " ".join(["كلمة"] * 26)
    address = "https://www.ina.iq/123456--.html"
    text = f"السوسن {filler} في {address}، وقال المتحدث باسم الوزارة إن القوات باقية هناك."
    page.goto(f"{site}ar/search/")
    shown = page.evaluate(
        """async (text) => {
            const base = document.querySelector('[data-search]').dataset.base;
            const excerpts = await import(base + 'static/js/excerpts.js');
            const readings = await import(base + 'static/js/readings.js');
            return excerpts.excerpt(text, readings.queryReadings('السوسن'));
        }""",
        text,
    )
    # Its last word whole, the comma written onto it too.
    assert shown.endswith(f'<bdi lang="en">{address}</bdi>، …'), shown
