"""The documents a newcomer reads first stay true to the code: the README's command table
names every command and option there is and no other, architecture.md's module map names
every module and only modules that exist, every link between the documents leads to a
file and heading that exist, and the README stays within its budget."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import REPO

DOCS = sorted(
    [
        *(REPO / name for name in ("README.md", "CONTRIBUTING.md", "SECURITY.md")),
        *(REPO / "docs").glob("*.md"),
        REPO / "docs" / "screenshots" / "README.md",
    ]
)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*argv, "--help"]) == 0
    return capsys.readouterr().out


def _options(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text)) - {"--help"}


def _commands(capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, ...], set[str]]:
    """Every command (`entities suggest` as two words) with the options it takes, as its
    --help lists them."""

    def listed(argv: list[str]) -> list[str]:
        text = _help(argv, capsys).split("positional arguments:")[1].split("options:")[0]
        return re.findall(r"^    ([a-z]+)\s", text, re.MULTILINE)

    found: dict[tuple[str, ...], set[str]] = {}
    for command in listed([]):
        for action in listed([command]) if command == "entities" else [""]:
            words = (command, action) if action else (command,)
            found[words] = _options(_help(list(words), capsys))
    return found


def _readme_table() -> dict[tuple[str, ...], set[str]]:
    """The README's command table: each command's words and the options its rows show."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands")[1].split("\n## ")[0]
    rows: dict[tuple[str, ...], set[str]] = {}
    for line in table.splitlines():
        if not line.startswith("| `"):
            continue
        synopsis = re.match(r"\| `(.*?)` \|", line.replace("\\|", "/"))
        assert synopsis, line
        words = tuple(synopsis[1].split()[:2])  # `entities find`; `build [--root DIR]`
        words = words if words[0] == "entities" else words[:1]
        rows.setdefault(words, set()).update(_options(synopsis[1]))
    return rows


def test_readme_command_table_shows_every_command_and_option_there_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A command or option added, renamed or removed shows in the README's table too."""
    assert _readme_table() == _commands(capsys)


def _module_map() -> set[str]:
    """The modules docs/architecture.md's module map names, as paths under newsarchive/
    (a bare name after `pages/articles.py` is another module of pages/)."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Module map")[1].split("\n## ")[0]
    named: set[str] = set()
    for line in table.splitlines():
        if not line.startswith("| `"):
            continue
        package = ""
        for name in re.findall(r"`([^`]+)`", line.split("|")[1]):
            package, _, module = name.rpartition("/") if "/" in name else (package, "", name)
            named.add(f"{package}/{module}")
    return named


def _docstring_only(path: Path) -> bool:
    """A package's __init__.py that only describes the package (the layout above does)."""
    if path.name != "__init__.py":
        return False
    return all(isinstance(node, ast.Expr) for node in ast.parse(path.read_text("utf-8")).body)


def test_architecture_module_map_names_every_module_and_only_modules_that_exist() -> None:
    package = REPO / "newsarchive"
    modules = {
        path.relative_to(package).as_posix()
        for path in package.glob("*/*")
        if path.suffix in (".py", ".js") and not _docstring_only(path)
    }
    named = _module_map()
    assert not named - modules, "named in architecture.md but missing"
    assert not modules - named, "missing from architecture.md's module map"


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _headings(path: Path) -> list[str]:
    """A document's headings (not the `#` lines of its code blocks)."""
    return re.findall(r"^#+\s+(.*)$", FENCE.sub("", path.read_text("utf-8")), re.MULTILINE)


def _links(path: Path) -> list[str]:
    """A document's link targets, not counting code, where a link is no link."""
    return LINK.findall(INLINE_CODE.sub("", FENCE.sub("", path.read_text("utf-8"))))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_links_between_documents_lead_to_a_file_and_heading(doc: Path) -> None:
    broken = []
    for target in _links(doc):
        if re.match(r"[a-z]+:", target):
            continue  # an address, not a file of the repository
        path, _, anchor = target.partition("#")
        linked = (doc.parent / path).resolve() if path else doc
        if not linked.exists() or (
            anchor
            and linked.suffix == ".md"
            and anchor not in {_anchor(heading) for heading in _headings(linked)}
        ):
            broken.append(target)
    assert not broken


def test_readme_stays_a_ten_minute_introduction() -> None:
    """CONTRIBUTING.md's budget: under 12 KB, details in docs/."""
    size = len((REPO / "README.md").read_bytes())
    assert size < 12_000, f"README.md is {size:,} bytes: move details to docs/"
