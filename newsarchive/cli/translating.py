"""`gloss`: English gloss stubs, new paragraphs' pending blocks, and acceptance."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.diagnostics import counted, noun_for
from ..core.model import path_of_story, story_of_path
from ..core.urls import LANGS
from .report import EXIT_FAILED, EXIT_OK, EXIT_USAGE, print_diagnostics, site_day

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..content.glossfiles import Stories


NOTHING_CHANGED = "gloss: fix the errors above first; no gloss file was changed"
STALE_ADVICE = (
    "outdated: `build.py status --changes FILE` shows what changed in the Arabic; revise or "
    "check the English, then `build.py gloss --accept FILE`"
)


def cmd_gloss(args: argparse.Namespace) -> int:
    """Create English gloss stubs and add pending blocks for new Arabic paragraphs."""
    from ..build.media import checking_links, media_in
    from ..content.glossfiles import load_stories
    from ..core.diagnostics import errors_only

    root = Path(args.root)
    if args.block and not args.accept:
        print("gloss: --block goes with --accept", file=sys.stderr)
        return EXIT_USAGE
    if args.accept and args.articles:
        print("gloss: name the articles to accept after --accept only", file=sys.stderr)
        return EXIT_USAGE
    if not args.accept:
        named, unknown = (
            stories_under(root / "content", args.articles) if args.articles else (None, [])
        )
        return _gloss(root, named, unknown)
    day = site_day(root)
    if day is None:
        print(NOTHING_CHANGED, file=sys.stderr)
        return EXIT_FAILED
    linking = checking_links(root / "content", media_in(root / "content"))
    only = [story_named(name) for name in args.accept]
    stories, diags = load_stories(root, linking, only=only, today=day)
    print_diagnostics(diags)
    if errors_only(diags):
        print(NOTHING_CHANGED, file=sys.stderr)
        return EXIT_FAILED
    return _accept(root, stories, args.accept, args.block)


def _gloss(root: Path, named: list[str] | None, unknown: list[str]) -> int:
    """`gloss` of the named stories (None: the whole archive; `unknown`: names of nothing):
    every file checked first, then each article's gloss written, in workers for many
    (build/glossarchive.py)."""
    from ..build.glossarchive import check_archive, gloss_archive
    from ..core.diagnostics import errors_only

    day = site_day(root)
    if day is None:
        print(NOTHING_CHANGED, file=sys.stderr)
        return EXIT_FAILED
    archive, diags = check_archive(root, named, day)
    print_diagnostics(diags)
    if errors_only(diags):
        print(NOTHING_CHANGED, file=sys.stderr)
        return EXIT_FAILED
    for name in unknown:
        hint = meant(root / "content", story_named(name))
        print(f"{name}: error: {NO_SUCH_ARTICLE}{hint} (nothing done for it)", file=sys.stderr)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    dated = refreshed = 0
    failed = bool(unknown)
    stale: list[str] = []
    orphans: list[str] = []
    for done in gloss_archive(archive):
        print_diagnostics(done.problems)
        failed = failed or bool(done.problems)
        if done.change is not None:
            counts[done.change.action] += 1
            dated += done.change.dated
            refreshed += done.change.names_refreshed
            if done.change.action != "unchanged":
                print(f"{done.change.action} {done.change.path}")
        stale += [done.stale] if done.stale else []
        orphans += [done.orphans] if done.orphans else []
    print(", ".join(f"{n} {action}" for action, n in counts.items()))
    if dated:  # their English is new to the translated list and its feed from today
        print(f"{dated} dated (translated: {archive.today}): listed as translated today")
    if refreshed:  # a translator reading an old note would name someone the text does not
        notes = noun_for(refreshed, "note")
        print(f"{refreshed} names {notes} of pending blocks refreshed from the registry")
    _name_stale(stale)
    _name_orphans(orphans)
    return EXIT_FAILED if failed else EXIT_OK


def _name_stale(stale: list[str]) -> None:
    """Name the blocks whose Arabic changed since they were translated: `gloss` leaves them
    for the translator, who would otherwise learn of them only from `status`."""
    if stale:
        print(f"outdated, the Arabic changed since they were translated: {_some(stale)}")
        print(STALE_ADVICE)


def _name_orphans(orphans: list[str]) -> None:
    """Name the blocks left after `gloss` whose Arabic paragraph is gone: their English is on
    no page any more, and the translator would otherwise learn of it only from `status`."""
    if orphans:
        print(f"orphan blocks, shown on no page: {_some(orphans)}")
        print(orphan_advice())


# Files named in one of gloss's closing lines: over a whole archive the stale files were
# tens of thousands, one line of a megabyte. `status` lists every one.
NAMED_AT_MOST = 10


def _some(files: list[str]) -> str:
    """The first files, by name, and how many more there are."""
    named = "; ".join(sorted(files)[:NAMED_AT_MOST])
    more = len(files) - NAMED_AT_MOST
    return (
        f"{named}; and {counted(more, 'more file', 'more files')} (`status` lists all)"
        if more > 0
        else named
    )


def orphan_advice() -> str:
    from ..content.glossaccept import ORPHAN_CAUSE
    from ..content.glossalign import ORPHAN_ADVICE

    return f"orphan blocks: their Arabic paragraph is gone {ORPHAN_CAUSE}; {ORPHAN_ADVICE}"


def _accept(root: Path, stories: Stories, names: list[str], only: list[str] | None) -> int:
    """gloss --accept: each named article's stale blocks (or only `only`) become current."""
    from ..content.glossaccept import accept_gloss

    by_story = {article.story: (article, blocks) for article, blocks in stories.bodies}
    # An article named twice (its Arabic and English files: `content/*/2020/11/x.md`) is
    # accepted once: a second pass found its blocks just accepted not stale, and said so.
    named: dict[str, str] = {}
    for name in names:
        named.setdefault(story_named(name), name)
    failed = False
    for story, name in named.items():
        if story in stories.withdrawn:
            print(
                f"{name}: error: content/ar/{story}.md is withdrawn: {WITHDRAWN}", file=sys.stderr
            )
            failed = True
            continue
        if story not in by_story:
            hint = meant(root / "content", story)
            print(f"{name}: error: no article content/ar/{story}.md{hint}", file=sys.stderr)
            failed = True
            continue
        article, blocks = by_story[story]
        change, accepted, problems = accept_gloss(
            root / "content", article, blocks, stories.registry, only
        )
        print_diagnostics(problems)
        if problems:
            failed = True
            print(f"gloss: {name}: nothing accepted", file=sys.stderr)
        elif change is not None:
            done = f"accepted {', '.join(accepted)}" if accepted else "nothing outdated"
            print(f"{change.path}: {done}")
    return EXIT_FAILED if failed else EXIT_OK


