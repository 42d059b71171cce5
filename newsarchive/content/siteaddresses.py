"""Whether the site publishes what a root-relative link names (pure).

An editor may link a page of the site by its address (`/ar/2020/`, `/ar/entities/<id>/`),
which gets the base path (links.py). A typo (`/ar/2002/`, `/ar/entity/<id>/`) would publish a
link to nothing, so once a build knows which files the site has (a full build: the folder it
wrote; an edit: the site it patches, with the pages it adds and removes) each such link is
looked up, and one to no page is an error naming its file and line, with the nearest address
that exists when one is a letter or two away. A static host serves a folder's index.html at
the folder's address, with or without the final slash, so `/ar/2020/`, `/ar/2020` and
`/ar/2020/index.html` all name the same page.

Pagefind's files (`/pagefind/…`) are no page to link, though a build with search publishes
them: the search page's script reads them, their folders follow the archive's years (a year
grown past 2,000 pages is split into months) and their file names change with each index.
A link there is an error naming the search page, in every build alike: a full build checks
its folder before Pagefind has written it, and an edit the site after, so reading the
folder would fail one and pass the other.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from difflib import get_close_matches

from ..core import urls
from ..core.diagnostics import Diagnostic
from .links import LinkNote

INDEX = "index.html"
SEARCH_INDEX = "pagefind"  # the folder of Pagefind's files
# Whether the site has this file (relative to its root, as the output paths are).
Published = Callable[[str], bool]
# The names in one of the site's folders ("" for its root).
Listing = Callable[[str], Collection[str]]


def page_key(address: str) -> str:
    """The site path of the page an address names, as core/urls.py writes it (`ar/2020/`);
    for a file (`ar/feed.xml`) the same with a slash."""
    bare = address.removesuffix(INDEX).strip("/")
    return f"{bare}/" if bare else ""


def linked_pages(notes: Iterable[LinkNote]) -> set[str]:
    """The pages (site paths) these links name that may come and go while the linking
    article stays: a site address's, and an English page's (links.py leads a link to it to
    the Arabic page while it is not published)."""
    pages = {page_key(note.address) for note in notes if note.address}
    english = (note.story for note in notes if note.lang == "en" and note.story)
    return pages | {urls.article("en", story) for story in english}


def address_index(links: Sequence[Iterable[LinkNote]]) -> dict[str, tuple[int, ...]]:
    """Each page linked (linked_pages) -> the positions (in `links`: each article's) of the
    articles linking it."""
    index: dict[str, list[int]] = {}
    for position, notes in enumerate(links):
        if not notes:  # most articles link nothing
            continue
        for page in sorted(linked_pages(notes)):
            index.setdefault(page, []).append(position)
    return {page: tuple(positions) for page, positions in index.items()}


def is_published(address: str, published: Published) -> bool:
    """Whether a static host serves something at the address: the site's root, a file, or a
    folder's index.html. No hidden file or folder (the search records) is published."""
    parts = address.strip("/").split("/")
    if not address.strip("/"):
        return True  # the language chooser
    if any(part.startswith(".") or part in ("", "..") for part in parts):
        return False
    if parts[0] == SEARCH_INDEX:
        return False  # Pagefind's files: see the module's docstring
    if address.endswith("/"):
        return published(f"{address}{INDEX}")
    return published(address) or published(f"{address}/{INDEX}")


def unpublished_addresses(
    notes: Iterable[LinkNote], published: Published, listing: Listing
) -> list[Diagnostic]:
    """An error for each link to a site address where the site publishes nothing."""
    found: list[Diagnostic] = []
    for note in notes:
        if not note.address or is_published(note.address, published):
            continue
        message = f"'{note.written}' leads to /{note.address}, where this site publishes no page"
        found.append(
            Diagnostic(note.path, note.line, f"{message}: {_hint(note, published, listing)}")
        )
    return found


def _hint(note: LinkNote, published: Published, listing: Listing) -> str:
    if note.address.split("/", 1)[0] == SEARCH_INDEX:
        lang = "en" if note.path.startswith("en/") else "ar"
        return (
            "that is the search index, which the search page reads and each build may rename: "
            f"link the search page, /{urls.search(lang)} (/{urls.search(lang)}?q=words opens "
            "it on a search)"
        )
    arabic = f"ar/{note.address.removeprefix('en/')}"
    if note.address.startswith("en/") and is_published(arabic, published):
        return (
            f"nothing of /{arabic} is translated yet: link the article's gloss file "
            "(../../../en/2020/10/other.md from an article), which leads to the Arabic page "
            "until the English one is published"
        )
    first, _, rest = note.address.partition("/")
    if rest and is_published(rest, published):  # `/repo/ar/2020/` copied from the site
        return f"write it from the site's root, /{rest}: the build adds the base path (/{first}/)"
    near = nearest(note.address, published, listing)
    if near is not None:
        return f"did you mean /{near}?"
    return (
        "link a page by the address the site shows for it (/ar/2020/, /ar/entities/<id>/), "
        "or better, an article by its file (../10/other.md), which the build keeps right"
    )


def nearest(address: str, published: Published, listing: Listing) -> str | None:
    """The published address one close spelling away in the first part that exists in no
    folder (`ar/2002/` -> `ar/2020/`, `ar/entity/x/` -> `ar/entities/x/`); None if none is."""
    trailing = "/" if address.endswith("/") else ""
    parts = address.removesuffix(INDEX).strip("/").split("/")
    for at, part in enumerate(parts):
        names = [name for name in listing("/".join(parts[:at])) if not name.startswith(".")]
        if part in names:
            continue
        for close in get_close_matches(part, names, n=3, cutoff=0.6):
            candidate = "/".join([*parts[:at], close, *parts[at + 1 :]]) + trailing
            if is_published(candidate, published):
                return candidate
        return None
    return None
