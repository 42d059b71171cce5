"""Articles: parse_article (pure) turns a content file into an Article; read_content does I/O."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.arabic import slugify
from ..core.diagnostics import ContentError, Diagnostic
from ..core.model import Article, PartialDate, Source, path_of_story, story_of_path
from ..core.yamldoc import Node
from ..entities.registry import NO_ENTITIES, Registry, parse_registry
from .dates import after_tomorrow, parse_date
from .frontmatter import decode_text, flag_field, names_field, split_document, text_field
from .movedfrom import MOVED_FROM, parse_moved_from
from .withdrawn import WITHDRAWN, parse_withdrawn

ARTICLE_KEYS = frozenset(
    {
        "title",
        "title_provisional",
        "date",
        "source",
        "dateline",
        "author",
        "tags",
        "lang",
        MOVED_FROM,
        WITHDRAWN,
    }
)
SOURCE_KEYS = frozenset({"name", "url", "original_url"})
PATH_RE = re.compile(r"(ar|en)/(\d{4})/(?:(\d{2})/)?([^/]+)\.md")
URL_RE = re.compile(r"https?://[^\s<>\"']+")


def _parse_source(node: Node | None, path: str, diags: list[Diagnostic]) -> Source | None:
    if node is None or node.value is None:
        return None
    if isinstance(node.value, str):
        return Source(" ".join(node.value.split()))
    if not isinstance(node.value, dict):
        diags.append(Diagnostic(path, node.line, "'source' must be a name or a mapping"))
        return None
    for key, sub in node.value.items():
        if key not in SOURCE_KEYS:
            diags.append(Diagnostic(path, sub.line, f"unknown source key '{key}'"))
    name = text_field(node.value, "name", path, diags)
    urls = {k: text_field(node.value, k, path, diags) for k in ("url", "original_url")}
    for key, url in urls.items():
        if url is not None and not URL_RE.fullmatch(url):
            diags.append(Diagnostic(path, node.value[key].line, f"'{key}' must be an http(s) URL"))
            urls[key] = None
    if name is None:
        if "name" not in node.value or _blank(node.value["name"]):
            diags.append(Diagnostic(path, node.line, "'source' needs a 'name'"))
        return None
    return Source(name, urls["url"], urls["original_url"])


def _blank(node: Node) -> bool:
    """Whether a value is empty text (not a list or mapping, which is told apart)."""
    return node.value is None or isinstance(node.value, str)


def _parse_tags(node: Node | None, path: str, diags: list[Diagnostic]) -> tuple[str, ...]:
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list) or not all(isinstance(t.value, str) for t in node.value):
        diags.append(Diagnostic(path, node.line, "'tags' must be a list of text"))
        return ()
    return tuple(" ".join(str(t.value).split()) for t in node.value)


@dataclass(frozen=True)
class ArticlePath:
    """What an article's location says: language, year, optional month, slug."""

    lang: str
    year: int
    month: int | None
    slug: str


def parse_article_path(rel_path: str) -> ArticlePath:
    """ar/YYYY/MM/<slug>.md (or ar/YYYY/<slug>.md for year-only dates); ValueError otherwise."""
    match = PATH_RE.fullmatch(rel_path)
    if not match:
        raise ValueError("articles live at ar/YYYY/MM/<slug>.md (or ar/YYYY/<slug>.md)")
    lang, year, month, slug = match.groups()
    if slugify(slug) != slug:
        raise ValueError(f"file name '{slug}' is not a clean slug (try '{slugify(slug)}')")
    return ArticlePath(lang, int(year), int(month) if month else None, slug)


