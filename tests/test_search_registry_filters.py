"""The search page's filter menus after a registry edit built as an edit (an entity renamed
in English, another given a new type): the lists the page reads are those a full build
writes, so the menus offer the new name and type only (build/searchmap.py, with the real
Pagefind); and an address that names a filter gone since says so, its query kept (Chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import snapshot, write
from .editactions import run_command
from .editsequences import FILTER_LISTS, filter_menus

BASE = "https://example.github.io/repo/"
REGISTRY = "content/entities.yaml"


@pytest.fixture
def two_years(project: Path) -> Path:
    """The demo (2020, glossed) and a glossed article of 2019, built with search: each
    language has two parts, so its word map lists the values of a part an edit leaves out."""
    body = '---\ntitle: "خبر older"\ndate: "2019-05-01"\n---\nافتتح متحف زمردستان في البصرة\n'
    write(project, "content/ar/2019/05/older.md", body)
    assert run_command("gloss", "--root", str(project), "2019/05/older") == 0
    gloss = project / "content/en/2019/05/older.md"
    gloss.write_text(gloss.read_text(encoding="utf-8") + "\nA museum opened in Basra.\n")
    build(project, project / "site", BASE, search=True)
    return project


def _rename_and_retype(project: Path) -> None:
    """Kevin Copsey's English name and Rmelan's type changed (both named by the 2020 article
    only)."""
    registry = project / REGISTRY
    text = registry.read_text(encoding="utf-8")
    text = text.replace("en: Kevin Copsey", "en: Kevin J. Copsey")
    text = text.replace("- id: rmelan\n  type: place", "- id: rmelan\n  type: organization")
    registry.write_text(text, encoding="utf-8")


def _filter_files(site: Path) -> dict[str, bytes]:
    return {p: data for p, data in snapshot(site).items() if FILTER_LISTS.fullmatch(p)}


def test_a_registry_edit_leaves_the_filter_menus_a_full_build_makes(
    two_years: Path, tmp_path: Path
) -> None:
    site = two_years / "site"
    manifest = (site / "pagefind/parts.json").read_text(encoding="utf-8")
    assert '"2019-en"' in manifest and '"2019-ar"' in manifest
    _rename_and_retype(two_years)
    assert build(two_years, site, BASE, search=True).written is not None  # an edit
    menus = filter_menus(site)
    assert "Kevin J. Copsey" in menus["en"]["person"]
    assert "Kevin Copsey" not in menus["en"]["person"]
    assert "رميلان" in menus["ar"]["organization"]
    assert "رميلان" not in menus["ar"]["place"]
    # The files the page reads, the word maps' included, are a full build's.
    cold = tmp_path / "cold"
    shutil.copytree(two_years / "content", cold / "content")
    build(cold, cold / "site", BASE, search=True)
    assert _filter_files(site) == _filter_files(cold / "site")
    assert menus == filter_menus(cold / "site")


def _menus_shown(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".filter-list select")
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        ".filter-list select",
        "all => Object.fromEntries(all.map(s => [s.name, [...s.options].slice(1).map(o => o.value)]))",
    )


def _opened(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")


@pytest.mark.browser
def test_after_a_registry_edit_the_menus_offer_the_new_name_and_a_bookmark_of_the_old_says_so(
    two_years: Path, page
) -> None:  # type: ignore[no-untyped-def]
    from .webtools import serve_folder

    _rename_and_retype(two_years)
    assert build(two_years, two_years / "site", BASE, search=True).written is not None
    with serve_folder(two_years / "site", "/repo/") as base:
        _opened(page, f"{base}ar/search/?q=التحالف")
        assert page.locator(".filters-gone").is_hidden()
        page.get_by_role("button", name="اختر عوامل التصفية").click()
        shown = _menus_shown(page)
        assert "رميلان" in shown["organization"] and "رميلان" not in shown["place"]
        # The place filter bookmarked before the edit: said, and the query searched without it.
        _opened(page, f"{base}ar/search/?q=التحالف&place=رميلان")
        gone = page.locator(".filters-gone")
        assert gone.inner_text() == (
            "لم يعد عامل التصفية «رميلان» (أماكن) موجودًا، فجرى البحث من دونه."
        )
        assert page.locator("#search-input").input_value() == "التحالف"
        assert page.locator(".search-result").count() == 1
        assert page.locator(".filter-list select[name=place]").input_value() == ""
        # Alone in the address, it is said above the prompt rather than dropped unsaid.
        _opened(page, f"{base}ar/search/?place=رميلان")
        assert gone.is_visible()
        assert page.locator(".search-status").inner_text().startswith("اكتب كلمة")
        # The reader's next choice is a search of its own: the note goes.
        page.locator("#search-input").fill("سوريا")
        page.locator("#search-input").press("Enter")
        page.wait_for_selector(".search-result")
        assert gone.is_hidden()
        # In English, the menu lists the new name only, and the old one is said gone.
        _opened(page, f"{base}en/search/?q=coalition&person=Kevin+Copsey")
        people = _menus_shown(page)["person"]
        assert "Kevin J. Copsey" in people and "Kevin Copsey" not in people
        assert page.locator(".filters-gone").inner_text() == (
            "The filter “Kevin Copsey” (People) no longer exists; the search leaves it out."
        )
        assert page.locator("#search-input").input_value() == "coalition"
