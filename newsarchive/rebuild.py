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
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from . import buildcache, snapshotfile, urls
from .articlework import article_views
from .assemble import ArticleView, Site, backlink_stories
from .collector import collector_paused
from .config import load_config
from .diagnostics import BuildFailed, ContentError, Diagnostic, errors_only
from .entities import Registry
from .frontmatter import decode_text
from .gloss import YearStatus
from .jinjaenv import Strings, make_environment
from .model import OutputFile, SiteConfig
from .render import entity_page_count
from .selective import render_wanted
from .snapshot import (
    Wanted,
    patched_progress,
    patched_snapshot,
    wanted_pages,
)
from .storedsite import counts_before, stored_entity_views, stored_site


def changed_stories(
    before: Mapping[str, buildcache.Stamped],
    now: Mapping[str, buildcache.Stamped],
    stories: Mapping[str, object],
) -> frozenset[str] | None:
    """Stories whose article or gloss file changed; None when anything else changed."""
    found: set[str] = set()
    # An unchanged file keeps its very stamp, so `is` settles most names; the names of files
    # deleted since are looked for only when some of the old ones were not seen.
    differ = [name for name, new in now.items() if before.get(name) is not new]
    if len(now) - len(differ) + sum(name in before for name in differ) != len(before):
        differ += before.keys() - now.keys()
    for name in differ:
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
    root: Path, stories: frozenset[str], config: SiteConfig, registry: Registry
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
    views, found = article_views(texts, glosses, registry, config)
    return views, diags + found


def patch_site(
    root: Path,
    options: buildcache.BuildOptions,
    record: buildcache.Record,
    inputs: buildcache.Inputs,
    templates: tuple[Path, Strings],  # the templates folder and its UI strings
    step: Callable[[str], None],
) -> tuple[int, int, tuple[Diagnostic, ...]] | None:
    """Patch the site for the changed stories: (pages written, pages unchanged, warnings).

    None when this build cannot be incremental (then the caller makes a full build).
    """
    out_dir = options.out_dir
    loaded = snapshotfile.load(root, record.snapshot, options.as_dict())
    if loaded is None:
        return None
    snapshot = loaded.snapshot
    stories = changed_stories(record.files, inputs.files, snapshot.views)
    if not stories:
        return None
    step("reading and parsing the changed articles")
    config = load_config(root, options.base_url, options.search)
    registry = snapshot.registry  # the registry file is unchanged (or this is a full build)
    fresh, found = fresh_views(root, stories, config, registry)
    if errors_only(found):
        raise BuildFailed(errors_only(found))
    if fresh.keys() != stories:
        return None
    shown = {f"content/{lang}/{story}.md" for story in stories for lang in ("ar", "en")}
    warnings = [w for w in record.warnings if w.path not in shown] + found
    warnings.sort(key=lambda d: (d.path, d.line))

    patch = _render_patch(root, loaded, fresh, config, templates, step)
    if patch is None:
        return None
    files, site, progress = patch
    buildcache.forget(root)  # from the first write on, an interrupted build is not current
    written = write_changed(out_dir, files)
    if options.search:
        from .search import index_parts, part_of  # here: a build without search never needs it

        parts = {part_of(path) for path in written} - {None}
        if parts:  # only article pages are indexed, each in its year's part
            step("indexing with Pagefind")
            index_parts(out_dir, parts)
    after = patched_snapshot(snapshot, site, fresh, progress, loaded.delta | stories)
    digest = snapshotfile.save_edit(
        root, loaded, after, stories, options.as_dict(), record.snapshot
    )
    stamp = buildcache.site_stamp(out_dir)
    pages = record.pages
    new = inputs.record(stamp, pages, tuple(warnings), digest)
    with contextlib.suppress(OSError):
        buildcache.save_record(root, new)
    return len(written), pages - len(written), tuple(warnings)


def _render_patch(
    root: Path,
    loaded: snapshotfile.Loaded,
    fresh: Mapping[str, ArticleView],
    config: SiteConfig,
    templates: tuple[Path, Strings],
    step: Callable[[str], None],
) -> tuple[list[OutputFile], Site, Mapping[int, YearStatus]] | None:
    """Every page and feed that shows the fresh views, the site they were rendered from and
    each year's translation sums; None when the edit cannot be patched (a date or a path
    changed) or a stored view is damaged. Every view the pages need is loaded here, so that
    nothing has been written yet when either is found."""
    snapshot = loaded.snapshot
    # An edit makes few cycles and soon ends; the collector walking the thousands of views
    # an entity or status page loads took longer than rendering the pages.
    with collector_paused(keep=True):
        try:
            for story, view in fresh.items():
                before = snapshot.views[story].article
                if (view.article.path, view.article.date) != (before.path, before.date):
                    return None  # the archives and lists change order: a full build
            since = loaded.delta | fresh.keys()  # edited since the full build
            site = stored_site(config, snapshot, fresh, since)
            feed_stories = {lang: kept.keys() for lang, kept in snapshot.feed_entries.items()}
            wanted = wanted_pages(site, snapshot.views, fresh, feed_stories)
            if _entity_pages_change(site, counts_before(snapshot, loaded.delta), wanted.entities):
                return None  # a page more or less: the sitemap changes, a full build
            if wanted.entities:
                entities = stored_entity_views(site, snapshot.skeleton, wanted.entities, since)
                site = site.with_entities(entities)
                wanted = _entity_pages_showing(wanted, site, snapshot.views, fresh)
            progress = patched_progress(snapshot.progress, snapshot.views, fresh)
            step("rendering the changed pages")
            env = make_environment(templates[0], buildcache.compiled_templates(root, templates[0]))
            kept = snapshot.feed_entries
            files = render_wanted(site, env, templates[1], wanted, kept, fresh, progress)
        except snapshotfile.SnapshotDamaged:
            return None
    return files, site, progress


def _entity_pages_change(site: Site, before: Mapping[str, int], ids: Iterable[str]) -> bool:
    """Whether an edit gives one of these entities more or fewer pages than it had."""
    now, per_page = site.mention_counts(), site.config.per_page
    return any(
        entity_page_count(before[i], per_page) != entity_page_count(now[i], per_page) for i in ids
    )


def _entity_pages_showing(
    wanted: Wanted, site: Site, old: Mapping[str, ArticleView], fresh: Mapping[str, ArticleView]
) -> Wanted:
    """`wanted` with fewer pages of the entities the fresh stories name before and after the
    edit: the same articles in the same order then, so only the pages listing a fresh story
    change, and the first (its companions' counts). For an entity named or no longer named
    by one, every page changes (its total heads each page, and its later articles shift)."""
    assert isinstance(wanted.pages, frozenset)  # as wanted_pages makes it
    per_page, pages = site.config.per_page, set(wanted.pages)
    for view in site.entities:  # those of wanted.entities
        entity_id = view.entity.id
        if any(_names(old[s], entity_id) != _names(new, entity_id) for s, new in fresh.items()):
            continue
        stories = backlink_stories(view)
        listing = {i // per_page + 1 for i, story in enumerate(stories) if story in fresh}
        unchanged = set(range(2, entity_page_count(len(stories), per_page) + 1)) - listing
        for lang in urls.LANGS:
            pages -= {urls.entity(lang, entity_id, n) for n in unchanged}
    return replace(wanted, pages=frozenset(pages))


def _names(view: ArticleView, entity_id: str) -> bool:
    return any(count.entity_id == entity_id for count in view.entity_counts)


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
