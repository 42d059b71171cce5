"""English companion pages exist only for articles with something translated, and appear or
vanish with the first or last translated paragraph, in a patched build as in a full one."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.content.bidi import isolate_arabic, isolate_latin, latin_isolated_plain
from newsarchive.content.markdown import render_body

from .conftest import ARCHIVE_BASE, build_archive, differ_from_full
from .webtools import serve_folder, sitemap_urls


def _untranslated(root: Path) -> str:
    """A story of the archive with no gloss file."""
    for article in sorted((root / "content/ar").rglob("*.md")):
        story = article.relative_to(root / "content/ar").with_suffix("").as_posix()
        if not (root / "content/en" / f"{story}.md").exists():
            return story
    raise AssertionError("every article of the archive has a gloss")


def _set_first_paragraph(root: Path, story: str, english: str) -> None:
    """Write (or clear) the English of the gloss's first block, as a translator would."""
    file = root / "content/en" / f"{story}.md"
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("<!-- gloss p1 ")) + 1
    while lines[at].startswith("<!--"):  # the Arabic and the names, for the translator
        at += 1
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("<!-- gloss "))
    lines[at:end] = ["", english, ""] if english else [""]
    file.write_text("\n".join(lines), encoding="utf-8")


def _mentions(site: Path, text: str) -> list[str]:
    """The pages and feeds whose text contains `text`."""
    found = []
    for p in sorted(site.rglob("*")):
        if p.suffix in (".html", ".xml", ".gz"):
            data = p.read_bytes()
            if text.encode() in (gzip.decompress(data) if p.suffix == ".gz" else data):
                found.append(p.relative_to(site).as_posix())
    return found


def test_english_page_appears_with_the_first_translated_paragraph_and_goes_with_the_last(
    archive: Path, tmp_path: Path
) -> None:
    story = _untranslated(archive)
    site = archive / "site"
    en_page = site / "en" / story / "index.html"
    assert main(["gloss", "--root", str(archive)]) == 0  # stubs for every article
    build_archive(archive)
    assert not en_page.exists()
    assert _mentions(site, f"en/{story}/") == []  # no link, hreflang, sitemap entry or feed
    assert differ_from_full(archive, tmp_path) == []

    _set_first_paragraph(archive, story, "The first paragraph, in English.")
    result = build_archive(archive)
    assert result.written is not None  # patched in place, not built again in full
    page = en_page.read_text(encoding="utf-8")
    assert "The first paragraph, in English." in page
    # No English title yet: the page's <title> says so, then gives the Arabic one set apart
    # right to left, as every place naming the page does (tests/test_english_title.py).
    arabic = (archive / "content/ar" / f"{story}.md").read_text(encoding="utf-8")
    heading = arabic.split('title: "', 1)[1].split('"', 1)[0]
    assert f"<title>English title pending {latin_isolated_plain(heading)} · " in page
    assert sitemap_urls(site).count(f"{ARCHIVE_BASE}en/{story}/") == 1
    assert f'hreflang="en" href="{ARCHIVE_BASE}en/{story}/"' in (
        site / "ar" / story / "index.html"
    ).read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []

    _set_first_paragraph(archive, story, "")
    result = build_archive(archive)
    assert result.written is not None
    assert not en_page.exists() and not en_page.parent.exists()
    assert _mentions(site, f"en/{story}/") == []
    assert differ_from_full(archive, tmp_path) == []


