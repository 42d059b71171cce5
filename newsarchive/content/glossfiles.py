"""Gloss files on disk: read content/en/**.md, create stubs, add new pending blocks (I/O).

Writes never clobber a translator: a new file is opened with "x", and an update is written
to a temporary file and swapped in only if the file still holds exactly what was read.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import Article, story_of_path
from ..entities.matcher import build_matcher, find_mentions
from ..entities.registry import Registry
from .articlechecks import check_article
from .atomic import replacing
from .frontmatter import decode_text, saved_like, with_lf
from .gloss import (
    Gloss,
    GlossBlock,
    GlossFile,
    block_named,
    fingerprint,
    paired,
    parse_gloss,
)
from .glossalign import ORPHAN_ADVICE, align_article
from .glosschanges import Outdated, outdated_blocks
from .glossdate import translated_line
from .glossedit import (
    UNNAMED,
    ParagraphAid,
    accept_text,
    stub_text,
    unlike_stale,
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

    change, diags = _rewrite(content_dir, rel, update)
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


def accept_gloss(
    content_dir: Path,
    article: Article,
    blocks: Sequence[Block],
    registry: Registry,
    ids: Collection[str] | None = None,
) -> tuple[GlossChange | None, tuple[str, ...], tuple[Diagnostic, ...]]:
    """Mark the article's stale title and blocks (or only `ids`) as current; also the ids
    accepted."""
    rel = gloss_path(article)
    if not (content_dir / rel).exists():
        message = "no gloss file to accept (run `gloss` to create it)"
        return None, (), (Diagnostic("content/" + rel, 1, message),)
    texts = [b.text_with_references for b in blocks]
    prints = [fingerprint(text) for text in texts]
    title_print = fingerprint(article.title)
    aids = paragraph_aids(blocks, registry)
    accepted: list[str] = []
    refused: list[Diagnostic] = []

    def accept(parsed: GlossFile) -> str:
        current, pairing = paired(parsed.blocks, prints, texts)
        places = {current[b].id: i for i, b in enumerate(pairing.block_of) if b is not None}
        if ids is not None:
            orphans = {current[i].id for i in pairing.orphans}
            stale = accept_text(parsed, prints, aids, title_print=title_print)[1]
            refused.extend(_not_acceptable(parsed, stale, orphans, ids, _Places(places, texts)))
        else:
            unlike = unlike_stale(parsed, prints, aids)
            refused.extend(_unlike(parsed, unlike, _Places(places, texts)))
        if refused:
            return "\n".join(parsed.lines)  # all or nothing: the file stays as it is
        text, done = accept_text(parsed, prints, aids, ids, title_print)
        accepted.extend(done)
        return text

    change, diags = _rewrite(content_dir, rel, accept)
    return change, tuple(accepted), diags + tuple(refused)


# An orphan's English is kept for the translator to move: accepting it would pair it with
# nothing, so `--block` on one says what it is and what to do.
# What makes an orphan, and what to do with one: said here and by `status`.
ORPHAN_CAUSE = "(deleted, merged, or moved and rewritten from its opening words)"
ORPHAN = (
    f"is an orphan block, not an outdated one: its Arabic paragraph is gone {ORPHAN_CAUSE}; "
    f"{ORPHAN_ADVICE}"
)


@dataclass(frozen=True)
class _Places:
    """Which paragraph each block id stands for (an index into `texts`, the paragraphs'
    text): refusals name a block as other messages do (gloss.block_named), so a translator
    who follows one to the page lands on the paragraph meant."""

    of: Mapping[str, int]
    texts: Sequence[str]

    def named(self, block_id: str, opening: bool = True) -> str:
        """The block's id and, where the pages number its paragraph otherwise, their
        anchor (and, with `opening`, how the paragraph opens)."""
        at = self.of.get(block_id)
        return block_named(block_id, at, "" if at is None or not opening else self.texts[at])


def _not_acceptable(
    parsed: GlossFile,
    stale: Collection[str],
    orphans: Collection[str],
    ids: Collection[str],
    places: _Places,
) -> Iterable[Diagnostic]:
    """A diagnostic for each named block that is missing, an orphan, pending or not stale,
    at its marker."""
    blocks = {block.id: block.line for block in parsed.blocks}
    pending = {block.id for block in parsed.blocks if not block.text}
    lines = {TITLE_ID: parsed.title_of_line or 1, **blocks}  # `title`: the English title's
    outdated = ", ".join(places.named(i, opening=False) for i in stale)
    now = f"outdated now: {outdated}" if stale else "nothing in this file is outdated"
    for block_id in dict.fromkeys(ids):
        if block_id not in lines:
            have = ", ".join(blocks) or "none"
            yield Diagnostic(parsed.path, 1, f"no block {block_id} in this file (it has {have})")
        elif block_id in orphans:  # no paragraph: its id alone
            yield Diagnostic(parsed.path, lines[block_id], f"{block_id} {ORPHAN}")
        elif block_id in pending:
            message = (
                f"{places.named(block_id)} has no English yet (pending): nothing to accept ({now})"
            )
            yield Diagnostic(parsed.path, lines[block_id], message)
        elif block_id not in stale:
            message = f"{places.named(block_id)} is not outdated ({now})"
            yield Diagnostic(parsed.path, lines[block_id], message)


def _unlike(
    parsed: GlossFile, unlike: Iterable[tuple[GlossBlock, str]], places: _Places
) -> Iterable[Diagnostic]:
    """A diagnostic for each stale block whose paragraph no longer opens as its note says
    (the message quotes how it opens now: the block is named without it)."""
    for block, now in unlike:
        yield Diagnostic(
            parsed.path,
            block.line,
            f"{places.named(block.id, opening=False)} translated a paragraph opening "
            f"«{block.opening} …», but the paragraph it stands for now opens «{now} …»: if "
            f"its English is right for it, accept it by name (--block {block.id})",
        )


def _rewrite(
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
