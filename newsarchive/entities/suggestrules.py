"""The rules that find candidate names in one document's tokens, and the parts of a name
they share (pure); the names after a title are suggesttitles.py's.

Each rule yields Candidates: a run of tokens, why it was taken and the type it suggests.
A document is enough: every rule but recurrence works on one article.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.arabic import Token
from . import suggestcues as cue
from .matcher import HYPHEN_GAP

MAX_NAME = 3  # words of a person's name after a title (4 with عبد, أبو …)
MAX_INSTITUTION = 6  # words of an institution's name after its institution word
MAX_QUOTED = 4
QUOTED_RE = re.compile(r'"([^"\n]+)"|«([^»\n]+)»|“([^”\n]+)”')
_SPACES_RE = re.compile(r"[^\S\r\n]+")
_BRACKETED_RE = re.compile(r"[^\S\r\n]*\(([^()\n]{2,20})\)")
_ARABIC_LETTER_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
RECURRING = "recurring"  # reason placeholder, replaced by the final document count


@dataclass(frozen=True)
class Doc:
    """A document's text, its tokens, and which tokens a registry entity already covers."""

    path: str
    text: str
    tokens: tuple[Token, ...]
    known: frozenset[int]

    def word(self, index: int) -> str:
        """Token ``index`` as written."""
        token = self.tokens[index]
        return self.text[token.start : token.end]

    def definite(self, index: int) -> bool:
        return cue.is_definite(self.tokens[index], self.word(index))

    def arabic(self, index: int) -> bool:
        """Token ``index`` has an Arabic letter: a Latin word (John) is no part of an Arabic
        name, which `--yaml` pastes into `ar:`."""
        return _ARABIC_LETTER_RE.search(self.word(index)) is not None

    def function_word(self, index: int) -> bool:
        return cue.is_function_word(self.tokens[index], self.word(index))

    def nisba(self, index: int) -> bool:
        """A family name (الجبوري), not a nationality (التركي)."""
        token = self.tokens[index]
        return cue.is_nisba(token, self.word(index)) and token.key not in cue.PLACE_TRAILER_KEYS


@dataclass(frozen=True)
class Candidate:
    """Tokens first..last of doc, maybe a name; ``kind`` is the suggested registry type."""

    doc: Doc
    first: int
    last: int
    reason: str
    kind: str
    bare_from: int | None = None  # the name without its place word starts at this token
    clitics: int = 0  # letters attached before the first word (و, ل …: لوكالة), not the name's
    article_dropped: bool = False  # ل took the ال's alef (للاتحاد): the name is ال + the rest


def joined(doc: Doc, left: int, right: int) -> bool:
    """Only spaces (no punctuation, no line break) between two tokens."""
    if right >= len(doc.tokens):
        return False
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return bool(_SPACES_RE.fullmatch(gap))


def hyphenated(doc: Doc, left: int, right: int) -> bool:
    """Two Arabic words joined by a hyphen alone (جان-إيف, هينيس-بلاسخارت): one word of a
    name, never cut, which the matcher finds written so (matcher.HYPHEN_GAP)."""
    if left < 0 or right >= len(doc.tokens) or right in doc.known or left in doc.known:
        return False
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return bool(HYPHEN_GAP.fullmatch(gap)) and doc.arabic(left) and doc.arabic(right)


def free(doc: Doc, index: int) -> bool:
    """A word that may be part of a new name: not known to the registry, not a function word,
    not a title."""
    token = doc.tokens[index]
    return (
        index not in doc.known
        and doc.arabic(index)
        and not doc.function_word(index)
        and cue.person_title(token) is None
    )


def _name_start(doc: Doc, index: int) -> bool:
    token = doc.tokens[index]
    word = doc.word(index)
    if word[:1] in "لبك" and len(word) > 4 and word.endswith("ة"):
        return False  # a preposition and a noun (لمحاربة), not a name
    if _accusative(word):
        return False
    return (
        free(doc, index)
        and not doc.definite(index)
        and not cue.is_office_noun(token)
        and not cue.is_direction(token)
        and not cue.is_speech_verb(token)
    )


def preposition_and_noun(word: str) -> bool:
    """ب ل ك before a noun (بتعويض, لموسمين, بثقة, لمدة): the sentence goes on, no name does."""
    return (
        word[:1] in "لبك"
        and len(word) >= 4
        and (word[1] == "ت" or word.endswith(("ة", "ين", "ات")))
    )


