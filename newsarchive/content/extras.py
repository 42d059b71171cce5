"""Lines of pasted wire copy that are no part of the article (pure).

Copy taken from an outlet's site, an agency wire or a Telegram channel brings lines of its
own: an agency's end mark (`انتهى/ 29 ح`) or an editor's initials (`ع.ح`) closing the
copy, `اقرأ أيضاً: …` links, `المصدر: …` credits, photo captions (`(صورة: أرشيف)`),
promotions of the outlet's channels (`تابعونا على تلغرام …`), a line of hashtags, a label
(`عاجل`), the date the copy was filed, the headline pasted above the dateline. A line is
taken for one only when the whole line has a known form and is short: a paragraph that
merely opens with `المصدر` or names تلغرام in a sentence is the article's. Forms that only
close a copy (end marks, initials, credits, dates) count only in the run of such lines that
ends it, and the headline only above a dateline. Lines are compared by their matching keys
(hamza, ة/ه, ى/ي, tanween and Eastern digits folded), so `إقرأ أيضاً` is `اقرا ايضا`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.arabic import to_key, word_key
from ..core.diagnostics import Diagnostic
from .dateline import Knowledge, split_dateline

# What each kind of line looks like, in the words of a warning.
WHAT = {
    "end-mark": "an agency's end-of-copy mark",
    "initials": "an editor's initials closing the copy",
    "read-also": 'a "read also" link',
    "source": "a source credit closing the copy",
    "photo": "a photo caption or credit",
    "promotion": "a promotion of the outlet's channels",
    "hashtags": "a line of hashtags or account names",
    "label": 'a label such as "عاجل"',
    "date": "the date the copy was filed",
    "address": "a link to the original closing the copy (--original-url records it)",
    "headline": "the headline pasted above the dateline",
}
MAX_CHARS = 220  # longer than any such line; a longer one is a paragraph, not looked at
_LETTER = "[\u0621-\u064a]"
# A bullet, arrow or emoji a channel puts before its promotion (📲 تابعونا …).
_LEADING_MARKS = re.compile(r"^[^\w#@(\[]+")
_FIRST_WORD = re.compile(r"[^\w#@]*([#@]|\w+)")  # past brackets, bullets and emoji
_CLOSING = re.compile(r"[.:؛،,;]$")
_CHANNEL = (
    r"تلغرام|تليغرام|تلجرام|تيليغرام|telegram|فيسبوك|فيس بوك|تويتر|يوتيوب|واتساب"
    r"|انستغرام|انستجرام|تيك توك"
)
_OURS = r"قناتنا|صفحتنا|حسابنا|موقعنا|معنا|t\.me/|اضغط هنا"
# A date written out, as keys (hamza, ة folded): an optional weekday, the day, the month by
# its Iraqi or its Egyptian name or both (كانون الاول/ديسمبر), the year, an optional time.
_WEEKDAY = r"(?:(?:يوم )?(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)\s*[،,]?\s*)?"
_MONTH = (
    r"(?:كانون الثاني|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين الاول|تشرين الثاني"
    r"|كانون الاول|يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر"
    r"|ديسمبر)"
)
_HIJRI_MONTH = (
    r"(?:محرم|صفر|ربيع (?:الاول|الثاني|الاخر)|جمادي (?:الاولي|الثانيه|الاخره)|رجب|شعبان"
    r"|رمضان|شوال|ذو القعده|ذي القعده|ذو الحجه|ذي الحجه)"
)
# A date line: figures (2026-12-06, 06/12/2026), a day of a named month, or the Hijri date,
# maybe with the Gregorian after it (`الخميس ١٢ ربيع الأول ١٤٣٢ هـ الموافق ١٧ شباط ٢٠١١ م`).
_GREGORIAN = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s*/\s*{_MONTH})?\s+\d{{4}})(?:\s*م\b)?"
)
_HIJRI = rf"\d{{1,2}}\s+{_HIJRI_MONTH}\s+\d{{4}}(?:\s*(?:ه|هجري|هجريه|للهجره)\b)?"
_DATE = (
    rf"[(\[]?\s*{_WEEKDAY}(?:{_GREGORIAN}|{_HIJRI}(?:\s*(?:[،,/\-–—]|الموافق)?\s*{_GREGORIAN})?)"
    r"(?:\s*[،,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[)\]]?$"
)
_DATE_LINE = re.compile(_DATE)
DATE_MOST_WORDS = 16
NEAR_TOP = 3  # the lines above the text: headline, date line and dateline in any order
HEADLINE_MOST_WORDS = 40  # a long headline still ends no sentence; the dateline follows it

# The first words (as keys) of the forms below that may stand anywhere in the copy.
_OPENERS = frozenset(
    [
        "اقرا",
        "طالع",
        "شاهد",
        "مواضيع",
        "اخبار",
        "ذات",
        "للمزيد",
        "صوره",
        "الصوره",
        "صور",
        "الصور",
        "تصوير",
        "عدسه",
        "ارشيف",
        "ارشيفيه",
        "تابعونا",
        "للاشتراك",
        "اشتركوا",
        "لمتابعتنا",
        "تابعوا",
        "انضموا",
        "زوروا",
        "عاجل",
        "خاص",
        "حصري",
        "بالفيديو",
        "بالصور",
    ]
)
# (kind, a pattern the line's key must open with, the most words such a line has)
_ANYWHERE: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (
        "read-also",
        re.compile(
            r"(?:اقرا|طالع|شاهد)\s+(?:ايضا|المزيد)(?:\W|$)"
            r"|(?:مواضيع |اخبار )?ذات صله\s*(?:[:：]|$)"
            r"|للمزيد(?: من \w+)?\s*(?:[:：]|$)"
        ),
        25,
    ),
    (
        "photo",
        re.compile(
            r"[(\[]?\s*(?:(?:ال)?صور[هة]?|تصوير|عدسه)\s*[:：]"
            r"|[(\[]?\s*(?:ال)?صوره\s+(?:ارشيفيه|تعبيريه|من الارشيف)\s*[)\]]?$"
            r"|[(\[]\s*(?:ارشيف|ارشيفيه)\s*[)\]]$"
        ),
        12,
    ),
    (
        "promotion",
        # A verb that can only be addressed to the reader, with a channel; one that is also
        # a past tense (تابعوا, انضموا: "they followed, joined") only with "our" channel.
        re.compile(
            rf"(?:تابعونا|للاشتراك|اشتركوا|لمتابعتنا)\b.*(?:{_CHANNEL}|{_OURS})"
            rf"|(?:تابعوا|انضموا|زوروا)\b.*(?:{_OURS})"
        ),
        20,
    ),
    ("hashtags", re.compile(r"(?:[#@][\w.]+\s*)+$"), 12),
    # A channel's label on a line of its own (so a Telegram "عاجل" is no headline).
    ("label", re.compile(r"[(\[]?\s*(?:عاجل|خاص|حصري|بالفيديو|بالصور)\s*[)\]|:!]*$"), 2),
)
_CLOSING_ONLY: tuple[tuple[str, re.Pattern[str], int], ...] = (
    # انتهى, (انتهى), انتهى/ 29 ح, and the desk's number without its slash: انتهى 29 ح.
    (
        "end-mark",
        re.compile(
            r"[(\[]?\s*انتهي\s*[)\]]?\.?"
            r"(?:\s*[/\-–—]\s*[\w. ]{1,12}|\s+\d{1,4}(?:\s*[\w.]{1,3})?)?$"
        ),
        4,
    ),
    (
        "initials",
        re.compile(
            rf"{_LETTER}{{1,2}}(?:\s*[./]\s*{_LETTER}{{1,2}}){{1,3}}\.?$"
            rf"|{_LETTER}(?:\s+{_LETTER}){{0,2}}$"
        ),
        4,
    ),
    ("source", re.compile(r"[(\[]?\s*(?:المصدر|المصادر|مصدر الخبر)\s*[:：]\s*\w"), 8),
    ("date", _DATE_LINE, DATE_MOST_WORDS),
    ("address", re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE), 1),
)


CLOSING_MOST_WORDS = max(most for _, _, most in _CLOSING_ONLY)
_DATED = (("date", _DATE_LINE, DATE_MOST_WORDS),)


@dataclass(frozen=True)
class ExtraLine:
    """A line of the copy that looks like no part of the article."""

    index: int  # among the copy's lines that are not blank
    kind: str  # a key of WHAT


def find_extras(lines: Sequence[str], known: Knowledge | None = None) -> tuple[ExtraLine, ...]:
    """The lines (stripped, none blank) that look like no part of the article. Never all of
    them: a copy that is nothing but such lines is left to the editor whole."""
    found: dict[int, str] = {}
    end = len(lines)
    while end > 1:  # the run that closes the copy; never its first line
        kind = _closing_kind(lines[end - 1])
        if kind is None:
            break
        found[end - 1] = kind
        end -= 1
    for index in range(end):
        kind = _kind(lines[index], _ANYWHERE) if _may_open(lines[index]) else None
        if kind is None and index < NEAR_TOP and _kind(lines[index], _DATED) is not None:
            kind = "date"  # the day the copy was filed, above its text
        if kind is not None:
            found[index] = kind
    first = next((i for i in range(end) if i not in found), None)
    if first is not None and _is_headline(lines, first, end, known, found):
        found[first] = "headline"
    if len(found) == len(lines):
        return ()
    return tuple(ExtraLine(index, found[index]) for index in sorted(found))


def _closing_kind(line: str) -> str | None:
    """What a line of the run that closes the copy looks like (None: a paragraph)."""
    if len(line.split()) <= CLOSING_MOST_WORDS:
        return _kind(line, _CLOSING_ONLY + _ANYWHERE)
    return _kind(line, _ANYWHERE) if _may_open(line) else None


def _may_open(line: str) -> bool:
    """Whether the line's first word opens one of the forms found anywhere: a look at one
    word (its key remembered) spares keying every paragraph of every article, which the
    archive's duplicate check does."""
    first = _FIRST_WORD.match(line)
    if first is None:
        return False
    return first.group(1) in ("#", "@") or word_key(first.group(1)) in _OPENERS


