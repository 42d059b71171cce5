"""Moving an article to another date or slug together with its English gloss (I/O).

Nothing is overwritten: the new files are created first ("x"), the old ones removed only
once both are in place; if the second cannot be created, the first is taken back. Every
link to the article in other articles and glosses, and the moved files' own relative links,
are rewritten so that they lead where they did (movelinks.py, relinking.py): all planned
before anything is written, the other files replaced atomically, and put back as they were
if one of them cannot be.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.diagnostics import ContentError
from ..core.model import PartialDate
from ..core.slugs import slug_problem
from .atomic import replace_file
from .dates import parse_date
from .frontmatter import closing_fence, saved_like, split_document, with_lf
from .gloss import parse_gloss
from .glossdate import before_article
from .movedfrom import MOVED_FROM
from .movelinks import Relinked, plan_relinks
from .relinking import relink, relocation

# The top-level `date:` line of the front matter (the first one; keys are unique).
DATE_LINE = re.compile(r"^date[ \t]*:.*$", re.MULTILINE)
MOVED_FROM_LINE = re.compile(rf"{MOVED_FROM}[ \t]*:.*")

# When the article already there is the same story (a duplicate imported twice), the two
# are merged by hand: the guide says how, and the message says where.
MERGE = (
    " (if it is the same article, merge the two as docs/editors-guide.md says under "
    "'Merging duplicate articles')"
)


@dataclass(frozen=True)
class Move:
    """What moving one story does: the files before and after (relative to content/)."""

    story: str
    new_story: str
    # The article's new bytes (its date or earlier stories), saved as the file was; None:
    # unchanged.
    data: bytes | None
    gloss: bool  # the story has a gloss file, moved along
    gloss_data: bytes | None = None  # the gloss's new bytes (its own links); None: as it is
    # Files whose links change: the moved ones (at their new paths) and those linking them.
    relinked: tuple[Relinked, ...] = ()
    gloss_unread: bool = False  # the gloss is not UTF-8: moved as it is, links unchecked
    date: PartialDate | None = None  # the date written, time included (None: not changed)

    def pairs(self) -> list[tuple[str, str]]:
        """(from, to) for the article and, if any, its gloss."""
        langs = ("ar", "en") if self.gloss else ("ar",)
        return [(f"{lang}/{self.story}.md", f"{lang}/{self.new_story}.md") for lang in langs]


def folder_of(date: PartialDate) -> str:
    """ar/<this>/slug.md: YYYY/MM, or YYYY for a year-only date."""
    return f"{date.year:04d}/{date.month:02d}" if date.month else f"{date.year:04d}"


def with_date(text: str, date: PartialDate) -> str:
    """The article's text with its front matter's date set (added if it has none), with
    its time if it has one."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if not lines or lines[0].strip() != "---" or end is None:
        raise ValueError("the article has no front matter to set the date in")
    head = "\n".join(lines[1:end])
    new_line = f'date: "{date.local_iso()}"'
    head, found = DATE_LINE.subn(new_line, head, count=1)
    if not found:
        head = f"{head}\n{new_line}" if head else new_line
    return "\n".join([lines[0], head, *lines[end:]])


def with_moved_from(text: str, story: str, new_story: str) -> str:
    """The article's text with `story` added to its front matter's 'moved_from' (added if it
    has none), the earlier ones kept, so that every old address still leads to it; an
    article moved back to an earlier story no longer lists that one. Only the key's lines
    change (written as one line: moved_from: ["2020/11/a", "2020/11/b"])."""
    lines = text.split("\n")
    end = closing_fence(lines)
    if not lines or lines[0].strip() != "---" or end is None:
        raise ValueError("the article has no front matter to note its old address in")
    try:
        node = split_document(text, "article").meta.get(MOVED_FROM)
    except ContentError as exc:
        raise ValueError(f"its front matter cannot be read: {exc.diagnostic.message}") from None
    found = None if node is None else node.value
    values = [node] if node is not None and isinstance(found, str) else found or []
    if not isinstance(values, list) or not all(isinstance(v.value, str) for v in values):
        raise ValueError(f"'{MOVED_FROM}' in its front matter is not a list of stories: fix it")
    stories = [str(v.value).strip().strip("/") for v in values]
    kept = [s for s in dict.fromkeys([*stories, story]) if s != new_story]
    start = next((i for i in range(1, end) if MOVED_FROM_LINE.fullmatch(lines[i])), None)
    new_line = f"{MOVED_FROM}: {json.dumps(kept, ensure_ascii=False)}"
    if start is None:
        return "\n".join([*lines[:end], new_line, *lines[end:]])
    stop = start + 1  # a block list's items follow the key, indented or not
    while stop < end and lines[stop][:1] in (" ", "\t", "-"):
        stop += 1
    return "\n".join([*lines[:start], new_line, *lines[stop:]])


def plan_move(content_dir: Path, story: str, date: str | None, slug: str | None) -> Move:
    """Check a move; ValueError says why it cannot be done (FileExistsError: a target)."""
    source = content_dir / "ar" / f"{story}.md"
    if not source.is_file():
        raise ValueError(f"no article content/ar/{story}.md")
    folder, old_slug = story.rsplit("/", 1)
    new_slug = old_slug if slug is None else slug
    problem = slug_problem(new_slug)
    if problem is not None:
        raise ValueError(problem)
    raw = source.read_bytes()
    saved = with_lf(raw.decode("utf-8"))  # edited as read; written back as it was saved
    text = when = None
    if date is not None:
        when = new_date(parse_date(date, timed=True), _written_date(saved))
        folder = folder_of(when)
        text = with_date(saved, when)
        _check_translated(content_dir, story, when)
    new_story = f"{folder}/{new_slug}"
    if new_story != story:  # its old address will lead readers to the new one
        text = with_moved_from(text or saved, story, new_story)
    data = None if text is None else saved_like(text, raw)
    gloss = (content_dir / "en" / f"{story}.md").exists()
    move = Move(story, new_story, data, gloss, date=when)
    if move.new_story != story:
        # Without a gloss of its own, an article may join one left at the new place.
        for _, target in move.pairs():
            if (content_dir / target).exists():
                merge = MERGE if target.startswith("ar/") else ""  # an article there
                raise FileExistsError(f"content/{target} already exists; nothing was moved{merge}")
    elif text is None:
        raise ValueError(f"content/ar/{story}.md is already there; nothing to move")
    return _with_links(content_dir, move, raw) if move.new_story != story else move


