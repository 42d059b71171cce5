"""Gather and render the whole site in memory (the dev server's builds; the CLI's is
sitebuild.build, re-exported here), gathering everything before writing anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .assemble import Site, assemble
from .config import load_config
from .content import read_content
from .diagnostics import BuildFailed, Diagnostic, errors_only
from .gloss import align_glosses
from .glossfiles import read_glosses
from .incremental import BuildMemo
from .jinjaenv import PACKAGE_TEMPLATES, Strings
from .model import OutputFile
from .parallel import parse_and_render
from .render import render_site
from .render_en import render_english
from .sitebuild import (
    BuildResult,
    build,
    load_registry,
    load_strings,
    template_diagnostic,
    templates_dir,
)

__all__ = [
    "PACKAGE_TEMPLATES",
    "BuildResult",
    "Gathered",
    "build",
    "gather",
    "load_registry",
    "load_strings",
    "render_files",
    "render_gathered",
    "templates_dir",
]


@dataclass(frozen=True)
class Gathered:
    """Phase one's result: the checked, assembled site and what renders it."""

    site: Site
    templates: Path
    strings: Strings
    problems: tuple[Diagnostic, ...]  # warnings only: any error raised BuildFailed


def gather(
    root: Path, base_url: str | None, memo: BuildMemo | None = None, search: bool = True
) -> Gathered:
    """Read, parse, check and assemble everything; BuildFailed if any input is invalid.

    `memo` carries parsed pieces from the previous build (the dev server's); without one
    (a one-off build, the CLI's) the per-article work is spread over all cores.
    """
    config = load_config(root, base_url, search)
    content = root / "content"  # the memo re-reads only files whose stat changed
    texts, diags = read_content(content) if memo is None else memo.read_content(content)
    registry, registry_diags = load_registry(root)
    if memo is not None:  # unchanged entities keep their identity between rebuilds
        registry = memo.stable_registry(registry)
    problems = list(diags) + list(registry_diags)
    if memo is None:
        parsed, bodies = parse_and_render(texts, registry, config)
    else:
        parsed = [memo.parse_article(text, rel) for rel, text in texts.items()]
    problems += [d for _, found in parsed for d in found]
    if errors_only(problems):
        raise BuildFailed(errors_only(problems))
    if memo is not None:
        bodies = memo.render_bodies([a for a, _ in parsed if a is not None], registry, config)
    read_en = read_glosses if memo is None else memo.read_glosses
    gloss_texts, gloss_read_diags = read_en(content)
    align = align_glosses if memo is None else memo.align_glosses  # the memo's: changed only
    glosses, gloss_diags = align(gloss_texts, bodies)
    problems += [*gloss_read_diags, *gloss_diags]
    if errors_only(problems):
        raise BuildFailed(errors_only(problems))
    if memo is None:
        site = assemble(config, registry, bodies, glosses)
    else:  # patched for the changed articles; unchanged views stay identical
        site = memo.assemble(config, registry, bodies, glosses)
    tdir = templates_dir(root)
    return Gathered(site, tdir, load_strings(root, tdir), tuple(problems))


def render_files(
    root: Path, base_url: str | None, memo: BuildMemo | None = None
) -> tuple[list[OutputFile], tuple[Diagnostic, ...]]:
    """Gather and render the whole site in memory; BuildFailed if any input is invalid.

    `memo` carries parsed and rendered pieces from the previous build (the dev server's).
    """
    return render_gathered(root, gather(root, base_url, memo), memo or BuildMemo())


def render_gathered(
    root: Path, gathered: Gathered, memo: BuildMemo
) -> tuple[list[OutputFile], tuple[Diagnostic, ...]]:
    """Render a gathered site in memory with the memo (the dev server renders viewed pages
    between gathering and this)."""
    site, tdir, strings = gathered.site, gathered.templates, gathered.strings
    try:
        env = memo.environment(tdir)
        files = render_site(site, env, strings, memo.renderer)
        files += render_english(site, env, strings, memo.renderer)
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_diagnostic(root, tdir, exc)]) from None
    memo.finish_render()
    # Last: the sitemap lists every page of both languages.
    files += memo.crawler_files(site.config, files)
    return files, gathered.problems
