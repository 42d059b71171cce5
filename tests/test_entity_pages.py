"""Entity sidebar, mention links and entity pages on the built demo site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.assembly.quotes import QUOTE_WORDS, sentence_around
from newsarchive.build.engine import build

from .conftest import build_archive, differ_from_full, set_per_page, write
from .webtools import demo_site_with, listed_paths, sitemap_urls

SEED_PAGE = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"
SEED_HREF = "/repo/ar/2020/11/coalition-us-forces-syria-iraq/"


@pytest.fixture
def site(project: Path) -> Path:
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    return project / "site"


def _sidebar(page: str) -> str:
    match = re.search(r'<details class="entity-sidebar.*?</details>', page, re.S)
    assert match, "the article has no entity sidebar"
    return match.group(0)


def test_sidebar_lists_each_entity_once_with_its_english_name(site: Path) -> None:
    sidebar = _sidebar((site / SEED_PAGE).read_text(encoding="utf-8"))
    links = re.findall(r'<a href="/repo/ar/entities/([a-z0-9-]+)/">', sidebar)
    assert len(links) == len(set(links))
    assert {
        "kevin-copsey",
        "kino-gabriel",
        "syria",
        "islamic-state",
        "syrian-democratic-forces",
    } <= set(links)
    assert '<bdi lang="en">Kevin Copsey</bdi>' in sidebar
    for heading in ("أشخاص", "أماكن"):
        assert f"<h3>{heading}</h3>" in sidebar


def test_a_pending_english_name_is_said_on_the_entity_page_not_in_every_article(
    project: Path,
) -> None:
    """An Arabic reader of an article needs no note that an English name is pending: the
    Arabic sidebar gives the Arabic name alone; the entity's page and the English pages,
    which would show the English name, say it is pending."""
    registry = project / "content/entities.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  en: Kevin Copsey\n", "", 1), encoding="utf-8")
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    site = project / "site"
    sidebar = _sidebar((site / SEED_PAGE).read_text(encoding="utf-8"))
    item = re.search(
        r'<li><a href="/repo/ar/entities/kevin-copsey/">كيفن كوبسي</a> (.*?)</li>', sidebar
    )
    assert item is not None and re.fullmatch(r'<span class="count">\d+</span>', item[1])
    assert "قيد الإعداد" not in sidebar
    entity = (site / "ar/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert '<span class="gloss pending">الترجمة الإنجليزية للاسم قيد الإعداد</span>' in entity
    english = _sidebar((site / SEED_PAGE.replace("ar/", "en/", 1)).read_text(encoding="utf-8"))
    assert '<bdi lang="ar">كيفن كوبسي</bdi></a> <span class="gloss pending">' in english
    page = (site / "en/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    start = page.index('<div class="entity">')
    header = page[start : page.index("</header>", start)]
    assert header.count("كيفن كوبسي") == 1  # the heading gives the Arabic name; not said twice
    assert '<p class="names"><span class="gloss pending">English name pending</span>' in header


def test_every_mention_links_to_an_entity_page_that_links_back(site: Path) -> None:
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    targets = set(re.findall(r'<a href="/repo/(ar/entities/[a-z0-9-]+/)"', page))
    assert len(targets) >= 10
    for target in targets:
        entity_page = (site / target / "index.html").read_text(encoding="utf-8")
        assert f'href="{SEED_HREF}"' in entity_page, target


def _body(page: str) -> str:
    """The article's text: from its body (with its notes) to what follows it (the
    corrections, the entity list and the citation in their <aside>)."""
    start = page.index('<div class="body"')
    after = ('<div class="corrections"', "<aside>")
    return page[start : min(i for i in (page.find(a, start) for a in after) if i >= 0)]


def test_variant_spellings_count_as_one_entity(site: Path) -> None:
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    body = _body(page)
    assert "كينو كبريل" in body and "كينو كبرئيل" in body
    kino = re.search(
        r'entities/kino-gabriel/">[^<]*</a> .*?<span class="count">(\d+)<', _sidebar(page)
    )
    assert kino and kino.group(1) == "2"
    entity_page = (site / "ar/entities/kino-gabriel/index.html").read_text(encoding="utf-8")
    assert '<p class="variants">ويُكتب أيضًا: كينو كبرئيل، ' in entity_page  # labelled


def test_each_entity_is_linked_at_its_first_mention_only(site: Path) -> None:
    """Later mentions read as plain text: a paragraph is not a wall of links."""
    page = (site / SEED_PAGE).read_text(encoding="utf-8")
    body = _body(page)
    ids = re.findall(r'<a href="/repo/ar/entities/([a-z0-9-]+)/">', body)
    assert len(ids) == len(set(ids)) >= 10
    syria = re.search(r'entities/syria/">[^<]*</a> .*?<span class="count">(\d+)<', _sidebar(page))
    assert syria and int(syria.group(1)) > 1  # named more than once, linked once
    after_link = re.sub(r"<[^>]+>", "", body[body.index('entities/syria/">') :])
    assert after_link.count("سوريا") >= int(syria.group(1))  # the later ones are text


def test_entity_page_shows_first_mention_and_companions(site: Path) -> None:
    page = (site / "ar/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert "Kevin Copsey" in page
    assert re.search(r"<blockquote>[^<]*كيفن كوبسي", page)
    assert 'class="co-mentions chart-ranked"' in page


def test_a_first_mention_quote_shows_the_mention_however_long_its_sentence() -> None:
    words = [f"w{i}" for i in range(60)]
    text = " ".join(words) + ". Next sentence."
    late = text.index("w40 ")
    quote = sentence_around(text, late)
    assert "w40" in quote.split() and quote.startswith("… ") and quote.endswith(" …")
    assert len(quote.split()) == QUOTE_WORDS + 2  # and the two ellipses
    early = sentence_around(text, text.index("w3 "))
    assert early.split()[:2] == ["w0", "w1"] and early.endswith(" …")
    assert sentence_around("Short one. Another.", 0) == "Short one."


def test_a_first_mention_quote_runs_over_decimals_and_addresses() -> None:
    """A dot inside a number, an address or a file name ends no sentence: the quote of
    «البنك» is its whole sentence, not «… 3.»."""
    text = "قبل ذلك. قال البنك إن النمو بلغ 3.3 بالمئة، بحسب www.example.org وملف photo.jpg. ثم"
    assert sentence_around(text, text.index("البنك")) == (
        "قال البنك إن النمو بلغ 3.3 بالمئة، بحسب www.example.org وملف photo.jpg."
    )
    # Nor the last stop of U.S. inside an Arabic sentence, whose quote was «… U.S.».
    text = "قبل ذلك. قال ترامب إن وزارة الدفاع U.S. أعلنت وصول طائرات F-16. ثم"
    assert sentence_around(text, text.index("ترامب")) == (
        "قال ترامب إن وزارة الدفاع U.S. أعلنت وصول طائرات F-16."
    )


def test_english_entity_pages_quote_the_translation_where_it_names_the_entity(
    site: Path,
) -> None:
    """A first mention in a translated paragraph that names the entity in English is quoted
    in English; one whose paragraph is not translated yet is listed without a quote (its
    Arabic sentence is on the Arabic entity page, not repeated for English readers)."""
    malikiyah = (site / "en/entities/al-malikiyah/index.html").read_text(encoding="utf-8")
    quote = re.search(r"<blockquote>([^<]*)</blockquote>", malikiyah)
    assert quote is not None and "al-Malikiyah" in quote[1]  # past the 20th word of its sentence
    copsey = (site / "en/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    listed = copsey[copsey.index('<ol class="article-list') : copsey.index("</ol>")]
    assert f'href="{SEED_HREF.replace("/ar/", "/en/")}"' in listed
    assert "<blockquote" not in listed and "كيفن كوبسي" not in listed  # its paragraph is pending


def test_translating_a_paragraph_brings_its_quote_to_the_english_entity_pages(
    project: Path, tmp_path: Path
) -> None:
    """An edit that translates the paragraph of a first mention re-renders what a full build
    would: the English entity page now quotes the English."""
    build_archive(project)
    gloss = project / "content/en/2020/11/coalition-us-forces-syria-iraq.md"
    text = gloss.read_text(encoding="utf-8")
    pending = re.search(r"<!-- names: [^\n]*Kevin Copsey[^\n]* -->\n\n", text)
    assert pending is not None, "the demo's paragraph 4 is pending"
    said = "The coalition deputy commander, General Kevin Copsey, held a press conference."
    gloss.write_text(text.replace(pending[0], f"{pending[0]}{said}\n", 1), encoding="utf-8")
    assert build_archive(project).written is not None  # an edit, not a full build
    page = (project / "site/en/entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    assert f"<blockquote>{said}</blockquote>" in page
    assert differ_from_full(project, tmp_path) == []


def _index_groups(site: Path, lang: str) -> dict[str, list[str]]:
    """The names on a language's entity index, in order, by the heading of their type."""
    page = (site / f"{lang}/entities/index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<section class="entity-group">(.*?)</section>', page, re.S)
    return {
        re.findall(r"<h2[^>]*>(.*?)</h2>", group)[0]: [
            re.sub(r"<[^>]+>", "", name) for name in re.findall(r'<a href="[^"]*">(.*?)</a>', group)
        ]
        for group in groups
    }


def test_the_entities_index_is_in_alphabetical_order_of_each_language(project: Path) -> None:
    """Arabic readers find names in Arabic alphabetical order (أ and ا alike, a leading ال
    ignored: العراق under ع); English readers in English order, case aside and a leading
    "The" ignored, with the names still waiting for an English name at the end."""
    registry = project / "content/entities.yaml"
    extra = (
        "\n- id: ayad-allawi\n  type: person\n  ar: إياد علاوي\n  en: ayad Allawi\n"
        "\n- id: ahmed-al-rubaie\n  type: person\n  ar: أحمد الربيعي\n"
    )
    registry.write_text(registry.read_text(encoding="utf-8") + extra, encoding="utf-8")
    # The index lists the entities articles name (test_unnamed_entities.py): one names both.
    meeting = '---\ntitle: "لقاء"\ndate: "2021-03-02"\n---\nالتقى إياد علاوي أحمد الربيعي.\n'
    write(project, "content/ar/2021/03/meeting.md", meeting)
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    arabic = _index_groups(project / "site", "ar")
    assert arabic["أشخاص"] == [
        "أحمد الربيعي",
        "إياد علاوي",
        "دوغلاس ماكريغور",
        "دونالد ترامب",
        "كريستوفر ميلر",
        "كيفن كوبسي",
        "كينو كبريل",
        "مارك إسبر",
        "واين ماروتو",
    ]
    assert arabic["أماكن"] == [
        "تركيا",
        "رميلان",
        "سوريا",
        "العراق",
        "المالكية",
        "محافظة الحسكة",
        "معبر الوليد",
    ]
    english = _index_groups(project / "site", "en")
    assert english["People"] == [
        "ayad Allawi",
        "Christopher C. Miller",
        "Donald Trump",
        "Douglas Macgregor",
        "Kevin Copsey",
        "Kino Gabriel",
        "Mark Esper",
        "Wayne Marotto",
        "أحمد الربيعي",
    ]
    assert english["Places"][:2] == ["Al-Hasakah Governorate", "Al-Malikiyah"]
    assert english["Places"][-1] == "Turkey"
    organisations = english["Organisations"]
    assert organisations.index("Iraqi Security Forces") + 1 == organisations.index("The Pentagon")


def test_an_entity_named_by_many_articles_has_numbered_pages(project: Path) -> None:
    """Two articles a page: every article naming Syria is on exactly one of its pages,
    newest first and numbered on; each page links the others and its English twin; the
    entity's header and total are on each, its companions on the first only."""
    set_per_page(project, 2)
    for day in range(1, 5):
        write(
            project,
            f"content/ar/2021/03/syria-{day}.md",
            f'---\ntitle: "خبر {day}"\ndate: "2021-03-0{day}"\n---\n\nقالت مصادر في سوريا إن {day}.\n',
        )
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    folder = project / "site/ar/entities/syria"
    pages = [folder / "index.html", folder / "page/2/index.html", folder / "page/3/index.html"]
    assert not (folder / "page/4").exists()
    listed = []
    for number, file in enumerate(pages, start=1):
        html = file.read_text(encoding="utf-8")
        items = re.findall(r'<h3><a href="/repo/ar/(\d{4}/\d\d/[^"]+)/">', html)
        assert len(items) == (2 if number < 3 else 1)
        listed += items
        assert "<h2>ورد في (5)</h2>" in html and "<h1>سوريا" in html
        start = f' start="{2 * number - 1}"' if number > 1 else ""
        assert f'<ol class="article-list backlinks"{start}>' in html
        assert f'<span aria-current="page">{number}</span>' in html
        others = {n for n in (1, 2, 3) if n != number}
        assert set(re.findall(r'<a href="/repo/ar/entities/syria/(?:page/(\d)/)?">', html)) == {
            "" if n == 1 else str(n) for n in others
        }
        twin = "" if number == 1 else f"page/{number}/"
        assert (
            f'hreflang="en" href="https://example.github.io/repo/en/entities/syria/{twin}"' in html
        )
        assert ('class="co-mentions chart-ranked"' in html) == (number == 1)
        assert (f"<title>سوريا · الصفحة {number} ·" in html) == (number > 1)
    naming = [p.parent.relative_to(project / "site/ar").as_posix() for p in _naming_pages(project)]
    assert sorted(listed) == sorted(naming) and len(set(listed)) == 5
    assert listed == sorted(listed, reverse=True)  # newest first: syria-N is of March N
    english = project / "site/en/entities/syria"
    assert (english / "page/3/index.html").exists() and not (english / "page/4").exists()
    assert "https://example.github.io/repo/ar/entities/syria/page/3/" in sitemap_urls(
        project / "site"
    )


def _naming_pages(project: Path) -> list[Path]:
    """The Arabic article pages that link Syria's entity page."""
    return [
        page
        for page in (project / "site/ar").glob("[0-9]*/**/index.html")
        if 'href="/repo/ar/entities/syria/"' in page.read_text(encoding="utf-8")
        and '<article class="article' in page.read_text(encoding="utf-8")
    ]


def test_an_entity_page_names_its_one_entity_s_type_in_the_singular(site: Path) -> None:
    """The coalition is an organisation: "· Organisation", "· منظمة" beside its names (its
    page said "· Organisations", "· منظمات", the entity index's heading)."""
    for lang, label in (("ar", "منظمة"), ("en", "Organisation")):
        page = (site / lang / "entities/global-coalition/index.html").read_text(encoding="utf-8")
        names = re.search(r'<p class="names">(.*?)</p>', page, re.S)
        assert names, f"{lang}: no names line"
        assert re.sub(r"\s+", " ", names.group(1)).endswith(f"· {label}"), names.group(1)


def test_an_entity_named_only_in_the_headline_is_in_the_article(
    project: Path, tmp_path: Path
) -> None:
    """A headline naming someone the text does not (ترمب يصل إلى الموصل): the article lists
    them in its sidebar, and their page lists it, in a full build and after an edit alike."""
    write(
        project,
        "content/ar/2021/05/visit.md",
        '---\ntitle: "ترمب يصل إلى الموصل في زيارة قصيرة"\ndate: "2021-05-02"\n---\n\n'
        "وصل الرئيس الأمريكي السابق اليوم في زيارة لم يعلن عنها من قبل.\n",
    )
    build_archive(project)
    page = (project / "site/ar/2021/05/visit/index.html").read_text(encoding="utf-8")
    assert 'href="/repo/ar/entities/donald-trump/"' in _sidebar(page)
    assert '<span class="count">1</span>' in _sidebar(page)
    trump = (project / "site/ar/entities/donald-trump/index.html").read_text(encoding="utf-8")
    assert 'href="/repo/ar/2021/05/visit/"' in trump
    # Edited headline, edited sidebar and entity page: as a full build makes them.
    file = project / "content/ar/2021/05/visit.md"
    file.write_text(file.read_text(encoding="utf-8").replace("ترمب", "بايدن"), "utf-8")
    build_archive(project)
    trump = (project / "site/ar/entities/donald-trump/index.html").read_text(encoding="utf-8")
    assert 'href="/repo/ar/2021/05/visit/"' not in trump
    assert differ_from_full(project, tmp_path) == []


def test_the_english_index_names_an_entity_without_an_english_name_once(project: Path) -> None:
    """Where the English name is still to come the link gives the Arabic name and the gloss
    beside it says the English is pending, as the article's list does: it repeated the
    Arabic name, side by side with itself."""
    registry = project / "content/entities.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  en: Kevin Copsey\n", "", 1), encoding="utf-8")
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    page = (project / "site/en/entities/index.html").read_text(encoding="utf-8")
    item = re.search(r'<li><span><a href="/repo/en/entities/kevin-copsey/">.*?</li>', page, re.S)
    assert item is not None
    assert item[0].count("كيفن كوبسي") == 1, item[0]
    assert '<span class="gloss pending">English name pending</span>' in item[0]
    miller = re.search(r'<li><span><a href="[^"]*/christopher-miller/">.*?</li>', page, re.S)
    assert miller is not None and '<bdi lang="ar" class="gloss">كريستوفر ميلر</bdi>' in miller[0]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_entity_page_links_to_its_own_feed_where_a_reader_sees_it(site: Path, lang: str) -> None:
    # Browsers show no <link rel="alternate">: a researcher following an entity needs the
    # feed of its articles on the page itself, not only the whole site's in the footer. Each
    # language's page has its own feed (the English page offered only the Arabic one).
    feed = f"/repo/{lang}/entities/kevin-copsey/feed.xml"
    assert (site / feed.removeprefix("/repo/")).is_file()
    page = (site / lang / "entities/kevin-copsey/index.html").read_text(encoding="utf-8")
    head, body = page.split("<body", 1)
    assert f'<a href="{feed}" type="application/atom+xml"' in body
    assert f'type="application/atom+xml" href="https://example.github.io{feed}"' in head


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_entity_page_opens_the_search_filtered_to_the_articles_that_mention_it(
    tmp_path: Path, browser, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """From an entity's page to the search page listing the articles that name it (in
    English, those translated), its filter set, where a word or a year narrows them further."""
    files = {
        "content/ar/2021/03/copsey.md": (
            '---\ntitle: "كوبسي في بغداد"\ndate: "2021-03-02"\n---\nوصل كيفن كوبسي إلى بغداد.\n'
        ),
        "content/ar/2022/04/school.md": (
            '---\ntitle: "مدرسة جديدة"\ndate: "2022-04-02"\n---\nافتتحت مدرسة في المدينة.\n'
        ),
    }
    page = browser.new_page()
    with demo_site_with(tmp_path, files) as base:
        page.goto(f"{base}{lang}/entities/kevin-copsey/")
        page.click(f"a[href^='/{lang}/search/?person=']")
        page.wait_for_selector("[data-search][data-ready]")
        assert page.locator("select[name=person]").input_value() == (
            "كيفن كوبسي" if lang == "ar" else "Kevin Copsey"
        )
        # The English search holds the translated articles: the new one is not yet.
        listed = [f"/{lang}/2020/11/coalition-us-forces-syria-iraq/"]
        listed += ["/ar/2021/03/copsey/"] if lang == "ar" else []
        assert sorted(listed_paths(page)) == listed
    page.close()
