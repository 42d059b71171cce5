"""Command line: parse arguments, call one stage, print results. The only module that prints."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .core.diagnostics import BuildFailed, ContentError, Diagnostic

if TYPE_CHECKING:
    from .content.glossfiles import Stories

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site."""
    from .build.engine import build
    from .build.output import OutputError

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    started = time.perf_counter()
    try:
        progress = _progress(started) if _show_progress(args.quiet) else None
        result = build(root, out, args.base_url, search=not args.no_search, progress=progress)
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
        rate = f", {result.pages / result.seconds:.0f} pages/s" if result.pages else ""
        print(
            f"built {result.pages} pages, {result.unchanged} unchanged in {result.seconds:.2f} s"
            f"{rate}, {len(result.warnings)} warning(s) -> {out.resolve()}/index.html"
        )
    return EXIT_OK


def _show_progress(quiet: bool) -> bool:
    """Progress lines only for a person at a terminal: never with --quiet, in CI or in a pipe."""
    return not quiet and not os.environ.get("CI") and sys.stderr.isatty()


def _progress(started: float) -> Callable[[str], None]:
    """A reporter that rewrites one terminal line with the phase and the time so far."""

    def report(phase: str) -> None:
        took = time.perf_counter() - started
        print(f"\r\x1b[K[{took:6.1f} s] {phase} …", end="", file=sys.stderr, flush=True)
        if phase.startswith("writing"):
            print(file=sys.stderr)

    return report


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, serve with live reload, rebuild on every change until Ctrl-C."""
    from .serve.loop import Preview, base_path_of, run_preview
    from .serve.server import DevServer

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        server = DevServer((args.host, args.port), out, base_path_of(root, args.base_url))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        run_preview(Preview(root, out, args.base_url, not args.no_search), server, _say)
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return EXIT_OK


def _say(line: str) -> None:
    print(line, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    """Turn a raw seed article into a content file."""
    from .content.importer import import_article, write_import

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
    from .content.articles import read_text_file
    from .entities.matcher import build_matcher, find_mentions
    from .entities.registry import parse_registry

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
    from .build.engine import load_registry
    from .content.articles import read_content
    from .entities.suggest import suggest_entities

    root = Path(args.root)
    texts, diags = read_content(root / "content")
    registry, registry_diags = load_registry(root)
    _print_diagnostics(list(diags) + list(registry_diags))
    documents = [("content/" + rel, text) for rel, text in texts.items()]
    for s in suggest_entities(documents, registry)[: args.limit]:
        places = ", ".join(f"{p}:{line}" for p, line in s.places[:3])
        print(f"{s.count}\t{s.name}\t{s.reason}\t{places}")
    return EXIT_OK


def cmd_gloss(args: argparse.Namespace) -> int:
    """Create English gloss stubs and add pending blocks for new Arabic paragraphs."""
    from .content.glossfiles import load_stories, write_gloss
    from .core.diagnostics import errors_only

    root = Path(args.root)
    stories, diags = load_stories(root)
    _print_diagnostics(diags)
    if errors_only(diags):
        print("gloss: fix the errors above first; no gloss file was changed", file=sys.stderr)
        return EXIT_FAILED
    if args.accept:
        return _accept(root, stories, args.accept, args.block)
    if args.block:
        print("gloss: --block goes with --accept", file=sys.stderr)
        return EXIT_USAGE
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    failed = False
    for article, blocks in stories.bodies:
        change, problems = write_gloss(root / "content", article, blocks, stories.registry)
        _print_diagnostics(problems)
        failed = failed or bool(problems)
        if change is not None:
            counts[change.action] += 1
            if change.action != "unchanged":
                print(f"{change.action} {change.path}")
    print(", ".join(f"{n} {action}" for action, n in counts.items()))
    return EXIT_FAILED if failed else EXIT_OK


def _accept(root: Path, stories: Stories, names: list[str], only: list[str] | None) -> int:
    """gloss --accept: each named article's stale blocks (or only `only`) become current."""
    from .content.glossfiles import accept_gloss

    by_story = {article.story: (article, blocks) for article, blocks in stories.bodies}
    failed = False
    for name in names:
        story = story_of(name)
        if story not in by_story:
            print(f"{name}: no article content/ar/{story}.md", file=sys.stderr)
            failed = True
            continue
        article, blocks = by_story[story]
        change, accepted, problems = accept_gloss(
            root / "content", article, blocks, stories.registry, only
        )
        _print_diagnostics(problems)
        failed = failed or bool(problems)
        if change is None:
            continue
        missing = sorted(set(only or ()) - set(accepted))
        if missing:
            print(f"{change.path}: not stale: {', '.join(missing)}", file=sys.stderr)
            failed = True
        done = f"accepted {', '.join(accepted)}" if accepted else "nothing stale"
        print(f"{change.path}: {done}")
    return EXIT_FAILED if failed else EXIT_OK


