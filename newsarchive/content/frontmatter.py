"""Split a Markdown file into front matter and body; decode and normalise text (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.diagnostics import ContentError, Diagnostic, bidi_name
from ..core.yamldoc import Node, parse_yaml
from .conflicts import conflict_markers

MAX_FRONT_MATTER_CHARS = 64 * 1024


@dataclass(frozen=True)
class Document:
    """A content file split into its front matter (a mapping Node) and its body."""

    meta: dict[str, Node]
    body: str
    body_line: int


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 bytes to NFC text with LF line ends; invalid UTF-8 names its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        kind = next((kind for magic, kind in _DOCUMENTS if data.startswith(magic)), None)
        if kind is not None:  # the whole file is the problem, not a byte on some line
            message = f"file is {kind}, not plain text: save it as plain text (UTF-8)"
            raise ContentError(Diagnostic(path, 1, message)) from None
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(Diagnostic(path, line, _not_utf8(data, exc.start))) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError(Diagnostic(path, line, "file contains a NUL character"))
    text = unicodedata.normalize("NFC", with_lf(text))
    conflict = conflict_markers(text, path)
    if conflict is not None:
        raise ContentError(conflict)
    return text


def with_lf(text: str) -> str:
    """Text without a byte-order mark, with LF line ends (Notepad's CRLF, old Mac's CR)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def saved_like(text: str, original: bytes) -> bytes:
    """Text (LF line ends, as with_lf gives) encoded as the original file was saved: with
    its byte-order mark and its CRLF line ends, if it had them (a Windows editor's), so that
    a tool's edit shows in git as the lines it changed, not as every line."""
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if original.count(b"\r\n") * 2 > original.count(b"\n") else "\n"
    return (bom + text).replace("\n", newline).encode("utf-8")


def _not_utf8(data: bytes, at: int) -> str:
    """What to do about bytes that are not UTF-8: Windows editors save UTF-16 ("Unicode")
    or the Arabic code page (Windows-1256)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "file is UTF-16, not UTF-8: save it again as UTF-8"
    if _ARABIC_LETTER.search(data.decode("cp1256", errors="replace")):
        return (
            f"file is not valid UTF-8 (byte {at}); it looks saved in the Arabic Windows "
            "encoding (Windows-1256): save it again as UTF-8"
        )
    return f"file is not valid UTF-8 (byte {at}): save it again as UTF-8"


def legacy_encoding(data: bytes) -> str | None:
    """The encoding of bytes that are no UTF-8 but certainly text saved by a Windows editor
    in another: 'utf-16' (a byte-order mark opens it, and it reads as UTF-16) or 'cp1256'
    (Arabic letters in the Arabic Windows code page); None when that is not certain. Not
    Windows-1256: a document (a .docx), a file holding UTF-8 Arabic too (two files pasted
    together: either reading garbles the other half), or one whose reading puts Latin
    letters inside Arabic words (à, é, ç), as another Arabic code page read as this one
    does (ISO-8859-6, Mac Arabic)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return "utf-16"
    if data.startswith(tuple(magic for magic, _ in _DOCUMENTS)):
        return None
    text = data.decode("cp1256")  # every byte is a character of it
    if not _ARABIC_LETTER.search(text) or _LATIN_IN_ARABIC.search(text):
        return None
    if _ARABIC_LETTER.search(data.decode("utf-8", errors="replace")):
        return None
    return "cp1256"


# Files an editor may take for text: their first bytes, and what they are. Read as
# Windows-1256 their bytes hold Arabic letters, so they were told to save again as UTF-8.
_DOCUMENTS = (
    (b"PK\x03\x04", "a Word or OpenDocument document (.docx, .odt)"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document (.doc)"),
    (b"%PDF", "a PDF"),
)

# An Arabic letter in the text as Windows-1256 reads it: its letters are bytes 0xC1–0xFE,
# which are never valid UTF-8 on their own.
_ARABIC_LETTER = re.compile("[\u0621-\u064a]{2}")
# A Latin letter of Windows-1256 (its bytes 0xC0-0xFF hold à, ç, é …) touching an Arabic one.
_LATIN_IN_ARABIC = re.compile("[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]")


def closing_fence(lines: Sequence[str]) -> int | None:
    """The index of the '---' line that closes front matter opened on line 1 (None: none)."""
    return next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)


# A line meant as '---' that is not: a word processor makes '---' a dash (—), and a pasted
# line may hold an invisible character or one dash too many.
_DASHES = frozenset("-‐‑‒–—―_")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00a0 \t"


def _almost_fence(line: str) -> bool:
    cleaned = line.strip(_INVISIBLE)
    return cleaned != "---" and bool(cleaned) and set(cleaned) <= _DASHES


def _not_a_fence(path: str, number: int, line: str, role: str) -> ContentError:
    shown = line.strip(" \t")
    return ContentError(
        Diagnostic(
            path,
            number,
            f"the line that {role} the front matter must be exactly --- (three hyphens), not "
            f"'{shown}' (a word processor turns --- into a dash): write --- on this line",
        )
    )


# Characters no page may hold (HTML forbids them; browsers show nothing or a box): C0 and C1
# controls but tab and line feed. Word pastes a manual line break (Shift+Enter) as U+000B.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_LIKE = {"\x0b": "Word's manual line break", "\x0c": "a page break"}