@pytest.mark.browser
def test_an_arabic_name_in_english_text_keeps_the_words_after_it_in_their_place(
    project: Path, page
) -> None:  # type: ignore[no-untyped-def]
    """A translator leaves a name in Arabic: the number after it stays after it, as written
    (the Arabic run took the 2 into its own right-to-left order and showed it before the
    name), and the name is set in the Naskh face, on the English page and in the parallel
    view of the Arabic one."""
    story = "2020/11/coalition-us-forces-syria-iraq"
    _set_first_paragraph(
        project, story, "Votes for حزب الدعوة 2,100 and for (قسد) 3,400 were counted."
    )
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    where = """() => {
      const p = [...document.querySelectorAll('p')].find(p => p.textContent.includes('الدعوة'));
      const text = [...p.childNodes].map(n => n.textContent).join('');
      const box = (from, to) => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let seen = 0, node, range = document.createRange();
        const rects = [];
        while ((node = walker.nextNode())) {
          for (let i = 0; i < node.data.length; i++, seen++) {
            if (seen < from || seen >= to) continue;
            range.setStart(node, i); range.setEnd(node, i + 1);
            rects.push(range.getBoundingClientRect());
          }
        }
        return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
                top: rects[0].top};
      };
      const name = text.indexOf('حزب الدعوة'), two = text.indexOf('2'), three = text.indexOf('3');
      const quoted = text.indexOf('قسد');
      const font = getComputedStyle([...p.querySelectorAll('*')].find(e => e.textContent === 'حزب الدعوة') || p).fontFamily;
      return {name: box(name, name + 10), two: box(two, two + 1),
              quoted: box(quoted, quoted + 3), three: box(three, three + 1), font};
    }"""
    with serve_folder(project / "site", "/repo/") as base:
        page.set_viewport_size({"width": 1280, "height": 900})
        for url in (f"{base}en/{story}/", f"{base}ar/{story}/"):
            page.goto(url)
            if "/ar/" in url:
                page.locator(".parallel-toggle").click()  # parallel.js fetches the English
                page.locator(".parallel-gloss p", has_text="الدعوة").wait_for(state="visible")
            shown = page.evaluate(where)
            assert shown["two"]["left"] >= shown["name"]["right"] - 1, (url, shown)
            assert shown["three"]["left"] >= shown["quoted"]["right"] - 1, (url, shown)
            assert shown["font"].startswith('"Noto Naskh Arabic"'), (url, shown)


def test_only_the_arabic_of_the_text_is_set_apart_never_a_tag_or_the_english() -> None:
    html = '<p>Votes for <a href="/e/">حزب الدعوة</a> 2,100; قرار 2254 لمجلس الأمن, 5 &amp; 6.</p>'
    assert isolate_arabic(html) == (
        '<p>Votes for <a href="/e/"><bdi lang="ar">حزب الدعوة</bdi></a> 2,100; '
        '<bdi lang="ar">قرار 2254 لمجلس الأمن</bdi>, 5 &amp; 6.</p>'
    )
    assert isolate_arabic("<p>No Arabic, 5 &amp; 6.</p>") == "<p>No Arabic, 5 &amp; 6.</p>"


def test_only_the_latin_of_an_arabic_paragraph_is_set_apart_never_a_tag_or_an_escape() -> None:
    body = 'قال "نعم" عن <b> و AT&T و U.S. و [رابط](https://example.org/x) و **CNN** قبل Plan B.'
    (block,) = render_body(body)
    assert isolate_latin(block) == (
        '<p>قال &quot;نعم&quot; عن &lt;<bdi lang="en">b</bdi>&gt; و '
        '<bdi lang="en">AT&amp;T</bdi> و <bdi lang="en">U.S.</bdi> و '
        '<a href="https://example.org/x" rel="external noreferrer">رابط</a> و <strong><bdi lang="en">CNN</bdi></strong>'
        ' قبل <bdi lang="en">Plan B</bdi>.</p>\n'
    )
    (plain,) = render_body("قالت مصادر في سوريا.")
    assert isolate_latin(plain) is plain.html


