"""The edits editors make, as functions of a project folder and a random source, for the
random edit sequences of tests/editsequences.py: each edits content/ as a person in a text
editor or through a command would, and says in words what it did (for a failure's replay).

Every text is Arabic news text in NFC, taken from the seed article; an action with nothing
to act on (no gloss yet, a target that exists) does nothing and says so.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from newsarchive.cli import main

from .conftest import png, seed_paragraphs

PARAGRAPHS = [
    unicodedata.normalize("NFC", text.split("/ ", 1)[-1] if n == 0 else text)
    for n, text in enumerate(seed_paragraphs())
]
WORDS = sorted({w.strip('"،.,:«»()') for p in PARAGRAPHS for w in p.split()} - {""})
# Dates of every form, several in a folder (a day moved by hand stays in its folder).
DATES = ["2020-11", "2020-11-05", "2020-11-20", "2020-12-01", "2020-12", "2021-01-15", "2021"]
DATES += ["2019-05-02", "2019"]
ENGLISH = ["The coalition said the move was routine.", "Officials denied any withdrawal."]
REGISTRY = "content/entities.yaml"
MARKER = re.compile(r"(?m)^<!-- gloss (p\d+) [0-9a-f]{8} -->$")

Action = Callable[[Path, random.Random], str]


def run_command(*argv: str) -> int:
    """A build.py command run in this process, its output swallowed: its exit code."""
    return command_output(*argv)[0]


def command_output(*argv: str) -> tuple[int, str]:
    """A build.py command run in this process: its exit code and what it said on stderr."""
    said = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
        return main(list(argv)), said.getvalue()


def folder_of(date: str) -> str:
    """The folder under content/ar/ an article of this date lives in."""
    return "/".join(date.split("-")[:2])


def sentence(rng: random.Random, words: int = 8) -> str:
    start = rng.randrange(len(WORDS))
    return " ".join(WORDS[(start + n * 7) % len(WORDS)] for n in range(words)) + "."


def articles(root: Path) -> list[Path]:
    return sorted((root / "content/ar").rglob("*.md"))


def glosses(root: Path) -> list[Path]:
    return sorted((root / "content/en").rglob("*.md"))


def story(root: Path, article: Path) -> str:
    return article.relative_to(root / "content/ar").with_suffix("").as_posix()


def _named(root: Path, gloss: Path) -> str:
    return gloss.relative_to(root / "content/en").as_posix()


def split_article(text: str) -> tuple[str, list[str]]:
    """An article's front matter (with its closing line) and its paragraphs."""
    head, body = text.split("\n---\n", 1)
    return head + "\n---\n", [p for p in body.strip("\n").split("\n\n") if p.strip()]


def _join(head: str, paragraphs: list[str]) -> str:
    return head + "\n" + "\n\n".join(paragraphs) + "\n"


def set_line(file: Path, pattern: str, line: str) -> None:
    """The first match of pattern in file replaced by line."""
    file.write_text(re.sub(pattern, line, file.read_text(encoding="utf-8"), count=1), "utf-8")


def _body_edit(root: Path, rng: random.Random, edit: Callable[[list[str]], str]) -> str:
    if not (found := articles(root)):
        return "no article"
    article = rng.choice(found)
    head, paragraphs = split_article(article.read_text(encoding="utf-8"))
    said = edit(paragraphs)
    article.write_text(_join(head, paragraphs), encoding="utf-8")
    return f"{said} of {story(root, article)}"


def edit_paragraph(root: Path, rng: random.Random) -> str:
    def edit(paragraphs: list[str]) -> str:
        n = rng.randrange(len(paragraphs))
        words = paragraphs[n].split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        paragraphs[n] = " ".join(words)
        return f"a word edited in paragraph {n + 1}"

    return _body_edit(root, rng, edit)


def add_paragraph(root: Path, rng: random.Random) -> str:
    def edit(paragraphs: list[str]) -> str:
        n = rng.randrange(len(paragraphs) + 1)
        paragraphs.insert(n, sentence(rng))
        return f"paragraph {n + 1} added"

    return _body_edit(root, rng, edit)


def note_in_article(root: Path, rng: random.Random) -> str:
    """A line readers would see as markup text (a note, a heading without its space): the
    build warns at its line."""

    def edit(paragraphs: list[str]) -> str:
        n = rng.randrange(len(paragraphs) + 1)
        paragraphs.insert(n, rng.choice(["<!-- ملاحظة المحرر -->", "##خلفية"]))
        return f"a line warned of inserted as paragraph {n + 1}"

    return _body_edit(root, rng, edit)


