"""A photo with its caption -> a <figure> as news pages show one: the photo, and under it
what it shows and, in small type, the credit its file gives (pure).

An editor captions a photo with the title of its Markdown image, alone in its paragraph:
`![what it shows](../../../media/2020/flood.jpg "Flooded street in Basra, 3 March")`. The
title was a tooltip, which touch screens never show, and plain Markdown has no other way
to say "this text belongs to this photo" that every preview (GitHub's, an editor's) keeps
beside it. The caption is the paragraph's text: the translator translates it in the
paragraph's gloss block, search finds it and names in it are linked as in any paragraph.
An image inside a sentence keeps its title and is no figure. A recording shown with the
image's syntax is captioned the same way (mediaclips.py).

The credit (the photographer, else the copyright notice, content/photocredit.py) is written
in a <small> of its own, isolated (<bdi>: a Latin name in an Arabic caption keeps its
order); a photo whose file names nobody gets no such element.
"""

from __future__ import annotations

import re

from .mentionmarks import escape_html
from .photocredit import Credit

_CAPTION = re.compile(r"<figcaption>(.*?)(<small>|</figcaption>)", re.DOTALL)
_PARAGRAPH = re.compile(r"\s*<p>(.*)</p>\s*", re.DOTALL)


def figure_html(image: str, caption: str, credit: Credit) -> str:
    """A figure of the image's HTML (in its link, if any) and the caption's HTML, with the
    credit under the caption when the photo's file gives one."""
    who = credit[0] or credit[1]
    small = f"<small><bdi>{escape_html(who)}</bdi></small>" if who else ""
    return f"<figure>{image}<figcaption>{caption}{small}</figcaption></figure>\n"


def is_figure(html: str) -> bool:
    """Whether a block's HTML is a captioned photo (figure_html's)."""
    return html.startswith("<figure>")


def translated_figure(figure: str, english: str) -> str | None:
    """The Arabic block's figure with its caption replaced by the English block's text (a
    paragraph: the translator wrote the caption alone), the photo's description marked as
    Arabic; None when the English is no single paragraph (then it is shown as written:
    the translator wrote the image again, or something else). A recording's player is
    named by its Arabic description too, marked so."""
    paragraph = _PARAGRAPH.fullmatch(english)
    if paragraph is None or "<p>" in paragraph.group(1) or _SHOWN.search(english):
        return None
    caption = paragraph.group(1)
    with_english = _CAPTION.sub(
        lambda found: f"<figcaption>{caption}{found.group(2)}", figure, count=1
    )
    return _SHOWN.sub(lambda shown: f'{shown.group(0)} lang="ar"', with_english, count=1)


# What a figure shows: a photo, or a recording's player (mediaclips.py).
_SHOWN = re.compile(r"<(?:img|audio|video)(?= )")
