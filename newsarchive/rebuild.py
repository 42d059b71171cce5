"""Incremental build: when only article and gloss files changed, patch site/ in place (I/O).

The last build left a snapshot (light views of every article, see snapshot.py) whose digest
is in its build record. An edit then costs what it touches: the changed articles are parsed,
matched and aligned again, the pages that show them are rendered, and only files whose bytes
differ are replaced (each by an atomic rename). Anything else (a new or deleted article, a
changed date, the registry, the config, the templates, the tool) means a full build.

Safety: every input is checked before site/ is touched (bad input leaves it as it was), and
the build record is dropped before the first write, so a build interrupted half-way is
followed by a full build; a missing, corrupted or stale snapshot only means a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

from . import buildcache
from .assemble import ArticleView, article_view, assemble_views
from .config import load_config
from .diagnostics import BuildFailed, ContentError, Diagnostic, errors_only
from .frontmatter import decode_text
from .gloss import align_glosses
from .model import OutputFile
from .parallel import parse_and_render
from .render import make_environment, parse_strings
from .selective import render_wanted
from .snapshot import Snapshot, patched_snapshot, wanted_pages

SNAPSHOT_FILE = "snapshot.pickle"
SNAPSHOT_VERSION = 1


def snapshot_digest(data: bytes) -> str:
    """The digest kept in the build record: a snapshot that does not match it is not used."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def save_snapshot(root: Path, snapshot: Snapshot, options: Mapping[str, object]) -> str:
    """Write the snapshot of a build with these options atomically into ROOT/.cache/;
    its digest ("" if it could not)."""
    kept = (SNAPSHOT_VERSION, dict(options), snapshot)
    data = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    folder = root / buildcache.CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".snapshot-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, folder / SNAPSHOT_FILE)
    except OSError:  # a read-only project still builds; the next build is a full one
        return ""
    return snapshot_digest(data)


def load_snapshot(root: Path, digest: str, options: Mapping[str, object]) -> Snapshot | None:
    """The snapshot the record names, of a build with these options; None when absent,
    altered, unreadable or made with other options."""
    try:
        data = (root / buildcache.CACHE_DIR / SNAPSHOT_FILE).read_bytes()
        if not digest or snapshot_digest(data) != digest:
            return None
        version, made_with, snapshot = pickle.loads(data)
    except Exception:  # any damage to the cache only costs a full build
        return None
    if version != SNAPSHOT_VERSION or made_with != dict(options):
        return None
    return snapshot if isinstance(snapshot, Snapshot) else None


def changed_stories(
    before: Mapping[str, buildcache.Stamped],
    now: Mapping[str, buildcache.Stamped],
    stories: Mapping[str, object],
) -> frozenset[str] | None:
    """Stories whose article or gloss file changed; None when anything else changed."""
    found: set[str] = set()
    for name in before.keys() | now.keys():
        old, new = before.get(name), now.get(name)
        if old is not None and new is not None and old[3] == new[3]:
            continue
        story = _story_of(name)
        if story is None or story not in stories:
            return None  # not an article or gloss, or a new article: a full build
        if name.startswith("content/ar/") and (old is None or new is None):
            return None  # an article was added or deleted
        found.add(story)
    return frozenset(found)


def _story_of(name: str) -> str | None:
    for prefix in ("content/ar/", "content/en/"):
        if name.startswith(prefix) and name.endswith(".md"):
            story = name.removeprefix(prefix).removesuffix(".md")
            return story if unicodedata.normalize("NFC", story) == story else None
    return None


