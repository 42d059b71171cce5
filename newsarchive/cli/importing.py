"""`import`: raw wire copy into content files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .report import EXIT_FAILED, EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Turn a raw seed article into a content file."""
    from ..content.importer import import_article, write_import

    source = Path(args.file)
    try:
        raw = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{source}:1: error: cannot read: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        article = import_article(
            raw, args.date, args.title, args.slug, args.source_url, args.original_url
        )
    except ValueError as exc:
        print(f"{source}:1: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    content_dir = Path(args.root) / "content"
    try:
        target = write_import(content_dir, article)
    except FileExistsError:
        print(f"error: content/{article.rel_path} already exists; not overwritten", file=sys.stderr)
        return EXIT_FAILED
    note = " (provisional title: edit it)" if article.title_provisional else ""
    print(f"imported {len(article.paragraphs)} paragraphs -> {target}{note}")
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `import`."""
    imp = sub.add_parser("import", help="turn a raw seed article into content/ar/YYYY/MM/<slug>.md")
    imp.add_argument("file", help="raw text: one paragraph per line, outlet dateline first")
    imp.add_argument("--date", required=True, help="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    imp.add_argument("--title", help="title (default: provisional, from the lead sentence)")
    imp.add_argument("--slug", help="file name / URL part (default: from the title)")
    imp.add_argument("--source-url", help="the outlet's home page")
    imp.add_argument("--original-url", help="the article's original URL")
    imp.add_argument("--root", default=".", help="project folder holding content/")
    imp.set_defaults(func=cmd_import)
