"""An article whose English page has no English title yet is named the same way wherever the
site names it: "English title pending", then the Arabic headline set apart right to left
(content/bidi.py english_title_plain, templates/_english_title.html). It was five ways on one
site: the Arabic headline with a note after it, the note before it, the bare headline (in
JSON-LD labelled as English, and at the article's earlier address), and the story's path."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser

from newsarchive.assembly.searchtext import PENDING
from newsarchive.build.engine import BuildResult, build
from newsarchive.content.bidi import latin_isolated, latin_isolated_plain

from .conftest import ARCHIVE_BASE, DEMO_ARTICLE, snapshot

ARABIC_FILE = "content/" + DEMO_ARTICLE
ENGLISH_FILE = "content/en/" + DEMO_ARTICLE.removeprefix("ar/")
STORY = "2020/11/coalition-us-forces-syria-iraq"
EARLIER = "2020/11/coalition-earlier-address"
HEADLINE = "التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق تحرك اعتيادي ولا انسحاب"
PLAIN = f"English title pending {latin_isolated_plain(HEADLINE)}"
HTML = (
    '<span class="note pending-title">English title pending</span> '
    f'<bdi lang="ar" dir="rtl">{HEADLINE}</bdi>'
)
GIVEN = "Coalition: the move of US forces to Iraq is routine"


def _build(root: Path) -> BuildResult:
    """A build with its search records (the patched one rewrites them too)."""
    return build(root, root / "site", ARCHIVE_BASE, search=True)


def _differ_from_cold(root: Path, tmp: Path) -> list[str]:
    """The files of root's site/ that a cold build of its content makes otherwise (Pagefind's
    own index aside: the records it reads are compared)."""
    clean = tmp / "cold"
    shutil.copytree(root / "content", clean / "content")
    _build(clean)
    now, cold = snapshot(root / "site"), snapshot(clean / "site")
    return sorted(
        p for p in now.keys() | cold.keys() if now.get(p) != cold.get(p) and "pagefind/" not in p
    )


def _set_english_title(root: Path, title: str) -> None:
    file = root / ENGLISH_FILE
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r'(?m)^title: ".*"$', f'title: "{title}"', text, count=1), "utf-8")


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _jsonld(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert found is not None
    data: dict[str, object] = json.loads(found[1])
    return data


def _feed_title(site: Path) -> str:
    (entry,) = feedparser.parse((site / "en/feed.xml").read_bytes()).entries
    return str(entry.title)


def _title_places(site: Path) -> dict[str, str]:
    """Each place that names the English page, as the reader or crawler gets it."""
    page = _read(site, f"en/{STORY}/index.html")
    heading = re.search(r"<h1>(.*?)</h1>", page)
    og_title = re.search(r'<meta property="og:title" content="(.*?)">', page)
    tab_title = re.search(r"<title>(.*?) · ", page)
    redirect = re.search(r"<title>(.*?)</title>", _read(site, f"en/{EARLIER}/index.html"))
    assert heading and og_title and tab_title and redirect
    return {
        "title": tab_title[1],
        "og:title": og_title[1],
        "feed": _feed_title(site),
        "redirect": redirect[1],
        "h1": heading[1],
        "home list": _read(site, "en/index.html"),
        "translated list": _read(site, "en/translated/index.html"),
        "entity page": _read(site, "en/entities/iraq/index.html"),
        "status page": _read(site, "en/status/2020/11/index.html"),
    }


def _record_title(site: Path) -> str:
    """The title of the English page's search record: the article's words, the note its
    page sets beside them a mark (searchtext.PENDING), which the search page shows as the
    note (tests/test_search_outdated.py)."""
    record = re.search(r"<h1>(.*?)</h1>", _read(site, f".search/en/{STORY}/index.html"))
    assert record is not None
    return record[1]


def test_an_english_page_without_its_title_is_named_one_way_everywhere_patched_as_built(
    project: Path, tmp_path: Path
) -> None:
    arabic = project / ARABIC_FILE
    moved = arabic.read_text(encoding="utf-8").replace(
        "\n---\n", f'\nmoved_from: ["{EARLIER}"]\n---\n', 1
    )
    arabic.write_text(moved, "utf-8")
    site = project / "site"
    _build(project)

    _set_english_title(project, "")
    assert _build(project).written is not None  # patched, not built again in full
    places = _title_places(site)
    plain = {"title", "og:title", "feed", "redirect"}
    assert {name: places[name] for name in plain} == {name: PLAIN for name in plain}
    assert {name: HTML in shown for name, shown in places.items() if name not in plain} == {
        name: True for name in places if name not in plain
    }
    # The same words as text and as HTML: the note, then the headline.
    as_text = re.sub(r"<[^>]*>", "", HTML)
    assert as_text == PLAIN.replace("\u2067", "").replace("\u2069", "")
    page = _read(site, f"en/{STORY}/index.html")
    # The citation gives the headline as published, and says the translation is pending.
    assert f'“<bdi lang="ar">{HEADLINE}</bdi>” (English title pending).' in page
    # No Arabic passed for English in the English page's record: no headline there, the
    # original's (its translationOfWork) gives it in Arabic.
    english, original = _jsonld(page), _jsonld(_read(site, f"ar/{STORY}/index.html"))
    assert "headline" not in english and english["inLanguage"] == "en"
    assert original["headline"] == HEADLINE and original["inLanguage"] == "ar"
    assert _record_title(site) == f"{PENDING} {HEADLINE}"
    assert _differ_from_cold(project, tmp_path / "empty") == []

    # The Arabic headline edited while the English title is pending, opening with a Latin
    # name now: every place names the page by the new one, its Latin set apart within it.
    arabic.write_text(
        arabic.read_text(encoding="utf-8").replace('title: "', 'title: "CNN: ', 1), "utf-8"
    )
    assert _build(project).written is not None
    edited = f"CNN: {HEADLINE}"
    shown_html = HTML.replace(HEADLINE, latin_isolated(edited))
    places = _title_places(site)
    assert {name: places[name] for name in plain} == {
        name: f"English title pending {latin_isolated_plain(edited)}" for name in plain
    }
    assert all(shown_html in places[name] for name in places if name not in plain)
    assert _record_title(site) == f"{PENDING} {edited}"
    assert _differ_from_cold(project, tmp_path / "edited") == []

    arabic.write_text(moved, "utf-8")  # the headline its title translates, not outdated
    _set_english_title(project, GIVEN)
    assert _build(project).written is not None
    places = _title_places(site)
    assert {name: places[name] for name in plain} == {name: GIVEN for name in plain}
    assert all(GIVEN in shown and HTML not in shown for shown in places.values())
    assert "English title pending" not in _read(site, f"ar/{STORY}/index.html")
    assert _jsonld(_read(site, f"en/{STORY}/index.html"))["headline"] == GIVEN
    assert _record_title(site) == GIVEN
    assert _differ_from_cold(project, tmp_path / "given") == []
