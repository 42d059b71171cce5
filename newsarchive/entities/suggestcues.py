"""The words that announce a name in Arabic news, for registry suggestions (pure).

Each list holds words as written; lookups use their keys (hamza, ة/ه and ى/ي folded) and
accept the attached proclitics و ف ب ل ك, so وزيرة, ووزيرة and لوزيرة are one entry.
"""

from __future__ import annotations

from types import MappingProxyType

from ..core.arabic import Token, split_proclitics, to_key

# Titles and offices before a person's name, feminine forms included. Each is followed by
# the name, possibly after the office's complement (وزير الخارجية العراقي فؤاد حسين).
PERSON_TITLES = (
    "الرئيس", "الرئيسة", "رئيس", "رئيسة", "الجنرال", "العقيد", "الكولونيل", "اللواء",
    "العميد", "الفريق", "المقدم", "الرائد", "النقيب", "المشير", "وزير", "وزيرة", "الوزير",
    "الوزيرة", "الناطق", "الناطقة", "ناطق", "المتحدث", "المتحدثة", "متحدث", "القائد",
    "قائد", "السفير", "السفيرة", "سفير", "سفيرة", "المستشار", "المستشارة", "مستشار",
    "مستشارة", "المحافظ", "محافظ", "المدير", "المديرة", "مدير", "مديرة", "النائب",
    "النائبة", "نائب", "الشيخ", "السيد", "السيدة", "الدكتور", "الدكتورة", "الطبيب",
    "الطبيبة", "الخبير", "الخبيرة", "الباحث", "الباحثة", "الصحفي", "الصحفية", "الناشط",
    "الناشطة", "المحلل", "المحللة", "ممثل", "ممثلة", "عضو", "عضوة", "زعيم", "الزعيم",
    "الأمين", "أمين", "المبعوث", "المبعوثة", "مبعوث", "مبعوثة", "قائممقام", "قائمقام",
    "القاضي", "رئيس الوزراء", "الملك", "الأمير", "الإمام", "المفتي", "المطران", "البطريرك",
    "نقيب", "نقيبة", "القيادي", "القيادية", "قيادي", "قيادية", "مدرب",
    "مدربة", "لاعب", "لاعبة", "المهاجم", "المدافع", "الحارس", "حارس",
)  # fmt: skip
# Nouns of an office's complement that take the next word as their own (مدير صحة دير الزور,
# قائد عمليات الأنبار): after one of them the next word is not yet the name.
OFFICE_NOUNS = (
    "صحة", "عمليات", "شؤون", "شرطة", "أمن", "تربية", "بلدية", "مكتب", "قسم", "إدارة",
    "قوات", "أركان", "باسم", "وكيل", "معاون", "مساعد", "فرع", "تحقيق", "كهرباء", "ماء",
    "نفط", "زراعة", "بيئة", "مرور", "توزيع", "إنتاج", "نقل", "استخبارات", "مكافحة",
)  # fmt: skip
# Words that keep the office's complement open without taking a word (مدير عام شركة …).
OFFICE_FILLERS = ("عام", "العام", "الركن", "أول", "الأول", "في", "لدى")

