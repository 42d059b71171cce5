"""A result's excerpt starts where a reader can start (docs/search.md, "Results"): at the
start of the sentence that holds its first match when that is a few words back, with no
ellipsis; else a few words before the match after an ellipsis, at a word's first character,
never inside a run the page sets apart; its marks as the text writes them, within its 30
words. And a query of digits alone is no script's: it is not led to the other language's
search. In Chromium with Pagefind, on the demo archive and a few articles of the test's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

# A paragraph with no closing mark: Pagefind ends it with a full stop, as every paragraph.
OPENING = (
    "بدأت الانتخابات في المحافظة صباح اليوم وسط إجراءات أمنية مشددة في جميع المراكز "
    "الانتخابية وانتشار واسع لقوات الشرطة والجيش في الطرق المؤدية إليها"
)
# Twenty words of one sentence: a match after them is far from its sentence's start.
LONG = (
    "وأضاف المسؤول في حديثه أن الأجهزة المختصة تواصل عملها في جميع المناطق الحدودية التي "
    "شهدت خلال الأسابيع الماضية تحركات متكررة لمجموعات مسلحة"
)
# A sentence of twenty-five words after a match: the excerpt's thirty words from eight before
# it end inside the text, which would otherwise start them earlier to fill them.
TAIL = (
    " وأشار إلى أن الحكومة ستعقد اجتماعا موسعا الأسبوع المقبل لمناقشة الخطط الجديدة مع ممثلي "
    "المحافظات والنقابات والغرف التجارية وعدد من الخبراء في مجالات الزراعة والري والنقل."
)

# word searched for -> (its article's text, how its excerpt starts).
CASES = {
    # The match's sentence starts three words back: shown from there, nothing before it.
    "المراقبين": (
        f"{OPENING}\n\nوصل فريق من المراقبين الدوليين إلى مدينة كركوك لمتابعة سير الاقتراع.",
        "وصل فريق من المراقبين الدوليين",
    ),
    # Fourteen words back, more than the eight an excerpt showed before its match.
    "البنفسج": (
        "انتهت الجلسة الأولى. قال رئيس اللجنة في مؤتمر صحفي عقده مساء أمس في مقر الوزارة "
        "ببغداد إن البنفسج سيزرع في الحدائق العامة.",
        "قال رئيس اللجنة في مؤتمر صحفي",
    ),
    # Arabic question and exclamation marks and semicolon end a sentence, a closing quote
    # after the mark too.
    "الكمأة": (
        f"{OPENING} وقال أحدهم: «هل انتهى الأمر؟» ثم أعلن الوزير أن الكمأة وفيرة.",
        "ثم أعلن الوزير أن الكمأة",
    ),
    "الكرز": (f"{OPENING}! ثم أعلن الوزير أن الكرز وفير.", "ثم أعلن الوزير أن الكرز"),
    "الفستق": (f"{OPENING}؛ ثم أعلن الوزير أن الفستق وفير.", "ثم أعلن الوزير أن الفستق"),
    # The sentence starts too far back: eight words before the match, the first of them
    # whole (لـ«السومرية», not السومرية»).
    "الزنبق": (
        f"{LONG} وقال مسؤول لـ«السومرية» إن الطلب في الأسواق المحلية ارتفع على الزنبق هذا العام."
        f"{TAIL}",
        "… لـ«السومرية» إن الطلب في الأسواق المحلية ارتفع على الزنبق",
    ),
    # …nor inside a Latin run: U.S. Central Command whole, not "… Command".
    "الياسمين": (
        f"{LONG} وذكرت U.S. Central Command في بيان صدر اليوم أن شحنة الياسمين وصلت إلى الميناء.{TAIL}",
        "… U.S. Central Command في بيان صدر اليوم أن شحنة الياسمين",
    ),
    # A variant marked as the text writes it (typed الاقحوان, written الأقحوان).
    "الاقحوان": (
        f"{OPENING}\n\nوقالت البلدية إن الأقحوان سيزرع قريبا.",
        "وقالت البلدية إن الأقحوان",
    ),
}
# A paragraph ending in a closing quote, or in a colon before one, ends its sentence: the
# search record marks its end (searchtext.PARAGRAPH_END), which Pagefind gives no full stop.
CASES["الزعفران"] = (
    f"{OPENING}\n\nوقال الوزير:\n\n«{LONG}»\n\nوأكد أن الزعفران سيزرع في الحقول.",
    "وأكد أن الزعفران",
)
CASES["الخزامى"] = (
    f"{LONG} وقال الوزير في كلمته أمام البرلمان:\n\n«إن زراعة الخزامى ستتوسع هذا العام»",
    "«إن زراعة الخزامى",
)
MARKED = {"الاقحوان": ["الأقحوان"], "الزنبق": ["الزنبق"], "الياسمين": ["الياسمين"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {
        f"content/ar/2023/06/start-{i}.md": f'---\ntitle: "خبر {i}"\ndate: "2023-06-{i + 1:02d}"\n'
        f"---\n{text}\n"
        for i, (text, _) in enumerate(CASES.values())
    }
    with demo_site_with(tmp_path_factory.mktemp("excerpt-start"), files) as base:
        yield base


def _excerpt(page, url: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The one result's excerpt as shown, and the words it marks."""
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]")
    assert page.locator(".search-result").count() == 1, url
    excerpt = page.locator(".search-result .excerpt")
    return excerpt.inner_text(), excerpt.locator("mark").all_inner_texts()


