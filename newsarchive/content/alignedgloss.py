"""An article's English gloss aligned with its Arabic paragraphs: the values the English
page, the feeds, status and search read, and what they ask of them (pure).

glossalign makes them from a parsed gloss file (gloss.py) and the article's paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..core.model import PartialDate
from .links import LinkNote

# "figure": a block with no text to translate (an image on its own): the English page shows
# it as the Arabic one does, and it counts neither as translated nor as pending.
State = Literal["done", "pending", "stale", "figure"]
ENGLISH_STATES = ("done", "stale")  # a paragraph whose English a reader can read


@dataclass(frozen=True)
class GlossParagraph:
    """The English side of one Arabic paragraph."""

    index: int  # the Arabic block index
    state: State
    block_id: str | None  # None: the gloss file has no block for it yet
    text: str  # the English as a reader sees it, without its Markdown ("" when pending)
    fingerprint: str  # of the Arabic paragraph as it is now
    html: str = ""  # the English text rendered
    links: tuple[LinkNote, ...] = ()  # its links and images worth reporting (links.py)


@dataclass(frozen=True)
class Gloss:
    """An article's English gloss aligned with its Arabic paragraphs."""

    story: str
    title: str | None
    translator: str | None
    status: str
    paragraphs: tuple[GlossParagraph, ...]
    orphans: tuple[str, ...]  # ids of blocks whose Arabic paragraph is gone
    has_file: bool
    stale_title: str | None = None  # the Arabic title's fingerprint now, if the English is stale
    translated: PartialDate | None = None  # the day the English was published, if it says
    authors: tuple[str, ...] = ()  # the byline in English, as the translator wrote it
    notes: tuple[GlossParagraph, ...] = ()  # the English of the Arabic's footnotes, in order

    def count(self, state: State) -> int:
        """How many paragraphs and footnotes are in `state`."""
        return sum(1 for p in (*self.paragraphs, *self.notes) if p.state == state)

    @property
    def to_translate(self) -> int:
        """How many paragraphs and footnotes have text to translate (all but figures): the
        total of "3 / 5 paragraphs translated"."""
        return len(self.paragraphs) + len(self.notes) - self.count("figure")

    @property
    def has_english_page(self) -> bool:
        """Whether the article gets an English page: only once it has English text (a title,
        a glossed or an outdated paragraph). An empty companion would only say "pending";
        the Arabic page links none then."""
        return self.title is not None or any(p.state in ENGLISH_STATES for p in self.paragraphs)

    @property
    def english_page_indexed(self) -> bool:
        """Whether search engines are offered the English page (the sitemap, the Arabic
        page's hreflang): once it has an English title or a glossed paragraph. A page of
        outdated paragraphs only is noindex (article_en.html), and a crawler told of a page
        it must not index reports the site's sitemap and hreflang as wrong."""
        return self.title is not None or self.count("done") > 0

    @property
    def has_translation(self) -> bool:
        """Whether an English reader has text to read: a glossed or an outdated paragraph (a
        title alone leaves every paragraph in Arabic). The translated list holds these."""
        return any(p.state in ENGLISH_STATES for p in self.paragraphs)

    @property
    def fully_translated(self) -> bool:
        """Whether title and every paragraph are in English and none is outdated."""
        return (
            self.title is not None
            and self.stale_title is None
            and all(p.state in ("done", "figure") for p in (*self.paragraphs, *self.notes))
        )


def paragraph_runs(paragraphs: Sequence[GlossParagraph]) -> list[tuple[GlossParagraph, ...]]:
    """The gloss's paragraphs in order, each pending one with those pending after it: a run
    of untranslated paragraphs is one note on the English page, not the same line for each."""
    runs: list[tuple[GlossParagraph, ...]] = []
    for paragraph in paragraphs:
        if runs and paragraph.state == runs[-1][-1].state == "pending":
            runs[-1] = (*runs[-1], paragraph)
        else:
            runs.append((paragraph,))
    return runs
