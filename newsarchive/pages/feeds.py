"""Atom feeds: which articles each feed shows (one per language, one per entity, the
translated list's) and what their entries say (pure); atom.py writes them as XML."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import escape

from ..assembly.metadata import byline
from ..assembly.quotes import shorten
from ..assembly.site import Site, backlink_stories, listed_when, when_translated
from ..assembly.views import ArticleView, article_path
from ..content.bidi import (
    arabic_isolated_plain,
    english_title_plain,
    isolate_latin,
    latin_isolated_plain,
)
from ..content.gloss import Gloss, paragraph_runs
from ..content.mediaclips import labelled_downloads
from ..content.notes import references_to
from ..core import urls
from ..core.model import Article, OutputFile, PartialDate, SiteConfig
from ..entities.registry import Entity, Registry
from .atom import MAX_ENTRIES, Feed, FeedEntry, atom_xml
from .corrections import corrections_html
from .enclosures import enclosures
from .environment import Strings
from .feednotes import arabic_notes_html, english_notes_html, original_link

SUMMARY_WORDS = 40  # of an English entry's translated text: the feed reader's preview, cut with "…"
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


@dataclass(frozen=True)
class EntryContext:
    """What an article's feed entry says besides the article itself, as its pages say it:
    the registry's English name of its outlet, and the UI strings' words (a feed entry is
    all a subscriber reads of an article)."""

    config: SiteConfig
    registry: Registry
    strings: Strings


def entry_context(site: Site, strings: Strings) -> EntryContext:
    """The context of the entries of a site's feeds."""
    return EntryContext(site.config, site.registry, strings)


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


def arabic_entry(context: EntryContext, view: ArticleView, with_text: bool = True) -> FeedEntry:
    """An Arabic article page as a feed entry; without its text (`with_text` False: the
    entity feeds' summaries, made from light views, which have none)."""
    config, a = context.config, view.article
    # As the page shows it: "U.S." kept whole in the right-to-left paragraph; the
    # corrections under it.
    blocks = "".join(isolate_latin(b) for b in view.blocks) if with_text else ""
    t = context.strings["ar"]
    blocks = labelled_downloads(blocks, t["download_clip"])
    # Under it, as on the page: its footnotes, then its corrections.
    notes = arabic_notes_html(view.footnotes, t["notes"]) if with_text else ""
    notes += corrections_html(a, "ar", t) if with_text else ""
    return FeedEntry(
        # A reader shows title and summary as text, in its own direction (an English reader
        # left to right): set apart, an Arabic headline keeps its order in either.
        title=latin_isolated_plain(a.title),
        url=urls.absolute(config, urls.article("ar", a.story)),
        lang="ar",
        text_lang="ar",
        published=a.date,
        summary=latin_isolated_plain(view.excerpt),
        # Its references lead to the notes on its page.
        html=references_to(blocks, urls.absolute(config, urls.article("ar", a.story))) + notes,
        # Its writers, else the outlet that published it (Atom asks an entry for an author).
        authors=a.authors or ((a.source.name,) if a.source else ()),
        updated=a.updated,
        atom_id=_atom_id(config, "ar", a),
        # Its recordings, for podcast apps: in the language feeds only (enclosures.py).
        enclosures=enclosures(config, view.links, "ar") if with_text else (),
    )


def _atom_id(config: SiteConfig, lang: str, article: Article) -> str:
    """The address of the article's page in `lang` where it was first published, under the
    base the feeds' ids were first made from: it names its feed entries forever."""
    return urls.feed_id(config, urls.article(lang, article.first_story))


