"""An outdated English paragraph (translated before its Arabic paragraph changed) is shown on
its English page under an "Outdated" note, and is searched as the page shows it: a word it
alone writes finds the article, and the excerpt cut from it is marked "(outdated
translation)" (docs/search.md, "What is indexed"). Before, such a word listed nothing, and
the page said only that translated paragraphs are searched. Which pages are listed is
checked against the model (tests/searchrule.py, english_holds), given each page's title and
the English of its paragraphs as its gloss file writes them, in Chromium with Pagefind.

A note the pages add to an article's words ("(outdated title)", "English title pending") is
shown beside a result's title as on the lists, but is not the article's text: before, the
record's title held it, and `outdated` or `pending` listed every such article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.content.gloss import fingerprint

from .searchrule import english_holds
from .sites import PACKAGE_STRINGS
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

# An article whose English title translates an earlier headline (outdated), and one whose
# English title is pending: each page and list names it with a note the record must not hold.
STALE_STORY, STALE_TITLE = "2021/05/water-plant", "Water plant opens in the town"
PENDING_STORY, PENDING_HEADLINE = "2021/05/school-roof", "سقف المدرسة"
LABELLED = {
    STALE_STORY: (
        "محطة مياه جديدة في البلدة",
        f'title: "{STALE_TITLE}"\ntitle_of: "{fingerprint("محطة مياه في البلدة")}"\n',
        ("افتتحت محطة جديدة لتنقية المياه في البلدة.", "A new water plant opened in the town."),
    ),
    PENDING_STORY: (
        PENDING_HEADLINE,
        "",
        ("أصلح العمال سقف المدرسة قبل بدء الدراسة.", "Workers repaired the school roof."),
    ),
}


def _files() -> dict[str, str]:
    front = '---\ntitle: "أعمال في المدينة"\ndate: "2021-04-10"\n---\n'
    blocks = [
        f"<!-- gloss p{i} {fingerprint(ar)} -->\n{en}\n"
        for i, (ar, en) in enumerate(zip(ARABIC, ENGLISH, strict=True), 1)
    ]
    files = {
        f"content/ar/{STORY}.md": front + "\n\n".join([ARABIC[0], EDITED, ARABIC[2]]) + "\n",
        f"content/en/{STORY}.md": f'---\ntitle: "{TITLE}"\n---\n' + "\n".join(blocks),
    }
    for story, (headline, english_front, (arabic, english)) in LABELLED.items():
        files[f"content/ar/{story}.md"] = (
            f'---\ntitle: "{headline}"\ndate: "2021-05-02"\n---\n{arabic}\n'
        )
        gloss = f"<!-- gloss p1 {fingerprint(arabic)} -->\n{english}\n"
        files[f"content/en/{story}.md"] = f"---\n{english_front}---\n{gloss}"
    return files


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
    "water",
    # The words of the notes the pages add: not the articles' own.
    "outdated",
    "title",
    "outdated title",
    "translation",
    "pending",
    "english title pending",
    "untranslated",
    "partly",
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


def _heading(page, base: str, query: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The one result's heading: its text, its notes, and the words marked in its title."""
    assert len(listed_paths(page, f"{base}en/search/?q={quote(query)}")) == 1
    return page.eval_on_selector(  # type: ignore[no-any-return]
        ".search-result h2",
        """(h) => ({
          text: h.textContent,
          notes: [...h.querySelectorAll('.note')].map((n) => n.textContent),
          marked: [...h.querySelectorAll('mark')].map((m) => m.textContent),
          arabic: [...h.querySelectorAll('bdi[lang=ar]')].map((b) => b.textContent),
        })""",
    )


@pytest.mark.browser
def test_a_result_shows_the_notes_of_its_title_as_the_lists_do(site: str, page) -> None:  # type: ignore[no-untyped-def]
    assert _heading(page, site, "water") == {
        "text": f"{STALE_TITLE} (outdated title)",
        "notes": ["(outdated title)"],
        "marked": ["Water"],
        "arabic": [],
    }
    assert _heading(page, site, "roof") == {
        "text": f"English title pending {PENDING_HEADLINE}",
        "notes": ["English title pending"],
        "marked": [],
        "arabic": [PENDING_HEADLINE],
    }


def test_no_search_record_holds_a_note_the_pages_add(archive: Path) -> None:
    """What Pagefind reads of a page is its words: none of the notes the pages set beside
    titles and text, in either language."""
    notes = ["title_outdated", "excerpt_outdated", "title_pending", "title_in_arabic"]
    notes += ["partly_translated", "gloss_pending"]
    said = {PACKAGE_STRINGS[lang][note] for lang in ("ar", "en") for note in notes}
    records = {
        str(path.relative_to(archive / "site/.search")): path.read_text("utf-8")
        for path in (archive / "site/.search").rglob("*.html")
    }
    assert {f"en/{STALE_STORY}/index.html", f"en/{PENDING_STORY}/index.html"} <= records.keys()
    held = {name: [n for n in said if n in text] for name, text in records.items()}
    assert {name: found for name, found in held.items() if found} == {}
