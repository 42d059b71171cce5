"""Article pages of both languages: the Arabic text with its entity sidebar, and the
English gloss page beside it (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..assembly import metadata
from ..assembly.quotes import EXCERPT_WORDS, shorten
from ..assembly.searchtext import (
    EVERY_PAGE,
    KEY_MARKER,
    OUTDATED,
    PENDING,
    article_key_text,
    date_attributes,
    english_key_text,
    with_paragraph_end,
)
from ..assembly.views import ArticleView, article_langs, gloss_of, has_english_page
from ..content.alignedgloss import ENGLISH_STATES, GlossParagraph, paragraph_runs
from ..content.bidi import isolate_latin
from ..content.markdown import as_block, with_anchor
from ..content.mediaclips import labelled_downloads
from ..content.notes import ENGLISH_REFERENCE, with_back_link
from ..core import urls
from ..core.model import OutputFile
from ..entities.registry import ENTITY_TYPES, Entity
from .articleinputs import ArticleInputs
from .corrections import corrections_html
from .redirects import render_redirects
from .renderer import Renderer
from .withdrawn import render_withdrawn


def render_articles(r: Renderer, lang: str) -> list[OutputFile]:
    """The article pages of one language that the renderer renders (in English, only those
    of articles with something translated), with the pages at their earlier addresses, each
    with its search record when the site has a search index. They read no more of the site
    than their own article (ArticleInputs)."""
    views = [
        view
        for view in r.own_pages()
        if (lang == "ar" or has_english_page(view))
        and r.wants(urls.article(lang, view.article.story))
    ]
    own = ArticleInputs(r)
    pages = [_page(own, view, lang) for view in views]
    pages += [file for view in views for file in render_redirects(own, view, lang)]
    if not own.config.search:
        return pages
    indexed = (view for view in views if view.article.withdrawn is None)
    return [*pages, *(render_record(own, view, lang) for view in indexed)]


def article_files(r: Renderer, view: ArticleView) -> tuple[list[OutputFile], list[OutputFile]]:
    """One article's pages, in each language it has one in, with those at its earlier
    addresses, and their search records (none without a search index). They read no more of
    the site than their own article (ArticleInputs)."""
    own = ArticleInputs(r)
    langs = article_langs(view)
    pages = [_page(own, view, lang) for lang in langs]
    pages += [file for lang in langs for file in render_redirects(own, view, lang)]
    search = own.config.search and view.article.withdrawn is None  # no withdrawn text found
    return pages, [render_record(own, view, lang) for lang in langs] if search else []


def _page(r: ArticleInputs, view: ArticleView, lang: str) -> OutputFile:
    """An article's page in `lang`: its text, or a withdrawn article's notice."""
    if view.article.withdrawn is not None:
        return render_withdrawn(r, view, lang)
    return _RENDER[lang](r, view)


def sidebar_groups(
    view: ArticleView, by_id: Mapping[str, Entity]
) -> list[tuple[str, list[tuple[Entity, int]]]]:
    """The article's entities grouped by type, in registry type order."""
    groups = []
    for kind in ENTITY_TYPES:
        members = [
            (by_id[c.entity_id], c.count)
            for c in view.entity_counts
            if c.entity_id in by_id and by_id[c.entity_id].type == kind
        ]
        if members:
            groups.append((kind, members))
    return groups


def article_meta(
    r: ArticleInputs, view: ArticleView, lang: str, title: str | None, translated: bool
) -> dict[str, Any]:
    """JSON-LD, description, citation and correction notes of one article page (either
    language)."""
    config = r.config
    story = view.article.story
    url = urls.absolute(config, urls.article(lang, story))
    other = "en" if lang == "ar" else "ar"
    source_name = view.article.source.name if view.article.source else None
    # The entities are named in the original's record only: the English page is its
    # translation (translationOfWork), and saying them again cost 0.2 KB an article.
    named = [c.entity_id for c in view.entity_counts] if lang == "ar" else []
    mentions = metadata.mentioned_entities(
        named, r.by_id.get, lambda entity_id: urls.absolute(config, urls.entity(lang, entity_id))
    )
    translation = (other, urls.absolute(config, urls.article(other, story))) if translated else None
    shown_source = r.english_name(source_name) if lang == "en" else None  # as the page says
    authors = byline(r, view, lang)
    cite = metadata.article_citation(config, view, r.english_name, lang)

    def absolute(file: str) -> str:
        return urls.absolute(config, file)

    data = metadata.article_jsonld(
        config,
        view.article,
        lang,
        title,
        url,
        mentions,
        translation,
        shown_source,
        authors,
        cite.translator,
        # The photos the page shows: the English page shows the Arabic page's (and those
        # its gloss shows instead).
        metadata.images_jsonld(view.links, absolute),
    )
    return {
        "jsonld": metadata.dump_jsonld(data),
        "share_image": metadata.share_image(view.links, absolute),
        "description": view.excerpt if lang == "ar" else _english_excerpt(view),
        "cite": cite,
        "byline": authors,
        "corrections": corrections_html(view.article, lang, r.strings[lang]),
    }


