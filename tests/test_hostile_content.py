"""Hostile content: nothing an editor pastes ever runs in a reader's browser (real Chromium)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.core.arabic import without_invisibles

from .conftest import write
from .webtools import serve_folder, sitemap_urls

pytestmark = pytest.mark.browser

PAYLOAD_ARTICLE = """---
title: "<img src=x onerror=alert('title')></script><script>alert('title2')</script>"
date: "2020-11-05"
source:
  name: "\\"><svg onload=alert('source')>"
tags: ["<b onmouseover=alert('tag')>x</b>"]
---

<script>alert('raw')</script> وقال الجنرال كيفن كوبسي <img src=x onerror=alert('img')>

[اضغط](javascript:alert('js')) [b](JaVaScRiPt:alert('js2')) [c](vbscript:msgbox('vb')) [d](data:text/html,<script>alert('data')</script>)

![صورة](javascript:alert('image')) <javascript:alert('autolink')> [e](java&#x09;script:alert('entity'))

<iframe src="javascript:alert('frame')"></iframe> <a href="javascript:alert('html-link')">x</a>

[متتبع](//tracker.example/t) [آخر](https://tracker.example/u) <https://tracker.example/v>
"""

PAYLOAD_ENTITY = """
- id: hostile-entity
  type: other
  ar: ["كيان غريب"]
  en: "</bdi><script>alert('entity-en')</script>"
  description_en: "<img src=x onerror=alert('desc-en')>"
  description_ar: "<svg onload=alert('desc-ar')>"
"""

INJECTED = (
    "img[src='x'], svg[onload], iframe, b[onmouseover],"
    " script:not([src]):not([type='application/ld+json']):not([type='application/json'])"
)


@pytest.fixture
def hostile_site(project: Path) -> Path:
    write(project, "content/ar/2020/11/hostile.md", PAYLOAD_ARTICLE + "\nكيان غريب يظهر هنا.\n")
    registry = project / "content/entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + PAYLOAD_ENTITY, encoding="utf-8")
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    return project / "site"


def test_no_payload_runs_or_injects_an_element(hostile_site: Path, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert "ar/2020/11/hostile/index.html" in pages
    with serve_folder(hostile_site, "/repo/") as base:
        for rel in pages:
            page.goto(base + rel.removesuffix("index.html"))
            injected = page.eval_on_selector_all(INJECTED, "els => els.map(e => e.outerHTML)")
            inline = page.eval_on_selector_all(
                "script:not([src]):not([type='application/ld+json'])",
                "els => els.map(e => e.textContent).filter(t => t.includes('alert('))",
            )
            handlers = page.evaluate(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                ".filter(a => a.name.startsWith('on')).map(a => a.name)"
            )
            bad_links = page.evaluate(
                "[...document.querySelectorAll('[href],[src]')].map(e => e.getAttribute('href') || e.getAttribute('src'))"
                ".filter(u => /^\\s*(javascript|vbscript|data):/i.test(u))"
            )
            json_ld = page.eval_on_selector_all(
                "script[type='application/ld+json']",
                "els => els.map(e => JSON.parse(e.textContent))",
            )
            assert all(isinstance(item, dict) for item in json_ld), rel
            assert (injected, inline, handlers, bad_links) == ([], [], [], []), rel
            for link in page.query_selector_all("a.mention, .body a")[:20]:
                link.hover()
    assert dialogs == []


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    article = (hostile_site / "ar/2020/11/hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;raw&#39;)&lt;/script&gt;" in article
    assert "<script>alert(" not in article
    # Links to another host, scheme-relative or not, are marked as leading out of the site.
    outbound = re.findall(r'<a href="(?:https:)?//tracker\.example/[^"]*"[^>]*>', article)
    assert len(outbound) == 3 and all('rel="external noreferrer"' in a for a in outbound)
    entity = (hostile_site / "ar/entities/hostile-entity/index.html").read_text(encoding="utf-8")
    # The Arabic one here, its Latin runs set apart in <bdi lang="en"> (content/bidi.py).
    described = re.search(r'<p class="description">(.*?)</p>', entity)
    assert described is not None
    text = re.sub(r'</?bdi(?: lang="en")?>', "", described[1])
    assert "<" not in text and html.unescape(text) == "<svg onload=alert('desc-ar')>", text
    english = (hostile_site / "en/entities/hostile-entity/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(&#39;desc-en&#39;)&gt;" in english


def test_search_results_show_hostile_text_inertly(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    write(project, "content/ar/2020/11/hostile.md", PAYLOAD_ARTICLE + "\nكلمةنادرة جدا.\n")
    build(project, project / "site", "https://example.github.io/repo/", search=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(base + "ar/search/?q=" + "كلمةنادرة")
        page.wait_for_selector("text=كلمةنادرة", timeout=15000)
        results = page.inner_text("main")
        assert "onerror=alert('title')" in results  # the title is shown as text
        injected = page.eval_on_selector_all(INJECTED, "els => els.map(e => e.outerHTML)")
        assert injected == []
    assert dialogs == []


def test_feeds_and_sitemap_stay_well_formed(hostile_site: Path) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site / "ar/feed.xml").getroot()
    # As a reader sees them: without the isolates that set their Latin apart.
    titles = [
        without_invisibles(entry.findtext(f"{atom}title") or "")
        for entry in feed.iter(f"{atom}entry")
    ]
    assert "<img src=x onerror=alert('title')></script><script>alert('title2')</script>" in titles
    content = "".join(e.findtext(f"{atom}content") or "" for e in feed.iter(f"{atom}entry"))
    assert "<script>" not in content.replace("&lt;script&gt;", "")
    assert sitemap_urls(hostile_site)  # the index and every part parse


# What a host that can send headers may add to every response: scripts and styles only from
# the site's own files (no inline code), WebAssembly for Pagefind, images from the site or
# inline (the icons), nothing from another host.
STRICT_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
REPORT_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_every_feature_works_under_a_strict_content_security_policy(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """No inline script or style anywhere: a strict policy blocks nothing the site does."""
    build(project, project / "site", "https://example.github.io/repo/", search=True)
    page.add_init_script(REPORT_VIOLATIONS)
    story = "2020/11/coalition-us-forces-syria-iraq/"
    with serve_folder(
        project / "site", "/repo/", headers={"Content-Security-Policy": STRICT_POLICY}
    ) as base:
        page.goto(base + "ar/" + story)
        page.locator(".theme-toggle").click()  # theme.js
        assert page.evaluate("document.documentElement.dataset.theme") in ("dark", "light")
        page.locator(".parallel-toggle").click()  # parallel.js fetches the English page
        page.locator(".parallel-gloss [lang=en] >> nth=0").wait_for(state="visible")
        assert page.evaluate("window.violations") == []
        for path in ("ar/", "en/" + story, "ar/entities/kevin-copsey/", "ar/2020/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.violations") == [], path
        page.goto(base + "ar/search/?q=" + "كوبسي")  # Pagefind: scripts, WebAssembly, fetches
        page.locator(".search-result >> nth=0").wait_for()
        assert page.evaluate("window.violations") == []
