"""A template that could not be rendered: which template file, which line, in plain words
(pure).

Jinja gives a syntax error (an unclosed block, an unknown filter) its template's file and
line. An error while rendering (a name the page is not given, an attribute a value lacks,
what a light view does not keep, a sum of text and a number) has only Python's traceback,
in which Jinja rewrites each frame of template code to point at the template: the frame's
code is named after the template's file, its line is the template's line (jinja2/debug.py,
rewrite_traceback_stack). The innermost such frame, one in the templates folder, is where
the template went wrong: in an included template or a macro, that one's line.

The renderer turns such an error into a TemplateFault where it happens, in a worker too:
the fault is a plain value that crosses back to the parent whole, where a traceback would
not. The build says it as a diagnostic, with the words of the line it points at
(fault_words).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from types import TracebackType

import jinja2

from ..assembly.lightviews import LightViewRead

# What a fault is: its kind says which words fault_words gives it.
ATTRIBUTE = "attribute"  # a value without the attribute asked for (`name`, of `owner`)
UNDEFINED = "undefined"  # a name the page is not given (`name`)
LIGHT = "light view"  # what a light view does not keep (`name`: the field, "LightArticle.body")
MISSING = "missing template"  # an include or page of a template the folder lacks (`name`)
OTHER = "other"

_NO_ATTRIBUTE = re.compile(r"'(?P<owner>.*)' has no (?:attribute|element) '(?P<name>.*)'$")
_UNDEFINED = re.compile(r"'(?P<name>.*)' is undefined$")
_TOOL = ("jinja2.", __name__.partition(".")[0] + ".")  # Jinja's errors and the tool's own
WHAT_LISTS_SEE = "docs/architecture.md, 'What list pages see'"


class TemplateFault(Exception):
    """A template that could not be rendered: its file (as the templates folder has it), its
    line, what kind of fault, the name it concerns and that name's owner
    (the type of the value an attribute was asked of), and the error's own words (Jinja's)."""

    def __init__(self, file: str, line: int, kind: str, name: str, owner: str, said: str) -> None:
        super().__init__(file, line, kind, name, owner, said)  # a worker's is pickled whole
        self.file, self.line, self.kind = file, line, kind
        self.name, self.owner, self.said = name, owner, said

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.said}"


def template_fault(exc: Exception, env: jinja2.Environment) -> TemplateFault | None:
    """The fault `exc` is, raised rendering one of env's templates; None for an error that
    is not the template's (a disk's, or one raised where no template was being run)."""
    if isinstance(exc, (OSError, MemoryError)) and not isinstance(exc, jinja2.TemplateNotFound):
        return None
    folders = [PurePath(folder) for folder in getattr(env.loader, "searchpath", ())]
    if isinstance(exc, jinja2.TemplateSyntaxError):  # an unknown filter too
        file = exc.filename or _in_folder(folders, exc.name or "")
        return TemplateFault(file, exc.lineno, OTHER, "", "", exc.message or str(exc))
    file, line = _innermost_template_line(exc.__traceback__, folders)
    if isinstance(exc, jinja2.TemplateNotFound):
        # Without a frame: a page's own template, which a project's folder lacks
        missing = str(exc.name)
        file = file or _in_folder(folders, missing)
        return TemplateFault(file, line or 1, MISSING, missing, "", "")
    if not file:
        return None
    said = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        found = _NO_ATTRIBUTE.match(said)
        if found:
            return TemplateFault(file, line, ATTRIBUTE, found["name"], found["owner"], said)
        found = _UNDEFINED.match(said)
        if found:
            return TemplateFault(file, line, UNDEFINED, found["name"], "", said)
    if isinstance(exc, LightViewRead):
        return TemplateFault(file, line, LIGHT, said.partition(" ")[0], "", said)
    if not type(exc).__module__.startswith(_TOOL):  # the tool's own errors speak plainly
        said = f"{type(exc).__name__}: {said}"
    return TemplateFault(file, line, OTHER, "", "", said)


def _in_folder(folders: list[PurePath], name: str) -> str:
    return str(folders[0] / name) if folders else name


def _innermost_template_line(tb: TracebackType | None, folders: list[PurePath]) -> tuple[str, int]:
    """The file and line of the innermost frame of template code; ("", 0) when none is."""
    found = ("", 0)
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if any(PurePath(file).is_relative_to(folder) for folder in folders):
            found = (file, tb.tb_lineno)
        tb = tb.tb_next
    return found


def fault_words(fault: TemplateFault, line: str) -> str:
    """What went wrong in plain words, Jinja's kept, given the text of the line the fault
    points at (the expression the template wrote is found on it)."""
    if fault.kind == MISSING:
        return (
            f"there is no template {fault.name!r} in the templates folder (a project's own "
            "templates/ folder replaces the shipped one whole: copy every shipped template "
            "into it)"
        )
    if fault.kind == UNDEFINED:
        return (
            f"the template uses {fault.name}, which this page is not given (a misspelling, "
            f"or a value only other pages get); Jinja says: {fault.said}"
        )
    if fault.kind == ATTRIBUTE:
        asked, lacking = _expression(line, fault.name), _lacking(fault.owner)
        return f"the template asks for {asked}, which {lacking}; Jinja says: {fault.said}"
    if fault.kind == LIGHT:
        field = fault.name.rpartition(".")[2]
        return (
            "list, entity and status pages and feeds see each article's light view, without "
            f"its body, blocks and English text: the template asks for {_expression(line, field)}"
            f" ({fault.name}), which a light view does not keep; show what it keeps (such as "
            f"the excerpt), or see {WHAT_LISTS_SEE}"
        )
    return fault.said


def _lacking(owner: str) -> str:
    """Who does not have what was asked, from Jinja's name of its type."""
    kind = owner.removesuffix(" object").rpartition(".")[2]
    if kind == "UIStrings":
        return "the UI strings (strings.toml) do not have"
    return "None does not have" if kind == "None" else f"its {kind} value does not have"


def _expression(line: str, name: str) -> str:
    """The expression on the line that asks for attribute `name` (`t.publishd`), else the
    name alone."""
    found = re.search(rf"[A-Za-z_][\w.]*(?:\[[^\]]*\][\w.]*)*\.{re.escape(name)}\b", line)
    return found[0] if found else repr(name)
