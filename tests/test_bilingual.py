"""The bilingual site end to end: gloss stubs, staleness, English pages, hreflang, switcher."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core.diagnostics import BuildFailed

from .conftest import seed_paragraphs
from .webtools import sitemap_urls

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq"
GLOSS = f"content/en/{STORY}.md"
EN_PAGE = f"site/en/{STORY}/index.html"
AR_PAGE = f"site/ar/{STORY}/index.html"
EN_RECORD = f"site/.search/en/{STORY}/index.html"


class Head(HTMLParser):
    """Canonical, hreflang alternates, robots and the language switcher of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.canonical = ""
        self.alternates: dict[str, str] = {}
        self.robots = ""
        self.switch = ""
        self.switch_lang: str | None = None
        self.switch_text = ""
        self._in_switch = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a and "type" not in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("name") == "robots":
            self.robots = a["content"]
        elif tag == "a" and "lang-switch" in a.get("class", "").split():
            self.switch = a["href"]
            self.switch_lang = a.get("lang")
            self._in_switch = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_switch = False

    def handle_data(self, data: str) -> None:
        if self._in_switch:
            self.switch_text += data


def head_of(file: Path) -> Head:
    parser = Head()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def run(*argv: str) -> int:
    return main(list(argv))


def fill(root: Path, block_id: str, english: str) -> None:
    """Type English under a block, as a translator would in a text editor."""
    file = root / GLOSS
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"<!-- gloss {block_id} "))
    at += 1
    while lines[at].startswith("<!--"):
        at += 1
    lines.insert(at + 1, english)
    file.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def fresh(project: Path) -> Path:
    """The demo project without its gloss file: the state before anyone ran `gloss`."""
    (project / GLOSS).unlink()
    return project


def searchable(project: Path) -> str:
    """The English paragraph text Pagefind indexes: the text of the English page's search
    record (its paragraphs in English, glossed or outdated), before the word of every page."""
    html = (project / EN_RECORD).read_text(encoding="utf-8")
    if "data-pagefind-body" not in html:
        return ""
    body = html[html.index("data-pagefind-body") :]
    return " ".join(re.findall(r"<div>(.*?)</div>", body, re.S))