# Institution words: followed by the rest of an organisation's or a place's name.
ORGANISATION_WORDS = (
    "وزارة", "جامعة", "شركة", "برنامج", "مكتبة", "مستشفى", "منظمة", "هيئة", "مجلس", "حزب",
    "حركة", "جمعية", "بنك", "مصرف", "صندوق", "مركز", "معهد", "كلية", "مديرية", "دائرة",
    "قيادة", "مفوضية", "اتحاد", "نقابة", "وكالة", "صحيفة", "قناة", "لجنة", "حكومة", "جهاز",
    "محكمة", "مؤسسة", "تنظيم", "ائتلاف", "تيار", "كتلة", "جبهة", "مجموعة", "رابطة", "بعثة", "مصفى",
    "نادي", "منتخب", "حراك",
)  # fmt: skip
# Armed factions (registry type `group`): كتائب حزب الله, عصائب أهل الحق, فيلق بدر.
GROUP_WORDS = ("كتائب", "عصائب", "سرايا", "فيلق", "فصيل")
# Competitions and other events: كأس آسيا, دوري نجوم العراق, بطولة غرب آسيا.
EVENT_WORDS = ("كأس", "دوري", "بطولة")
PLACE_WORDS = (
    "محافظة", "قضاء", "ناحية", "مخيم", "منفذ", "معبر", "مطار", "ميناء", "سد", "جسر", "شارع",
    "جبل", "نهر", "بحيرة", "وادي", "صحراء", "جزيرة", "إقليم", "محطة", "حقل", "قاعدة",
    "سجن", "ساحة", "مدينة", "بلدة", "قرية", "حي", "مرفأ", "مصفاة", "معسكر", "ملعب", "استاد",
    "منطقة",
)  # fmt: skip
# Place words that are not part of the name an editor registers (مدينة الموصل: الموصل).
BARE_PLACE_WORDS = ("مدينة", "بلدة", "قرية", "حي")
# Place words an editor also leaves out, as a variant (محافظة نينوى, نينوى).
VARIANT_PLACE_WORDS = (
    "محافظة", "قضاء", "ناحية", "مخيم", "منفذ", "معبر", "نهر", "جبل", "إقليم", "منطقة",
)  # fmt: skip
# Nationalities: after a place's or a company's own name they describe it (ميناء جيهان
# التركي, شركة فايزر الأمريكية); after a body's adjectives they name the state's own body
# (البنك المركزي العراقي, الحزب الديمقراطي الكردستاني).
NATIONALITIES = (
    "العراقي", "العراقية", "السوري", "السورية", "التركي", "التركية", "الإيراني", "الإيرانية",
    "الأمريكي", "الأمريكية", "الأميركي", "الأميركية", "الأردني", "الأردنية", "اللبناني",
    "اللبنانية", "السعودي", "السعودية", "الكويتي", "الكويتية", "المصري", "المصرية",
    "الروسي", "الروسية", "الصيني", "الصينية", "الفرنسي", "الفرنسية", "الألماني", "الألمانية",
    "البريطاني", "البريطانية", "الإيطالي", "الإيطالية", "الإسباني", "الإسبانية", "السويسري",
    "السويسرية", "الياباني", "اليابانية", "الكوري", "الكورية", "الهندي", "الهندية",
    "الإماراتي", "الإماراتية", "القطري", "القطرية", "الكردي", "الكردية", "الكردستاني",
    "الكردستانية", "الكوردستاني", "الكوردستانية",
)  # fmt: skip
# Adjectives after a place's name that are not part of it (منفذ القائم الحدودي); not الدولي,
# which airports and stadiums carry in their names (ملعب الشعب الدولي).
PLACE_TRAILERS = ("الحدودي", "الحدودية", *NATIONALITIES)
# Adjectives that are not nisbas (…ي) and may end an institution's name.
ADJECTIVES = (
    "الكبير", "الكبرى", "العليا", "الأعلى", "العام", "العامة", "الجديد", "الجديدة", "الأول",
    "الأولى", "الثاني", "الثانية", "المستقلة", "المركزية", "الموحدة", "المتحدة",
    "جديد", "جديدة", "كبير", "كبيرة", "صغير", "صغيرة", "أخرى", "آخر", "واحد", "واحدة",
    "سابق", "سابقة", "حالي", "حالية", "مؤقت", "مؤقتة", "خاص", "خاصة", "عامة", "رئيسي",
    "رئيسية", "متنقل", "متنقلة", "ثالث", "ثالثة", "ثاني", "ثانية",
)  # fmt: skip
# A direction before a place (شمال شرقي الموصل, جنوبي كركوك).
DIRECTIONS = (
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ريف", "أطراف",
    "ضواحي", "قرب",
)  # fmt: skip
# Verbs of saying: `قال X، مدير …` introduces a name followed by its office.
SPEECH_VERBS = (
    "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "أضاف", "أضافت", "أوضح", "أوضحت",
    "ذكر", "ذكرت", "صرح", "صرحت", "أشار", "أشارت", "أفاد", "أفادت", "كشف", "كشفت",
    "بحسب", "حسب", "وفق", "وفقا",
)  # fmt: skip
# Words that never start or continue a name.
FUNCTION_WORDS = (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "خلال", "بعد", "قبل", "أن", "إن", "ان",
    "الذي", "التي", "الذين", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم", "نحن", "قال",
    "قد", "لقد", "كان", "كانت", "لم", "لن", "لا", "ما", "ثم", "أو", "بين", "عند", "ضد",
    "حول", "منذ", "لدى", "عبر", "دون", "كل", "بعض", "أي", "كما", "حتى", "أيضا", "باسم",
    "يوم", "فقط", "بل", "ليس", "أنه", "إنه", "أنها", "أنهم", "عليها", "عليه", "فيها", "فيه",
    "منها", "منه", "له", "لها", "لهم", "إنها", "هناك", "هنا", "الآن", "جميع", "أمام", "نحو",
    "اليوم", "أمس", "غدا", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة",
    "السبت", "عام", "العام", "قرب", "بلا", "وفق", "إثر", "عقب", "لدى", "بسبب", "داخل",
    "خارج", "فوق", "تحت", "مصدر", "مصادر", "مسؤول", "بيان", "قوله", "قولها", "نحو",
    "بها", "به", "بهم", "لنا", "إليه", "إليها", "التي", "وهو", "وهي", "إذ", "إذا", "لكن",
)  # fmt: skip
# Generic plural or collective nouns: a recurring pair starting with one is no name.
GENERIC_NOUNS = (
    "الأراضي", "المناطق", "القوات", "المخيمات", "العائلات", "الحدود", "القطعات", "الفرق",
    "المصادر", "الأوضاع", "الخدمات", "الحكومة", "الوزارة", "المنظمة", "المحافظة",
    "المدينة", "البلاد", "المنطقة", "الإقليم", "البلدة", "القرية", "القضاء", "الناحية",
    "العاصمة", "الجنوب", "الشمال", "الشرق", "الغرب", "الوسط",
)  # fmt: skip
# Given names shaped like a present-tense verb (ي/ت and a stem, as يستقبل, تزور): after a
# title they are a name (اللواء يحيى رسول), any other such word the headline's verb
# (رئيس الوزراء يستقبل وفدا, وزيرة الهجرة تزور المخيم).
VERB_SHAPED_NAMES = (
    "يحيى", "يوسف", "يونس", "يعقوب", "ياسر", "ياسين", "يزن", "يزيد", "يامن", "يمان", "يعرب",
    "يسرى", "يسرا", "يمنى", "يسار", "يشار", "ياسمين", "يقين", "يوشع", "يلماز", "يلدز",
    "تامر", "توفيق", "تركي", "تحسين", "تيسير", "تغريد", "تقي", "تمام", "تماضر", "تسنيم",
    "تهاني", "تارا", "تميم", "توما", "تيماء", "تالا", "تاج", "تحرير", "تهامي", "تمارا",
)  # fmt: skip
# Headlines' commonest verbs (he-forms; the she-forms, تزور, are read too): the name before
# one has ended (فؤاد حسين يزور طهران). Shape alone cannot tell: ترامب in دونالد ترامب is
# ت and a stem too (is_present_verb reads shape only where no name has begun). None is a name.
NEWS_VERBS = (
    "يزور", "يستقبل", "يلتقي", "يبحث", "يؤكد", "يدعو", "يعلن", "يفتتح", "يصل", "يغادر",
    "يترأس", "يتفقد", "يشارك", "يطالب", "يوجه",
)  # fmt: skip
NAME_JOINERS = ("عبد", "أبو", "أبي", "بن", "بنت", "آل", "ابن")
DEFINITE_JOINERS = ("العبد",)  # أحمد العبد الله


