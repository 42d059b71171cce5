"""Errors as values with positions: every problem in user input is a Diagnostic (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Invisible characters that change how a line reads: the bidi controls and marks (an
# override turns the text after it round, an isolate sets it apart), which make an address
# read other than where it leads (`…/\u202efdp.exe` reads `…/exe.pdf`).
BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_name(char: str) -> str:
    """A bidi control as a message names it: `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    return f"U+{ord(char):04X} ({unicodedata.name(char)})"


def with_controls_named(text: str) -> str:
    """Text with each bidi control written as its code point, `<U+202E>`, so that a message
    quoting it reads as what it holds."""
    return BIDI_CONTROL.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, printed as ``path:line: error: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Raised by a parser for a single input it cannot accept."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class BuildFailed(Exception):
    """The build collected errors; nothing was written."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def errors_only(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The diagnostics that stop a build (warnings do not)."""
    return tuple(d for d in diagnostics if d.severity == "error")
