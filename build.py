"""Entry point: python build.py <command> (see --help)."""

from __future__ import annotations

import importlib.util
import os
import shlex
import sys
from pathlib import Path


def _no_dependencies(missing: str) -> int:
    """Run by a Python without the project's packages (system python3, say): say which
    Python to use instead of a traceback."""
    here = Path(__file__).resolve().parent
    inside = here == Path.cwd().resolve()
    venv_python = Path(".venv/bin/python") if inside else here / ".venv" / "bin" / "python"
    shown = "build.py" if inside else shlex.quote(str(here / "build.py"))
    args = shlex.join(sys.argv[1:]) or "…"
    print(
        f"build.py: this Python ({sys.executable}) lacks the package '{missing}'.", file=sys.stderr
    )
    if (here / ".venv" / "bin" / "python").exists():
        print(f"Use the project's .venv:\n  {venv_python} {shown} {args}", file=sys.stderr)
    else:
        print(
            f"Set up the project's .venv first (in {here}: `make site`), then run\n"
            f"  {venv_python} {shown} {args}",
            file=sys.stderr,
        )
    return 1


# The import names of pyproject.toml's dependencies: the commands import them only when they
# need them, so they are looked for (not imported) before any command starts.
# tests/test_command_errors.py fails when pyproject declares one this lacks.
DEPENDENCIES = (
    "jinja2",
    "markupsafe",
    "markdown_it",
    "mdit_py_plugins",
    "linkify_it",
    "yaml",
    "pagefind",
    "watchdog",
    "PIL",
)

if __name__ == "__main__":
    missing = next((name for name in DEPENDENCIES if importlib.util.find_spec(name) is None), None)
    if missing is not None:
        sys.exit(_no_dependencies(missing))
    from newsarchive.cli import main

    try:
        code = main(sys.argv[1:])
        # os._exit below skips freeing every object one by one (newsarchive/build/collector.py
        # says why): the output is written and closed.
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `build.py … | head`: the reader left; the work itself is done
        code = 0
    os._exit(code)
