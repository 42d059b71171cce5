"""An article's recordings -> its feed entry's enclosures, which podcast apps play (pure).

A feed reader shows the entry's `<audio>` or `<video>` player, where it keeps one (many strip
them); a podcast app plays only what an entry encloses: `<link rel="enclosure"
type="audio/mpeg" length="…" href="…"/>`, the file's absolute address, its media type and
its size in bytes (the app shows it before downloading). The language feeds' entries enclose
their articles' recordings; the entity and translated feeds, summaries that lead to the page,
do not: an entity's feed names the same article as four others on average, and an enclosure
is 150 bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..content.links import LinkNote
from ..content.mediaclips import clip_type
from ..core import urls
from ..core.model import SiteConfig
from .atom import Enclosure


def enclosures(config: SiteConfig, notes: Iterable[LinkNote], lang: str) -> tuple[Enclosure, ...]:
    """The recordings played by an article's page in `lang`, each once, in the order of its
    links (`notes`, the article's and its gloss's): the Arabic page plays the article's, the
    English page those and any its gloss shows of its own."""
    own = "content/ar/"
    found: dict[str, Enclosure] = {}
    for note in notes:
        kind = clip_type(note.file)
        played = kind and note.size  # a plain link to a recording is no player
        if not played or note.file in found or (lang == "ar" and not note.path.startswith(own)):
            continue
        found[note.file] = Enclosure(urls.absolute(config, note.file), kind, note.size)
    return tuple(found.values())
