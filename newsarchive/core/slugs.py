"""URL slugs of Arabic and Latin text (pure): the file names of articles and their addresses."""

from __future__ import annotations

import re
import unicodedata

from .arabic import UNSEEN_IN_WORDS, in_arabic_block
from .filenames import device_name

_UNSEEN = frozenset(UNSEEN_IN_WORDS)

# Persian, Kurdish and Urdu keyboards' forms of Arabic letters, which look the same as (or
# nearly as) the Arabic ones: in a slug they are the Arabic letters, or two addresses would
# look the same and differ (مصطفی-الکاظمی, مصطفى-الكاظمي). A Persian ی is dotless at a
# word's end, as ى is, and dotted inside a word, as ي is. Persian digits are Arabic-Indic.
_SLUG_LETTERS = str.maketrans(
    {
        "\u06cc": "\u064a",  # ی → ي (at a word's end, ى: _FINAL_FARSI_YEH)
        "\u06a9": "\u0643",  # ک → ك
        "\u06be": "\u0647",  # ھ → ه
        "\u06c1": "\u0647",  # ہ → ه
        "\u06d5": "\u0647",  # ە → ه
        "\u06c0": "\u0647",  # ۀ → ه
        "\u06d2": "\u064a",  # ے → ي
        "\u06c3": "\u0629",  # ۃ → ة
        **{chr(0x06F0 + d): chr(0x0660 + d) for d in range(10)},
    }
)
_FINAL_FARSI_YEH = re.compile("\u06cc(?![^\\W\\d_])")


def slugify(text: str, max_length: int = 80) -> str:
    """A URL slug: lowercase Arabic/Latin letters and digits joined by '-'; may be empty.
    Persian, Kurdish and Urdu forms of Arabic letters are the Arabic letters (_SLUG_LETTERS)."""
    return _slug(text, max_length, arabic_letters=True)


def is_clean_slug(slug: str) -> bool:
    """Whether `slug` names a file or an address as slugify would write it. A slug made before
    slugify wrote Persian letters as Arabic ones (مصطفی-الکاظمی) stays clean: it may already
    be published, cited, or recorded in a moved_from, and an address must not break."""
    return bool(slug) and slug in (slugify(slug), _slug(slug, 80, arabic_letters=False))


def slug_problem(slug: str) -> str | None:
    """Why a slug given for a new file name (`import`, `move`) is not usable, or None: it is
    not as slugify writes it, or Windows keeps it for a device (`con`), so that no editor's
    clone there could hold the article (core/filenames.py)."""
    clean = slugify(slug)
    if not slug or clean != slug:
        hint = f"try '{clean}'" if clean else "give --slug like us-forces-move"
        return f"slug '{slug}' is not usable ({hint})"
    device = device_name(slug)
    if device is not None:
        return (
            f"slug '{slug}' is not usable: Windows keeps the name {device} for a device, and "
            f"git could not check {slug}.md out there (try '{slug}-news' or another word)"
        )
    return None


def _slug(text: str, max_length: int, *, arabic_letters: bool) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = unicodedata.normalize("NFC", text)
    if arabic_letters:
        text = _FINAL_FARSI_YEH.sub("\u0649", text).translate(_SLUG_LETTERS)
    parts: list[str] = []
    for ch in text:
        if ch in _UNSEEN or unicodedata.category(ch).startswith("M"):
            continue  # marks left uncomposed by NFC are not letters either
        parts.append(ch if _is_slug_char(ch) else "-")
    slug = re.sub("-+", "-", "".join(parts)).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Prefer ending at a word boundary; a single over-long word is cut hard.
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug


def _is_slug_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Nd":
        return ch.isascii() or in_arabic_block(ch)
    if not category.startswith("L"):
        return False
    return in_arabic_block(ch) or "LATIN" in unicodedata.name(ch, "")