def parse_article(
    text: str, rel_path: str, today: datetime.date | None = None
) -> tuple[Article | None, tuple[Diagnostic, ...]]:
    """Parse one article file's text; all problems found are returned as diagnostics
    (`today`: the day its date may not be later than tomorrow; None: not checked)."""
    path = "content/" + rel_path
    text = unicodedata.normalize("NFC", text)  # a no-op for decoded files; callers may skip it
    try:
        where = parse_article_path(rel_path)
        doc = split_document(text, path)
    except ValueError as exc:
        return None, (Diagnostic(path, 1, str(exc)),)
    except ContentError as exc:
        return None, (exc.diagnostic,)
    diags: list[Diagnostic] = []
    meta = doc.meta
    for key, node in meta.items():
        if key not in ARTICLE_KEYS:
            allowed = ", ".join(sorted(ARTICLE_KEYS))
            diags.append(
                Diagnostic(path, node.line, f"unknown front-matter key '{key}' ({allowed})")
            )
    if "lang" in meta and meta["lang"].value != where.lang:
        diags.append(Diagnostic(path, meta["lang"].line, f"'lang' must be '{where.lang}' here"))
    title = text_field(meta, "title", path, diags)
    if title is None and "title" not in meta:
        diags.append(Diagnostic(path, 1, "missing required key 'title'"))
    elif title is None and _blank(meta["title"]):  # a list is already 'must be text'
        diags.append(Diagnostic(path, meta["title"].line, "'title' must not be empty"))
    date = _article_date(meta, where, path, diags, today)
    source = _parse_source(meta.get("source"), path, diags)
    tags = _parse_tags(meta.get("tags"), path, diags)
    provisional = flag_field(meta, "title_provisional", path, diags)
    dateline = text_field(meta, "dateline", path, diags)
    authors = names_field(meta, "author", path, diags)
    moved_from = parse_moved_from(meta.get(MOVED_FROM), story_of_path(rel_path), path, diags)
    withdrawn = parse_withdrawn(meta.get(WITHDRAWN), date, path, diags, today)
    # An article emptied by mistake would be a page of its title; a withdrawn one shows none.
    if not doc.body.strip() and WITHDRAWN not in meta:
        closing = doc.body_line - 1
        diags.append(Diagnostic(path, closing, "the article has no text after this '---'"))
    if diags or title is None or date is None:
        return None, tuple(diags)
    body = doc.body.strip("\n")
    leading = len(doc.body) - len(doc.body.lstrip("\n"))
    first_body_line = doc.body_line + leading
    article = Article(
        path=rel_path,
        slug=where.slug,
        title=title,
        title_provisional=provisional,
        date=date,
        source=source,
        tags=tags,
        body=unicodedata.normalize("NFC", body),
        body_line=first_body_line,
        lang=where.lang,
        dateline=dateline,
        moved_from=moved_from,
        authors=authors,
        withdrawn=withdrawn,
    )
    if withdrawn is not None:  # no page shows its text
        return article, ()
    return article, tuple(_shown_as_text(body, first_body_line, path))


# `##خلفية`: a heading without the space Markdown needs (one '#' is more often a hashtag).
_HEADING_WITHOUT_SPACE = re.compile(r" {0,3}(#{2,6})([^#\s].*)")


def _shown_as_text(body: str, first_line: int, path: str) -> Iterator[Diagnostic]:
    """A warning for each line meant as markup that readers see as text: one that opens an
    HTML comment (an article has no hidden notes, though gloss files teach '<!-- … -->' as
    one), and a heading without the space after its '#'s."""
    for number, line in enumerate(body.split("\n"), first_line):
        if line.lstrip().startswith("<!--"):
            message = (
                "readers see this '<!-- … -->' as text: an article has no hidden notes "
                "(keep notes outside content/, or in the gloss file)"
            )
            yield Diagnostic(path, number, message, "warning")
        elif heading := _HEADING_WITHOUT_SPACE.fullmatch(line):
            marks, text = heading.groups()
            message = f"readers see '{marks}' as text: a heading needs a space ({marks} {text})"
            yield Diagnostic(path, number, message, "warning")