@pytest.mark.parametrize("sort", ["", "&sort=newest"])
@pytest.mark.parametrize("query", list(CASES))
def test_an_excerpt_starts_where_a_reader_can_start(site: str, page, query: str, sort: str) -> None:  # type: ignore[no-untyped-def]
    shown, marks = _excerpt(page, f"{site}ar/search/?q={quote(query)}{sort}")
    assert shown.startswith(CASES[query][1]), shown
    assert marks == MARKED.get(query, [query])
    assert len(shown.replace("…", " ").split()) <= 30


def _excerpt_of(page, site: str, text: str, query: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    """excerpts.js's excerpt of `text` for `query` on a page in `lang`, as HTML."""
    page.goto(f"{site}{lang}/search/")
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([text, query, lang]) => {
            const base = document.querySelector('[data-search]').dataset.base;
            const excerpts = await import(base + 'static/js/excerpts.js');
            const readings = await import(base + 'static/js/readings.js');
            return excerpts.excerpt(text, readings.queryReadings(query), {}, undefined, [], lang);
        }""",
        [text, query, lang],
    )


ENGLISH_BEFORE = (
    "The coalition moved vehicles and about fifty soldiers from its base in the countryside "
    "of the town to the crossing on Tuesday. "
)


@pytest.mark.parametrize(
    ("text", "query", "lang", "start"),
    [
        # A title's full stop ends no sentence: the sentence starts at Lt., not at Kevin.
        (
            ENGLISH_BEFORE
            + "Lt. Gen. Kevin Copsey, who leads the coalition's forces, said that the move "
            "was routine. It was planned weeks ago with the government in Baghdad and the "
            "command in the region, and more moves of the kind are to follow this year.",
            "routine",
            "en",
            "Lt. Gen. Kevin Copsey, who",
        ),
        # An Arabic name in English is one run: not started in its middle.
        (
            "The statement issued by the leadership of the party and read out by its "
            "spokesman in the capital late on the evening of the vote named "
            "حزب الدعوة الإسلامية and its allies as the clear winners of the count in Basra, "
            "where the turnout was the highest of the southern provinces and the count was "
            "watched by observers from the United Nations.",
            "winners",
            "en",
            '… <bdi lang="ar">حزب الدعوة الإسلامية</bdi> and',
        ),
        # A Latin run longer than the excerpt's lead: the excerpt starts after it.
        (
            f"{LONG} The statement of the command said that the forces of the coalition would "
            "stay in the region for as long as they were needed by the government وأكد الوزير "
            f"أن الياسمين وصل.{TAIL}",
            "الياسمين",
            "ar",
            "… وأكد الوزير أن <mark>الياسمين</mark>",
        ),
    ],
    ids=["title", "arabic-run", "long-latin-run"],
)
def test_an_excerpt_starts_at_no_title_and_in_no_run(  # type: ignore[no-untyped-def]
    site: str, page, text: str, query: str, lang: str, start: str
) -> None:
    assert _excerpt_of(page, site, text, query, lang).startswith(start)


def _offered(page, url: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The lines above a search's results once it is done: (text, link) of each."""
    page.goto(url)
    page.wait_for_function(
        """() => document.querySelector('[data-search][data-ready]') !== null
          && !document.querySelector('.search-status').textContent.endsWith('…')"""
    )
    return [
        (a.inner_text(), a.get_attribute("href")) for a in page.locator(".entity-pages a").all()
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_digits_alone_are_searched_here_and_not_led_to_the_other_language(  # type: ignore[no-untyped-def]
    site: str, page, lang: str
) -> None:
    """٥٠ is 50 to either page's index: the English page finds the translation writing 50
    and offers no Arabic search for «٥٠», as if the reader had typed Arabic."""
    assert _offered(page, f"{site}{lang}/search/?q={quote('٥٠')}") == []
    if lang == "en":
        marks = page.locator(".search-result .excerpt mark").all_inner_texts()
        assert marks == ["50"]


def test_latin_with_eastern_digits_is_led_to_the_english_search(site: str, page) -> None:  # type: ignore[no-untyped-def]
    query = "Copsey ٢٠٢٠"
    assert _offered(page, f"{site}ar/search/?q={quote(query)}") == [
        (f"ابحث في الترجمات الإنجليزية عن «{query}»", f"/en/search/?{urlencode({'q': query})}")
    ]