def fresh_views(
    root: Path, stories: frozenset[str], config: object, registry: object
) -> tuple[dict[str, ArticleView], list[Diagnostic]]:
    """Read, parse, match and align the changed stories as a full build would."""
    content = root / "content"
    diags: list[Diagnostic] = []
    texts: dict[str, str] = {}
    glosses: dict[str, str] = {}
    for story in sorted(stories):
        for lang, into in (("ar", texts), ("en", glosses)):
            file = content / lang / f"{story}.md"
            if lang == "en" and not file.exists():
                continue
            try:
                into[f"{lang}/{story}.md"] = decode_text(
                    file.read_bytes(), f"content/{lang}/{story}.md"
                )
            except ContentError as exc:
                diags.append(exc.diagnostic)
            except OSError as exc:
                diags.append(Diagnostic(f"content/{lang}/{story}.md", 1, f"cannot read: {exc}"))
    parsed, bodies = parse_and_render(texts, registry, config, workers=1)  # type: ignore[arg-type]
    diags += [d for _, found in parsed for d in found]
    aligned, gloss_diags = align_glosses(glosses, bodies)
    diags += gloss_diags
    views = {a.story: article_view(a, blocks, aligned) for a, blocks in bodies}
    return views, diags


def patch_site(
    root: Path,
    out_dir: Path,
    base_url: str | None,
    search: bool,
    options: Mapping[str, object],
    record: buildcache.Record,
    inputs: buildcache.Inputs,
    templates: Path,
    step: Callable[[str], None],
) -> tuple[int, int, tuple[Diagnostic, ...]] | None:
    """Patch the site for the changed stories: (pages written, pages unchanged, warnings).

    None when this build cannot be incremental (then the caller makes a full build).
    """
    snapshot = load_snapshot(root, record.snapshot, options)
    if snapshot is None:
        return None
    stories = changed_stories(record.files, inputs.files, snapshot.views)
    if not stories:
        return None
    from .pipeline import load_registry  # the full build's reader of the registry

    step("reading and parsing the changed articles")
    config = load_config(root, base_url)
    registry, _ = load_registry(root)  # unchanged since the record: its warnings are kept
    fresh, found = fresh_views(root, stories, config, registry)
    if errors_only(found):
        raise BuildFailed(errors_only(found))
    for story, view in fresh.items():
        before = snapshot.views[story].article
        if (view.article.path, view.article.date) != (before.path, before.date):
            return None  # the archives and lists change order: a full build
    if fresh.keys() != stories:
        return None
    shown = {f"content/{lang}/{story}.md" for story in stories for lang in ("ar", "en")}
    warnings = [w for w in record.warnings if w.path not in shown] + found
    warnings.sort(key=lambda d: (d.path, d.line))

    views = [fresh.get(story, view) for story, view in snapshot.views.items()]
    site = assemble_views(config, registry, views)
    feed_stories = {lang: found.keys() for lang, found in snapshot.feed_entries.items()}
    wanted = wanted_pages(site, snapshot.views, fresh, feed_stories)
    step("rendering the changed pages")
    strings_file = templates / "strings.toml"
    strings = parse_strings(strings_file.read_text(encoding="utf-8"), "templates/strings.toml")
    files = render_wanted(
        site, make_environment(templates), strings, wanted, snapshot.feed_entries, fresh
    )
    buildcache.forget(root)  # from the first write on, an interrupted build is not current
    written = write_changed(out_dir, files)
    if search and written:
        step("indexing with Pagefind")
        from .search import index_site

        index_site(out_dir)
    digest = save_snapshot(root, patched_snapshot(snapshot, site, fresh), options)
    stamp = buildcache.site_stamp(out_dir)
    pages = record.pages
    new = buildcache.Record(inputs.key, stamp, pages, tuple(warnings), inputs.files, 0, digest)
    with contextlib.suppress(OSError):
        buildcache.save_record(root, new)
    return len(written), pages - len(written), tuple(warnings)


def write_changed(out_dir: Path, files: list[OutputFile]) -> list[str]:
    """Replace each file whose bytes differ (write beside it, then rename); the paths written."""
    written = []
    for file in files:
        target = out_dir / file.path
        with contextlib.suppress(OSError):
            if target.read_bytes() == file.content:
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(file.content)
        os.replace(temp, target)
        written.append(file.path)
    return written
