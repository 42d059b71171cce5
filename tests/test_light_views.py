"""The pages that list articles read their light views (assembly/lightviews.py), which
have no body, blocks or English text: a template that reads one fails the build at once
saying so, instead of showing "" in every build."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newsarchive.assembly.lightviews import LightViewRead, light_view
from newsarchive.build.engine import build
from newsarchive.core.diagnostics import BuildFailed

from .conftest import DEMO_ARTICLE, with_template_line
from .sites import assembled_site

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq"


@pytest.mark.parametrize(
    ("after", "line", "not_kept"),
    [
        ("{% set g = item.gloss %}", "{{ g.paragraphs[0].text }}", "LightParagraph.text"),
        ("{% set g = item.gloss %}", "{{ g.paragraphs[0].html }}", "LightParagraph.html"),
        ('<p class="excerpt">', "{{ item.blocks | length }}", "LightArticleView.blocks"),
        ('<p class="excerpt">', "{{ item.article.body[:40] }}", "LightArticle.body"),
    ],
)
def test_a_list_template_that_reads_what_a_light_view_lacks_fails_saying_so(
    project: Path, after: str, line: str, not_kept: str
) -> None:
    with_template_line(project, "list.html", after, line)
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    (said,) = failed.value.diagnostics
    assert (said.path, said.line) == (
        "templates/list.html",
        _line_after(project, "list.html", after),
    )
    assert (
        "see each article's light view, without its body, blocks and English text" in said.message
    )
    assert f"({not_kept}), which a light view does not keep" in said.message


def test_an_entity_template_that_reads_a_paragraph_text_fails(project: Path) -> None:
    after = "{% set item = story(link.story) %}"
    with_template_line(project, "entity_en.html", after, "{{ item.gloss.paragraphs[0].text }}")
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    (said,) = failed.value.diagnostics
    assert (said.path, said.line) == (
        "templates/entity_en.html",
        _line_after(project, "entity_en.html", after),
    )
    assert "asks for item.gloss.paragraphs[0].text (LightParagraph.text)" in said.message


def _line_after(project: Path, template: str, after: str) -> int:
    """The line with_template_line added after `after`."""
    text = (project / "templates" / template).read_text(encoding="utf-8")
    return text[: text.index(after)].count("\n") + 2


def test_a_light_view_keeps_what_lists_read_and_survives_the_snapshot(project: Path) -> None:
    glossed = project / "content/en" / Path(DEMO_ARTICLE).relative_to("ar")
    assert glossed.exists()
    view = assembled_site(project).article_by_story()[STORY]
    light = light_view(view)
    assert light.article.title == view.article.title and light.excerpt == view.excerpt
    assert light.first_sentences == view.first_sentences
    assert light.gloss is not None and view.gloss is not None
    assert [p.state for p in light.gloss.paragraphs] == [p.state for p in view.gloss.paragraphs]
    assert light.gloss.count("done") == view.gloss.count("done") > 0
    # A kept article's stored view is made light again (build/keptarticles.py), and the
    # snapshot pickles each: both give an equal view, which still lacks its text.
    again = pickle.loads(pickle.dumps(light_view(light)))
    assert again == light and hash(again) == hash(light)
    with pytest.raises(LightViewRead):
        again.gloss.paragraphs[0].text  # noqa: B018 (the read is the test)
    assert light != light_view(view.__class__(**{**vars(view), "excerpt": "other"}))
