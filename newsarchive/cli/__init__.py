"""Command line: parse arguments, call one stage, print results. The only package that prints;
one module per group of commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import building, entities, importing, moving, publishing, translating
from .report import EXIT_USAGE, missing_project
from .translating import story_of

__all__ = ["main", "make_parser", "story_of"]


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Bilingual Arabic/English news archive builder."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    for group in (building, importing, moving, translating, entities, publishing):
        group.add_commands(sub)
    return parser


def _hint_spelling(argv: Sequence[str]) -> None:
    """Options are spelled with '-': `--base_url` (site.toml's key) means --base-url."""
    known = _option_strings(make_parser())
    for arg in argv:
        option = arg.split("=", 1)[0]
        spelled = option.replace("_", "-")
        if option.startswith("--") and spelled != option and spelled in known:
            print(f"did you mean {spelled}?", file=sys.stderr)


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _option_strings(child)
    return found


def main(argv: Sequence[str]) -> int:
    """Run one command; returns the process exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code in (0, None):
            return 0
        _hint_spelling(argv)
        return EXIT_USAGE
    refused = missing_project(args)
    if refused is not None:
        return refused
    result: int = args.func(args)
    return result
