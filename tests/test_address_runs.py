"""One rule for where an address in Arabic text ends: the characters a body links are the
characters set apart as one left-to-right run in headlines, excerpts and feeds (bidi.py takes
them from autolinks.py). Had the two differed, the link's end would be drawn apart from the
run around it, or a link cut into pieces set right to left."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from newsarchive.content.bidi import latin_isolated, latin_isolated_plain
from newsarchive.content.markdown import render_body
from newsarchive.core.arabic import PROCLITICS

LINK_TEXT = re.compile(r'<a href="[^"]*"[^>]*>(.*?)</a>')
RUN = re.compile(r'<bdi lang="en">(.*?)</bdi>')

# (Arabic text, the addresses in it as a reader should get them linked and set apart)
CASES = [
    (
        "نشرته وكالة الأنباء https://www.ina.iq/123456--.html، إن قواته باقية.",
        ["https://www.ina.iq/123456--.html"],
    ),
    (
        "وللمزيد (https://www.ina.iq/1) و«https://www.ina.iq/2» فقط.",
        ["https://www.ina.iq/1", "https://www.ina.iq/2"],
    ),
    (
        "وهل قرأت https://www.ina.iq/3؟ انظر https://www.ina.iq/4؛ ثم",
        ["https://www.ina.iq/3", "https://www.ina.iq/4"],
    ),
    ("والتفاصيل في www.alsumaria.tv/news/1.", ["www.alsumaria.tv/news/1"]),
    (
        "قال “https://www.ina.iq/5” و‘https://www.ina.iq/6’ أمس",
        ["https://www.ina.iq/5", "https://www.ina.iq/6"],
    ),
    ("للتواصل: info@ina.iq، أو عبر ina.iq. وشكرا", ["info@ina.iq", "ina.iq"]),
    ("كتب Rudaw https://rudaw.net/a?b=1&c=2 امس", ["https://rudaw.net/a?b=1&c=2"]),
    # A proclitic written onto the address is not part of it.
    (
        "زوروا وhttps://ina.iq/7 اليوم وwww.ina.iq، وراسلوا بinfo@ina.iq",
        ["https://ina.iq/7", "www.ina.iq", "info@ina.iq"],
    ),
    ("العدد 3.5 مليون وفق report.pdf وموقع بغداد.اليوم في U.S. أمس", []),
]


def _linked(text: str) -> list[str]:
    (block,) = render_body(text)
    return [html.unescape(found) for found in LINK_TEXT.findall(block.html)]


def _runs(text: str) -> list[str]:
    return [html.unescape(run) for run in RUN.findall(latin_isolated(text))]


@pytest.mark.parametrize(("text", "addresses"), CASES)
def test_each_address_is_linked_and_set_apart_as_the_same_characters(
    text: str, addresses: list[str]
) -> None:
    assert _linked(text) == addresses
    runs = _runs(text)
    assert [run for run in runs if run in addresses] == addresses
    # No run holds part of an address without being all of it.
    for run in runs:
        assert run in addresses or not any(run in a or a in run for a in addresses), run


@pytest.mark.parametrize(("text", "addresses"), CASES)
def test_a_feed_sets_each_address_apart_whole(text: str, addresses: list[str]) -> None:
    plain = latin_isolated_plain(text)
    for address in addresses:
        assert f"\u2066{address}\u2069" in plain


@pytest.mark.parametrize("letters", [*PROCLITICS, "ول", "فب", "لل", "وك"])
def test_every_proclitic_written_onto_an_address_is_left_out_of_it(letters: str) -> None:
    text = f"زوروا {letters}https://ina.iq/7 اليوم"
    assert _linked(text) == ["https://ina.iq/7"]
    assert _runs(text) == ["https://ina.iq/7"]


def test_the_search_page_leaves_out_the_same_proclitics() -> None:
    """bidi.js cannot import core/arabic.py's letters: it writes them out, the same ones, once
    (its rules for an address and for a signed figure after a proclitic both use them)."""
    script = (Path(__file__).parents[1] / "templates/static/js/bidi.js").read_text()
    found = re.findall(r'const PROCLITICS = "([^"]+)";', script)
    assert len(found) == 1
    assert sorted(found[0]) == sorted(PROCLITICS)
    assert "وفبلك" not in script.replace(found[0], "", 1)
