"""Command line: parse arguments, call one stage, print results. The only module that prints."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import BuildFailed, ContentError, Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site."""
    from .output import OutputError
    from .pipeline import build

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        result = build(root, out, args.base_url, search=not args.no_search)
    except BuildFailed as failed:
        _print_diagnostics(failed.diagnostics)
        print(
            f"build failed: {len(failed.diagnostics)} error(s); {out} was not changed",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    _print_diagnostics(result.warnings)
    if not args.quiet:
        print(
            f"built {result.pages} pages in {result.seconds:.2f} s, "
            f"{len(result.warnings)} warning(s) -> {out.resolve()}/index.html"
        )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Turn a raw seed article into a content file."""
    from .importer import import_article, write_import

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


def cmd_entities_find(args: argparse.Namespace) -> int:
    """Print the entity mentions found in a text or Markdown file."""
    from .content import read_text_file
    from .entities import parse_registry
    from .matcher import build_matcher, find_mentions

    registry_path = (
        Path(args.registry) if args.registry else Path(args.root) / "content" / "entities.yaml"
    )
    try:
        text = read_text_file(Path(args.file))
        registry, diags = parse_registry(read_text_file(registry_path), str(registry_path))
    except ContentError as exc:
        _print_diagnostics([exc.diagnostic])
        return EXIT_FAILED
    if diags:
        _print_diagnostics(diags)
        return EXIT_FAILED
    mentions = find_mentions(build_matcher(registry), text)
    rows = [
        {"id": m.entity_id, "start": m.start, "end": m.end, "surface": m.surface} for m in mentions
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['start']}-{row['end']}\t{row['id']}\t{row['surface']}")
    return EXIT_OK


def cmd_entities_suggest(args: argparse.Namespace) -> int:
    """List candidate entities that the registry lacks."""
    from .content import read_content
    from .pipeline import load_registry
    from .suggest import suggest_entities

    root = Path(args.root)
    texts, diags = read_content(root / "content")
    registry, registry_diags = load_registry(root)
    _print_diagnostics(list(diags) + list(registry_diags))
    documents = [("content/" + rel, text) for rel, text in texts.items()]
    for s in suggest_entities(documents, registry)[: args.limit]:
        places = ", ".join(f"{p}:{line}" for p, line in s.places[:3])
        print(f"{s.count}\t{s.name}\t{s.reason}\t{places}")
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Bilingual Arabic/English news archive builder."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    build = sub.add_parser("build", help="build the site into site/")
    build.add_argument("--root", default=".", help="project folder holding content/ (default: .)")
    build.add_argument("--out", help="output folder (default: ROOT/site)")
    build.add_argument(
        "--base-url", help="public URL of the site, e.g. https://user.github.io/repo/"
    )
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    build.add_argument("--quiet", action="store_true", help="print only errors")
    build.set_defaults(func=cmd_build)

    imp = sub.add_parser("import", help="turn a raw seed article into content/ar/YYYY/MM/<slug>.md")
    imp.add_argument("file", help="raw text: one paragraph per line, outlet dateline first")
    imp.add_argument("--date", required=True, help="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    imp.add_argument("--title", help="title (default: provisional, from the lead sentence)")
    imp.add_argument("--slug", help="file name / URL part (default: from the title)")
    imp.add_argument("--source-url", help="the outlet's home page")
    imp.add_argument("--original-url", help="the article's original URL")
    imp.add_argument("--root", default=".", help="project folder holding content/")
    imp.set_defaults(func=cmd_import)

    entities = sub.add_parser("entities", help="entity registry tools")
    esub = entities.add_subparsers(dest="entities_command", required=True, metavar="action")
    find = esub.add_parser("find", help="print the mentions found in a text or Markdown file")
    find.add_argument("file")
    find.add_argument("--registry", help="registry file (default: ROOT/content/entities.yaml)")
    find.add_argument("--root", default=".")
    find.add_argument("--json", action="store_true", help="print JSON")
    find.set_defaults(func=cmd_entities_find)
    suggest = esub.add_parser("suggest", help="list candidate entities missing from the registry")
    suggest.add_argument("--root", default=".")
    suggest.add_argument("--limit", type=int, default=50)
    suggest.set_defaults(func=cmd_entities_suggest)
    return parser


def main(argv: Sequence[str]) -> int:
    """Run one command; returns the process exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    result: int = args.func(args)
    return result
