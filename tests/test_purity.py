"""Pure stages stay pure: they never import modules that touch processes, sockets or the disk."""

from __future__ import annotations

import ast

import pytest

from .conftest import REPO

PURE = [
    "arabic",
    "assemble",
    "diagnostics",
    "entities",
    "feeds",
    "frontmatter",
    "gloss",
    "glossedit",
    "markdown",
    "matcher",
    "metadata",
    "model",
    "render_en",
    "searchdoc",
    "selective",
    "sitemap",
    "snapshot",
    "suggest",
    "urls",
    "yamldoc",
]
FORBIDDEN = {
    "os",
    "subprocess",
    "socket",
    "shutil",
    "threading",
    "http",
    "watchdog",
    "pagefind",
    "tempfile",
    "multiprocessing",
}


def imported_modules(source: str) -> set[str]:
    """Top-level names of every module a source file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_io(module: str) -> None:
    source = (REPO / "newsarchive" / f"{module}.py").read_text(encoding="utf-8")
    assert not imported_modules(source) & FORBIDDEN


def test_the_check_would_catch_an_io_import() -> None:
    assert imported_modules("import os\nfrom subprocess import run\n") & FORBIDDEN == {
        "os",
        "subprocess",
    }
