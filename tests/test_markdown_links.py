"""Bare web and mail addresses pasted into articles and glosses become links (real builds):
Arabic punctuation after an address stays outside it, a link in Arabic text is set apart as
a written link is, what is no address (decimals, file names, code) stays text, and the
text that search and the entity matcher read is the text as written."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.assembly.searchtext import KEY_MARKER
from newsarchive.build.engine import build
from newsarchive.content.gloss import fingerprint
from newsarchive.core.urls import SEARCH_RECORDS

from .conftest import REPO, write

ATOM = "{http://www.w3.org/2005/Atom}"
STORY = "2021/03/sources"
INA = "https://www.ina.iq/123456--.html"
# Percent-encoded Arabic (تركيا, a registry entity this article does not name otherwise):
# shown as written, it adds no word to the text search and the matcher read.
ENCODED = "https://ar.wikipedia.org/wiki/%D8%AA%D8%B1%D9%83%D9%8A%D8%A7"
PARAGRAPHS = [
    f"قال التحالف الدولي في بيان نشرته وكالة الأنباء {INA}، إن قواته باقية.",
    "وللمزيد (https://www.ina.iq/1) و«https://www.ina.iq/2» وهل قرأت https://www.ina.iq/3؟"
    " انظر https://www.ina.iq/4؛ ثم https://www.ina.iq/5۔ والتفاصيل في www.alsumaria.tv/news/1.",
    "للتواصل: info@ina.iq، أو عبر ina.iq. وارتفعت النسبة 3.5 بالمئة وفق report.pdf وملف data.csv"
    " وموقع بغداد.اليوم.",
    f"الخبر في [وكالة الأنباء]({INA}) وفي [{INA}]({INA}) والعنوان `https://www.ina.iq/code`.",
    f"وورد في ويكيبيديا {ENCODED} أن سوريا تحد العراق.",
    "```\nhttps://www.ina.iq/block\n```",
]
ENGLISH = [
    "The coalition said in a statement carried by the agency at https://www.ina.iq/123456--.html.",
    "More at www.alsumaria.tv/news/1, by mail at info@ina.iq; the site ina.iq said.It was so.",
]


def _article(body: list[str]) -> str:
    return '---\ntitle: "مصادر الخبر"\ndate: "2021-03-02"\n---\n\n' + "\n\n".join(body) + "\n"


def _gloss(arabic: list[str], english: list[str]) -> str:
    blocks = [
        f"<!-- gloss p{i + 1} {fingerprint(ar)} -->\n\n{en}\n"
        for i, (ar, en) in enumerate(zip(arabic, english, strict=False))
    ]
    return '---\ntitle: "Sources"\nstatus: draft\n---\n\n' + "\n".join(blocks)


def _site(root: Path, body: list[str]) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    write(root, f"content/ar/{STORY}.md", _article(body))
    write(root, f"content/en/{STORY}.md", _gloss(body, ENGLISH))
    build(root, root / "site", "https://example.github.io/repo/", search=True)
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("links"), PARAGRAPHS)


def _paragraphs(site: Path, lang: str) -> list[str]:
    """The HTML of the page's paragraphs (an English one is in a <div id="pN">)."""
    html = (site / lang / STORY / "index.html").read_text(encoding="utf-8")
    anchored = (
        r'<(p|pre) id="p\d+"[^>]*>.*?</\1>' if lang == "ar" else r'<div id="p\d+">(.*?)</div>'
    )
    return [
        m.group(0) if lang == "ar" else m.group(1) for m in re.finditer(anchored, html, re.DOTALL)
    ]


def _addresses(html: str) -> int:
    """The links in the HTML that lead out of the archive (not its entity pages)."""
    return len(re.findall(r'<a href="(?:https?|mailto):', html))


def _link(href: str, text: str | None = None, rel: bool = True) -> str:
    external = ' rel="external noreferrer"' if rel else ""
    return f'<a href="{href}"{external}><bdi lang="en">{text or href}</bdi></a>'


def test_an_address_in_arabic_text_is_a_link_set_apart_before_the_arabic_comma(
    site: Path,
) -> None:
    first = _paragraphs(site, "ar")[0]
    assert f"الأنباء {_link(INA)}، إن" in first


def test_arabic_punctuation_brackets_and_guillemets_stay_outside_the_link(site: Path) -> None:
    second = _paragraphs(site, "ar")[1]
    for number, before, after in [
        (1, "(", ")"),
        (2, "و«", "»"),
        (3, " ", "؟"),
        (4, " ", "؛"),
        (5, " ", "۔"),
    ]:
        address = f"https://www.ina.iq/{number}"
        assert f"{before}{_link(address)}{after}" in second


