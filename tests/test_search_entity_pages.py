"""The search page offers the page of each entity a query names (docs/search.md, "Entity
pages"): a line above the results linking the entity's page under the site's base path,
when every word of the query is a word of the entity's names in one of the spellings search
accepts (in Arabic), or of its English name (in English); the forms the build lists are
checked here too."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.assembly.searchnames import (
    ENTITY_COLUMNS,
    arabic_name_forms,
    english_name_forms,
    name_keys,
)
from newsarchive.build.engine import build

from .conftest import DEMO_ARTICLE, REPO, write

BASE = "http://127.0.0.1/repo/"
# Entities of this archive's registry beside the demo's: a force named like three others
# (four names with القوات: the page shows the three most named), and a name with an
# apostrophe in English, a name with Latin in Arabic and one of three letters in English.
REGISTRY = """
- id: turkish-armed-forces
  type: organization
  ar: [القوات التركية]
  en: Turkish Armed Forces
- id: sean-obrien
  type: person
  ar: [شون أوبراين]
  en: Sean O'Brien
- id: cnn
  type: organization
  ar: [قناة CNN]
  en: CNN
"""
# (month, text): besides the demo article, which names each force once, the Iraqi forces are
# named by five articles, the Russian by four, the Turkish by two, the American by one;
# Donald Trump by three, written ترمب (a registry variant) in one.
ARTICLES = [
    (1, "قال دونالد ترمب إن القوات العراقية والقوات الروسية والقوات التركية تتحرك شمالًا."),
    (2, "وصرّح ترامب بأن القوات العراقية والقوات الروسية تنسقان، وقال شون أوبراين إن ذلك مفيد."),
    (3, "أعلنت القوات العراقية والقوات الروسية والقوات التركية انتهاء المناورات."),
    (4, "قالت القوات العراقية لقناة CNN إن الطريق فُتح."),
]


@pytest.mark.parametrize(
    ("names", "forms"),
    [
        # Every word's key (hamza, ة, ى folded) and the word without its article.
        (["مصطفى الكاظمي"], ("مصطفي", "الكاظمي", "كاظمي")),
        # No letter but the article is taken off: بغداد is never غداد, nor الله له.
        (["بغداد", "لبنان"], ("بغداد", "لبنان")),
        (["عبد الله"], ("عبد", "الله", "عبدالله")),
        (["عبدالله"], ("عبد", "الله", "عبدالله")),
        (["قوات البيشمركة", "البيشمركة"], ("قوات", "البيشمركه", "بيشمركه")),
    ],
)
def test_an_arabic_name_is_listed_by_the_keys_of_its_words(
    names: list[str], forms: tuple[str, ...]
) -> None:
    assert set(arabic_name_forms(names)) == set(forms)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Sean O'Brien", ("sean", "obrien")),
        ("Sean O\u2019Brien", ("sean", "obrien")),
        ("U.S. Central Command", ("us", "central", "command")),
        ("Mustafa al-Kadhimi", ("mustafa", "al", "kadhimi")),
        ("Kurdistan Région", ("kurdistan", "region")),
    ],
)
def test_an_english_name_is_listed_as_a_query_reads_it(name: str, forms: tuple[str, ...]) -> None:
    assert english_name_forms((name,)) == forms


def test_the_english_variants_words_are_the_entitys_too() -> None:
    names = ("Kevin Copsey", "Kevin Copsy")
    assert english_name_forms(names) == ("kevin", "copsey", "copsy")


@pytest.mark.parametrize(
    ("names", "keys"),
    [
        # Each name whole, its words' keys in order: the results mark a run writing one.
        (["قوات البيشمركة", "البيشمركة"], ("قوات البيشمركه", "البيشمركه")),
        (["القوات الأمريكية", "القوات الأميركية"], ("القوات الامريكيه", "القوات الاميركيه")),
        (["هيئة النزاهة", "هيأة النزاهة"], ("هييه النزاهه",)),
        (["U.S. Central Command"], ("us central command",)),
    ],
)
def test_the_names_are_listed_whole_by_the_keys_of_their_words(
    names: list[str], keys: tuple[str, ...]
) -> None:
    assert name_keys(names) == keys


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, the registry above and its articles, built for a site under /repo/."""
    root = tmp_path_factory.mktemp("entity-pages")
    shutil.copytree(REPO / "content", root / "content")
    registry = root / "content" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + REGISTRY, encoding="utf-8")
    for month, text in ARTICLES:
        title = f"خبر الشهر {month}"
        write(
            root,
            f"content/ar/2021/{month:02d}/news-{month}.md",
            f'---\ntitle: "{title}"\ndate: "2021-{month:02d}-05"\n---\n{text}\n',
        )
    build(root, root / "site", BASE)
    return root / "site"


