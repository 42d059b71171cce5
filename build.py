"""Entry point: python build.py <command> (see --help)."""

from __future__ import annotations

import sys

from newsarchive.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
