"""What every command shares: exit codes and how input problems are printed."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..core.diagnostics import Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """Each problem as `path:line: error: message`, on stderr."""
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
