"""The parallel English view, the language switcher and the English lists' links to Arabic
pages in a real Chromium, under /repo/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import write
from .test_bilingual import fill, run
from .webtools import CHAR_EDGES, serve_folder

pytestmark = pytest.mark.browser

STORY = "2020/11/coalition-us-forces-syria-iraq"


def test_parallel_view_is_off_then_shows_english_under_each_paragraph(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    arabic = (project / "site/ar" / STORY / "index.html").read_text(encoding="utf-8")
    assert "The international coalition said on Tuesday" not in arabic  # on the English page only
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + f"ar/{STORY}/")
        gloss = page.locator(".parallel-gloss >> nth=0")
        assert not gloss.is_visible()  # off by default
        # A toggle: the same name in both states, the state in aria-pressed.
        toggle = page.get_by_role("button", name="الترجمة الإنجليزية تحت كل فقرة")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        # Said in English too, on a line of its own, for a reader of the English page.
        assert toggle.inner_text() == "الترجمة الإنجليزية تحت كل فقرة\nEnglish under each paragraph"
        english = page.locator(".parallel-gloss [lang=en] >> nth=0")
        english.wait_for(state="visible")  # fetched from the English page
        assert english.inner_text().startswith("The international coalition said on Tuesday")
        assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert page.locator(".parallel-gloss.pending >> nth=0").is_visible()  # pending is said
        stale = page.locator(".parallel-gloss.stale")
        assert stale.count() == 0 or stale.first.locator(".note").is_visible()
        page.reload()  # the reader's choice is remembered
        page.locator(".parallel-gloss [lang=en] >> nth=0").wait_for(state="visible")
        toggle = page.get_by_role("button", name="الترجمة الإنجليزية تحت كل فقرة")
        assert toggle.get_attribute("aria-pressed") == "true"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "false"
        assert not page.locator(".parallel-gloss >> nth=0").is_visible()
        toggle.click()

        page.locator("a.lang-switch").click()
        page.wait_for_url(base + f"en/{STORY}/")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.evaluate("document.documentElement.dir") == "ltr"
        assert page.locator("h1").inner_text().startswith("International coalition")
        assert page.get_by_text(
            re.compile("^Translation pending for paragraphs")
        ).first.is_visible()
        page.locator("a.lang-switch").click()
        page.wait_for_url(base + f"ar/{STORY}/")


def test_parallel_view_offline_says_the_english_did_not_arrive(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Offline, the button went back to off and nothing said why."""
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + f"ar/{STORY}/")
        page.context.set_offline(True)
        toggle = page.get_by_role("button", name="الترجمة الإنجليزية تحت كل فقرة")
        toggle.click()
        said = page.get_by_role("alert")
        said.wait_for()
        assert said.inner_text() == (
            "تعذّر تحميل الترجمة الإنجليزية. تحقّق من الاتصال وأعد المحاولة."
            " The English could not be loaded. Check the connection and try again."
        )
        assert said.locator("bdi[lang=en]").count() == 1
        assert toggle.get_attribute("aria-pressed") == "false"
        page.context.set_offline(False)
        toggle.click()  # tried again: the English comes, the message goes
        page.locator(".parallel-gloss [lang=en] >> nth=0").wait_for(state="visible")
        assert page.get_by_role("alert").count() == 0


def test_without_javascript_the_toggle_stays_hidden(project: Path, browser) -> None:  # type: ignore[no-untyped-def]
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    context = browser.new_context(java_script_enabled=False)
    try:
        no_js = context.new_page()
        with serve_folder(project / "site", "/repo/") as base:
            no_js.goto(base + f"ar/{STORY}/")
            assert not no_js.locator(".parallel-toggle").is_visible()
            assert not no_js.locator(".parallel-gloss >> nth=0").is_visible()
            assert no_js.locator(".body > p[id] >> nth=0").is_visible()
    finally:
        context.close()


def test_parallel_view_says_which_english_is_outdated_and_which_is_pending(
    project: Path, page
) -> None:  # type: ignore[no-untyped-def]
    """Each paragraph's English comes from its block on the English page, state and all."""
    (project / f"content/en/{STORY}.md").unlink()
    run("gloss", "--root", str(project))
    fill(project, "p5", "General Copsey spoke at the conference.")
    fill(project, "p6", "A second translated paragraph.")
    article = project / f"content/ar/{STORY}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("خلال المؤتمر", "أمس خلال المؤتمر", 1), encoding="utf-8")
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + f"ar/{STORY}/")
        page.get_by_role("button", name="الترجمة الإنجليزية تحت كل فقرة").click()
        stale = page.locator("#p5 + .parallel-gloss")
        stale.wait_for(state="visible")
        assert stale.get_attribute("class") == "parallel-gloss stale"
        assert stale.locator(".note").first.inner_text().startswith("ترجمة قديمة")
        assert stale.locator(".note[lang=en]").inner_text() == (
            "Outdated: the Arabic paragraph changed after this translation."
        )
        old_english = stale.locator("div[lang=en]")
        assert old_english.inner_text() == "General Copsey spoke at the conference."
        done = page.locator("#p6 + .parallel-gloss")
        assert done.get_attribute("class") == "parallel-gloss done"
        assert done.locator("[lang=en]").inner_text() == "A second translated paragraph."
        assert done.locator(".note").count() == 0
        pending = page.locator("#p1 + .parallel-gloss")
        assert pending.get_attribute("class") == "parallel-gloss pending"
        # Each note in Arabic, then in English for the English text's reader: the English
        # page's own words, which name the run of pending paragraphs this one is in.
        assert pending.locator(".note").all_inner_texts() == [
            "ترجمة هذه الفقرة قيد الإعداد.",
            "Translation pending for paragraphs 1–4.",
        ]
        blocks = page.locator("#article-body > [id]").count()
        assert page.locator("#article-body > .parallel-gloss").count() == blocks  # one each


