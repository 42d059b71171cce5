"""Feed entries: what one article says to a feed's subscriber, in Arabic or in English,
with its text or (for the entity and translated feeds, made from light views) without (pure).
feeds.py chooses which articles each feed shows; atom.py writes them as XML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from markupsafe import escape

from ..assembly.metadata import byline
from ..assembly.quotes import shorten
from ..assembly.site import Site
from ..assembly.views import ArticleView
from ..content.alignedgloss import Gloss, paragraph_runs
from ..content.bidi import (
    arabic_isolated_plain,
    english_title_plain,
    isolate_latin,
    latin_isolated_plain,
)
from ..content.mediaclips import labelled_downloads
from ..content.notes import references_to
from ..core import urls
from ..core.model import Article, SiteConfig
from ..entities.registry import Registry
from .atom import FeedEntry
from .corrections import corrections_html
from .enclosures import enclosures
from .environment import Strings
from .feednotes import arabic_notes_html, english_notes_html, original_link

SUMMARY_WORDS = 40  # of an English entry's translated text: the feed reader's preview, cut with "…"


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
