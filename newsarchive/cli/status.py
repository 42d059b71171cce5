"""`status`: translation progress per article, and what changed in outdated paragraphs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .report import EXIT_FAILED, EXIT_OK, print_diagnostics, site_day
from .translating import (
    NO_SUCH_ARTICLE,
    STALE_ADVICE,
    add_article_names,
    meant,
    orphan_advice,
    stories_under,
    story_named,
)

if TYPE_CHECKING:
    from ..content.glosschanges import Outdated
    from ..content.glossstatus import ArticleStatus


def cmd_status(args: argparse.Namespace) -> int:
    """Print translation progress per article: glossed, pending, stale (of the articles
    named, or every article; with --outdated only those whose English needs checking)."""
    from ..build.media import checking_links, media_in, media_name_problems
    from ..build.progress import recorded_progress
    from ..content.glossfiles import load_stories
    from ..content.glossstatus import article_status
    from ..content.registryfile import read_registry
    from ..core.diagnostics import errors_only

    root = Path(args.root)
    wanted: set[str] | None = None
    if args.articles:
        named, unknown = stories_under(root / "content", args.articles)
        for name in unknown:
            hint = meant(root / "content", story_named(name))
            print(f"{name}: error: {NO_SUCH_ARTICLE}{hint}", file=sys.stderr)
        if unknown:
            return EXIT_FAILED
        wanted = set(named)
    day = site_day(root)
    if day is None:
        return EXIT_FAILED
    if args.tags:
        from .tagcounts import print_tags

        return print_tags(root, day, args.json)
    media = media_in(root / "content")
    recorded = recorded_progress(root, day)
    if recorded is not None:
        rows, diags = recorded
    else:
        linking = checking_links(root / "content", media)
        stories, diags = load_stories(root, linking, names=False, today=day)
        order = sorted(stories.bodies, key=lambda ab: ab[0].story)
        rows = [article_status(stories.glosses[a.story]) for a, _ in order]
    if media:  # what a build says of their names, so that status passes only where it does
        registry, _ = read_registry(root / "content")  # its problems are among diags already
        diags = (*diags, *media_name_problems(root / "content", media, registry))
    print_diagnostics(diags)
    if errors_only(diags):
        return EXIT_FAILED
    if wanted is not None:
        rows = [r for r in rows if r.story in wanted]
    if args.outdated:
        rows = [r for r in rows if r.stale or r.orphans]
    totals = {k: sum(getattr(r, k) for r in rows) for k in ("done", "pending", "stale")}
    changed = _changes(root, [r.story for r in rows if r.stale]) if args.changes else {}
    if args.json:
        data = {
            "articles": [
                {
                    "story": r.story,
                    "file": f"content/en/{r.story}.md" if r.has_file else None,
                    "glossed": r.done,
                    "pending": r.pending,
                    "stale_count": r.stale,
                    "stale": _stale_json(r, changed),
                    "orphans": list(r.orphans),
                }
                for r in rows
            ],
            "totals": {
                "glossed": totals["done"],
                "pending": totals["pending"],
                "stale": totals["stale"],
            },
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    print("glossed\tpending\toutdated\tarticle")
    for r in rows:
        stale = zip(r.stale_named, r.stale_prints, strict=True)
        marks = [f"{i} (now {fp})" for i, fp in stale]
        extra = f"\toutdated: {', '.join(marks)}" if marks else ""
        extra += f"\torphan blocks: {', '.join(r.orphans)}" if r.orphans else ""
        extra += "" if r.has_file else "\t(no gloss file: run `gloss`)"
        print(f"{r.done}\t{r.pending}\t{r.stale}\t{r.story}{extra}")
    print(f"{totals['done']}\t{totals['pending']}\t{totals['stale']}\ttotal")
    if changed:
        _print_changes(changed)
    elif totals["stale"]:
        print(STALE_ADVICE)
    if any(r.orphans for r in rows):
        print(orphan_advice())
    return EXIT_OK


def _stale_json(
    row: ArticleStatus, changed: dict[str, tuple[Outdated, ...]]
) -> list[dict[str, object]]:
    """A row's outdated blocks in `status --json`: each one's id, the anchor the pages give
    its paragraph (null for the title), its fingerprint now and, with --changes, what
    changed."""
    from ..core.urls import paragraph_anchor

    places = zip(row.stale_ids, row.stale_prints, row.stale_places, strict=True)
    return [
        {
            "id": i,
            "anchor": None if at is None else paragraph_anchor(at),
            "fingerprint_now": fp,
            **_changes_json(changed, row.story, i),
        }
        for i, fp, at in places
    ]


def _changes(root: Path, stories: list[str]) -> dict[str, tuple[Outdated, ...]]:
    """Each of these articles' outdated blocks with what changed in its Arabic paragraph
    since the English was written (content/glosschanges), by story."""
    from ..build.media import checking_links, media_in
    from ..content.glossfiles import outdated_in

    if not stories:
        return {}
    linking = checking_links(root / "content", media_in(root / "content"))
    return outdated_in(root / "content", stories, linking)  # their errors printed above


def _changes_json(
    changed: dict[str, tuple[Outdated, ...]], story: str, block_id: str
) -> dict[str, object]:
    """`"changes"` of one outdated block in `status --json --changes`: a list of
    {was, now}, or null where the note keeps only the opening words; nothing without
    --changes."""
    found = [b for b in changed.get(story, ()) if b.block_id == block_id]
    if not found:
        return {}
    changes = found[0].changes
    listed = None if changes is None else [{"was": c.was, "now": c.now} for c in changes]
    return {"changes": listed, **({"title_now": found[0].title_now} if found[0].title_now else {})}


def _print_changes(changed: dict[str, tuple[Outdated, ...]]) -> None:
    """Under each outdated block, what changed in its Arabic paragraph since the English was
    written: the words then and now, changed ones in [brackets]."""
    from ..content.gloss import block_named

    print("what changed in the Arabic since its English was written ([changed words]):")
    for story, blocks in changed.items():
        for block in blocks:
            where = f"content/en/{story}.md {block_named(block.block_id, block.index, block.now)}"
            if block.title_now:
                print(
                    f"{where}: the Arabic title now reads «{block.title_now}» (the one "
                    "translated is not kept, only its fingerprint)"
                )
            elif block.changes is None:
                print(f"{where}: {UNKNOWN_CHANGES}")
            for change in block.changes or ():
                print(f"{where}\n  was: {change.was}\n  now: {change.now}")
    print("revise or check the English, then `build.py gloss --accept FILE`")


UNKNOWN_CHANGES = (
    "its note keeps only the opening words of the Arabic it translated (written before "
    "2026-12), so what changed cannot be shown: compare the English with the paragraph now"
)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `status`."""
    status = sub.add_parser("status", help="translation progress: glossed / pending / outdated")
    add_article_names(status)
    status.add_argument(
        "--outdated",
        action="store_true",
        help="only the articles whose English needs checking: outdated paragraphs or orphan blocks",
    )
    status.add_argument(
        "--changes",
        action="store_true",
        help="also show, for each outdated paragraph, what changed in its Arabic since its "
        "English was written",
    )
    status.add_argument(
        "--tags",
        action="store_true",
        help="instead, every tag with its number of articles and its spellings, the most used "
        "first: one tag written two ways shows as one line",
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=cmd_status)
