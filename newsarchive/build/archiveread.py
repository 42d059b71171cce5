"""The whole archive read as a build reads it, without writing anything (I/O): every
published article's export record, for `export`. It needs no earlier build: the articles,
glosses and registry are parsed, matched and aligned as a full build does them, one at a
time (a record is a few hundred bytes; an article's full view, with its body, is not kept)."""

from __future__ import annotations

from pathlib import Path

from ..assembly.exportrecords import ExportRecord, export_order, export_record
from ..content.config import load_config
from ..content.glossfiles import read_glosses
from ..content.registryfile import read_registry
from ..content.textfiles import read_content
from ..core.diagnostics import Diagnostic
from .articleviews import each_article_view
from .media import linking, media_in


def archive_records(
    root: Path, base_url: str | None = None
) -> tuple[list[ExportRecord], list[Diagnostic]]:
    """Every article's record, oldest first, and every problem the build would find in its
    own files (BuildFailed: site.toml cannot be read); `base_url`: as the build's option."""
    config = load_config(root, base_url, search=False)
    content = root / "content"
    registry, found = read_registry(content)
    texts, read = read_content(content)
    glosses, glosses_read = read_glosses(content)
    problems = [*found, *read, *glosses_read]
    links = linking(content, config, media_in(content))  # as the build resolves them
    records = []
    for each, view in each_article_view(texts, glosses, registry, links):
        problems += each
        if view is not None:
            records.append(export_record(config, registry, view))
    return sorted(records, key=export_order), problems
