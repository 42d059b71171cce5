"""A withdrawn article's pages, in both languages (pure): its headline, its date and the
editors' notice (content/withdrawn.py) at the article's own addresses, in place of its text.

They read the article and its gloss's English title only: not the registry, whose edits
therefore never make them again (an edit of the article itself builds in full, see
pages/kinds.py). Both languages always have one, so that a link to either page still
leads to the notice; both are noindex and listed nowhere (build/pageset.py)."""

from __future__ import annotations

from ..assembly.views import ArticleView, gloss_of
from ..core import urls
from ..core.model import OutputFile
from .articleinputs import ArticleInputs


def render_withdrawn(r: ArticleInputs, view: ArticleView, lang: str) -> OutputFile:
    """The page of a withdrawn article in `lang` (withdrawn.html)."""
    story, withdrawn = view.article.story, view.article.withdrawn
    assert withdrawn is not None
    other = "en" if lang == "ar" else "ar"
    said = f"{r.strings[lang]['withdrawn_on']} {withdrawn.date.display(lang)}."
    context = {
        "view": view,
        "title_en": gloss_of(view).title,
        "description": f"{said} {withdrawn.note}",
        "alternates": (),  # a noindex page names no twin for search engines
        "switch_path": urls.article(other, story),
    }
    return r.derived_page("withdrawn.html", lang, urls.article(lang, story), lambda: context)