def _accusative(word: str) -> bool:
    """A noun with tanween (عدداً): names are not written with it."""
    return word.endswith(("اً", "\u064b"))


def person_name(doc: Doc, first: int) -> int | None:
    """The last token of a person's name starting at ``first``: 1–3 words (عبد, أبو … join
    the next word), the first without ال, later ones plain or a family name (الجبوري)."""
    if not _name_start(doc, first):
        return None
    last, limit = first, MAX_NAME
    while last - first + 1 < limit:
        if hyphenated(doc, last, last + 1):
            last, limit = last + 1, limit + 1  # جان-إيف لودريان: جان-إيف is one word
            continue
        if not joined(doc, last, last + 1):
            break
        token = doc.tokens[last + 1]
        previous = doc.tokens[last]
        after_joiner = previous.key in cue.JOINER_KEYS and _title_as_name(doc, last + 1)
        if not (free(doc, last + 1) or after_joiner):  # عبد الأمير: الأمير is no title here
            break
        if cue.is_office_noun(token) or cue.is_direction(token):
            break
        if cue.is_news_verb(token):
            break  # فؤاد حسين يزور طهران: the headline's verb follows the name
        if _accusative(doc.word(last + 1)) or preposition_and_noun(doc.word(last + 1)):
            break
        family = (
            doc.nisba(last + 1)
            or previous.key in cue.JOINER_KEYS
            or previous.key in cue.DEFINITE_JOINER_KEYS
            or token.key in cue.DEFINITE_JOINER_KEYS  # أحمد العبد الله
            or _boundary_after(doc, last + 1)  # محمد نور الذيب، سيف البدر إن، الدخيل وعدد
        )
        if doc.definite(last + 1) and not family:
            break
        if token.key.startswith("و") and not doc.nisba(last + 1) and last > first:
            break  # وقال: the sentence goes on (ف starts too many names: فاضل, فرحان)
        if previous.key in cue.JOINER_KEYS or previous.key in cue.DEFINITE_JOINER_KEYS:
            limit += 1
        last += 1
        if (
            doc.definite(last)
            and previous.key not in cue.JOINER_KEYS  # عبد الكريم goes on
            and token.key not in cue.DEFINITE_JOINER_KEYS  # العبد (الله) goes on
        ):
            break  # a family name ends the name: الجبوري, العبد الله
    return last


def _title_as_name(doc: Doc, index: int) -> bool:
    """A title word after عبد or أبو is a name's part (عبد الأمير), if nothing else rules it out."""
    return index not in doc.known and doc.arabic(index) and not doc.function_word(index)