NO_SUCH_ARTICLE = "no such article or folder under content/ar"
WITHDRAWN = "its pages show none of its text, so nothing of it is translated or accepted"


def stories_under(content_dir: Path, names: Sequence[str]) -> tuple[list[str], list[str]]:
    """The stories that command-line names mean (an article, its gloss or story name as for
    --accept, or a folder: content/ar/2026/12, 2026/12 or 2026 mean every article in it), and
    the names that mean none. Only those articles are read, so that stubbing a day's articles
    answers at once in an archive of any size."""
    from ..content.textfiles import markdown_files

    stories: list[str] = []
    unknown: list[str] = []
    for name in names:
        story = story_named(name)
        inside = "" if story in LANGS else story.strip("/")  # content/ar: every article
        folder = content_dir / "ar" / inside
        if inside and (content_dir / path_of_story("ar", inside)).is_file():
            stories.append(inside)
        elif folder.is_dir():
            stories += [_story_of_file(content_dir, path) for path in markdown_files(folder)]
        else:
            unknown.append(name)
    return list(dict.fromkeys(stories)), unknown


def meant(content_dir: Path, story: str) -> str:
    """`: did you mean …?` with the article a misspelt name most likely means (the same
    slug in another folder, else a close one in its folder, as for a stray gloss), or ""."""
    from ..content.strayglosses import likely_story
    from ..content.textfiles import markdown_files

    folder = content_dir / "ar" / story.rsplit("/", 1)[0] if "/" in story else content_dir / "ar"
    looked = folder if folder.is_dir() else content_dir / "ar"
    stories = [_story_of_file(content_dir, path) for path in markdown_files(looked)]
    likely = likely_story(story, stories)
    return f": did you mean content/ar/{likely}.md?" if likely else ""


def _story_of_file(content_dir: Path, path: str) -> str:
    rel = Path(os.path.relpath(path, content_dir)).as_posix()
    return story_of_path(unicodedata.normalize("NFC", rel))


def story_named(name: str) -> str:
    """The story a command-line name means: a path under content/ (content/ar/…/x.md, any
    folder before content/, en/…/x.md: core/model.story_of_path) or the story itself
    (YYYY/MM/x)."""
    path = Path(name).as_posix().rsplit("/content/", 1)[-1]
    path = unicodedata.normalize("NFC", path.removeprefix("./").removeprefix("content/"))
    return story_of_path(path) if path.startswith(("ar/", "en/")) else path.removesuffix(".md")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `gloss`."""
    gloss = sub.add_parser(
        "gloss", help="create English gloss stubs; add pending blocks for new paragraphs"
    )
    add_article_names(gloss)
    gloss.add_argument(
        "--accept",
        nargs="+",
        metavar="FILE",
        help="instead: mark the outdated blocks of these articles' glosses as current, after "
        "checking their English (the Arabic or English file, or YYYY/MM/slug)",
    )
    gloss.add_argument(
        "--block",
        action="append",
        metavar="pN",
        help="with --accept: only this block (repeat; `title`: the English title)",
    )
    gloss.set_defaults(func=cmd_gloss)


def add_article_names(parser: argparse.ArgumentParser) -> None:
    """The ARTICLE names and --root of `gloss` and `status` (stories_under reads them)."""
    parser.add_argument(
        "articles",
        nargs="*",
        metavar="ARTICLE",
        help="only these articles (the Arabic or English file, YYYY/MM/slug, or a folder such "
        "as content/ar/2026/12, 2026/12 or 2026); default: every article",
    )
    parser.add_argument("--root", default=".", help="project folder holding content/")
