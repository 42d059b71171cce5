"""Pagination: a list (an archive's stories, an entity's mentions) split into numbered pages,
each with its bar of links to the others (the ends, the pages near it, a gap for the rest),
rendered through the renderer (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup

from ..core.model import OutputFile
from .renderer import Renderer

NEAR = 3  # pages linked on each side of the current one in a pagination bar
NEAR_ON_A_PHONE = 1  # eleven cells of 44 px took two lines of a 360 px phone; seven fit 320 px
T = TypeVar("T")
# What only some lists show, off by default: `lead`, a link under the heading (the English
# home's to the translated list); `intro`, a sentence saying what the list holds; `feed_href`,
# the list's own feed, named on the page; `mark_partial`, a note beside each article not yet
# fully translated; `empty`, what an empty list says instead of "No articles yet".
LIST_EXTRAS: dict[str, Any] = {
    "lead": None,
    "intro": None,
    "feed_href": None,
    "mark_partial": False,
    "empty": None,
}


@dataclass(frozen=True)
class PageLink:
    """A numbered link in a pagination bar, or a gap (…) where numbers are left out; `only`:
    "wide" for what a phone's bar leaves out, "narrow" for what only a phone's bar shows."""

    number: int
    href: str
    current: bool
    gap: bool = False
    only: str = ""


@dataclass(frozen=True)
class ListLink:
    """A link from a list page to another list page: where it goes, and its words."""

    href: str
    text: str


def paginate(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """Split a list into pages (at least one page, possibly empty)."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]


def pages_bar(
    count: int, current: int, path_of: Callable[[int], str], href: Callable[[str], str]
) -> list[PageLink]:
    """The pagination links for page `current` of `count`: the ends and the pages near current
    (NEAR of them on each side, NEAR_ON_A_PHONE on a phone: the style sheet shows each link
    only where its `only` says).

    Listing every page would make each list page grow with the archive, and all of them
    together grow with its square (20,000 articles: a million links per language).
    """
    wide = _numbered(count, current, NEAR)
    narrow = _numbered(count, current, NEAR_ON_A_PHONE)
    bar: list[PageLink] = []
    for cell in sorted(set(wide) | set(narrow)):
        n, gap = cell
        only = "" if cell in wide and cell in narrow else "wide" if cell in wide else "narrow"
        link = "" if gap else href(path_of(n))
        bar.append(PageLink(n, link, n == current and not gap, gap, only))
    return bar


def _numbered(count: int, current: int, near: int) -> list[tuple[int, bool]]:
    """(number, gap) of a bar's cells: the ends, `near` pages each side of current, and a gap
    (…) where numbers are left out, as the last number it leaves out."""
    shown = sorted({1, count, *range(max(1, current - near), min(count, current + near) + 1)})
    # A gap of one page shows that page: "…" would take the same room.
    shown = sorted({*shown, *(n + 1 for n, m in itertools.pairwise(shown) if m == n + 2)})
    cells: list[tuple[int, bool]] = []
    for n in shown:
        if cells and n > cells[-1][0] + 1:
            cells.append((n - 1, True))
        cells.append((n, False))
    return cells


def list_pages(
    r: Renderer,
    lang: str,
    stories: Sequence[str],
    path_of: Callable[[int], str],
    heading: str,
    chart: Markup | None = None,
    *,
    more: ListLink | None = None,
    nearby: Sequence[ListLink] = (),
    stories_heading: str | None = None,
    **extra: Any,
) -> Iterator[OutputFile]:
    """The pages of a list of stories; `chart`, when given, shown on the first (the home's
    articles per year, a year's per month). On every page: `more`, where the list goes on
    (the home's); `nearby`, the lists beside it (a month's); `stories_heading`, the list's
    own heading when the page shows more than the list (a year's); and what `extra` sets of
    LIST_EXTRAS (the translated list's and the English home's)."""
    extras = {**LIST_EXTRAS, **extra}
    for number, path, chunk, bar in paged(r, stories, path_of):
        yield r.page(
            "list.html",
            lang,
            path,
            heading=heading,
            stories=chunk,
            pages=bar,
            page_number=number,
            chart=chart if number == 1 else None,
            more=more,
            nearby=nearby,
            stories_heading=stories_heading,
            **extras,
        )


def paged(
    r: Renderer, items: Sequence[T], path_of: Callable[[int], str]
) -> Iterator[tuple[int, str, Sequence[T], list[PageLink]]]:
    """Each wanted page of a list shown `per_page` items a page (archives, entity pages): its
    number, path, items and pagination bar (empty for a list of one page)."""
    chunks = paginate(items, r.site.config.per_page)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    wanted = [(number, path) for number, path in enumerate(paths, start=1) if r.wants(path)]
    if not wanted:
        return
    for number, path in wanted:
        bar = pages_bar(len(chunks), number, path_of, r.href) if len(chunks) > 1 else []
        yield number, path, chunks[number - 1], bar