def new_date(given: PartialDate, written: PartialDate | None) -> PartialDate:
    """The date `move --date` writes: as given; a day alone given for an article with a
    time keeps that time on the same day, and on another day is refused (ValueError), since
    whether the time still holds is the editor's to say."""
    if given.time is not None or written is None or written.time is None:
        return given
    if written.sort_key() == given.sort_key():
        return replace(given, time=written.time)
    raise ValueError(
        f"it has a time of publication, {written.time} on {written.iso()}: give the new date "
        f'with its time, --date "{given.iso()}T{written.time}" if {written.time} still holds;'
        " nothing was moved"
    )


def _written_date(text: str) -> PartialDate | None:
    """The article's date as its front matter gives it, time included (None: none that
    reads as a date; the new one is then written as given)."""
    try:
        node = split_document(text, "article").meta.get("date")
    except ContentError:
        return None
    if node is None or not isinstance(node.value, str):
        return None
    try:
        return parse_date(node.value, timed=True)
    except ValueError:
        return None


def _with_links(content_dir: Path, move: Move, raw: bytes) -> Move:
    """The move with every link rewrite it needs (ValueError: a file that cannot be read
    for sure, named; nothing moved)."""
    moved = relocation(move.story, move.new_story)
    (ar, new_ar), *gloss = move.pairs()
    data = move.data if move.data is not None else raw
    try:
        ar_data, count = relink(data, ar, new_ar, moved)
    except ValueError as exc:
        raise ValueError(f"content/{ar}: {exc}; nothing was moved") from None
    own = [Relinked(new_ar, data, ar_data, count)] if count else []
    gloss_data, unread = None, False
    for en, new_en in gloss:
        before = (content_dir / en).read_bytes()
        try:
            before.decode("utf-8")
        except UnicodeDecodeError:  # moved as its bytes are; the build names it
            unread = True
            continue
        try:
            after, count = relink(before, en, new_en, moved)
        except ValueError as exc:
            raise ValueError(f"content/{en}: {exc}; nothing was moved") from None
        if count:
            own.append(Relinked(new_en, before, after, count))
            gloss_data = after
    others = plan_relinks(content_dir, move.story, moved, frozenset(old for old, _ in move.pairs()))
    new_data = ar_data if ar_data is not data else move.data
    return replace(
        move,
        data=new_data,
        gloss_data=gloss_data,
        relinked=(*own, *others),
        gloss_unread=unread,
    )


def _check_translated(content_dir: Path, story: str, date: PartialDate) -> None:
    """ValueError when the article's English is dated before the new date: the next build
    would refuse it (glossdate.before_article), after the files had moved."""
    gloss = content_dir / "en" / f"{story}.md"
    if not gloss.is_file():
        return
    try:
        text = with_lf(gloss.read_bytes().decode("utf-8"))
    except ValueError:  # not UTF-8: moved as its bytes are, and the build names it
        return
    parsed, _ = parse_gloss(text, f"en/{story}.md")
    if parsed is None or parsed.translated is None:
        return  # a gloss the build refuses anyway says why there, wherever the article is
    if before_article(parsed.path, parsed.translated, parsed.translated_line, date):
        raise ValueError(
            f"its English is dated {parsed.translated.iso()} ('translated', "
            f"{parsed.path}:{parsed.translated_line}), before the new date {date.iso()}, and "
            "the next build would refuse it: nothing was moved (correct that date first if "
            "the new one is right)"
        )


def apply_move(content_dir: Path, move: Move) -> None:
    """Create the new files, then remove the old ones (and their folders left empty)."""
    if move.new_story == move.story:  # only the date's day changed: same file
        assert move.data is not None
        replace_file(content_dir / "ar" / f"{move.story}.md", move.data)
        return
    created: list[Path] = []
    replaced: list[Relinked] = []
    new_files = {new for _, new in move.pairs()}
    try:
        for old, new in move.pairs():
            data = (content_dir / old).read_bytes()
            if old.startswith("ar/") and move.data is not None:
                data = move.data
            elif old.startswith("en/") and move.gloss_data is not None:
                data = move.gloss_data
            target = content_dir / new
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:  # "x": never overwrite
                created.append(target)
                out.write(data)
        for other in (r for r in move.relinked if r.path not in new_files):
            path = content_dir / other.path
            if path.read_bytes() != other.before:
                raise ValueError(f"content/{other.path} changed during the move: move again")
            replace_file(path, other.after)
            replaced.append(other)
    except (OSError, ValueError):
        for other in replaced:  # as they were: a move is all or nothing
            replace_file(content_dir / other.path, other.before)
        for path in created:
            path.unlink(missing_ok=True)
        raise
    for old, _ in move.pairs():
        (content_dir / old).unlink()
        _remove_empty_folders(content_dir / old, content_dir)


def _remove_empty_folders(file: Path, content_dir: Path) -> None:
    folder = file.parent
    while folder != content_dir and folder.parent != content_dir:  # keep ar/ and en/
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent
