"""build(): the whole story from content/ to site/, gathering everything before writing anything."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import buildcache
from .assemble import Site, assemble
from .config import load_config
from .content import read_content
from .diagnostics import BuildFailed, Diagnostic, errors_only
from .entities import Registry, parse_registry
from .fullbuild import FullBuild, write_full_site
from .gloss import align_glosses
from .glossfiles import read_glosses
from .incremental import BuildMemo
from .model import OutputFile
from .output import fill_site
from .parallel import parse_and_render
from .rebuild import patch_site
from .render import Strings, parse_strings, render_site
from .render_en import render_english
from .snapshotfile import save_full

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    pages: int
    seconds: float
    warnings: tuple[Diagnostic, ...]
    unchanged: int = 0  # pages left as they were (all of them when the build cache hit)


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


@dataclass(frozen=True)
class Gathered:
    """Phase one's result: the checked, assembled site and what renders it."""

    site: Site
    templates: Path
    strings: Strings
    problems: tuple[Diagnostic, ...]  # warnings only: any error raised BuildFailed


def gather(root: Path, base_url: str | None, memo: BuildMemo | None = None) -> Gathered:
    """Read, parse, check and assemble everything; BuildFailed if any input is invalid.

    `memo` carries parsed pieces from the previous build (the dev server's); without one
    (a one-off build, the CLI's) the per-article work is spread over all cores.
    """
    config = load_config(root, base_url)
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


def load_strings(root: Path, templates: Path) -> Strings:
    """The UI strings of a templates folder (strings.toml)."""
    file = templates / "strings.toml"
    return parse_strings(file.read_text(encoding="utf-8"), _shown(root, file))


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
        raise BuildFailed([_template_diagnostic(root, tdir, exc)]) from None
    memo.finish_render()
    # Last: the sitemap lists every page of both languages.
    files += memo.crawler_files(site.config, files)
    return files, gathered.problems


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
    root: Path,
    out_dir: Path,
    base_url: str | None = None,
    search: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the site under root into out_dir atomically; raises BuildFailed with every problem.

    Nothing is done when ROOT/.cache/ records a build of exactly these inputs into out_dir.
    """
    started = time.perf_counter()
    step = progress or (lambda phase: None)
    step("checking inputs")
    options = buildcache.BuildOptions(out_dir, base_url, search)
    record = buildcache.load_record(root)
    tdir = templates_dir(root)
    inputs = buildcache.input_state(root, tdir, options.as_dict(), record)
    if record is not None and buildcache.is_current(record, inputs.key, out_dir):
        return BuildResult(0, time.perf_counter() - started, record.warnings, record.pages)
    strings = load_strings(root, tdir)
    if record is not None and record.site and record.site == buildcache.site_stamp(out_dir):
        patched = patch_site(root, options, record, inputs, (tdir, strings), step)
        if patched is not None:
            written, unchanged, warnings = patched
            return BuildResult(written, time.perf_counter() - started, warnings, unchanged)
    buildcache.forget(root)  # a failed or interrupted build must never look current
    step("reading")
    registry = load_registry(root)
    made: list[FullBuild] = []

    def fill(folder: Path) -> int:
        def problem(exc: jinja2.TemplateError) -> BuildFailed:
            return BuildFailed([_template_diagnostic(root, tdir, exc)])

        made.append(write_full_site(root, base_url, folder, tdir, strings, registry, problem, step))
        return made[0].count

    finish = None
    if search:
        from .search import index_site

        def finish(folder: Path) -> None:
            step("indexing with Pagefind")
            index_site(folder)

    count = fill_site(out_dir, fill, tdir / "static", finish)
    warnings, snapshot = made[0].warnings, made[0].snapshot
    stamp = buildcache.site_stamp(out_dir)
    digest = save_full(root, snapshot, options.as_dict())
    _remember(root, buildcache.Record(inputs.key, stamp, count, warnings, inputs.files, 0, digest))
    return BuildResult(count, time.perf_counter() - started, warnings)


def _remember(root: Path, record: buildcache.Record) -> None:
    with contextlib.suppress(OSError):  # a read-only project builds; the next build is full
        buildcache.save_record(root, record)
