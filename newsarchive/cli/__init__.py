"""Command line: parse arguments, call one stage, print results. The only package that prints;
one module per group of commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from . import (
    building,
    entities,
    exporting,
    importing,
    moving,
    publishing,
    status,
    translating,
)
from .report import EXIT_USAGE, linked_content, missing_project
from .translating import story_named

__all__ = ["main", "make_parser", "story_named"]


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    return _parser_noting(set())


def _parser_noting(options: set[str]) -> argparse.ArgumentParser:
    """The argument parser with every command, adding to `options` every option string that
    any command takes (for the spelling hint)."""

    class Parser(argparse.ArgumentParser):
        # argparse makes each command's parser of the class of the parser it is added to
        # (add_subparsers' parser_class), so every command's arguments come through here.
        def add_argument(self, *name_or_flags: str, **kwargs: Any) -> argparse.Action:
            options.update(name for name in name_or_flags if name.startswith("-"))
            return super().add_argument(*name_or_flags, **kwargs)

    parser = Parser(prog="build.py", description="Bilingual Arabic/English news archive builder.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    groups = (building, importing, moving, translating, status, entities, exporting, publishing)
    for group in groups:
        group.add_commands(sub)
    return parser


def _hint_spelling(argv: Sequence[str]) -> None:
    """Options are spelled with '-': `--base_url` (site.toml's key) means --base-url."""
    known: set[str] = set()
    _parser_noting(known)
    for arg in argv:
        option = arg.split("=", 1)[0]
        spelled = option.replace("_", "-")
        if option.startswith("--") and spelled != option and spelled in known:
            print(f"did you mean {spelled}?", file=sys.stderr)


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
    if refused is None:
        refused = linked_content(args)
    if refused is not None:
        return refused
    result: int = args.func(args)
    return result
