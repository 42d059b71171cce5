"""`move`: an article to another date or slug, its English gloss along with it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.diagnostics import noun_for, shown
from .report import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .translating import story_named


def cmd_move(args: argparse.Namespace) -> int:
    """Move an article and its gloss; nothing is overwritten."""
    from ..content.movedfrom import MOVED_FROM
    from ..content.moving import apply_move, plan_move
    from ..core import urls

    if args.date is None and args.slug is None:
        print(
            "move: give --date YYYY-MM[-DD[THH:MM]] or --slug NEW-SLUG (or both)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    content_dir = Path(args.root) / "content"
    story = story_named(args.article)
    try:
        move = plan_move(content_dir, story, args.date, args.slug)
        if not args.dry_run:
            apply_move(content_dir, move)
    except (ValueError, OSError) as exc:
        print(shown(f"{args.article}: error: {exc}"), file=sys.stderr)  # may quote a key
        return EXIT_FAILED
    would = "would be " if args.dry_run else ""
    if args.dry_run:
        print("dry run: nothing was changed")
    for old, new in move.pairs():
        if old != new:
            print(f"{'would move' if args.dry_run else 'moved'} content/{old} -> content/{new}")
    if move.date is not None:
        print(f"date {would}set to {move.date.local_iso()} in content/ar/{move.new_story}.md")
    for file in move.relinked:
        print(f"{file.count} {noun_for(file.count, 'link')} {would}updated in content/{file.path}")
    if move.gloss_unread:
        print(
            f"warning: content/en/{move.new_story}.md is not UTF-8: moved as it is, its links "
            "not updated (the build names it: save it as UTF-8 and check its links)"
        )
    if args.dry_run:
        return EXIT_OK
    if move.new_story != move.story:
        print(
            f"note: its old address {urls.article('ar', move.story)} leads readers to the new "
            f"one after the next build ('{MOVED_FROM}' in content/ar/{move.new_story}.md "
            "keeps it: leave that line in)"
        )
    if not move.gloss and (content_dir / f"en/{move.new_story}.md").exists():
        print(f"its gloss content/en/{move.new_story}.md was already there")
    elif not move.gloss:
        print("(no gloss file yet: `gloss` creates it)")
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `move`."""
    move = sub.add_parser(
        "move", help="move an article to another date or slug, with its English gloss"
    )
    move.add_argument("article", help="content/ar/YYYY/MM/<slug>.md (or YYYY/MM/<slug>)")
    move.add_argument(
        "--date",
        help='the right date: YYYY-MM-DD, YYYY-MM or YYYY, or a day and time, "YYYY-MM-DD HH:MM"',
    )
    move.add_argument("--slug", help="a new file name / URL part")
    move.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be moved and which links updated, changing nothing",
    )
    move.add_argument("--root", default=".", help="project folder holding content/")
    move.set_defaults(func=cmd_move)
