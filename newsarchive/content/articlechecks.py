"""An article's own problems, from its text, its blocks and its gloss: the one place they are
found (pure).

The build checks every article it parses; `status` checks the files changed since the last
build (build/progress.py), or every file when there is no build record (glossfiles.py,
load_stories); `gloss` checks every file before it writes any (build/glossarchive.py). Each
of them calls check_article, so a check added here is made by all of them alike, and
`status` says what a cold build says. What needs other articles (a link to an article the
archive lacks, to a page the site does not publish) is not an article's own problem: the
build finds it over the whole archive (links.missing_articles, build/addresscheck.py).

No check may depend on the entities a paragraph names: `status` and `gloss`'s check do not
match names (matching was half the time of `status`), so their blocks have no mentions.
A name removed from the archive (`removed`, content/removednames.py) is looked for by
a matcher of its own, of the entries marked removed alone: the build and `status` pass it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

from ..core.diagnostics import Diagnostic, errors_only
from ..core.model import Article
from .alignedgloss import Gloss
from .articles import parse_article
from .glossalign import align_article
from .links import Linking, LinkNote, link_problems, link_warnings
from .markdown import Block, render_document, with_notes
from .mentionmarks import EntityHref, FindMentions
from .notes import Note
from .removednames import RemovedNames, removed_mentions


class ArticleChecked(NamedTuple):
    """An article as checked: the article and its blocks (None and none when it does not
    parse), its gloss aligned with them, its links and its gloss's, its problems and its
    footnotes (content/notes.py: no paragraphs; a gloss translates them after those)."""

    article: Article | None
    blocks: tuple[Block, ...]
    gloss: Gloss | None
    notes: tuple[LinkNote, ...]
    problems: tuple[Diagnostic, ...]
    footnotes: tuple[Note, ...] = ()

    @property
    def glossed(self) -> tuple[Block, ...]:
        """The blocks its gloss file has a block for: the paragraphs, then the footnotes."""
        return with_notes(self.blocks, self.footnotes)


def check_article(
    rel: str,
    text: str,
    glosses: Mapping[str, str],
    day: datetime.date | None,
    linking: Linking,
    find: FindMentions | None = None,
    href: EntityHref | None = None,
    removed: RemovedNames | None = None,
) -> ArticleChecked:
    """The article file `rel` (relative to content/) with text `text`, parsed, its body
    rendered and its gloss (from `glosses`, by path, if there) aligned with it, and every
    problem of its own: its parse's, its gloss's and its links' (a warning for each photo
    heavy for a phone among them) (`day`: the day its date and its gloss's `translated` may
    not pass by more than one; None: not checked; `linking`: how links are published;
    `find`, `href`: the entities its paragraphs name, for a page; `removed`: the names no
    file may hold, content/removednames.py)."""
    article, found = parse_article(text, rel, day)
    if removed is not None:
        gloss_path = "en/" + rel.removeprefix("ar/")
        found = (*found, *removed_mentions(removed, f"content/{rel}", text))
        if gloss_path in glosses:
            gloss_text = glosses[gloss_path]
            found = (*found, *removed_mentions(removed, f"content/{gloss_path}", gloss_text))
    if article is None:
        return ArticleChecked(None, (), None, (), found)
    if article.withdrawn is not None:
        return _withdrawn(article, glosses, day, found)
    links = linking.of(rel, article.body_line)
    blocks, footnotes = render_document(article.body, find, href, links=links)
    gloss, gloss_found = align_article(glosses, article, blocks, day, linking, footnotes)
    notes = (*(n for b in blocks for n in b.links), *(n for p in gloss.paragraphs for n in p.links))
    problems = (*found, *gloss_found, *link_problems(notes), *link_warnings(notes))
    return ArticleChecked(article, blocks, gloss, notes, problems, footnotes)


def _withdrawn(
    article: Article,
    glosses: Mapping[str, str],
    day: datetime.date | None,
    found: tuple[Diagnostic, ...],
) -> ArticleChecked:
    """A withdrawn article (content/withdrawn.py): no page shows its text, so its body is
    not read (nor its links checked) and its gloss gives its pages only their English title.
    The gloss file's errors count; no warning is given about paragraphs no page shows
    (orphans, outdated, pending), and nothing of it is left to translate."""
    gloss, gloss_found = align_article(glosses, article, (), day)
    gloss = replace(gloss, orphans=(), stale_title=None)
    return ArticleChecked(article, (), gloss, (), (*found, *errors_only(gloss_found)))
