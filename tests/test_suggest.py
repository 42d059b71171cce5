"""Registry suggestions: names after titles, quoted names, recurring word sequences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.entities.registry import Entity, Registry, parse_registry
from newsarchive.entities.suggest import Suggestion, suggest_entities

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"


def _registry(*names: str) -> Registry:
    entities = (
        Entity(f"e{i}", "other", (n,), None, None, None, None, 1) for i, n in enumerate(names)
    )
    return Registry(tuple(entities))


def _names(documents: list[tuple[str, str]], registry: Registry) -> list[str]:
    return [s.name for s in suggest_entities(documents, registry)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الجنرال كيفن كوبسي، إن", ["كيفن كوبسي"]),
        ("وقال الجنرال كوبسي خلال المؤتمر", ["كوبسي"]),
        ("الرئيس الأمريكي دونالد ترامب.", ["دونالد ترامب"]),
        ("وزير الخارجية العراقي فؤاد حسين في بغداد", ["فؤاد حسين"]),
        ("والمتحدث الرسمي العقيد واين ماروتو والناطق", ["واين ماروتو"]),
        ("العقيد كاغينز", ["كاغينز"]),
        ("العميد يحيى رسول الناطق باسم القائد العام", ["يحيى رسول"]),
        ('وزير الدفاع "مارك أسبر"', ["مارك أسبر"]),  # the quote, not the title, finds it
        ("الجنرال، ثم", []),
        ("الرئيس في بغداد", []),
        ("الرئيس", []),
    ],
)
def test_names_after_titles(text: str, expected: list[str]) -> None:
    assert _names([("a.md", text)], Registry()) == expected


@pytest.mark.parametrize(
    ("registered", "text"),
    [
        ("عبد الجبار حسن", "وقال الدكتور عبدالجبار حسن إن"),
        ("عبدالجبار حسن", "وقال الدكتور عبد الجبار حسن إن"),
    ],
)
def test_a_registered_name_with_abd_is_not_offered_written_the_other_way(
    registered: str, text: str
) -> None:
    assert _names([("a.md", text)], _registry(registered)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال مدير المكتب جون سميث John Smith إن", ["جون سميث"]),
        ("وقال الرئيس John Smith إن", []),
        ("افتتح مخيم حسن Sham أمس", ["مخيم حسن"]),
        ('قال "جون Smith" أمس', []),
    ],
)
def test_an_arabic_name_stops_at_the_first_latin_word(text: str, expected: list[str]) -> None:
    """`--yaml` pastes the name into `ar:`: a Latin gloss after it is not part of it."""
    assert _names([("a.md", text)], Registry()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقال الدكتور\u200c أحمد الربيعي إن",  # ZWNJ after the title
        "وقال الدكتور أحمد\u200d الربيعي إن",  # ZWJ inside the name
        "وقال الدكتور \u200fأحمد الربيعي\u200e إن",  # RLM and LRM around it
        "وقال الدكتور أحمـــد الربيـعي إن",  # tatweel
    ],
)
def test_invisible_characters_neither_cut_nor_stay_in_a_name(text: str) -> None:
    """Word leaves zero-width and bidi characters in pasted text: the name is read across
    them and offered as a reader sees it, ready to paste into the registry."""
    [suggestion] = suggest_entities([("a.md", "سطر\n" + text)], Registry())
    assert (suggestion.name, suggestion.places) == ("أحمد الربيعي", (("a.md", 2),))
    assert suggestion.sentence == "وقال الدكتور أحمد الربيعي إن"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('تعيين "كريستوفر ميلر" بدلا عنه', ["كريستوفر ميلر"]),
        ("تنظيم «داعش» وقوات", ["داعش"]),
        ("قال “بريت ماكغورك” أمس", ["بريت ماكغورك"]),
        ('قال "التحالف ملتزم بدعم قسد كون مهمة"', []),  # a statement, not a name
        ('"هزيمة داعش، وزواله"', []),  # punctuation inside
        ('"في"', []),
        ('"12"', []),
    ],
)
def test_quoted_names(text: str, expected: list[str]) -> None:
    assert _names([("a.md", text)], Registry()) == expected


def test_known_names_are_not_suggested() -> None:
    registry = _registry("كيفن كوبسي", "مارك إسبر", "داعش")
    text = 'الجنرال كيفن كوبسي ووزير الدفاع "مارك أسبر" وتنظيم «داعش» و"مايك بومبيو"'
    assert _names([("a.md", text)], registry) == ["مايك بومبيو"]


def test_recurring_sequences_across_documents() -> None:
    documents = [
        ("a.md", "اجتمع سعد معن جابر اليوم.\nوناقش سعد معن جابر الموازنة"),
        ("b.md", "قرر سعد معن جابر أمس"),
        ("c.md", "في سعد معن"),
    ]
    suggestions = suggest_entities(documents, Registry())
    assert [(s.name, s.count, s.places, s.reason) for s in suggestions] == [
        (
            "سعد معن جابر",
            3,
            (("a.md", 1), ("a.md", 2), ("b.md", 1)),
            "recurs in 2 documents",
        ),
    ]
    assert suggestions[0].sentence == "اجتمع سعد معن جابر اليوم."


def test_recurrence_in_one_document_is_not_enough() -> None:
    text = "سعد معن ثم سعد معن"
    assert _names([("a.md", text)], Registry()) == []


def test_counts_every_occurrence_with_proclitics_and_merges_reasons() -> None:
    documents = [
        ("a.md", 'قال الجنرال كوبسي إن\nوأكد كوبسي أن "كوبسي"'),
        ("b.md", "ولكوبسي رأي"),
    ]
    (suggestion,) = suggest_entities(documents, Registry())
    assert suggestion == Suggestion(
        "كوبسي",
        4,
        (("a.md", 1), ("a.md", 2), ("b.md", 1)),
        "after the title الجنرال; quoted",
        "person",
        "قال الجنرال كوبسي إن",
    )


def test_sorted_by_count_then_name() -> None:
    text = '"بغداد" "البصرة" "أربيل" "البصرة"'
    assert _names([("a.md", text)], Registry()) == ["البصرة", "أربيل", "بغداد"]


def test_seed_article_is_fully_known_to_the_registry() -> None:
    registry, _ = parse_registry(
        (REPO / "content" / "entities.yaml").read_text(encoding="utf-8"), "content/entities.yaml"
    )
    text = SEED.read_text(encoding="utf-8")
    assert suggest_entities([("seed.txt", text)], registry) == ()
    unknown = _names([("seed.txt", text)], Registry())
    for name in ("كيفن كوبسي", "واين ماروتو", "دونالد ترامب", "مارك أسبر", "داعش", "قسد"):
        assert name in unknown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنت وزيرة الهجرة والمهجرين إيفان فائق جابرو، يوم", "إيفان فائق جابرو"),
        ("قال المتحدث باسم الوزارة علي عباس جهاكير لشفق نيوز", "علي عباس جهاكير"),
        ("أكد المستشار المالي لرئيس الوزراء مظهر محمد صالح أن", "مظهر محمد صالح"),
        ("وقال مستشار الأمن القومي قاسم الأعرجي إن", "قاسم الأعرجي"),
        ("طالب محافظ نينوى نجم الجبوري الحكومة الاتحادية", "نجم الجبوري"),
        ("وأكد مدير عام شركة الموانئ العراقية فرحان الفرطوسي، من جهته", "فرحان الفرطوسي"),
        ("قال مدير صحة دير الزور بشار شعيبي، في تصريح", "بشار شعيبي"),
        ("بحث رئيس مجلس محافظة الأنبار عمر دبوس مع", "عمر دبوس"),
        ("مع السفيرة الأمريكية في بغداد ألينا رومانوسكي، خطط", "ألينا رومانوسكي"),
        ("قالت الطبيبة رهف العلي من جامعة", "رهف العلي"),
        ("وقال حسن العبيدي، مدير ناحية", "حسن العبيدي"),
        ("حذر النائب عن محافظة البصرة عدي عواد، يوم", "عدي عواد"),
        ("أوضح مدير توزيع كهرباء ديالى سلام حميد الربيعي أن", "سلام حميد الربيعي"),
        ("بحضور وزير الكهرباء زياد علي فاضل لمتابعة", "زياد علي فاضل"),
        ("وقال الرئيس المشترك لمجلس الرقة المدني محمد نور الذيب، في", "محمد نور الذيب"),
        ("أعلن مدير المستشفى الطبيب أحمد العبد الله تسجيل", "أحمد العبد الله"),
        ("أكدت المتحدثة باسم مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية رنا حداد أن", "رنا حداد"),
        ("وقال مدرب المنتخب الأولمبي الإيطالي ماركو روسي إن", "ماركو روسي"),
        ("وأكد نقيب المحامين العراقيين أحمد الشمري أن", "أحمد الشمري"),
        ("وقال القيادي في تيار الحكمة فادي الشمري، إن", "فادي الشمري"),
        ("قال المتحدث باسم الشرطة خالد المحنا إن", "خالد المحنا"),  # a family name without ي
        ("قال مدير البلدية حيدر عبد الأمير للصحفيين", "حيدر عبد الأمير"),  # الأمير: no title
        ("طالب رئيس النادي كريم سلمان بتوفير الدعم", "كريم سلمان"),
        ("وقع المهاجم البرازيلي جواو سيلفا لمدة موسم", "جواو سيلفا"),
        ("قالت مديرة مرور بغداد سعاد كاظم إن", "سعاد كاظم"),
    ],
)
def test_names_after_offices(text: str, expected: str) -> None:
    suggestions = {s.name: s for s in suggest_entities([("a.md", text)], Registry())}
    assert suggestions[expected].kind == "person"
    assert [s.name for s in suggestions.values() if s.kind == "person"] == [expected]


@pytest.mark.parametrize(
    ("text", "name", "kind", "variants"),
    [
        ("أعلنت وزارة الهجرة والمهجرين، يوم", "وزارة الهجرة والمهجرين", "organization", ()),
        ("تخرج في جامعة الموصل عام", "جامعة الموصل", "organization", ()),
        ("وقالت شركة نفط الشمال إن", "شركة نفط الشمال", "organization", ()),
        ("توقفت محطة مياه الخفسة منذ", "محطة مياه الخفسة", "place", ()),
        ("إغلاق مخيم حسن شام في", "مخيم حسن شام", "place", ("حسن شام",)),
        ("عبر منفذ القائم الحدودي مع", "منفذ القائم", "place", ("القائم",)),
        ("في قضاء سنجار خلال", "قضاء سنجار", "place", ("سنجار",)),
        ("من حقول محافظة كركوك وقضاء زاخو", "محافظة كركوك", "place", ("كركوك",)),
        ("حذر برنامج الأغذية العالمي من", "برنامج الأغذية العالمي", "organization", ()),
        ("أعادت مكتبة الموصل المركزية فتح", "مكتبة الموصل المركزية", "organization", ()),
        ("لوكالة الأنباء السورية (سانا)، إن", "وكالة الأنباء السورية", "organization", ()),
        ("جنوبي مدينة الموصل.", "الموصل", "place", ("مدينة الموصل",)),
        ("في مستشفى البصرة العام ومستشفى", "مستشفى البصرة العام", "organization", ()),
        ("عبر معبر تل أبيض الحدودي مع", "معبر تل أبيض", "place", ("تل أبيض",)),
        (
            "قافلة لمفوضية الأمم المتحدة لشؤون اللاجئين إلى",
            "مفوضية الأمم المتحدة لشؤون اللاجئين",
            "organization",
            (),
        ),
        ("فاز نادي الشرطة على", "نادي الشرطة", "organization", ()),
        ("على ملعب الشعب الدولي في", "ملعب الشعب الدولي", "place", ()),  # الدولي: its name
        ("في منطقة الكرادة وسط", "منطقة الكرادة", "place", ("الكرادة",)),
        ("مع شركة توتال الفرنسية في", "شركة توتال", "organization", ()),  # not its nationality
        ("ونفت كتائب سيد الشهداء أي", "كتائب سيد الشهداء", "group", ()),
        ("تأهل إلى كأس العالم 2026", "كأس العالم", "event", ()),
        ("نقل إلى مستشفى جمهوري التعليمي في", "مستشفى جمهوري التعليمي", "organization", ()),
        ("وقالت مديرية مرور بغداد في بيان", "مديرية مرور بغداد", "organization", ()),
    ],
)
def test_names_after_institution_words(
    text: str, name: str, kind: str, variants: tuple[str, ...]
) -> None:
    suggestions = {s.name: s for s in suggest_entities([("a.md", text)], Registry())}
    assert (suggestions[name].kind, suggestions[name].variants) == (kind, variants)


def test_an_abbreviation_in_brackets_is_suggested_too() -> None:
    names = _names([("a.md", "مع شركة تسويق النفط (سومو) يضمن")], Registry())
    assert sorted(names) == ["سومو", "شركة تسويق النفط"]


def test_a_lone_surname_becomes_a_variant() -> None:
    text = "أعلنت وزيرة الهجرة إيفان فائق جابرو، أمس.\nوقالت جابرو إن"
    (suggestion,) = suggest_entities([("a.md", text)], Registry())
    assert (suggestion.name, suggestion.variants) == ("إيفان فائق جابرو", ("جابرو",))


@pytest.mark.parametrize(
    "text",
    [
        "نقل عربات عسكرية شمال شرقي محافظة الحسكة إلى داخل الأراضي العراقية.",
        "قاعدة عسكرية أمريكية في المنطقة",
        "ناقش مجلس النواب العراقي الموازنة العامة",
        "في بعقوبة، مركز محافظة ديالى، مساء",
        "شكلت لجنة برئاسة الوزير",
    ],
)
def test_no_non_names(text: str) -> None:
    registry, _ = parse_registry(
        (REPO / "content" / "entities.yaml").read_text(encoding="utf-8"), "content/entities.yaml"
    )
    names = _names([("a.md", text), ("b.md", SEED.read_text(encoding="utf-8"))], registry)
    assert not {"الأراضي العراقية", "شمال شرقي", "قاعدة عسكرية", "قاعدة عسكرية أمريكية"} & set(
        names
    )
    assert not {"مجلس النواب العراقي الموازنة", "مركز محافظة ديالى", "لجنة برئاسة"} & set(names)


def test_the_dateline_place_and_an_unknown_outlet_are_suggested() -> None:
    text = (
        '---\ntitle: "أزمة المياه"\ndate: "2024-03"\ndateline: "بغداد"\nsource:\n'
        '  name: "وكالة الأنباء العراقية"\n---\nقال مصدر في بغداد إن الأمر انتهى.\n'
    )
    suggestions = {s.name: s for s in suggest_entities([("a.md", text)], Registry())}
    assert sorted(suggestions) == ["بغداد", "وكالة الأنباء العراقية"]  # not the short title
    assert (suggestions["بغداد"].kind, suggestions["بغداد"].places) == (
        "place",
        (("a.md", 4), ("a.md", 8)),
    )
    assert suggestions["وكالة الأنباء العراقية"].kind == "organization"


@pytest.mark.parametrize(
    ("text", "unwanted", "wanted"),
    [
        (
            "تشغيل محطة جديدة لتحلية المياه في قضاء أبي الخصيب بطاقة",
            "محطة جديدة",
            "قضاء أبي الخصيب",
        ),
        ("شملت قاعات العرض الرئيسة وعدداً من القطع", "وعدداً", None),
    ],
)
def test_adjectives_and_accusatives_are_not_names(
    text: str, unwanted: str, wanted: str | None
) -> None:
    names = _names([("a.md", text)], Registry())
    assert not [name for name in names if name.startswith(unwanted)]
    assert wanted is None or wanted in names


def test_front_matter_comments_do_not_recur_as_names() -> None:
    article = (
        '---\ntitle: "{}"\ntitle_provisional: true  # derived from the lead sentence; edit and'
        ' remove\ndate: "2024-01"\n---\n{}\n'
    )
    documents = [
        ("a.md", article.format("قال مصدر إن", "قال مصدر إن الأمر انتهى.")),
        ("b.md", article.format("أعلن مصدر أن", "أعلن مصدر أن الأمر بدأ.")),
    ]
    assert _names(documents, Registry()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بالتنسيق مع المنظمة الدولية للهجرة.", ["المنظمة الدولية للهجرة"]),
        ("أعلنت المفوضية العليا المستقلة للانتخابات أمس", ["المفوضية العليا المستقلة للانتخابات"]),
        ("وقالت الشركة العامة للموانئ العراقية في بيان", ["الشركة العامة للموانئ العراقية"]),
        ("وأكدت المنظمة الدولية أن", []),  # the body named before
        ("دعت الحكومة العراقية للتنسيق", []),  # a purpose
        ("أعلن الاتحاد الأردني لكرة السلة أمس", ["الاتحاد الأردني لكرة السلة"]),
        ("قرر البنك المركزي الأردني رفع", ["البنك المركزي الأردني"]),
        ("وأيدت المحكمة الجنائية العليا الحكم", ["المحكمة الجنائية العليا"]),
        ("أكد بيان للحزب الشيوعي العراقي أن", ["الحزب الشيوعي العراقي"]),  # ل took ال's alef
        ("وأعلن البنك المركزي أن", []),  # one adjective: the bank named before
        ("وقالت الشركة الصينية في", []),
        ("أعلنت الشركة العامة لتسويق النفط (سومو) أن", ["الشركة العامة لتسويق النفط", "سومو"]),
    ],
)
def test_official_names_of_bodies(text: str, expected: list[str]) -> None:
    assert _names([("a.md", text)], Registry()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الموصل/ شفق نيوز/ أعلنت الدائرة أمس", {"الموصل": "place"}),
        ("شفق نيوز/ كركوك/ قال مصدر", {"كركوك": "place"}),
        ("الناصرية (رويترز) - قال مصدر", {"الناصرية": "place", "رويترز": "organization"}),
        ("انتهى الاجتماع.\nوفي كربلاء، أعلنت الدائرة", {"كربلاء": "place"}),
        ("انتهى الاجتماع. وفي دير الزور، قال مصدر", {"دير الزور": "place"}),
        ("انتهى الاجتماع.\nوفي السياق، أعلنت الدائرة", {}),
        ("انتهى الاجتماع.\nوفي سياق متصل، أعلنت الدائرة", {}),
        ("وصلت من محافظتي واسط وذي قار أمس", {"واسط": "place", "ذي قار": "place"}),
        (
            "في أقضية الحويجة والدبس وداقوق.",
            {"الحويجة": "place", "الدبس": "place", "داقوق": "place"},
        ),
        ("زار مدنا في مدن عراقية وسورية", {}),  # adjectives, not places
        ("وسط تبادل للاتهامات بين الطرفين", {}),
        ("في ساحة وسط المدينة", {}),
    ],
)
def test_places_named_without_a_place_word(text: str, expected: dict[str, str]) -> None:
    """A dateline pasted with the text, the place a paragraph turns to, places in a list."""
    suggestions = suggest_entities([("a.md", text)], _registry("شفق نيوز"))
    assert {s.name: s.kind for s in suggestions} == expected


@pytest.mark.parametrize(("provisional", "count"), [(True, 1), (False, 2)])
def test_a_title_made_from_the_lead_sentence_is_not_counted_again(
    provisional: bool, count: int
) -> None:
    lead = "قال وزير الخارجية فؤاد حسين إن الوفد وصل"
    flag = "title_provisional: true\n" if provisional else ""
    text = f'---\ntitle: "{lead}"\n{flag}date: "2024-01"\n---\n{lead}.\n'
    [found] = suggest_entities([("a.md", text)], Registry())
    assert (found.name, found.count) == ("فؤاد حسين", count)
    where = [("a.md", 6)] if provisional else [("a.md", 2), ("a.md", 5)]
    assert list(found.places) == where


def test_suggest_says_when_it_has_nothing_and_refuses_a_limit_below_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsarchive.cli import main

    (tmp_path / "content").mkdir()
    assert main(["entities", "suggest", "--root", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert (out, err.splitlines()[-1]) == (
        "",
        "entities suggest: nothing to suggest in 0 article(s)",
    )
    for limit in ("0", "-3", "x"):
        assert main(["entities", "suggest", "--root", str(tmp_path), "--limit", limit]) == 2
        assert "argument --limit: must be" in capsys.readouterr().err


def test_suggest_takes_the_spelling_most_of_the_archive_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One file in ten typed on a Persian keyboard, and the first met: the registry entry
    to paste is written as the other nine write the name."""
    from newsarchive.cli import main

    for number in range(10):
        name = "مصطفی الکاظمی" if number == 0 else "مصطفى الكاظمي"
        text = (
            f'---\ntitle: "خبر {number}"\ndate: "2021-03"\n---\nقال رئيس الحكومة {name} في مؤتمر '
            f"صحفي إن الخطة رقم {number} ماضية.\n\nوأضاف {name} أن الانتخابات في موعدها.\n"
        )
        path = tmp_path / f"content/ar/2021/03/a{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert main(["entities", "suggest", "--yaml", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "  ar: [مصطفى الكاظمي]\n" in out
    assert "مصطفی الکاظمی]" not in out
