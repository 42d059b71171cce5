"""Links to site addresses checked against the pages a build publishes (I/O: the site's
folders; the rule is content/siteaddresses.py's).

A full build looks up every article's links, the kept ones' too, in the folder it has just
written, before it is swapped in: a year, an entity or an English page that went away
breaks a link of an article no one edited, as a deleted article does (missing_articles).
An edit looks up the links of the articles it read again in the site it patches, with the
pages it adds and removes; and since a page it removes may be linked by any other article,
it asks the snapshot's skeleton which articles link it (Skeleton.addresses).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Set
from pathlib import Path

from ..assembly.views import ArticleView
from ..content.links import LinkNote
from ..content.siteaddresses import INDEX, Listing, page_key, unpublished_addresses
from ..core.diagnostics import Diagnostic
from .snapshot import Snapshot

STATIC = "static"  # copied into the site after its pages (output.fill_site)


def address_notes(views: Iterable[ArticleView]) -> list[LinkNote]:
    """The links to site addresses of these articles."""
    return [note for view in views for note in view.links if note.address]


def _listing(site: Path, static: Path) -> Listing:
    def listing(folder: str) -> Collection[str]:
        names = _names(site / folder if folder else site)
        if folder == STATIC or folder.startswith(f"{STATIC}/"):
            names += _names(static / folder.removeprefix(STATIC).lstrip("/"))
        return [*names, STATIC] if not folder else names

    return listing


def _names(folder: Path) -> list[str]:
    """The names in a folder; none when it cannot be listed (no such folder)."""
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _file(site: Path, static: Path, path: str) -> bool:
    if path.startswith(f"{STATIC}/"):
        return (static / path.removeprefix(f"{STATIC}/")).is_file()
    return (site / path).is_file()


def unpublished_in_folder(
    notes: Iterable[LinkNote], folder: Path, static: Path
) -> list[Diagnostic]:
    """The links to no file of a full build's folder (static files: of the templates')."""
    notes = list(notes)
    if not notes:
        return []

    def published(path: str) -> bool:
        return _file(folder, static, path)

    return unpublished_addresses(notes, published, _listing(folder, static))


def unpublished_after_edit(
    notes: Iterable[LinkNote], site: Path, static: Path, change: tuple[Set[str], Set[str]]
) -> list[Diagnostic]:
    """The links to no file of the site once an edit has added and removed these pages
    (site paths, core/urls.py's)."""
    notes = list(notes)
    if not notes:
        return []
    appear, vanish = change

    def published(path: str) -> bool:
        page = page_key(path) if path.endswith(INDEX) else None
        if page is not None and page in appear:
            return True
        return page not in vanish and _file(site, static, path)

    return unpublished_addresses(notes, published, _listing(site, static))


def unpublished_in_edit(
    snapshot: Snapshot,
    since: Set[str],  # the stories edited since the snapshot's base, which its skeleton predates
    fresh: Mapping[str, ArticleView],
    folders: tuple[Path, Path],  # the site patched, the templates' static files
    change: tuple[Set[str], Set[str]],
) -> list[Diagnostic]:
    """The links to site addresses that an edit leaves leading nowhere: the edited articles'
    to any page the site will not have, and the others' to a page the edit removes (an
    English page whose last translation went, an entity's last page). SnapshotDamaged when a
    view it needs is."""
    notes = address_notes(fresh.values())
    vanish = change[1]
    skeleton = snapshot.skeleton
    linking = {skeleton.order[p] for page in vanish for p in skeleton.addresses.get(page, ())}
    linking |= since if vanish else set()
    for story in sorted(linking - fresh.keys()):
        links = snapshot.views[story].links
        notes += [n for n in links if n.address and page_key(n.address) in vanish]
    return unpublished_after_edit(notes, *folders, change)