def test_a_www_address_gets_a_scheme_and_a_mail_address_mailto(site: Path) -> None:
    second, third = _paragraphs(site, "ar")[1:3]
    assert (
        f"في {_link('https://www.alsumaria.tv/news/1', 'www.alsumaria.tv/news/1')}.</p>" in second
    )
    assert f"للتواصل: {_link('mailto:info@ina.iq', 'info@ina.iq', rel=False)}، أو" in third
    assert f"عبر {_link('https://ina.iq', 'ina.iq')}. " in third  # a domain, in Arabic text


def test_decimals_file_names_and_arabic_words_with_dots_are_no_links(site: Path) -> None:
    third = _paragraphs(site, "ar")[2]
    assert _addresses(third) == 2  # the mail address and ina.iq
    assert "النسبة 3.5\u00a0بالمئة" in third  # held to its unit (content/numberunits.py)
    assert '<bdi lang="en">report.pdf</bdi>' in third and '<bdi lang="en">data.csv</bdi>' in third
    assert "بغداد.اليوم." in third


def test_a_written_link_is_not_linked_again_and_code_stays_text(site: Path) -> None:
    fourth, _, code_block = _paragraphs(site, "ar")[3:6]
    assert f'<a href="{INA}" rel="external noreferrer">وكالة الأنباء</a>' in fourth
    assert f"وفي {_link(INA)} والعنوان" in fourth  # one link, not a link inside a link
    assert _addresses(fourth) == 2
    assert '<code><bdi lang="en">https://www.ina.iq/code</bdi></code>' in fourth
    assert _addresses(code_block) == 0 and "https://www.ina.iq/block" in code_block


def test_english_gloss_links_addresses_but_not_bare_words_with_a_dot(site: Path) -> None:
    first, second = _paragraphs(site, "en")[:2]
    external = 'rel="external noreferrer"'
    assert f'at <a href="{INA}" {external}>{INA}</a>.</p>' in first
    assert (
        f'<a href="https://www.alsumaria.tv/news/1" {external}>www.alsumaria.tv/news/1</a>, '
        in second
    )
    assert '<a href="mailto:info@ina.iq">info@ina.iq</a>;' in second
    # English missing a space after a full stop is no domain of Italy: nor is ina.iq linked.
    assert "the site ina.iq said.It was so." in second
    assert _addresses(second) == 2


def test_the_feed_carries_the_links_and_parses(site: Path) -> None:
    """The entry's HTML holds the link as the page does; its plain summary sets the address
    apart without the question mark after it."""
    feed = (site / "ar" / "feed.xml").read_bytes()
    assert not feedparser.parse(feed).bozo
    entry = next(
        e
        for e in ET.fromstring(feed).iter(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href").endswith(f"{STORY}/")  # type: ignore[union-attr]
    )
    # Isolated by a span: feed readers' sanitizers drop <bdi> (pages/feeds.py).
    in_feed = _link(INA).replace("<bdi ", '<span dir="auto" ').replace("</bdi>", "</span>")
    assert f"الأنباء {in_feed}، إن" in entry.findtext(f"{ATOM}content", "")
    summary = entry.findtext(f"{ATOM}summary", "")
    assert "قرأت \u2066https://www.ina.iq/3\u2069؟" in summary


def _search_keys(site: Path) -> str:
    record = (site / SEARCH_RECORDS / "ar" / STORY / "index.html").read_text(encoding="utf-8")
    return record.split(KEY_MARKER, 1)[1]


def _sidebar(site: Path) -> str:
    html = (site / "ar" / STORY / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<details class="entity-sidebar.*?</details>', html, re.DOTALL)[0]


def test_search_keys_and_entities_are_those_of_the_text_as_written(
    site: Path, tmp_path: Path
) -> None:
    """The same article with its addresses escaped (`https\\://`, `ina\\.iq`: text, no link)
    has the same search key copy and the same entities: a link changes no word."""
    escaped = [p if "`" in p else p.replace("://", "\\://").replace(".", "\\.") for p in PARAGRAPHS]
    plain = _site(tmp_path, escaped)
    assert _addresses("".join(_paragraphs(plain, "ar")[:3])) == 0
    assert _search_keys(site) == _search_keys(plain)
    assert _sidebar(site) == _sidebar(plain)
    assert "turkey" not in _sidebar(site)
