"""`entities find` and `entities suggest`: the registry's tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from .report import EXIT_FAILED, EXIT_OK, print_diagnostics


def cmd_entities_find(args: argparse.Namespace) -> int:
    """Print the entity mentions found in a text or Markdown file."""
    from ..content.articles import read_text_file
    from ..core.diagnostics import errors_only
    from ..entities.matcher import build_matcher, find_mentions
    from ..entities.registry import parse_registry

    registry_path = (
        Path(args.registry) if args.registry else Path(args.root) / "content" / "entities.yaml"
    )
    try:
        text = read_text_file(Path(args.file))
        registry, diags = parse_registry(read_text_file(registry_path), str(registry_path))
    except ContentError as exc:
        print_diagnostics([exc.diagnostic])
        return EXIT_FAILED
    print_diagnostics(diags)
    if errors_only(diags):  # a warning (an id still `entities suggest`'s placeholder) stops nothing
        return EXIT_FAILED
    body = _body_start(text)
    mentions = find_mentions(build_matcher(registry), text[body:])
    rows = []
    for m in mentions:
        start, end = body + m.start, body + m.end
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        rows.append(
            {"id": m.entity_id, "line": line, "column": column, "start": start, "end": end}
            | {"surface": m.surface}
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{args.file}:{row['line']}:{row['column']}\t{row['id']}\t{row['surface']}")
    return EXIT_OK


def _body_start(text: str) -> int:
    """Where a Markdown article's body starts (after its '---' front matter), else 0: the
    sidebar is made of the body's mentions, so the front matter's are not shown."""
    from ..content.frontmatter import closing_fence

    lines = text.split("\n")
    close = closing_fence(lines) if lines[0].strip() == "---" else None
    return 0 if close is None else sum(len(line) + 1 for line in lines[: close + 1])


def cmd_entities_suggest(args: argparse.Namespace) -> int:
    """List candidate entities that the registry lacks (of every article, or of the given
    ones), or print them as registry entries to paste (--yaml)."""
    from ..content.articles import parse_article, read_content, read_registry
    from ..core.diagnostics import errors_only
    from ..entities.entrydraft import draft_id, registry_entry
    from ..entities.suggest import suggest_entities

    root = Path(args.root)
    texts, diags = read_content(root / "content")
    registry, registry_diags = read_registry(root / "content")
    documents = [("content/" + rel, text) for rel, text in texts.items()]
    problems = [*diags, *registry_diags]
    for rel, text in texts.items():  # a broken article is reported as by every command
        problems += parse_article(text, rel)[1]
    if args.files:
        documents, missing = _chosen(root, args.files, dict(documents))
        problems += missing
    print_diagnostics(problems)
    if errors_only(problems):
        print("entities suggest: fix the errors above first", file=sys.stderr)
        return EXIT_FAILED
    suggestions = suggest_entities(documents, registry)[: args.limit]
    if not suggestions:
        print(
            f"entities suggest: nothing to suggest in {len(documents)} article(s)", file=sys.stderr
        )
    taken = [entity.id for entity in registry.entities]
    for s in suggestions:
        if args.yaml:
            taken.append(draft_id(s.name, taken))
            print(registry_entry(s, taken[-1]) + "\n")
            continue
        places = ", ".join(f"{p}:{line}" for p, line in s.places[:3])
        print(f"{s.count}\t{s.kind}\t{s.name}\t{s.reason}\t{places}")
        print(f"\t{s.sentence}")
    return EXIT_OK


def _chosen(
    root: Path, files: list[str], texts: dict[str, str]
) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """The documents of the named article files (as given, or under ROOT)."""
    from ..content.articles import read_text_file

    chosen, problems = [], []
    for name in files:
        file = Path(name)
        if not file.exists() and (root / name).exists():
            file = root / name
        try:
            shown = file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = name
        if shown in texts:
            chosen.append((shown, texts[shown]))
            continue
        try:
            chosen.append((shown, read_text_file(file)))
        except ContentError as exc:
            problems.append(exc.diagnostic)
    return chosen, problems


def _positive(value: str) -> int:
    """A count of at least 1, for argparse (which then says what was wrong)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not '{value}'") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `entities find` and `entities suggest`."""
    entities = sub.add_parser("entities", help="entity registry tools")
    esub = entities.add_subparsers(dest="entities_command", required=True, metavar="action")
    find = esub.add_parser("find", help="print the mentions found in a text or Markdown file")
    find.add_argument("file")
    find.add_argument("--registry", help="registry file (default: ROOT/content/entities.yaml)")
    find.add_argument("--root", default=".", help="project folder holding content/")
    find.add_argument("--json", action="store_true", help="print JSON")
    find.set_defaults(func=cmd_entities_find)
    suggest = esub.add_parser("suggest", help="list candidate entities missing from the registry")
    suggest.add_argument(
        "files", nargs="*", metavar="FILE", help="only these articles (default: every article)"
    )
    suggest.add_argument("--root", default=".", help="project folder holding content/")
    suggest.add_argument(
        "--limit", type=_positive, default=50, help="at most this many (default: 50)"
    )
    suggest.add_argument(
        "--yaml", action="store_true", help="print registry entries to paste into entities.yaml"
    )
    suggest.set_defaults(func=cmd_entities_suggest)
