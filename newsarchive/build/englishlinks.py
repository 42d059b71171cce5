"""Which articles an edit reads again because a page they link to an article's English page
changes (pure): the link leads to the English page while the article has one, and to its
Arabic page while it has none (content/links.py).

An edit renders its articles with what the last build knew (english_before); once they are
read, it knows which of them gained or lost their English page, and reads again those whose
links it got wrong, and the articles, edited or not, that link a page that came or went (the
snapshot's skeleton says which: Skeleton.addresses, with the articles edited since).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set

from ..assembly.views import ArticleView, has_english_page
from ..content.links import stale_links
from ..core import urls
from .snapshot import Snapshot


def english_before(snapshot: Snapshot) -> Callable[[str], bool]:
    """Whether an article had its English page at the last build."""
    views = snapshot.views

    def english(story: str) -> bool:
        return story in views and has_english_page(views[story])

    return english


def english_after(snapshot: Snapshot, fresh: Mapping[str, ArticleView]) -> Callable[[str], bool]:
    """Whether an article has its English page once the `fresh` articles are as read now."""
    before = english_before(snapshot)

    def english(story: str) -> bool:
        view = fresh.get(story)
        return before(story) if view is None else has_english_page(view)

    return english


def relinked(snapshot: Snapshot, since: Set[str], fresh: Mapping[str, ArticleView]) -> set[str]:
    """The articles to read again with english_after (SnapshotDamaged when a view it needs
    is): the fresh ones whose links to English pages it got wrong, and the others linking an
    English page that the edit adds or removes (`since`: the stories edited since the
    snapshot's base, whose links its skeleton does not know)."""
    views = snapshot.views
    english = english_after(snapshot, fresh)
    stale = stale_links({story: view.links for story, view in fresh.items()}, english)
    changed = [
        story
        for story, view in fresh.items()
        if story in views and has_english_page(view) != has_english_page(views[story])
    ]
    if not changed:
        return stale
    skeleton = snapshot.skeleton
    pages = [urls.article("en", story) for story in changed]
    linking = {skeleton.order[p] for page in pages for p in skeleton.addresses.get(page, ())}
    others = (linking | since) - fresh.keys()
    return stale | stale_links({story: views[story].links for story in others}, english)
