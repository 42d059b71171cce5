"""The pages at an article's earlier addresses (front matter 'moved_from', which `move`
fills), each leading to the article's page in its language (pure).

They are the article's own pages, made and kept with its article and English pages
(articles.py, build/articles.py), never listed: no list, feed, sitemap or search index
names an address that only leads elsewhere."""

from __future__ import annotations

from ..assembly.views import ArticleView, article_langs, gloss_of
from ..content.bidi import english_title_plain
from ..core import urls
from ..core.model import OutputFile
from .articleinputs import ArticleInputs


def redirect_paths(view: ArticleView, langs: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The site paths of the article's earlier addresses, in each language it has a page in
    (or only in `langs`)."""
    shown = article_langs(view) if langs is None else langs
    return tuple(
        urls.article(lang, earlier.story) for lang in shown for earlier in view.article.moved_from
    )


def render_redirects(r: ArticleInputs, view: ArticleView, lang: str) -> list[OutputFile]:
    """The pages at the article's earlier addresses in one language (one it has a page in)."""
    title = view.article.title
    if lang == "en":  # named as the English page's <title> names it, its fallback included
        title = english_title_plain(gloss_of(view).title, title, r.strings["en"]["title_pending"])
    target = urls.article(lang, view.article.story)
    return [r.redirect(lang, path, target, title) for path in redirect_paths(view, (lang,))]
