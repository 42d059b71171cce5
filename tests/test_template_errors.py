"""A template mistake fails `build.py build` at the template's file and line, in plain words:
the project's templates/… (or the shipped template's path), the line of the innermost
template (an included one's, a macro's), what that line asks for, Jinja's message kept;
exit 1, no traceback, the previous site/ whole. Whether the page is rendered by the build
process, a worker or an edit's patch. A UI string one language lacks is named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.build import articles, engine
from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core.diagnostics import BuildFailed

from .conftest import DEMO_ARTICLE, snapshot, with_template_change

UI_STRINGS = "'newsarchive.pages.environment.UIStrings object'"
PUBLISHD = (
    "error: template error: the template asks for t.publishd, which the UI strings "
    f"(strings.toml) do not have; Jinja says: {UI_STRINGS} has no attribute 'publishd'"
)
BODY = (
    "error: template error: list, entity and status pages and feeds see each article's light "
    "view, without its body, blocks and English text: the template asks for "
    "item.article.body (LightArticle.body), which a light view does not keep; show what it "
    "keeps (such as the excerpt), or see docs/architecture.md, 'What list pages see'"
)


def built(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`build.py build` of the project: its exit status and what it said on stderr."""
    code = main(["build", "--root", str(project), "--no-search", "--quiet"])
    return code, capsys.readouterr().err.splitlines()


def test_a_misspelt_ui_string_is_named_at_its_line_and_the_site_is_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert built(project, capsys)[0] == 0
    before = snapshot(project / "site")
    line = with_template_change(project / "templates", "article.html", "t.published", "t.publishd")
    code, err = built(project, capsys)
    assert code == 1
    assert err == [
        f"templates/article.html:{line}: {PUBLISHD}",
        "build failed: 1 error(s); " + f"{project / 'site'} was not changed",
    ]
    assert snapshot(project / "site") == before


def test_a_list_template_reading_an_article_body_says_what_lists_see(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a 60-line traceback of LightViewRead: the line, and where to read what to do."""
    assert built(project, capsys)[0] == 0
    before = snapshot(project / "site")
    excerpt = "{{ item.excerpt | latin_isolated }}"
    line = with_template_change(
        project / "templates", "list.html", excerpt, "{{ item.article.body }}"
    )
    code, err = built(project, capsys)
    assert code == 1
    assert err[0] == f"templates/list.html:{line}: {BODY}"
    assert len(err) == 2
    assert snapshot(project / "site") == before


@pytest.mark.parametrize(
    ("template", "old", "new", "words"),
    [
        # The footer, rendered once a language from inside every page's template.
        (
            "_footer.html",
            "t.feed_label",
            "t.feed_labl",
            "the template asks for t.feed_labl, which the UI strings (strings.toml) do not have",
        ),
        # A macro imported by the lists, run for the English list's translated article.
        (
            "_english_title.html",
            "{{ title_en | arabic_isolated }}",
            "{{ title_en.text }}",
            "the template asks for title_en.text, which its str value does not have; "
            "Jinja says: 'str object' has no attribute 'text'",
        ),
        # Included by the article pages.
        (
            "_in_article.html",
            "{{ t.in_this_article }}",
            "{{ in_this_article }}",
            "the template uses in_this_article, which this page is not given (a misspelling, "
            "or a value only other pages get); Jinja says: 'in_this_article' is undefined",
        ),
    ],
)
def test_a_mistake_in_an_included_template_is_named_in_it(
    project: Path, capsys: pytest.CaptureFixture[str], template: str, old: str, new: str, words: str
) -> None:
    line = with_template_change(project / "templates", template, old, new)
    code, err = built(project, capsys)
    assert code == 1
    assert err[0].startswith(f"templates/{template}:{line}: error: template error: {words}")
    assert not (project / "site").exists()


def test_an_unknown_filter_in_a_shipped_template_is_named_at_its_path(
    project: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A project without templates/ builds with the tool's: a mistake there is named at the
    tool's template file."""
    shipped = tmp_path_factory.mktemp("tool") / "templates"  # outside the project
    old = "{{ item.excerpt | latin_isolated }}"
    line = with_template_change(shipped, "list.html", old, "{{ item.excerpt | latin_isolatd }}")
    monkeypatch.setattr(engine, "PACKAGE_TEMPLATES", shipped)
    code, err = built(project, capsys)
    assert code == 1
    assert err[0] == (
        f"{shipped}/list.html:{line}: error: template error: No filter named 'latin_isolatd' found."
    )


def test_a_template_fault_in_a_worker_comes_back_with_its_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker's traceback does not cross to the build process: its fault does, whole."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "2")
    monkeypatch.setattr(articles, "MIN_PARALLEL", 1)  # the demo's article in a forked worker
    line = with_template_change(project / "templates", "article.html", "t.published", "t.publishd")
    code, err = built(project, capsys)
    assert code == 1
    assert err[0] == f"templates/article.html:{line}: {PUBLISHD}"


def test_an_edit_that_makes_a_template_fail_is_named_and_changes_nothing(project: Path) -> None:
    """The templates built the site; an edited article takes a branch of one that fails,
    in the edit's patch of the site."""
    line = with_template_change(
        project / "templates",
        "article.html",
        "{% block main %}",
        '{% block main %}{% if "مصحح" in a.title %}{{ t.corrected_note }}{% endif %}',
    )
    build(project, project / "site", None, search=False)
    before = snapshot(project / "site")
    article = project / "content" / DEMO_ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace('title: "', 'title: "مصحح: ', 1), "utf-8"
    )
    steps: list[str] = []
    with pytest.raises(BuildFailed) as failed:
        build(project, project / "site", None, search=False, progress=steps.append)
    assert "reading and parsing the changed articles" in steps  # an edit's patch
    assert [str(d) for d in failed.value.diagnostics] == [
        f"templates/article.html:{line}: error: template error: the template asks for "
        "t.corrected_note, which the UI strings (strings.toml) do not have; Jinja says: "
        f"{UI_STRINGS} has no attribute 'corrected_note'"
    ]
    assert snapshot(project / "site") == before


def test_a_ui_string_missing_in_one_language_is_named_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = project / "templates"
    with_template_change(templates, "strings.toml", '\nby = "By"\n', "\n")
    lines = (templates / "strings.toml").read_text(encoding="utf-8").split("\n")
    arabic = lines.index('by = "بقلم"') + 1
    code, err = built(project, capsys)
    assert code == 1
    assert err[0] == (
        f"templates/strings.toml:{arabic}: error: the UI string 'by' is in [ar] but not in "
        "[en]: add it there too (every page's words are in both languages)"
    )
