"""The Jinja environment of every render and the UI strings its templates read (pure
apart from loading templates): autoescaping, strict undefined, Jinja's own code generator
and template class."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic

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
    a cache of compiled templates, see build.cache.compiled_templates).

    reload: look for edited templates at each use, for an environment kept across builds
    (the dev server's); within one build templates do not change, and a stat per page is saved.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,
        auto_reload=reload,
    )
