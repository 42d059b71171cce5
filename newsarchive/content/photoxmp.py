"""A photo's XMP packet -> who took it, the credit line and the copyright notice, as the
packet says them (pure: bytes in, texts out; content/photocredit.py decides which wins).

XMP is RDF in XML, written by photo editors and agencies (and mirrored from IPTC): the
photographers are dc:creator (a list, rdf:Seq), the notice dc:rights (one text per language,
rdf:Alt: the default one, else the first), the credit line photoshop:Credit (an element or an
attribute of its rdf:Description). A packet with a DOCTYPE is refused unread (XMP has none:
it could only be there to expand entities), so the standard library's parser, which fetches
nothing, reads it safely without defusedxml.
"""

from __future__ import annotations

from typing import NamedTuple
from xml.etree import ElementTree

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CREDIT = "{http://ns.adobe.com/photoshop/1.0/}Credit"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class XmpCredit(NamedTuple):
    """What a packet says ("" for what it does not): photographers joined by "; "."""

    creator: str = ""
    line: str = ""
    notice: str = ""


def xmp_credit(packet: bytes) -> XmpCredit:
    """The credit an XMP packet gives (nothing for a damaged one, or one with a DOCTYPE)."""
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return XmpCredit()
    try:
        root = ElementTree.fromstring(packet.strip(b"\0 \t\r\n"))
    except ElementTree.ParseError:
        return XmpCredit()
    creators = [
        item.text or "" for found in root.iter(f"{_DC}creator") for item in found.iter(f"{_RDF}li")
    ]
    return XmpCredit(
        "; ".join(name.strip() for name in creators if name.strip()),
        _credit_line(root),
        next((_default(found) for found in root.iter(f"{_DC}rights")), ""),
    )


def _credit_line(root: ElementTree.Element) -> str:
    for element in root.iter():
        if element.tag == _CREDIT and (element.text or "").strip():
            return element.text or ""
        if element.get(_CREDIT, "").strip():
            return element.get(_CREDIT, "")
    return ""


def _default(rights: ElementTree.Element) -> str:
    """The default language's text of a language alternative, else its first."""
    items = [item for item in rights.iter(f"{_RDF}li") if (item.text or "").strip()]
    chosen = next((item for item in items if item.get(_LANG) == "x-default"), None)
    return ((chosen if chosen is not None else items[0]).text or "") if items else ""
