"""English names in other spellings (docs/search.md, "Names in other spellings"), in
Chromium with Pagefind on an archive served under /repo/: a query word spelling a word of an
entity's English names as it transliterates (Hasaka for al-Hasakah, Qassem for Qasim) lists
the articles naming the entity and offers its page, as the independent model in
tests/searchrule.py says; an ordinary word, or one of another skeleton, lists nothing more.
The registry's English variants (`en: [Kevin Copsey, Kevin Copsy]`) are the entity's names."""

from __future__ import annotations

import html
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsarchive.build.engine import build
from newsarchive.content.gloss import fingerprint
from newsarchive.core.latinwords import latin_words, latin_words_joined
from newsarchive.entities import englishspellings
from newsarchive.entities.registry import parse_registry

from .conftest import DEMO_ARTICLE, REPO, write
from .searchrule import english_holds, latin_key, name_skeleton, skeleton
from .webtools import serve_folder

DEMO = "/en/" + DEMO_ARTICLE.removeprefix("ar/").removesuffix(".md") + "/"
ARAJI = "/en/2021/03/araji-mosul/"
REGISTRY = """
- id: qasim-al-araji
  type: person
  ar: [قاسم الأعرجي, الأعرجي]
  en: Qasim al-Araji
- id: mosul
  type: place
  ar: [الموصل]
  en: Mosul
- id: mohammed-shia-al-sudani
  type: person
  ar: [محمد شياع السوداني, السوداني]
  en: Mohammed Shia al-Sudani
"""
ARABIC = [
    "قال مستشار الأمن الوطني قاسم الأعرجي إن الأوضاع في الموصل مستقرة.",
    "وأضاف أن رئيس الوزراء محمد شياع السوداني سيزور المدينة قريباً.",
    "وأكد الجنرال كيفن كوبسي دعم التحالف.",
]
# The gloss writes Qassem, as translators do, and the registry's variant Copsy.
ENGLISH = [
    "National Security Adviser Qassem al-Araji said the situation in Mosul is stable.",
    "He added that Prime Minister Mohammed Shia al-Sudani will visit the city soon.",
    "General Kevin Copsy affirmed the coalition's support.",
]


def _files() -> dict[str, str]:
    registry = (REPO / "content/entities.yaml").read_text(encoding="utf-8")
    registry = registry.replace("en: Kevin Copsey\n", "en: [Kevin Copsey, Kevin Copsy]\n", 1)
    front = '---\ntitle: "{}"\ndate: "2021-03-10"\nsource:\n  name: "شفق نيوز"\n---\n'
    blocks = [
        f"<!-- gloss p{i} {fingerprint(ar)} -->\n{en}\n"
        for i, (ar, en) in enumerate(zip(ARABIC, ENGLISH, strict=True), 1)
    ]
    return {
        "content/entities.yaml": registry + REGISTRY,
        "content/ar/2021/03/araji-mosul.md": front.format("الأعرجي في الموصل")
        + "\n\n".join(ARABIC)
        + "\n",
        "content/en/2021/03/araji-mosul.md": '---\ntitle: "Al-Araji in Mosul"\n---\n'
        + "\n".join(blocks),
    }


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("englishnames")
    shutil.copytree(REPO / "content", root / "content")
    for rel, text in _files().items():
        write(root, rel, text)
    build(root, root / "site", "https://example.github.io/repo/")
    return root


@pytest.fixture(scope="module")
def site(archive: Path) -> Iterator[str]:
    with serve_folder(archive / "site", "/repo/") as base:
        yield base


