"""A full build into a new folder: articles in workers, then lists from light views (I/O).

Phase one (articles.py) parses every article and writes its two pages where it was
parsed; the parent keeps light views only. Phase two assembles the site from them and
renders every other page (lists, entity pages, status, entity feeds) on all cores, sharded
by a hash of the path, beside one task that makes the crawler files. The parent first makes
the language feeds, which carry whole texts, from the entries phase one made for the
articles that might be the newest, and keeps the snapshot (the light views are also what
the next, incremental build starts from: snapshot.py); then it takes shards too
(workers.run_beside).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Container, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from ..assembly.site import Site, assemble_views
from ..assembly.views import ArticleView, article_langs
from ..content.config import missing_statement
from ..content.links import Linking, missing_articles
from ..content.movedfrom import moved_from_conflicts, moved_stories
from ..content.strayglosses import stray_glosses
from ..content.textfiles import markdown_sources, misplaced_articles
from ..core import urls
from ..core.diagnostics import BuildFailed, Diagnostic, errors_only
from ..core.hosts import NOTHING, SiteSize
from ..core.model import OutputFile, SiteConfig, path_of_story, story_of_path
from ..entities.registry import Registry
from ..pages.atom import FeedEntry
from ..pages.environment import Strings, make_environment
from ..pages.feedentries import EntryContext, entry_of
from ..pages.feeds import language_feed
from ..pages.kinds import render_pages
from ..pages.renderer import Renderer
from ..pages.sitemap import crawler_files
from ..pages.templatefaults import TemplateFault
from .addresscheck import address_notes, unpublished_in_folder
from .articles import write_articles
from .articleworker import Done
from .collector import release_freed_memory
from .compiledtemplates import compiled_templates
from .inputfiles import Stamped
from .keptarticles import Kept
from .media import (
    linking,
    media_name_problems,
    media_used,
    photos_resized,
    publish_media,
    rendition_sources,
    unused_media,
)
from .output import link_in, write_files
from .pageset import last_updated, unindexed_pages
from .photos import keep_only, photos_folder
from .registryedit import unnamed_notes
from .selective import EntryMaker, SelectiveRenderer, page_paths
from .snapshot import Snapshot, Wanted, snapshot_of
from .workers import MIN_PARALLEL, run_beside, task_ranges, worker_count

# The lists are rendered in shards: ranges of BUCKETS buckets, a page's bucket a hash of its
# path. The shards shrink towards the end, as articles.py's chunks do, so that the processes
# finish together; each walks the whole site to find its pages (at 20,000 articles 40 ms),
# hence no shard under SMALLEST_SHARD buckets.
BUCKETS = 64
SMALLEST_SHARD = 4
CRAWL = None  # the task that makes the crawler files (see write_full_site)
ALL = range(BUCKETS)
T = TypeVar("T")


@dataclass(frozen=True)
class FullBuild:
    """What a full build wrote (bytes and files), its warnings, and the digest of the snapshot
    it kept (empty when it could not be written)."""

    written: SiteSize
    warnings: tuple[Diagnostic, ...]
    base_digest: str  # of the snapshot's base file, written while the workers render
    snapshot: Snapshot  # with what each page looked up (the delta the caller writes)


class _Except(Container[str]):
    """Every path but the given ones (the article pages, already written)."""

    def __init__(self, excluded: set[str], shard: range = ALL) -> None:
        self.excluded = excluded
        self.shard = shard

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str) or path in self.excluded:
            return False
        return self.shard == ALL or _crc(path) % BUCKETS in self.shard


def _crc(path: str) -> int:
    return zlib.crc32(path.encode("utf-8"))


def write_full_site(
    root: Path,
    config: SiteConfig,
    folder: Path,
    templates: Path,
    strings: Strings,
    registry: tuple[Registry, tuple[Diagnostic, ...]],
    step: Callable[[str], None],
    keep: Callable[[Snapshot], str],
    replacing: Path | None = None,
    unchanged: Kept | None = None,
    media: frozenset[str] = frozenset(),
    *,
    stamps: Mapping[str, Stamped],
) -> FullBuild:
    """Write every page and feed into folder; BuildFailed (nothing kept) on any error.
    `keep` stores the snapshot the next builds start from, while the workers render the lists.
    A file equal to its namesake in the site folder will replace is linked to it (output.py);
    the pages of the `unchanged` articles are linked without being made (keptarticles.py);
    the `media` files (media/…, relative to content/) are published as they are (media.py),
    with the renditions of the photos pages show resized, linked from the build cache, which
    keeps only the current photos' (photos.py; `stamps`: the inputs' digests).
    A template that fails raises its TemplateFault (pages/templatefaults.py)."""
    compiled = compiled_templates(root, templates)  # kept for the next builds, edits' too
    rendering = (templates, compiled, strings)
    output = (folder, replacing)
    links = linking(root / "content", config, media, stamps)
    done, problems = _write_article_pages(
        root, config, rendering, output, registry, step, (unchanged, links)
    )
    release_freed_memory()  # before the lists' workers fork, each counted with what it holds
    views = [each.view for each in done if each.view is not None]
    site = assemble_views(config, registry[0], views)
    problems += unnamed_notes(site.registry, site.unnamed_entities())
    step("writing lists and entity pages")
    lists, (base, snapshot), shown = _write_other_pages(
        site, rendering, output, _feed_entries(done), keep
    )
    # Every page is written now: links to site addresses are looked up among them.
    unpublished = unpublished_in_folder(address_notes(views), folder, templates / "static")
    if unpublished:
        raise BuildFailed(unpublished)
    used = media_used(views)  # only the files some page shows or links are published
    published = publish_media(root / "content", media & used, folder, replacing)
    resized = rendition_sources(root, links, media & photos_resized(views), stamps)
    published += link_in(folder, resized)
    keep_only(photos_folder(root), (stamps[f"content/{name}"][3] for name in media))
    written = sum((each.written for each in done), lists + published)
    problems += unused_media(media, used)
    problems += missing_statement(config)
    # In file order, as an edit's build lists them (patch.py): not in the order they were found.
    return FullBuild(written, tuple(sorted(problems)), base, snapshot.with_shown(shown))


def _write_article_pages(
    root: Path,
    config: SiteConfig,
    rendering: tuple[Path, jinja2.BytecodeCache | None, Strings],  # folder, compiled, strings
    output: tuple[Path, Path | None],  # the new site's folder, the one it will replace
    registry: tuple[Registry, tuple[Diagnostic, ...]],
    step: Callable[[str], None],
    kept_and_linking: tuple[Kept | None, Linking],
) -> tuple[list[Done], list[Diagnostic]]:
    """Phase one: every article parsed and its pages written (articles.py); what each gave
    back, and the problems of the whole (BuildFailed on any error), links to articles the
    archive does not have among them, kept articles' too."""
    unchanged, links = kept_and_linking
    content = root / "content"
    # Where the articles and glosses are: the workers read them (articles.py).
    sources, same_names = markdown_sources(content, "ar")
    glosses, same_gloss_names = markdown_sources(content, "en")
    problems = [*same_names, *registry[1], *same_gloss_names, *misplaced_articles(content)]
    problems += media_name_problems(content, links.media, registry[0])
    # Guessed from the glosses there are: remadearticles.py makes again those it got wrong.
    links = replace(links, english=lambda story: path_of_story("en", story) in glosses)
    step("parsing and writing articles")
    (templates, compiled, strings), (folder, replacing) = rendering, output
    done = write_articles(
        sources,
        glosses,
        registry[0],
        config,
        templates,
        strings,
        folder,
        compiled=compiled,
        replacing=replacing,
        unchanged=unchanged,
        linking=links,
    )
    problems += [d for each in done for d in each.found]
    stories = {story_of_path(rel) for rel in sources}
    # A gloss is lost when no Arabic file has its story (one that failed to parse has it).
    problems += stray_glosses(glosses, stories)
    problems += moved_from_conflicts((e.view.article for e in done if e.view), stories)
    views = [each.view for each in done if each.view is not None]
    moved = moved_stories(view.article for view in views)
    problems += missing_articles((n for view in views for n in view.links), stories, moved)
    if errors_only(problems):
        raise BuildFailed(errors_only(problems))
    return done, problems


