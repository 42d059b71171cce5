"""When an edit changes which pages the site has (pure): an entity added to the registry, or
an entity named in enough articles to fill one page more or fewer; an article whose first
part is translated (its English page appears) or whose last translation is removed. The
pages that appear are rendered like any other the edit wants; those that vanish are deleted;
the sitemap is made again from every page's path, as a full build makes it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import jinja2

from ..assembly.site import Site
from ..assembly.views import ArticleView, gloss_of, has_english_page
from ..core import urls
from ..core.model import OutputFile, PartialDate
from ..pages.entities import entity_page_paths
from ..pages.environment import Strings
from ..pages.sitemap import crawler_files
from ..pages.translated import translated_list_edit
from .selective import page_paths

Change = tuple[frozenset[str], frozenset[str]]  # the pages (site paths) that appear, vanish


def edit_page_changes(
    site: Site,
    views: tuple[Mapping[str, ArticleView], Mapping[str, ArticleView]],  # old, fresh
    before: Mapping[str, int],
    existed: Collection[str],
    ids: Collection[str],
) -> tuple[Change, Change]:
    """The pages an edit adds and removes (the entities', the English articles', the
    translated list's), and those it adds to the sitemap and removes from it, which lists a
    page while it is indexed (unindexed_pages). `site` is the edit's, with the `fresh` views
    over the `old` ones; `before`: how many articles named each entity that `existed`;
    `ids`: the entities whose pages the edit renders."""
    old, fresh = views
    pages_of = entity_page_changes(site, before, existed, ids)
    english = english_page_changes(old, fresh)
    _, *listed = translated_list_edit(site, old, fresh)
    indexing = english_listing_changes(old, fresh)
    quiet = entity_listing_changes(site, before, existed, ids)
    return _joined(pages_of, english, listed), _joined(pages_of, indexing, quiet, listed)


def _joined(*changes: Sequence[frozenset[str]]) -> Change:
    return frozenset().union(*(c[0] for c in changes)), frozenset().union(*(c[1] for c in changes))


def entity_page_changes(
    site: Site, before: Mapping[str, int], existed: Collection[str], ids: Collection[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The pages (site paths) of these entities that the edit adds and removes, from how many
    articles named each before (only those that `existed`: a new one had no pages) and now."""
    now, per_page = site.mention_counts(), site.config.per_page
    appear: set[str] = set()
    vanish: set[str] = set()
    for entity_id in ids:
        old: set[str] = set()
        if entity_id in existed:
            old = set(entity_page_paths(entity_id, before[entity_id], per_page))
        new = set(entity_page_paths(entity_id, now[entity_id], per_page))
        appear |= new - old
        vanish |= old - new
    return frozenset(appear), frozenset(vanish)


def english_page_changes(
    old: Mapping[str, ArticleView], fresh: Mapping[str, ArticleView]
) -> tuple[frozenset[str], frozenset[str]]:
    """The English article pages (site paths) that an edit adds and removes: an article gets
    its English page when a first part of it is translated, and loses it with the last."""
    appear: set[str] = set()
    vanish: set[str] = set()
    for story, view in fresh.items():
        before, after = has_english_page(old[story]), has_english_page(view)
        if before != after:
            (appear if after else vanish).add(urls.article("en", story))
    return frozenset(appear), frozenset(vanish)


def english_listing_changes(
    old: Mapping[str, ArticleView], fresh: Mapping[str, ArticleView]
) -> tuple[frozenset[str], frozenset[str]]:
    """The article pages (site paths) whose sitemap entries an edit adds and removes though
    the pages stay: an English page is listed while it is indexed (an English title or a
    glossed paragraph), so one that becomes noindex, or stops being so, changes the sitemap;
    an article whose last correction changed has its pages' entries (their lastmod) in
    both: each is removed and made again."""
    appear: set[str] = set()
    vanish: set[str] = set()
    for story, view in fresh.items():
        before = gloss_of(old[story]).english_page_indexed
        after = gloss_of(view).english_page_indexed
        if before != after:
            (appear if after else vanish).add(urls.article("en", story))
        if view.article.updated != old[story].article.updated:
            appear.update(urls.article(lang, story) for lang in urls.LANGS)
            vanish.update(urls.article(lang, story) for lang in urls.LANGS)
    return frozenset(appear), frozenset(vanish)


def entity_listing_changes(
    site: Site, before: Mapping[str, int], existed: Collection[str], ids: Collection[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The entity pages (site paths) that an edit adds to the sitemap and removes from it
    though they stay: the page of an entity that an article names first, or no longer any
    (`before`: how many named each that `existed`), which is noindex while none does."""
    now = site.mention_counts()
    appear: set[str] = set()
    vanish: set[str] = set()
    for entity_id in (i for i in ids if i in existed):
        if bool(before[entity_id]) != bool(now[entity_id]):
            pages = {urls.entity(lang, entity_id) for lang in urls.LANGS}
            (appear if now[entity_id] else vanish).update(pages)
    return frozenset(appear), frozenset(vanish)


def last_updated(site: Site) -> dict[str, PartialDate]:
    """The site path of each corrected article's pages -> the day of its newest correction
    (their lastmod in the sitemap): from the views in a full build's site, from the status
    rows in an edit's, which has them without loading a view."""
    if site.index.status_rows is None:
        found = ((view.article.story, view.article.updated) for view in site.articles)
    else:
        rows = (row for year in site.years for row in site.status_rows(year))
        found = ((row.story, row.updated) for row in rows)
    return {urls.article(lang, story): day for story, day in found if day for lang in urls.LANGS}


def unindexed_pages(site: Site) -> frozenset[str]:
    """The output paths of the pages the sitemap leaves out though the site has them, being
    noindex: the English article pages with outdated paragraphs only and no English title
    (from each year's translation status rows), the pages of the entities no article names
    (pages/entities.py, entity_pages), the pages of withdrawn articles (their notice in
    place of their text: pages/withdrawn.py), and the pages at renamed entities' earlier
    addresses (`moved_from`), which only lead on to the entity's page. (An article's
    earlier addresses are written with its own pages and never reach the sitemap's list.)"""
    english = (
        urls.output_path(urls.article("en", row.story))
        for year in site.years
        for row in site.status_rows(year)
        if row.has_english_page and not row.english_page_indexed
    )
    unnamed = (
        urls.output_path(urls.entity(lang, entity_id))
        for entity_id in site.unnamed_entities()
        for lang in urls.LANGS
    )
    moved = (
        urls.output_path(urls.entity(lang, old))
        for entity in site.registry.entities
        for old in entity.moved_from
        for lang in urls.LANGS
    )
    withdrawn = (
        urls.output_path(urls.article(lang, story))
        for story in site.index.withdrawn
        for lang in urls.LANGS
    )
    return frozenset((*english, *unnamed, *withdrawn, *moved))


def english_stories(site: Site) -> set[str]:
    """The stories with an English page, from each year's translation status rows (an
    edit's site has them from the snapshot, without loading any view)."""
    return {
        row.story for year in site.years for row in site.status_rows(year) if row.has_english_page
    }


def crawler_files_after(
    site: Site,
    env: jinja2.Environment,
    strings: Strings,
    stories: Collection[str],
    change: tuple[frozenset[str], frozenset[str]],
) -> list[OutputFile] | None:
    """The crawler files (sitemap…) of the site after an edit that adds and removes these
    pages from the sitemap (noindex pages are in none); None when they would be other files
    than before (the sitemap splitting into parts, or joining them): a full build then,
    which leaves no stale part behind.

    `site` is an edit's site (no entity views): its walk gives every page but the articles'
    and the entities', which come from the stories, their translation status and the
    mention counts."""
    appear, vanish = change
    per_page = site.config.per_page
    pages = {
        *page_paths(site, env, strings),
        *(urls.output_path(urls.article("ar", s)) for s in stories),
        *(urls.output_path(urls.article("en", s)) for s in english_stories(site)),
        *(
            urls.output_path(page)
            for entity_id, count in site.mention_counts().items()
            for page in entity_page_paths(entity_id, count, per_page)
        ),
    }
    pages -= unindexed_pages(site)
    before = (pages - {urls.output_path(p) for p in appear}) | {urls.output_path(p) for p in vanish}
    lastmod = last_updated(site)
    after_files = crawler_files(site.config, sorted(pages), lastmod)
    before_files = crawler_files(site.config, sorted(before), lastmod)
    if {f.path for f in after_files} != {f.path for f in before_files}:
        return None
    return after_files
