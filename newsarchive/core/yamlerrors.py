"""Plain-words explanations of YAML syntax errors, at the line where the problem starts (pure).

libyaml reports where it gave up, which is often a line or two after the mistake (an
unclosed quote swallows the next line; `date:"…"` is read as text until the next key) and in
the parser's words (`did not find expected key`). When a document does not parse, the lines
up to the one libyaml names are read again, one at a time, for the mistakes editors make:
an unclosed quote, a key without the space after its ':', a list item without the space
after its '-', a tab, indentation that matches none of the lines above, and a hashtag in a
[list] or {mapping} written on one line (YAML reads its '#' as a comment's). The first one
found is reported instead of libyaml's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `key:value`, `- key:value` (a URL's `http://` is not a key: ':' is followed by '/').
_KEY_WITHOUT_SPACE = re.compile(r"(?:- +)?([A-Za-z_][A-Za-z0-9_-]*):([^\s/:].*)")
_DASH_WITHOUT_SPACE = re.compile(r"-([A-Za-z_][A-Za-z0-9_-]*): ")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*|\"[^\"]*\"|'[^']*'):(?: +(.*))?")
_BLOCK_SCALAR = re.compile(r"[|>][+-]?[0-9]?(?: +#.*)?")

# What libyaml says, when none of the above is found, in plainer words.
_PLAIN_PROBLEMS = {
    "found unexpected end of stream": "the text ends inside an unfinished value",
    "did not find expected ',' or ']'": "a list opened with '[' is not closed with ']'",
    "did not find expected ',' or '}'": "a mapping opened with '{' is not closed with '}'",
}
_UNCLOSED_BRACKETS = {
    "did not find expected ',' or ']'": "[]",
    "did not find expected ',' or '}'": "{}",
}
INDENTATION = "indentation does not match the lines above"
CURLY_QUOTES = "“”„‘’«"


@dataclass(frozen=True)
class Problem:
    """A mistake on ``line`` (1-based, within the YAML text), in plain words."""

    line: int
    message: str


def explain(text: str, parser_line: int, parser_problem: str) -> Problem:
    """The first recognisable mistake on or before ``parser_line`` (where libyaml stopped),
    else libyaml's own line and problem in the plainest words available."""
    lines = text.split("\n")
    found = _first_mistake(lines, min(parser_line, len(lines)))
    if found is not None:
        return found
    if parser_problem in _PLAIN_PROBLEMS:
        opened = _UNCLOSED_BRACKETS.get(parser_problem)
        where = parser_line
        if opened is not None:  # the line that opened it, not the one libyaml stopped at
            where = next(
                (n for n in range(min(parser_line, len(lines)), 0, -1)
                 if lines[n - 1].count(opened[0]) > lines[n - 1].count(opened[1])),
                parser_line,
            )  # fmt: skip
        return Problem(where, _PLAIN_PROBLEMS[parser_problem])
    if "tab" in parser_problem:
        return Problem(parser_line, "a tab is used for indentation: indent with spaces")
    if parser_problem in (
        "did not find expected key",
        "did not find expected '-' indicator",
        "mapping values are not allowed in this context",
    ):
        return Problem(parser_line, INDENTATION)
    return Problem(parser_line, f"invalid YAML: {parser_problem}")


def _first_mistake(lines: list[str], last: int) -> Problem | None:
    levels = [0]  # indentation of the mappings and lists open at this point
    opener: int | None = None  # indentation of a `key:` whose value is on the lines below
    block: int | None = None  # inside a `key: |` text block deeper than this
    number = 0
    while number < last:
        number += 1
        raw = lines[number - 1]
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if block is not None:
            if indent > block:
                continue
            block = None
        if raw[indent] == "\t":
            return Problem(number, "a tab is used for indentation: indent with spaces")
        if _DASH_WITHOUT_SPACE.match(stripped):
            return Problem(number, "missing space after '-'")
        if _KEY_WITHOUT_SPACE.fullmatch(stripped):
            return Problem(number, "missing space after ':'")
        if opener is not None and (indent > opener or stripped.startswith("- ")):
            if indent > opener:
                levels.append(indent)
        elif indent > levels[-1] and ": " not in stripped and not stripped.endswith(":"):
            continue  # a plain text value continued on the next line
        else:
            while len(levels) > 1 and levels[-1] > indent:
                levels.pop()
            if levels[-1] != indent:
                return Problem(number, INDENTATION)
            if not stripped.startswith(("-", "[", "{", '"', "'")) and ":" not in stripped:
                return Problem(number, "missing ':' after the key")
        opener = None
        content = stripped
        column = indent
        while content.startswith("- "):  # `- key: value`: the mapping starts after the dash
            rest = content[2:].lstrip(" ")
            column += len(content) - len(rest)
            content = rest
            if content:
                levels.append(column)
        key = _KEY.fullmatch(content)
        value = (key.group(2) or "") if key else content
        if (key and not value.strip()) or (not key and content == "-"):
            opener = column
        elif _BLOCK_SCALAR.fullmatch(value):
            block = column
        elif value and value[0] in "\"'":
            quote = value[0]
            closed = _closing_line(lines, number - 1, len(raw) - len(value), quote)
            if closed is None:
                return Problem(number, f"unclosed quote: the {quote} opened here is never closed")
            if closed < 0:
                return Problem(
                    number,
                    f"a {quote} inside the quoted value ends it early: write «…» inside"
                    + (' or \\"' if quote == '"' else " or ''"),
                )
            number = closed  # a quoted value over several lines, properly closed
        elif value[:1] in "[{" and (flow := _flow_hashtag_problem(lines, number, value)):
            return flow
        elif key and _read_as_yaml(value):
            return Problem(
                number, f"a value starting with '{value[0]}' is not read as text: put it in quotes"
            )
        elif key and ": " in value and value[0] not in "[{":
            if value[0] in CURLY_QUOTES:  # a word processor's quotes are text to YAML
                return Problem(
                    number,
                    f"a ': ' inside the value, whose {value[0]} is a typographic quote, not "
                    'YAML\'s: put the value in straight quotes "…"',
                )
            return Problem(number, "a ': ' inside the value: put the value in quotes")
    return None


