"""What an article's own pages may read: the renderer of its article, English and search
record pages, and of the pages at its earlier addresses (pure).

An article page is rendered from its own article, gloss and the registry only. That is what
lets a full build keep an untouched article's pages as they are and an edit render just the
edited article's (docs/architecture.md, 'Articles kept'); and a full build's workers render
articles with no site at all. A page that showed whole-site data (another article, a count
over the archive) would be right in neither: empty in a full build, and a patched build's
page would differ from it. So the renderer these pages get has no site, and reading one
fails at once with the rule; whole-site data belongs on list and entity pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from ..core.model import OutputFile, SiteConfig
from ..entities.registry import Entity
from .environment import Strings
from .renderer import Renderer

RULE = (
    "an article page is rendered from its own article, gloss and the registry only, so that "
    "an edit re-renders just it (docs/architecture.md, 'Articles kept'); whole-site data "
    "belongs on list and entity pages"
)


class WholeSiteRead(Exception):
    """An article page asked for something of the whole site (RULE)."""


def refuse(what: str) -> NoReturn:
    """Fail with the rule, naming what was asked for."""
    raise WholeSiteRead(f"{what}: {RULE}")


def _no_story(story: str) -> NoReturn:
    """An article template's `story()`: another article's view is whole-site data."""
    refuse(f"story({story!r}) on an article page")


class ArticleInputs:
    """A renderer for an article's own pages: the configuration, the registry, the UI
    strings and the rendering itself; `site` and `by_story` fail (RULE), and so does a
    template's `story()`."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self.config: SiteConfig = renderer.site.config
        self.by_id: Mapping[str, Entity] = renderer.by_id
        self.strings: Strings = renderer.strings
        self.english_name = renderer.english_name
        self.place_path = renderer.place_path
        self.record = renderer.record
        self.redirect = renderer.redirect

    @property
    def site(self) -> NoReturn:
        """Refused (RULE)."""
        refuse("the site on an article page")

    @property
    def by_story(self) -> NoReturn:
        """Refused (RULE)."""
        refuse("by_story on an article page")

    def derived_page(
        self, template: str, lang: str, path: str, context: Callable[[], dict[str, Any]]
    ) -> OutputFile:
        """The renderer's page (rendered only if wanted), with a `story()` that fails."""
        return self._renderer.derived_page(
            template, lang, path, lambda: {**context(), "story": _no_story}
        )