def remove_paragraph(root: Path, rng: random.Random) -> str:
    def edit(paragraphs: list[str]) -> str:
        if len(paragraphs) < 2:
            return "the only paragraph kept"
        n = rng.randrange(len(paragraphs))
        del paragraphs[n]
        return f"paragraph {n + 1} removed"

    return _body_edit(root, rng, edit)


def _article(root: Path, rng: random.Random) -> Path | None:
    found = articles(root)
    return rng.choice(found) if found else None


def _article_edit(root: Path, rng: random.Random, edit: Callable[[Path], str]) -> str:
    article = _article(root, rng)
    return edit(article) if article else "no article"


def _command(root: Path, *argv: str) -> str:
    return f"`{' '.join(argv)}`: exit {run_command(*argv, '--root', str(root))}"


def change_title(root: Path, rng: random.Random) -> str:
    if (article := _article(root, rng)) is None:
        return "no article"
    set_line(article, r'(?m)^title: ".*"$', f'title: "{sentence(rng, 5).rstrip(".")}"')
    return f"title of {story(root, article)}"


def move_date(root: Path, rng: random.Random) -> str:
    article = _article(root, rng)
    return (
        _command(root, "move", story(root, article), "--date", rng.choice(DATES))
        if article
        else "no article"
    )


def move_slug(root: Path, rng: random.Random) -> str:
    article, slug = _article(root, rng), f"moved-{rng.randrange(1000)}"
    return _command(root, "move", story(root, article), "--slug", slug) if article else "no article"


def date_by_hand(root: Path, rng: random.Random) -> str:
    """date: edited by hand to another date of the same folder (so still valid)."""

    def edit(article: Path) -> str:
        here = article.parent.relative_to(root / "content/ar").as_posix()
        date = rng.choice([d for d in DATES if folder_of(d) == here] or [""])
        if date:
            set_line(article, r'(?m)^date: ".*"$', f'date: "{date}"')
        return f"date of {story(root, article)} by hand: {date or 'none fits its folder'}"

    return _article_edit(root, rng, edit)


def add_article(root: Path, rng: random.Random) -> str:
    date = rng.choice(DATES)
    target = root / "content/ar" / folder_of(date) / f"story-{rng.randrange(1000)}.md"
    if target.exists():
        return f"{target.name} exists"
    count = rng.randint(1, 4)
    paragraphs = [
        rng.choice(PARAGRAPHS) if rng.random() < 0.5 else sentence(rng) for _ in range(count)
    ]
    title = sentence(rng, 4).rstrip(".")
    head = f'---\ntitle: "{title}"\ndate: "{date}"\nsource:\n  name: "شفق نيوز"\n---\n'
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_join(head, paragraphs), encoding="utf-8")
    return f"added {story(root, target)}"


def delete_article(root: Path, rng: random.Random) -> str:
    """An article and its gloss deleted (the archive's last article is kept)."""
    if len(found := articles(root)) < 2:
        return "the last article kept"
    article = rng.choice(found)
    article.unlink()
    (root / "content/en" / article.relative_to(root / "content/ar")).unlink(missing_ok=True)
    return f"deleted {story(root, article)} and its gloss"


def rename_by_hand(root: Path, rng: random.Random) -> str:
    """An article renamed without `move` (its gloss, if any, left behind: an error)."""

    def edit(article: Path) -> str:
        target = article.with_name(f"renamed-{rng.randrange(1000)}.md")
        if target.exists():
            return f"{target.name} exists"
        article.rename(target)
        return f"renamed {story(root, article)} to {target.name} by hand"

    return _article_edit(root, rng, edit)


def dateline_or_source(root: Path, rng: random.Random) -> str:
    def edit(article: Path) -> str:
        text = article.read_text(encoding="utf-8")
        if rng.random() < 0.5:
            name = rng.choice(["رويترز", "شفق نيوز", "وكالة الأنباء"])
            text = re.sub(r'(?m)^  name: ".*"$', f'  name: "{name}"', text, count=1)
        elif "\ndateline: " in text:
            text = re.sub(r'(?m)^dateline: ".*"\n', "", text, count=1)
        else:
            place = rng.choice(["بغداد", "الحسكة", "رميلان", "أربيل"])
            text = text.replace("\n---\n", f'\ndateline: "{place}"\n---\n', 1)
        article.write_text(text, encoding="utf-8")
        return f"source or dateline of {story(root, article)}"

    return _article_edit(root, rng, edit)


