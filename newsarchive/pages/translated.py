"""The English list of the translated articles (pure): the articles with a paragraph or more
in English, fully or partly translated (marked), the latest translated first (by the day a
gloss says its English was published, content/glossdate.py; by the article's date when it
does not say), LISTED_PAGES pages of them like the archives' pages, with its own Atom feed.

An English reader who reads no Arabic wants what is translated, and the archives list every
article: where translation lags, most of their entries say "English title pending". The list
is made from each year's translation status rows, which an edit's site has from the snapshot
without loading a view; an edit that translates an article's first paragraph, empties its
last, or changes its day of translation, shifts the list (translated_list_edit says which
pages it renders and which come or go). There is no Arabic twin: an Arabic reader has every
article in the original, and each translated one links its English from its own page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..assembly.site import Site, newest_translated, translation_of
from ..assembly.views import ArticleView, gloss_of
from ..core import urls
from ..core.model import OutputFile, PartialDate
from .feeds import FeedLink
from .pagination import list_pages, paginate
from .renderer import Renderer

# The list shows the newest translated articles, this many pages of them. A list of every
# one, newest first, moved each of its pages along whenever an article joined or left it:
# about 2,500 pages rewritten for one translated paragraph at 100,000 articles, half of them
# translated. Older translations are on their months' English lists, which mark the
# articles still pending; the English search finds only translated articles.
LISTED_PAGES = 5


def render_translated(r: Renderer) -> list[OutputFile]:
    """The pages of the translated list (English)."""
    if not r.wants_any(urls.translated()):
        return []  # an edit that renders none of them: the rows are not walked
    site, t = r.site, r.strings["en"]
    feed = FeedLink(
        f"{t['translated_feed_title']} · {site.config.title_en}",
        urls.absolute(site.config, urls.translated_feed()),
        "en",
    )
    pages = list_pages(
        r,
        "en",
        listed_of(site.translated, site.config.per_page),
        urls.translated,
        t["translated_title"],
        intro=t["translated_intro"],
        feed_href=r.href(urls.translated_feed()),
        feeds=[feed],
        mark_partial=True,
        empty=t["translated_none"],
    )
    return list(pages)


def listable(view: ArticleView) -> bool:
    """Whether an article belongs on the list: a paragraph or more of it in English."""
    return gloss_of(view).has_translation


def listed_of(translated: Sequence[str], per_page: int) -> Sequence[str]:
    """The translated stories the list shows: the newest LISTED_PAGES pages of them."""
    return translated[: LISTED_PAGES * per_page]


def translated_page_paths(count: int, per_page: int) -> list[str]:
    """The paths of the list's pages when it holds `count` articles (one page when empty)."""
    return [urls.translated(n) for n in range(1, len(paginate(range(count), per_page)) + 1)]


def translated_list_edit(
    site: Site, old: Mapping[str, ArticleView], fresh: Mapping[str, ArticleView]
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What an edit (article dates unchanged) does to the list: the pages to render again,
    and those that appear and vanish. An article that joins or leaves it, or whose day of
    translation changes, moves the others along: every page whose articles differ is
    rendered; when the number of pages changes, every page's bar names another last page.
    (A listed article whose entry changes is re-rendered as any page that looked it up.)
    `site` is the site after the edit."""
    moved = {story for story, view in fresh.items() if _placed(old[story]) != _placed(view)}
    if not moved:
        return frozenset(), frozenset(), frozenset()
    per_page = site.config.per_page
    kept = [t for t in site.translations if t.story not in fresh]
    earlier = (translation_of(old[story]) for story in fresh)
    before = listed_of(newest_translated([*kept, *(t for t in earlier if t is not None)]), per_page)
    after = listed_of(site.translated, per_page)
    if before == after:  # older than the list shows, before and after: no page changes
        return frozenset(), frozenset(), frozenset()
    paths_before = translated_page_paths(len(before), per_page)
    paths_after = translated_page_paths(len(after), per_page)
    if len(paths_before) != len(paths_after):
        render = {*paths_before, *paths_after}
    else:
        render = {
            path
            for number, path in enumerate(paths_after)
            if _page(before, number, per_page) != _page(after, number, per_page)
        }
    appear = frozenset(paths_after) - set(paths_before)
    vanish = frozenset(paths_before) - set(paths_after)
    return frozenset(render - vanish), appear, vanish


def _placed(view: ArticleView) -> tuple[bool, PartialDate | None]:
    """What places an article on the list: whether it is on it, and its day of translation."""
    return listable(view), gloss_of(view).translated


def _page(stories: Sequence[str], number: int, per_page: int) -> Sequence[str]:
    return stories[number * per_page : (number + 1) * per_page]