def _keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(to_key(word) for word in words)


_PERSON_KEYS = MappingProxyType({to_key(w): w for w in PERSON_TITLES if " " not in w})
_OFFICE_KEYS = _keys(OFFICE_NOUNS)
_FILLER_KEYS = _keys(OFFICE_FILLERS)
_INSTITUTION_KEYS = MappingProxyType(
    {
        **{to_key(w): "organization" for w in ORGANISATION_WORDS},
        **{to_key(w): "place" for w in PLACE_WORDS},
        **{to_key(w): "group" for w in GROUP_WORDS},
        **{to_key(w): "event" for w in EVENT_WORDS},
    }
)
_BARE_PLACE_KEYS = _keys(BARE_PLACE_WORDS)
_VARIANT_PLACE_KEYS = _keys(VARIANT_PLACE_WORDS)
PLACE_TRAILER_KEYS = _keys(PLACE_TRAILERS)
NATIONALITY_KEYS = _keys(NATIONALITIES)
_DIRECTION_KEYS = _keys(DIRECTIONS)
_SPEECH_KEYS = _keys(SPEECH_VERBS)
_FUNCTION_KEYS = _keys(FUNCTION_WORDS)
_MAQSURA_KEYS = _keys(tuple(word for word in FUNCTION_WORDS if word.endswith("ى")))
_GENERIC_KEYS = _keys(GENERIC_NOUNS)
JOINER_KEYS = _keys(NAME_JOINERS)
_VERB_SHAPED_NAME_KEYS = _keys(VERB_SHAPED_NAMES)
_NEWS_VERB_KEYS = _keys(NEWS_VERBS + tuple("ت" + verb[1:] for verb in NEWS_VERBS))
_ADJECTIVE_KEYS = _keys(ADJECTIVES)
DEFINITE_JOINER_KEYS = _keys(DEFINITE_JOINERS)