def _rows(site: Path, lang: str) -> list[dict[str, object]]:
    """The rows of a language's entities file, each by the names of the columns the file
    names once (the rows are arrays, a row with no name in the other language one shorter)."""
    found = json.loads((site / f"{lang}/search/entities.json").read_text(encoding="utf-8"))
    return [dict(zip(found["columns"], row, strict=False)) for row in found["entities"]]


def test_the_file_lists_the_most_named_first_with_their_pages(archive: Path) -> None:
    rows = _rows(archive, "ar")
    counts = [row["articles"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    iraqi = next(row for row in rows if row["name"] == "القوات العراقية")
    assert (iraqi["page"], iraqi["articles"]) == ("/repo/ar/entities/iraqi-security-forces/", 5)
    # With the names its marks look for, and the entity's name in the other language.
    assert iraqi["other"] == "Iraqi Security Forces"
    obrien = {
        "name": "Sean O'Brien",
        "page": "/repo/en/entities/sean-obrien/",
        "articles": 1,
        "forms": "sean obrien",
        "names": ["sean obrien"],
        "other": "شون أوبراين",
    }
    assert obrien in _rows(archive, "en")


def test_the_page_reads_the_columns_the_build_writes() -> None:
    """The page refuses a file lacking a column it reads (entitypages.js, COLUMNS): a column
    the build stops writing would leave every site without entity pages, one it adds but the
    page never reads costs bytes for nothing. The two lists are the same."""
    script = (REPO / "templates/static/js/entitypages.js").read_text(encoding="utf-8")
    found = re.search(r"^const COLUMNS = (\[[^\]]*\]);$", script, re.M)
    assert found is not None, "entitypages.js: no `const COLUMNS = [...];` line"
    read = tuple(json.loads(found.group(1)))
    assert read == ENTITY_COLUMNS, (
        f"entitypages.js COLUMNS {list(read)} differ from searchnames.py ENTITY_COLUMNS "
        f"{list(ENTITY_COLUMNS)}: change both"
    )


def test_a_site_without_search_has_no_file(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    build(tmp_path, tmp_path / "site", BASE, search=False)
    assert not (tmp_path / "site/ar/search/entities.json").exists()
    page = (tmp_path / "site/ar/search/index.html").read_text(encoding="utf-8")
    assert "data-entities" not in page


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    # A variant: the Arabic file lists its words.
    "variant": (
        "entities.yaml",
        "ar: [البنتاغون, البنتاجون]",
        "ar: [البنتاغون, البنتاجون, مقر البنتاغون]",
    ),
    "English name": ("entities.yaml", "en: Donald Trump", "en: D. J. Trump"),
    # An English variant: the English file lists its words and names.
    "English variant": ("entities.yaml", "en: Kevin Copsey", "en: [Kevin Copsey, Kevin Copsy]"),
    # The Arabic name shown: the English file's rows carry it (the language switch's query).
    "Arabic name": (
        "entities.yaml",
        "ar: [البنتاغون, البنتاجون]",
        "ar: [وزارة الدفاع الأمريكية, البنتاغون, البنتاجون]",
    ),
    # The only mention of al-Malikiyah: no article names it any more, so neither file has it.
    "a mention gone": (DEMO_ARTICLE, "بريف مدينة المالكية", "بريف مدينة"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_brings_the_files_up_to_date_as_a_full_build_makes_them(
    project: Path, tmp_path: Path, edit: str
) -> None:
    build(project, project / "site", BASE)
    files = [f"{lang}/search/entities.json" for lang in ("ar", "en")]
    before = [(project / "site" / file).read_bytes() for file in files]
    where, old, new = EDITS[edit]
    _replace(project / "content" / where, old, new)
    assert build(project, project / "site", BASE).written is not None  # patched in place
    after = [(project / "site" / file).read_bytes() for file in files]
    assert after != before
    clean = tmp_path / "clean"
    shutil.copytree(project / "content", clean / "content")
    build(clean, clean / "site", BASE)
    assert after == [(clean / "site" / file).read_bytes() for file in files]


@pytest.fixture(scope="module")
def site(archive: Path) -> Iterator[str]:
    from .webtools import serve_folder

    with serve_folder(archive, "/repo/") as base:
        yield base


# Shown once the count has replaced "Searching…": the entity pages come before it.
SHOWN = """() => document.querySelector('[data-search][data-ready]') !== null
  && !document.querySelector('.search-status').textContent.endsWith('…')"""


def _offered(page, base: str, lang: str, query: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The lines above the results of `query`: (text, link) of each."""
    page.goto(f"{base}{lang}/search/?q={quote(query)}")
    page.wait_for_function(SHOWN)
    return [  # type: ignore[no-any-return]
        (link.inner_text(), link.get_attribute("href"))
        for link in page.locator(".entity-pages a").all()
    ]


@pytest.mark.browser
def test_a_file_without_a_column_is_refused_by_name_and_the_search_goes_on(
    site: str, archive: Path, page
) -> None:  # type: ignore[no-untyped-def]
    """The page reads the rows by the columns the file names: a file naming no `other` (an
    older build's, or a writer that left it out) offers no page, the console says which file
    and which column, and the results are shown all the same."""
    found = json.loads((archive / "ar/search/entities.json").read_text(encoding="utf-8"))
    found["columns"] = [column for column in found["columns"] if column != "other"]
    page.route("**/ar/search/entities.json", lambda route: route.fulfill(json=found))
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    assert _offered(page, site, "ar", "ترامب") == []
    assert page.locator(".search-result").count() == 3
    assert any("ar/search/entities.json: no column other" in text for text in warnings), warnings


@pytest.mark.browser
@pytest.mark.parametrize("query", ["وبترمب", "لترامب", "دونالد ترمب", "الترامب"])
def test_a_registry_spelling_with_a_proclitic_offers_the_entitys_page(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
) -> None:
    # The count in the language's words and digits, as the results' count writes them.
    assert _offered(page, site, "ar", query) == [
        ("صفحة: دونالد ترامب — 3 مقالات", "/repo/ar/entities/donald-trump/")
    ]


@pytest.mark.browser
def test_the_link_leads_to_the_entitys_page_under_the_base_path(site: str, page) -> None:  # type: ignore[no-untyped-def]
    _offered(page, site, "ar", "القوات العراقية")
    link = page.locator(".entity-pages a")
    assert link.count() == 1
    # The name is set apart from the line, which reads right to left.
    assert page.eval_on_selector(".entity-pages", "list => getComputedStyle(list).direction") == (
        "rtl"
    )
    assert link.locator("bdi").inner_text() == "القوات العراقية"
    # A real link, named by its whole line for a screen reader.
    assert page.get_by_role("link", name="صفحة: القوات العراقية — 5 مقالات").count() == 1
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{site}ar/entities/iraqi-security-forces/"
    assert page.locator("h1").inner_text().startswith("القوات العراقية")
    # The count the line gave is the articles the page lists.
    assert page.locator("main .article-list > li").count() == 5


@pytest.mark.browser
def test_latin_in_an_arabic_name_is_set_apart(site: str, page) -> None:  # type: ignore[no-untyped-def]
    assert _offered(page, site, "ar", "cnn")[0] == (
        "صفحة: قناة CNN — مقالة واحدة",
        "/repo/ar/entities/cnn/",
    )
    name = page.locator(".entity-pages li:first-child a > bdi")
    assert name.evaluate("bdi => bdi.innerHTML") == 'قناة <bdi lang="en">CNN</bdi>'


@pytest.mark.browser
def test_the_three_most_named_of_the_entities_a_query_names_are_offered(site: str, page) -> None:  # type: ignore[no-untyped-def]
    offered = _offered(page, site, "ar", "القوات")
    assert [text for text, _ in offered] == [
        "صفحة: القوات العراقية — 5 مقالات",
        "صفحة: القوات الروسية — 4 مقالات",
        "صفحة: القوات التركية — مقالتان",
    ]


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        "ترمب الانتخابات",  # a word of no name
        "ترمب الروسية",  # words of two entities' names, not of one
        "غداد",
        "في",
    ],
)
def test_a_word_of_no_name_offers_nothing(site: str, page, query: str) -> None:  # type: ignore[no-untyped-def]
    assert _offered(page, site, "ar", query) == []


@pytest.mark.browser
def test_a_name_without_a_letter_taken_for_a_proclitic_offers_nothing(site: str, page) -> None:  # type: ignore[no-untyped-def]
    # كوبسي read as ك + وبسي: the search lists the article (it reads every leading letter
    # both ways), but وبسي names no one.
    assert _offered(page, site, "ar", "وبسي") == []
    assert page.locator(".search-result").count() == 1


TRUMP = ("Entity page: Donald Trump — 3 articles", "/repo/en/entities/donald-trump/")
OBRIEN = ("Entity page: Sean O'Brien — 1 article", "/repo/en/entities/sean-obrien/")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "offered"),
    [
        ("trump", [TRUMP]),
        ("DONALD TRUMP", [TRUMP]),
        ("O\u2019Brien", [OBRIEN]),
        ("obrien", [OBRIEN]),
        ("CNN", [("Entity page: CNN — 1 article", "/repo/en/entities/cnn/")]),
        ("Trump elections", []),
        ("the", []),  # The Pentagon's, but a joining word alone names nothing
        ("of the", []),
    ],
)
def test_the_english_name_offers_the_english_page(
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    offered: list[tuple[str, str]],
) -> None:
    assert _offered(page, site, "en", query) == offered


def _switch(page) -> str:  # type: ignore[no-untyped-def]
    """Where the language switch of the page shown leads (path and query, decoded)."""
    from urllib.parse import unquote_plus

    return unquote_plus(page.locator(".lang-switch").get_attribute("href"))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "switched", "lines_there"),
    [
        # One entity named: the other page is asked for its name in that language, and
        # offers the entity's page in turn.
        ("ar", "ترمب", "/repo/en/search/?q=Donald Trump", 1),
        ("ar", "وبالقوات العراقية", "/repo/en/search/?q=Iraqi Security Forces", 1),
        ("en", "O'Brien", "/repo/ar/search/?q=شون أوبراين", 1),
        # Several named, or none: the query as typed; the other page offers the three most
        # named forces by their Arabic names, and the Arabic search, which it cannot run.
        ("ar", "القوات", "/repo/en/search/?q=القوات", 4),
        ("ar", "ترمب الانتخابات", "/repo/en/search/?q=ترمب الانتخابات", 1),
    ],
)
def test_the_language_switch_carries_the_entity_named_in_the_other_language(
    site: str,
    page,  # type: ignore[no-untyped-def]
    lang: str,
    query: str,
    switched: str,
    lines_there: int,
) -> None:
    """The switch kept the query, and the other page ran an Arabic query over English text:
    no result and no entity line, though the entity's page was a click away."""
    _offered(page, site, lang, query)
    assert _switch(page) == switched
    with page.expect_navigation():
        page.locator(".lang-switch").click()
    page.wait_for_function(SHOWN)
    assert page.locator(".entity-pages a").count() == lines_there


SEARCH_ARABIC = "/repo/ar/search/?q=%D8%AA%D8%B1%D9%85%D8%A8"  # ترمب


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "offered"),
    [
        # Arabic on the English page: the entity by its Arabic names, and the Arabic search.
        ("en", "ترمب", [TRUMP, ("Search the Arabic articles for «ترمب»", SEARCH_ARABIC)]),
        # English on the Arabic page, which no Arabic text writes.
        (
            "ar",
            "Trump",
            [
                ("صفحة: دونالد ترامب — 3 مقالات", "/repo/ar/entities/donald-trump/"),
                ("ابحث في الترجمات الإنجليزية عن «Trump»", "/repo/en/search/?q=Trump"),
            ],
        ),
        (
            "ar",
            "Iraqi Security Forces",
            [
                ("صفحة: القوات العراقية — 5 مقالات", "/repo/ar/entities/iraqi-security-forces/"),
                (
                    "ابحث في الترجمات الإنجليزية عن «Iraqi Security Forces»",
                    "/repo/en/search/?q=Iraqi+Security+Forces",
                ),
            ],
        ),
        # Found here too (an Arabic article writes CNN): the other search is offered all the
        # same, as the English translations may write it too.
        (
            "ar",
            "cnn",
            [
                ("صفحة: قناة CNN — مقالة واحدة", "/repo/ar/entities/cnn/"),
                ("ابحث في الترجمات الإنجليزية عن «cnn»", "/repo/en/search/?q=cnn"),
            ],
        ),
        (
            "en",
            "زززق",
            [
                (
                    "Search the Arabic articles for «زززق»",
                    "/repo/ar/search/?q=%D8%B2%D8%B2%D8%B2%D9%82",
                )
            ],
        ),
    ],
)
def test_a_query_in_the_other_script_is_offered_the_entity_and_the_other_search(
    site: str,
    page,  # type: ignore[no-untyped-def]
    lang: str,
    query: str,
    offered: list[tuple[str, str]],
) -> None:
    """A bilingual reader typing a name in the other script was told there is nothing: the
    page now offers the entity named in that script, and the search of the language the query
    is written in, whether it finds something here or not (test_search_english: an Arabic
    name that finds only the translations whose title is still Arabic)."""
    assert _offered(page, site, lang, query) == offered


@pytest.mark.browser
def test_the_other_languages_names_are_read_only_for_a_query_in_its_script(
    site: str,
    page,  # type: ignore[no-untyped-def]
) -> None:
    """Most queries are in the page's script: they download no second file of names."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    _offered(page, site, "en", "trump")
    assert not [url for url in fetched if url.endswith("ar/search/entities.json")]
    _offered(page, site, "en", "ترمب")
    assert [url for url in fetched if url.endswith("ar/search/entities.json")]
