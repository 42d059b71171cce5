"""Errors as values with positions: every problem in user input is a Diagnostic (pure); and
how messages count things (`1 conflict`, `2 conflicts`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .arabic import BIDI_CONTROLS

# Invisible characters that change how a line reads: the bidi controls and marks (an
# override turns the text after it round, an isolate sets it apart), which make an address
# read other than where it leads (`…/\u202efdp.exe` reads `…/exe.pdf`).
BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_name(char: str) -> str:
    """A bidi control as a message names it: `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    return f"U+{ord(char):04X} ({unicodedata.name(char)})"


# What a message must not hold raw: the control characters (ESC clears a terminal or
# colours it; a line feed followed by `::error file=…` is a GitHub Actions annotation of its
# own) and the bidi controls, which turn the rest of the line round.
_UNSHOWABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")


def shown(text: str) -> str:
    """Text as a message quotes it (a user's key, file name or value): each control
    character and bidi control written as its code point, `<U+001B>`, `<U+202E>`. Every
    diagnostic is printed through it (Diagnostic.__str__)."""
    if text.isprintable():  # most text: no control character, no bidi control
        return text
    return _UNSHOWABLE.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, printed as ``path:line: error: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {self.severity}: {shown(self.message)}"


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


def noun_for(number: int, noun: str, plural: str | None = None) -> str:
    """The noun as a message counts `number` of it: `conflict` for 1, else `conflicts`
    (`plural` where an s will not do: `images or links`)."""
    return noun if number == 1 else plural or noun + "s"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A number and its noun, as messages say them: `1 conflict`, `1,200 rows`."""
    return f"{number:,} {noun_for(number, noun, plural)}"


def errors_only(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The diagnostics that stop a build (warnings do not)."""
    return tuple(d for d in diagnostics if d.severity == "error")