def test_gloss_creates_one_pending_block_per_seed_paragraph_and_is_idempotent(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("gloss", "--root", str(fresh)) == 0
    text = (fresh / GLOSS).read_text(encoding="utf-8")
    assert len(re.findall(r"^<!-- gloss p\d+ [0-9a-f]{8} -->$", text, re.M)) == len(
        seed_paragraphs()
    )
    assert "Kevin Copsey" in text  # the translator's aid: English names from the registry
    before = (fresh / GLOSS).read_bytes()
    assert run("gloss", "--root", str(fresh)) == 0
    assert (fresh / GLOSS).read_bytes() == before
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_filled_paragraph_shows_on_both_pages_then_goes_stale(
    fresh: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run("gloss", "--root", str(fresh))
    fill(fresh, "p5", "General Copsey spoke at the conference.")
    filled = (fresh / GLOSS).read_bytes()
    monkeypatch.setenv("NEWSARCHIVE_TODAY", "2026-12-06")
    assert run("gloss", "--root", str(fresh)) == 0
    # A translator's file is left as written, but for the day its English came (one line).
    dated = filled.replace(b"\n---\n", b"\ntranslated: 2026-12-06\n---\n", 1)
    assert (fresh / GLOSS).read_bytes() == dated
    assert run("gloss", "--root", str(fresh)) == 0
    assert (fresh / GLOSS).read_bytes() == dated  # then byte-identical
    build(fresh, fresh / "site", BASE)
    en = (fresh / EN_PAGE).read_text(encoding="utf-8")
    ar = (fresh / AR_PAGE).read_text(encoding="utf-8")
    assert "General Copsey spoke at the conference." in searchable(fresh)
    # One note for each run of untranslated paragraphs, not one line each; every paragraph
    # keeps its anchor (the Arabic page's parallel view and links point at them).
    last = len(seed_paragraphs())
    assert re.findall(r"Translation pending for [^<]*", en) == [
        "Translation pending for paragraphs 1–4. ",
        f"Translation pending for paragraphs 6–{last}. ",
    ]
    assert all(f'id="p{number}"' in en for number in range(1, last + 1))
    assert "Translation pending" not in searchable(fresh)
    assert re.search(r'<div id="p5"><p>General Copsey spoke', en)
    assert "General Copsey" not in ar  # the parallel view fetches it from the English page

    article = fresh / "content/ar" / f"{STORY}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("خلال المؤتمر", "أمس خلال المؤتمر", 1), encoding="utf-8")
    capsys.readouterr()
    assert run("status", "--root", str(fresh), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    row = report["articles"][0]
    assert (row["glossed"], row["stale_count"]) == (0, 1)
    assert row["stale"][0]["id"] == "p5"
    build(fresh, fresh / "site", BASE)
    en = (fresh / EN_PAGE).read_text(encoding="utf-8")
    assert "Outdated: the Arabic paragraph changed" in en
    # Searched as the page shows it, after the mark where the text turns outdated (a
    # result's excerpt from it says so: test_search_outdated).
    assert "General Copsey spoke" in en
    assert "\u2051 <p>General Copsey spoke at the conference." in searchable(fresh)


def test_new_arabic_paragraph_gets_a_new_pending_block_without_renumbering(fresh: Path) -> None:
    run("gloss", "--root", str(fresh))
    fill(fresh, "p2", "Press sources reported the move.")
    article = fresh / "content/ar" / f"{STORY}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("وتتزامن", "فقرة جديدة.\n\nوتتزامن", 1), encoding="utf-8")
    assert run("gloss", "--root", str(fresh)) == 0
    gloss = (fresh / GLOSS).read_text(encoding="utf-8")
    ids = re.findall(r"^<!-- gloss (p\d+) ", gloss, re.M)
    assert ids[:4] == ["p1", "p2", f"p{len(seed_paragraphs()) + 1}", "p3"]
    assert "Press sources reported the move." in gloss


def test_demo_pages_are_bilingual_with_reciprocal_hreflang(project: Path) -> None:
    build(project, project / "site", BASE, search=False)
    site = project / "site"
    pages = {p: head_of(p) for p in site.rglob("*.html")}
    by_url = {h.canonical: h for h in pages.values()}
    paired = [h for h in pages.values() if h.alternates]
    assert len(paired) > 10
    for page, head in pages.items():
        if page.name == "404.html":  # no address of its own: no canonical link
            assert head.canonical == "" and not head.alternates, page
            continue
        assert head.canonical.startswith(BASE), page
        if not head.alternates:
            continue
        homes = (BASE, BASE + "ar/", BASE + "en/")
        default = {"x-default"} if head.canonical in homes else set()
        assert set(head.alternates) == {"ar", "en"} | default, page
        assert head.canonical in head.alternates.values(), page  # a page names itself
        for url in head.alternates.values():
            assert by_url[url].alternates == head.alternates, (page, url)  # reciprocal


def test_switcher_leads_to_the_same_page_in_the_other_language(project: Path) -> None:
    build(project, project / "site", BASE, search=False)
    site = project / "site"
    for page in [
        AR_PAGE,
        EN_PAGE,
        "site/ar/entities/kevin-copsey/index.html",
        "site/en/entities/kevin-copsey/index.html",
        "site/en/2020/11/index.html",
    ]:
        head = head_of(project / page)
        lang = "en" if "/en/" in page else "ar"
        other = head.alternates["ar" if lang == "en" else "en"]
        assert BASE[: -len("/repo/")] + head.switch == other, page
        # Its words are in the language it leads to ("Read in English", "اقرأ بالعربية"), for
        # the reader of that language, and marked so: an English reader who came to an
        # Arabic page found the way back written «اقرأ بالإنجليزية».
        assert head.switch_lang == ("en" if lang == "ar" else "ar"), page
    assert (site / "en/entities/kevin-copsey/index.html").exists()


def test_the_switcher_says_when_it_leads_to_the_other_language_s_home(project: Path) -> None:
    """ "Read in English" leads to the article's English page; where a page has none (an
    article not yet translated, the English-only status pages) the link says it goes to the
    other language's site (it said "Read in English" and silently led to the English home)."""
    (project / "content/ar/2021/05").mkdir(parents=True)
    (project / "content/ar/2021/05/untranslated.md").write_text(
        '---\ntitle: "خبر بلا ترجمة"\ndate: "2021-05-02"\n---\n\nقال التحالف الدولي إن المهمة مستمرة.\n',
        encoding="utf-8",
    )
    build(project, project / "site", BASE, search=False)
    switches = {
        page: (head.switch, head.switch_text)
        for page in (
            AR_PAGE,
            EN_PAGE,
            "site/ar/2021/05/untranslated/index.html",
            "site/en/status/index.html",
        )
        for head in [head_of(project / page)]
    }
    assert switches == {
        AR_PAGE: (f"/repo/en/{STORY}/", "Read in English"),
        EN_PAGE: (f"/repo/ar/{STORY}/", "اقرأ بالعربية"),
        "site/ar/2021/05/untranslated/index.html": ("/repo/en/", "English site"),
        "site/en/status/index.html": ("/repo/ar/", "الموقع بالعربية"),
    }


def test_english_pages_list_english_titles_and_mark_stubs_noindex(
    project: Path, fresh_copy: Path
) -> None:
    build(project, project / "site", BASE, search=False)
    home = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert "International coalition: US forces&#39; move from Syria towards Iraq is routine" in home
    assert head_of(project / EN_PAGE).robots == ""
    status = (project / "site/en/status/index.html").read_text(encoding="utf-8")
    assert "<td>3</td>" in status
    run("gloss", "--root", str(fresh_copy))
    build(fresh_copy, fresh_copy / "site", BASE, search=False)
    home = (fresh_copy / "site/en/index.html").read_text(encoding="utf-8")
    # Nothing translated: no English page, and the entry says it leads to the Arabic one.
    assert '<span class="note pending-title">In Arabic, untranslated</span>' in home
    assert "English title pending" not in home


def test_an_article_with_nothing_translated_has_no_english_page_and_nothing_points_to_one(
    fresh_copy: Path,
) -> None:
    """A stub gloss (nothing translated) makes no English page: the English lists and feed
    lead to the Arabic original, which names no English twin; the editors' status page
    still counts its pending paragraphs. The first translated paragraph brings the page."""
    run("gloss", "--root", str(fresh_copy))
    site = fresh_copy / "site"
    build(fresh_copy, site, BASE, search=False)
    en_url, ar_url = BASE + f"en/{STORY}/", BASE + f"ar/{STORY}/"
    assert not (fresh_copy / EN_PAGE).exists()
    texts = {
        p: p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".xml")
    }
    assert not [p for p, text in texts.items() if f"en/{STORY}/" in text]
    ar = head_of(fresh_copy / AR_PAGE)
    assert ar.alternates == {} and ar.switch == "/repo/en/"
    assert "parallel-toggle" not in texts[fresh_copy / AR_PAGE]
    home = texts[site / "en/index.html"]
    assert f'<a href="/repo/ar/{STORY}/" hreflang="ar">' in home
    assert f"<id>{ar_url}</id>" in texts[site / "en/feed.xml"]
    status = texts[site / "en/status/2020/11/index.html"]  # its month's status page
    assert f'href="/repo/ar/{STORY}/" hreflang="ar"' in status and "<td>0</td>" in status
    # said once above the table (a translators' page of a month lists hundreds), not per row
    assert status.count("An article with nothing translated yet links to its Arabic page.") == 1
    assert "In Arabic, untranslated" not in status

    fill(fresh_copy, "p1", "The international coalition said the move was routine.")
    build(fresh_copy, site, BASE, search=False)
    assert "The international coalition said" in (fresh_copy / EN_PAGE).read_text("utf-8")
    assert head_of(fresh_copy / EN_PAGE).robots == ""
    assert head_of(fresh_copy / AR_PAGE).alternates["en"] == en_url
    assert en_url in sitemap_urls(site)
    assert f'<a href="/repo/en/{STORY}/">' in (site / "en/index.html").read_text("utf-8")


@pytest.fixture
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second project, without a gloss file."""
    import shutil

    from .conftest import REPO

    root = tmp_path_factory.mktemp("fresh")
    shutil.copytree(REPO / "content", root / "content")
    (root / GLOSS).unlink()
    return root


def test_malformed_gloss_stops_the_build_with_path_and_line(project: Path) -> None:
    file = project / GLOSS
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("<!-- gloss p2 ", "<!-- gloss p1 ", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    line = (
        text.split("\n").index(next(x for x in text.split("\n") if x.startswith("<!-- gloss p2 ")))
        + 1
    )
    assert [str(d) for d in failed.value.diagnostics] == [
        f"{GLOSS}:{line}: error: duplicate paragraph id 'p1' (first on line 9)"
    ]
    assert not (project / "site").exists()


def test_gloss_without_article_is_an_error_naming_its_likely_article(project: Path) -> None:
    stray = project / "content/en/2020/11/no-such-story.md"
    stray.write_text('---\ntitle: "Lost"\n---\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    assert [str(d) for d in failed.value.diagnostics] == [
        "content/en/2020/11/no-such-story.md:1: error: "
        "no Arabic article at content/ar/2020/11/no-such-story.md for this gloss; "
        "if the article was deleted, delete this gloss too; if it was moved, move this gloss "
        "to the same path under content/en/"
    ]
    assert not (project / "site").exists()


def test_real_pagefind_indexes_only_glossed_english(project: Path) -> None:
    import gzip

    build(project, project / "site", BASE, search=True)
    fragments = {}
    for file in (project / "site/pagefind").glob("*/fragment/*"):  # one bundle per year
        data = json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments[data["url"]] = data["content"]
    english = fragments[f"/en/{STORY}/"]
    assert "The international coalition said on Tuesday" in english
    assert "pending" not in english.lower()
    arabic = fragments[f"/ar/{STORY}/"]
    assert "international coalition" not in arabic  # the parallel view is not indexed as Arabic


def test_the_site_root_is_a_language_chooser_not_a_copy_of_the_arabic_home(
    project: Path,
) -> None:
    """The root is its own page: its canonical is the root, which both homes name as their
    x-default; it links each home in its own language and lists no article."""
    build(project, project / "site", BASE, search=False)
    site = project / "site"
    root = head_of(site / "index.html")
    assert root.canonical == BASE
    assert root.alternates == {"ar": BASE + "ar/", "en": BASE + "en/", "x-default": BASE}
    for lang in ("ar", "en"):
        assert head_of(site / lang / "index.html").alternates["x-default"] == BASE
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="/repo/ar/" hreflang="ar">العربية</a>' in html
    assert '<a href="/repo/en/" hreflang="en">English</a>' in html
    assert "article-list" not in html and f"/repo/ar/{STORY}/" not in html


def test_outdated_paragraphs_are_counted_where_progress_is_shown(project: Path) -> None:
    """An article with a translation made stale by an edit of its Arabic said "2 / 13
    paragraphs translated" and no more: the reader learnt of the outdated one only by
    meeting it. Its page, the English lists and the Arabic page now count it too."""
    article = project / "content/ar" / f"{STORY}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("يوم الثلاثاء", "يوم الثلاثاء الماضي", 1), encoding="utf-8")
    build(project, project / "site", BASE, search=False)
    total = len(seed_paragraphs())
    said = f"2 / {total} paragraphs translated · 1 outdated since the Arabic was edited"
    for page in (EN_PAGE, "site/en/index.html", "site/en/2020/11/index.html"):
        shown = re.sub(r"\s+", " ", (project / page).read_text(encoding="utf-8"))
        assert said in shown, page
    arabic = re.sub(r"\s+", " ", (project / AR_PAGE).read_text(encoding="utf-8"))
    assert "فقرات قديمة تغيّر نصها العربي: 1" in arabic  # its no-break spaces as spaces
