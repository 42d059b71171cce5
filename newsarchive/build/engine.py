"""build(): the one build of content/ into site/, the command line's and the dev server's:
skipped, patched or made in full (I/O).

This module imports only what deciding and patching need: an edit's build at 20,000
articles takes under half a second, and importing the whole tool would be a third of it.
The full build's modules are imported when one is made.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.config import load_config
from ..content.photoweight import one_warning_per_photo
from ..content.registryfile import read_registry
from ..content.textfiles import refused_entry
from ..core.diagnostics import BuildFailed, Diagnostic
from ..core.hosts import NOTHING, SiteSize
from ..entities.registry import Registry
from ..pages.environment import PACKAGE_TEMPLATES, Strings, parse_strings
from ..pages.templatefaults import TemplateFault, fault_words
from . import cache
from .articlesgone import Gone, addresses_gone, articles_gone
from .collector import collector_paused
from .editscope import Edit, Written
from .keptarticles import Kept, kept_articles
from .media import media_names
from .output import fill_site
from .patch import patch_site
from .registryedit import entity_pages_gone
from .snapshotfile import LoadedOnce, load_once, save_base, save_delta
from .textchanges import Earlier, earlier_texts, text_warnings

if TYPE_CHECKING:
    from .full import FullBuild
    from .snapshot import Snapshot


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line and the dev server."""

    files: int  # files written (a full build: every file of the new site folder)
    seconds: float
    warnings: tuple[Diagnostic, ...]
    unchanged: int = 0  # pages left as they were (all of them when the build cache hit)
    written: tuple[str, ...] | None = ()  # files replaced in place; None: a new folder
    size: SiteSize = NOTHING  # the whole site's, as it is now
    # What this build took away that readers and other sites may link: entity pages whose
    # id is gone (notes: registryedit.entity_pages_gone), articles whose file is gone
    # (warnings: articlesgone.py), and paragraph anchors an edit moved or a published text
    # changed with no correction note (warnings: textchanges.py). Said once, with the
    # summary, and kept from the record's warnings: a cold build of the same content, which
    # has no last build to compare with, would not say it.
    removed: tuple[Diagnostic, ...] = ()


def templates_dir(root: Path) -> Path:
    """The project's own templates/ when it has one, else the ones shipped with the tool."""
    own = root / "templates"
    return own if own.is_dir() else PACKAGE_TEMPLATES


def load_strings(root: Path, templates: Path) -> Strings:
    """The UI strings of a templates folder (strings.toml)."""
    file = templates / "strings.toml"
    return parse_strings(file.read_text(encoding="utf-8"), _shown(root, file))


