"""The addresses a build takes away because an article's file is gone (I/O: the record's
snapshot, the published site).

`move` keeps an article's old address answering (moved_from); a file renamed or deleted by
hand takes its pages away, and every link readers, other sites and search engines hold to
them answers "page not found". Deleting an article is the editors' right, so the build says
it once, as the entity pages gone are said (registryedit.entity_pages_gone): a warning
beside the summary, not kept in the record (a cold build of the same content, which removes
nothing, would not say it). When a new article has the gone one's headline and date, it is
most likely the same one renamed, and the warning gives the `moved_from` line to add.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.movedfrom import MOVED_FROM
from ..core import urls
from ..core.diagnostics import Diagnostic
from ..core.model import Article, PartialDate
from . import cache, snapshotfile
from .inputfiles import story_of

# What every such warning says (the edit-sequence checker leaves them out: a cold build of
# the same content, which takes nothing away, does not say them).
NOW_NOT_FOUND = 'now answer "page not found"'


@dataclass(frozen=True)
class Gone:
    """An article the last build published whose file is gone: its file (content/ar/…),
    story, published pages, and its headline, date and earlier stories as the last build
    read them (no headline when its snapshot is not there to say)."""

    file: str
    story: str
    pages: tuple[str, ...]
    title: str | None = None
    date: PartialDate | None = None
    earlier: tuple[str, ...] = ()


def articles_gone(
    record: cache.Record, inputs: cache.Inputs, out_dir: Path, snapshot: snapshotfile.LoadedOnce
) -> tuple[Gone, ...]:
    """The articles of the last build whose file is gone now, the site folder being the one
    it left (read before the record is forgotten and the site replaced)."""
    files = sorted(
        name
        for name in record.files.keys() - inputs.files.keys()
        if name.startswith("content/ar/") and story_of(name) is not None
    )
    if not files:
        return ()
    loaded = snapshot()
    found = []
    for file in files:
        story = story_of(file) or ""
        pages = tuple(
            urls.article(lang, story)
            for lang in urls.LANGS
            if (out_dir / urls.output_path(urls.article(lang, story))).is_file()
        )
        gone = Gone(file, story, pages)
        try:
            article = loaded.view(story).article if loaded else None
        except (KeyError, snapshotfile.SnapshotDamaged):
            article = None
        if article is not None:
            earlier = tuple(e.story for e in article.moved_from)
            gone = Gone(file, story, pages, article.title, article.date, earlier)
        found.append(gone)
    return tuple(found)


def addresses_gone(
    gone: Iterable[Gone], articles: Iterable[Article], before: Mapping[str, object]
) -> tuple[Diagnostic, ...]:
    """A warning for each gone article whose address no article now leads on from
    (`moved_from`), at the new article (not in the record's files, `before`) with its
    headline and date when there is one, saying the line to add; else at the gone file."""
    articles = list(articles)
    leading = {earlier.story for article in articles for earlier in article.moved_from}
    new = [a for a in articles if f"content/{a.path}" not in before]
    warnings = []
    for each in gone:
        if each.story in leading or not each.pages:
            continue
        pages = " and ".join(each.pages)
        if each.earlier:  # the pages that led on to it go too
            earlier = ", ".join(urls.article("ar", story) for story in each.earlier)
            pages += f"; and {earlier}, which led to it"
        are = "address goes" if len(each.pages) == 1 else "addresses go"
        lost = (
            f"its {are} with this build ({pages}): the links readers, other sites and "
            f"search engines hold to it {NOW_NOT_FOUND}"
        )
        same = [a for a in new if (a.title, a.date) == (each.title, each.date)]
        if len(same) != 1:
            line = _moved_from((*each.earlier, each.story))
            message = (
                f"{each.file} is gone, and {lost}. Deleted on purpose: nothing is to do. "
                f"Renamed: add `{line}` to the renamed file's front matter, and the old "
                "address leads there (`build.py move` renames an article and adds it)"
            )
            warnings.append(Diagnostic(each.file, 1, message, "warning"))
            continue
        renamed = same[0]
        kept = [earlier.story for earlier in renamed.moved_from]  # the line then holds both
        line = _moved_from((*kept, *each.earlier, each.story))
        message = (
            f"this article has the headline and date of {each.file}, which is gone: if it is "
            f"that one renamed by hand, {lost}. Add `{line}` to this file's front matter, "
            "and the old address leads here (next time, `build.py move` renames an article "
            "and adds it)"
        )
        warnings.append(Diagnostic(f"content/{renamed.path}", 1, message, "warning"))
    return tuple(warnings)


def _moved_from(stories: Iterable[str]) -> str:
    """The front-matter line that leads these stories' addresses to an article."""
    return f"{MOVED_FROM}: {json.dumps(list(dict.fromkeys(stories)), ensure_ascii=False)}"