def control_character(text: str, path: str) -> Diagnostic | None:
    """An error at the first control character of a content file, if it has one."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    char = found.group()
    name = f"U+{ord(char):04X}"
    if char in _LINE_LIKE:
        what, fix = f"{name}, {_LINE_LIKE[char]}", "put a line break in its place"
    else:
        what, fix = name, "delete it"
    message = f"a control character ({what}) is on this line, which pages cannot show: {fix}"
    return Diagnostic(path, text.count("\n", 0, found.start()) + 1, message)


# The bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO): an override turns the text
# after it round (`\u202efdp.exe` reads `exe.pdf`), and one left open reaches past its own
# field into the page around it (a headline's into the date beside it in a list). Pages set
# Arabic and Latin apart themselves (content/bidi.py), so no honest text needs them.
EMBEDDING = re.compile("[\u202a-\u202e]")
# The isolates (LRI, RLI, FSI and PDI) set a run apart without turning it round; pasted
# hashtags and names carry them. Kept, but each closed on its line: one left open sets
# apart all that follows it, past its field.
_ISOLATE = re.compile("[\u2066-\u2069]")


def bidi_embedding(text: str, path: str) -> Diagnostic | None:
    """An error at the first bidi embedding or override of a content file, or at the first
    line whose isolates are not each closed on it, if there is one."""
    found = EMBEDDING.search(text)
    if found is not None:
        message = (
            f"an invisible bidi control, {bidi_name(found.group())}, is on this line: it turns "
            "round or re-embeds the text after it, past its own field, so readers could see "
            "other than what is written ('<U+202E>fdp.exe' shows as 'exe.pdf'); delete it: "
            "pages set Arabic and Latin apart themselves"
        )
        return Diagnostic(path, text.count("\n", 0, found.start()) + 1, message)
    if _ISOLATE.search(text) is None:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        problem = _unbalanced_isolate(line)
        if problem:
            return Diagnostic(path, number, problem)
    return None


def _unbalanced_isolate(line: str) -> str:
    """Why the isolates of a line are not each closed on it ("" if they are)."""
    opened: list[str] = []
    for found in _ISOLATE.finditer(line):
        char = found.group()
        if char != "\u2069":
            opened.append(char)
        elif opened:
            opened.pop()
        else:
            return (
                f"an invisible {bidi_name(char)} on this line closes no isolate opened before "
                "it on the line: delete it"
            )
    if opened:
        return (
            f"an invisible {bidi_name(opened[-1])} on this line is not closed by U+2069 (POP "
            "DIRECTIONAL ISOLATE) on it, so it would set apart all that follows it, past its "
            "own field: close it or delete it"
        )
    return ""


def split_document(text: str, path: str) -> Document:
    """Parse the leading '---' fenced YAML front matter; the rest is the body. A control
    character anywhere is an error at its line, and so is a bidi embedding or override, or
    an isolate left open."""
    control = control_character(text, path) or bidi_embedding(text, path)
    if control is not None:
        raise ContentError(control)
    lines = text.split("\n")
    if lines and _almost_fence(lines[0]):
        raise _not_a_fence(path, 1, lines[0], "opens")
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            Diagnostic(path, 1, "missing front matter (the file must start with ---)")
        )
    end = closing_fence(lines)
    if end is None:
        almost = next((i for i in range(1, len(lines)) if _almost_fence(lines[i])), None)
        if almost is not None:
            raise _not_a_fence(path, almost + 1, lines[almost], "closes")
        blank = next((i for i in range(1, len(lines)) if not lines[i].strip()), None)
        where = f" (line {blank + 1}, before the text)" if blank is not None else ""
        message = f"front matter is not closed by ---: add a line --- after its last key{where}"
        raise ContentError(Diagnostic(path, 1, message))
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise ContentError(
            Diagnostic(path, 1, f"front matter is larger than {MAX_FRONT_MATTER_CHARS} characters")
        )
    root = parse_yaml(yaml_text, path, first_line=2)
    if root.value is None:
        meta: dict[str, Node] = {}
    elif isinstance(root.value, dict):
        meta = root.value
    else:
        raise ContentError(Diagnostic(path, 2, "front matter must be a mapping of keys to values"))
    return Document(meta, "\n".join(lines[end + 1 :]), end + 2)


def text_field(meta: dict[str, Node], key: str, path: str, diags: list[Diagnostic]) -> str | None:
    """An optional one-line text value; anything else is a diagnostic."""
    node = meta.get(key)
    if node is None or node.value is None:
        return None
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, f"'{key}' must be text"))
        return None
    value = " ".join(node.value.split())
    if not value:
        return None
    return value


def names_field(
    meta: dict[str, Node], key: str, path: str, diags: list[Diagnostic]
) -> tuple[str, ...]:
    """An optional name or list of names (a byline's): each on one line, none empty."""
    node = meta.get(key)
    if node is None or node.value is None:
        return ()
    if isinstance(node.value, str) and not node.value.strip():
        return ()  # `author: ""`, as a gloss stub leaves it for the translator
    items = node.value if isinstance(node.value, list) else [node]
    wrong = [item for item in items if not (isinstance(item.value, str) and item.value.strip())]
    if wrong:  # at the first item that is no name: where the problem starts
        diags.append(Diagnostic(path, wrong[0].line, f"'{key}' must be a name or a list of names"))
        return ()
    return tuple(" ".join(str(item.value).split()) for item in items)


def flag_field(meta: dict[str, Node], key: str, path: str, diags: list[Diagnostic]) -> bool:
    """An optional true/false value (only those words: YAML 1.1 'yes'/'no' are not flags)."""
    node = meta.get(key)
    if node is None or node.value is None:
        return False
    if node.value in ("true", "false"):
        return node.value == "true"
    diags.append(Diagnostic(path, node.line, f"'{key}' must be true or false"))
    return False
