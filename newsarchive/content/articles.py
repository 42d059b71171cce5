"""Articles: an article file's text and path → an Article and its problems (pure); reading
the files is textfiles.py's."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.arabic import BIDI_CONTROLS
from ..core.diagnostics import BIDI_CONTROL, ContentError, Diagnostic
from ..core.model import Article, PartialDate, Source, story_of_path
from ..core.slugs import is_clean_slug, slugify
from ..core.yamldoc import Node
from .corrections import CORRECTIONS, HINTS, parse_corrections
from .dates import after_tomorrow, date_field
from .footnotes import definition_list_warnings
from .frontmatter import flag_field, names_field, split_document, text_field
from .links import bidi_in_address
from .movedfrom import MOVED_FROM, parse_moved_from
from .notes import note_problems
from .pastedhtml import html_shown_as_text
from .tags import TAGS, parse_tags
from .withdrawn import WITHDRAWN, parse_withdrawn

ARTICLE_KEYS = frozenset(
    {
        "title",
        "title_provisional",
        "date",
        "source",
        "dateline",
        "author",
        TAGS,
        "lang",
        MOVED_FROM,
        CORRECTIONS,
        WITHDRAWN,
    }
)
SOURCE_KEYS = frozenset({"name", "url", "original_url"})
PATH_RE = re.compile(r"(ar|en)/(\d{4})/(?:(\d{2})/)?([^/]+)\.md")
# An address holds no bidi control (core/diagnostics.py's BIDI_CONTROL): it would read
# other than where it leads.
URL_RE = re.compile(f"https?://[^\\s<>\"'{BIDI_CONTROLS}]+")


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
        if url is None:
            continue
        control = BIDI_CONTROL.search(url)
        if control is not None:
            message = f"'{key}': {bidi_in_address(url, control[0])}"
            diags.append(Diagnostic(path, node.value[key].line, message))
            urls[key] = None
        elif not URL_RE.fullmatch(url):
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
    if not is_clean_slug(slug):
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
            allowed = HINTS.get(key) or ", ".join(sorted(ARTICLE_KEYS))
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
    tags, tag_warnings = parse_tags(meta.get(TAGS), path, diags)
    provisional = flag_field(meta, "title_provisional", path, diags)
    dateline = text_field(meta, "dateline", path, diags)
    authors = names_field(meta, "author", path, diags)
    moved_from = parse_moved_from(meta.get(MOVED_FROM), story_of_path(rel_path), path, diags)
    corrections = parse_corrections(meta.get(CORRECTIONS), date, path, diags, today)
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
        corrections=corrections,
        withdrawn=withdrawn,
    )
    if withdrawn is not None:  # no page shows its text
        return article, tag_warnings
    numbered = list(enumerate(body.split("\n"), first_body_line))
    return article, (
        *tag_warnings,
        *_shown_as_text(body, first_body_line, path),
        *definition_list_warnings(numbered, path),
        *note_problems(numbered, path),
    )


# `##خلفية`: a heading without the space Markdown needs (one '#' is more often a hashtag).
_HEADING_WITHOUT_SPACE = re.compile(r" {0,3}(#{2,6})([^#\s].*)")


# A player or a page of another site pasted as HTML (mediaclips.py says what works instead).
_PLAYER = re.compile(r"<(?:audio|video|source|iframe|embed|object)\b", re.IGNORECASE)


def _shown_as_text(body: str, first_line: int, path: str) -> Iterator[Diagnostic]:
    """A warning for each line meant as markup that readers see as text: one that opens an
    HTML comment (an article has no hidden notes, though gloss files teach '<!-- … -->' as
    one), a heading without the space after its '#'s, and a tag or entity of HTML pasted
    by hand (`<p>`, `<span style=…>`, an escaped `&nbsp;`)."""
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
        elif (shown := html_shown_as_text(line)) and _PLAYER.match(shown):
            message = (
                f"readers see '{shown}' as text: a recording is shown as an image is, "
                "![what it records](../../../media/2020/statement.mp3), from a sound or video "
                "file saved in content/media/; one on another site (YouTube) cannot be shown, "
                "only linked: [words](https://…)"
            )
            yield Diagnostic(path, number, message, "warning")
        elif shown:
            message = (
                f"readers see '{shown}' as text: an article's HTML is shown as written, not "
                "read (write Markdown: a blank line between paragraphs, **bold**, "
                "[words](https://…), a space for &nbsp;; `import` converts pasted HTML; "
                f"to show it on purpose, write it as code: `{shown}`)"
            )
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
    date = date_field(node, "'date' must be YYYY-MM-DD, YYYY-MM or YYYY", path, diags, timed=True)
    if date is None:
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
