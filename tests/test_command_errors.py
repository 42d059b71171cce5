"""Every command exits 1 on input errors and on a folder that is not a project, and says what
to do instead: --root, the project's .venv, the option's command-line spelling."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import DEMO_ARTICLE, REPO, write


def _replace_line(text: str, number: int, line: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = line
    return "\n".join(lines)


def _broken_registry(project: Path) -> None:
    registry = project / "content" / "entities.yaml"
    registry.write_text(
        _replace_line(registry.read_text(encoding="utf-8"), 16, "   type: person"),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "command",
    [
        ["entities", "suggest"],
        ["status"],
        ["gloss"],
        ["build", "--no-search", "--quiet"],
    ],
)
def test_every_command_exits_1_on_a_broken_registry(
    project: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _broken_registry(project)
    assert main([*command, "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/entities.yaml:16: error: indentation does not match the lines above" in err


COMMANDS = [
    ["build", "--no-search"],
    ["status"],
    ["gloss"],
    ["entities", "suggest"],
    ["entities", "find", str(REPO / "seeds" / "000_3083be2c29831bde.txt")],
    ["import", str(REPO / "seeds" / "000_3083be2c29831bde.txt"), "--date", "2020-11"],
    ["move", "2020/11/coalition-us-forces-syria-iraq", "--date", "2020-12"],
    ["deploy", "remote:bucket"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_outside_a_project_every_command_fails_and_writes_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *command],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"no content/ folder in {elsewhere} (use --root)" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_from_inside_content_build_writes_nothing_there(project: Path) -> None:
    before = sorted(p.name for p in (project / "content").iterdir())
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--no-search"],
        cwd=project / "content",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"no content/ folder in {project / 'content'} (use --root)" in result.stderr
    assert sorted(p.name for p in (project / "content").iterdir()) == before


def test_root_finds_the_project_from_anywhere(project: Path, tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/.keep", "")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "status", "--root", str(project)],
        cwd=tmp_path / "elsewhere",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["3", "10", "0", "total"]


def test_a_python_without_the_dependencies_is_told_to_use_the_venv(tmp_path: Path) -> None:
    # -S: no site-packages, as a system Python without the project's packages
    result = subprocess.run(
        [sys.executable, "-S", str(REPO / "build.py"), "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "lacks the package" in result.stderr
    assert f"{REPO}/.venv/bin/python {REPO}/build.py build" in result.stderr
    assert list(tmp_path.iterdir()) == []


# pyproject.toml's dependencies (distribution names, normalised) and what each is imported as.
IMPORT_NAMES = {
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "markdown-it-py": "markdown_it",
    "mdit-py-plugins": "mdit_py_plugins",
    "linkify-it-py": "linkify_it",
    "pyyaml": "yaml",
    "pagefind": "pagefind",
    "watchdog": "watchdog",
    "pillow": "PIL",
}


def test_build_py_looks_for_every_dependency_that_pyproject_declares() -> None:
    """build.py looks for DEPENDENCIES before any command: one it lacks would end a Python
    without that package in a traceback instead of the hint above."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        re.sub(r"[-_.]+", "-", re.split(r"[^A-Za-z0-9._-]", dep, maxsplit=1)[0]).lower()
        for dep in project["dependencies"]
    }
    unknown = sorted(declared - IMPORT_NAMES.keys())
    assert not unknown, (
        f"add the import names of {unknown} to IMPORT_NAMES and build.py's DEPENDENCIES"
    )
    spec = importlib.util.spec_from_file_location("build_script", REPO / "build.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert set(script.DEPENDENCIES) == {IMPORT_NAMES[name] for name in declared}


def test_the_site_toml_spelling_of_an_option_gets_a_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["build", "--base_url", "https://example.org/"]) == 2
    assert "did you mean --base-url?" in capsys.readouterr().err
    assert main(["import", "--source_url", "https://example.org/"]) == 2  # any command's
    assert "did you mean --source-url?" in capsys.readouterr().err
    assert main(["build", "--no_such_option"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_make_serve_takes_a_port() -> None:
    result = subprocess.run(
        ["make", "-n", "-C", str(REPO), "serve", "PORT=8001"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "build.py serve --port 8001" in result.stdout


@pytest.mark.parametrize("command", [["entities", "suggest"], ["status"], ["gloss"]])
def test_every_command_exits_1_on_a_broken_article(
    project: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8")
    number = text.split("\n").index('date: "2020-11"') + 1
    article.write_text(text.replace('date: "2020-11"', 'date:"2020-11"', 1), encoding="utf-8")
    assert main([*command, "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"content/{DEMO_ARTICLE}:{number}: error: missing space after ':'" in err
