"""What `export` says of each published article (pure): its pages' citations, made by the
one function that makes the pages' own (metadata.article_citation), and the rest of its
metadata (place, entities named, translation progress, corrections, withdrawal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import Correction, PartialDate, SiteConfig, Withdrawal
from ..entities.registry import Registry
from .metadata import Citation, article_citation
from .views import ArticleView, gloss_of, has_english_page


@dataclass(frozen=True)
class NamedEntity:
    """An entity an article names, as the registry gives it, with how often it is named."""

    id: str
    type: str
    name_ar: str
    name_en: str | None  # None while the registry has no English name
    count: int


@dataclass(frozen=True)
class ExportRecord:
    """One article as every export format gives it."""

    story: str  # 2020/11/slug: the article's files and addresses are named by it
    cite_ar: Citation  # the Arabic page's citation (its permalink the Arabic address)
    cite_en: Citation | None  # the English page's, when the article has one
    place: str | None  # the dateline's place, as written
    place_en: str | None  # its English name, when the registry knows the place
    tags: tuple[str, ...]
    entities: tuple[NamedEntity, ...]  # in order of first mention
    gloss_status: str  # the gloss's `status`: pending, draft or reviewed
    glossed: int  # paragraphs translated
    pending: int  # paragraphs not translated yet
    outdated: int  # paragraphs whose Arabic changed since they were translated
    translator: str | None
    translated: PartialDate | None  # the day the English was published, if the gloss says
    corrections: tuple[Correction, ...]  # oldest first
    withdrawn: Withdrawal | None
    source_url: str | None = None  # the outlet's own address, when the article gives it


def export_record(config: SiteConfig, registry: Registry, view: ArticleView) -> ExportRecord:
    """The export record of one article's view."""
    article, gloss = view.article, gloss_of(view)
    english_name: Callable[[str | None], str | None] = registry.english_name
    english = has_english_page(view)
    by_id = registry.by_id()
    return ExportRecord(
        story=article.story,
        cite_ar=article_citation(config, view, english_name, "ar"),
        cite_en=article_citation(config, view, english_name, "en") if english else None,
        place=article.dateline,
        place_en=english_name(article.dateline),
        tags=article.tags,
        entities=tuple(
            NamedEntity(e.id, e.type, e.name_ar, e.en, c.count)
            for c in view.entity_counts
            if (e := by_id.get(c.entity_id)) is not None
        ),
        gloss_status=gloss.status,
        glossed=gloss.count("done"),
        pending=gloss.count("pending"),
        outdated=gloss.count("stale"),
        translator=gloss.translator,
        translated=gloss.translated,
        corrections=article.corrections,
        withdrawn=article.withdrawn,
        source_url=article.source.url if article.source else None,
    )


def export_order(record: ExportRecord) -> tuple[tuple[int, int, int, int], str]:
    """Oldest first, then by address: the same archive always exports the same bytes."""
    return record.cite_ar.published.moment_key(), record.story
