"""Fast paths give exactly what the general code gives.

Plain prose skips the Markdown parser: its blocks must be exactly what markdown-it makes.
The matcher cuts text with split_words: the same words as tokenize, at the same offsets.
Templates call functions, read UI strings and escape output the short way: what Jinja
alone gives.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import jinja2
import jinja2.compiler
import jinja2.runtime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import pass_context
from markdown_it import MarkdownIt
from markupsafe import Markup

from newsarchive.assembly.lightviews import Sharing, light_view
from newsarchive.build.articleviews import article_views
from newsarchive.content import markdown
from newsarchive.content.bodyparser import plain_paragraphs
from newsarchive.content.config import load_config
from newsarchive.content.glossfiles import read_glosses
from newsarchive.content.markdown import render_body
from newsarchive.content.mentionmarks import MentionMarker
from newsarchive.content.registryfile import read_registry
from newsarchive.content.textfiles import read_content
from newsarchive.core import urls
from newsarchive.core.arabic import split_words, tokenize
from newsarchive.core.model import PartialDate
from newsarchive.core.yamldoc import simple_mapping, yaml_nodes
from newsarchive.entities.matcher import Mention, build_matcher, find_mentions
from newsarchive.entities.registry import Entity, Registry
from newsarchive.pages import environment
from newsarchive.pages.environment import make_environment, parse_strings

REGISTRY = Registry(
    (
        Entity("coalition", "organization", ("التحالف الدولي",), None, None, None, None, 1),
        Entity("syria", "place", ("سوريا",), None, None, None, None, 2),
        Entity("esper", "person", ("مارك إسبر",), None, None, None, None, 3),
    )
)
MATCHER = build_matcher(REGISTRY)
COMMONMARK = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

WORDS = st.sampled_from(["قال", "والتحالف الدولي", "سوريا", "مارك", "إسبر", "News", "١٢", "2020"])
GLUE = st.sampled_from(
    [" ", ", ", "، ", ": ", " (", ") ", ' "', '" ', " «", "» ", "… ", "% ", ". "]
)
PARAGRAPH = st.builds(
    lambda first, rest: first + "".join(glue + word for glue, word in rest),
    st.one_of(WORDS, st.just('"'), st.just("«")),
    st.lists(st.tuples(GLUE, WORDS), max_size=8),
)
PROSE = st.builds(
    lambda paragraphs, end: "\n\n".join(paragraphs) + end,
    st.lists(PARAGRAPH, max_size=5),
    st.sampled_from(["", "\n", "\n\n"]),
)
# Something that is, or may be, Markdown (or whitespace that it trims or breaks lines on).
TRICKY = st.sampled_from(
    [
        *["1. ", "2)", "  ", "\t", "\n", "\r", "\u200c", "\u064e", "\u00a0"],
        *["*سوريا*", "_a_", "`x`", "[a](b)", "<b>", "&amp;", "\\*", "\n---\n", "\n===", "# "],
        *"*_`[]<>&#\\=+~|{}-!",
    ]
)
BODIES = st.one_of(
    PROSE,
    PROSE,
    st.builds(lambda body, at, odd: body[:at] + odd + body[at:], PROSE, st.integers(0, 99), TRICKY),
    st.lists(st.one_of(WORDS, GLUE, TRICKY), max_size=20).map("".join),
)

# Addresses, and what only looks like one: the parser links some (bodyparser.py, autolinks.py),
# so a line holding one must not take the plain path.
ADDRESSES = st.sampled_from(
    ["https://ina.iq/1", "https://ina.iq/2،", "www.ina.iq", "ina.iq", "a@ina.iq", "said.It", "3.5"]
)
LINKED_BODIES = st.builds(
    lambda body, at, address: body[:at] + address + body[at:],
    PROSE,
    st.integers(0, 99),
    ADDRESSES,
)


def _href(entity_id: str) -> str:
    return f"/ar/entities/{entity_id}/?a=1&b=<2>"


def _find(text: str) -> tuple[Mention, ...]:
    return find_mentions(MATCHER, text)


@settings(max_examples=600, deadline=None)
@given(BODIES)
def test_html_is_commonmark(body: str) -> None:
    assert "".join(b.html for b in render_body(body)) == COMMONMARK.render(body)


@settings(max_examples=600, deadline=None)
@given(st.one_of(BODIES, LINKED_BODIES))
def test_blocks_and_mentions_are_the_parsers(body: str) -> None:
    parsed, _notes = markdown._render_parsed(body, MentionMarker(_find, _href))
    assert render_body(body, _find, _href) == parsed
    assert render_body(body) == markdown._render_parsed(body, None)[0]


def test_news_paragraphs_take_the_plain_path() -> None:
    body = '"قال" مارك إسبر، يوم الثلاثاء: إن سوريا (100%)…\n\nThe coalition said it.\n'
    assert plain_paragraphs(body) == [
        (0, '"قال" مارك إسبر، يوم الثلاثاء: إن سوريا (100%)…'),
        (2, "The coalition said it."),
    ]
    blocks = render_body(body, _find, _href)
    assert [m.surface for m in blocks[0].mentions] == ["مارك إسبر", "سوريا"]
    assert blocks[0].html.startswith('<p>&quot;قال&quot; <a href="/ar/entities/esper/?a=1&amp;b')


def test_markdown_takes_the_parser() -> None:
    for body in ["1. list", "# heading", "a *b*", "line\nbreak", "trailing ", " indented", "a_b"]:
        assert plain_paragraphs(body) is None
    for body in ["انظر https://ina.iq/1", "انظر www.ina.iq", "انظر ina.iq", "انظر пример.рф"]:
        assert plain_paragraphs(body) is None


TEXT = st.text(
    alphabet=st.sampled_from(list('قال سوريا_ab1٢.،\n\u200c\u200f\u064e\u0640\u0300-"«')),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_split_words_are_the_tokens(text: str) -> None:
    parts = split_words(text)
    assert "".join(parts) == text
    offset, found = 0, []
    for index, part in enumerate(parts):
        if index % 2:
            found.append((offset, offset + len(part)))
        offset += len(part)
    assert found == [(token.start, token.end) for token in tokenize(text)]


class _Shouter:
    """A callable object: Jinja's own call path."""

    def __call__(self, word: str) -> str:
        return word.upper()


