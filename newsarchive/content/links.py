"""Links and images in article and gloss bodies -> addresses on the published site, and
what is wrong with each that cannot be published (pure).

An editor writes links as a Markdown preview (GitHub's, an editor's) resolves them, relative
to the file: `../10/other.md` for another article, `../../../media/2020/photo.jpg` for a
photo. On the site the article is a page at /ar/2020/11/<slug>/, under the base path (/repo/
on a GitHub Pages project site), so each becomes the address it means there:

- a root-relative address (`/ar/2020/`) is a site address: it gets the base path, as every
  link the templates make does (core/urls.py); whether the site publishes a page there is
  checked once the build knows its pages (siteaddresses.py);
- a link to an article's file (`ar/…/x.md`) is a link to its page, and to a gloss's file
  (`en/…/x.md`) to its English page, the `#p3` of a paragraph kept; whether that article
  exists is checked against the whole archive (missing_articles), not here: the address
  comes from the path alone, so the page rendered once and kept by later builds stays right;
- but while nothing of that article is translated it has no English page, and the link
  leads to its Arabic page (hreflang="ar", so the reader knows before following it). Which
  articles have one is the whole archive's fact (Linking.english): a build renders with
  its best guess, then renders again the few articles whose links it guessed wrong
  (stale_links), and an edit that gives an article its English page or takes it away renders
  again the articles that link it, so that any sequence of builds gives the same pages;
- a file under content/media/ is published as it is at media/…; an image there gets its
  width and height, so that the page does not move while it loads, and loads lazily; a
  photo wider than a phone needs is shown in the rendition that fits the reader's screen
  (photosizes.py), and links its original;
- any other local file is published by no build: an error, as is an image with no words
  for readers who cannot see it, or a link to a `.md` file that is no article or gloss.

A link's web address, `mailto:` and in-page `#anchors` are left as written; an image must
be a file of content/media/: one on another site would be fetched from there by every
reader's browser (the site loads nothing from another host).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from ..core import urls
from ..core.diagnostics import BIDI_CONTROL, Diagnostic, bidi_name, shown
from ..core.model import SiteConfig
from .imagesize import Size
from .photocredit import NO_CREDIT, Credit
from .photosizes import Renditions
from .videoshape import Shape

MEDIA = "media/"  # content/media/… is published at media/…
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
# An article's or gloss's file, relative to content/ (content/articles.py's PATH_RE).
_TEXT_FILE = re.compile(r"(ar|en)/(\d{4}(?:/\d{2})?/[^/]+)\.md")


@dataclass(frozen=True)
class Linking:
    """What links are resolved with: the site's config (its base path), the files under
    content/media/ (paths relative to content/, `media/…`), how big an image there is and
    how many bytes a file there weighs, a photo's renditions (None: none; a sentence: why it
    cannot be read), a recording's shape and length (read or made at the edge,
    build/media.py), and which articles have an English page."""

    config: SiteConfig
    media: Collection[str] = frozenset()
    image_size: Callable[[str], Size | None] = lambda path: None
    file_bytes: Callable[[str], int] = lambda path: 0
    renditions: Callable[[str, Size], Renditions | str | None] = lambda path, size: None
    credit: Callable[[str], Credit] = lambda path: NO_CREDIT  # a photo's (photocredit.py)
    shape: Callable[[str], Shape | None] = lambda path: None  # a recording's (videoshape.py)
    # Whether an article (by story) has an English page; a link to one that has none leads
    # to its Arabic page.
    english: Callable[[str], bool] = lambda story: True

    def of(self, source: str, first_line: int) -> LinkContext:
        """The links of a text in the file `source` (relative to content/), whose first line
        is line `first_line` of that file."""
        return LinkContext(self, source, first_line)


@dataclass(frozen=True)
class LinkContext:
    """The links of one text: where it is (its file, relative to content/, and the file's
    line its first line is) and the site's Linking."""

    linking: Linking
    source: str
    first_line: int


@dataclass(frozen=True)
class LinkNote:
    """A link or image worth reporting, at its file and line: one that cannot be published
    (`problem`), one to an article's page (`story`, `lang`), checked against the archive, or
    one to a media file (`file`), whose change makes the article again; a photo shown in
    renditions is `resized` (the build publishes them); an image heavy for a phone or for
    the site has a `warning`; an image of content/media/ is `shown` at its size, with the
    `credit` its file gives (the page's JSON-LD names them)."""

    path: str  # content/ar/2020/11/x.md
    line: int
    written: str  # as the editor wrote it
    problem: str = ""
    story: str = ""  # of the article linked
    lang: str = ""  # "ar" for the article's page, "en" for its English page
    file: str = ""  # the file of content/media/ linked or shown (media/…)
    address: str = ""  # a site address's path, without "/", base, query or #fragment
    arabic: bool = False  # to an English page not published: led to the Arabic one
    warning: str = ""
    resized: bool = False
    shown: tuple[int, int] = (0, 0)  # an image's width and height, as shown
    credit: Credit = NO_CREDIT  # a photo's, as its file says
    # The copy of it a shared link's preview shows, and its size (photosizes.preview_copy).
    preview: tuple[str, int, int] | None = None
    size: int = 0  # a recording's bytes, which its feed enclosure gives (mediaclips.py)


