"""Bare web and mail addresses in a body -> where each link starts and ends (pure; linkify-it).

Editors paste copy holding addresses as plain text (`https://www.ina.iq/123456--.html`,
`www.alsumaria.tv/news/1`, `info@ina.iq`); markdown-it's linkify rule makes them links with
linkify-it, whose rules are written for Latin prose. Two things are changed for this archive:

- Arabic punctuation is not part of an address. linkify-it keeps a Unicode punctuation mark
  that is not ASCII inside a path, so `https://www.ina.iq/1،` linked `…/1%D8%8C`, a page that
  does not exist, and `«https://www.ina.iq/2»` took its closing guillemet. Such marks at an
  address's end are left to the sentence, as linkify-it leaves `.` `,` `)`.
- An address without a scheme is linked in Arabic text when it is a domain (`ina.iq`), but in
  English only when it opens with `www.`: Arabic letters are never a top-level domain, while
  an English sentence missing its space (`said.It`, `year.In`) reads to linkify-it as a
  domain of Italy or India.

Only `http(s)`, `www.` and mail addresses are found: `ftp:` and `//host` (protocol-relative)
addresses are left as text. An address written without a scheme is linked over `https://`.
"""

from __future__ import annotations

import re
from typing import Any

from linkify_it import LinkifyIt  # type: ignore[import-untyped]  # no type hints

from ..core.arabic import PROCLITICS

# Marks that close a sentence or a quotation, never an address: the Arabic comma, semicolon,
# question mark and full stop, closing guillemets and quotes, the ellipsis; and the Latin
# marks linkify-it leaves out at an address's end, which it keeps before one of those
# (`https://www.ina.iq/1.»`).
_CLOSING_MARKS = "\u060c\u061b\u061f\u06d4\u00bb\u203a\u201d\u2019\u2026.,;:!?"
# One or two of the letters Arabic writes onto the next word (arabic.PROCLITICS, و ف ب ل ك:
# and, so, with, for, as), opening a word and written straight onto Latin.
_PROCLITIC_BEFORE_LATIN = re.compile(f"(?<![^\\s(\\[«\"“‘'])[{PROCLITICS}]{{1,2}}(?=[A-Za-z])")


class ArchiveLinkify(LinkifyIt):  # type: ignore[misc]  # a class of no known type
    """linkify-it as markdown-it calls it (match for text, match_at_start for `scheme://` met
    while parsing), each match cut before the closing marks at its end."""

    def __init__(self, bare_domains: bool) -> None:
        super().__init__()
        self.add("ftp:", None).add("//", None)
        self.bare_domains = bare_domains

    def match(self, text: str) -> list[Any] | None:
        # A proclitic written onto an address (`وhttps://…`, `بina.iq`) is not part of it:
        # linkify-it took `وwww.ina.iq` whole and missed `وhttps://…`. Each such letter is
        # read as a space, which keeps every index of the text where it was.
        text = _PROCLITIC_BEFORE_LATIN.sub(lambda found: " " * len(found[0]), text)
        found = [_without_closing_marks(m) for m in super().match(text) or ()]
        kept = [m for m in found if m is not None and self._wanted(m)]
        return kept or None

    def match_at_start(self, text: str) -> Any:
        found = super().match_at_start(text)
        return None if found is None else _without_closing_marks(found)

    def normalize(self, match: Any) -> None:
        # An address written without its scheme (`www.alsumaria.tv/news/1`, `ina.iq`) is
        # linked over https, where linkify-it writes http: outlets serve their sites over
        # https, and an http link is one redirect slower, or refused by a browser set to
        # https only.
        if match.schema:
            super().normalize(match)
        else:
            match.url = "https://" + match.url

    def _wanted(self, match: Any) -> bool:
        if match.schema or self.bare_domains:
            return True
        return bool(match.raw[:4].lower() == "www.")


def _without_closing_marks(match: Any) -> Any:
    """The match cut before the closing marks it ends with (None if nothing is left); its url
    ends with its text (linkify-it's normaliser only prefixes a scheme). linkify-it makes a
    match afresh for each call, so it is cut in place."""
    cut = len(match.raw) - len(match.raw.rstrip(_CLOSING_MARKS))
    if cut == 0:
        return match
    if cut == len(match.raw):
        return None
    match.raw, match.text, match.url = match.raw[:-cut], match.text[:-cut], match.url[:-cut]
    match.last_index -= cut
    return match


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where the bare addresses of an Arabic text start and end, as a body's are linked
    (the importer leaves them unescaped: a backslash in one would be part of its text)."""
    return [(match.index, match.last_index) for match in _FINDER.match(text) or ()]


_FINDER = ArchiveLinkify(bare_domains=True)
