"""The registry's file, content/entities.yaml, read (I/O); parse_registry
(entities/registry.py) makes the Registry of its text."""

from __future__ import annotations

from pathlib import Path

from ..core.diagnostics import ContentError, Diagnostic
from ..entities.registry import NO_ENTITIES, Registry, parse_registry
from .frontmatter import bidi_embedding, decode_text

REGISTRY_FILE = "content/entities.yaml"


def read_registry(content_dir: Path) -> tuple[Registry, tuple[Diagnostic, ...]]:
    """The registry of content/entities.yaml (an absent one is empty), and its problems (I/O)."""
    file = content_dir / "entities.yaml"
    if not file.exists():
        return Registry(), (
            Diagnostic(REGISTRY_FILE, 1, NO_ENTITIES.format("no such file"), "warning"),
        )
    try:
        text = decode_text(file.read_bytes(), REGISTRY_FILE)
    except ContentError as exc:
        return Registry(), (exc.diagnostic,)
    except OSError as exc:
        return Registry(), (Diagnostic(REGISTRY_FILE, 1, f"cannot read: {exc.strerror}"),)
    spoofing = bidi_embedding(text, REGISTRY_FILE)  # in a name, shown on every page naming it
    if spoofing is not None:
        return Registry(), (spoofing,)
    return parse_registry(text, REGISTRY_FILE)
