"""Page metadata: JSON-LD NewsArticle, Open Graph, canonical links and the cite block."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsarchive.assembly.metadata import (
    article_jsonld,
    dump_jsonld,
    entity_jsonld,
    og_locale,
)
from newsarchive.build.engine import build
from newsarchive.core.model import Article, PartialDate, SiteConfig, Source
from newsarchive.entities.registry import Entity

BASE = "https://example.github.io/repo/"
CONFIG = SiteConfig("أرشيف", "Archive", BASE)
STORY = "2020/11/coalition-us-forces-syria-iraq/"


def article(date: PartialDate, source: Source | None = None, title: str = "عنوان") -> Article:
    return Article("ar/2020/11/x.md", "x", title, False, date, source, (), "نص", 7)


def entity(wikidata: str | None = None, en: str | None = "Syria") -> Entity:
    return Entity("syria", "place", ("سوريا",), en, None, None, wikidata, 1)


def test_jsonld_cannot_close_its_script_element() -> None:
    text = dump_jsonld({"headline": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        (PartialDate(2020, 11, 17), "2020-11-17"),
        (PartialDate(2020, 11), "2020-11"),
        (PartialDate(2020), "2020"),
    ],
)
def test_date_published_keeps_the_known_precision(date: PartialDate, iso: str) -> None:
    data = article_jsonld(CONFIG, article(date), "ar", "عنوان", BASE + "ar/x/", [])
    assert data["datePublished"] == iso


def test_article_names_its_source_original_and_translation() -> None:
    source = Source("شفق نيوز", "https://shafaq.com/", "https://shafaq.com/ar/1")
    data = article_jsonld(
        CONFIG,
        article(PartialDate(2020, 11), source),
        "ar",
        "عنوان",
        BASE + "ar/x/",
        [BASE + "ar/entities/syria/"],
        ("en", BASE + "en/x/"),
    )
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "ar"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "شفق نيوز",
        "url": "https://shafaq.com/",
    }
    assert data["isBasedOn"] == "https://shafaq.com/ar/1"
    assert data["workTranslation"]["@id"] == BASE + "en/x/"
    assert data["mentions"] == [{"@id": BASE + "ar/entities/syria/"}]  # described on its page
    english = article_jsonld(
        CONFIG,
        article(PartialDate(2020)),
        "en",
        "Title",
        BASE + "en/x/",
        [],
        ("ar", BASE + "ar/x/"),
    )
    assert (
        english["translationOfWork"]["@id"] == BASE + "ar/x/" and "workTranslation" not in english
    )
    assert "isBasedOn" not in english and "publisher" not in english


@pytest.mark.parametrize(
    ("lang", "wikidata", "name", "same_as"),
    [("ar", None, "سوريا", False), ("en", "Q858", "Syria", True)],
)
def test_entity_page_jsonld(lang: str, wikidata: str | None, name: str, same_as: bool) -> None:
    data = entity_jsonld(entity(wikidata), BASE + "e/", lang)
    assert data["@type"] == "Place" and data["name"] == name and data["@id"] == BASE + "e/"
    assert ("sameAs" in data) is same_as
    assert data["alternateName"] == ["Syria" if lang == "ar" else "سوريا"]


def test_open_graph_locales() -> None:
    assert og_locale("ar") == "ar_AR"
    assert og_locale("en") == "en_US"


def _head(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def _jsonld(html: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    data: dict[str, object] = json.loads(found[0])
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import REPO

    root = tmp_path_factory.mktemp("meta")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", BASE, search=False)
    return root / "site"


def test_an_entity_is_described_on_its_page_and_referred_to_by_articles(site: Path) -> None:
    html = (site / "ar" / "entities" / "syria" / "index.html").read_text("utf-8")
    data = _jsonld(html)
    assert data["@id"] == BASE + "ar/entities/syria/" and data["@type"] == "Place"
    assert data["name"] == "سوريا" and data["alternateName"] == ["Syria"]
    assert data["sameAs"] == "https://www.wikidata.org/wiki/Q858"
    assert '<meta property="og:type" content="website">' in html
    mentions = _jsonld((site / "ar" / STORY / "index.html").read_text("utf-8"))["mentions"]
    assert {"@id": data["@id"]} in mentions  # type: ignore[operator]


def test_demo_article_page_metadata(site: Path) -> None:
    html = (site / "ar" / STORY / "index.html").read_text("utf-8")
    url = BASE + "ar/" + STORY
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:locale" content="ar_AR">' in html
    # The translation has its own address (hreflang), not this one in another locale.
    assert "og:locale:alternate" not in html
    # Its address once: Facebook reads the canonical link where no og:url repeats it.
    assert "og:url" not in html
    assert _head(html, r'<meta property="og:title" content="[^"]*التحالف الدولي')
    data = _jsonld(html)
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2020-11"
    assert data["inLanguage"] == "ar"
    assert data["workTranslation"] == {
        "@type": "NewsArticle",
        "@id": BASE + "en/" + STORY,
        "inLanguage": "en",
    }
    ids = {m["@id"] for m in data["mentions"]}  # type: ignore[attr-defined]
    named = {BASE + f"ar/entities/{e}/" for e in ("syria", "iraq", "donald-trump")}
    assert named <= ids
    trump = _jsonld((site / "ar" / "entities" / "donald-trump" / "index.html").read_text("utf-8"))
    assert trump["sameAs"] == "https://www.wikidata.org/wiki/Q22686"
    assert trump["name"] == "دونالد ترامب" and trump["alternateName"] == ["Donald Trump"]


def test_english_page_is_the_translation_of_the_arabic(site: Path) -> None:
    html = (site / "en" / STORY / "index.html").read_text("utf-8")
    assert '<meta property="og:locale" content="en_US">' in html
    data = _jsonld(html)
    assert data["inLanguage"] == "en"
    assert data["translationOfWork"] == {
        "@type": "NewsArticle",
        "@id": BASE + "ar/" + STORY,
        "inLanguage": "ar",
    }
    # The outlet as the English page names it («Source: Shafaq News»), as written besides.
    assert data["publisher"]["name"] == "Shafaq News"
    assert data["publisher"]["alternateName"] == "شفق نيوز"
    arabic = _jsonld((site / "ar" / STORY / "index.html").read_text("utf-8"))
    assert arabic["publisher"]["name"] == "شفق نيوز" and "alternateName" not in arabic["publisher"]
    # The entities it names are said once, by the original it is the translation of.
    assert "mentions" not in data and arabic["mentions"]


def test_cite_block_in_both_languages(site: Path) -> None:
    html = (site / "ar" / STORY / "index.html").read_text("utf-8")
    block = html[html.index('<section class="cite"') :]
    block = block[: block.index("</section>")]
    arabic, english = block.split("<b>In English: </b>")
    assert '<p lang="en" dir="ltr"><b>In English' in block  # an Arabic page's other language
    assert '<p lang="ar"' not in block  # the Arabic line is in the page's own language
    permalink = BASE + "ar/" + STORY
    assert "شفق نيوز" in arabic and "تشرين الثاني/نوفمبر 2020" in arabic and permalink in arabic
    assert '<bdi lang="en">' + permalink + "</bdi>" in arabic  # written out, isolated
    assert "November 2020" in english and permalink in english
    assert " Shafaq News, November 2020." in english  # the registry's English name of the outlet


def test_the_english_citation_names_the_title_as_published_then_its_translation(
    site: Path,
) -> None:
    # A reader of the reference looks the article up by the title the outlet published, in
    # Arabic; the English one is the archive's translation, in square brackets (APA, Chicago
    # and MLA for a translated title). It named the English title alone, in quotes.
    for lang in ("ar", "en"):
        html = (site / lang / STORY / "index.html").read_text("utf-8")
        english = html[html.index('<section class="cite"') :].split("<b>In English: </b>")[1]
        english = english[: english.index("</p>")]
        assert (
            '“<bdi lang="ar">التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق تحرك اعتيادي'
            " ولا انسحاب</bdi>” [International coalition: US forces&#39; move from Syria towards"
            " Iraq is routine]. Shafaq News, November 2020." in english
        ), lang


def test_every_page_advertises_the_feed_of_its_language(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        lang = re.search(r'<html lang="(ar|en)"', html).group(1)  # type: ignore[union-attr]
        other = "en" if lang == "ar" else "ar"
        feed = '<link rel="alternate" type="application/atom+xml" href="https://example.github.io/repo/{}/feed.xml"'
        assert feed.format(lang) in html, page
        if page == site / "index.html":
            # The root is where a reader pastes the site's address: both feeds are offered.
            assert feed.format(other) in html
        else:
            assert feed.format(other) not in html, page
