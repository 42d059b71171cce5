"""Edits that link pages of the site, for the random edit sequences (tests/editsequences.py):
a link to a site address, which must name a page the site publishes, whichever edits add or
take away that page since (a year, an English page, an entity's later page)."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from .editactions import REGISTRY, _join, articles, split_article, story


def site_link(root: Path, rng: random.Random) -> str:
    """A paragraph linking a page by its address: a year's, an article's English page
    (which exists only while something of it is translated), an entity's page 2, the
    translated list, or a typo. One to no page fails the build until undone."""
    if not (found := articles(root)):
        return "no article"
    article, other = rng.choice(found), story(root, rng.choice(found))
    ids = re.findall(r"(?m)^- id: (\S+)$", (root / REGISTRY).read_text(encoding="utf-8"))
    address = rng.choice(
        [
            f"/ar/{other[:4]}/",
            f"/en/{other}/",
            f"/en/{other}",
            f"/ar/entities/{rng.choice(ids)}/page/2/" if ids else "/ar/entities/",
            "/en/translated/#list",
            f"/ar/{rng.choice(['2002', '2021', '2020'])}/index.html",
        ]
    )
    head, paragraphs = split_article(article.read_text(encoding="utf-8"))
    line = f"انظر [الصفحة]({address})."
    paragraphs.append(line)
    article.write_text(_join(head, paragraphs), encoding="utf-8")
    return f"'{line}' added to {story(root, article)}"


def english_link(root: Path, rng: random.Random) -> str:
    """A paragraph linking another article's English page by its gloss file, from a gloss or
    an article: it leads to the Arabic page while nothing of that article is translated, and
    follows its translation as later edits add or remove it."""
    if not (found := articles(root)):
        return "no article"
    target = root / "content/en" / f"{story(root, rng.choice(found))}.md"
    glossed = sorted((root / "content/en").rglob("*.md"))
    if glossed and rng.random() < 0.7:
        source, line = rng.choice(glossed), "See [the report]({})."
    else:
        source, line = rng.choice(found), "انظر [الترجمة]({})."
    line = line.format(Path(os.path.relpath(target, source.parent)).as_posix())
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(f"{text}\n\n{line}\n", encoding="utf-8")
    return f"'{line}' added to {source.relative_to(root / 'content').as_posix()}"
