"""Atom feeds: which feeds the site has (one per language, one per entity, the translated
list's) and which articles each shows, newest first (pure); feedentries.py says what each
entry says, atom.py writes them as XML."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..assembly.site import Site, backlink_stories, listed_when, when_translated
from ..assembly.views import ArticleView, article_path
from ..content.bidi import arabic_isolated_plain, latin_isolated_plain
from ..core import urls
from ..core.model import OutputFile, PartialDate, SiteConfig
from ..entities.registry import Entity
from .atom import MAX_ENTRIES, Feed, atom_xml
from .environment import Strings
from .feedentries import (
    EntryContext,
    EntryOf,
    arabic_entry,
    english_entry,
    entry_context,
    entry_of,
    progress_line,
)

# An entity's feed tells its subscribers what is new about it: the newest 10, as blogs' tag
# feeds give (a reader polls far more often than 10 articles name one entity). 800 entities'
# feeds of 50 entries were 1.6 KB of each article's share of the site at 20,000 articles; in
# two languages, of 20 entries, 1.1 KB, over the site's weight target (docs/benchmarks.md).
ENTITY_FEED_ENTRIES = 10


@dataclass(frozen=True)
class FeedLink:
    """A feed advertised in a page's head."""

    title: str
    href: str
    lang: str


When = Callable[[ArticleView], tuple[tuple[int, ...], ...]]


def by_date(view: ArticleView) -> tuple[tuple[int, ...], ...]:
    """A view's place in a language or entity feed: its article's date (as the translated
    feed's place of an article whose gloss gives no day)."""
    return listed_when(None, view.article.date)


def newest(
    config: SiteConfig,
    lang: str,
    views: Iterable[ArticleView],
    limit: int = MAX_ENTRIES,
    when: When = by_date,
) -> list[ArticleView]:
    """The `limit` articles a feed shows (atom_xml's order, `when` as their entries'
    listed and published dates say), chosen before making entries."""

    # Making an entry joins the article's whole HTML: for every article, that was most of
    # the time of the feeds of a large archive.
    def order(view: ArticleView) -> tuple[tuple[tuple[int, ...], ...], str]:
        # The URL the entry links: the Arabic page while nothing of it is translated.
        url = urls.absolute(config, article_path(lang, view))
        return (when(view), url)

    # The URL breaks ties of a date: only articles dated on or after the limit-th newest
    # date can be chosen, and only theirs are made (making all took 0.3 s at 20,000 articles).
    views = list(views)
    dates = heapq.nlargest(limit, (when(view) for view in views))
    if len(dates) == limit:
        views = [view for view in views if when(view) >= dates[-1]]
    return heapq.nlargest(limit, views, key=order)


def newest_listed(
    config: SiteConfig,
    lang: str,
    stories: Sequence[str],
    views: Mapping[str, ArticleView],
    limit: int = MAX_ENTRIES,
    when: When = by_date,
) -> list[ArticleView]:
    """newest() of the views of `stories` listed newest first (in site order, or the
    translated list's with `when` when_translated). Only the first `limit` and those of the
    same date as the last of them can be among the feed's (the feed orders one date's
    articles by URL, the site by story), so no other view is looked up: an edit loads each
    view it looks up, and a common entity names thousands."""
    chosen = [views[story] for story in stories[:limit]]
    if len(chosen) == limit:
        last = when(chosen[-1])
        for story in stories[limit:]:
            view = views[story]
            if when(view) != last:
                break
            chosen.append(view)
    return newest(config, lang, chosen, limit, when)


def language_feed(
    site: Site,
    lang: str,
    strings: Strings,
    entry: EntryOf = entry_of,
    xml: Callable[[Feed], bytes] = atom_xml,
) -> OutputFile:
    """The feed of every article page of one language (the dev server passes memoised makers)."""
    config, context = site.config, entry_context(site, strings)
    feed = Feed(
        lang=lang,
        title=config.title_ar if lang == "ar" else config.title_en,
        subtitle=config.description_ar if lang == "ar" else config.description_en,
        self_url=urls.absolute(config, urls.feed(lang)),
        feed_id=urls.feed_id(config, urls.feed(lang)),
        page_url=urls.absolute(config, urls.home(lang)),
        base_url=config.base_url,
        rights=config.rights(lang),
        time_zone=config.time_zone,
        author=config.title_ar if lang == "ar" else config.title_en,
        entries=tuple(entry(lang, context, view) for view in newest(config, lang, site.articles)),
    )
    return OutputFile(urls.feed(lang), xml(feed))