def _article_date(
    meta: dict[str, Node],
    where: ArticlePath,
    path: str,
    diags: list[Diagnostic],
    today: datetime.date | None,
) -> PartialDate | None:
    node = meta.get("date")
    if node is None:
        diags.append(
            Diagnostic(path, 1, "missing required key 'date' (YYYY-MM-DD, YYYY-MM or YYYY)")
        )
        return None
    if not isinstance(node.value, str):
        diags.append(Diagnostic(path, node.line, "'date' must be YYYY-MM-DD, YYYY-MM or YYYY"))
        return None
    try:
        date = parse_date(node.value)
    except ValueError as exc:
        diags.append(Diagnostic(path, node.line, str(exc)))
        return None
    future = None if today is None else after_tomorrow(date, today)
    if future is not None:  # before the folder: `move` to a mistyped date helps no one
        diags.append(Diagnostic(path, node.line, future))
        return None
    if date.year != where.year or date.month != where.month:
        folder = f"{date.year:04d}/{date.month:02d}" if date.month else f"{date.year:04d}"
        message = (
            f"date {date.iso()} does not match the folder; move the article and its gloss"
            f" to {folder}/ with: python build.py move {path} --date {date.iso()}"
        )
        diags.append(Diagnostic(path, node.line, message))
        return None
    return date


# Two files whose names differ only in Unicode normalisation (an NFD name from one system,
# NFC from another) would be one page: the second is reported, not silently dropped.
SAME_NAME = {
    "ar": "two articles have the same URL (their file names differ only in Unicode form)",
    "en": "two gloss files are for the same article (their names differ only in Unicode form)",
}


def read_content(content_dir: Path) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
    """Read every ar/**/*.md file as text, keyed by its path relative to content_dir (I/O)."""
    return read_markdown(content_dir, "ar")


def read_markdown(content_dir: Path, lang: str) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
    """Every <lang>/**/*.md file (articles or glosses) as NFC text, by its NFC path relative
    to content_dir, as markdown_sources names them (I/O)."""
    sources, diags = markdown_sources(content_dir, lang)
    texts: dict[str, str] = {}
    problems = list(diags)
    for rel, path in sources.items():
        try:
            texts[rel] = read_source(path, rel)
        except ContentError as exc:
            problems.append(exc.diagnostic)
    return texts, tuple(problems)


def markdown_sources(content_dir: Path, lang: str) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
    """Every <lang>/**/*.md file's path, by its NFC path relative to content_dir, unread (a
    full build's workers read their own: the build process never holds the archive's
    text); a second file of the same NFC name is an error (SAME_NAME) (I/O)."""
    sources: dict[str, str] = {}
    diags: list[Diagnostic] = []
    prefix = len(os.path.join(content_dir, ""))  # paths below content_dir start so
    found, misnamed = _walk(content_dir / lang)
    for path in found:
        rel = unicodedata.normalize("NFC", path[prefix:].replace(os.sep, "/"))
        if rel in sources:
            diags.append(Diagnostic("content/" + rel, 1, SAME_NAME[lang]))
            continue
        sources[rel] = path
    for path in misnamed:
        rel = unicodedata.normalize("NFC", path[prefix:].replace(os.sep, "/"))
        name = rel.rsplit("/", 1)[-1]
        message = MISNAMED[lang].format(name=name[: name.rindex(".")].removesuffix(".md"))
        diags.append(Diagnostic("content/" + rel, 1, message))
    return sources, tuple(diags)


def read_stories(
    content_dir: Path, lang: str, stories: Iterable[str]
) -> tuple[dict[str, str], tuple[Diagnostic, ...]]:
    """The article (ar) or gloss (en) files of these stories that exist, by path relative to
    content_dir, as read_markdown reads every one (I/O)."""
    texts: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for story in dict.fromkeys(stories):
        rel = path_of_story(lang, story)
        if (content_dir / rel).is_file():
            try:
                texts[rel] = read_source(str(content_dir / rel), rel)
            except ContentError as exc:
                problems.append(exc.diagnostic)
    return texts, tuple(problems)