def _registry(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    registry, _ = parse_registry((root / "content/entities.yaml").read_text("utf-8"), "x")
    return [(entity.id, entity.en_names) for entity in registry.entities if entity.en_names]


def _name_words(root: Path) -> set[str]:
    return {
        latin_key(word)
        for _, names in _registry(root)
        for name in names
        for word in re.findall(r"[^\W_]+", name)
    }


def _expected(root: Path, query: str) -> set[str]:
    """The English pages the model (searchrule.english_holds) lists for the query: each page's
    title and English text (glossed and outdated) as its search record holds them, and the
    entity names the record holds for the entities it shows (the build's part, checked by
    test_search_english)."""
    found = set()
    for record in (root / "site/.search/en").rglob("index.html"):
        page = record.read_text("utf-8")
        body = re.search(r"data-pagefind-body[^>]*>(.*)</(?:main|article|body)>", page, re.S)
        text = html.unescape(re.sub("<[^>]+>", " ", body.group(1) if body else page))
        shown, _, names = text.partition("\u2042")
        path = "/en/" + str(record.parent.relative_to(root / "site/.search/en")) + "/"
        if english_holds(shown, (names,), query, _name_words(root)):
            found.add(path)
    return found


def _search(page, base: str, query: str) -> tuple[list[str], list[str], list[list[str]]]:  # type: ignore[no-untyped-def]
    """What the English search page shows for the query: the paths it lists, the entity
    pages it offers (their links' paths) and the words each result marks."""
    page.goto(f"{base}en/search/?q={quote(query)}")
    page.wait_for_selector("[data-search][data-ready]")
    listed = page.eval_on_selector_all(
        ".search-result h2 a", "as => as.map(a => new URL(a.href).pathname)"
    )
    offered = page.eval_on_selector_all(
        ".entity-pages a", "as => as.map(a => new URL(a.href).pathname)"
    )
    marks = page.eval_on_selector_all(
        ".search-result",
        "items => items.map((i) => [...i.querySelectorAll('.excerpt mark')]"
        ".map((m) => m.textContent))",
    )
    return [p.removeprefix("/repo") for p in listed], offered, marks


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "listed", "entity", "marked"),
    [
        # The demo translation writes al-Hasakah and al-Malikiyah.
        ("Hasaka", [DEMO], "hasakah-governorate", ["Hasakah"]),
        ("Malikiya", [DEMO], "al-malikiyah", ["Malikiyah"]),
        # The demo translation does not show these names yet: the entity's page is offered.
        ("McGregor", [], "douglas-macgregor", None),
        ("Rumeilan", [], "rmelan", None),
        # The gloss writes Qassem; the registry Qasim.
        ("Qassem", [ARAJI], "qasim-al-araji", ["Qassem"]),
        ("Qasim", [ARAJI], "qasim-al-araji", ["Qassem"]),
        ("Mousul", [ARAJI], "mosul", ["Mosul"]),
        ("Muhammad al-Sudani", [ARAJI], "mohammed-shia-al-sudani", None),
        ("Sudany", [ARAJI], "mohammed-shia-al-sudani", ["Sudani"]),
    ],
)
def test_a_name_in_another_spelling_finds_the_articles_naming_the_entity(
    archive: Path,
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
    listed: list[str],
    entity: str,
    marked: list[str] | None,
) -> None:
    found, offered, marks = _search(page, site, query)
    assert sorted(found) == sorted(listed) == sorted(_expected(archive, query)), query
    assert any(link.endswith(f"/en/entities/{entity}/") for link in offered), offered
    if marked is not None:
        assert marks == [marked]
    assert all(marks), "a listed article shows what matched"


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        "Hasak",  # hsk, not al-Hasakah's hskV
        "Maliki",  # mlkV, not al-Malikiyah's mlkyV
        "Sudan",  # sdn, not al-Sudani's sdnV
        "Mosque",  # msq, not Mosul's msl
        "Hasakat",  # hskt
        "Araj",  # a word too short to be read by its skeleton
    ],
)
def test_a_word_of_another_skeleton_lists_nothing(
    archive: Path,
    site: str,
    page,  # type: ignore[no-untyped-def]
    query: str,
) -> None:
    found, offered, _ = _search(page, site, query)
    assert found == [] == sorted(_expected(archive, query)), query
    assert offered == [], query


@pytest.mark.browser
def test_an_english_variant_of_the_registry_finds_the_translations_writing_either(
    archive: Path,
    site: str,
    page,  # type: ignore[no-untyped-def]
) -> None:
    for query in ("Copsey", "Copsy", "Kevin Copsey"):
        found, offered, _ = _search(page, site, query)
        assert sorted(found) == sorted([DEMO, ARAJI]) == sorted(_expected(archive, query))
        assert [link.rsplit("/", 2)[1] for link in offered] == ["kevin-copsey"]
    # Only the shown name is shown: the entity's page is titled Kevin Copsey.
    page.goto(f"{site}en/entities/kevin-copsey/")
    assert page.locator("h1").inner_text().strip().startswith("Kevin Copsey")


@pytest.mark.browser
def test_a_latin_query_on_the_arabic_page_offers_the_entity_it_spells(
    site: str,
    page,  # type: ignore[no-untyped-def]
) -> None:
    page.goto(f"{site}ar/search/?q=Hasaka")
    page.wait_for_selector("[data-search][data-ready]")
    offered = page.eval_on_selector_all(".entity-pages a", "as => as.map(a => a.href)")
    assert any(link.endswith("/repo/ar/entities/hasakah-governorate/") for link in offered)


WORDS = [
    "Qassem",
    "Qasim",
    "Muhammad",
    "Mohammed",
    "Hasaka",
    "Hasakah",
    "Malikiya",
    "Maliki",
    "McGregor",
    "Macgregor",
    "Rumeilan",
    "Rmelan",
    "Sudani",
    "Sudany",
    "Sudan",
    "Iraq",
    "Iraqi",
    "Abdullah",
    "Abdulla",
    "Yezidi",
    "Al",
    "Ali",
    "the",
    "Région",
    "F16",
    "Turkey",
    # Case and accents as the search page folds them (toLowerCase, not casefold): Straße has
    # no skeleton (straße, as Pagefind indexes it), İbrahim is ibrahim, Kırkuk none.
    "Straße",
    "İbrahim",
    "Kırkuk",
    "Müller",
    "Hélène",
]

