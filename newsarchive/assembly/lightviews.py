"""Light views: what the pages that list articles get of each (pure).

A full build holds every article's view while it renders the lists, entity pages, status
pages and feeds, and the snapshot stores them for the next build: 100,000 of them. So each
is kept without what only the article's own pages show (light_view makes it): its body, its
blocks, and the text, HTML, links and (but for an outdated one) fingerprint of each English
paragraph; equal values (dates, sources, bare paragraphs) are one object (Sharing). A light
view is of the types a full one is, so that those pages read either; what it does not keep
is absent, and reading it raises LightViewRead saying so rather than giving "" (a list
template showing a paragraph's English would otherwise show nothing in a full build, and an
edited article's English in an edit, whose site holds the edited articles' full views).
Equality, hashing and repr read only what is kept.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NoReturn, TypeVar, cast

from ..content.alignedgloss import GlossParagraph, State
from ..core.model import Article
from .views import ArticleView

T = TypeVar("T")
KEPT = (
    "lists, entity pages, status pages and feeds get light views of the articles, which keep "
    "their excerpt, first-mention sentences and each English paragraph's state, not their "
    "text; show what is kept, or keep what the page needs in light_view "
    "(assembly/lightviews.py), counting its memory at 100,000 articles"
)


class LightViewRead(Exception):
    """A page read what a light view does not keep (KEPT)."""


class _NotKept:
    """A field a light value does not keep: reading it raises LightViewRead. Not a data
    descriptor: where the instance has the value (an outdated paragraph's fingerprint), its
    own value is read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = f"{owner.__name__}.{name}"

    def __get__(self, instance: object, owner: type | None = None) -> NoReturn:
        raise LightViewRead(f"{self.name} is not kept: {KEPT}")


class _Absent:
    def __repr__(self) -> str:
        return "<not kept>"


_ABSENT = _Absent()  # what a light value's equality and repr see of a value it lacks


class _Light:
    """A light dataclass value: its fields but `_not_kept`, which raise; equality, hash and
    repr over what it keeps, as its dataclass compares and hashes them (the dataclass's
    own would read every field)."""

    _not_kept: tuple[str, ...] = ()
    _copied: tuple[str, ...] = ()  # the fields a light value is made with
    _compared: tuple[str, ...] = ()
    _hashed: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]  # a light dataclass
        kept = [f for f in fields if f.name not in cls._not_kept]
        cls._copied = tuple(f.name for f in kept)
        cls._compared = tuple(f.name for f in kept if f.compare)
        cls._hashed = tuple(f.name for f in kept if (f.compare if f.hash is None else f.hash))
        for name in cls._not_kept:
            not_kept = _NotKept()
            not_kept.__set_name__(cls, name)
            setattr(cls, name, not_kept)

    def _kept(self, names: tuple[str, ...] | None = None) -> tuple[Any, ...]:
        # Not through vars(): asking an instance for its __dict__ makes it one, where its
        # values were inline (measured at 3,000 articles: 1,754 bytes a light view, 2,272 with
        # a __dict__ each).
        return tuple(self._value(name) for name in names or self._compared)

    def _value(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except LightViewRead:  # an absent fingerprint
            return _ABSENT

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._kept() == other._kept()

    def __hash__(self) -> int:
        return hash(self._kept(self._hashed))

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._kept()!r}"


def _made(cls: type[_Light], value: object, **kept: Any) -> Any:
    """An instance of a light class holding the fields it keeps of `value`, but those in
    `kept` (its dataclass __init__ would set every field)."""
    light = object.__new__(cls)
    for name in cls._copied:
        # Set one by one, as a dataclass's __init__ does (not by updating its __dict__): the
        # instance keeps its values inline (see _kept).
        object.__setattr__(light, name, kept[name] if name in kept else getattr(value, name))
    return light


class LightParagraph(_Light, GlossParagraph):
    """An English paragraph as lists and status pages read it: its index, state and block,
    and an outdated one's fingerprint (the status page names it)."""

    _not_kept = ("text", "html", "links")
    fingerprint = _NotKept()  # but an outdated paragraph's, which it holds


