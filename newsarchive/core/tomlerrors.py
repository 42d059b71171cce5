"""Plain-words explanations of TOML syntax errors (site.toml, strings.toml), at their line (pure).

tomllib says where it gave up in its own words ("Illegal character '\\n' (at line 3,
column 25)"). Editors need to hear what to change: the common mistakes (an unclosed quote,
text without quotes, a setting given twice, a line without '=') get a sentence of their own;
anything else keeps tomllib's words, without the position the diagnostic already gives.
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostic
from .yamlerrors import CURLY_QUOTES

_SETTING = re.compile(r"\s*[\w\"'.-]+\s*=")
_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")

# tomllib's message (its start) -> what to do, in plain words.
_PLAIN_PROBLEMS = (
    ("Illegal character '\\n'", "a quoted value is not closed on its line: end it with its quote"),
    ("Unterminated string", "a quoted value is not closed: end it with its quote"),
    (
        "Invalid value",
        'this value is not understood: text goes in double quotes (title = "…"), '
        "numbers without them",
    ),
    ("Cannot overwrite a value", "this setting is given twice: keep one"),
    ("Cannot declare", "this table is given twice: keep one"),
    ("Expected '=' after a key", "a setting is written: name = value"),
    ("Invalid statement", "this line is not a setting (name = value) or a [table]"),
    (
        "Invalid initial character for a key part",
        "this line is not a setting (name = value) or a [table]",
    ),
    ("Unclosed array", "a list opened with '[' is not closed with ']'"),
    (
        "Unescaped '\\' in a string",
        "a backslash inside double quotes starts an escape: write \\\\ or use single quotes",
    ),
    ("Illegal character", "a control character (such as a tab) inside quotes: remove it"),
)


def toml_diagnostic(exc: ValueError, text: str, path: str) -> Diagnostic:
    """The diagnostic for a file tomllib could not parse: its line, plain words."""
    raw = str(exc)
    found = _POSITION.search(raw)
    words = raw[: found.start()] if found else raw
    line = int(found.group(1)) if found and found.group(1) else _last_setting(text)
    column = f" (column {found.group(2)})" if found and found.group(2) else ""
    plain = next((text for start, text in _PLAIN_PROBLEMS if words.startswith(start)), None)
    quote = _typographic_quote(text, line) if words.startswith("Invalid value") else None
    if quote is not None:  # a word processor's quotes: the editor did quote the value
        plain = (
            f"the value's {quote} is a typographic quote, not TOML's: write straight quotes \"…\""
        )
    if plain is None:
        return Diagnostic(path, line, f"not valid TOML: {words}{column}")
    return Diagnostic(path, line, f"{plain}{column}")


def _typographic_quote(text: str, line: int) -> str | None:
    """The curly quote that opens the value on this line, if one does."""
    lines = text.split("\n")
    value = lines[line - 1].partition("=")[2].lstrip() if line <= len(lines) else ""
    return value[0] if value and value[0] in CURLY_QUOTES else None


def _last_setting(text: str) -> int:
    """Where a value still open at the end of the file starts: the last setting's line."""
    lines = text.split("\n")
    settings = [n for n, line in enumerate(lines, 1) if _SETTING.match(line)]
    return settings[-1] if settings else 1