def _stops() -> str:
    raise StopIteration


class _Page:
    def plain(self, word: str) -> str:
        return word * 2

    @pass_context
    def asks(self, context: jinja2.runtime.Context, word: str) -> str:
        return f"{context['lang']}:{word}"

    @pass_context
    def __call__(self, context: jinja2.runtime.Context) -> str:
        return f"called in {context['lang']}"


def _asks_in_package(context: jinja2.runtime.Context) -> str:
    return f"asked in {context['lang']}"


# A function of the package that asks for the context: its mark is still honoured.
_asks_in_package.__module__ = "newsarchive.somewhere"
pass_context(_asks_in_package)


def test_template_calls_give_what_jinjas_own_code_gives(tmp_path: Path) -> None:
    """Calls compiled by the render environment (environment._CodeGenerator): builtins and the
    package's functions and methods are called straight, anything else (marked for the
    context or not) as Jinja calls it; the page is what Jinja's own code renders."""
    (tmp_path / "page.html").write_text(
        "{{ f('a') }} {{ m('b') }} {{ p() }} {{ b([1, 2]) }} {{ o('c') }} {{ ctx() }}\n"
        "{{ page.plain('e') }} {{ page.asks('g') }} {{ page() }}\n"
        "{% for x in [1, 2] %}{{ f(x) }}{{ ctx() }}{{ loop.cycle('l', 'r') }}{% endfor %}\n"
        "{% block main %}{{ m(f('d')) }}{{ ctx() }}{% endblock %} {{ self.main() }}\n"
        "[{{ stop() is undefined }}] {{ urls.article(lang, date.iso()) }} {{ date.display(lang=lang) }}"
        " {{ mine() }}{% for x in [1] %}{{ mine() }}{{ urls.entity(lang, 'e', page=x + 1) }}{% endfor %}"
        "{% macro q(v) %}<{{ v }}{{ caller() if caller is defined }}>{% endmacro %}{{ q(urls.search(lang)) }}{% call q(1) %}c{% endcall %}",
        encoding="utf-8",
    )
    values = {
        "f": lambda x: f"<{x}>",
        "m": "{}!".format,
        "p": partial(str, 7),
        "b": len,
        "o": _Shouter(),
        "ctx": pass_context(lambda context: context["lang"]),
        "stop": _stops,
        "page": _Page(),
        "lang": "ar",
        "urls": urls,
        "date": PartialDate(2020, 11, 17),
        "mine": _asks_in_package,
    }
    ours = make_environment(tmp_path)
    theirs = make_environment(tmp_path)
    theirs.code_generator_class = jinja2.compiler.CodeGenerator
    assert ours.code_generator_class is not jinja2.compiler.CodeGenerator
    html = ours.get_template("page.html").render(values)
    assert html == theirs.get_template("page.html").render(values)
    assert "&lt;a&gt; b! 7 2 C ar" in html and "ee ar:g called in ar" in html and "[True]" in html
    assert "ar/2020-11-17/" in html and "asked in ar" in html and "ar/entities/e/page/2/" in html
    # The straight calls are there, for builtins and the package's own functions alike.
    code = ours.compile(ours.loader.get_source(ours, "page.html")[0], raw=True)
    assert code.count("plain_call(") > 10