@dataclass(frozen=True)
class Resolved:
    """A link's address on the site, what to report of it (None: nothing), and for an
    image its other attributes (srcset, sizes, width, height, loading) and the address it
    links when it is in no link of its own (`original`: a resized photo's file)."""

    href: str
    note: LinkNote | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    original: str = ""


def leads_elsewhere(written: str) -> bool:
    """Whether an address (as markdown-it writes it) is none of this site's files or pages:
    another site's (`https://…`, `//…`), a mail's, an #anchor of the page, or empty."""
    return not written or written.startswith(("#", "//")) or _SCHEME.match(written) is not None


def link_target(written: str, source: str) -> tuple[str, str] | None:
    """What an address as written (markdown-it's, percent-encoded) names: ("site", a site
    path) for a root-relative one, ("file", a path relative to content/) for a relative one
    or a root-relative one into media/; None for another site's, a mail or an #anchor."""
    if leads_elsewhere(written):
        return None
    path = unquote(written.partition("#")[0])
    if path.startswith("/"):
        if path.startswith("/" + MEDIA):
            return "file", path[1:]
        return "site", path[1:].partition("?")[0]  # a query asks the page, not another one
    return "file", posixpath.normpath(posixpath.join(posixpath.dirname(source), path))


# The preview's address (`build.py serve`), copied from the browser: readers cannot open it.
_PREVIEW = re.compile(
    r"https?://(?P<host>localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?::\d+)?"
    r"(?P<path>/[^?#]*)?",
    re.IGNORECASE,
)


def resolve_link(written: str, context: LinkContext, line: int) -> Resolved:
    """The published address of a link as written on line `line` (0-based) of the text."""
    at = (f"content/{context.source}", context.first_line + line)
    control = BIDI_CONTROL.search(written) or BIDI_CONTROL.search(unquote(written))
    if control is not None:
        problem = bidi_in_address(unquote(written), control[0])  # as the editor wrote it
        return Resolved(written, LinkNote(*at, written, problem))
    preview = _PREVIEW.match(written)
    if preview is not None:
        address = preview["path"] or "/"
        problem = (
            f"'{written}' is an address of the preview on this computer ({preview['host']}), "
            f"which readers cannot open: write the site address, {address}, or link the "
            "article's file"
        )
        return Resolved(written, LinkNote(*at, written, problem))
    target = link_target(written, context.source)
    if target is None:
        return Resolved(written)
    kind, path = target
    hashed, fragment = written.partition("#")[1:]
    config = context.linking.config
    if kind == "site":
        href = urls.href(config, written.partition("#")[0][1:]) + hashed + fragment
        return Resolved(href, LinkNote(*at, written, address=path))
    problem = _unpublished(written, path, context.linking.media)
    if problem:
        return Resolved(written, LinkNote(*at, written, problem))
    page = _TEXT_FILE.fullmatch(path)
    if page is None:  # a file of content/media/
        return Resolved(
            urls.href(config, path) + hashed + fragment, LinkNote(*at, written, file=path)
        )
    lang, story = page[1], page[2]
    if lang == "en" and not context.linking.english(story):
        href = urls.href(config, urls.article("ar", story)) + hashed + fragment
        note = LinkNote(*at, written, story=story, lang=lang, arabic=True)
        return Resolved(href, note, (("hreflang", "ar"),))
    href = urls.href(config, urls.article(lang, story)) + hashed + fragment
    return Resolved(href, LinkNote(*at, written, story=story, lang=lang))


def resolve_shown(
    written: str,
    description: str,
    context: LinkContext,
    line: int,
    elsewhere: str,
    undescribed: str,
) -> Resolved:
    """A file a page shows in place (an image, a recording): resolve_link's address and note,
    or an error at its line: `elsewhere` for one on another site (every reader's browser
    would fetch it from there), `undescribed` for one with no description (what a screen
    reader says of it)."""
    resolved = resolve_link(written, context, line)
    if resolved.note is not None and resolved.note.problem:
        return resolved
    problem = elsewhere if leads_elsewhere(written) else "" if description.strip() else undescribed
    if not problem:
        return resolved
    at = (f"content/{context.source}", context.first_line + line)
    return Resolved(written, LinkNote(*at, written, problem))


def bidi_in_address(address: str, char: str) -> str:
    """Why an address holding a bidi control cannot be published."""
    return (
        f"the address '{shown(address)}' holds an invisible bidi control, "
        f"{bidi_name(char)}, which makes it read other than where it leads "
        "('…/<U+202E>fdp.exe' reads '…/exe.pdf'): delete it"
    )


