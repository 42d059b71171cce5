"""The forms a dateline takes, and the outlets and places it names (pure): what `import`
reads off an article's first paragraph (`content/dateline.py`) and what registry suggestions
read in a dateline left in an article's text (`entities/suggestplaces.py`), so that both
read the same datelines. Which of two names is the outlet is decided there.
"""

from __future__ import annotations

import re

from .arabic import to_key

# One to four words of a name; no digits-only word, no punctuation that ends a dateline.
_WORD = r"[^\s/\"«»()\[\]\-–—:.،,؛!?؟]+"
_NAME = rf"{_WORD}(?: {_WORD}){{0,3}}"
_DASH = r"(?:[-–—]|\u0640+)"  # a tatweel standing alone is typed as a dash too
TWO_SLASHES = re.compile(rf"(?P<a>{_NAME})\s*/\s*(?P<b>{_NAME})\s*/\s*")
ONE_SLASH = re.compile(rf"(?P<a>{_NAME})\s*/\s*")
# A dash between two names: spaced (a tatweel standing alone is one too), or as INA writes
# it, without a space on one side or both (`بغداد-واع:`; a tatweel then is part of a word).
# The names of a dash not spaced on both sides must be known (content/dateline.py), since a
# hyphenated word of a sentence looks the same.
_GAP = rf"(?:\s+{_DASH}\s+|\s*[-–—]\s*)"
DASH_COLON = re.compile(rf"(?P<place>{_NAME})(?P<dash>{_GAP})(?P<outlet>{_NAME})\s*:\s*")
DASH_DASH = re.compile(rf"(?P<place>{_NAME})(?P<dash>{_GAP})(?P<outlet>{_NAME}){_GAP}")
BRACKETS = re.compile(rf"(?P<place>{_NAME})\s*\((?P<outlet>{_NAME})\)\s*(?:{_DASH}|:)\s*")
# A place and the day the copy was filed, as Iraqi copy writes it: `بغداد - 12/3/2011`,
# day first (content/dateline.py checks it against the article's date).
PLACE_DATE = re.compile(
    rf"(?P<place>{_NAME})\s*(?:[-–—/،,]|\u0640+)\s*"
    r"(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))(?!\d)"
    rf"(?:\s*(?:{_DASH}|[:/])\s*|\s+)"
)

# Outlets and places the registry may not know yet. Compared by their matching keys
# (hamza, ة/ه and ى/ي folded), so spelling variants need no entry of their own.
KNOWN_OUTLETS = (
    "شفق نيوز",
    "رووداو",
    "السومرية نيوز",
    "السومرية",
    "بغداد اليوم",
    "المدى",
    "الصباح",
    "المسلة",
    "ناس",
    "واع",
    "وكالة الأنباء العراقية",
    "الفرات نيوز",
    "الغد برس",
    "الحرة",
    "الجزيرة",
    "الجزيرة نت",
    "العربية",
    "العربية نت",
    "سكاي نيوز عربية",
    "رويترز",
    "فرانس برس",
    "أ ف ب",
    "أ ب",
    "أسوشيتد برس",
    "د ب أ",
    "الأناضول",
    "سبوتنيك",
    "شينخوا",
    "سانا",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بترا",
    "إرنا",
    "تسنيم",
    "فارس",
    "بي بي سي",
    "نورث برس",
    "عنب بلدي",
)
KNOWN_PLACES = (
    "بغداد",
    "البصرة",
    "الموصل",
    "أربيل",
    "السليمانية",
    "دهوك",
    "كركوك",
    "النجف",
    "كربلاء",
    "الحلة",
    "بابل",
    "الديوانية",
    "الكوت",
    "العمارة",
    "الناصرية",
    "ذي قار",
    "السماوة",
    "الرمادي",
    "الأنبار",
    "الفلوجة",
    "تكريت",
    "صلاح الدين",
    "سامراء",
    "بعقوبة",
    "ديالى",
    "نينوى",
    "سنجار",
    "حلبجة",
    "زاخو",
    "دمشق",
    "حلب",
    "حمص",
    "إدلب",
    "الرقة",
    "دير الزور",
    "الحسكة",
    "القامشلي",
    "بيروت",
    "عمان",
    "القاهرة",
    "الرياض",
    "جدة",
    "الدوحة",
    "أبوظبي",
    "دبي",
    "الكويت",
    "المنامة",
    "مسقط",
    "صنعاء",
    "عدن",
    "طهران",
    "أنقرة",
    "إسطنبول",
    "القدس",
    "غزة",
    "رام الله",
    "طرابلس",
    "تونس",
    "الجزائر",
    "الرباط",
    "الخرطوم",
    "واشنطن",
    "نيويورك",
    "موسكو",
    "لندن",
    "باريس",
    "برلين",
    "بروكسل",
    "جنيف",
    "فيينا",
    "بكين",
)
# A word that makes a name an outlet (وكالة …, … نيوز, … برس) or a place (محافظة …).
OUTLET_WORDS = frozenset(
    to_key(w)
    for w in (
        "نيوز",
        "وكالة",
        "وكالات",
        "قناة",
        "تلفزيون",
        "راديو",
        "إذاعة",
        "صحيفة",
        "جريدة",
        "موقع",
        "برس",
        "نت",
        "بوست",
        "تايمز",
        "ميديا",
        "24",
    )
)
PLACE_WORDS = frozenset(to_key(w) for w in ("محافظة", "مدينة", "قضاء", "ناحية", "إقليم", "ولاية"))