def test_strings_read_as_attributes_as_from_a_plain_dict(tmp_path: Path) -> None:
    """UI strings (environment.UIStrings) give templates what a plain dict gives, and a
    missing key is still an error naming it."""
    toml = '[ar]\nhome = "الرئيسية"\nitems = "عناصر"\n[en]\nhome = "Home"\nitems = "Items"\n'
    strings = parse_strings(toml, "strings.toml")
    plain = {lang: dict(table) for lang, table in strings.items()}
    # A key named like a dict method is read as a key, its attribute is the method.
    (tmp_path / "page.html").write_text(
        "{{ t.home }} {{ t['home'] }} {{ all.en.home }} {{ t.items is callable }} {{ t['items'] }}",
        "utf-8",
    )
    (tmp_path / "bad.html").write_text("{{ t.missing }}", encoding="utf-8")
    env = make_environment(tmp_path)
    page = env.get_template("page.html")
    ours = page.render(t=strings["ar"], all=strings)
    assert ours == page.render(t=plain["ar"], all=plain) == "الرئيسية الرئيسية Home True عناصر"
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        env.get_template("bad.html").render(t=strings["ar"])


class _Html:
    """An object that renders itself as HTML (markupsafe's __html__)."""

    def __html__(self) -> str:
        return "<i>safe</i>"


class _HtmlInt(int):
    def __html__(self) -> str:
        return f"<i>{int(self)}</i>"


def test_output_escapes_as_markupsafe_does(tmp_path: Path) -> None:
    """Output expressions escape a str the short way (environment._escape_output): the page is
    what Jinja's own code renders, wherever the output goes (page, block, macro, set
    block, filter block, include), and nothing is escaped twice or left unescaped."""
    (tmp_path / "page.html").write_text(
        "{{ s }}|{{ m }}|{{ h }}|{{ n }}|{{ none }}|{{ s ~ m }}|{{ s | e }}|{{ m | upper }}\n"
        "{{ n + 1 }}|{{ -n }}|{{ yes }}|{{ hi }}\n"
        "{% macro q(x) %}[{{ x }}{{ caller() if caller is defined }}]{% endmacro %}{{ q(s) }}{{ q(m) }}"
        "{% call q(h) %}{{ s }}{% endcall %}\n"
        "{% set captured %}{{ s }}{{ m }}{% endset %}{{ captured }}|{{ captured | length }}\n"
        "{% filter upper %}{{ s }}{% endfilter %}|{% block b %}{{ s }}{% endblock %}"
        "|{{ self.b() }}|{% include 'part.html' %}",
        encoding="utf-8",
    )
    (tmp_path / "part.html").write_text("{{ s }}{% for x in [s, m] %}{{ x }}{% endfor %}", "utf-8")
    values = {
        "s": "<a href='x'>\"&\"</a> سوريا",
        "m": Markup("<b>&amp;</b>"),
        "h": _Html(),
        "n": 3,
        "none": None,
        "yes": True,
        "hi": _HtmlInt(7),
    }
    ours = make_environment(tmp_path)
    theirs = make_environment(tmp_path)
    theirs.code_generator_class = jinja2.compiler.CodeGenerator
    page = ours.get_template("page.html")
    assert page.root_render_func.__globals__["escape"] is environment._escape_output
    html = page.render(values)
    assert html == theirs.get_template("page.html").render(values)
    escaped = "&lt;a href=&#39;x&#39;&gt;&#34;&amp;&#34;&lt;/a&gt; سوريا"
    assert html.startswith(f"{escaped}|<b>&amp;</b>|<i>safe</i>|3|None|{escaped}<b>&amp;</b>|")
    assert "\n4|-3|True|<i>7</i>\n" in html
    assert "&amp;amp;" not in html and "<a href" not in html
    # Without markupsafe's private C function the same text comes the public way.
    assert (
        environment._escape_to_str(values["s"]) == environment._escape_str(values["s"]) == escaped
    )


