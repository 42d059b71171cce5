"""The house's plan holds: sub-packages by responsibility, imports pointing one way, no cycle,
no module over 400 lines, pure stages that touch no process, socket or disk."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "newsarchive"
# Each layer imports only from those before it (and itself); the command line from all.
LAYERS = ["core", "entities", "content", "assembly", "pages", "build", "serve", "publish", "cli"]
PURE_PACKAGES = ("core", "entities", "assembly", "pages")
# Elsewhere a module says it is pure in its docstring's first paragraph: `… (pure).`,
# `(pure; markdown-it-py)`, `(pure: bytes in, size out)`; a new one is checked as it is written.
PURE_MARKER = re.compile(r"\(pure\b")
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
    "concurrent",
}
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path, root: Path = REPO) -> str:
    """newsarchive.build.engine for newsarchive/build/engine.py (a package: its folder's)."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = REPO) -> set[str]:
    """The newsarchive modules (or packages) a module imports, anywhere in it, absolute."""
    package = _name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if module.split(".")[0] != "newsarchive":
                continue
            for alias in node.names:  # `from . import urls` names a module
                sub = f"{module}.{alias.name}"
                found.add(sub if _exists(sub, root) else module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "newsarchive"}
    return found


def _exists(module: str, root: Path = REPO) -> bool:
    path = root.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "cli"
    return LAYERS.index(part)


def top_level_names(source: str) -> set[str]:
    """Top-level names of every module a source file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_module_lives_in_a_layer_and_none_is_a_grab_bag() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py"]
    assert {p.parent.name for p in PACKAGE.glob("*/*.py")} == set(LAYERS)
    assert not [p for p in MODULES if p.stem in ("utils", "helpers", "misc", "common")]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_module_is_under_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def upward_imports(path: Path, root: Path = REPO) -> list[str]:
    """The modules of a later layer than its own that a module imports."""
    top = root / "newsarchive"
    own = _layer(_name(path, root)) if path.parent != top else LAYERS.index("cli")
    return sorted(m for m in imports_of(path, root) if m != "newsarchive" and _layer(m) > own)


def import_cycle(modules: list[Path], root: Path = REPO) -> list[str]:
    """The first import cycle among these modules (its modules, the first again at the end);
    [] when there is none."""
    graph = {_name(p, root): {m for m in imports_of(p, root) if _exists(m, root)} for p in modules}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_imports_point_one_way(path: Path) -> None:
    """A module imports only from its own layer and those before it."""
    upward = upward_imports(path)
    assert not upward, f"{_name(path)} imports a later layer: {upward}"


def test_no_import_cycles() -> None:
    cycle = import_cycle(MODULES)
    assert not cycle, " -> ".join(cycle)


def says_pure(source: str) -> bool:
    """Whether a module's docstring says, in its first paragraph, that the module is pure."""
    docstring = ast.get_docstring(ast.parse(source)) or ""
    return PURE_MARKER.search(docstring.split("\n\n", 1)[0]) is not None


PURE = [
    p for p in MODULES if p.parent.name in PURE_PACKAGES or says_pure(p.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("path", PURE, ids=lambda p: _name(p))
def test_pure_module_imports_no_io(path: Path) -> None:
    assert not top_level_names(path.read_text(encoding="utf-8")) & FORBIDDEN


def test_the_checks_would_catch_an_io_import_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    """The checks above, run on a made-up package with each fault: they find it."""
    assert says_pure('"""Dates as editors write them (pure)."""\n')
    assert says_pure('"""Addresses (pure; linkify-it).\n\nMore."""\n')
    assert not says_pure('"""Fingerprints pure; the scan is I/O.\n\nNot (pure) here."""\n')
    assert not says_pure("import os\n")
    assert top_level_names("import os\nfrom subprocess import run\n") & FORBIDDEN == {
        "os",
        "subprocess",
    }
    files = {
        "core/model.py": "from ..serve import loop\n",  # upward: core imports serve
        "serve/loop.py": "from ..core import model\nfrom . import server\n",  # downward
        "serve/server.py": "from .loop import run\n",  # a cycle with loop
        "core/urls.py": "import os\n",
    }
    for name, text in files.items():
        (tmp_path / "newsarchive" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "newsarchive" / name).write_text(text, encoding="utf-8")
    fake = {name: tmp_path / "newsarchive" / name for name in files}
    assert upward_imports(fake["core/model.py"], tmp_path) == ["newsarchive.serve.loop"]
    assert upward_imports(fake["serve/loop.py"], tmp_path) == []
    assert import_cycle(list(fake.values()), tmp_path) in (
        ["newsarchive.core.model", "newsarchive.serve.loop", "newsarchive.core.model"],
        ["newsarchive.serve.loop", "newsarchive.serve.server", "newsarchive.serve.loop"],
    )
    assert import_cycle([fake["core/urls.py"], fake["serve/server.py"]], tmp_path) == []
