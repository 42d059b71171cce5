"""A standards editor's edit for the random edit sequences (tests/editsequences.py): a dated
correction note added to an article, or its notes taken away again."""

from __future__ import annotations

import random
import re
from pathlib import Path

from .editactions import articles, sentence, story

NOTES = re.compile(r"\ncorrections:\n(?:  .*\n)*")


def correction(root: Path, rng: random.Random) -> str:
    """A correction note added to an article's front matter, dated a day of its date (now
    and then a day before it: an error until undone), or its notes removed."""
    if not (found := articles(root)):
        return "no article"
    article = rng.choice(found)
    text = article.read_text(encoding="utf-8")
    if NOTES.search(text) and rng.random() < 0.3:
        article.write_text(NOTES.sub("\n", text, count=1), encoding="utf-8")
        return f"the corrections of {story(root, article)} removed"
    date = re.search(r'(?m)^date: "(.*)"$', text)
    if date is None:
        return f"{story(root, article)} has no date line to go by"
    day = _day_of(date[1]) if rng.random() < 0.9 else "2000-01-01"
    item = f'  - date: "{day}"\n    note: "{sentence(rng)}"\n'
    if "\ncorrections:\n" in text:
        text = text.replace("\ncorrections:\n", f"\ncorrections:\n{item}", 1)
    else:
        text = text.replace("\n---\n", f"\ncorrections:\n{item}---\n", 1)
    article.write_text(text, encoding="utf-8")
    return f"a correction of {day} in {story(root, article)}"


def _day_of(date: str) -> str:
    """A day within an article's date: the day itself, or the last of its month or year."""
    parts = date.split("-")
    if len(parts) == 3:
        return date
    return f"{date}-28" if len(parts) == 2 else f"{date}-12-31"