def _feed_entries(done: Iterable[Done]) -> dict[str, Mapping[str, FeedEntry]]:
    """Feed entries by story, made in phase one for the articles that may be the newest
    (articles.feed_candidates)."""
    return {
        each.view.article.story: each.entries
        for each in done
        if each.view is not None and each.entries is not None
    }


def _write_other_pages(
    site: Site,
    rendering: tuple[Path, jinja2.BytecodeCache | None, Strings],  # folder, compiled, strings
    output: tuple[Path, Path | None],  # the new site's folder, the one it will replace
    made: Mapping[str, Mapping[str, FeedEntry]],
    keep: Callable[[Snapshot], str],
) -> tuple[SiteSize, tuple[str, Snapshot], dict[str, list[str]]]:
    """Phase two: every page but the articles', the feeds and the crawler files written, and
    the snapshot kept; the bytes and files written, the snapshot's digest and the snapshot,
    and the stories each page looked up."""
    (templates, compiled, strings), (folder, replacing) = rendering, output
    articles = {  # the withdrawn articles' too: the sitemap leaves them out (unindexed_pages)
        urls.article(lang, v.article.story)
        for v in site.article_by_story().values()
        for lang in article_langs(v)
    }
    article_files = [urls.output_path(path) for path in sorted(articles)]
    kept: list[tuple[str, Snapshot]] = []
    feeds_written: list[SiteSize] = []

    def own_share() -> list[str]:
        """The parent's work while the workers render: the language feeds, which carry whole
        texts (their entries made in phase one), and the snapshot."""
        # The entries the feeds choose, noted as they are chosen: the snapshot keeps those.
        entries: dict[str, dict[str, FeedEntry]] = {lang: {} for lang in urls.LANGS}

        def entry(lang: str, context: EntryContext, view: ArticleView) -> FeedEntry:
            chosen = entries[lang][view.article.story] = made[view.article.story][lang]
            return chosen

        feeds = [language_feed(site, lang, strings, entry) for lang in urls.LANGS]
        feeds_written.append(write_files(folder, feeds, replacing=replacing))
        snapshot = snapshot_of(site, entries)
        kept.append((keep(snapshot), snapshot))
        return [feed.path for feed in feeds]

    def crawl() -> tuple[set[str], list[OutputFile]]:
        """The crawler files of the pages being written, made beside them by whichever
        worker is free (at 20,000 articles 0.7 s that came after them), from a walk."""
        pages = [*page_paths(site, make_environment(templates, compiled), strings), *article_files]
        return _html(pages), crawler_files(site.config, _indexed(site, pages), last_updated(site))

    paths, (expected, crawler), (shown, lists) = _write_lists(
        site, rendering, output, articles, (own_share, crawl)
    )
    paths += article_files
    if _html(paths) != expected:  # a page the walk did not foresee: list those written
        crawler = crawler_files(site.config, _indexed(site, paths), last_updated(site))
    written = lists + feeds_written[0] + write_files(folder, crawler, replacing=replacing)
    return written, kept[0], shown