def test_light_views_keep_what_lists_read_as_one_object_per_value(project: Path) -> None:
    """Light views (lightviews.light_view, what a full build keeps of 20,000 articles) hold one
    object for equal dates, sources, entity counts and bare paragraphs across articles,
    each equal to what the full view has."""
    content = project / "content"
    texts, _ = read_content(content)
    glosses, _ = read_glosses(content)
    (rel, text), story = next(iter(texts.items())), "2020/11/coalition-us-forces-syria-iraq"
    twin = rel.replace(".md", "-twin.md")  # the same article under another name, no gloss
    views, _ = article_views(
        {rel: text, twin: text},
        glosses,
        read_registry(project / "content")[0],
        load_config(project),
    )
    full = [views[story], views[f"{story}-twin"]]
    sharing = Sharing()
    light = [light_view(view, sharing) for view in full]
    for a, b in zip(full, light, strict=True):
        assert (b.article.date, b.article.source) == (a.article.date, a.article.source)
        assert b.entity_counts == a.entity_counts and b.excerpt == a.excerpt
        assert [(p.index, p.state, p.block_id) for p in b.gloss.paragraphs] == [
            (p.index, p.state, p.block_id) for p in a.gloss.paragraphs
        ]
    first, second = light
    assert first.article.date is second.article.date
    assert first.article.source is second.article.source
    assert all(x is y for x, y in zip(first.entity_counts, second.entity_counts, strict=True))
    again = light_view(full[1], sharing).gloss.paragraphs  # the twin has no gloss: all pending
    assert len(again) > 1 and {p.state for p in again} == {"pending"}
    assert all(p is q for p, q in zip(second.gloss.paragraphs, again, strict=True))
    # Another sharing (another worker's, another build's) shares nothing with this one.
    alone = light_view(full[1], Sharing())
    assert alone == second and alone.article.date is not second.article.date


_KEYS = st.one_of(
    st.sampled_from(["title", "date", "source", "name"]),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,5}", fullmatch=True),
)
_PROSE = st.text(st.sampled_from("ab سوريا:#&*'!-,.\t"), max_size=12)
_VALUES = st.one_of(
    _PROSE.map(lambda text: f'"{text}"'),  # quoted prose
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True),  # a plain word
)
_ODD_VALUES = st.one_of(
    st.text(max_size=12).map(lambda text: f'"{text}"'),  # quoted: any character inside
    st.text(max_size=6),  # anything at all
)
_SPACES = st.sampled_from([" "] * 12 + ["  ", ""])
_ODD = st.sampled_from(["", "# note", "- item", "a: 'single'", "a: x # note", "b: [1]", "\t", " "])


def _value(draw: st.DrawFn) -> str:
    return draw(_ODD_VALUES if draw(st.integers(0, 15)) == 0 else _VALUES)


@st.composite
def _front_matter(draw: st.DrawFn) -> str:
    """Mostly the simplest shape (keys with values, keys with a nested mapping under
    them), with odd lines, odd values, odd indents and repeated keys now and then."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        trailing = draw(st.sampled_from(["", "", " "]))
        if draw(st.integers(0, 20)) == 0:
            lines.append(draw(_ODD))
        elif draw(st.integers(0, 3)) == 0:  # a key with a mapping (or nothing) under it
            lines.append(f"{draw(_KEYS)}:{trailing}")
            indent = draw(st.sampled_from(["  ", "  ", "    ", " "]))
            for _ in range(draw(st.integers(0, 3))):
                if draw(st.integers(0, 15)) == 0:
                    indent = draw(st.sampled_from(["  ", "   ", ""]))
                lines.append(f"{indent}{draw(_KEYS)}:{draw(_SPACES)}{_value(draw)}")
        else:
            lines.append(f"{draw(_KEYS)}:{draw(_SPACES)}{_value(draw)}{trailing}")
    return "\n".join(lines)


@settings(max_examples=2000, deadline=None)
@given(_front_matter())
def test_simple_mappings_give_what_yaml_gives(text: str) -> None:
    """Front matter read line by line (yamldoc.simple_mapping) is what libyaml reads, nodes
    and lines; whatever it cannot read as surely it leaves to libyaml (None)."""
    simple = simple_mapping(text, 2)
    if simple is not None:
        assert simple == yaml_nodes(text, "front.md", 2)


def test_the_usual_front_matter_is_read_without_yaml() -> None:
    usual = 'title: "قال التحالف"\ndate: "2020-11"\nsource:\n  name: "شفق نيوز"\n  url: "https://x"'
    gloss = 'title: "International coalition"\ntranslator: ""\nstatus: draft'
    for text in (usual, gloss, "source:\n    name: a.b-c\nstatus:"):
        assert simple_mapping(text, 2) is not None
        assert simple_mapping(text, 2) == yaml_nodes(text, "front.md", 2)
    # What it leaves to YAML: comments, escapes, blank lines, lists, duplicates, a null.
    assert simple_mapping("a: Null", 2) is None  # no value to YAML: `translator: null`
    for text in ('a: "x" # c', 'a: "\\u00e9"', 'a: "x"\n\nb: "y"', "a:\n  - b", 'a: "x"\na: "y"'):
        assert simple_mapping(text, 2) is None
