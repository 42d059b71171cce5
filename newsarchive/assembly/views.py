"""Article views: one article with everything its pages need, made from its parsed blocks,
mentions and gloss; what a view says of its English side and where it is read (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..content.alignedgloss import Gloss
from ..content.gloss import fingerprint
from ..content.glossalign import align
from ..content.glossstatus import ArticleStatus, article_status
from ..content.links import LinkNote
from ..content.markdown import Block
from ..content.notes import Note
from ..content.paragraphprints import paragraph_prints
from ..core import urls
from ..core.model import Article
from ..entities.matcher import Mention
from ..entities.registry import Registry
from .quotes import EXCERPT_WORDS, first_sentences_en_of, first_sentences_of, shorten


@dataclass(frozen=True)
class EntityCount:
    """How often one entity is mentioned (in an article, or alongside another entity)."""

    entity_id: str
    count: int


@dataclass(frozen=True)
class ArticleView:
    """An article with everything its pages need (article_view makes one); only its own pages
    get it whole. Lists, entity pages, status pages and feeds get light views
    (assembly/lightviews.py), without blocks, body or English text: reading those raises."""

    article: Article
    blocks: tuple[Block, ...]
    entity_counts: tuple[EntityCount, ...]  # in order of first mention
    gloss: Gloss | None = None  # the English side; article_view always sets it
    # What lists and entity pages read of the blocks, made with the view: the incremental
    # build's light views (see lightviews.py) carry these without the blocks they come from.
    excerpt: str = ""  # the first words of the body, for lists
    first_sentences: Mapping[str, str] = field(default_factory=dict, hash=False)
    # The same mentions in the English, where their paragraph is translated and names the
    # entity by its registry English name: English entity pages quote these.
    first_sentences_en: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Its article's and gloss's links to other articles' pages, whose existence is the whole
    # archive's check (content/links.py, missing_articles), and to media files, whose change
    # makes it again (build/keptarticles.py): kept with the light view.
    links: tuple[LinkNote, ...] = ()
    footnotes: tuple[Note, ...] = ()  # the Arabic's notes (content/notes.py): no paragraphs
    # Each block's line and a sketch of its words (content/paragraphprints.py): the next
    # build tells from them which paragraph anchors an edit moved. No page shows them, so
    # two views that differ only here are the same to the pages that list them.
    paragraphs: bytes = field(default=b"", compare=False, hash=False)


def excerpt_of(blocks: Sequence[Block]) -> str:
    """The first words of a body, for lists."""
    return shorten(" ".join(b.text for b in blocks[:2]), EXCERPT_WORDS)


def english_names(registry: Registry) -> dict[str, str]:
    """The English name of each entity that has one, by id."""
    return {entity.id: entity.en for entity in registry.entities if entity.en}


def status_of(view: ArticleView) -> ArticleStatus:
    """The article's translation status row, with the dates it is listed by, the headline
    it is named by while its English title is pending and the day it was last corrected."""
    article = view.article
    row = article_status(gloss_of(view), article.date, article.title)
    return row if article.updated is None else replace(row, updated=article.updated)


def count_entities(
    blocks: Sequence[Block], title: Sequence[Mention] = ()
) -> tuple[EntityCount, ...]:
    """Mentions per entity, in order of first mention, the title's first: an article whose
    headline names someone its text does not (ترمب يصل إلى الموصل) is about them too."""
    named = [m.entity_id for m in title] + [m.entity_id for b in blocks for m in b.mentions]
    counts = Counter(named)
    return tuple(EntityCount(entity_id, counts[entity_id]) for entity_id in dict.fromkeys(named))


def article_view(
    article: Article,
    blocks: tuple[Block, ...],
    glosses: Mapping[str, Gloss],
    english: Mapping[str, str],
    title: Sequence[Mention] = (),
    footnotes: tuple[Note, ...] = (),
) -> ArticleView:
    """One article's view: its blocks, entity counts (`title`: the mentions in its title),
    aligned gloss (`english`: the entities' English names, by id) and footnotes. A withdrawn article
    names no entity: its pages show none of its text, and nothing counts it."""
    gloss = _gloss_of(article, blocks, glosses)
    counts = count_entities(blocks, title) if article.withdrawn is None else ()
    return ArticleView(
        article,
        blocks,
        counts,
        gloss,
        excerpt_of(blocks),
        first_sentences_of(blocks),
        first_sentences_en_of(blocks, gloss, english),
        footnotes=footnotes,
        paragraphs=paragraph_prints((article.body_line + b.line, b.text) for b in blocks),
    )


def gloss_of(view: ArticleView) -> Gloss:
    """The view's gloss (all pending if the view was assembled without one)."""
    if view.gloss is not None:
        return view.gloss
    return _gloss_of(view.article, view.blocks, {})


def has_english_page(view: ArticleView) -> bool:
    """Whether the article has an English page (something of it is translated; a withdrawn
    article always has one, which says so in English)."""
    return view.article.withdrawn is not None or gloss_of(view).has_english_page


def article_langs(view: ArticleView) -> tuple[str, ...]:
    """The languages the article has a page in."""
    return urls.LANGS if has_english_page(view) else ("ar",)


def article_path(lang: str, view: ArticleView) -> str:
    """Where an article is read in `lang`: its English page, or the Arabic one while nothing
    of it is translated (lists and feeds never point to a page that does not exist)."""
    shown = lang if lang == "ar" or has_english_page(view) else "ar"
    return urls.article(shown, view.article.story)


def _gloss_of(article: Article, blocks: Sequence[Block], glosses: Mapping[str, Gloss]) -> Gloss:
    """The article's aligned gloss; all pending when it has no gloss file."""
    found = glosses.get(article.story)
    return found or align(
        article.story, [fingerprint(b.text_with_references) for b in blocks], None
    )