def _indexed(site: Site, paths: Iterable[str]) -> list[str]:
    """The pages the sitemap lists: all but the noindex ones (pageset.unindexed_pages)."""
    unindexed = unindexed_pages(site)
    return [path for path in paths if path not in unindexed]


def _html(paths: Iterable[str]) -> set[str]:
    return {path for path in paths if path.endswith(".html")}


def _render_part(state: dict[str, Any], shard: range | None) -> Any:
    """A shard's pages (their paths), or for shard CRAWL the crawler files (see write_full_site)."""
    if shard is CRAWL:
        return state["crawl"]()
    if "env" not in state:  # made once per worker, reused for its other shards
        state["env"] = make_environment(state["templates"], state["compiled"])
    return _render(state["site"], state["env"], state, shard)


# The paths written, the stories each page looked up, the bytes and files written.
Rendered = tuple[list[str], dict[str, list[str]], SiteSize]


def _render(
    site: Site, env: jinja2.Environment, inputs: Mapping[str, Any], shard: range
) -> Rendered:
    """Render and write the shard's pages and entity feeds (all but the article pages):
    the paths written, the stories each page looked up, and the bytes and files written."""
    (folder, replacing), made = inputs["folder"], set[str]()
    written: list[str] = []
    shown: dict[str, list[str]] = {}
    size = NOTHING

    def sink(file: OutputFile) -> None:
        nonlocal size
        size += write_files(folder, [file], made, replacing)
        written.append(file.path)

    language_feeds = {urls.feed(lang) for lang in urls.LANGS}  # the parent's (own_share)
    wanted = Wanted(_Except(inputs["articles"], shard), _Except(language_feeds, shard))

    def make(site: Site, env: jinja2.Environment, strings: Strings) -> Renderer:
        feeds: tuple[EntryMaker, Mapping[str, Collection[str]]] = (entry_of, {})
        return SelectiveRenderer(site, env, strings, wanted, feeds, sink=sink, shown=shown)

    render_pages(site, env, inputs["strings"], make)
    return written, shown, size


def _write_lists(
    site: Site,
    templates: tuple[Path, jinja2.BytecodeCache | None, Strings],  # folder, compiled, strings
    folder: tuple[Path, Path | None],  # the new site's, the one it will replace
    articles: set[str],
    parent: tuple[Callable[[], list[str]], Callable[[], T]],  # own share, crawl
    workers: int | None = None,
) -> tuple[list[str], T, tuple[dict[str, list[str]], SiteSize]]:
    """Every page but the articles', and the entity feeds, written into folder, with what the
    parent's own share writes (done while the workers render; serially: after): the paths
    of all, what `crawl` made (a task), the stories each page looked up and the bytes and
    files the shards wrote (the own share counts its own)."""
    workers = workers or worker_count()
    templates_dir, compiled, strings = templates
    own_share, crawl = parent
    inputs = dict(
        site=site,
        templates=templates_dir,
        compiled=compiled,
        strings=strings,
        folder=folder,
        articles=articles,
        crawl=crawl,
    )

    def serially() -> Rendered:
        return _render(site, make_environment(templates_dir, compiled), inputs, ALL)

    if workers < 2 or len(site.articles) < MIN_PARALLEL:
        written, shown, size = serially()
        return written + own_share(), crawl(), (shown, size)
    try:  # the parent renders too once its own share is done (see run_beside)
        shards = [CRAWL, *task_ranges(BUCKETS, workers, SMALLEST_SHARD)]
        own, results = run_beside(_render_part, inputs, shards, own_share, workers)
    except TemplateFault:  # made in the worker, where the template's line was known
        raise
    except Exception:  # a worker's bug, told without its traceback: raised here with one
        written, shown, size = serially()
        return written + own_share(), crawl(), (shown, size)
    crawled, *rendered = results
    shown = {page: seen for _, part, _ in rendered for page, seen in part.items()}
    size = sum((part_size for _, _, part_size in rendered), NOTHING)
    return [path for part, _, _ in rendered for path in part] + own, crawled, (shown, size)
