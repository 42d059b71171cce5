"""An Arabic headline with Latin in it (a name, an abbreviation, a model number) is drawn as
written wherever it stands: the Latin runs are set apart for the bidirectional algorithm as
in the article's paragraphs, so "U.S." keeps its last full stop after the S. So are English
titles with Arabic in them, and an entity's descriptions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import REPO
from .webtools import CHAR_EDGES, LATIN_EDGES, WORD_EDGES, serve_folder

pytestmark = pytest.mark.browser

TITLE = "ترامب يقول إن قوات U.S. تغادر وطائرات F-16 باقية"


def test_latin_in_an_arabic_headline_is_drawn_as_written(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The headline of the article, of its item on the month's list and on the page of the
    entity it names, in its citation, and on the English pages while its English title is
    pending: each drew the last full stop of "U.S." before the U."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content/ar/2021/05").mkdir(parents=True)
    (tmp_path / "content/ar/2021/05/latin.md").write_text(
        f'---\ntitle: "{TITLE}"\ndate: "2021-05-02"\n---\n\nقال ترامب إن القوات باقية.\n',
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    places = [
        ("ar/2021/05/latin/", "h1"),
        ("ar/2021/05/latin/", ".cite p:lang(ar)"),
        ("ar/2021/05/", ".article-list h2"),
        ("ar/entities/donald-trump/", ".backlinks h3"),
        ("en/2021/05/", ".article-list bdi[lang='ar']"),
        ("en/entities/donald-trump/", ".backlinks bdi[lang='ar']"),
        ("ar/2021/05/latin/", ".cite p[lang='en'] bdi[lang='ar']"),
    ]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    garbled = {}
    with serve_folder(tmp_path / "site", "/repo/") as base:
        for where, selector in places:
            page.goto(base + where)
            drawn = page.evaluate(LATIN_EDGES, selector)
            assert "U.S." in drawn["text"], (where, selector, drawn["text"])
            if drawn["us"] != sorted(drawn["us"]) or drawn["f16"] != sorted(drawn["f16"]):
                garbled[f"{where} {selector}"] = drawn
    context.close()
    assert not garbled, sorted(garbled)


def test_arabic_in_an_english_title_keeps_the_english_order_in_the_citation(
    tmp_path: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    """An English title naming a party in Arabic, then a figure: in the citation's English
    line the figure stood before the name (the Arabic took it into its own order), as it
    does not in the headline above."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    gloss = tmp_path / "content/en/2020/11/coalition-us-forces-syria-iraq.md"
    text = gloss.read_text(encoding="utf-8")
    start = text.index("title: ")
    end = text.index("\n", start)
    gloss.write_text(
        text[:start] + 'title: "The party حزب الدعوة 2 seats won"' + text[end:], encoding="utf-8"
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    drawn = {}
    with serve_folder(tmp_path / "site", "/repo/") as base:
        for where in ("en/", "ar/"):
            page.goto(base + where + "2020/11/coalition-us-forces-syria-iraq/")
            # On one line, so that the words' edges give their order: the citation's line
            # names the Arabic title first, and wraps on the Arabic page's narrower column.
            page.add_style_tag(content=".cite p { white-space: nowrap; }")
            for selector in ("h1", ".cite p:lang(en)"):
                if where == "ar/" and selector == "h1":
                    continue
                drawn[where + " " + selector] = page.evaluate(
                    WORD_EDGES, [selector, ["party", "الدعوة", "2 seats", "won"]]
                )
    context.close()
    assert all(None not in xs for xs in drawn.values()), drawn
    assert [where for where, xs in drawn.items() if xs != sorted(xs)] == [], drawn


def test_an_entity_s_descriptions_keep_their_order(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """An Arabic description naming "U.S." (its last full stop was drawn before the U) and
    an English one naming a party in Arabic before a figure (the figure was drawn before the
    name), on the entity's pages; the English one on the Arabic page too, where there is no
    Arabic one."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    registry = tmp_path / "content/entities.yaml"
    text = registry.read_text(encoding="utf-8")
    old = "  description_en: US Secretary of Defense from 2019 to November 2020.\n"
    english_only = (
        "  description_en: Acting US Secretary of Defense from November 2020 to January 2021.\n"
    )
    assert old in text and english_only in text
    text = text.replace(
        old,
        '  description_en: "Minister, of the party حزب الدعوة 2 times"\n'
        '  description_ar: "وزير دفاع U.S. بين 2019 و2020"\n',
    )
    text = text.replace(
        english_only, '  description_en: "Minister, of the party حزب الدعوة 2 times"\n'
    )
    registry.write_text(text, encoding="utf-8")
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve_folder(tmp_path / "site", "/repo/") as base:
        page.goto(base + "ar/entities/mark-esper/")
        arabic = page.evaluate(LATIN_EDGES, ".description")
        page.goto(base + "en/entities/mark-esper/")
        english = page.evaluate(WORD_EDGES, [".names + p", ["party", "الدعوة", "2 times"]])
        # Without an Arabic description the Arabic page gives the English one.
        page.goto(base + "ar/entities/christopher-miller/")
        english_on_arabic = page.evaluate(
            WORD_EDGES, [".description", ["party", "الدعوة", "2 times"]]
        )
    context.close()
    assert "U.S." in arabic["text"] and arabic["us"] == sorted(arabic["us"]), arabic
    assert None not in english and english == sorted(english), english
    assert None not in english_on_arabic, english_on_arabic
    assert english_on_arabic == sorted(english_on_arabic), english_on_arabic


def test_a_web_or_mail_address_in_arabic_copy_is_drawn_as_written(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """An address pasted into a paragraph was cut at its ':', '?', '=' and '@' into runs of
    Latin, which the paragraph's right-to-left order then set backwards:
    `=15 id? moelc.gov.iq/news/2021 ://https`, `moelc.gov.iq@info`."""
    url, mail = "https://moelc.gov.iq/news/2021?id=15", "info@moelc.gov.iq"
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content/ar/2021/03").mkdir(parents=True)
    (tmp_path / "content/ar/2021/03/address.md").write_text(
        '---\ntitle: "الوزارة تنشر خطتها"\ndate: "2021-03-14"\n---\n\n'
        f"للمزيد من التفاصيل يمكن زيارة الموقع الرسمي {url} للوزارة، "
        f"أو مراسلتها على {mail}.\n",
        encoding="utf-8",
    )
    build(tmp_path, tmp_path / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve_folder(tmp_path / "site", "/repo/") as base:
        page.goto(base + "ar/2021/03/address/")
        drawn = {text: page.evaluate(CHAR_EDGES, ["#p1", text]) for text in (url, mail)}
    context.close()
    for text, edges in drawn.items():
        assert edges is not None, text
        assert edges == sorted(edges), text  # each character right of the one before it
