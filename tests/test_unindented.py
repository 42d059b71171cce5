"""Pages are written without the templates' indentation (environment.Unindented), and a
browser renders them as it renders the indented ones: no white space between two words or
elements is lost, only the indentation after a line break."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsarchive.build import compiledtemplates
from newsarchive.build.engine import build
from newsarchive.pages import environment

from .conftest import fresh_build

BASE = "https://example.github.io/repo/"


def test_every_page_renders_as_with_the_indentation(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unindented = fresh_build(project, tmp_path / "unindented", BASE)
    monkeypatch.setattr(environment.Unindented, "preprocess", lambda self, source, *_: source)
    monkeypatch.setattr(
        compiledtemplates, "COMPILED_CODE", "indented"
    )  # not the templates compiled above
    indented = fresh_build(project, tmp_path / "indented", BASE)
    pages = [path for path in indented if path.endswith(".html")]
    assert len(pages) > 50 and indented.keys() == unindented.keys()
    for path in pages:
        before, after = indented[path].decode(), unindented[path].decode()
        assert re.sub(r"\s+", " ", after) == re.sub(r"\s+", " ", before), path
    saved = sum(len(indented[path]) - len(unindented[path]) for path in pages)
    assert saved > 50 * len(pages)


def test_a_template_with_preformatted_text_keeps_its_indentation(project: Path) -> None:
    shutil.copytree(environment.PACKAGE_TEMPLATES, project / "templates")
    page = project / "templates/404.html"
    head, tail = page.read_text(encoding="utf-8").rsplit("{% endblock %}", 1)
    pre = "<pre>\n  indented\n    more</pre>\n"
    page.write_text(head + pre + "{% endblock %}" + tail, encoding="utf-8")
    build(project, project / "site", BASE, search=False)  # with the project's templates
    assert "<pre>\n  indented\n    more</pre>" in (project / "site/404.html").read_text("utf-8")
    # The other templates, as shipped, give what the shipped folder gives.
    shipped = fresh_build(project, project / "shipped", BASE)
    article = "ar/2020/11/coalition-us-forces-syria-iraq/index.html"
    assert (project / "site" / article).read_bytes() == shipped[article]