def english_entry(context: EntryContext, view: ArticleView, with_text: bool = True) -> FeedEntry:
    """An article as an English subscriber reads it: always in English. With nothing
    translated, a short entry linking the Arabic page ("English title pending", the Arabic
    headline set apart, a line saying it is not translated yet), never the Arabic text an
    English reader cannot read; partly translated, the English page's paragraphs with a
    marker at each gap and each outdated one, under the page's progress line. Its outlet is
    named as the English pages name it: in English, where the registry knows it. Without its
    text (`with_text` False), the translated feed's, made from light views."""
    gloss, a, t = view.gloss, view.article, context.strings["en"]
    english_name = context.registry.english_name
    base = arabic_entry(context, view, with_text=False)
    outlet = (english_name(a.source.name) or a.source.name,) if a.source else ()
    written = byline(a.authors, gloss.authors if gloss else (), english_name, "en")
    # Without an English title the entry says so, as every English page does: the bare
    # Arabic headline passed for the English title of an English entry.
    title = english_title_plain(gloss.title if gloss else None, a.title, t["title_pending"])
    if gloss and gloss.title and gloss.stale_title:
        title = f"{title} {t['title_outdated']}"  # as the English lists
    # The recordings its page plays, heard as they were recorded whatever is translated.
    played = enclosures(context.config, view.links, "en") if with_text else ()
    base = replace(base, title=title, text_lang="en", authors=written or outlet, enclosures=played)
    original = urls.absolute(context.config, urls.article("ar", a.story))
    if gloss is None or not gloss.has_english_page:
        # No English page yet: the entry links the Arabic page, with its address for id. Once
        # something is translated the entry is another, the English page: an English
        # subscriber's reader shows it as new, which is the news for them.
        said = t["feed_not_translated"]
        html = f"<p>{escape(said)} {original_link(original, t['read_original'])}</p>"
        return replace(base, summary=said, html=html if with_text else "")
    progress = progress_line(gloss, t)
    summary = ""
    if with_text:  # a light view keeps no paragraph's text
        done = " ".join(p.text for p in gloss.paragraphs if p.state == "done")
        # Arabic in the English (a name as written) set apart: a figure after it stays after.
        summary = arabic_isolated_plain(shorten(done, SUMMARY_WORDS)) if done else ""
    page = urls.absolute(context.config, urls.article("en", a.story))
    html = _english_html(view, gloss, t, original, progress) if with_text else ""
    html = labelled_downloads(html, t["download_clip"])  # those _english_html did not
    notes = english_notes_html(gloss, t, original) if with_text else ""
    notes += corrections_html(a, "en", t) if with_text else ""
    return replace(
        base,
        url=page,
        lang="en",
        summary=summary or progress,
        html=references_to(html, page) + notes,  # its references lead to the page's notes
        atom_id=_atom_id(context.config, "en", a),
    )


def progress_line(gloss: Gloss, t: Mapping[str, str]) -> str:
    """How much of an article is translated, as its English page and the lists say it ("3 /
    13 paragraphs translated · 1 outdated since the Arabic was edited"), or "Fully
    translated." """
    if gloss.fully_translated:
        return t["fully_translated"]
    said = t["glossed_of"].format(done=gloss.count("done"), total=gloss.to_translate)
    stale = gloss.count("stale")
    return f"{said} · {t['glossed_outdated'].format(n=stale)}" if stale else said


def _english_html(
    view: ArticleView, gloss: Gloss, t: Mapping[str, str], original: str, progress: str
) -> str:
    """The English page's text as a feed reader shows it: its translated paragraphs in order,
    an outdated one after a note saying so, a run of untranslated ones as one bracketed gap
    (a reader would otherwise run p2 into p5 as if nothing were missing), and unless all is
    translated the progress line with a link to the Arabic original above them."""
    parts = []
    download = t["download_clip"]
    if not gloss.fully_translated:
        parts.append(
            f"<p><em>{escape(progress)}</em> {original_link(original, t['read_original'])}</p>"
        )
    for run in paragraph_runs(gloss.paragraphs):
        first = run[0]
        if first.state == "done":
            parts.append(first.html)
        elif first.state == "figure":  # an image on its own, as the page shows it
            shown = labelled_downloads(isolate_latin(view.blocks[first.index]), download, "en")
            parts.append(f'<div lang="ar">{shown}</div>')
        elif first.state == "stale":
            parts.append(f"<p><em>{escape(t['feed_stale'])}</em></p>\n{first.html}")
        else:
            n, last = first.index + 1, run[-1].index + 1
            one, many = t["feed_gap_one"], t["feed_gap_run"]
            gap = one.format(n=n) if n == last else many.format(first=n, last=last)
            label = (
                t["see_original_paragraph"].format(n=n)
                if n == last
                else t["see_original_paragraphs"].format(first=n, last=last)
            )
            link = original_link(f"{original}#p{n}", label)
            parts.append(f"<p><em>{escape(gap)}</em> {link}</p>")
    return "".join(part.rstrip("\n") + "\n" for part in parts)  # a line each, as the page's


def entry_of(lang: str, context: EntryContext, view: ArticleView) -> FeedEntry:
    """The feed entry of an article's page in one language."""
    return arabic_entry(context, view) if lang == "ar" else english_entry(context, view)


EntryOf = Callable[[str, EntryContext, ArticleView], FeedEntry]


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
