"""The whole-site model of a project, made in memory with the build's own stages (for tests
that look at the model rather than at the written site)."""

from __future__ import annotations

from pathlib import Path

from newsarchive.assembly.site import Site, assemble_views
from newsarchive.build.articleviews import article_views
from newsarchive.content.config import load_config
from newsarchive.content.glossfiles import read_glosses
from newsarchive.content.registryfile import read_registry
from newsarchive.content.textfiles import read_content
from newsarchive.core.diagnostics import BuildFailed, errors_only
from newsarchive.pages.environment import PACKAGE_TEMPLATES, Strings, parse_strings

# The UI strings the tool ships, which a build of a project without templates/ uses.
PACKAGE_STRINGS: Strings = parse_strings(
    (PACKAGE_TEMPLATES / "strings.toml").read_text(encoding="utf-8"), "strings.toml"
)


def assembled_site(root: Path, base_url: str | None = None, search: bool = True) -> Site:
    """The Site a build of root assembles; BuildFailed with every error, as the build's."""
    config = load_config(root, base_url, search)
    registry, registry_problems = read_registry(root / "content")
    texts, read_problems = read_content(root / "content")
    glosses, gloss_problems = read_glosses(root / "content")
    views, problems = article_views(texts, glosses, registry, config)
    errors = errors_only([*registry_problems, *read_problems, *gloss_problems, *problems])
    if errors:
        raise BuildFailed(errors)
    return assemble_views(config, registry, list(views.values()))
