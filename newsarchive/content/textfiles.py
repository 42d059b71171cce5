"""The editors' text files, read (I/O): every article (content/ar/) and gloss (content/en/)
found and read as NFC text; the files named as one saved under another ending, or put in
content/ outside ar/ and en/, reported, since no build reads them; and any other text file
a command is given (a manifest, a registry to try).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from ..core.filenames import (
    all_plain,
    decomposed_message,
    twin_message,
    twins,
    unportable_message,
    windows_problem,
)
from ..core.model import path_of_story
from .frontmatter import decode_text, legacy_encoding

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
    it is not text, or is a symbolic link (I/O): the build refuses every link in content/
    before it reads (symbolic_links), and this refuses one made since."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as opened:
            data = opened.read()
    except OSError as exc:
        if os.path.islink(path):
            raise ContentError(symbolic_link(path, "content/" + rel)) from None
        problem = Diagnostic("content/" + rel, 1, f"cannot read: {exc.strerror}")
        raise ContentError(problem) from None
    return decode_text(data, "content/" + rel)


_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f]")


def is_fit_name(name: str) -> bool:
    """Whether a file's or folder's name holds no control character: an ESC or a line feed
    in a name, quoted in a message, could clear the terminal or forge a CI annotation."""
    return name.isprintable() or _CONTROL_IN_NAME.search(name) is None


def unfit_names(folder: str, names: Iterable[str]) -> set[str]:
    """The names of a folder of content/ that no build reads (refused_entry says why): one
    holding a control character, one Windows cannot hold, one another differs from only by
    case or Unicode form, one in NFD that its NFC name does not find (I/O: on macOS it does,
    its file systems tell no Unicode forms apart; on Linux only the same bytes do)."""
    listed = list(names)
    if all_plain(listed):
        return set()
    unfit = {name for name in listed if not is_fit_name(name) or windows_problem(name)}
    decomposed = {
        name
        for name in listed
        if not unicodedata.is_normalized("NFC", name) and _decomposed(folder, name)
    }
    return unfit | decomposed | twins(listed).keys()


def _decomposed(folder: str, name: str) -> bool:
    composed = unicodedata.normalize("NFC", name)
    return composed != name and not os.path.lexists(os.path.join(folder, composed))


def listed_names(folder: str) -> list[str]:
    """The names in a folder; none when it cannot be listed (I/O)."""
    try:
        return os.listdir(folder)
    except OSError:
        return []


def refused_entry(path: str, name: str) -> Diagnostic:
    """The error for what no build reads in content/ (`name`: its path from the project, a
    folder's ending in /): a name unfit_names finds, or a symbolic link."""
    where = name.rstrip("/")
    if not all(is_fit_name(part) for part in name.split("/")):
        found = _CONTROL_IN_NAME.search(name)
        code = f"U+{ord(found.group()):04X}" if found else "a control character"
        message = (
            f"this name holds a control character ({code}), which no page address or message "
            "can show: rename it"
        )
        return Diagnostic(where, 1, message)
    own = where.rsplit("/", 1)[-1]
    problem = windows_problem(own)
    if problem is not None:
        return Diagnostic(where, 1, unportable_message(problem))
    folder = os.path.dirname(path.rstrip("/"))
    other = twins(listed_names(folder)).get(own)
    if other is not None:
        return Diagnostic(where, 1, twin_message(other))
    if _decomposed(folder, own):
        return Diagnostic(where, 1, decomposed_message(unicodedata.normalize("NFC", where)))
    return symbolic_link(path, name)


def symbolic_link(path: str, name: str) -> Diagnostic:
    """The error for a symbolic link in content/ (`name`: its path from the project, a
    folder's ending in /): it would publish, or have a command copy into content/, whatever
    it points to, a file of another folder of the machine that builds."""
    try:
        target = f" to {os.readlink(path.rstrip('/'))}"
    except OSError:
        target = ""
    what = "folder" if name.endswith("/") else "file"
    message = (
        f"this is a symbolic link (a shortcut{target}), not a {what}: nothing is read from it, "
        "so that nothing from outside content/ is published. Put the "
        f"{what} itself here, or delete the link"
    )
    return Diagnostic(name.rstrip("/"), 1, message)


def refused_entries(content_dir: Path) -> list[Diagnostic]:
    """An error for each symbolic link in content/, file or folder, without following any,
    and each name there that unfit_names finds (I/O): what a command that reads or
    writes content/ checks first. The walk is the build's (build/inputfiles.py), which
    finds them as it looks at its inputs."""
    refused: list[str] = []
    for _ in entries_under(str(content_dir), "content/", True, refused):
        continue
    where = (os.path.join(content_dir, name.removeprefix("content/")) for name in refused)
    return sorted(map(refused_entry, where, refused))


def entries_under(
    folder: str, prefix: str, deep: bool, refused: list[str] | None
) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """Each folder's name (`prefix` + its posix path under folder, ending in /) and its
    entries that are not folders: folder's, and when `deep` those of every folder under it
    but __pycache__ (what builds compile), links not followed. With `refused` (in content/),
    a symbolic link, or a name unfit_names finds, is no entry: its name is added
    to `refused` (a folder's ending in /), and refused_entry says why. os.scandir: no Path
    objects, and each entry tells what it is with no more system calls."""
    stack = [(folder, prefix)]
    while stack:
        directory, named = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:  # as os.walk: a folder that cannot be listed has no files
            continue
        files = []
        names = (entry.name for entry in entries)
        unfit = unfit_names(directory, names) if refused is not None else set()
        for entry in entries:
            if refused is not None and (entry.is_symlink() or entry.name in unfit):
                refused.append(named + entry.name + ("/" if entry.is_dir() else ""))
            elif entry.is_dir():
                if deep and holds_files(entry):
                    stack.append((entry.path, f"{named}{entry.name}/"))
            else:
                files.append(entry)
        yield named, files


def holds_files(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry is one to look in: as os.walk, links are not followed; a
    __pycache__ folder holds what builds compile, never an input."""
    return entry.is_dir() and not entry.is_symlink() and entry.name != "__pycache__"


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


def named_as_article(name: str) -> bool:
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


def read_text_file(file: Path) -> str:
    """A user text file as NFC text; ContentError names file and line if unreadable (I/O)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ContentError(Diagnostic(str(file), 1, f"cannot read: {exc.strerror}")) from None
    return decode_text(data, str(file))


# How a note names the encodings legacy_encoding finds.
ENCODING_NAMES = {"cp1256": "Windows-1256 (the Arabic Windows encoding)", "utf-16": "UTF-16"}


def read_delivered_file(file: Path) -> tuple[str, str | None]:
    """A file of a delivery to import (raw copy, manifest) as NFC text, and the encoding it
    was read in when that was not UTF-8 (a key of ENCODING_NAMES): saved by a Windows editor
    in the Arabic code page or as UTF-16, it is read so, as the error for it said; when that
    is not certain, ContentError as read_text_file (I/O)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ContentError(Diagnostic(str(file), 1, f"cannot read: {exc.strerror}")) from None
    try:
        return decode_text(data, str(file)), None
    except ContentError as exc:
        encoding = legacy_encoding(data)
        said = exc.diagnostic
        if encoding is None and "(Windows-1256)" in said.message:  # looked it, but is not
            garbled = "(Windows-1256), but read so its words are garbled (another Arabic "
            garbled += "encoding, or UTF-8 mixed in)"
            message = said.message.replace("(Windows-1256)", garbled)
            raise ContentError(Diagnostic(said.path, said.line, message)) from None
        if encoding is None:
            raise
    return decode_text(data.decode(encoding).encode("utf-8"), str(file)), encoding