def _kind(line: str, rules: tuple[tuple[str, re.Pattern[str], int], ...]) -> str | None:
    if len(line) > MAX_CHARS:
        return None
    key = _LEADING_MARKS.sub("", to_key(line))
    count = len(key.split())
    for kind, pattern, most_words in rules:
        if count <= most_words and pattern.match(key):
            return kind
    return None


def _is_headline(
    lines: Sequence[str], first: int, end: int, known: Knowledge | None, found: dict[int, str]
) -> bool:
    """A first line of at most HEADLINE_MOST_WORDS words, itself no dateline and ending no
    sentence, with the dateline on the next line that is no date line (or that line a
    dateline alone, the text after it)."""
    line = lines[first]
    if _CLOSING.search(line) or len(line.split()) > HEADLINE_MOST_WORDS:
        return False
    if split_dateline(line, known).rest != line:
        return False
    following = [i for i in range(first + 1, end) if found.get(i) != "date"]
    if not following:
        return False
    after = lines[following[0]]
    if split_dateline(after, known).rest != after:
        return True
    if len(following) > 1:
        joined = split_dateline(f"{after} {lines[following[1]]}", known)
        return joined.rest == lines[following[1]]
    return False


# What the import made of something of the copy that is no such line but wants an editor's
# eye: an embed or a link of pasted HTML (content/pastedhtml.py). `{text}` is its address.
# An embed is kept as a paragraph holding its address (what to do with it follows), or left
# out with the extras.
EMBEDS = {
    "image": (
        "an image of the pasted HTML ({text})",
        "save the photo under content/media/, show it there with ![description](…) and "
        "delete that paragraph",
    ),
    "video": (
        "a video of the pasted HTML ({text})",
        "readers follow it as a link; delete it if the video is no part of the article",
    ),
    "embed": (
        "a frame or embed of the pasted HTML ({text})",
        "delete it if it is no part of the article",
    ),
}
NOTICES = {
    "tweet": "an embedded tweet ({text}): its words and its link to it are kept as "
    "paragraphs; check that they read as a quotation",
    "link": "a link of the pasted HTML to '{text}' is no http(s) or mail address: its words "
    "are kept without the link",
    "no-address": "an embed of the pasted HTML ('{text}') has no http(s) address: it was "
    "left out; find it on the old site if the article needs it",
}


def extra_warning(path: str, line: int, text: str, kind: str, outcome: str) -> Diagnostic:
    """The warning for one such line: what it looks like and what became of it (`outcome`:
    "kept", "left out" or "made the title"); for an embed or a notice, what the import
    made of it; for a dateline's date, `text` is the whole message."""
    if kind in EMBEDS:
        what, advice = EMBEDS[kind]
        said = what.format(text=text)
        said += ": left out" if outcome == "left out" else f" became a paragraph: {advice}"
        return Diagnostic(path, line, said, "warning")
    if kind in NOTICES:
        return Diagnostic(path, line, NOTICES[kind].format(text=text), "warning")
    if kind == "dateline-date":
        return Diagnostic(path, line, text, "warning")
    shown = text if len(text) <= 60 else text[:59] + "…"
    said = f"'{shown}' looks like {WHAT[kind]}, not part of the article; "
    if outcome == "kept":
        said += (
            "it is kept: delete that paragraph from the article if it is not the article's "
            "(--drop-extras leaves such lines out)"
        )
    elif outcome == "made the title":
        said += "it was left out and made the title"
    else:
        said += "it was left out"
    return Diagnostic(path, line, said, "warning")
