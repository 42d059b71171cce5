"""An article page reads its own article, gloss and the registry, never the whole site
(pages/articleinputs.py): a template or page function that reads more fails the build at
once with the rule, instead of showing an empty site in a full build that a patched build
would then show differently (docs/architecture.md, 'Articles kept')."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsarchive.build.engine import build
from newsarchive.core.diagnostics import BuildFailed
from newsarchive.pages import articles
from newsarchive.pages.articleinputs import RULE, WholeSiteRead

from .conftest import with_template_line

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq"


@pytest.mark.parametrize("template", ["article.html", "article_en.html"])
def test_an_article_template_that_reads_another_article_fails_with_the_rule(
    project: Path, template: str
) -> None:
    with_template_line(project, template, "{% block main %}", f"{{{{ story('{STORY}') }}}}")
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", BASE, search=False)
    (said,) = failed.value.diagnostics
    text = (project / "templates" / template).read_text(encoding="utf-8")
    line = text[: text.index("{{ story(")].count("\n") + 1
    assert (said.path, said.line) == (f"templates/{template}", line)
    assert said.message == f"template error: story({STORY!r}) on an article page: {RULE}"
    assert "its own article, gloss and the registry only" in said.message
    assert not (project / "site").exists()  # nothing published


def test_an_article_page_that_reads_the_site_fails_with_the_rule(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The natural change: an article page showing how often the archive names each entity."""
    meta = articles.article_meta

    def with_counts(r: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {**meta(r, *args, **kwargs), "archive_counts": r.site.mention_counts()}

    monkeypatch.setattr(articles, "article_meta", with_counts)
    with pytest.raises(WholeSiteRead, match="whole-site data belongs on list and entity pages"):
        build(project, project / "site", BASE, search=False)