def _stem_in(token: Token, keys: frozenset[str] | MappingProxyType[str, str]) -> str | None:
    """The key of ``token`` (or of it without attached و ف ب ل ك, never without ال) in keys."""
    for split in split_proclitics(token.key):
        if not split.article and split.prefix <= 2 and split.stem in keys:
            return split.stem
    return None


def person_title(token: Token) -> str | None:
    """The title or office ``token`` is (as written in PERSON_TITLES), if any."""
    stem = _stem_in(token, _PERSON_KEYS)
    return _PERSON_KEYS[stem] if stem is not None else None


def institution(token: Token) -> str | None:
    """'organization' or 'place' when ``token`` is an institution word without ال."""
    stem = _stem_in(token, _INSTITUTION_KEYS)
    return _INSTITUTION_KEYS[stem] if stem is not None else None


def proclitic_length(token: Token) -> int:
    """How many letters of attached و ف ب ل ك come before the institution word in token."""
    for split in split_proclitics(token.key):
        if not split.article and split.prefix <= 2 and split.stem in _INSTITUTION_KEYS:
            return split.prefix
    return 0


def is_bare_place_word(token: Token) -> bool:
    return _stem_in(token, _BARE_PLACE_KEYS) is not None


def has_bare_variant(token: Token) -> bool:
    return _stem_in(token, _VARIANT_PLACE_KEYS | _BARE_PLACE_KEYS) is not None


def is_office_noun(token: Token) -> bool:
    return _stem_in(token, _OFFICE_KEYS) is not None or institution(token) is not None


def is_filler(token: Token) -> bool:
    return token.key in _FILLER_KEYS


def is_direction(token: Token) -> bool:
    return _stem_in(token, _DIRECTION_KEYS) is not None


# Titles of people who represent a place or a body: النائب عن محافظة البصرة عدي عواد.
REPRESENTATIVES = ("النائب", "النائبة", "نائب", "نائبة", "عضو", "عضوة", "ممثل", "ممثلة")
_REPRESENTATIVE_KEYS = _keys(REPRESENTATIVES)


def is_representative(token: Token) -> bool:
    return _stem_in(token, _REPRESENTATIVE_KEYS) is not None


# Institution words that head a body's official name with ال (المنظمة الدولية للهجرة); not
# حكومة or قيادة, whose adjectives and لل… are a purpose (الحكومة العراقية للتنسيق …), nor
# منتخب, whose nationality is often the next person's (مدرب المنتخب الوطني الإسباني خيسوس …).
_BODY_KEYS = _keys(ORGANISATION_WORDS) - _keys(("حكومة", "قيادة", "مجموعة", "حركة", "منتخب"))