def byline(r: ArticleInputs, view: ArticleView, lang: str) -> tuple[str, ...]:
    """The article's byline as its page in `lang` gives it (metadata.byline)."""
    return metadata.byline(view.article.authors, gloss_of(view).authors, r.english_name, lang)


def render_article(r: ArticleInputs, view: ArticleView) -> OutputFile:
    """The Arabic page of one article."""
    story = view.article.story
    english = has_english_page(view)
    # Without an English page, no hreflang twin: the language switch leads to the English home.
    # Nor while the English page is noindex: hreflang must not name a page not to index.
    twin: dict[str, Any] = {} if gloss_of(view).english_page_indexed else {"alternates": ()}
    back, download = r.strings["ar"]["note_back"], r.strings["ar"]["download_clip"]

    def context() -> dict[str, Any]:
        return dict(
            view=view,
            english=english,
            groups=sidebar_groups(view, r.by_id),
            blocks=[
                labelled_downloads(
                    with_anchor(isolate_latin(block), urls.paragraph_anchor(block.index)), download
                )
                for block in view.blocks
            ],
            notes=[
                (
                    n.number,
                    with_back_link(
                        isolate_latin(as_block(n)), "ar", n.number, back.format(n=n.number)
                    ),
                )
                for n in view.footnotes
            ],
            switch_path=urls.article("en", story) if english else urls.home("en"),
            dateline_path=r.place_path(view.article.dateline, "ar"),
            **twin,
            **article_meta(r, view, "ar", view.article.title, translated=english),
        )

    return r.derived_page("article.html", "ar", urls.article("ar", story), context)


def render_article_en(r: ArticleInputs, view: ArticleView) -> OutputFile:
    """The English page of one article: glossed, pending and outdated paragraphs."""
    # A noindex page (outdated paragraphs only) names no hreflang twin; its switch still
    # leads to the Arabic page.
    indexed = gloss_of(view).english_page_indexed
    twin: dict[str, Any] = (
        {} if indexed else {"alternates": (), "switch_path": urls.article("ar", view.article.story)}
    )

    download = r.strings["en"]["download_clip"]
    paragraphs = [_downloads_labelled(p, download) for p in gloss_of(view).paragraphs]

    def context() -> dict[str, Any]:
        source = view.article.source
        return dict(
            view=view,
            **twin,
            # What a copy of article_en.html made before outlet() reads.
            source_en=r.english_name(source.name) if source else None,
            dateline_en=r.english_name(view.article.dateline),
            # The original's address, printed beside the link to it (paper has no links).
            original_url=urls.absolute(r.config, urls.article("ar", view.article.story)),
            dateline_path=r.place_path(view.article.dateline, "en"),
            tags_en=[(tag, r.english_name(tag)) for tag in view.article.tags],
            groups=sidebar_groups(view, r.by_id),
            runs=paragraph_runs(paragraphs),
            notes=_english_notes(view, r.strings["en"]["note_back"]),
            # An image on its own is shown as on the Arabic page (its alt text in Arabic),
            # a recording's download link said in English.
            figures={
                p.index: labelled_downloads(view.blocks[p.index].html, download, "en")
                for p in gloss_of(view).paragraphs
                if p.state == "figure"
            },
            # No headline while the English title is pending (metadata.article_jsonld).
            **article_meta(r, view, "en", _english_title(view), translated=True),
        )

    return r.derived_page("article_en.html", "en", urls.article("en", view.article.story), context)


def _downloads_labelled(paragraph: GlossParagraph, label: str) -> GlossParagraph:
    """An English paragraph whose recordings' download links say so in English."""
    html = labelled_downloads(paragraph.html, label)
    return paragraph if html == paragraph.html else replace(paragraph, html=html)


