"""What an Arabic copy editor checks in the published text: a name emphasised after its
proclitic (`و**البيشمركة**`) is linked as the word it is, and numbers keep their order in a
right-to-left line: a phone number or a number in groups of digits (+964 770 123 4567,
25 000), and a number written onto Latin letters (5G, $5M), are drawn as written; a quotation
is set off by a rule, not squeezed into a narrow column."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser

import pytest

from newsarchive.content.bidi import latin_isolated, latin_isolated_plain
from newsarchive.content.markdown import render_body
from newsarchive.content.registryfile import read_registry
from newsarchive.entities.matcher import Mention, build_matcher, find_mentions

from .conftest import REPO
from .webtools import CHAR_EDGES, demo_site_with

MATCHER = build_matcher(read_registry(REPO / "content")[0])
LINK = re.compile(r"<a [^>]*>(.*?)</a>")


def _find(text: str) -> Sequence[Mention]:
    return find_mentions(MATCHER, text)


def _href(entity_id: str) -> str:
    return f"/ar/entities/{entity_id}/"


class _Nesting(HTMLParser):
    """Fails on an element closed out of order (<a><strong></a></strong>); keeps the text
    shown emphasised."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.emphasised: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if {"em", "strong"} & set(self.open):
            self.emphasised.append(data)


def _emphasised(markup: str) -> str:
    """The text shown emphasised, once the HTML is known to be well nested."""
    nesting = _Nesting()
    nesting.feed(markup)
    assert not nesting.open, markup
    return "".join(nesting.emphasised)


# (the Markdown, the text of each link a reader meets, in order)
EMPHASISED = [
    ("وقاتل و**البيشمركة** تنظيم داعش.", ["والبيشمركة", "تنظيم داعش"]),
    ("وقاتل و*البيشمركة* معنا.", ["والبيشمركة"]),
    ("قال ل**البنتاغون** أمس.", ["لالبنتاغون"]),
    ("ودعم ***والبيشمركة*** وب**قسد**.", ["والبيشمركة", "وبقسد"]),
    ("وقاتل و**البيشمركة الكردية** هناك.", ["والبيشمركة"]),  # emphasis goes on after it
    ("بين قسد و**البيشمركة** تنسيق.", ["قسد", "والبيشمركة"]),
    ("و**البيشمركة** ثم و**البيشمركة**.", ["والبيشمركة"]),  # the first mention alone
]


@pytest.mark.parametrize(("body", "links"), EMPHASISED)
def test_a_proclitic_outside_the_emphasis_is_inside_the_link(body: str, links: list[str]) -> None:
    """The link holds the word as written, its proclitic with it; the emphasis stays where
    the editor put it; the text and the mentions found are those of the plain sentence."""
    (block,) = render_body(body, _find, _href)
    shown = [re.sub("<[^>]+>", "", found) for found in LINK.findall(block.html)]
    assert shown == links, block.html
    assert _emphasised(block.html) == "".join(re.findall(r"\*+([^*]+)\*+", body))
    plain = re.sub(r"\*+", "", body)
    (unemphasised,) = render_body(plain, _find, _href)
    assert block.text == unemphasised.text
    assert block.mentions == unemphasised.mentions


def test_a_word_before_the_emphasis_is_no_proclitic() -> None:
    """Letters that are a word of their own (`كتاب**البيشمركة**`) stay out of the link."""
    (block,) = render_body("كتاب**البيشمركة** هنا.", _find, _href)
    assert "كتاب<strong><a " in block.html


# (Arabic text, the runs set apart left to right as one)
NUMBERS = [
    ("اتصل على +964 770 123 4567 للمزيد.", ["+964 770 123 4567"]),
    ("أو على الرقم 0770 123 4567، أو و+964 770 123 4567.", ["0770 123 4567", "+964 770 123 4567"]),
    ("بلغ المبلغ 25 000 دينار.", ["25 000"]),
    ("الهاتف: ٠٧٧٠ ١٢٣ ٤٥٦٧.", ["٠٧٧٠ ١٢٣ ٤٥٦٧"]),
    ("شبكة 5G وشاشة 4K وصفقة $5M ومسافة 12.5km.", ["5G", "4K", "$5M", "12.5km"]),
    # Signed figures, a proclitic before one or not: their sign stays before the digits.
    ("الفرق +١٩ و−٣١ مقعدًا، و+19 و-4.5% و+٢٫٥٪.", ["+١٩", "−٣١", "+19", "-4.5%", "+٢٫٥٪"]),
    # A '-' joining a word or a number to a number is no sign.
    ("لقاح كوفيد-19 وطائرة F-16 بين 5-10 آلاف وفي ٢٠١٤-٢٠١٧ و2014 - 2017.", ["F-16"]),
    # Numbers the bidirectional algorithm keeps whole: nothing to set apart.
    ("في 15/3/2021 الساعة 10:30، و1,250 إصابة و45٫5٪ و12.5% خلال 2014–2017.", []),
]