def read_source(path: str, rel: str) -> str:
    """A content file's text (rel: its NFC path relative to content/); ContentError when
    it is not text (I/O)."""
    try:
        with open(path, "rb") as opened:
            data = opened.read()
    except OSError as exc:
        problem = Diagnostic("content/" + rel, 1, f"cannot read: {exc.strerror}")
        raise ContentError(problem) from None
    return decode_text(data, "content/" + rel)


def markdown_files(folder: Path) -> list[str]:
    """Every *.md file under folder, in the order sorted(folder.rglob("*.md")) gives; os.walk
    makes no Path per file (at 20,000 articles rglob took 0.2 s)."""
    return _walk(folder)[0]


def _walk(folder: Path) -> tuple[list[str], list[str]]:
    """The *.md files under folder (sorted as markdown_files says), and the files named as an
    article saved under another ending: 'x.MD', 'x.md.txt' (Notepad), 'x.txt', 'x.markdown'."""
    found = []
    misnamed = []
    for dirpath, _, filenames in os.walk(folder):
        found += [os.path.join(dirpath, n) for n in filenames if n.endswith(".md")]
        misnamed += [os.path.join(dirpath, n) for n in filenames if _misnamed(n)]
    return sorted(found, key=lambda p: p.split(os.sep)), sorted(misnamed)


def read_as_article(name: str) -> bool:
    """Whether a file of content/ar or content/en is read as an article or gloss, or named as
    one saved under another ending: any other file there (an editor's temporary or backup
    file, 'sedX1b2c3', 'x.md~') is nothing to a build."""
    return name.endswith(".md") or _misnamed(name)


def _misnamed(name: str) -> bool:
    return (
        not name.startswith(".")
        and not name.endswith(".md")
        and name.lower().endswith(MISNAMED_ENDINGS)
    )


# An article or gloss saved under another ending would be left out of the site without a
# word; editors' backups ('x.md~', 'x.md.orig', '.x.md.swp') are not articles and are let be.
MISNAMED_ENDINGS = (".txt", ".markdown", ".mdown", ".md")
MISNAMED = {
    "ar": "this article is not read: an article's file name ends in .md (rename it {name}.md)",
    "en": "this gloss is not read: a gloss's file name ends in .md (rename it {name}.md)",
}


def misplaced_articles(content_dir: Path) -> tuple[Diagnostic, ...]:
    """An error for each article-like file under a year folder of content/ itself
    (content/2020/11/x.md: ar/ or en/ forgotten), which no build would read."""
    found = []
    for year in sorted(content_dir.glob("[0-9][0-9][0-9][0-9]")):
        for path in markdown_files(year):
            rel = path[len(os.path.join(content_dir, "")) :].replace(os.sep, "/")
            message = f"this file is not read: {MISPLACED.format(rel=rel)}"
            found.append(Diagnostic(f"content/{rel}", 1, message))
    return tuple(found)


MISPLACED = (
    "an article goes in content/ar/ and its gloss in content/en/ "
    "(move it to content/ar/{rel} or content/en/{rel})"
)


REGISTRY_FILE = "content/entities.yaml"


def read_registry(content_dir: Path) -> tuple[Registry, tuple[Diagnostic, ...]]:
    """The registry of content/entities.yaml (an absent one is empty), and its problems (I/O)."""
    file = content_dir / "entities.yaml"
    if not file.exists():
        return Registry(), (
            Diagnostic(REGISTRY_FILE, 1, NO_ENTITIES.format("no such file"), "warning"),
        )
    try:
        text = decode_text(file.read_bytes(), REGISTRY_FILE)
    except ContentError as exc:
        return Registry(), (exc.diagnostic,)
    except OSError as exc:
        return Registry(), (Diagnostic(REGISTRY_FILE, 1, f"cannot read: {exc.strerror}"),)
    return parse_registry(text, REGISTRY_FILE)


def read_text_file(file: Path) -> str:
    """A user text file as NFC text; ContentError names file and line if unreadable (I/O)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ContentError(Diagnostic(str(file), 1, f"cannot read: {exc.strerror}")) from None
    return decode_text(data, str(file))
