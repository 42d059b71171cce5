"""Records → references a reference manager imports (pure): BibTeX (for biber and bibtex,
UTF-8) and RIS. One reference a page: the Arabic original, and its English translation
when the article has an English page, each as the citation line of its page's language
says it (metadata.article_citation): the headline as published, in Arabic, with its English
translation beside it; the byline and outlet as that line names them; the page's address;
the translator on the English one."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence

from ..core.model import PartialDate
from .exportrecords import ExportRecord
from .metadata import Citation

LANGUAGES = {"ar": ("arabic", "Arabic"), "en": ("english", "English")}  # BibTeX's, RIS's
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# TeX's special characters, written so that LaTeX prints them. Braces become commands too:
# bibtex and biber count every brace, escaped or not, so `\{` would unbalance a field.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_RE = re.compile("|".join(re.escape(c) for c in _TEX))
_PLAIN_KEY = re.compile(r"[A-Za-z0-9/_-]+")


def pages(record: ExportRecord) -> Iterator[tuple[str, Citation]]:
    """The pages of an article that a reference names: (lang, its citation)."""
    yield "ar", record.cite_ar
    if record.cite_en is not None:
        yield "en", record.cite_en


def reference_key(lang: str, story: str) -> str:
    """A key naming one page's reference in both formats, ASCII as bibtex needs:
    `ar-2020-11-slug`; an Arabic slug by a digest of it (`ar-2020-11-3f2a9c1d`)."""
    if not _PLAIN_KEY.fullmatch(story):
        folder, _, slug = story.rpartition("/")
        story = f"{folder}/{hashlib.sha256(slug.encode()).hexdigest()[:8]}"
    return f"{lang}-{story.replace('/', '-')}"


def _names(lang: str, cite: Citation) -> tuple[tuple[str, ...], str | None]:
    """The byline and the outlet as the citation line in `lang` names them."""
    if lang == "ar":
        return cite.authors_ar, cite.source
    return cite.authors_en, cite.source_en or cite.source


def _archive(lang: str, cite: Citation) -> str:
    """The archive's name as the citation line in `lang` gives it."""
    return cite.archive_ar if lang == "ar" else cite.archive_en


def _notes(record: ExportRecord, lang: str, cite: Citation) -> list[str]:
    """What a reference says in a note: the archive, the original's address, corrections
    and a withdrawal."""
    notes = [_archive(lang, cite)]
    if cite.original_url:
        notes.append(f"Original URL: {cite.original_url}")
    notes += [f"Corrected {c.date.iso()}: {c.note}" for c in record.corrections]
    if record.withdrawn:
        notes.append(f"Withdrawn {record.withdrawn.date.iso()}: {record.withdrawn.note}")
    return notes


def bibtex(records: Sequence[ExportRecord]) -> bytes:
    """An @article a page (biblatex's news article: journal is the outlet), UTF-8."""
    entries = [_entry(r, lang, cite) for r in records for lang, cite in pages(r)]
    return "".join(entries).encode("utf-8")


def _entry(record: ExportRecord, lang: str, cite: Citation) -> str:
    authors, outlet = _names(lang, cite)
    date = cite.published
    # Each name braced whole: an Arabic name has no "Last, First" that bibtex could split.
    names = " and ".join("{" + _tex(name) + "}" for name in authors)
    fields: list[tuple[str, str | None]] = [
        ("author", _braced(names) if names else None),
        ("title", _braced(_tex(cite.title_ar))),
        ("titleaddon", _braced(f"[{_tex(cite.title_en)}]") if cite.title_en else None),
        ("translator", _braced("{" + _tex(cite.translator) + "}") if cite.translator else None),
        ("journal", _braced(_tex(outlet)) if outlet else None),
        ("date", _braced(date.iso())),
        ("year", _braced(str(date.year))),
        # bibtex's month macro, which styles print in their own language
        ("month", _MONTHS[date.month - 1] if date.month else None),
        ("language", _braced(LANGUAGES[lang][0])),
        ("url", _braced(_bib_url(cite.permalink))),
        ("note", _braced(_tex(". ".join(_notes(record, lang, cite))))),
    ]
    lines = "".join(f"  {name} = {value},\n" for name, value in fields if value is not None)
    return "@article{" + reference_key(lang, record.story) + ",\n" + lines + "}\n\n"


def _braced(value: str) -> str:
    return "{" + value + "}"


def _tex(text: str) -> str:
    return _TEX_RE.sub(lambda m: _TEX[m[0]], " ".join(text.split()))


def _bib_url(url: str) -> str:
    """A URL as biblatex's verbatim url field takes it: as it is, but its braces (which
    would unbalance the field) percent-encoded."""
    return url.replace("{", "%7B").replace("}", "%7D")


def ris(records: Sequence[ExportRecord]) -> bytes:
    """A TY NEWS record a page, as the RIS specification writes them: `XX  - value` lines
    ending in CRLF, the record closed by `ER  - `; UTF-8."""
    lines = [
        line for r in records for lang, cite in pages(r) for line in _ris_record(r, lang, cite)
    ]
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def _ris_record(record: ExportRecord, lang: str, cite: Citation) -> Iterator[str]:
    authors, outlet = _names(lang, cite)
    tags: list[tuple[str, str | None]] = [
        ("TY", "NEWS"),
        ("ID", reference_key(lang, record.story)),
        ("T1", cite.title_ar),
        ("TT", cite.title_en),
        *(("AU", name) for name in authors),
        ("A4", cite.translator),
        ("PB", outlet),
        ("DA", _ris_date(cite.published)),
        ("PY", str(cite.published.year)),
        ("CY", _name_in(lang, record.place, record.place_en)),
        ("LA", LANGUAGES[lang][1]),
        ("UR", cite.permalink),
        ("DB", _archive(lang, cite)),
        *(("KW", _name_in(lang, e.name_ar, e.name_en)) for e in record.entities),
        *(("N1", note) for note in _notes(record, lang, cite)[1:]),
        ("ER", ""),
    ]
    for tag, value in tags:
        if value is not None:
            yield f"{tag}  - {' '.join(value.split())}"  # ER's: "ER  - ", as the spec writes it


def _name_in(lang: str, arabic: str | None, english: str | None) -> str | None:
    """A place's or an entity's name on a page in `lang`: the English name if the page is
    English and one is known, else the Arabic."""
    return english if lang == "en" and english else arabic


def _ris_date(date: PartialDate) -> str:
    """RIS's date, `YYYY/MM/DD/`, with the parts not known left empty (`2020/11//`)."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"