def moved_from(root: Path, rng: random.Random) -> str:
    """An earlier address added to 'moved_from' by hand (a few to choose from, so that two
    articles may name one), or the line removed."""

    def edit(article: Path) -> str:
        text = article.read_text(encoding="utf-8")
        line = re.search(r"(?m)^moved_from: \[(.*)\]$", text)
        if line and rng.random() < 0.5:
            article.write_text(text.replace(line[0] + "\n", "", 1), encoding="utf-8")
            return f"moved_from removed from {story(root, article)}"
        # Now and then another article's address, or one another article names too: errors.
        pool = [f"{folder_of(rng.choice(DATES))}/earlier-{rng.randrange(4)}"]
        if rng.random() < 0.15:
            pool = [story(root, a) for a in articles(root)]
        earlier = f'"{rng.choice(pool)}"'
        listed = f"moved_from: [{line[1]}, {earlier}]" if line else f"moved_from: [{earlier}]"
        text = _in_front_matter(text, f"{line[0]}\n" if line else None, f"{listed}\n")
        article.write_text(text, encoding="utf-8")
        return f"{listed} in {story(root, article)}"

    return _article_edit(root, rng, edit)


def _in_front_matter(text: str, old: str | None, new: str) -> str:
    """An article's text with the lines `old` of its front matter replaced by `new`, or
    `new` added at its end (`old` None)."""
    return text.replace(old, new, 1) if old else text.replace("\n---\n", f"\n{new}---\n", 1)


WITHDRAWN = re.compile(r"(?m)^withdrawn:\n(?:  .*\n)*")


def withdraw(root: Path, rng: random.Random) -> str:
    """An article withdrawn (a day and a note; now and then without its note: an error),
    its note edited, or restored: it leaves every list, count, feed and search, and comes
    back."""

    def edit(article: Path) -> str:
        text = article.read_text(encoding="utf-8")
        found = WITHDRAWN.search(text)
        if found and rng.random() < 0.5:
            article.write_text(text.replace(found[0], "", 1), encoding="utf-8")
            return f"{story(root, article)} restored"
        note = "" if rng.random() < 0.1 else f'  note: "{sentence(rng, 5)}"\n'
        lines = f"withdrawn:\n  date: {rng.choice(['2021-02-01', '2026-11-30'])}\n{note}"
        article.write_text(_in_front_matter(text, found and found[0], lines), encoding="utf-8")
        return f"{story(root, article)} withdrawn{'' if note else ' without a note'}"

    return _article_edit(root, rng, edit)


def _gloss_edit(root: Path, rng: random.Random, edit: Callable[[Path], str]) -> str:
    gloss = _gloss(root, rng)
    return edit(gloss) if gloss else "no gloss"


def _set_block(root: Path, rng: random.Random, english: str) -> str:
    """The English of one block of a gloss replaced (empty: the block is pending)."""

    def edit(gloss: Path) -> str:
        text = gloss.read_text(encoding="utf-8")
        if not (markers := list(MARKER.finditer(text))):
            return f"{gloss} has no block"
        n = rng.randrange(len(markers))
        start = markers[n].end() + 1
        end = markers[n + 1].start() if n + 1 < len(markers) else len(text)
        notes = [line for line in text[start:end].split("\n") if line.startswith("<!--")]
        block = "\n".join(notes) + "\n\n" + (english + "\n\n" if english else "\n")
        gloss.write_text(text[:start] + block + text[end:], encoding="utf-8")
        return f"block {markers[n][1]} of {_named(root, gloss)}: {english!r}"

    return _gloss_edit(root, rng, edit)


def translate_block(root: Path, rng: random.Random) -> str:
    return _set_block(root, rng, f"{rng.choice(ENGLISH)} ({rng.randrange(100)})")


def empty_block(root: Path, rng: random.Random) -> str:
    return _set_block(root, rng, "")


def _gloss(root: Path, rng: random.Random) -> Path | None:
    found = glosses(root)
    return rng.choice(found) if found else None


def english_title(root: Path, rng: random.Random) -> str:
    if (gloss := _gloss(root, rng)) is None:
        return "no gloss"
    title = rng.choice(["", "Coalition move routine", "US forces stay"])
    set_line(gloss, r'(?m)^title: ".*"$', f'title: "{title}"')
    return f"English title {title!r} in {_named(root, gloss)}"