# Texts whose words the search reads otherwise than by spaces and punctuation: an apostrophe
# inside a word is dropped (O'Brien is obrien), a possessive's 's is read without it too
# (the English stemmer), a hyphen parts words, an abbreviation's stops are dropped.
# Each: the text, and the skeletons of the words englishspellings reads there.
TRICKY = [
    ("O'Brien", [{"obrn"}]),
    ("O\u2019Brien", [{"obrn"}]),
    ("Al-Jabouri", [set(), {"jbrV"}]),
    ("al Jubouri", [set(), {"jbrV"}]),
    ("Al-Jabouri's", [set(), {"jbrs", "jbrV"}]),
    ("Juburi\u2019s", [{"jbrs", "jbrV"}]),
    ("Hélène Müller", [{"hlnV"}, {"mlr"}]),
    ("Straße", [set()]),
    ("İbrahim Kırkuk", [{"ibrhm"}, set()]),
    ("N.A.T.O.", [{"ntV"}]),
]


@pytest.mark.parametrize(("text", "shapes"), TRICKY)
def test_englishspellings_reads_a_texts_words_as_a_query_does(
    text: str, shapes: list[set[str]]
) -> None:
    """The words of a gloss that `entities find` and the removed-name check read are the
    words a query reads (core/latinwords.py, which the search's key copy and names use too),
    each with the skeleton the model gives it: a word split or folded otherwise is a spelling
    of a removed name that a reader's search finds and the check does not."""
    words = latin_words(text)
    read = [englishspellings.word_skeletons(text[w.start : w.end], w.key) for w in words]
    assert read == shapes
    typed = re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", latin_words_joined(text))
    model = [skeleton(word) for word in typed]  # the query's reading, no stemmer
    pairs = zip(model, shapes, strict=True)
    assert all(shape in read if shape else not read for shape, read in pairs)


def test_entities_find_reads_a_skeleton_as_the_model_does() -> None:
    """`entities find --entity` lists a name's English spellings in the glosses by the rule
    search reads them by (entities/englishspellings.py, written in Python beside
    latinnames.js): a word the two read differently is a spelling an editor removing a
    name is not shown while a reader's search still finds it, or the other way round."""
    assert [englishspellings.skeleton(word) for word in WORDS] == [skeleton(w) for w in WORDS]


@pytest.mark.browser
def test_the_page_reads_a_skeleton_as_the_model_does(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}en/search/")
    shapes = page.evaluate(
        """async (words) => {
          const base = new URL("../../static/js/", location.href);
          const { skeleton } = await import(new URL("latinnames.js", base));
          const { toKey } = await import(new URL("readings.js", base));
          return words.map((w) => skeleton(toKey(w)));
        }""",
        WORDS,
    )
    assert shapes == [skeleton(word) for word in WORDS]


def test_an_english_variant_added_patches_the_records_as_a_full_build_makes_them(
    project: Path, tmp_path: Path
) -> None:
    """The English record of a translation showing Kevin Copsey holds the variant's words
    after a build that patched the registry edit, as after a fresh build."""
    base = "https://example.github.io/repo/"
    build(project, project / "site", base)
    registry = project / "content/entities.yaml"
    text = registry.read_text("utf-8")
    registry.write_text(text.replace("en: Kevin Copsey\n", "en: [Kevin Copsey, Kevin Copsy]\n"))
    assert build(project, project / "site", base).written is not None
    record = Path(".search", DEMO.strip("/"), "index.html")
    patched = (project / "site" / record).read_text("utf-8")
    assert "copsy" in patched
    shutil.copytree(project / "content", tmp_path / "clean/content")
    build(tmp_path / "clean", tmp_path / "clean/site", base)
    assert patched == (tmp_path / "clean/site" / record).read_text("utf-8")


@pytest.mark.parametrize("root", ["demo", "corpus"])
def test_no_two_entities_english_names_transliterate_the_same(root: str, tmp_path: Path) -> None:
    """Distinct names of the demo registry and of the 1,000-article corpus's keep distinct
    skeletons (none collide: a query in one spelling never offers the other entity)."""
    if root == "corpus":
        sys.path.insert(0, str(REPO / "bench"))
        from make_corpus import registry_names, registry_yaml

        write(tmp_path, "content/entities.yaml", registry_yaml(registry_names(300)))
        folder = tmp_path
    else:
        folder = REPO
    owners: dict[str, tuple[str, str]] = {}
    collisions = []
    for entity_id, names in _registry(folder):
        for name in names:
            shape = name_skeleton(name)
            other = owners.setdefault(shape, (entity_id, name))
            if other[0] != entity_id and latin_key(other[1]) != latin_key(name):
                collisions.append((other, (entity_id, name)))
    assert collisions == []