def render_record(r: ArticleInputs, view: ArticleView, lang: str) -> OutputFile:
    """The search record of an article's page in one language (search_record.html): what
    Pagefind indexes of it, as the search results show it."""
    article = view.article
    source = article.source.name if article.source else None
    names = [
        (kind, entity.name_ar if lang == "ar" else entity.en or entity.name_ar)
        for kind, members in sidebar_groups(view, r.by_id)
        for entity, _ in members
    ]
    turns: list[int] = []  # the paragraphs where the text turns outdated, or current again
    if lang == "ar":
        title = article.title
        # The notes too: a source cited only in a note finds the article.
        blocks = (*view.blocks, *map(as_block, view.footnotes))
        text = [with_paragraph_end(_without_images(b.html), b.text) for b in blocks]
        key_text = article_key_text(view, r.by_id)
    else:
        gloss = gloss_of(view)
        title = gloss.title or ""
        # What the page shows in English: the glossed paragraphs and the outdated ones, which
        # it shows marked as such, and so does a result whose excerpt is cut from one.
        english = [p for p in gloss.paragraphs if p.state in ENGLISH_STATES]
        # Then the notes shown in English: a source cited only in a note finds the page.
        notes = [p for p in gloss.notes if p.state in ENGLISH_STATES]
        text = [with_paragraph_end(_without_images(p.html), p.text) for p in (*english, *notes)]
        stale = [p.state == "stale" for p in (*english, *notes)]
        turns = [at for at, now in enumerate(stale) if now != (at > 0 and stale[at - 1])]
        source = r.english_name(source) or source
        shown = [title, *(p.text for p in english)]
        key_text = english_key_text(view, r.by_id, shown, [p.index for p in english])
        # A result is all a reader sees of it: it says what the page says of its title.
        if not gloss.title:
            title = f"{PENDING} {article.title}"
        elif gloss.stale_title:
            title = f"{OUTDATED} {title}"
    return r.record(
        lang,
        urls.article(lang, article.story),
        title=title,
        date=article.date.display(lang),
        date_attributes=date_attributes(article.date),
        source=source,
        authors=byline(r, view, lang),
        # The tags are Arabic, and both pages lead to the Arabic search, which lists every
        # article (the English one only those translated).
        tags=article.tags if lang == "ar" else (),
        names=names,
        text=text,
        turns=turns,
        turn_marker=OUTDATED,
        key_marker=KEY_MARKER,
        every_page=EVERY_PAGE,
        key_text=key_text,
    )


# An image in the text (content/links.py). Its description is read to readers who cannot see
# it, but it is no words of the paragraph: the key copy, excerpts and the entity matcher read
# the paragraph's text without it, so the record leaves the image out too. Pagefind would
# otherwise take the first image of a page as the result's `image` and `image_alt`, and it
# searches every meta field: a word of a description would find the article, a hit the
# search page's own check of the text could not confirm (tests/test_search_precision.py).
# With it goes the link to a resized photo's original that holds only the image.
_IMAGE = re.compile(r'<a href="[^"]*"><img [^>]*></a>|<img [^>]*>')


def _without_images(html: str) -> str:
    return _IMAGE.sub("", html) if "<img " in html else html


_RENDER = {"ar": render_article, "en": render_article_en}


def _english_notes(view: ArticleView, back: str) -> list[tuple[int, str, str]]:
    """(number, state, HTML) of each of the English page's notes; a note shown has a back
    link to its first reference where the page shows one (a pending paragraph has none)."""
    gloss = gloss_of(view)
    cited = {int(n) for p in gloss.paragraphs for n in ENGLISH_REFERENCE.findall(p.html)}
    notes: list[tuple[int, str, str]] = []
    for number, note in enumerate(gloss.notes, start=1):
        html = note.html
        if note.state in ENGLISH_STATES and number in cited:
            html = with_back_link(html, "en", number, back.format(n=number))
        notes.append((number, note.state, html))
    return notes


def _english_excerpt(view: ArticleView) -> str:
    """The opening of the English gloss; empty (the site description) while it is pending."""
    done = [p.text for p in view.gloss.paragraphs if p.state == "done"] if view.gloss else []
    return shorten(" ".join(done), EXCERPT_WORDS) if done else ""


def _english_title(view: ArticleView) -> str | None:
    return view.gloss.title if view.gloss else None
