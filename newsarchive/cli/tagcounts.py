"""`status --tags`: every tag of the archive with its number of articles and its spellings,
so that an editor sees one tag written two ways (content/tags.py says which are one)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .report import EXIT_FAILED, EXIT_OK, print_diagnostics


def print_tags(root: Path, day: datetime.date, as_json: bool) -> int:
    """Print the archive's tags, the most used first, each in the spelling most articles use,
    with its other spellings and their counts."""
    from ..build.media import checking_links, media_in
    from ..content.glossfiles import load_stories
    from ..content.tags import tag_counts
    from ..core.diagnostics import errors_only

    linking = checking_links(root / "content", media_in(root / "content"))
    stories, diags = load_stories(root, linking, names=False, today=day)
    print_diagnostics(diags)
    if errors_only(diags):
        return EXIT_FAILED
    counts = tag_counts(article.tags for article, _ in stories.bodies)
    if as_json:
        listed = [
            {"tag": c.shown, "articles": c.articles, "spellings": dict(c.spellings)} for c in counts
        ]
        print(json.dumps({"tags": listed}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print("articles  tag")
    for count in counts:
        others = ", ".join(f"{spelling} {n}" for spelling, n in count.spellings[1:])
        print(
            f"{count.articles:<9} {count.shown}" + (f"  (also written: {others})" if others else "")
        )
    print(f"{len(counts)} tags in {len(stories.bodies)} articles")
    return EXIT_OK