def story_of(name: str) -> str:
    """The story a command-line name means: content/ar/…/x.md, en/…/x.md or YYYY/MM/x."""
    story = Path(name).as_posix().removesuffix(".md").rsplit("/content/", 1)[-1]
    story = story.removeprefix("./").removeprefix("content/")
    for lang in ("ar/", "en/"):
        story = story.removeprefix(lang)
    return unicodedata.normalize("NFC", story)


def cmd_status(args: argparse.Namespace) -> int:
    """Print translation progress per article: glossed, pending, stale."""
    from .content.gloss import article_status
    from .content.glossfiles import load_stories
    from .core.diagnostics import errors_only

    stories, diags = load_stories(Path(args.root))
    _print_diagnostics(diags)
    if errors_only(diags):
        return EXIT_FAILED
    rows = [
        article_status(stories.glosses[a.story])
        for a, _ in sorted(stories.bodies, key=lambda ab: ab[0].story)
    ]
    totals = {k: sum(getattr(r, k) for r in rows) for k in ("done", "pending", "stale")}
    if args.json:
        data = {
            "articles": [
                {
                    "story": r.story,
                    "file": f"content/en/{r.story}.md" if r.has_file else None,
                    "glossed": r.done,
                    "pending": r.pending,
                    "stale_count": r.stale,
                    "stale": [
                        {"id": i, "fingerprint_now": fp}
                        for i, fp in zip(r.stale_ids, r.stale_prints, strict=True)
                    ],
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
    print("glossed\tpending\tstale\tarticle")
    for r in rows:
        marks = [f"{i} (now {fp})" for i, fp in zip(r.stale_ids, r.stale_prints, strict=True)]
        extra = f"\tstale: {', '.join(marks)}" if marks else ""
        extra += f"\torphan blocks: {', '.join(r.orphans)}" if r.orphans else ""
        extra += "" if r.has_file else "\t(no gloss file: run `gloss`)"
        print(f"{r.done}\t{r.pending}\t{r.stale}\t{r.story}{extra}")
    print(f"{totals['done']}\t{totals['pending']}\t{totals['stale']}\ttotal")
    if totals["stale"]:
        print("stale: revise or check the English, then `build.py gloss --accept FILE`")
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

    serve = sub.add_parser("serve", help="live preview: serve, watch and rebuild on every save")
    serve.add_argument("--root", default=".", help="project folder holding content/ (default: .)")
    serve.add_argument("--out", help="served output folder (default: ROOT/site)")
    serve.add_argument("--host", default="127.0.0.1", help="interface (default: 127.0.0.1 only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free)")
    serve.add_argument("--base-url", help="public URL, e.g. https://user.github.io/repo/")
    serve.add_argument(
        "--no-search",
        action="store_true",
        help="no search index: pages without search keys, no re-indexing",
    )
    serve.set_defaults(func=cmd_serve)

    imp = sub.add_parser("import", help="turn a raw seed article into content/ar/YYYY/MM/<slug>.md")
    imp.add_argument("file", help="raw text: one paragraph per line, outlet dateline first")
    imp.add_argument("--date", required=True, help="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    imp.add_argument("--title", help="title (default: provisional, from the lead sentence)")
    imp.add_argument("--slug", help="file name / URL part (default: from the title)")
    imp.add_argument("--source-url", help="the outlet's home page")
    imp.add_argument("--original-url", help="the article's original URL")
    imp.add_argument("--root", default=".", help="project folder holding content/")
    imp.set_defaults(func=cmd_import)

    gloss = sub.add_parser(
        "gloss", help="create English gloss stubs; add pending blocks for new paragraphs"
    )
    gloss.add_argument("--root", default=".", help="project folder holding content/")
    gloss.add_argument(
        "--accept",
        nargs="+",
        metavar="FILE",
        help="instead: mark the stale blocks of these articles' glosses as current, after "
        "checking their English (the Arabic or English file, or YYYY/MM/slug)",
    )
    gloss.add_argument(
        "--block", action="append", metavar="pN", help="with --accept: only this block (repeat)"
    )
    gloss.set_defaults(func=cmd_gloss)
    status = sub.add_parser("status", help="translation progress: glossed / pending / stale")
    status.add_argument("--root", default=".", help="project folder holding content/")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=cmd_status)

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
