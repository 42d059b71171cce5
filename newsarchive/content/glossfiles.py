"""Gloss files on disk: read content/en/**.md, create stubs, add new pending blocks (I/O).

Writes never clobber a translator: a new file is opened with "x", and an update is written
to a temporary file and swapped in only if the file still holds exactly what was read
(rewrite_gloss; `gloss --accept`, which rewrites a file too, is glossaccept's).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import Article, story_of_path
from ..entities.matcher import build_matcher, find_mentions
from ..entities.registry import Registry
from .alignedgloss import Gloss
from .articlechecks import check_article
from .atomic import replacing
from .frontmatter import decode_text, saved_like, with_lf
from .gloss import (
    GlossFile,
    fingerprint,
    parse_gloss,
)
from .glossalign import align_article
from .glosschanges import Outdated, outdated_blocks
from .glossdate import translated_line
from .glossedit import (
    UNNAMED,
    ParagraphAid,
    stub_text,
    updated_gloss,
)
from .glosstitle import TITLE_ID, changed
from .links import Linking
from .markdown import Block
from .registryfile import read_registry
from .removednames import removed_names
from .strayglosses import stray_glosses
from .textfiles import read_content, read_markdown, read_source, read_stories


def read_glosses(content_dir: Path) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
    """Every en/**/*.md file as text, keyed by its path relative to content_dir."""
    return read_markdown(content_dir, "en")


def gloss_path(article: Article) -> str:
    """The gloss file of an article, relative to the content folder."""
    return f"en/{article.story}.md"


def paragraph_aids(blocks: Sequence[Block], registry: Registry) -> list[ParagraphAid]:
    """Per paragraph: its text and the English names of the entities it mentions."""
    by_id = registry.by_id()
    aids = []
    for block in blocks:
        names: list[str] = []
        for entity_id in dict.fromkeys(m.entity_id for m in block.mentions):
            entity = by_id.get(entity_id)
            if entity is None:
                continue
            names.append(entity.en or f"{entity.name_ar} {UNNAMED}")
        aids.append(ParagraphAid(block.text_with_references, tuple(names)))
    return aids


@dataclass(frozen=True)
class GlossChange:
    """What `gloss` did to one file: created, updated or unchanged; dated: it gave the file
    the day its English was translated; names_refreshed: the pending blocks' notes of entity
    names it brought up to date with the registry."""

    path: str
    action: str
    dated: bool = False
    names_refreshed: int = 0


def write_gloss(
    content_dir: Path,
    article: Article,
    blocks: Sequence[Block],
    registry: Registry,
    today: datetime.date | None = None,
) -> tuple[GlossChange | None, tuple[Diagnostic, ...]]:
    """Create the article's stub, or add pending blocks for new paragraphs to its gloss (and
    `translated: <today>` to one that has English without it)."""
    rel = gloss_path(article)
    target = content_dir / rel
    prints = [fingerprint(b.text_with_references) for b in blocks]
    title_print = fingerprint(article.title)
    aids = paragraph_aids(blocks, registry)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "x", encoding="utf-8", newline="\n") as out:
                out.write(stub_text(prints, aids, title_print, article.authors))
        except FileExistsError:  # a translator created it meanwhile: theirs wins
            return GlossChange("content/" + rel, "unchanged"), ()
        return GlossChange("content/" + rel, "created"), ()
    dating: list[bool] = []
    refreshed: list[int] = []

    def update(parsed: GlossFile) -> str:
        done = updated_gloss(parsed, prints, aids, title_print, today)
        if today is not None and not parsed.translated_line:  # dated now, in its front matter?
            dating.append(translated_line(today) in done.text.split("\n")[: parsed.closing + 1])
        refreshed.append(done.names_refreshed)
        return done.text

    change, diags = rewrite_gloss(content_dir, rel, update)
    if change is not None and change.action == "updated":
        change = replace(change, dated=any(dating), names_refreshed=sum(refreshed))
    return change, diags


def read_gloss(content_dir: Path, article: Article, blocks: Sequence[Block]) -> Gloss:
    """The article's gloss as its file now reads (after `gloss` wrote it), aligned with its
    paragraphs; a file that no longer parses reads as none."""
    rel = gloss_path(article)
    try:
        texts = {rel: read_source(str(content_dir / rel), rel)}
    except ContentError:  # unreadable, or not text
        texts = {}
    return align_article(texts, article, blocks)[0]


def outdated_in(
    content_dir: Path, stories: Sequence[str], linking: Linking
) -> dict[str, tuple[Outdated, ...]]:
    """Each of these articles' outdated blocks and what changed in their paragraphs since
    they were translated (glosschanges), by story in order; each article and gloss file is
    read once. An article that does not parse is left out, and a gloss that does not parse
    has none (the build and `status` name their errors; `linking`: as the build publishes
    links, for the paragraphs' text)."""
    texts, _ = read_stories(content_dir, "ar", stories)
    glosses, _ = read_stories(content_dir, "en", stories)
    found = {}
    for rel, text in texts.items():
        checked = check_article(rel, text, glosses, None, linking)
        if checked.article is not None:
            article = checked.article
            found[article.story] = _outdated(glosses, article, checked.glossed)
    return dict(sorted(found.items()))


def _outdated(
    glosses: Mapping[str, str], article: Article, blocks: Sequence[Block]
) -> tuple[Outdated, ...]:
    """The outdated blocks of the article's gloss (its text in `glosses`, if read), the
    title first when its English translates another Arabic title (as glossalign reads it)."""
    rel = gloss_path(article)
    parsed = parse_gloss(glosses[rel], rel)[0] if rel in glosses else None
    if parsed is None:
        return ()
    texts = [b.text_with_references for b in blocks]
    found = outdated_blocks(parsed, [fingerprint(t) for t in texts], texts)
    if parsed.title and parsed.title_of and changed(parsed.title_of, fingerprint(article.title)):
        found = (Outdated(TITLE_ID, None, article.title), *found)  # only its fingerprint kept
    return found


def rewrite_gloss(
    content_dir: Path, rel: str, edit: Callable[[GlossFile], str]
) -> tuple[GlossChange | None, tuple[Diagnostic, ...]]:
    """Parse an existing gloss file, edit its text, and swap the result in if it differs
    and nobody saved the file meanwhile."""
    target = content_dir / rel
    raw = target.read_bytes()
    try:
        text = decode_text(raw, "content/" + rel)
    except ContentError as exc:
        return None, (exc.diagnostic,)
    parsed, diags = parse_gloss(text, rel)
    if parsed is None:
        return None, diags
    # Edits work on the lines as saved, not as read (NFC): the lines they do not touch keep
    # the translator's characters (an editor saving decomposed accents or hamza), so git
    # shows only what changed. NFC keeps every line where it was.
    saved = with_lf(raw.decode("utf-8"))
    new = edit(replace(parsed, lines=tuple(saved.split("\n"))))
    if new == saved:
        return GlossChange("content/" + rel, "unchanged"), ()
    if not _replace_if_unchanged(target, raw, new):
        message = "changed while `gloss` ran; not updated (run it again)"
        return None, (Diagnostic("content/" + rel, 1, message),)
    return GlossChange("content/" + rel, "updated"), ()


def _replace_if_unchanged(target: Path, expected: bytes, text: str) -> bool:
    """Swap text in for the file, written as the file was (a translator's Windows editor
    saved CRLF line ends and a byte-order mark: git would see every line changed)."""
    try:
        with replacing(target) as out:
            out.write(saved_like(text, expected))
            if target.read_bytes() != expected:  # an editor saved in between: keep theirs
                raise _SavedMeanwhile
    except _SavedMeanwhile:
        return False
    return True


class _SavedMeanwhile(Exception):
    """The file changed on disk while gloss rewrote it (the swap is called off)."""


@dataclass(frozen=True)
class Stories:
    """The articles with their paragraphs and aligned glosses, as `gloss` and `status` need
    (not the withdrawn ones, which have nothing to translate: only their stories)."""

    bodies: tuple[tuple[Article, tuple[Block, ...]], ...]
    registry: Registry
    glosses: Mapping[str, Gloss]
    withdrawn: frozenset[str] = frozenset()


def load_stories(
    root: Path,
    linking: Linking,
    names: bool = True,
    only: Collection[str] | None = None,
    today: datetime.date | None = None,
) -> tuple[Stories, tuple[Diagnostic, ...]]:
    """Read and check articles, registry and gloss files under root/content, each article's
    own problems as the build finds them (articlechecks.py; `linking`: how the build would
    publish their links; `today`: the day no date may pass by more than one). names: find
    the entities each paragraph names (the stubs' notes need them; progress does not, and
    matching was half the time of `status`: 70 s of 137 at 20,000 articles). only: these
    stories' files alone (`gloss --accept` of one file read the whole archive: minutes at
    100,000 articles)."""
    content_dir = root / "content"
    if only is None:
        texts, problems = read_content(content_dir)
        gloss_texts, read_diags = read_glosses(content_dir)
    else:
        texts, problems = read_stories(content_dir, "ar", only)
        gloss_texts, read_diags = read_stories(content_dir, "en", only)
    diags = list(problems)
    registry, found = read_registry(content_dir)
    diags += found
    find = partial(find_mentions, build_matcher(registry)) if names else None
    removed = removed_names(registry)
    bodies = []
    glosses: dict[str, Gloss] = {}
    withdrawn: set[str] = set()
    gloss_diags: list[Diagnostic] = []
    for rel, text in texts.items():
        checked = check_article(rel, text, gloss_texts, today, linking, find, None, removed)
        article, gloss = checked.article, checked.gloss
        if article is None or gloss is None:
            diags += checked.problems
            continue
        # In the order status always gave them: the articles' parse problems, then the
        # glosses' (their own and their pairing's); an article's link problems with its own.
        in_gloss = [d for d in checked.problems if d.path.startswith("content/en/")]
        diags += [d for d in checked.problems if not d.path.startswith("content/en/")]
        gloss_diags += in_gloss
        if article.withdrawn is not None:
            withdrawn.add(article.story)
            continue
        bodies.append((article, checked.glossed))
        glosses[article.story] = gloss
    # An article that cannot be read (a conflict left in it, not UTF-8) is there all the
    # same: its gloss is no stray, and the article's own error is the one to fix.
    unread = {d.path.removeprefix("content/") for d in problems}
    present = {story_of_path(rel) for rel in (*texts, *unread) if rel.endswith(".md")}
    strays = stray_glosses(gloss_texts, present)
    diags += [*read_diags, *gloss_diags, *strays]
    return Stories(tuple(bodies), registry, glosses, frozenset(withdrawn)), tuple(diags)
