"""One run of the Pagefind binary into a bundle folder, replaced atomically (I/O).

Every bundle of the search index (a part, or a language's word map) is made the same way:
Pagefind writes into a temporary folder beside the bundle, which is swapped in only when the
run succeeded, so a failed run leaves the previous bundle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .output import swap_in  # the same atomic exchange as the whole site's

ARGS = [sys.executable, "-m", "pagefind"]
TIMEOUT_SECONDS = 600
# Not published: Pagefind's own search interfaces, which the search page does not use, and
# the WebAssembly for pages without a language (every page has <html lang="ar|en">).
UNUSED = (
    "wasm.unknown.pagefind",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def run_into(
    target: Path,
    site: Path,
    glob: str | None = None,
    complete: Callable[[Path], None] | None = None,
) -> str | None:
    """Index the pages of `site` (those matching glob, if given) into the bundle folder
    `target`, replacing it when the run succeeds; what went wrong, None if nothing did.
    complete: adds to the new bundle before it is swapped in."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-tmp-", dir=target.parent))
    command = [*ARGS, "--site", str(site), "--output-path", str(tmp), "--silent"]
    try:
        done = subprocess.run(
            [*command, *(["--glob", glob] if glob else [])],
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        return f"could not run Pagefind: {exc}"
    if done.returncode != 0 or not (tmp / "pagefind-entry.json").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        output = (done.stderr + done.stdout).strip()
        detail = output.splitlines()[0] if output else f"exit status {done.returncode}"
        return f"Pagefind failed, the search index was not replaced: {detail}"
    for name in UNUSED:
        (tmp / name).unlink(missing_ok=True)
    if complete is not None:
        complete(tmp)
    tmp.chmod(0o755)  # mkdtemp makes it private; the bundle is published
    swap_in(tmp, target)
    return None