def test_the_parallel_view_s_arabic_notes_are_set_as_arabic(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """«ترجمة هذه الفقرة قيد الإعداد.» under a paragraph is Arabic, in the Naskh face; only
    the English under the paragraphs is set in the Latin face (the note was set as English)."""
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + f"ar/{STORY}/")
        page.get_by_role("button", name="الترجمة الإنجليزية تحت كل فقرة").click()
        page.locator(".parallel-gloss [lang=en] >> nth=0").wait_for(state="visible")
        faces = page.evaluate(
            """() => {
              const face = (el) => [el.closest('[lang]').lang, getComputedStyle(el).fontFamily];
              return {
                note: face(document.querySelector('.parallel-gloss.pending .note')),
                english: face(document.querySelector('.parallel-gloss [lang=en]')),
              };
            }"""
        )
    assert faces["note"][0] == "ar" and faces["note"][1].startswith('"Noto Naskh Arabic"'), faces
    assert faces["english"][0] == "en" and faces["english"][1].startswith('"Noto Sans"'), faces


def test_the_english_page_opens_the_arabic_with_the_english_under_each_paragraph(
    project: Path, page
) -> None:  # type: ignore[no-untyped-def]
    """A reader of English could reach the parallel view only through a button written in
    Arabic, on the Arabic page. The English page now links, in English, to the Arabic page
    with the view on."""
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + f"en/{STORY}/")
        page.get_by_role("link", name="Arabic and English side by side").click()
        page.wait_for_url(base + f"ar/{STORY}/#parallel")
        english = page.locator("#p1 + .parallel-gloss [lang=en]")
        english.wait_for(state="visible")
        assert english.inner_text().startswith("The international coalition said on Tuesday")
        # What the view says of the English, and its switch, are in English too: the notes
        # under the paragraphs were in Arabic only.
        for paragraph in ("p3", "p4"):  # pending, as the English page says of the two
            pending = page.locator(f"#{paragraph} + .parallel-gloss.pending .note[lang=en]")
            assert pending.inner_text() == "Translation pending for paragraphs 3–4."
        assert pending.evaluate("e => getComputedStyle(e).direction") == "ltr"
        # drawn left to right, its full stop at the end on the right, as English is
        edges = page.evaluate(CHAR_EDGES, ["#p3 + .parallel-gloss .note[lang=en]", "3–4."])
        assert edges == sorted(edges), edges
        assert page.locator("#p3 + .parallel-gloss .note").first.get_attribute("lang") is None
        toggle = page.get_by_role("button", name="English under each paragraph")
        assert toggle.get_attribute("aria-pressed") == "true"  # and can be turned off there
        toggle.click()
        assert not english.is_visible()


UNTRANSLATED = "2020/11/syria-water"


@pytest.mark.parametrize("where", ["en/", "en/2020/11/", "en/entities/syria/"])
def test_an_english_list_says_before_the_click_which_articles_are_only_in_arabic(
    project: Path, page, where: str
) -> None:  # type: ignore[no-untyped-def]
    """An article with nothing translated is listed on the English pages with its Arabic
    headline and leads to its Arabic page: "English title pending" and "0 / 1 paragraphs
    translated" were all that told the reader before the click. The entry now says that it
    is in Arabic, in English, where the translated one says nothing of the kind."""
    write(
        project,
        f"content/ar/{UNTRANSLATED}.md",
        '---\ntitle: "شح المياه في سوريا"\ndate: "2020-11-20"\n---\n'
        "قالت مصادر محلية إن شح المياه في سوريا يهدد المزارعين هذا العام.\n",
    )
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + where)
        arabic_only = page.locator(f"a[href$='/ar/{UNTRANSLATED}/']")
        assert arabic_only.get_attribute("hreflang") == "ar"
        said = arabic_only.locator(".note")
        assert said.is_visible() and said.inner_text() == "In Arabic, untranslated"
        assert said.evaluate("e => e.closest('[lang]').lang") == "en"  # read as English
        assert arabic_only.locator("bdi[lang=ar]").inner_text() == "شح المياه في سوريا"
        # The link's name, as a screen reader says it, says so too.
        named = page.get_by_role("link", name="In Arabic, untranslated شح المياه في سوريا")
        assert named.count() == 1
        translated = page.locator(f"a[href$='/en/{STORY}/']").first
        assert "In Arabic" not in translated.inner_text()