def delete_gloss(root: Path, rng: random.Random) -> str:
    if (gloss := _gloss(root, rng)) is None:
        return "no gloss"
    gloss.unlink()
    return f"deleted {_named(root, gloss)}"


def run_gloss(root: Path, rng: random.Random) -> str:
    """`gloss` over the archive, or for one article."""
    article = _article(root, rng)
    if rng.random() < 0.5 or article is None:
        return _command(root, "gloss")
    return _command(root, "gloss", story(root, article))


def gloss_accept(root: Path, rng: random.Random) -> str:
    gloss = _gloss(root, rng)
    return _command(root, "gloss", "--accept", _named(root, gloss)) if gloss else "no gloss"


def saved_with_an_error(root: Path, rng: random.Random) -> str:
    """A file saved with a mistake in it: the build must fail and keep the site."""
    kind = rng.choice(["title", "date", "registry", "settings", "gloss marker"])
    if kind == "gloss marker":
        if (gloss := _gloss(root, rng)) is None:
            return "no gloss"
        set_line(gloss, "<!-- gloss ", "<!-- glos ")
        return f"a marker misspelt in {_named(root, gloss)}"
    if kind in ("title", "date"):

        def edit(article: Path) -> str:
            here = article.parent.relative_to(root / "content/ar").as_posix()
            wrong = next(d for d in DATES if folder_of(d) != here)
            if kind == "title":
                set_line(article, 'title: "', 'title: [broken "')
            else:
                set_line(article, r'(?m)^date: ".*"$', f'date: "{wrong}"')
            return f"{kind} broken in {story(root, article)}"

        return _article_edit(root, rng, edit)
    if kind == "registry":
        file = root / REGISTRY
        file.write_text(file.read_text(encoding="utf-8").replace("ar: [", "ar: [[", 1), "utf-8")
        return "registry broken"
    file = root / "content/site.toml"
    file.write_text(file.read_text(encoding="utf-8") + 'per_page = "x\n', encoding="utf-8")
    return "site.toml broken"


MEDIA_NAMES = ["2020/photo.png", "2020/map.png", "2021/scan.png", "report.pdf"]


def media_or_link(root: Path, rng: random.Random) -> str:
    """A photo (some wider than a phone needs, some cut short) or document added to
    content/media/, replaced or deleted, or a paragraph linking another article (by its file,
    maybe to a paragraph) or showing a photo there: a link to an article deleted since, or to
    a file gone, and a photo cut short that a page shows resized, fail the build until undone."""
    kind = rng.choice(["file", "file", "delete", "link", "image"])
    media = root / "content/media"
    present = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    if kind == "delete":
        if not present:
            return "no media file to delete"
        gone = rng.choice(present)
        (media / gone).unlink()
        return f"media/{gone} deleted"
    if kind == "file":
        name = rng.choice(MEDIA_NAMES)
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        size = (rng.randint(1, 60), rng.randint(1, 60))
        if name.endswith(".pdf"):
            (media / name).write_bytes(b"%PDF-1.4\n" + sentence(rng).encode())
            return f"media/{name} saved"
        if rng.random() < 0.4:  # wider than a phone needs: shown in renditions (photos.py)
            size = (rng.randint(481, 900), rng.randint(1, 300))
        data = png(*size)
        if rng.random() < 0.15:  # cut short: an error where a page shows it resized
            (media / name).write_bytes(data[: len(data) // 2])
            return f"media/{name} saved cut short ({size[0]}x{size[1]})"
        (media / name).write_bytes(data)
        return f"media/{name} saved ({size[0]}x{size[1]})"
    if not (found := articles(root)):
        return "no article"
    article, other = rng.choice(found), rng.choice(found)
    if kind == "image":
        target = root / "content/media" / rng.choice(MEDIA_NAMES[:3])
        line = "![صورة من الموقع]({})"
    else:
        target = other.with_suffix(".md")
        line = "انظر [الخبر]({}" + rng.choice(["", "#p1", "#p3"]) + ")."
    written = Path(os.path.relpath(target, article.parent)).as_posix()
    line = line.format(written)
    head, paragraphs = split_article(article.read_text(encoding="utf-8"))
    paragraphs.append(line)
    article.write_text(_join(head, paragraphs), encoding="utf-8")
    return f"'{line}' added to {story(root, article)}"