def _unpublished(written: str, target: str, media: Collection[str]) -> str:
    """Why no page or file of the site is at `target` (relative to content/), the link
    `written`; "" if one is (or may be: an article's is checked against the archive later)."""
    shown = f"'{written}' leads to content/{target}"
    if target == ".." or target.startswith("../"):
        return f"'{written}' leads outside content/: {_HOW}"
    if target.endswith(".md"):
        if _TEXT_FILE.fullmatch(target):
            return ""
        return (
            f"{shown}, which is no article or gloss of the archive (content/ar/YYYY/MM/"
            "<slug>.md, content/en/YYYY/MM/<slug>.md): link an article by its file"
        )
    if target.startswith(MEDIA):
        if target in media:
            return ""
        near = _nearest(target, media)
        hint = f": did you mean content/{near}?" if near else f": {_MEDIA_HOW}"
        return f"{shown}, which does not exist{hint}"
    return f"{shown}, a file the site does not publish: {_HOW}"


def _nearest(target: str, media: Collection[str]) -> str | None:
    """The media file a missing one most likely meant: the same name in other letter case
    (`Nuri-Mosque.PNG` for `nuri-mosque.png`: a phone's or Windows' name), else a close
    name in the same folder (a typo)."""
    folded = target.casefold()
    same = [name for name in media if name.casefold() == folded]
    if same:
        return same[0]
    folder, name = posixpath.split(target)
    beside = [other for other in media if posixpath.dirname(other) == folder]
    close = difflib.get_close_matches(name, [posixpath.basename(o) for o in beside], 1, 0.8)
    return posixpath.join(folder, close[0]) if close else None


_MEDIA_HOW = "photos and documents go in content/media/ (any folder there)"
_HOW = (
    f"{_MEDIA_HOW}, and are linked from there (../../../media/2020/photo.jpg from an "
    "article); another article is linked by its file (../10/other.md)"
)


# `[text](an address with a space)`: Markdown ends an address at its first space unless a
# quoted title follows (`[x](a.png "title")`), so this is no link and shows as its text.
_SPACED = re.compile(r"!?\[[^\]\n]*\]\((?P<address>[^\s()<>]+(?:[ \t]+[^\s()\"'<>][^()\n]*))\)")


def spaced_addresses(source: str, context: LinkContext, line: int) -> list[LinkNote]:
    """An error for each link or image of a paragraph's Markdown source (its first line
    `line`, 0-based) whose address has a space: a file named as phones and Word name them
    (`WhatsApp Image 2026-12-02.png`, `بيان الوزارة.pdf`), which readers saw as the raw
    `![…](…)` and no build checked."""
    found = []
    for match in _SPACED.finditer(source):
        address = match["address"].strip()
        at = (
            f"content/{context.source}",
            context.first_line + line + source.count("\n", 0, match.start()),
        )
        problem = (
            f"the address '{address}' has a space, where Markdown ends it: readers see the link "
            f"as text. Write it in angle brackets, ](<{address}>), or name the file without spaces"
        )
        found.append(LinkNote(*at, match.group(), problem))
    return found


def link_problems(notes: Iterable[LinkNote]) -> list[Diagnostic]:
    """The errors of the links that cannot be published."""
    return [Diagnostic(n.path, n.line, n.problem) for n in notes if n.problem]


def link_warnings(notes: Iterable[LinkNote]) -> list[Diagnostic]:
    """A warning for each photo heavy for a phone, at the first line showing it (an article
    and its gloss often show the same one)."""
    first: dict[str, LinkNote] = {}
    for note in notes:
        if note.warning:
            first.setdefault(note.file, note)
    return [Diagnostic(n.path, n.line, n.warning, "warning") for n in first.values()]


def links_to_keep(notes: Iterable[LinkNote]) -> tuple[LinkNote, ...]:
    """What an article's view keeps of its links: those to articles' pages and to site
    addresses, which the whole site's checks need, and to media files, whose change makes the
    article again (build/keptarticles.py)."""
    return tuple(n for n in notes if (n.story or n.file or n.address) and not n.problem)


def media_linked(notes: Iterable[LinkNote]) -> frozenset[str]:
    """The media files (media/…) the links show or lead to."""
    return frozenset(n.file for n in notes if n.file)


def media_resized(notes: Iterable[LinkNote]) -> frozenset[str]:
    """The photos (media/…) the links show in renditions."""
    return frozenset(n.file for n in notes if n.resized)


def missing_articles(
    notes: Iterable[LinkNote], stories: Collection[str], moved: Mapping[str, str]
) -> list[Diagnostic]:
    """An error for each link to an article the archive does not have (`stories`: every
    article's; `moved`: an earlier story -> the article's story now, from moved_from)."""
    found: list[Diagnostic] = []
    for note in notes:
        if not note.story or note.story in stories:
            continue
        where = f"content/{note.lang}/{note.story}.md"
        message = f"'{note.written}' leads to {where}, which does not exist"
        now = moved.get(note.story)
        if now is not None:
            message += f": the article was moved to content/{note.lang}/{now}.md; link that file"
        found.append(Diagnostic(note.path, note.line, message))
    return found


def stale_links(
    links: Mapping[str, Iterable[LinkNote]], english: Callable[[str], bool]
) -> set[str]:
    """The articles (by story: their links) rendered with a link to an English page that
    the site has (`english`) led to the Arabic page, or the other way round."""
    return {
        story
        for story, notes in links.items()
        if any(n.lang == "en" and n.arabic == english(n.story) for n in notes)
    }