def is_definite_body(token: Token) -> bool:
    """ال + an institution word of a body (المنظمة, المفوضية, الهيئة, الشركة …)."""
    return any(split.article and split.stem in _BODY_KEYS for split in split_proclitics(token.key))


def is_centre(token: Token) -> bool:
    return _stem_in(token, frozenset({to_key("مركز")})) is not None


def is_adjective(token: Token) -> bool:
    return any(split.stem in _ADJECTIVE_KEYS for split in split_proclitics(token.key))


def is_speech_verb(token: Token) -> bool:
    return _stem_in(token, _SPEECH_KEYS) is not None


def is_present_verb(token: Token, surface: str) -> bool:
    """A word shaped like a present-tense verb (يستقبل, يزور, تفتتح: ي or ت and a stem of
    two letters or more, nothing attached before) and no given name of that shape: after an
    office, a headline's verb, not a name."""
    return (
        surface[:1] in ("ي", "ت")
        and len(token.key) >= 3
        and token.key not in _VERB_SHAPED_NAME_KEYS
    )


def is_news_verb(token: Token) -> bool:
    """One of a headline's commonest verbs (NEWS_VERBS), as written: no name."""
    return token.key in _NEWS_VERB_KEYS


def is_function_word(token: Token, surface: str) -> bool:
    """A number or a function word; علي (a name) is not على, though their keys are one."""
    if token.key.isdigit():
        return True
    stem = _stem_in(token, _FUNCTION_KEYS)
    return stem is not None and not (stem in _MAQSURA_KEYS and surface.endswith("ي"))


def is_generic(token: Token) -> bool:
    return any(split.stem in _GENERIC_KEYS for split in split_proclitics(token.key))


def is_definite(token: Token, surface: str) -> bool:
    """Starts with ال, maybe after و/ف (والمهجرين) or as لل (للهجرة); not أل/إل, which keys
    fold to ال (ألينا is a name)."""
    return any(
        split.article and surface[split.prefix - 2 : split.prefix] in ("ال", "لل")
        for split in split_proclitics(token.key)
    ) and not token.key.startswith(("بال", "كال"))


def is_nisba(token: Token, surface: str) -> bool:
    """A definite family name or relation (الجبوري, العلي): ال…ي, continuing a name."""
    return surface.startswith("ال") and surface.endswith("ي") and len(token.key) > 4


# Plurals and duals of place words, before a list of places: محافظتي ميسان وذي قار,
# أقضية رانية وقلعة دزة وجمجمال, مخيمات المحمودلي وتل السمن وعين عيسى.
PLACE_PLURALS = (
    "محافظات", "محافظتي", "أقضية", "قضاءي", "قضائي", "نواحي", "ناحيتي", "مخيمات", "مخيمي",
    "مدن", "مدينتي", "بلدات", "بلدتي", "قرى", "قريتي", "منافذ", "منفذي", "معابر", "معبري",
    "أحياء", "حيي", "مناطق", "منطقتي",
)  # fmt: skip
_PLACE_PLURAL_KEYS = _keys(PLACE_PLURALS)
# Words a paragraph turns on that are no place (وفي السياق، وفي المقابل،).
DISCOURSE_WORDS = (
    "السياق", "المقابل", "الأثناء", "الإطار", "الشأن", "التفاصيل", "الختام", "النهاية",
    "المحصلة", "المجمل", "الأخير", "البداية", "الوقت", "الغضون", "الأثر", "الجانب", "المضمون",
)  # fmt: skip
_DISCOURSE_KEYS = _keys(DISCOURSE_WORDS)


def is_place_plural(token: Token) -> bool:
    return _stem_in(token, _PLACE_PLURAL_KEYS) is not None


def is_discourse_word(token: Token) -> bool:
    return any(split.stem in _DISCOURSE_KEYS for split in split_proclitics(token.key))
