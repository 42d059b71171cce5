"""Output that must not grow faster than the archive: pagination bars, search keys, feeds."""

from __future__ import annotations

import sys

import feedparser
import pytest

from newsarchive.assembly.searchtext import key_text, surface_terms
from newsarchive.assembly.site import Site
from newsarchive.assembly.views import article_path
from newsarchive.core import urls
from newsarchive.core.arabic import words
from newsarchive.pages import atom
from newsarchive.pages.feeds import entity_feeds, language_feed
from newsarchive.pages.pagination import NEAR, pages_bar

from .conftest import REPO, seed_paragraphs
from .sites import PACKAGE_STRINGS, assembled_site

sys.path.insert(0, str(REPO / "bench"))
from make_corpus import make_corpus


def _bar(count: int, current: int, hidden: str = "narrow") -> list[str]:
    """The bar as a wide screen shows it (a phone's: hidden="wide")."""
    bar = pages_bar(count, current, str, str)
    return ["…" if p.gap else str(p.number) for p in bar if p.only != hidden]


@pytest.mark.parametrize(
    ("count", "current", "shown"),
    [
        (1, 1, "1"),
        (6, 3, "1 2 3 4 5 6"),
        (100, 1, "1 2 3 4 … 100"),
        (100, 6, "1 2 3 4 5 6 7 8 9 … 100"),
        (100, 50, "1 … 47 48 49 50 51 52 53 … 100"),
        (100, 100, "1 … 97 98 99 100"),
    ],
)
def test_pagination_bar_shows_the_ends_and_the_neighbourhood(
    count: int, current: int, shown: str
) -> None:
    assert " ".join(_bar(count, current)) == shown


@pytest.mark.parametrize(
    ("count", "current", "shown"),
    [
        (6, 3, "1 2 3 4 5 6"),
        (8, 4, "1 2 3 4 5 … 8"),
        (100, 1, "1 2 … 100"),
        (100, 6, "1 … 5 6 7 … 100"),
        (100, 50, "1 … 49 50 51 … 100"),
        (100, 100, "1 … 99 100"),
    ],
)
def test_a_phone_s_bar_shows_one_neighbour_each_side(count: int, current: int, shown: str) -> None:
    """Seven cells at most, which fit one line of a 360 px phone (eleven took two)."""
    assert " ".join(_bar(count, current, hidden="wide")) == shown


def test_pagination_bar_size_does_not_grow_with_the_archive() -> None:
    counts = (50, 1_000, 100_000)
    sizes = {len(pages_bar(count, current, str, str)) for count in counts for current in (1, 25)}
    assert max(sizes) <= 2 * NEAR + 7  # the phone's two gaps besides
    links = pages_bar(1_000, 500, lambda n: f"ar/page/{n}/", lambda p: "/" + p)
    (current,) = [p for p in links if p.current]
    assert (current.number, current.href) == (500, "/ar/page/500/")


def test_key_text_holds_every_form_once_but_not_the_words_shown() -> None:
    text = " ".join(seed_paragraphs())
    full = [term for word in words(text) for term in surface_terms(word)]
    hidden = key_text([text], []).split()
    shown = set(words(text))
    assert len(hidden) == len(set(hidden)) and len(hidden) * 3 < len(full)
    for term in full:  # every form Pagefind indexed before is still indexed, once
        assert term in hidden or (term in shown and term.isalpha()), term
    # Forms only needed by a variant spelling stay: "وأكد" is found by "أكد".
    assert "اكد" in key_text(["وأكد الوزير"], []).split()
    # An entity's names form a group of their own after the text's forms, even when the text
    # shows them (the search page highlights the text's spelling of the group it matched).
    assert key_text(["سوريا"], [["سوريا", "سورية"]]) == " ⁂ سوريا سوريه"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(160, root)
    return assembled_site(root)


@pytest.fixture(autouse=True)
def few_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atom, "MAX_ENTRIES", 8)  # so that many entities have more articles


def _newest(site: Site, stories: list[str], lang: str) -> list[str]:
    config, by_story = site.config, site.article_by_story()
    views = [by_story[s] for s in stories]
    order = sorted(
        views,
        key=lambda v: (
            v.article.date.sort_key(),
            urls.absolute(config, article_path(lang, v)),
        ),
        reverse=True,
    )
    # An article with nothing translated has no English page: its entry links the Arabic one.
    return [urls.absolute(config, article_path(lang, v)) for v in order[: atom.MAX_ENTRIES]]


@pytest.mark.parametrize("lang", urls.LANGS)
def test_language_feed_holds_the_newest_articles_in_full(site: Site, lang: str) -> None:
    parsed = feedparser.parse(language_feed(site, lang, PACKAGE_STRINGS).content)
    stories = [v.article.story for v in site.articles]
    assert [e.link for e in parsed.entries] == _newest(site, stories, lang)
    assert all(e.content[0].value.startswith("<div dir=") for e in parsed.entries)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_entity_feeds_list_the_newest_mentions_as_summaries(site: Site, lang: str) -> None:
    made = {f.path: f.content for f in entity_feeds(site, PACKAGE_STRINGS)}
    busiest = max(site.entities, key=lambda v: len(v.backlinks))
    assert len(busiest.backlinks) > atom.MAX_ENTRIES
    for view in site.entities:
        parsed = feedparser.parse(made[urls.entity_feed(lang, view.entity.id)])
        assert not parsed.bozo and parsed.feed.language == lang
        expected = _newest(site, [b.story for b in view.backlinks], lang)
        assert [e.link for e in parsed.entries] == expected
        assert all(e.summary and "content" not in e for e in parsed.entries)
        assert all(e.title_detail.language == lang for e in parsed.entries)
