"""Shared fixtures: a throwaway project folder with the demo content, and the repo's paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"
DEMO_ARTICLE = "ar/2020/11/coalition-us-forces-syria-iraq.md"


def seed_paragraphs() -> list[str]:
    """The seed's paragraphs as received, dateline included in the first."""
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo project's content/ in a temporary folder (templates come from the repo)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


def write(root: Path, rel: str, text: str) -> Path:
    """Create a file under root with text (parents made)."""
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
