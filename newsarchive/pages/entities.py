"""Entity pages of both languages (each entity's articles, a page at a time, under its
header) and the entities index (pure)."""

from __future__ import annotations

from functools import partial
from typing import Any

from markupsafe import Markup

from ..assembly.metadata import dump_jsonld, entity_jsonld
from ..assembly.quotes import EXCERPT_WORDS, shorten
from ..assembly.site import EntityView, backlink_stories
from ..core import urls
from ..core.arabic import alphabetical_key, to_key
from ..core.model import OutputFile
from ..entities.registry import ENTITY_TYPES, Entity
from .charts import Ranked, periods_of, ranked_bars, timeline
from .feeds import FeedLink
from .pagination import paged
from .renderer import Renderer


def render_entities(r: Renderer, lang: str) -> list[OutputFile]:
    """Every entity's pages in one language, then the entities index."""
    render = render_entity if lang == "ar" else render_entity_en
    files = [file for view in r.site.entities for file in render(r, view)]
    files += [file for entity in r.by_id.values() for file in entity_redirects(r, entity, lang)]
    # Asked first: an edit's site counts every entity's articles to know which are named.
    if r.wants(urls.entities_index(lang)):
        files.append(entities_index(r, lang))
    return files


def entities_index(r: Renderer, lang: str) -> OutputFile:
    """The index of the entities that articles name, by kind: one no article names keeps
    its page, but no list offers it (entity_pages)."""
    counts, unnamed = r.site.mention_counts(), r.site.unnamed_entities()
    named = (entity for entity in r.by_id.values() if entity.id not in unnamed)
    ordered = sorted(named, key=arabic_order if lang == "ar" else english_order)
    # The index's lists, one a kind that has entities: its links to them and its sections.
    groups = [
        (kind, members)
        for kind in ENTITY_TYPES
        if (members := [entity for entity in ordered if entity.type == kind])
    ]
    template = "entities.html" if lang == "ar" else "entities_en.html"
    return r.page(template, lang, urls.entities_index(lang), groups=groups, counts=counts)


def entity_redirects(r: Renderer, entity: Entity, lang: str) -> list[OutputFile]:
    """The pages at a renamed entity's earlier addresses (its `moved_from` ids), each leading
    to its page: links to the old address, from other sites and readers' bookmarks, keep
    working. Like an article's, no list, sitemap or search index names them."""
    title = entity.en or entity.name_ar if lang == "en" else entity.name_ar
    target = urls.entity(lang, entity.id)
    return [
        r.redirect(lang, urls.entity(lang, old), target, title, "entity_moved_to")
        for old in entity.moved_from
    ]


def arabic_order(entity: Entity) -> tuple[str, str, str]:
    """An entity's place in the Arabic index: its canonical Arabic name's (alphabetical_key)."""
    return (*alphabetical_key(entity.name_ar), entity.id)


def english_order(entity: Entity) -> tuple[bool, str, tuple[str, str], str]:
    """An entity's place in the English index: by English name, case and accents aside and a
    leading "The" ignored (The Pentagon under P, as in a book's index); entities without an
    English name yet come last, in Arabic order."""
    english = to_key(entity.en or "").removeprefix("the ").strip()
    return (not english, english, alphabetical_key(entity.name_ar), entity.id)


