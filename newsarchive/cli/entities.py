"""`entities find` and `entities suggest`: the registry's tools."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.diagnostics import ContentError, Diagnostic
from .report import EXIT_FAILED, EXIT_OK, print_diagnostics

if TYPE_CHECKING:
    from ..entities.matcher import Matcher
    from ..entities.registry import Entity

CONTEXT_WORDS = 6  # either side of a mention audited with --entity


def cmd_entities_find(args: argparse.Namespace) -> int:
    """Print the entity mentions found in text or Markdown files and folders; with
    --entity, one entity's only, each with the name that found it and its context."""
    from ..content.textfiles import read_text_file
    from ..core.diagnostics import errors_only
    from ..entities.registry import Registry, parse_registry

    registry_path = (
        Path(args.registry) if args.registry else Path(args.root) / "content" / "entities.yaml"
    )
    try:
        registry, diags = parse_registry(read_text_file(registry_path), str(registry_path))
    except ContentError as exc:
        print_diagnostics([exc.diagnostic])
        return EXIT_FAILED
    print_diagnostics(diags)  # a warning (a name repeated, a placeholder id) stops nothing:
    if errors_only(diags):  # `suggest --yaml` pasted as documented leaves some
        return EXIT_FAILED
    # An entry marked removed is found as any other: its mentions are what must still go.
    registry = Registry((*registry.entities, *registry.removed))
    entity = registry.by_id().get(args.entity) if args.entity else None
    if args.entity and entity is None:
        close = difflib.get_close_matches(args.entity, list(registry.by_id()), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        print(f"entities find: no entity has the id '{args.entity}'{hint}", file=sys.stderr)
        return EXIT_FAILED
    from ..entities.matcher import build_matcher

    matcher = build_matcher(registry)  # once: a folder may hold the whole archive
    files, problems = _text_files(args.files)
    rows = []
    for file in files:
        try:
            rows += _mentions(matcher, entity, str(file), read_text_file(file))
        except ContentError as exc:
            problems.append(exc.diagnostic)
    _print_mentions(rows, entity, args.json)
    print_diagnostics(problems)  # after the mentions: one unreadable file stops none
    return EXIT_FAILED if problems else EXIT_OK


def _text_files(names: list[str]) -> tuple[list[Path], list[Diagnostic]]:
    """The files named, and the .md and .txt files under the folders named, in order."""
    files, problems = [], []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            files.append(path)  # unreadable or missing: reading it says why
            continue
        found = sorted(p for p in path.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
        if not found:
            problems.append(Diagnostic(name, 1, "no .md or .txt file in this folder"))
        files += found
    return files, problems


def _mentions(
    matcher: Matcher, entity: Entity | None, shown: str, text: str
) -> list[dict[str, object]]:
    """The body's mentions of one file (of `entity` only, if given) as rows to print."""
    from ..entities.englishspellings import english_spellings, name_skeletons
    from ..entities.matcher import find_mentions, names_matched

    # One entity's audit reads the whole file: a title in the front matter is shown on pages.
    body = 0 if entity is not None else _body_start(text)
    found = find_mentions(matcher, text[body:])
    names: tuple[str, ...] = ()
    spans = [(m.start, m.end, m.entity_id, m.surface) for m in found]
    if entity is not None:
        found = tuple(m for m in found if m.entity_id == entity.id)
        names = names_matched(entity, text, found)
        spans = [(m.start, m.end, m.entity_id, m.surface) for m in found]
        english = english_spellings(name_skeletons(entity), text)
        spans += [(start, end, entity.id, text[start:end]) for start, end in english]
        names += (entity.en_names[0],) * len(english) if entity.en_names else ()
    rows: list[dict[str, object]] = []
    for number, (start, end, entity_id, surface) in enumerate(spans):
        start, end = body + start, body + end
        line_start = text.rfind("\n", 0, start) + 1
        line = text.count("\n", 0, start) + 1
        row = {"file": shown, "id": entity_id, "line": line, "column": start - line_start + 1}
        row |= {"start": start, "end": end, "surface": surface}
        if entity is not None:
            row |= {"name": names[number], "context": _context(text, start, end)}
        rows.append(row)
    return sorted(rows, key=lambda row: (row["line"], row["column"]))


def _context(text: str, start: int, end: int) -> str:
    """A few words either side of text[start:end] on its line, which stands in «»."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].split(" ")
    after = text[end : len(text) if line_end == -1 else line_end].split(" ")
    shown_before = " ".join(before[-CONTEXT_WORDS - 1 :])  # the words and what is attached
    shown_after = " ".join(after[: CONTEXT_WORDS + 1])
    return (
        ("…" if len(before) > CONTEXT_WORDS + 1 else "")
        + f"{shown_before}«{text[start:end]}»{shown_after}"
        + ("…" if len(after) > CONTEXT_WORDS + 1 else "")
    )


def _print_mentions(rows: list[dict[str, object]], entity: Entity | None, as_json: bool) -> None:
    """The rows, as JSON or one a line; with an entity, then how often each of its names
    found it (on stderr, so that the lines can be piped)."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif entity is None:
        for row in rows:
            print(f"{row['file']}:{row['line']}:{row['column']}\t{row['id']}\t{row['surface']}")
    else:
        for row in rows:
            print(f"{row['file']}:{row['line']}:{row['column']}\t{row['name']}\t{row['context']}")
    if entity is not None:
        counts = Counter(row["name"] for row in rows)
        files = len({row["file"] for row in rows})
        each = ", ".join(f"{name} {counts[name]}" for name in (*entity.ar, *entity.en_names[:1]))
        print(
            f"entities find: '{entity.id}' found {len(rows)} time(s) in {files} file(s): {each}",
            file=sys.stderr,
        )


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
    from ..content.articles import parse_article
    from ..content.registryfile import read_registry
    from ..content.textfiles import read_content
    from ..core.diagnostics import errors_only
    from ..entities.entrydraft import draft_id, registry_entry
    from ..entities.suggest import suggest_entities

    root = Path(args.root)
    texts, diags = read_content(root / "content")
    registry, registry_diags = read_registry(root / "content")
    documents = [("content/" + rel, text) for rel, text in texts.items()]
    problems = [*diags, *registry_diags]
    withdrawn = set()
    for rel, text in texts.items():  # a broken article is reported as by every command
        article, found = parse_article(text, rel)
        problems += found
        if article is not None and article.withdrawn is not None:
            withdrawn.add("content/" + rel)  # no page shows its text, nor names it
    if args.files:
        documents, missing = _chosen(root, args.files, dict(documents))
        problems += missing
    documents = [(path, text) for path, text in documents if path not in withdrawn]
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
    from ..content.textfiles import read_text_file

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
    find = esub.add_parser(
        "find", help="print the mentions found in text or Markdown files (folders: every one)"
    )
    find.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    find.add_argument(
        "--entity",
        metavar="ID",
        help="only this entity's mentions, each with the name that found it and its context",
    )
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