def entity_feeds(
    site: Site, strings: Strings, xml: Callable[[Feed], bytes] = atom_xml
) -> list[OutputFile]:
    """Two feeds per entity, one for each language of its pages: the articles that mention
    it, as each language's feed gives them (at a renamed entity's earlier addresses as well).
    The English one's entries are English (an untranslated article's says so), for the
    subscriber of the English entity page, who was offered only the Arabic feed."""
    context = entry_context(site, strings)
    by_story = site.article_by_story()
    files = []
    for view in site.entities:
        entity, stories = view.entity, backlink_stories(view)
        for lang in urls.LANGS:
            chosen = newest_listed(site.config, lang, stories, by_story, ENTITY_FEED_ENTRIES)
            written = xml(_entity_feed(context, entity, lang, chosen))
            files.append(OutputFile(urls.entity_feed(lang, entity.id), written))
            # A renamed entity's feed stays at its earlier addresses too: a feed reader
            # cannot follow the page's redirect, and its <link rel="self"> gives the new one.
            files += [OutputFile(urls.entity_feed(lang, old), written) for old in entity.moved_from]
    return files


def _entity_feed(
    context: EntryContext, entity: Entity, lang: str, mentioning: Sequence[ArticleView]
) -> Feed:
    """An entity's feed in one language. Summaries only: the full texts are in the language
    feeds, and 300 entities times 50 whole articles made these feeds a third of a large
    site's bytes."""
    config, english = context.config, lang == "en"
    # An entity without an English name yet: its Arabic one, set apart, as its page shows it.
    name = (entity.en or latin_isolated_plain(entity.name_ar)) if english else entity.name_ar
    entry = english_entry if english else arabic_entry
    return Feed(
        lang=lang,
        title=f"{name} · {config.title_en if english else config.title_ar}",
        subtitle=arabic_isolated_plain(entity.description_en or "")
        if english
        else entity.description_ar or "",
        self_url=urls.absolute(config, urls.entity_feed(lang, entity.id)),
        feed_id=urls.feed_id(config, urls.entity_feed(lang, entity.id)),
        page_url=urls.absolute(config, urls.entity(lang, entity.id)),
        base_url=config.base_url,
        rights=config.rights(lang),
        time_zone=config.time_zone,
        author=config.title_en if english else config.title_ar,
        entries=tuple(entry(context, v, with_text=False) for v in mentioning),
    )


def translated_feed(
    site: Site,
    strings: Strings,
    stories: Sequence[str],
    xml: Callable[[Feed], bytes] = atom_xml,
) -> OutputFile:
    """The feed of the translated articles (`stories`, in site order): the newest, each with
    its English title and how much of it is translated. Summaries only, made from what a
    light view holds (no translated text): a full build chooses these entries among every
    article, where the language feeds' whole texts are made only for the newest ones."""
    config, context = site.config, entry_context(site, strings)
    t = strings["en"]
    chosen = newest_listed(config, "en", stories, site.article_by_story(), when=when_translated)
    entries = []
    for view in chosen:
        gloss = view.gloss
        assert gloss is not None  # a translated article has its gloss
        entry = english_entry(context, view, with_text=False)
        # Updated the day its English was published: what is new to an English reader.
        # Its progress as the lists say it: an outdated paragraph counted, not "0 / 13".
        summary = progress_line(gloss, t)
        # Listed by that day; updated then, or when corrected since.
        days = (day for day in (gloss.translated, view.article.updated) if day is not None)
        updated = max(days, key=PartialDate.moment_key, default=None)
        entries.append(replace(entry, summary=summary, updated=updated, listed=gloss.translated))
    feed = Feed(
        lang="en",
        title=f"{t['translated_feed_title']} · {config.title_en}",
        subtitle=config.description_en,
        self_url=urls.absolute(config, urls.translated_feed()),
        feed_id=urls.feed_id(config, urls.translated_feed()),
        page_url=urls.absolute(config, urls.translated()),
        base_url=config.base_url,
        rights=config.rights_en,
        time_zone=config.time_zone,
        author=config.title_en,
        entries=tuple(entries),
    )
    return OutputFile(urls.translated_feed(), xml(feed))


def site_feeds(
    site: Site,
    strings: Strings,
    entry: EntryOf = entry_of,
    xml: Callable[[Feed], bytes] = atom_xml,
) -> list[OutputFile]:
    """The Arabic and English feeds, the translated articles' and one feed per entity."""
    languages = [language_feed(site, lang, strings, entry, xml) for lang in urls.LANGS]
    translated = translated_feed(site, strings, site.translated, xml)
    return [*languages, translated, *entity_feeds(site, strings, xml)]