def render_entity(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The Arabic pages of one entity."""
    entity_id = view.entity.id
    feed = FeedLink(
        f"{view.entity.name_ar} · {r.site.config.title_ar}",
        urls.absolute(r.site.config, urls.entity_feed("ar", entity_id)),
        "ar",
    )
    return entity_pages(r, view, "ar", "entity.html", feed)


def entity_pages(
    r: Renderer, view: EntityView, lang: str, template: str, feed: FeedLink
) -> list[OutputFile]:
    """An entity's pages in one language: its articles, `per_page` a page, each page under
    the entity's header, which links its `feed`.

    While no article names the entity, its one page stays at its address (links and
    bookmarks keep working; it is a page like the others once an article names it) but is
    quiet: it says so, is noindex and names no hreflang twin (as an English article page
    that is noindex), and offers no feed or search of articles it has none of. Its feed file
    is still written, empty: a reader subscribed while articles named it keeps a feed."""
    path_of = partial(urls.entity, lang, view.entity.id)
    per_page = r.site.config.per_page
    first_page: dict[str, Any] = {}
    context: dict[str, Any] = {"feeds": [feed], "unnamed": not view.backlinks}
    if context["unnamed"]:
        other = "en" if lang == "ar" else "ar"
        context.update(feeds=[], alternates=(), switch_path=urls.entity(other, view.entity.id))
    elif r.wants(path_of(1)):  # the entity's story at a glance, on its first page
        context.update(
            timeline=entity_timeline(r, view, lang), companions=companions(r, view, lang)
        )
        url = urls.absolute(r.site.config, path_of(1))
        first_page["jsonld"] = dump_jsonld(entity_jsonld(view.entity, url, lang))
    else:
        context.update(timeline=None, companions=None)
    return [
        r.page(
            template,
            lang,
            path,
            entity_view=view,
            backlinks=chunk,
            description=entity_description(view.entity, lang),
            first_number=(number - 1) * per_page + 1,
            pages=bar,
            page_number=number,
            **(first_page if number == 1 else {}),
            **context,
        )
        for number, path, chunk, bar in paged(r, view.backlinks, path_of)
    ]


def entity_description(entity: Entity, lang: str) -> str:
    """The description search engines and link previews show for an entity's pages: the one
    the page shows under its name (an Arabic page without an Arabic description shows the
    English one), cut as an article's is; empty (the site's) when the page shows none."""
    shown = (
        entity.description_ar or entity.description_en if lang == "ar" else entity.description_en
    )
    return shorten(shown or "", EXCERPT_WORDS)


def entity_timeline(r: Renderer, view: EntityView, lang: str) -> Markup:
    """The entity's articles per month or year. Their dates come from the archives, not from
    their views: an edit renders the page without loading the view of each article."""
    dates = r.story_dates
    periods = periods_of(dates[story] for story in backlink_stories(view))
    t = r.strings[lang]
    return timeline(periods, lang, t, t["chart_mentions"])


def companions(r: Renderer, view: EntityView, lang: str) -> Markup:
    """The entities most often named with this one, as ranked bars linking their pages."""
    rows = []
    for companion in view.co_mentions:
        other = r.by_id[companion.entity_id]
        href = r.href(urls.entity(lang, companion.entity_id))
        if lang == "ar" or not other.en:
            rows.append(
                Ranked(href, other.name_ar, companion.count, None if lang == "ar" else "ar")
            )
        else:
            rows.append(Ranked(href, other.en, companion.count))
    rows.sort(key=lambda row: (-row.count, row.name))  # equal counts by the name shown
    t = r.strings[lang]
    return ranked_bars(rows, t["dir"] == "rtl", t["co_mentioned"])


def entity_page_count(mentions: int, per_page: int) -> int:
    """How many pages an entity named by `mentions` articles has in each language."""
    return max(1, -(-mentions // per_page))


def entity_page_paths(entity_id: str, mentions: int, per_page: int) -> list[str]:
    """The site paths of the pages of an entity named by `mentions` articles, both languages."""
    count = entity_page_count(mentions, per_page)
    return [urls.entity(lang, entity_id, n) for lang in urls.LANGS for n in range(1, count + 1)]


def render_entity_en(r: Renderer, view: EntityView) -> list[OutputFile]:
    """The English pages of one entity."""
    entity = view.entity
    feed = FeedLink(
        f"{entity.en or entity.name_ar} · {r.site.config.title_en}",
        urls.absolute(r.site.config, urls.entity_feed("en", entity.id)),
        "en",
    )
    return entity_pages(r, view, "en", "entity_en.html", feed)
