"""Gloss files whose Arabic article is missing: an error naming the article each most likely
belongs to (an article moved or renamed by hand without its gloss) (pure)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from difflib import get_close_matches

from ..core.diagnostics import Diagnostic
from ..core.model import story_of_path


def stray_glosses(glosses: Iterable[str], stories: Collection[str]) -> tuple[Diagnostic, ...]:
    """An error for every gloss file (its path relative to content/) whose story is not
    among `stories`, naming the article it most likely belongs to (moved by hand without
    its gloss)."""
    files = set(glosses)
    return tuple(
        Diagnostic("content/" + rel, 1, _stray_message(story_of_path(rel), stories, files))
        for rel in sorted(files)
        if story_of_path(rel) not in stories
    )


def _stray_message(story: str, stories: Collection[str], glosses: Collection[str]) -> str:
    message = f"no Arabic article at content/ar/{story}.md for this gloss"
    likely = likely_story(story, stories)
    if likely is None:
        return message + (
            "; if the article was deleted, delete this gloss too; if it was moved, move this"
            " gloss to the same path under content/en/"
        )
    if f"en/{likely}.md" in glosses:  # moving this one there would overwrite a translation
        return (
            f"{message}; it seems to belong to content/ar/{likely}.md, whose gloss "
            f"content/en/{likely}.md exists already (an editor saved this copy after a move?): "
            "copy the English you need from this file into that one, then delete this file"
        )
    return (
        f"{message}; it seems to belong to content/ar/{likely}.md: move it to"
        f" content/en/{likely}.md (`python build.py move` moves an article and its gloss together)"
    )


def likely_story(story: str, stories: Collection[str]) -> str | None:
    """The story a lost gloss belongs to: one of the same slug elsewhere, else the closest
    slug in the same folder."""
    slug = story.rsplit("/", 1)[-1]
    same = sorted(s for s in stories if s.rsplit("/", 1)[-1] == slug)
    if same:
        return same[0]
    folder = story.rsplit("/", 1)[0]
    near = [s for s in stories if s.rsplit("/", 1)[0] == folder]
    close = get_close_matches(story, near, n=1, cutoff=0.8)
    return close[0] if close else None
