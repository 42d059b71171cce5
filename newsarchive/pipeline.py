"""build(): the whole story from content/ to site/, gathering everything before writing anything."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from . import urls
from .assemble import assemble
from .config import load_config
from .content import parse_article, read_content
from .diagnostics import BuildFailed, Diagnostic, errors_only
from .entities import Registry, parse_registry
from .markdown import render_body
from .matcher import build_matcher, find_mentions
from .model import OutputFile
from .output import write_site
from .render import make_environment, parse_strings, render_site

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    pages: int
    seconds: float
    warnings: tuple[Diagnostic, ...]


def templates_dir(root: Path) -> Path:
    """The project's own templates/ when it has one, else the ones shipped with the tool."""
    own = root / "templates"
    return own if own.is_dir() else PACKAGE_TEMPLATES


def load_registry(root: Path) -> tuple[Registry, tuple[Diagnostic, ...]]:
    """Read and parse content/entities.yaml (an absent registry is an empty one)."""
    file = root / "content" / "entities.yaml"
    if not file.exists():
        return Registry(()), ()
    return parse_registry(file.read_text(encoding="utf-8"), "content/entities.yaml")


def render_files(
    root: Path, base_url: str | None
) -> tuple[list[OutputFile], tuple[Diagnostic, ...]]:
    """Gather and render the whole site in memory; BuildFailed if any input is invalid."""
    config = load_config(root, base_url)
    texts, diags = read_content(root / "content")
    registry, registry_diags = load_registry(root)
    problems = list(diags) + list(registry_diags)
    parsed = [parse_article(text, rel) for rel, text in texts.items()]
    problems += [d for _, found in parsed for d in found]
    if errors_only(problems):
        raise BuildFailed(errors_only(problems))
    matcher = build_matcher(registry)
    find = partial(find_mentions, matcher)
    href = lambda entity_id: urls.href(config, urls.entity("ar", entity_id))  # noqa: E731
    bodies = [(a, render_body(a.body, find, href)) for a, _ in parsed if a is not None]
    site = assemble(config, registry, bodies)
    tdir = templates_dir(root)
    strings_file = tdir / "strings.toml"
    strings = parse_strings(strings_file.read_text(encoding="utf-8"), _shown(root, strings_file))
    try:
        files = render_site(site, make_environment(tdir), strings)
    except jinja2.TemplateError as exc:
        raise BuildFailed([_template_diagnostic(root, tdir, exc)]) from None
    return files, tuple(problems)


def _shown(root: Path, file: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


def _template_diagnostic(root: Path, tdir: Path, exc: jinja2.TemplateError) -> Diagnostic:
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None) or 1
    where = _shown(root, tdir / name) if name else _shown(root, tdir)
    return Diagnostic(where, line, f"template error: {exc.message or exc}")


def build(
    root: Path, out_dir: Path, base_url: str | None = None, search: bool = True
) -> BuildResult:
    """Build the site under root into out_dir atomically; raises BuildFailed with every problem."""
    started = time.perf_counter()
    files, warnings = render_files(root, base_url)
    finish = None
    if search:
        from .search import index_site

        finish = index_site
    count = write_site(out_dir, files, templates_dir(root) / "static", finish)
    return BuildResult(count, time.perf_counter() - started, warnings)
