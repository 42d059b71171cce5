"""The Jinja environment of every render and the UI strings its templates read (pure
apart from loading templates): autoescaping, strict undefined, and three shortcuts through
Jinja's per-expression costs, each tested to render what Jinja alone renders."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, MutableMapping
from functools import partial
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.runtime
import markupsafe

from . import urls
from .diagnostics import BuildFailed, Diagnostic

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # the tool's own


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
        raise BuildFailed([Diagnostic(path, 1, str(exc))]) from None
    missing = set(data.get("ar", {})) ^ set(data.get("en", {}))
    if set(data) != set(urls.LANGS) or missing:
        raise BuildFailed(
            [Diagnostic(path, 1, f"strings differ between languages: {sorted(missing)}")]
        )
    tables = {
        lang: UIStrings((k, str(v)) for k, v in table.items()) for lang, table in data.items()
    }
    return UIStrings(tables.items())


def make_environment(
    templates_dir: Path, compiled: jinja2.BytecodeCache | None = None, *, reload: bool = False
) -> jinja2.Environment:
    """Autoescaping, strict Jinja2 environment over the templates folder (optionally with
    a cache of compiled templates, see buildcache.compiled_templates).

    reload: look for edited templates at each use, for an environment kept across builds
    (the dev server's); within one build templates do not change, and a stat per page is saved.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,
        auto_reload=reload,
    )
    env.context_class = _Context
    env.template_class = _Template
    return env


def _escape_to_str(value: Any) -> str:
    """What markupsafe.escape gives, as the plain str it is made of when value is a str."""
    return str(markupsafe.escape(value))


# markupsafe's C escaping of a plain str, without the Markup it is wrapped in (see _Template);
# private, hence the fallback with the same result.
_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _escape_to_str)


def _escape_output(value: Any) -> str:
    if type(value) is str:
        return _escape_str(value)
    if type(value) is markupsafe.Markup:  # safe already: markupsafe.escape would copy it
        return value
    if type(value) is int:  # digits need no escaping (paragraph numbers, counts, years)
        return str(value)
    return markupsafe.escape(value)


class _Template(jinja2.Template):
    """A template whose output expressions escape a plain str into a plain str.

    Compiled templates escape each `{{ … }}` with markupsafe.escape, which wraps the result
    in a Markup through a Python-level constructor: a twentieth of an article page's time.
    What is output only ever goes into a join (the page, or a block or macro body that is
    wrapped in Markup whole), where a Markup and the str it holds give the same text.
    Markup and objects with __html__ still take markupsafe's way.
    """

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        namespace["escape"] = _escape_output
        return super()._from_namespace(environment, namespace, globals)


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling plain functions and methods the short way.

    For every call in a template Jinja looks on the callable, and on its __call__, for a
    mark asking for the context (pass_context and kin): four attribute lookups, a tenth of
    the time of a list page. A function or partial carries such a mark on itself, a method
    on its function (asking the method costs ten times more: it raises and catches an
    AttributeError inside), and a builtin never (it has no attributes of its own); anything
    else takes Jinja's way.
    """

    def call(self, obj: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        kind = type(obj)
        if kind is MethodType:
            marked = hasattr(obj.__func__, "jinja_pass_arg")  # type: ignore[attr-defined]
        elif kind is FunctionType or kind is partial:
            marked = hasattr(obj, "jinja_pass_arg")
        else:
            marked = kind is not BuiltinFunctionType
        if marked:
            return super().call(obj, *args, **kwargs)
        if kwargs:  # Jinja passes its own to calls in a loop or block, for pass_context
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )
