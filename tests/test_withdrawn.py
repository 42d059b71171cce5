"""A withdrawn article (front matter `withdrawn:`, a date and a note) keeps its addresses:
its Arabic and English pages show its headline, its date and the editors' notice, never its
text, and are noindex; it leaves the lists, entity pages and counts, the feeds, the sitemap
and search; the links other articles make to it still build; no gloss warning, `status` or
`gloss` nags about it; and an edit that withdraws, changes or restores it leaves the site a
cold build makes (real builds, the command line)."""

from __future__ import annotations

import datetime
import gzip
import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.articles import parse_article

from .conftest import DEMO_ARTICLE, fresh_build, snapshot, write

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq"
GLOSS = f"en/{STORY}.md"
NOTE = "سُحب هذا التقرير لعدم دقة مصادره (CNN)."
WITHDRAWN = f'withdrawn:\n  date: 2026-11-30\n  note: "{NOTE}"\n'
BODY_WORDS = "مؤتمراً صحفياً"  # of the demo article's fourth paragraph
ENGLISH_WORDS = "part of routine movements"  # of its gloss's first paragraph
OTHER = "ar/2020/10/other.md"
ADDED = '---\ntitle: "خبر مضاف"\ndate: "2020-09-01"\n---\n\nنص [الخبر](../11/coalition-us-forces-syria-iraq.md).\n'


def _withdraw(root: Path, front_matter: str = WITHDRAWN) -> None:
    """The demo article withdrawn: `front_matter` put after its opening '---'."""
    file = root / "content" / DEMO_ARTICLE
    file.write_text(file.read_text(encoding="utf-8").replace("---\n", f"---\n{front_matter}", 1))


def _restore(root: Path) -> None:
    file = root / "content" / DEMO_ARTICLE
    file.write_text(re.sub(r"withdrawn:\n(  .*\n)+", "", file.read_text(encoding="utf-8")))


@pytest.fixture
def linked(project: Path) -> Path:
    """The demo and an article of October linking its Arabic and English pages."""
    write(
        project,
        f"content/{OTHER}",
        '---\ntitle: "خبر سابق"\ndate: "2020-10-05"\n---\n\n'
        f"انظر [الخبر](../11/coalition-us-forces-syria-iraq.md) و[ترجمته](../../../{GLOSS}).\n",
    )
    return project


@pytest.fixture
def withdrawn(linked: Path) -> Path:
    """`linked`, the demo article withdrawn, built (no search)."""
    _withdraw(linked)
    build(linked, linked / "site", BASE, search=False)
    return linked / "site"


def _page(site: Path, lang: str) -> str:
    return (site / lang / STORY / "index.html").read_text(encoding="utf-8")


def test_its_arabic_page_shows_headline_date_and_notice_not_its_text(withdrawn: Path) -> None:
    page = _page(withdrawn, "ar")
    assert "<h1>التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق" in page
    assert '<time datetime="2020-11">تشرين الثاني/نوفمبر 2020</time>' in page
    notice = 'سُحب هذا المقال في&nbsp;<time datetime="2026-11-30">30 تشرين الثاني/نوفمبر 2026</time>'
    assert notice in page
    assert 'سُحب هذا التقرير لعدم دقة مصادره (<bdi lang="en">CNN</bdi>).' in page
    assert BODY_WORDS not in page and "كيفن كوبسي" not in page  # nor its entities
    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="alternate" hreflang' not in page  # a noindex page names no twin


def test_its_english_page_says_so_in_english_without_the_translation(withdrawn: Path) -> None:
    page = _page(withdrawn, "en")
    assert "<h1>International coalition: US forces&#39; move from Syria towards Iraq" in page
    assert 'This article was withdrawn on&nbsp;<time datetime="2026-11-30">30 November 2026' in page
    assert '<p lang="ar" dir="rtl">سُحب هذا التقرير لعدم دقة مصادره' in page
    assert ENGLISH_WORDS not in page and BODY_WORDS not in page
    assert '<meta name="robots" content="noindex">' in page


def test_it_leaves_lists_entity_pages_counts_feeds_status_and_the_sitemap(
    withdrawn: Path,
) -> None:
    address = f"/repo/ar/{STORY}/"
    published = {
        path: data.decode("utf-8", "replace")
        for path, data in snapshot(withdrawn).items()
        if not path.startswith(("static/", f"ar/{STORY}/", f"en/{STORY}/", "ar/2020/10/other/"))
        and path.endswith((".html", ".xml"))
    }
    feeds = {path: text for path, text in published.items() if path.endswith("feed.xml")}
    assert not [path for path, text in feeds.items() if f"<id>{BASE}ar/{STORY}/" in text]
    assert "ar/feed.xml" in feeds and "en/translated/feed.xml" in feeds
    # Only the October article's entry names it, linking it.
    assert [path for path, text in published.items() if STORY in text] == ["ar/feed.xml"]
    assert not (withdrawn / "ar/2020/11/index.html").exists()  # its month had only it
    sitemap = gzip.decompress((withdrawn / "sitemap-1.xml.gz").read_bytes()).decode()
    assert STORY not in sitemap and "ar/2020/10/other/" in sitemap
    # Kevin Copsey is named by it alone: his page lists no article, and counts none.
    copsey = (withdrawn / "ar/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert address not in copsey
    entities = (withdrawn / "ar/entities/index.html").read_text(encoding="utf-8")
    assert "kevin-copsey" not in entities or '"count">0<' in entities


def test_links_to_it_still_build_and_lead_to_its_pages(withdrawn: Path) -> None:
    other = (withdrawn / "ar/2020/10/other/index.html").read_text(encoding="utf-8")
    assert f'<a href="/repo/ar/{STORY}/">الخبر</a>' in other
    assert f'<a href="/repo/en/{STORY}/">ترجمته</a>' in other


def test_no_gloss_warning_status_or_gloss_nags_about_it(
    linked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _withdraw(linked)
    gloss = linked / "content" / GLOSS
    before = gloss.read_bytes()
    root = ["--root", str(linked)]
    assert main(["build", *root, "--no-search"]) == 0
    assert "content/en/" not in capsys.readouterr().err  # no orphan or outdated block
    assert main(["status", *root]) == 0
    assert STORY not in capsys.readouterr().out
    assert main(["gloss", *root]) == 0
    assert gloss.read_bytes() == before
    assert main(["gloss", *root, "--accept", f"content/{GLOSS}"]) == 1
    assert "is withdrawn: its pages show none of its text" in capsys.readouterr().err


def test_search_neither_indexes_it_nor_maps_its_words(withdrawn: Path, linked: Path) -> None:
    build(linked, linked / "site", BASE, search=True)
    assert not (withdrawn / ".search/ar" / STORY).exists()
    words = _indexed_words(withdrawn)
    assert "صحفياً" not in words and "coalition-us-forces" not in words
    assert "سابق" in words  # the October article is indexed, and mapped
    assert any(withdrawn.glob("pagefind/map-ar/fragment/*"))


def _indexed_words(site: Path) -> str:
    """What every Pagefind bundle (the parts and the word maps) holds of its pages' text and
    addresses (their fragments)."""
    fragments = (site / "pagefind").rglob("fragment/*.pf_fragment")
    return " ".join(gzip.decompress(f.read_bytes()).decode("utf-8") for f in fragments)


@pytest.mark.parametrize("search", [False, True])
def test_withdrawing_changing_and_restoring_it_builds_what_a_cold_build_builds(
    linked: Path, tmp_path: Path, search: bool
) -> None:
    build(linked, linked / "site", BASE, search=search)
    steps = [
        lambda: _withdraw(linked),
        lambda: _set_note(linked, "سُحب بطلب من المصدر."),
        lambda: write(linked, "content/ar/2020/09/added.md", ADDED),  # others kept
        lambda: (linked / "content" / GLOSS).unlink(),  # its English page stays
        lambda: _restore(linked),
    ]
    for number, step in enumerate(steps):
        step()
        build(linked, linked / "site", BASE, search=search)
        built = snapshot(linked / "site")
        # Withdrawn, it keeps its English page, its gloss deleted; restored, it has none.
        assert (f"en/{STORY}/index.html" in built) == (number < 4)
        if not search:  # a cold build's search index is its own (Pagefind's order)
            assert built == fresh_build(linked, tmp_path, BASE)
        else:  # its words leave the index and the map, and come back with it
            assert ("صحفياً" in _indexed_words(linked / "site")) == (number == 4)
    assert BODY_WORDS in _page(linked / "site", "ar")


def _set_note(root: Path, note: str) -> None:
    file = root / "content" / DEMO_ARTICLE
    file.write_text(file.read_text(encoding="utf-8").replace(NOTE, note))


def test_a_withdrawn_article_among_the_newest_leaves_its_feed_place_to_the_next(
    project: Path, tmp_path: Path
) -> None:
    """The feeds show the 50 newest articles, whose full entries the build makes with their
    pages, choosing them by their folders (February's 50 here); the newest withdrawn, the
    51st, of January, takes its place."""

    def article(month: int, day: int, n: int) -> None:
        date, slug = f"2021-{month:02d}-{day:02d}", f"{month}-{day}-{n}"
        text = f'---\ntitle: "خبر {slug}"\ndate: "{date}"\n---\n\nنص الخبر {slug}.\n'
        write(project, f"content/ar/2021/{month:02d}/{slug}.md", text)

    for day in range(1, 26):
        article(2, day, 1), article(2, day, 2)
    article(1, 10, 1), article(1, 10, 2)
    newest = project / "content/ar/2021/02/2-25-2.md"
    newest.write_text(newest.read_text().replace("---\n", f"---\n{WITHDRAWN}", 1))
    build(project, project / "site", BASE, search=False)
    feed = (project / "site/ar/feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry") == 50
    assert "/2-25-2/" not in feed and "/1-10-2/" in feed and "/1-10-1/" not in feed
    assert "نص الخبر 1-10-2" in feed  # its whole text, as every entry's
    assert snapshot(project / "site") == fresh_build(project, tmp_path, BASE)


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("withdrawn: true\n", "a.md:2: error: 'withdrawn' takes the day it was withdrawn"),
        ("withdrawn:\n  date: 2026-11-30\n", "a.md:3: error: 'withdrawn' needs a 'note'"),
        (
            'withdrawn:\n  date: 2026-11-30\n  note: ""\n',
            "a.md:4: error: 'withdrawn' needs a 'note'",
        ),
        ('withdrawn:\n  note: "x"\n', "a.md:3: error: 'withdrawn' needs a 'date'"),
        ('withdrawn:\n  date: 2026-11\n  note: "x"\n', "a.md:3: error: give the day it was"),
        (
            'withdrawn:\n  date: 2020-10-01\n  note: "x"\n',
            "a.md:3: error: withdrawn on 2020-10-01, before the article's date 2020-11",
        ),
        ('withdrawn:\n  date: 30/11/2026\n  note: "x"\n', "a.md:3: error: date '30/11/2026'"),
        (
            'withdrawn:\n  date: 2026-11-30\n  note: "x"\n  by: y\n',
            "a.md:5: error: unknown key 'by'",
        ),
    ],
)
def test_a_wrong_withdrawal_is_an_error_at_its_line(front_matter: str, expected: str) -> None:
    text = f'---\n{front_matter}title: "عنوان"\ndate: "2020-11"\n---\nنص\n'
    article, diags = parse_article(text, "ar/2020/11/a.md")
    assert article is None
    assert any(str(d).startswith(f"content/ar/2020/11/{expected}") for d in diags), diags