@pytest.mark.parametrize(("text", "runs"), NUMBERS)
def test_numbers_in_groups_and_on_latin_are_set_apart_whole(text: str, runs: list[str]) -> None:
    marked = latin_isolated(text)
    found = re.findall(r'<bdi (?:lang="en"|dir="ltr")>(.*?)</bdi>', marked)
    assert [html.unescape(run) for run in found] == runs, marked
    plain = latin_isolated_plain(text)
    assert re.findall("\u2066(.*?)\u2069", plain) == runs, plain


def test_a_number_in_groups_keeps_the_face_of_the_text() -> None:
    """A phone number is no English: set apart by direction only, not lang="en", which would
    draw its digits in the Latin face, a size up from the digits around it."""
    marked = latin_isolated("اتصل على +964 770 123 4567 الآن")
    assert '<bdi dir="ltr">+964 770 123 4567</bdi>' in marked


ARTICLE = (
    "اتصل على الرقم +964 770 123 4567 للمزيد من المعلومات.\n\n"
    "وقال إن المبلغ بلغ 5 ملايين دولار أو $5M لشبكة 5G وبلغ الدين 25 000 دينار.\n\n"
    "وقاتل و**البيشمركة** تنظيم داعش.\n\n"
    "> «إن الوضع الأمني في المحافظات الشمالية مستقر، والقوات العراقية تواصل عملياتها».\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    article = f'---\ntitle: "أرقام في النص"\ndate: "2021-03-15"\n---\n{ARTICLE}'
    files = {"content/ar/2021/03/numbers.md": article}
    with demo_site_with(tmp_path_factory.mktemp("copy"), files, search=False) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize(
    ("where", "number"),
    [("#p1", "+964 770 123 4567"), ("#p2", "$5M"), ("#p2", "5G"), ("#p2", "25 000")],
)
def test_a_number_is_drawn_as_written_in_an_arabic_line(site: str, page, where, number) -> None:  # type: ignore[no-untyped-def]
    """Each character left of the next: "+964 770 123 4567" was drawn "4567 123 770 964+",
    "5G" "G5" and "$5M" "M$5"."""
    page.goto(f"{site}ar/2021/03/numbers/")
    edges = page.evaluate(CHAR_EDGES, [where, number])
    assert edges is not None and edges == sorted(edges), edges


@pytest.mark.browser
def test_a_screen_reader_hears_the_emphasised_name_with_its_proclitic(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}ar/2021/03/numbers/")
    link = page.locator("#p3 a").first
    assert link.inner_text() == "والبيشمركة"
    assert page.locator("#p3 a strong").inner_text() == "البيشمركة"  # bold as written


QUOTE_BOX = """(selector) => {
  const quote = document.querySelector(selector), body = quote.closest('.body');
  const line = quote.querySelector('p').getBoundingClientRect();
  const style = getComputedStyle(quote);
  return {width: line.width, column: body.getBoundingClientRect().width,
          right: style.borderRightWidth, left: style.borderLeftWidth};
}"""


@pytest.mark.browser
def test_a_quotation_on_a_phone_keeps_the_line_and_is_ruled_at_its_start(
    site: str, browser
) -> None:  # type: ignore[no-untyped-def]
    """At 360 px the quotation's lines were 80 px shorter than the text's, with nothing to
    tell it was one; now a rule on its right, where Arabic lines start."""
    page = browser.new_page(viewport={"width": 360, "height": 780})
    try:
        page.goto(f"{site}ar/2021/03/numbers/")
        box = page.evaluate(QUOTE_BOX, "#p4")
    finally:
        page.close()
    assert box["width"] >= box["column"] - 24, box
    assert (box["right"], box["left"]) == ("3px", "0px"), box
