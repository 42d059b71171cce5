"""Tags: an article's `tags` front matter → the tags as shown, with their problems, and the
key that says which spellings are one tag (pure).

A tag is shown as the editor wrote it, without a hashtag's `#` and with its `_` read as the
space it stands for (`#موانئ_العراق` is shown `موانئ العراق`). Two spellings are one tag when
their keys are equal: the matcher's key of each word (hamza seats, ى/ي, ة/ه, Persian and
Kurdish letters, diacritics and tatweel folded, Latin case ignored), without a word's
leading `ال` (`الاقتصاد` and `اقتصاد`). The key is for matching only, never shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..core.arabic import ARTICLE, to_key
from ..core.diagnostics import Diagnostic
from ..core.yamldoc import Node

TAGS = "tags"
# A section or a running story's name: a tag longer than this is a sentence pasted by mistake.
MAX_TAG_LENGTH = 40


def shown_tag(written: str) -> str:
    """The tag as pages show it: no leading `#`, `_` read as a space, spaces collapsed."""
    return " ".join(written.lstrip("#").replace("_", " ").split())


def tag_key(tag: str) -> str:
    """The form two spellings of one tag share (matching only, never shown)."""
    words = (to_key(word) for word in shown_tag(tag).split())
    return " ".join(_without_article(word) for word in words)


def _without_article(key: str) -> str:
    bare = key.removeprefix(ARTICLE)
    return bare if len(bare) >= 2 else key  # `ال` alone, or `الم`, stays a word


def parse_tags(
    node: Node | None, path: str, errors: list[Diagnostic]
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """The article's tags as shown (one text, or a list of them), each once; errors (a tag
    that is not text, empty or too long) are added to `errors` at the tag's line; the
    warnings (one tag spelled two ways in the article) are returned."""
    if node is None or node.value is None:
        return (), ()
    items = node.value if isinstance(node.value, list) else [node]
    tags: list[str] = []
    first: dict[str, str] = {}  # key → the spelling the article used first
    warnings: list[Diagnostic] = []
    for item in items:
        if not isinstance(item.value, str):
            message = f"'{TAGS}' must be a list of text: this tag is a list or a mapping"
            errors.append(Diagnostic(path, item.line, message))
            continue
        tag = shown_tag(item.value)
        if not tag:
            errors.append(Diagnostic(path, item.line, f"'{TAGS}': a tag must not be empty"))
        elif len(tag) > MAX_TAG_LENGTH:
            opening = tag[:MAX_TAG_LENGTH].rstrip()
            message = (
                f"'{TAGS}': the tag '{opening}…' is {len(tag)} characters long;"
                f" a tag names a section or a story in at most {MAX_TAG_LENGTH}"
            )
            errors.append(Diagnostic(path, item.line, message))
        elif (key := tag_key(tag)) in first:
            if first[key] != tag:
                message = (
                    f"'{TAGS}': '{tag}' is the tag '{first[key]}' spelled another way;"
                    " it is shown once, as first written"
                )
                warnings.append(Diagnostic(path, item.line, message, "warning"))
        else:
            first[key] = tag
            tags.append(tag)
    return tuple(tags), tuple(warnings)


@dataclass(frozen=True)
class TagCount:
    """One tag across the archive: the spelling most articles use, how many articles carry
    it, and each spelling with its number of articles, the most used first."""

    shown: str
    articles: int
    spellings: tuple[tuple[str, int], ...]


def tag_counts(tag_lists: Iterable[Sequence[str]]) -> list[TagCount]:
    """The tags of these articles (each its tags as shown), the most used first: the list
    where an editor sees one tag written two ways."""
    by_key: dict[str, Counter[str]] = {}
    for tags in tag_lists:
        for tag in tags:
            by_key.setdefault(tag_key(tag), Counter())[tag] += 1
    counts = []
    for spellings in by_key.values():
        ranked = tuple(sorted(spellings.items(), key=lambda item: (-item[1], item[0])))
        counts.append(TagCount(ranked[0][0], sum(spellings.values()), ranked))
    return sorted(counts, key=lambda count: (-count.articles, count.shown))
