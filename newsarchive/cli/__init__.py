"""Command line: parse arguments, call one stage, print results. The only package that prints;
one module per group of commands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import building, entities, importing, translating
from .report import EXIT_USAGE, missing_project
from .translating import story_of

__all__ = ["main", "make_parser", "story_of"]


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Bilingual Arabic/English news archive builder."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    for group in (building, importing, translating, entities):
        group.add_commands(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    """Run one command; returns the process exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    refused = missing_project(args)
    if refused is not None:
        return refused
    result: int = args.func(args)
    return result