def test_quotes_of_the_english_show_its_words_not_its_markdown(project: Path) -> None:
    """The English description, the feed's summary and the entity page's quote of a
    paragraph the translator wrote as a quotation, with bold and a link, read as the page
    shows it: no '> ', '**' or '](…)' (they showed the Markdown as typed)."""
    story = "2020/11/coalition-us-forces-syria-iraq"
    _set_first_paragraph(
        project,
        story,
        "> The **Global Coalition to Defeat ISIS** said the move is "
        "[routine](https://example.com/).",
    )
    site = project / "site"
    build(project, site, "https://example.github.io/repo/", search=False)
    words = "The Global Coalition to Defeat ISIS said the move is routine."
    page = (site / "en" / story / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="description" content="{words}' in page
    entity = (site / "en/entities/global-coalition/index.html").read_text(encoding="utf-8")
    assert f"<blockquote>{words}</blockquote>" in entity
    feed = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert f"<summary>{words}" in feed
    for shown in (page, entity, feed):
        assert "**" not in shown and "](https" not in shown and "&gt; The" not in shown


def test_an_arabic_name_in_an_english_title_or_quote_keeps_the_number_after_it_in_place(
    project: Path, page
) -> None:  # type: ignore[no-untyped-def]
    """The gloss's title (on its page, the month's list and the status page), its translator
    and an entity page's quote of its English set Arabic apart as its paragraphs do: the
    2,100 after حزب الدعوة stays after it (it was drawn before the name)."""
    story = "2020/11/coalition-us-forces-syria-iraq"
    gloss = project / "content/en" / f"{story}.md"
    text = gloss.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", 'title: "For حزب الدعوة 2,100"', text)
    text = re.sub(r'(?m)^translator: ""', 'translator: "سارة 2 Ali"', text)
    gloss.write_text(text, encoding="utf-8")
    _set_first_paragraph(
        project, story, "The Global Coalition to Defeat ISIS counted حزب الدعوة 2,100 votes."
    )
    site = project / "site"
    build(project, site, "https://example.github.io/repo/", search=False)
    name = '<bdi lang="ar">حزب الدعوة</bdi>'
    for shown in (f"en/{story}/", "en/2020/11/", "en/status/2020/11/"):
        assert f"For {name} 2,100" in (site / shown / "index.html").read_text()
    assert '<bdi lang="ar">سارة</bdi> 2 Ali' in (site / "en" / story / "index.html").read_text()
    where = """(selector) => {
      const element = document.querySelector(selector);
      const box = (word) => {  // the box of the first character of `word`, in whatever node
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
          const at = node.data.indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at); range.setEnd(node, at + word.length);
          return range.getBoundingClientRect();
        }
      };
      const name = box('حزب الدعوة'), two = box('2,100');
      return {name: name.right, two: two.left,
              same_line: name.top < two.bottom && two.top < name.bottom};
    }"""
    with serve_folder(site, "/repo/") as base:
        page.set_viewport_size({"width": 1280, "height": 900})
        for url, selector in (
            (f"{base}en/{story}/", "h1"),
            (f"{base}en/entities/global-coalition/", "blockquote"),
        ):
            page.goto(url)
            shown = page.evaluate(where, selector)
            assert shown["same_line"] and shown["two"] >= shown["name"] - 1, (url, shown)


def _edit_first_arabic_paragraph(root: Path, story: str) -> None:
    """Change a word of the article's first paragraph, as an editor correcting it would:
    the English block translating it becomes outdated."""
    file = root / "content/ar" / f"{story}.md"
    head, body = file.read_text(encoding="utf-8").split("\n---\n", 1)
    file.write_text(f"{head}\n---\nعاجل: {body.lstrip()}", encoding="utf-8")


def test_an_english_page_of_outdated_english_only_is_offered_to_no_crawler(
    archive: Path, tmp_path: Path
) -> None:
    """With no English title and its only English outdated, the English page is noindex:
    neither the sitemap nor the Arabic page's hreflang may name it (they did, and a crawler
    reports both as errors). Its language switch still leads to the Arabic page, and the
    Arabic page's to it. Accepting the English offers it again; each edit is patched in
    place and agrees with a full build."""
    story = _untranslated(archive)
    site = archive / "site"
    en_url = f"{ARCHIVE_BASE}en/{story}/"
    assert main(["gloss", "--root", str(archive), story]) == 0
    _set_first_paragraph(archive, story, "The first paragraph, in English.")
    build_archive(archive)
    assert en_url in sitemap_urls(site)

    _edit_first_arabic_paragraph(archive, story)
    assert build_archive(archive).written is not None  # patched in place
    en_page, ar_page = site / "en" / story / "index.html", site / "ar" / story / "index.html"
    english = en_page.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in english
    assert "The first paragraph, in English." in english  # shown, marked as outdated
    assert en_url not in sitemap_urls(site)
    arabic = ar_page.read_text(encoding="utf-8")
    assert 'hreflang="en" href=' not in arabic and 'rel="alternate" hreflang' not in english
    assert f'href="/repo/en/{story}/" hreflang="en" lang="en" class="lang-switch"' in arabic
    assert f'href="/repo/ar/{story}/" hreflang="ar" lang="ar" class="lang-switch"' in english
    assert differ_from_full(archive, tmp_path) == []

    assert (
        main(
            [
                "gloss",
                "--accept",
                str(archive / "content/en" / f"{story}.md"),
                "--root",
                str(archive),
            ]
        )
        == 0
    )
    assert build_archive(archive).written is not None
    assert en_url in sitemap_urls(site)
    assert f'hreflang="en" href="{en_url}"' in ar_page.read_text(encoding="utf-8")
    assert "noindex" not in en_page.read_text(encoding="utf-8")
    assert differ_from_full(archive, tmp_path) == []