def _shown(root: Path, file: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


def template_diagnostic(root: Path, fault: TemplateFault) -> Diagnostic:
    """A template's fault at its file (the project's templates/… or the shipped one) and
    line, in plain words about what the line asks for (I/O: the line is read)."""
    file = Path(fault.file)
    line = ""
    with contextlib.suppress(OSError, UnicodeDecodeError, IndexError):
        line = file.read_text(encoding="utf-8").split("\n")[fault.line - 1]
    return Diagnostic(_shown(root, file), fault.line, f"template error: {fault_words(fault, line)}")


def build(
    root: Path,
    out_dir: Path,
    base_url: str | None = None,
    search: bool = True,
    progress: Callable[[str], None] | None = None,
    *,
    viewed: Collection[str] = (),
    on_written: Written | None = None,
    changed: Collection[Path] | None = None,
    waiting: Callable[[], None] | None = None,
) -> BuildResult:
    """Build the site under root into out_dir atomically; raises BuildFailed with every problem.

    Nothing is done when ROOT/.cache/ records a build of exactly these inputs into out_dir;
    an edit is patched in place, anything else builds a new folder in full. The dev server
    passes the output paths browsers are `viewed`ing (an edit writes them first), is told of
    the files an edit replaced as they land (`on_written`, before the search index is brought
    up to date), and passes the files its watcher saw `changed` since its last build.
    `waiting` is called once if another build or a deploy holds the project's lock.
    """
    with cache.build_lock(root, waiting):  # one build at a time: serve's and the command line's
        try:
            made = _build(root, out_dir, base_url, search, progress, (viewed, on_written, changed))
        except TemplateFault as fault:  # raised before the site is swapped or patched
            raise BuildFailed([template_diagnostic(root, fault)]) from None
    # The record keeps each article's warning of a heavy photo (an edit finds it again); the
    # build says it once a photo.
    return replace(made, warnings=tuple(one_warning_per_photo(made.warnings)))


def _build(
    root: Path,
    out_dir: Path,
    base_url: str | None,
    search: bool,
    progress: Callable[[str], None] | None,
    live: tuple[Collection[str], Written | None, Collection[Path] | None],
) -> BuildResult:
    started = time.perf_counter()
    step = progress or (lambda phase: None)
    step("checking inputs")
    viewed, on_written, changed = live
    options = cache.BuildOptions(out_dir, base_url, search)
    record = cache.load_record(root)
    tdir = templates_dir(root)
    inputs = cache.input_state(root, tdir, options.as_dict(), record, changed)
    if inputs.refused:  # a link could publish any file of the machine: nothing is read
        raise BuildFailed(refused_entry(str(root / name), name) for name in inputs.refused)
    if record is not None and cache.is_current(record, inputs.key, out_dir):
        took = time.perf_counter() - started
        return BuildResult(0, took, record.warnings, record.pages, (), record.size)
    strings = load_strings(root, tdir)
    if record is not None and cache.site_left(record, out_dir):
        edit = Edit(options, record, inputs, (tdir, strings), viewed, on_written or _ignore)
        patched = patch_site(root, edit, step)
        if patched is not None:
            written, unchanged, warnings, size, said = patched
            took = time.perf_counter() - started
            return BuildResult(len(written), took, warnings, unchanged, written, size, said)
    # What the last build left, read before the record is forgotten and the site replaced.
    kept: Kept | None = None
    gone: tuple[Gone, ...] = ()
    earlier: Earlier = {}
    last_build: LoadedOnce | None = None
    if record is not None:
        snapshot = last_build = load_once(root, record.snapshot, options.as_dict())
        earlier = earlier_texts(record, inputs, snapshot)
        if cache.site_left(record, out_dir):
            kept = kept_articles(record, inputs, snapshot)
            gone = articles_gone(record, inputs, out_dir, snapshot)
    cache.forget(root)  # a failed or interrupted build must never look current
    step("reading")
    config = load_config(root, base_url, search)
    registry = read_registry(root / "content")
    entities_gone = entity_pages_gone(out_dir, registry[0])  # read before the site is replaced
    from .full import write_full_site  # see the module's docstring

    made: list[tuple[SiteSize, tuple[Diagnostic, ...], str]] = []  # written, warnings, digest
    # The addresses of articles gone (articlesgone.py), the anchors moved (textchanges.py).
    lost: list[Diagnostic] = []

    def fill(folder: Path) -> SiteSize:
        def keep(snapshot: Snapshot) -> str:
            return save_base(root, snapshot, options.as_dict())

        # What the parent makes (light views, the site, feeds) lives to the build's end and
        # holds next to no cycles: the collector walking it cost 0.1 s at 5,000 articles.
        with collector_paused():
            replacing = out_dir if out_dir.is_dir() else None  # its equal files are linked
            full = write_full_site(
                root,
                config,
                folder,
                tdir,
                strings,
                registry,
                step,
                keep,
                replacing,
                kept,
                media_names(inputs.files),
                stamps=inputs.files,
            )
        # The snapshot is saved whole now and let go before Pagefind runs, which gets the
        # memory it held (at 20,000 articles this process then holds 105 MB, not 320).
        made.append((full.written, full.warnings, _saved_delta(root, full)))
        if gone and record is not None:
            views = full.snapshot.views.values()
            lost.extend(addresses_gone(gone, (view.article for view in views), record.files))
        edited = full.snapshot.views
        changed = (edited[s] for s in earlier if s in edited)
        lost.extend(text_warnings(earlier, changed, config.time_zone))
        return full.written

    finish = None
    if search:
        from .searchindex import index_site

        new_maps = removed_since(registry[0], last_build)

        def finish(folder: Path) -> SiteSize:
            step("indexing with Pagefind")
            return index_site(folder, out_dir if out_dir.is_dir() else None, new_maps)

    size = fill_site(out_dir, fill, tdir / "static", finish)
    (wrote, warnings, digest), stamp = made[0], cache.site_stamp(out_dir)
    count = wrote.files
    _remember(root, inputs.record(stamp, count, warnings, digest, size))
    took = time.perf_counter() - started
    return BuildResult(
        count, took, warnings, written=None, size=size, removed=(*lost, *entities_gone)
    )


def removed_since(registry: Registry, last: LoadedOnce | None) -> bool:
    """Whether the registry marks an entry removed that the last build's did not (or that
    build is unknown): the search's word maps are then made again from the parts alone."""
    if not registry.removed:
        return False
    loaded = last() if last is not None else None
    if loaded is None:
        return True
    before = {replace(entity, line=0) for entity in loaded.snapshot.registry.removed}
    return any(replace(entity, line=0) not in before for entity in registry.removed)


def _ignore(paths: tuple[str, ...]) -> None:
    return None


def _saved_delta(root: Path, full: FullBuild) -> str:
    """The snapshot's digests, once its delta (what each page looked up) is written too;
    "" when either file could not be written (the next build is then a full one)."""
    if not full.base_digest:
        return ""
    try:
        return f"{full.base_digest} {save_delta(root, {}, full.snapshot)}"
    except OSError:
        return ""


def _remember(root: Path, record: cache.Record) -> None:
    with contextlib.suppress(OSError):  # a read-only project builds; the next build is full
        cache.save_record(root, record)
