"""Edits that link pages of the site, for the random edit sequences (tests/editsequences.py):
a link to a site address, which must name a page the site publishes, whichever edits add or
take away that page since (a year, an English page, an entity's later page)."""

from __future__ import annotations

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
