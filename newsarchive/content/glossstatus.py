"""Translation progress: an article's counts of glossed, pending and stale paragraphs, and a
year's sums, for the status pages, the archive lists and `build.py status` (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.model import PartialDate
from .alignedgloss import Gloss
from .gloss import block_named
from .glosstitle import TITLE_ID


@dataclass(frozen=True)
class ArticleStatus:
    """Translation progress of one article."""

    story: str
    done: int
    pending: int
    stale: int
    orphans: tuple[str, ...]
    stale_ids: tuple[str, ...]
    has_file: bool
    stale_prints: tuple[str, ...] = ()  # the Arabic fingerprint each stale block should now carry
    title: str | None = None  # the gloss's English title, if it has one
    # What the translated list is ordered by (an edit's site has the rows, not the views):
    translated: PartialDate | None = None  # the day the English was published, if it says
    date: PartialDate | None = None  # the article's date (None: not asked for)
    # The Arabic headline, which the status pages show while the English title is pending.
    title_ar: str = ""
    # The paragraph each stale id stands for on the pages (None: the title), by index.
    stale_places: tuple[int | None, ...] = ()
    # The day of the article's newest correction, the sitemap's lastmod (an edit's site has
    # the rows, not the views).
    updated: PartialDate | None = None

    @property
    def stale_named(self) -> tuple[str, ...]:
        """The stale ids as messages name them: with the pages' anchor where it differs
        (gloss.block_named)."""
        places = zip(self.stale_ids, self.stale_places, strict=True)
        return tuple(block_named(i, at) for i, at in places)

    @property
    def has_english_page(self) -> bool:
        """As Gloss.has_english_page: a title, a glossed or an outdated paragraph."""
        return self.title is not None or self.done + self.stale > 0

    @property
    def english_page_indexed(self) -> bool:
        """As Gloss.english_page_indexed: an English title or a glossed paragraph."""
        return self.title is not None or self.done > 0

    @property
    def has_translation(self) -> bool:
        """As Gloss.has_translation: a glossed or an outdated paragraph (a stale title is
        counted in `stale` too, but only beside the title it outdates)."""
        return self.done + self.stale - (TITLE_ID in self.stale_ids) > 0


def article_status(
    gloss: Gloss, date: PartialDate | None = None, title_ar: str = ""
) -> ArticleStatus:
    """Counts of glossed, pending and stale paragraphs (a stale title: one more, `title`);
    with the day it was translated and the article's `date`, by which it is listed, and its
    Arabic headline `title_ar`, shown while the English title is pending."""
    title = () if gloss.stale_title is None else ((TITLE_ID, gloss.stale_title, None),)
    stale: tuple[tuple[str, str, int | None], ...] = (
        *title,
        *(
            (p.block_id or "", p.fingerprint, p.index)
            for p in gloss.paragraphs
            if p.state == "stale"
        ),
        # a footnote's: no paragraph of the pages to point to
        *((p.block_id or "", p.fingerprint, None) for p in gloss.notes if p.state == "stale"),
    )
    return ArticleStatus(
        gloss.story,
        gloss.count("done"),
        gloss.count("pending"),
        len(stale),
        gloss.orphans,
        tuple(i for i, _, _ in stale),
        gloss.has_file,
        tuple(fp for _, fp, _ in stale),
        gloss.title,
        gloss.translated,
        date,
        title_ar,
        tuple(at for _, _, at in stale),
    )


@dataclass(frozen=True)
class YearStatus:
    """Translation progress of one year's articles (a row of the status summary)."""

    year: int
    articles: int
    done: int
    pending: int
    stale: int


def year_status(year: int, rows: Sequence[ArticleStatus]) -> YearStatus:
    """The sums of one year's rows."""
    return YearStatus(
        year,
        len(rows),
        sum(row.done for row in rows),
        sum(row.pending for row in rows),
        sum(row.stale for row in rows),
    )
