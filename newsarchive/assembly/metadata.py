"""Page metadata: schema.org JSON-LD, Open Graph locales and citation data (pure)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..content.links import LinkNote
from ..core import urls
from ..core.model import Article, PartialDate, SiteConfig
from ..core.moments import rfc3339
from ..entities.registry import Entity
from .views import ArticleView, gloss_of

OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
SCHEMA_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "place": "Place",
    "group": "Organization",
    "event": "Event",
    "other": "Thing",
}
WIKIDATA = "https://www.wikidata.org/wiki/"
# Inside <script>, these three could end the element or start markup; JSON allows \u escapes.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


@dataclass(frozen=True)
class Citation:
    """What a reader needs to cite an article, in both languages: titles, outlet, date, link."""

    title_ar: str
    title_en: str | None  # None while the English title is pending
    source: str | None
    original_url: str | None
    published: PartialDate
    permalink: str
    archive_ar: str
    archive_en: str
    source_en: str | None = None  # the registry's English name of the outlet, if known
    authors_ar: tuple[str, ...] = ()  # the byline, as written
    authors_en: tuple[str, ...] = ()  # the byline as the English page gives it
    translator: str | None = None  # the gloss's translator, when the English page is cited


def byline(
    written: tuple[str, ...],
    translated: tuple[str, ...],
    english_name: Callable[[str], str | None],
    lang: str,
) -> tuple[str, ...]:
    """An article's byline as a page or feed of `lang` gives it: the names as `written`; in
    English as the translator wrote them (the gloss's `author`, when it names as many), else
    each name's English from the registry (a journalist it knows as a person), else the name
    as written."""
    if lang == "ar" or not written:
        return written
    if len(translated) == len(written):  # else a writer added since, or one too many
        return translated
    return tuple(english_name(name) or name for name in written)


def og_locale(lang: str) -> str:
    """og:locale of a page in `lang`. No og:locale:alternate: Open Graph readers fetch the
    same address again asking for the other locale (Facebook's fb_locale), and a page here
    has one language; its translation, at its own address, is named by the hreflang links."""
    return OG_LOCALES[lang]


def dump_jsonld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES:  # str.replace: 20x faster than str.translate here
        text = text.replace(raw, escaped)
    return text


def entity_jsonld(entity: Entity, url: str, lang: str) -> dict[str, Any]:
    """The entity of an entity page as a schema.org Thing: named in the page's language, with
    its name in the other, and linked to Wikidata when known. Its @id is the address the
    articles that mention it refer to (article_jsonld)."""
    name = entity.en if lang == "en" and entity.en else entity.name_ar
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(entity.type, "Thing"),
        "@id": url,
        "name": name,
    }
    others = [n for n in (entity.name_ar, entity.en) if n and n != name]
    if others:
        data["alternateName"] = others
    if entity.wikidata:
        data["sameAs"] = WIKIDATA + entity.wikidata
    return data


def source_jsonld(article: Article, name: str | None = None) -> dict[str, Any] | None:
    """The outlet that first published the article, as a schema.org Organization; `name`:
    the one the page shows (an English page, the registry's English name), the name as
    written in the article then its alternateName."""
    if article.source is None:
        return None
    data: dict[str, Any] = {"@type": "Organization", "name": name or article.source.name}
    if name and name != article.source.name:
        data["alternateName"] = article.source.name
    if article.source.url:
        data["url"] = article.source.url
    return data


def article_jsonld(
    config: SiteConfig,
    article: Article,
    lang: str,
    headline: str | None,
    url: str,
    mentions: Sequence[str],
    translation: tuple[str, str] | None = None,
    source_name: str | None = None,
    authors: Sequence[str] = (),
    translator: str | None = None,
    images: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """schema.org NewsArticle for one page: `mentions` are the addresses of the pages of the
    entities it names; `translation` is (lang, url) of the other version; `source_name` the
    outlet's name as the page shows it, if not as the article writes it; `authors` the
    byline as the page shows it; `translator` who wrote an English page's gloss; `images`
    the photos it shows (images_jsonld).

    `headline` is None for an English page whose title is pending: schema.org's headline is
    text in the work's inLanguage, and the Arabic headline is not English (nor is "English
    title pending" a headline). It is left out, as schema.org leaves out what is not known;
    the original it translates (translationOfWork, its own record at that address) has it,
    in Arabic, marked so."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,  # the page's address, said once (not also as url, mainEntityOfPage)
    }
    if headline:
        data["headline"] = headline
    # ISO 8601 at the known precision: a month-only date stays "2020-11", never "2020-11-01".
    # With its time, when given, and the offset of the site's time zone then.
    data["datePublished"] = rfc3339(article.date, config.time_zone) or article.date.iso()
    if article.updated is not None:  # its newest correction's day (and time)
        updated = article.updated
        data["dateModified"] = rfc3339(updated, config.time_zone) or updated.iso()
    data["inLanguage"] = lang  # the site's name is the page's og:site_name: not repeated here
    if authors:
        data["author"] = [{"@type": "Person", "name": name} for name in authors]
    if translator:  # only an English page whose gloss names one: 41 bytes and the name
        data["translator"] = {"@type": "Person", "name": translator}
    source = source_jsonld(article, source_name)
    if source is not None:
        data["publisher"] = source  # once: sourceOrganization repeated it on every page
    if article.source is not None and article.source.original_url:
        data["isBasedOn"] = article.source.original_url
    if images:  # only a page that shows photos: none is added to the others
        data["image"] = list(images)
    # The original's record only, as its entities are: the English page is its translation
    # (translationOfWork), and shows the tags, in Arabic, as links (about 55 bytes a page).
    if article.tags and lang == "ar":
        data["keywords"] = list(article.tags)
    if config.rights_ar:
        data["license"] = license_address(config, lang)
    if mentions:
        # By reference, as linked data does: each entity is described once, on its own page
        # (entity_jsonld), not again in every article that names it (a tenth of a page).
        data["mentions"] = [{"@id": entity_url} for entity_url in mentions]
    if translation is not None:
        other_lang, other_url = translation
        link = {"@type": "NewsArticle", "@id": other_url, "inLanguage": other_lang}
        # The Arabic article is the original; the English page is its translation (a gloss).
        data["workTranslation" if lang == "ar" else "translationOfWork"] = link
    return data


def images_jsonld(notes: Iterable[LinkNote], address: Callable[[str], str]) -> list[dict[str, Any]]:
    """schema.org ImageObject of each file of content/media/ a page shows (once each, in the
    order shown): the original's `address`, its size as shown, and the photographer
    (creditText) and copyright notice its file gives (content/photocredit.py), which search
    engines show beside the photo and an agency's licence asks to keep with it."""
    found: dict[str, dict[str, Any]] = {}
    for note in notes:
        if not note.file or note.shown == (0, 0) or note.file in found:
            continue
        width, height = note.shown
        image: dict[str, Any] = {"@type": "ImageObject", "contentUrl": address(note.file)}
        image |= {"width": width, "height": height}
        creator, notice = note.credit
        if creator:
            image["creditText"] = creator
        if notice:
            image["copyrightNotice"] = notice
        found[note.file] = image
    return list(found.values())


@dataclass(frozen=True)
class ShareImage:
    """The image a link preview shows for a page (og:image), at its absolute address."""

    url: str
    width: int
    height: int


def share_image(notes: Iterable[LinkNote], address: Callable[[str], str]) -> ShareImage | None:
    """The first photo a page shows that a link preview can show too (LinkNote.preview),
    at its `address`; None when it shows none. A page without one gets no image rather than
    one for the whole site: every page of the archive would carry its 0.1 KB."""
    for note in notes:
        if note.preview is not None:
            copy, width, height = note.preview
            return ShareImage(address(copy), width, height)
    return None


def license_address(config: SiteConfig, lang: str) -> str:
    """What says which reuse is allowed: the licence site.toml names, else the statement on
    the about page. An article's record names it by address, as schema.org's `license` is;
    the statement's text is said once, in the about page's record (about_jsonld): on every
    article page it cost 0.2 KB an article of the site's weight (docs/benchmarks.md)."""
    return config.license_url or urls.absolute(config, urls.about(lang)) + "#rights"


def about_jsonld(config: SiteConfig, lang: str) -> dict[str, Any]:
    """The about page as a schema.org AboutPage of the archive: who publishes it, its rights
    statement (copyrightNotice) and licence, and where its source is."""
    url = urls.absolute(config, urls.about(lang))
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "AboutPage", "@id": url}
    data["inLanguage"] = lang
    site: dict[str, Any] = {
        "@type": "WebSite",
        "@id": urls.absolute(config, urls.home(lang)),
        "name": config.title_ar if lang == "ar" else config.title_en,
    }
    publisher = config.publisher_ar if lang == "ar" else config.publisher_en
    if publisher:
        site["publisher"] = {"@type": "Organization", "name": publisher}
    if config.rights_ar:
        site["copyrightNotice"] = config.rights(lang)
        site["license"] = license_address(config, lang)
    if config.source_url:
        site["isBasedOn"] = config.source_url
    data["about"] = site
    return data


def citation(
    config: SiteConfig,
    article: Article,
    permalink: str,
    title_en: str | None = None,
    source_en: str | None = None,
    authors_en: tuple[str, ...] = (),
    translator: str | None = None,
) -> Citation:
    """The data of the visible "cite this article" block."""
    source = article.source
    return Citation(
        title_ar=article.title,
        title_en=title_en or None,
        source=source.name if source else None,
        original_url=source.original_url if source else None,
        published=article.date,
        permalink=permalink,
        archive_ar=config.title_ar,
        archive_en=config.title_en,
        source_en=source_en,
        authors_ar=article.authors,
        authors_en=authors_en,
        translator=translator,
    )


def article_citation(
    config: SiteConfig,
    view: ArticleView,
    english_name: Callable[[str | None], str | None],
    lang: str,
) -> Citation:
    """The citation of an article's page in `lang`: the one place it is made, for the page's
    "cite this article" block and for `export` alike, so that they never disagree
    (`english_name`: the registry's English name of an outlet). The translator is named
    when the English page is cited: the Arabic page is the original, which nobody translated."""
    article, gloss = view.article, gloss_of(view)
    source = article.source.name if article.source else None
    return citation(
        config,
        article,
        urls.absolute(config, urls.article(lang, article.story)),
        gloss.title,
        english_name(source),
        byline(article.authors, gloss.authors, english_name, "en"),
        gloss.translator if lang == "en" else None,
    )


def mentioned_entities(
    entity_ids: Sequence[str],
    by_id: Callable[[str], Entity | None],
    url_of: Callable[[str], str],
) -> list[str]:
    """The page URLs of the known entities among `entity_ids`, in the given order."""
    return [url_of(i) for i in entity_ids if by_id(i) is not None]
