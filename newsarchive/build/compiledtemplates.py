"""Compiled templates kept between builds, by their source (I/O): Jinja's bytecode cache
in ROOT/.cache/templates/, or, for the tool's own templates, in templates/__pycache__/.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import jinja2

from ..pages.environment import COMPILED_CODE, PACKAGE_TEMPLATES, make_environment
from .cache import CACHE_DIR


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache (atomic writes; a damaged or stale file is compiled again) that a
    read-only or odd cache folder does not break: what it cannot read or store is compiled."""

    def __init__(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_source_checksum(self, source: str) -> str:
        # With the version of the code our generator writes: what an earlier one compiled
        # is compiled again, not run (it would still render right, only slower).
        return super().get_source_checksum(f"{COMPILED_CODE}\0{source}")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(root: Path, templates: Path) -> jinja2.BytecodeCache:
    """Templates compiled once and kept by their source: a build need not compile them again
    (a tenth of an edit's time at 20,000 articles, 60 ms of any cold build's).

    A project's own templates are kept in ROOT/.cache/templates/. The tool's own are kept
    beside them, in templates/__pycache__/ (compiled at setup, as its modules are: see
    compile_package_templates), for every project's first build, where the tool's folder
    can be written to.
    """
    shared = templates / "__pycache__"
    if templates == PACKAGE_TEMPLATES and _writable(shared):
        return _CompiledTemplates(shared)
    return _CompiledTemplates(root / CACHE_DIR / "templates")


def _writable(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        folder.mkdir(exist_ok=True)
        return os.access(folder, os.W_OK)
    return False


def compile_package_templates() -> int:
    """Compile the tool's own templates into their cache (make's setup); how many."""
    env = make_environment(PACKAGE_TEMPLATES, compiled_templates(Path.cwd(), PACKAGE_TEMPLATES))
    names = env.list_templates(extensions=["html"])
    for name in names:
        env.get_template(name)
    return len(names)