def institutions(doc: Doc) -> Iterator[Candidate]:
    """An institution word without ال and the name it heads (وزارة الهجرة والمهجرين,
    مخيم حسن شام, شركة نفط الشمال)."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        kind = cue.institution(token)
        if kind is None or index in doc.known or doc.definite(index):
            continue
        last = _institution_end(doc, index)
        if last == index or all(i in doc.known for i in range(index + 1, last + 1)):
            continue  # وكالة شفق نيوز, محافظة الحسكة: a known name after a descriptive word
        if kind == "place":
            while last > index + 1 and tokens[last].key in cue.PLACE_TRAILER_KEYS:
                last -= 1
        elif not any(doc.definite(i) for i in range(index + 1, last)):
            while last > index + 1 and tokens[last].key in cue.NATIONALITY_KEYS:
                last -= 1  # شركة فايزر الأمريكية: the company's name is شركة فايزر
        word = doc.text[token.start : token.end]
        bare = index + 1 if cue.has_bare_variant(token) else None
        clitics = cue.proclitic_length(token)
        word = word[clitics:]
        yield Candidate(doc, index, last, f"after {word}", kind, bare, clitics)
        yield from bracketed(doc, last, f"in brackets after {word}", kind)


def bracketed(doc: Doc, last: int, reason: str, kind: str) -> Iterator[Candidate]:
    """An abbreviation in brackets right after a name ending at token ``last``:
    شركة تسويق النفط (سومو), الاتحاد الدولي لكرة القدم (فيفا)."""
    tokens = doc.tokens
    if last + 1 < len(tokens) and (m := _BRACKETED_RE.match(doc.text, tokens[last].end)):
        inner = bisect.bisect_left([t.start for t in tokens], m.start(1))
        if inner < len(tokens) and tokens[inner].end == m.end(1) and free(doc, inner):
            yield Candidate(doc, inner, inner, reason, kind)


def _institution_end(doc: Doc, index: int) -> int:
    """The last token of the name an institution word at ``index`` heads."""
    tokens = doc.tokens
    last, open_slot, plain_words, adjectives = index, True, 0, False
    while last + 1 < len(tokens) and last - index < MAX_INSTITUTION and joined(doc, last, last + 1):
        token = tokens[last + 1]
        adjective_word = not open_slot and cue.is_adjective(token) and doc.definite(last + 1)
        if (
            not doc.arabic(last + 1)
            or (doc.function_word(last + 1) and not adjective_word)
            or cue.is_direction(token)
            or cue.is_speech_verb(token)
        ):
            break  # but an adjective that is also a function word goes on: مستشفى البصرة العام
        if cue.person_title(token) is not None and not open_slot:
            break
        if open_slot:
            word = doc.word(last + 1)
            if index + 1 == last + 1 and not doc.definite(last + 1):
                if (
                    word.endswith(("ية", "ي"))
                    and token.key not in cue.JOINER_KEYS
                    and not _before_definite_adjective(doc, last + 1)
                ):
                    break  # an adjective, not a name: قاعدة عسكرية (but قضاء أبي الخصيب)
                if cue.is_adjective(token) or _accusative(word):
                    break  # محطة جديدة, مخيماً
                organisation = cue.institution(tokens[index]) != "place"
                if organisation and word[:1] in "لبك" and len(word) > 4 and word.endswith("ة"):
                    break  # a preposition and a noun: لجنة برئاسة … (but مدينة بعقوبة)
                if cue.is_centre(tokens[index]) and cue.institution(token) == "place":
                    break  # مركز محافظة ديالى: the seat of a province, not a body
            open_slot = cue.is_office_noun(token) and not doc.definite(last + 1)
            plain_words += not doc.definite(last + 1)
        elif prepositional(doc, last + 1) and not doc.definite(last + 1):
            open_slot, adjectives = True, False  # مفوضية الأمم المتحدة لشؤون اللاجئين
        elif doc.definite(last + 1):
            # a genitive or an adjective (الهجرة والمهجرين, الصحة العالمية); after an
            # adjective only adjectives: مجلس النواب العراقي (الموازنة)
            adjective = doc.nisba(last + 1) or cue.is_adjective(token)
            if adjectives and not adjective:
                break
            adjectives = adjectives or doc.nisba(last + 1)
        elif (
            plain_words == 1
            and cue.institution(tokens[index]) in ("place", "event")
            and not doc.definite(last)
            and not token.key.startswith(("و", "ف"))
            and cue.institution(token) is None
            and _name_ends_after(doc, last + 1)
        ):
            plain_words += 1  # a name of two plain words: مخيم حسن شام
        else:
            break
        last += 1
    return last


def _before_definite_adjective(doc: Doc, index: int) -> bool:
    """A definite nisba follows: the word before it is a name, which an indefinite adjective
    could not be (مستشفى آزادي التعليمي, not قاعدة عسكرية)."""
    following = index + 1
    return joined(doc, index, following) and doc.definite(following) and doc.nisba(following)


def _boundary_after(doc: Doc, index: int) -> bool:
    """Punctuation, the end of the text, a function word, a preposition and its noun (لمدة,
    بتعويض) or a word with the conjunction و (الدخيل وعدد, وقال) follows token ``index``."""
    return (
        not joined(doc, index, index + 1)
        or doc.function_word(index + 1)
        or preposition_and_noun(doc.word(index + 1))
        or doc.tokens[index + 1].key.startswith("و")
    )


def prepositional(doc: Doc, index: int) -> bool:
    """ل + a noun of four letters or more before a definite word: لشؤون اللاجئين, لتنسيق
    الشؤون, part of an office or an institution's name."""
    word = doc.word(index)
    return (
        word.startswith("ل")
        and not word.startswith("لل")
        and len(word) >= 5
        and index not in doc.known
        and joined(doc, index, index + 1)
        and doc.definite(index + 1)
    )


def _name_ends_after(doc: Doc, index: int) -> bool:
    """Nothing that could go on the name follows token ``index`` (punctuation, a function
    word, a direction, و…): إقليم كردستان كمال (محمد) is a place and a person, not one name."""
    following = index + 1
    return (
        not joined(doc, index, following)
        or doc.function_word(following)
        or cue.is_direction(doc.tokens[following])
        or doc.tokens[following].key.startswith(("و", "ف"))
        or doc.definite(following)  # معبر تل أبيض الحدودي
    )