def light_paragraph(index: int, state: State, block_id: str | None, print_: str) -> GlossParagraph:
    """A light paragraph; `print_` is kept for an outdated one only."""
    light = object.__new__(LightParagraph)
    object.__setattr__(light, "index", index)  # one by one: see _made
    object.__setattr__(light, "state", state)
    object.__setattr__(light, "block_id", block_id)
    if state == "stale":
        object.__setattr__(light, "fingerprint", print_)
    return light


class LightArticle(_Light, Article):
    """An article without its body."""

    _not_kept = ("body",)


class LightArticleView(_Light, ArticleView):
    """An article's view without its blocks, its article's body and its English text."""

    _not_kept = ("blocks", "footnotes")


def light_article(article: Article, **kept: Any) -> Article:
    """A light article of `article`, with the values in `kept` in place of its own; its body
    left out."""
    light: Article = _made(LightArticle, article, **kept)
    return light


def light_article_view(view: ArticleView, **kept: Any) -> ArticleView:
    """A light view of `view`, with the values in `kept` (a light article, a gloss of light
    paragraphs …) in place of its own; its blocks and its article's body left out."""
    article = kept.get("article", view.article)
    if not isinstance(article, LightArticle):
        kept["article"] = light_article(article)
    light: ArticleView = _made(LightArticleView, view, **kept)
    return light


class Sharing:
    """One object for equal values across the light views made with it: dates, sources,
    entity counts and bare paragraphs repeat across an archive, and as one object each the
    light views a full build holds (20,000 at once) take less memory. Owned by whoever makes
    the views (a worker's state, the kept articles of one build), never module state that
    forked workers would change."""

    def __init__(self) -> None:
        # By type and fields: a tuple of plain values hashes and compares in C, a frozen
        # dataclass by Python calls (at 1,000 articles looking them up by the values
        # themselves took a third of light_view's own time).
        self._first: dict[tuple[object, ...], object] = {}

    def shared(self, value: T) -> T:
        """The first value seen equal to this one (a frozen dataclass's fields are its
        instance dict)."""
        if value is None:
            return value
        key = (type(value), *vars(value).values())
        found = self._first.get(key)
        if found is None:
            found = self._first[key] = value
        return cast(T, found)

    def bare(self, index: int, state: State, block_id: str | None, print_: str) -> GlossParagraph:
        """A paragraph as lists and the status pages read it (light_paragraph):
        its state, and for a stale one what the status page names (the others are shared)."""
        if state == "stale":
            return light_paragraph(index, state, block_id, print_)
        # Looked up by the key `shared` gives it (fields in order): made only when first seen.
        found = self._first.get((LightParagraph, index, state, block_id))
        if found is None:
            found = self.shared(light_paragraph(index, state, block_id, ""))
        return cast(GlossParagraph, found)


def light_view(view: ArticleView, sharing: Sharing | None = None) -> ArticleView:
    """The view without what only the article's own pages show (body, blocks, English text,
    fingerprints of paragraphs that are not stale), which it does not have: reading them
    raises (LightViewRead). It keeps what lists and entity pages read of the
    blocks, the excerpt and the first-mention sentences. Equal values are one object across
    the views made with the same `sharing`."""
    sharing = sharing or Sharing()
    gloss = view.gloss
    if gloss is not None:
        bare = tuple(
            sharing.bare(p.index, p.state, p.block_id, _print(p)) for p in gloss.paragraphs
        )
        notes = tuple(sharing.bare(p.index, p.state, p.block_id, _print(p)) for p in gloss.notes)
        gloss = dataclasses.replace(
            gloss, paragraphs=bare, notes=notes, translated=sharing.shared(gloss.translated)
        )
    article = light_article(
        view.article,
        date=sharing.shared(view.article.date),
        source=sharing.shared(view.article.source),
    )
    counts = tuple(sharing.shared(c) for c in view.entity_counts)
    # Entities first named in the same sentence share it: one string stored, not one each.
    sentences: dict[str, str] = {}
    first, first_en = (
        {entity_id: sentences.setdefault(sentence, sentence) for entity_id, sentence in each}
        for each in (view.first_sentences.items(), view.first_sentences_en.items())
    )
    return light_article_view(
        view,
        article=article,
        entity_counts=counts,
        gloss=gloss,
        first_sentences=first,
        first_sentences_en=first_en,
    )


def _print(paragraph: GlossParagraph) -> str:
    """A paragraph's fingerprint where a light view keeps it (an outdated one's)."""
    return paragraph.fingerprint if paragraph.state == "stale" else ""