def _read_as_yaml(value: str) -> bool:
    """Whether a value's first character gives it a YAML meaning the editor did not intend:
    `*عاجل*`, `@handle`, `%50`, `- عاجل`, `> text`, `[عاجل] قصف` (a list, then more text)."""
    if value[0] in "*!%@`" or value.startswith("- "):  # &: anchors have their own message
        return True
    if value[0] in "|>":
        return _BLOCK_SCALAR.fullmatch(value) is None
    closer = {"[": "]", "{": "}"}.get(value[0])
    text = value.split(" #", 1)[0].rstrip()
    return closer is not None and text.count(value[0]) == text.count(closer) and text[-1] != closer


_FLOW_KINDS = {"[": "list", "{": "mapping"}
_QUOTED = {'"': re.compile(r'"(?:[^"\\]|\\.)*"'), "'": re.compile(r"'(?:[^']|'')*'")}


def _flow_hashtag_problem(lines: list[str], number: int, value: str) -> Problem | None:
    """A hashtag in a [list] or {mapping} opened on line `number` (1-based) with `value`,
    on that line or on the lines it runs on to: the line of the '#', in plain words."""
    spanned = [value]
    depth = _depth(value)
    for line in lines[number:]:  # on to the line that closes it, as brackets count
        if depth <= 0:
            break
        spanned.append(line)
        depth += _depth(line)
    text = "\n".join(spanned)
    found = hashtag_in_flow(text)
    if found is None:
        return None
    kind, item, at = found
    return Problem(number + text[:at].count("\n"), hashtag_message(kind, item))


def _depth(text: str) -> int:
    """Brackets opened and not closed in a line (quoted or not: a bound, not a parse)."""
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def hashtag_message(kind: str, item: str) -> str:
    """What to do about a hashtag YAML read as a comment inside a list or mapping."""
    return f"a '#' inside the {kind} starts a comment: put '{item}' in quotes"


def hashtag_in_flow(value: str) -> tuple[str, str, int] | None:
    """The kind of a [list] or {mapping} (written on one line or over several), its item
    holding a '#' that YAML reads as its own sign, and where that '#' is in `value`: a
    comment after a space or at the start of a continuation line (`[موازنة, #اقتصاد]`
    loses `#اقتصاد]`, its closing bracket too), or no value at all opening an item
    (`[a,#b]`). libyaml then says only that it found no node, or that the list is not
    closed, on a later line; over several lines it may also drop the item silently. A '#'
    inside a word (`b#c`, `…/#frag`) is text, and `# words` after a space a comment the
    editor meant, which runs to the end of its line."""
    openers: list[str] = []
    item_start = at = 0
    while at < len(value):
        char = value[at]
        if char in _FLOW_KINDS:
            openers.append(char)
            item_start = at + 1
        elif char in "]}":
            if len(openers) <= 1:
                return None  # the collection closes: what follows is no part of it
            openers.pop()
        elif char == "," or (char == ":" and value[at + 1 : at + 2] in (" ", "\n")):
            item_start = at + 1
        elif char in _QUOTED and not value[item_start:at].strip():  # a quoted item: skip it
            quoted = _QUOTED[char].match(value, at)
            if quoted is None:
                return None  # unclosed: a mistake of its own
            at = quoted.end() - 1
        elif char == "#":
            before = value[item_start:at]
            if before.strip() and not before[-1].isspace():
                pass  # inside a word: text
            elif value[at + 1 : at + 2].isalnum():
                end = next((i for i in range(at, len(value)) if value[i] in ",]}\n"), len(value))
                return _FLOW_KINDS[openers[-1]], value[item_start:end].strip(), at
            else:  # a comment meant: its words are no part of the collection
                newline = value.find("\n", at)
                at = len(value) if newline == -1 else newline
                continue
        at += 1
    return None


def _closing_line(lines: list[str], index: int, start: int, quote: str) -> int | None:
    """The 1-based line where the quote opened at lines[index][start] closes, if what follows
    it there is only a comment; None for a quote never closed or closed on a later line before
    more text (the next value's quote); -1 when it closes on its own line before more text
    (a quote inside the value)."""
    first = index
    position = start + 1
    while index < len(lines):
        line = lines[index]
        while position < len(line):
            char = line[position]
            if quote == '"' and char == "\\":
                position += 2
                continue
            if char == quote:
                if quote == "'" and line[position + 1 : position + 2] == "'":
                    position += 2
                    continue
                after = line[position + 1 :].strip()
                if after and not after.startswith("#") and after[0] not in ",]}":
                    # the quote closes, then text: a quote inside the value, or (on a later
                    # line) the next value's opening quote
                    return -1 if index == first else None
                return index + 1
            position += 1
        index += 1
        position = 0
        # a later line that reads as `key: value` while the quote is still open: the quote
        # was never meant to run onto it
        following = lines[index].strip() if index < len(lines) else ""
        if _KEY.fullmatch(following) and following.count(quote) % 2 == 0:
            return None
    return None
