"""An article's earlier addresses: the front-matter key 'moved_from', which `move` fills,
read and checked against the other articles (pure).

A static host cannot redirect, so each earlier story gets a small page at its old address
that sends readers on to the article (pages/redirects.py): researchers cite addresses."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ..core.diagnostics import Diagnostic
from ..core.model import Article, EarlierStory
from ..core.slugs import is_clean_slug
from ..core.yamldoc import Node

MOVED_FROM = "moved_from"
# A story as its folder and file name give it: 2020/11/slug, or 2020/slug for a year-only date.
STORY_RE = re.compile(r"\d{4}(?:/(?:0[1-9]|1[0-2]))?/([^/\s]+)")
HOW = f"'{MOVED_FROM}' is a list of earlier stories written YYYY/MM/slug, as [\"2020/11/old-slug\"]"


def parse_moved_from(
    node: Node | None, story: str, path: str, diags: list[Diagnostic]
) -> tuple[EarlierStory, ...]:
    """The earlier stories of the article at `story` (2020/11/slug); each malformed one, one
    repeated or the article's own story is a diagnostic at its line."""
    if node is None or node.value is None:
        return ()
    items = [node] if isinstance(node.value, str) else node.value
    if not isinstance(items, list):
        diags.append(Diagnostic(path, node.line, f"{HOW}"))
        return ()
    found: dict[str, EarlierStory] = {}
    for item in items:
        value = item.value.strip().strip("/") if isinstance(item.value, str) else None
        match = STORY_RE.fullmatch(value) if value else None
        if value is None or match is None or not is_clean_slug(match[1]):
            shown = f"'{item.value}'" if isinstance(item.value, str) else "this entry"
            diags.append(Diagnostic(path, item.line, f"{shown} is no story: {HOW}"))
        elif value == story:
            message = f"'{value}' is this article's own address: remove it from '{MOVED_FROM}'"
            diags.append(Diagnostic(path, item.line, message))
        elif value in found:
            diags.append(Diagnostic(path, item.line, f"'{value}' is named twice in '{MOVED_FROM}'"))
        else:
            found[value] = EarlierStory(value, item.line)
    return tuple(found.values())


def moved_from_conflicts(articles: Iterable[Article], stories: Collection[str]) -> list[Diagnostic]:
    """An error for each earlier story that is the address of an article (`stories`: those
    of every article file, parsed or not), or that an article before it already claims: its
    old page would be two pages at once."""
    claimed: dict[str, str] = {}
    found: list[Diagnostic] = []
    for article in sorted(articles, key=lambda a: a.path):
        path = f"content/{article.path}"
        for earlier in article.moved_from:
            other = claimed.setdefault(earlier.story, path)
            if earlier.story in stories:
                message = (
                    f"'{earlier.story}' is the address of the article content/ar/"
                    f"{earlier.story}.md: an article cannot also lead there from '{MOVED_FROM}'"
                )
                found.append(Diagnostic(path, earlier.line, message))
            elif other != path:
                message = (
                    f"'{earlier.story}' is also in '{MOVED_FROM}' of {other}: "
                    "an old address can lead to one article only"
                )
                found.append(Diagnostic(path, earlier.line, message))
    return found


def moved_stories(articles: Iterable[Article]) -> dict[str, str]:
    """Each earlier story -> the story of the article now there (what a link to an old file
    should name instead)."""
    return {earlier.story: a.story for a in articles for earlier in a.moved_from}
