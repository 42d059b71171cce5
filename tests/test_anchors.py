"""An article's paragraphs carry their anchors (#p1, #p2, …) on their own elements: each
block of a body is one element, which takes the id a wrapper around it would have had."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings

from newsarchive.content.markdown import render_body, with_anchor
from newsarchive.entities.matcher import Mention, find_mentions

from .test_fast_paths import BODIES, MATCHER


def _find(text: str) -> tuple[Mention, ...]:
    return find_mentions(MATCHER, text)


def _href(entity_id: str) -> str:
    return f"/ar/entities/{entity_id}/"


class _TopLevel(HTMLParser):
    """The top-level nodes of an HTML fragment: (tag, attributes), or text."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.found.append((tag, dict(attrs)))
        self.depth += tag not in ("hr", "br", "img")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and data.strip():
            self.found.append(("#text", {}))


@settings(max_examples=300, deadline=None)
@given(BODIES)
def test_each_block_is_one_element_that_takes_its_anchor(body: str) -> None:
    """A paragraph's anchor is on its block's element, no wrapper needed: every block is
    one element, and the anchored HTML is that element with the id added."""
    for block in render_body(body, _find, _href):
        parser = _TopLevel()
        parser.feed(with_anchor(block.html, "p7"))
        parser.close()
        [(tag, attrs)] = parser.found
        assert tag != "#text" and attrs.get("id") == "p7"
        assert with_anchor(block.html, "p7").replace(' id="p7"', "", 1) == block.html


def test_a_paragraph_takes_its_anchor_after_its_tag_name() -> None:
    assert with_anchor("<p>نص</p>\n", "p1") == '<p id="p1">نص</p>\n'
    assert with_anchor('<ol start="3">\n<li>a</li>\n</ol>\n', "p2").startswith(
        '<ol id="p2" start="3">'
    )
    assert with_anchor("<hr />\n", "p4") == '<hr id="p4" />\n'