def test_a_wrong_withdrawal_leaves_the_site_as_it_was(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(project, project / "site", BASE, search=False)
    before = snapshot(project / "site")
    _withdraw(project, "withdrawn:\n  date: 2026-11-30\n")
    assert main(["build", "--root", str(project), "--no-search", "--base-url", BASE]) == 1
    assert f"content/{DEMO_ARTICLE}:3: error: 'withdrawn' needs a 'note'" in capsys.readouterr().err
    assert snapshot(project / "site") == before


def test_a_withdrawn_article_may_keep_no_text(project: Path) -> None:
    file = project / "content" / DEMO_ARTICLE
    head = file.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    file.write_text(f"{head}\n---\n", encoding="utf-8")
    _withdraw(project)
    build(project, project / "site", BASE, search=False)
    assert NOTE.removesuffix(" (CNN).") in _page(project / "site", "ar")


@pytest.mark.parametrize("withdrawn", [False, True])
def test_entities_suggest_leaves_out_the_names_of_a_withdrawn_article(
    project: Path, capsys: pytest.CaptureFixture[str], withdrawn: bool
) -> None:
    head = '---\ntitle: "تصريح"\ndate: "2020-10-05"\n---\n\n'
    text = "قال الجنرال سمير الدليمي إن القوات وصلت إلى المدينة يوم الثلاثاء.\n"
    write(project, f"content/{OTHER}", head + text)
    if withdrawn:
        other = project / "content" / OTHER
        other.write_text(other.read_text().replace("---\n", f"---\n{WITHDRAWN}", 1))
    assert main(["entities", "suggest", "--root", str(project)]) == 0
    assert ("سمير الدليمي" in capsys.readouterr().out) != withdrawn


def test_a_withdrawal_may_be_dated_tomorrow_but_not_later() -> None:
    """Tomorrow, for a day begun where the copy came from before where the site is built; a
    later day is a mistyped year, as a correction's or the article's own."""
    text = (
        '---\nwithdrawn:\n  date: "{day}"\n  note: "x"\ntitle: "عنوان"\ndate: "2026-11"\n---\nنص\n'
    )
    today = datetime.date(2026, 11, 30)
    article, _ = parse_article(text.format(day="2026-12-01"), "ar/2026/11/a.md", today)
    assert article is not None and article.withdrawn is not None
    article, diags = parse_article(text.format(day="2026-12-02"), "ar/2026/11/a.md", today)
    assert article is None
    assert [str(d) for d in diags] == [
        "content/ar/2026/11/a.md:3: error: date 2026-12-02 is in the future (today is "
        "2026-11-30): a mistyped year?"
    ]
