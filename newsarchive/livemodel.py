"""The dev server's incremental assemble: assemble()'s Site, updated for the articles that changed.

Article views are reused while their article, blocks and gloss are the same objects; entity
backlinks and co-mention counts are kept per entity and patched with the changed articles'
contributions only (pure). A fresh SiteMemo computes everything, like assemble().
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .assemble import (
    ArticleView,
    Backlink,
    EntityView,
    Site,
    _archives,
    _gloss_of,
    count_entities,
    first_sentence,
    newest_first,
    top_companions,
)
from .entities import Entity, Registry
from .gloss import Gloss
from .markdown import Block
from .model import Article, SiteConfig

Links = tuple[tuple[str, Backlink], ...]  # (entity id, backlink) in order of first mention


def view_links(view: ArticleView) -> Links:
    """What one article adds to entity pages: a backlink for every entity it mentions."""
    story = view.article.story
    return tuple(
        (c.entity_id, Backlink(story, first_sentence(view, c.entity_id)))
        for c in view.entity_counts
    )


class SiteMemo:
    """Views, per-article links and per-entity totals of the last assembled site."""

    def __init__(self) -> None:
        self.views: dict[str, ArticleView] = {}
        self.links: dict[str, Links] = {}
        self.link_of: dict[str, dict[str, Backlink]] = {}  # story -> entity id -> its backlink
        self.members: dict[str, set[str]] = {}  # entity id -> stories that mention it
        self.together: dict[str, Counter[str]] = {}  # entity id -> co-mentioned id counts
        self.entity_views: dict[str, EntityView] = {}

    def assemble(
        self,
        config: SiteConfig,
        registry: Registry,
        bodies: Sequence[tuple[Article, tuple[Block, ...]]],
        glosses: Mapping[str, Gloss],
    ) -> Site:
        """assemble(config, registry, bodies, glosses), reusing what did not change."""
        views = [self._view(a, blocks, glosses) for a, blocks in bodies]
        views.sort(key=lambda v: newest_first(v.article), reverse=True)
        current = {v.article.story: v for v in views}
        affected = self._update_links(current)
        entities = self._entity_views(registry, views, affected)
        self.views = current
        return Site(config, registry, tuple(views), entities, _archives(views))

    def _view(
        self, article: Article, blocks: tuple[Block, ...], glosses: Mapping[str, Gloss]
    ) -> ArticleView:
        gloss = _gloss_of(article, blocks, glosses)
        old = self.views.get(article.story)
        if (
            old is not None
            and old.blocks is blocks
            and old.gloss == gloss
            and old.article == article
        ):
            return old  # the same article object compares field by field by identity: cheap
        return ArticleView(article, blocks, count_entities(blocks), gloss)

    def _update_links(self, current: Mapping[str, ArticleView]) -> set[str]:
        """Patch members and co-mention counts for changed stories; the entity ids touched."""
        affected: set[str] = set()
        changed = [s for s, v in current.items() if self.views.get(s) is not v]
        gone = [s for s in self.views if s not in current]
        for story in (*changed, *gone):
            old = self.links.pop(story, ())
            self.link_of.pop(story, None)
            self._count(story, old, -1)
            affected.update(i for i, _ in old)
        for story in changed:
            new = view_links(current[story])
            self.links[story] = new
            self.link_of[story] = dict(new)  # one link per entity (entity_counts are unique)
            self._count(story, new, 1)
            affected.update(i for i, _ in new)
        return affected

    def _count(self, story: str, links: Links, sign: int) -> None:
        ids = [i for i, _ in links]
        for entity_id in ids:
            members = self.members.setdefault(entity_id, set())
            together = self.together.setdefault(entity_id, Counter())
            if sign > 0:
                members.add(story)
            else:
                members.discard(story)
            for other in ids:
                if other != entity_id:
                    together[other] += sign
                    if not together[other]:
                        del together[other]

    def _entity_views(
        self, registry: Registry, views: Sequence[ArticleView], affected: set[str]
    ) -> tuple[EntityView, ...]:
        by_id = registry.by_id()
        position: dict[str, int] | None = None
        result = []
        for entity_id in sorted(by_id):  # every registry entity gets a page, mentioned or not
            entity = by_id[entity_id]
            old = self.entity_views.get(entity_id)
            if old is not None and entity_id not in affected:
                if old.entity is not entity and old.entity != entity:
                    old = EntityView(entity, old.backlinks, old.co_mentions)
                result.append(old)
                continue
            if position is None:
                position = {v.article.story: n for n, v in enumerate(views)}
            result.append(self._entity_view(entity, position))
        self.entity_views = {v.entity.id: v for v in result}
        return tuple(result)

    def _entity_view(self, entity: Entity, position: Mapping[str, int]) -> EntityView:
        """One entity's backlinks (in site order) and most frequent companions."""
        stories = sorted(self.members.get(entity.id, ()), key=position.__getitem__)
        backlinks = tuple(self.link_of[s][entity.id] for s in stories)
        return EntityView(entity, backlinks, top_companions(self.together.get(entity.id, {})))
