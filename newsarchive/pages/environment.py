"""The Jinja environment of every render and the UI strings its templates read (pure
apart from loading templates): autoescaping, strict undefined, and three shortcuts through
Jinja's per-expression costs, each tested to render what Jinja alone renders."""

from __future__ import annotations

import keyword as keyword_module
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.ext
import markupsafe
from jinja2 import nodes
from jinja2.compiler import Frame

from ..content.bidi import english_title_plain, isolate_arabic, latin_isolated, names_html
from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.tomlerrors import toml_diagnostic

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"  # the tool's own


class UIStrings(dict[str, Any]):
    """A table of UI strings whose keys templates read as attributes (`t.home`).

    On a plain dict Jinja first tries the attribute, fails and catches the error, then
    looks the key up: 90 failed lookups an article, 4% of its time. The keys are also the
    instance's attributes (a plain lookup, no Python call; built once, never changed), but
    for those named like a dict method, which keeps its meaning.
    """

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        super().__init__(items)
        self.__dict__.update((key, value) for key, value in self.items() if not hasattr(dict, key))

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


Strings = dict[str, dict[str, str]]  # language -> key -> text (UIStrings from parse_strings)


def parse_strings(text: str, path: str) -> Strings:
    """The UI strings file: one table per language with the same keys."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuildFailed([toml_diagnostic(exc, text, path)]) from None
    problems = _unpaired_strings(text, path, data)
    if problems:
        raise BuildFailed(problems)
    tables = {
        lang: UIStrings((k, str(v)) for k, v in table.items()) for lang, table in data.items()
    }
    return UIStrings(tables.items())


def _unpaired_strings(text: str, path: str, data: dict[str, Any]) -> list[Diagnostic]:
    """What makes the file no pair of tables of the same keys: a table other than [ar] and
    [en], or one missing (at line 1), and each key one of them lacks (at the other's line)."""
    names = ", ".join(f"[{name}]" for name in data) or "none"
    if set(data) != set(urls.LANGS) or not all(isinstance(data[k], dict) for k in urls.LANGS):
        words = f"the UI strings are two tables, [ar] and [en]: this file has {names}"
        return [Diagnostic(path, 1, words)]
    lines = _string_lines(text)
    return [
        Diagnostic(
            path,
            lines.get((lang, key), 1),
            f"the UI string {key!r} is in [{lang}] but not in [{other}]: add it there too "
            "(every page's words are in both languages)",
        )
        for lang, other in (urls.LANGS, urls.LANGS[::-1])
        for key in data[lang]
        if key not in data[other]
    ]


_TABLE = re.compile(r"\s*\[\s*(\w+)\s*\]")
_KEY = re.compile(r"""\s*(?:(\w+)|"([^"]*)"|'([^']*)')\s*=""")


def _string_lines(text: str) -> dict[tuple[str, str], int]:
    """The line that sets each key of each table (tomllib gives no positions)."""
    table, found = "", dict[tuple[str, str], int]()
    for number, line in enumerate(text.split("\n"), start=1):
        if heading := _TABLE.match(line):
            table = heading[1]
        elif setting := _KEY.match(line):
            key = next(part for part in setting.groups() if part is not None)
            found.setdefault((table, key), number)
    return found


def make_environment(
    templates_dir: Path, compiled: jinja2.BytecodeCache | None = None, *, reload: bool = False
) -> jinja2.Environment:
    """Autoescaping, strict Jinja2 environment over the templates folder (optionally with
    a cache of compiled templates, see build.compiledtemplates.compiled_templates).

    reload: look for edited templates at each use, for an environment kept across builds
    (the dev server's); within one build templates do not change, and a stat per page is saved.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        extensions=[Unindented],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,
        auto_reload=reload,
    )
    env.code_generator_class = _CodeGenerator
    env.filters["latin_isolated"] = _latin_isolated
    env.filters["arabic_isolated"] = _arabic_isolated
    env.filters["names"] = _names
    # An article's English title as plain text (<title>, og:title): the words the macro of
    # _english_title.html shows as HTML.
    env.globals["english_title_plain"] = english_title_plain
    return env


def _names(names: Sequence[str], lang: str) -> markupsafe.Markup:
    """A byline's names as one phrase of `lang`, for a template (content/bidi.py)."""
    return markupsafe.Markup(names_html(names, lang))


def _latin_isolated(text: str) -> markupsafe.Markup:
    """Plain Arabic text with its Latin set apart (content/bidi.py), for a template."""
    return markupsafe.Markup(latin_isolated(text))


def _arabic_isolated(text: str) -> markupsafe.Markup:
    """Plain English text (a gloss's title, its translator, a quoted sentence) as HTML,
    escaped, each run of Arabic in a <bdi lang="ar"> as in the gloss's paragraphs."""
    return markupsafe.Markup(isolate_arabic(str(markupsafe.escape(text))))


class Unindented(jinja2.ext.Extension):
    """Templates are indented for people; pages are written without it: 0.2 KB of an article
    page, 0.6 KB of an entity page (lighter pages are a target). HTML renders
    a line's leading white space as nothing more than the line break before it, except in a
    <pre> or <textarea>: a template holding one (a project's own) is left as it is."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if _KEEPS_SPACES.search(source):
            return source
        return _INDENT_AFTER_TAG.sub("\n ", _INDENT.sub("\n", source))


_INDENT = re.compile(r"(?<![%#]\})\n[ \t]+")
# After a block or comment tag, trim_blocks takes the line break, and the indentation is
# then the only white space between what comes before and after: one space keeps it.
_INDENT_AFTER_TAG = re.compile(r"(?<=[%#]\})\n[ \t]+")
_KEEPS_SPACES = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def _escape_to_str(value: Any) -> str:
    """What markupsafe.escape gives, as the plain str it is made of when value is a str."""
    return str(markupsafe.escape(value))


# markupsafe's C escaping of a plain str, without the Markup it is wrapped in (see
# _escape_output); private, hence the fallback with the same result (tested alike).
_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _escape_to_str)


def _escape_output(value: Any) -> str:
    """markupsafe.escape for what templates output, a plain str escaped into a plain str.

    Compiled templates escape each `{{ … }}` with markupsafe.escape, which wraps the result
    in a Markup through a Python-level constructor: a twentieth of an article page's time.
    What is output only ever goes into a join (the page, or a block or macro body that is
    wrapped in Markup whole), where a Markup and the str it holds give the same text.
    Markup and objects with __html__ still take markupsafe's way. The code _CodeGenerator
    writes binds it as the compiled module's `escape`.
    """
    if type(value) is str:
        return _escape_str(value)
    if type(value) is markupsafe.Markup:  # safe already: markupsafe.escape would copy it
        return value
    if type(value) is int:  # digits need no escaping (paragraph numbers, counts, years)
        return str(value)
    return markupsafe.escape(value)


_PACKAGE = __name__.rpartition(".")[0] + "."


def _plain_call(callee: object) -> bool:
    """Whether a template may call `callee` straight (see _CodeGenerator): a builtin (it can
    carry no mark asking for the context), or a function or method of this package that
    carries none. Jinja would call these the same way, but for catching a StopIteration,
    which none of them raises; any other callable takes Jinja's way."""
    if type(callee) is MethodType:
        callee = callee.__func__
    elif type(callee) is not FunctionType:
        return type(callee) is BuiltinFunctionType
    module: str = callee.__module__
    return module.startswith(_PACKAGE) and not hasattr(callee, "jinja_pass_arg")


# The version of what _CodeGenerator writes, part of the key of compiled templates kept by a
# cache (build/compiledtemplates.py): change it with what the generator writes.
COMPILED_CODE = "direct-calls-1, unindented-3, escape-output-1"


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Template code that calls plain functions and methods straight and escapes output
    with _escape_output (Jinja's documented hook, `Environment.code_generator_class`, for
    changing the code a template compiles to).

    Jinja compiles every call in a template into a call of the context's `call` method,
    which looks for a mark asking for the context (pass_context and kin) and then calls
    with the arguments repacked: a twentieth of a list page's time, for the same result
    as calling directly for what _plain_call admits. Each call site keeps its callee in a
    local of its own (a walrus) to test it once; the arguments are written in both
    branches and evaluated in one. Calls with * or ** arguments, with an argument named
    like a Python keyword or forwarding a caller, and sandboxed environments, are left to
    Jinja.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._callees = 0

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(node, frame)
        # The calls' test and the output's escaping, imported by the compiled module itself
        # (its render functions read both when they run, after the module's last line): a
        # compiled copy kept by a cache is complete, and Jinja's template class is used as
        # it is.
        self.writeline(f"from {__name__} import _plain_call as plain_call")
        self.writeline(f"from {__name__} import _escape_output as escape")

    @jinja2.compiler.optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        keywords = [keyword.key for keyword in node.kwargs]
        if (
            forward_caller
            or node.dyn_args is not None
            or node.dyn_kwargs is not None
            or self.environment.is_async
            or self.environment.sandboxed
            or any(map(keyword_module.iskeyword, keywords))
        ):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self._callees += 1
        callee = f"callee_{self._callees}"
        self.write(f"({callee}(")
        for number, argument in enumerate([*node.args, *node.kwargs]):
            self.write(", " if number else "")
            self.visit(argument, frame)
        self.write(f") if plain_call({callee} := ")
        self.visit(node.node, frame)
        self.write(f") else context.call({callee}")
        extra = {"_loop_vars": "_loop_vars"} if frame.loop_frame else {}
        if frame.block_frame:
            extra["_block_vars"] = "_block_vars"
        self.signature(node, frame, extra or None)
        self.write("))")
