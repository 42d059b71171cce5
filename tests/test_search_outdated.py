"""An outdated English paragraph (translated before its Arabic paragraph changed) is shown on
its English page under an "Outdated" note, and is searched as the page shows it: a word it
alone writes finds the article, and the excerpt cut from it is marked "(outdated
translation)" (docs/search.md, "What is indexed"). Before, such a word listed nothing, and
the page said only that translated paragraphs are searched. Which pages are listed is
checked against the model (tests/searchrule.py, english_holds), given each page's title and
the English of its paragraphs as its gloss file writes them, in Chromium with Pagefind."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.content.gloss import fingerprint

from .searchrule import english_holds
from .webtools import demo_site_with, listed_paths

STORY = "2021/04/mosul-dam"
ARTICLE = f"/en/{STORY}/"
TITLE = "Works in the city"
ARABIC = [
    "قال مسؤول إن الجسر الجديد سيفتح قريبا أمام السيارات.",
    "وأضاف أن أعمال الصيانة في السد ستنتهي الشهر المقبل.",
    "وأكد أن التمويل جاء من الحكومة المحلية.",
]
# The second paragraph as the Arabic reads now: its English is outdated.
EDITED = "وأضاف أن أعمال الصيانة في السد ستنتهي خلال شهرين."
ENGLISH = [
    "An official said the new bridge would open to cars soon.",
    "He added that maintenance of the dam would finish next month.",
    "He affirmed that the funding came from the local government.",
]


def _files() -> dict[str, str]:
    front = '---\ntitle: "أعمال في المدينة"\ndate: "2021-04-10"\n---\n'
    blocks = [
        f"<!-- gloss p{i} {fingerprint(ar)} -->\n{en}\n"
        for i, (ar, en) in enumerate(zip(ARABIC, ENGLISH, strict=True), 1)
    ]
    return {
        f"content/ar/{STORY}.md": front + "\n\n".join([ARABIC[0], EDITED, ARABIC[2]]) + "\n",
        f"content/en/{STORY}.md": f'---\ntitle: "{TITLE}"\n---\n' + "\n".join(blocks),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The demo with the article above, built and served: its folder and its base URL."""
    root = tmp_path_factory.mktemp("outdated")
    with demo_site_with(root, _files()) as base:
        yield root, base


@pytest.fixture(scope="module")
def archive(built: tuple[Path, str]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def site(built: tuple[Path, str]) -> str:
    return built[1]


def _shown_english(gloss: str) -> str:
    """What an English page shows in English, read from its gloss file: its title and the
    English of every block, glossed or outdated (a comment line is a note, not text)."""
    front, body = gloss.split("---\n", 2)[1:]
    title = re.search(r'^title: "(.*)"$', front, re.M)
    text = [line for line in body.splitlines() if line.strip() and not line.startswith("<!--")]
    return "\n".join([title.group(1) if title else "", *text])


def _expected(root: Path, query: str) -> set[str]:
    """The English pages the model lists for the query (no entity names: the queries below
    name none)."""
    return {
        "/en/" + str(gloss.relative_to(root / "content/en")).removesuffix(".md") + "/"
        for gloss in (root / "content/en").rglob("*.md")
        if english_holds(_shown_english(gloss.read_text("utf-8")), (), query, set())
    }


def test_the_record_marks_where_its_text_turns_outdated_and_back(archive: Path) -> None:
    """The mark (searchtext.OUTDATED) opens the outdated paragraph and the current one after
    it: the search page learns from it which words of an excerpt are outdated. Nothing else
    carries it, nor does any Arabic record."""
    record = (archive / "site/.search/en" / STORY / "index.html").read_text("utf-8")
    assert re.findall("<div>\u2051 <p>([^<]*)", record) == ENGLISH[1:]
    assert record.count("\u2051") == 2
    arabic = (archive / "site/.search/ar" / STORY / "index.html").read_text("utf-8")
    assert "\u2051" not in arabic


QUERIES = [
    "maintenance",  # the outdated paragraph alone writes it
    "dam month",
    "bridge",
    "funding government",
    "maintenance funding",  # one word outdated, one not
    "soldiers",  # the demo's translation
    "routine",
    "zzqxv",
]


@pytest.mark.browser
def test_the_english_search_lists_what_the_pages_show(archive: Path, site: str, page) -> None:  # type: ignore[no-untyped-def]
    wrong = {}
    for query in QUERIES:
        listed = listed_paths(page, f"{site}en/search/?q={quote(query)}")
        if sorted(listed) != sorted(_expected(archive, query)):
            wrong[query] = listed
    assert wrong == {}
    assert _expected(archive, "maintenance") == {ARTICLE}


def _excerpt(page, base: str, query: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The one result's excerpt: the notes of its outdated stretches, the words marked in
    them, and the words marked outside them."""
    assert listed_paths(page, f"{base}en/search/?q={quote(query)}") == [ARTICLE]
    return page.eval_on_selector(  # type: ignore[no-any-return]
        ".search-result .excerpt",
        """(p) => ({
          notes: [...p.querySelectorAll('.outdated > .note')].map((n) => n.textContent),
          outdated: [...p.querySelectorAll('.outdated mark')].map((m) => m.textContent),
          current: [...p.querySelectorAll('mark')].filter((m) => !m.closest('.outdated'))
            .map((m) => m.textContent),
        })""",
    )


@pytest.mark.browser
def test_an_excerpt_from_an_outdated_paragraph_says_so(site: str, page) -> None:  # type: ignore[no-untyped-def]
    assert _excerpt(page, site, "maintenance") == {
        "notes": ["(outdated translation)"],
        "outdated": ["maintenance"],
        "current": [],
    }


@pytest.mark.browser
def test_only_the_outdated_stretch_of_an_excerpt_is_marked_outdated(site: str, page) -> None:  # type: ignore[no-untyped-def]
    """A match in today's English: the excerpt running on into the outdated paragraph marks
    that stretch alone; one after it is not led into by its words."""
    assert _excerpt(page, site, "bridge") == {
        "notes": ["(outdated translation)"],
        "outdated": [],
        "current": ["bridge"],
    }
    assert _excerpt(page, site, "funding") == {"notes": [], "outdated": [], "current": ["funding"]}
    text = page.locator(".search-result .excerpt").inner_text()
    assert "dam" not in text and "He affirmed that the funding" in text, text
