"""Search lists exactly the articles that hold the query, in Chromium with Pagefind.

The expected result of every query is computed here, in Python, from the articles' text and
the entity registry by the rule of docs/search.md ("Which articles match"), and compared
with what the search page lists: no extra article and no missing one. The stemmer is the
Snowball Arabic stemmer (the snowballstemmer package), the algorithm Pagefind stems with.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import snowballstemmer
import yaml

from newsarchive.build.engine import build

from .conftest import REPO, write
from .webtools import listed_paths, serve_folder

pytestmark = pytest.mark.browser

# Articles the other tests have not seen, in two more years (two more index parts).
ARTICLES = {
    "ar/2021/03/train-camp.md": (
        "2021-03-02",
        "قطار جديد يصل إلى مخيم الهول",
        "وصل قطار محمل بالمساعدات إلى مخيم الهول، واستقبله الأهالي في المحطة.",
    ),
    "ar/2021/06/football.md": (
        "2021-06-12",
        "فوز المنتخب في مباراة ودية",
        "فاز المنتخب في مباراة كرة القدم أمس، وقال المدرب إن الفريق لعب بشجاعة.",
    ),
    "ar/2021/09/museum.md": (
        "2021-09-20",
        "متحف في المدينة القديمة",
        "وللقطارات القديمة متحف في المدينة، وبالقطار يصل الزوار إليه من العاصمة.",
    ),
    "ar/2022/01/elections.md": (
        "2022-01-10",
        "نتائج الانتخابات البلدية",
        "أعلنت اللجنة نتائج الانتخابات البلدية، وبلغت نسبة المشاركة في الانتخابات أربعين "
        "بالمئة. وقال رئيس اللجنة إن الانتخابات المقبلة ستجري في الربيع.",
    ),
    "ar/2022/02/weather.md": (
        "2022-02-14",
        "أمطار غزيرة في الشمال",
        "تساقطت أمطار غزيرة على مدن الشمال طوال الأسبوع، وأغلقت المدارس أبوابها يومين، "
        "وأجلت النقابة اجتماعها الذي كان مخصصا لمناقشة الانتخابات إلى الشهر المقبل، "
        "وقالت هيئة الأرصاد إن الطقس سيتحسن تدريجيا مع نهاية الأسبوع.",
    ),
    "ar/2022/03/hospital.md": (
        "2022-03-08",
        "توزيع أدوية في المستشفيات",
        "قال مسوول في مستشفي المدينه إن الهيية الصحية وزعت الادوية على المرضي.",
    ),
    "ar/2022/04/meeting.md": (
        "2022-04-01",
        "لقاء في البيت الأبيض",
        "التقى ترمب بوزير الخارجية في البيت الأبيض لبحث الملف السوري.",
    ),
    "ar/2022/05/market.md": (
        "2022-05-05",
        "سوق الفخار",
        "باع التاجر زير الماء في السوق القديم بثمن زهيد.",
    ),
    "ar/2022/06/withdrawal.md": (
        "2022-06-03",
        "انسحاب قوات من الحدود",
        "انسحبت قوات من الحدود الشرقية صباح اليوم، وقال شهود إن قوات أخرى ستبقى قرب المعابر، "
        "وإن قوات الحرس تراقب الطرق.",
    ),
    "ar/2022/07/parade.md": (
        "2022-07-14",
        "عرض في الساحة الكبرى",
        "شاهد الأهالي عرضا في الساحة الكبرى أمس، وشاركت فيه فرق موسيقية وطلاب المدارس، "
        "وحضرته القوات والضيوف من المدن المجاورة، وامتد العرض حتى المساء، ثم عاد الناس "
        "إلى بيوتهم في الحافلات التي وفرتها البلدية للزوار.",
    ),
    "ar/2022/08/clinic.md": (
        "2022-08-09",
        "افتتاح مستشفى جديد للأطفال",
        "افتتح مستشفى جديد للأطفال في الحي الشرقي، ويضم المستشفى مئتي سرير. وقال مدير "
        "المستشفى إن فريق كرة السلة في المدرسة المجاورة تبرع بريع مباراته للمستشفى.",
    ),
    # One hamza seated by two newsrooms: Egyptian ئ and ء (مسئول شئون شئ ببطئ برئ يقرءون),
    # Iraqi and Levantine ؤ and ء (مسؤول شؤون شيء ببطء بريء يقرؤون); and بري (ground), which
    # بريء (innocent) is not.
    "ar/2022/09/ministry.md": (
        "2022-09-04",
        "مسئول في وزارة الشئون",
        "قال مسئول في وزارة الشئون الاجتماعية إن كل شئ يسير ببطئ، وإن المتهم برئ، وإن "
        "الموظفين يقرءون الشكاوى.",
    ),
    "ar/2022/10/committee.md": (
        "2022-10-04",
        "لجنة لشؤون الطلاب",
        "قال مسؤول في لجنة شؤون الطلاب إن أي شيء لم يتغير، وإن العمل يسير ببطء، وإن زميلهم "
        "بريء، وإن الطلاب يقرؤون الصحف.",
    ),
    "ar/2022/11/ground.md": (
        "2022-11-04",
        "هجوم بري قرب النهر",
        "شن الجيش هجوما بريا قرب النهر، وغمرت السيول الطرق الزراعية.",
    ),
}
DEMO = "ar/2020/11/coalition-us-forces-syria-iraq.md"
# The source a result shows is not a word of the article: its words find nothing.
SOURCES = {"ar/2022/07/parade.md": "وكالة الأنباء المستقلة"}

# Queries as readers type them: words of no article in any form (the false hits of the
# issue among them), words of one article, words of several, variant spellings, registry
# variants, multi-word queries whose words sit in different articles, quoted phrases.
QUERIES = [
    "كلمةأولى",
    "صاروخ",
    "الهولندي",
    "قطا",
    "سكك",
    "قطار",
    "الهول",
    "مخيم الهول",
    "الهول قطار",
    "كرة القدم",
    "قدم كرة",
    '"كرة القدم"',
    '"القدم كرة"',
    '"مخيم الهول"',
    '"دونالد ترامب"',
    '"كينو غابرييل"',
    "«قوات التحالف»",
    "قطار الانتخابات",
    "الانتخابات",
    "انتخابات",
    "مسؤول",
    "مستشفى",
    "هيئة",
    "مدينة",
    "ترامب",
    "دونالد ترامب",
    "ترمب",
    "زير",
    "وزير",
    "داعش",
    "أكد",
    "كينو غابرييل",
    "العراق",
    "محافظة الحسكة",
    "بالمساعدات",
    "المساعدات",
    "والقطار",
    "متحف",
    # Words of the date and source that results show, held by no article's title or text
    # (the demo's dateline names شفق نيوز in its text).
    "نوفمبر",
    "تشرين",
    "آذار",
    "2022",
    "٢٠٢٢",
    "14",
    "وكالة",
    "الأنباء",
    "المستقلة",
    "شفق",
    # The stemmer joins words as written (السلة and السل), not only their keys (السله).
    "السل",
    "السلة",
    "السله",
    "مستشفي",
    "المستشفى",
    # One hamza seated otherwise (ؤ, ئ or ء before و; a word's last ء or ئ, after ي or not),
    # and words that are not its variants (بري, ground, is not بريء, innocent).
    "مسئول",
    "مسؤولية",
    "شئون",
    "الشؤون",
    "شيء",
    "شئ",
    "ببطء",
    "بطئ",
    "يقرؤون",
    "يقرئون",
    "بريء",
    "برئ",
    "بري",
    "السيول",
]

STEMMER = snowballstemmer.stemmer("arabic")
PREFIXES = (("وف", 1), ("بلك", 1))


# ---- the rule, written independently of newsarchive ----


# Persian and Kurdish keyboards' letters and Eastern digits, as the Arabic letters and digits
# (a Kurdish ە inside a word dropped); thousands in groups, which are the number they write.
KEYBOARD = str.maketrans("یکەھڕڵێۆپچڤگ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "يكههرليوبجفك" + "0123456789" * 2)
THOUSANDS = re.compile(r"(?<!\d)\d{1,3}(?:[,٬]\d{3})+(?!\d)")


def key(word: str) -> str:
    """A word with tashkeel, tatweel and hamza marks dropped, ة→ه, ى→ي and KEYBOARD folded; in the
    word a hamza seat (ؤ ئ ء) before و is و, and a last ء or ئ, with ي before it or not, is ء."""
    composed = re.sub(r"ە(?=[^\W\d_])", "", unicodedata.normalize("NFC", word))
    composed = re.sub(r"(?<=\w)[ؤئء](?=و)", "و", composed)
    composed = re.sub(r"(?<=\w)[يى]?[ئء]$", "ء", composed)
    decomposed = unicodedata.normalize("NFKD", composed.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    folded = kept.translate(str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", **KEYBOARD}))
    return unicodedata.normalize("NFC", folded)


def written(word: str) -> str:
    """A word as Pagefind indexes its text: lower case, combining marks (tashkeel, and the
    hamza that NFD splits off its seat) dropped; ة and ى kept."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")
    return unicodedata.normalize("NFC", kept)


def readings(word: str) -> set[str]:
    """The word and what is left after stripping و/ف, then ب/ل/ك, then ال (stems of 2+ letters);
    ل + ال is written لل."""
    k = key(word)
    found = {k}
    for conj in [0, 1] if k[:1] in "وف" else [0]:
        for prep in [conj, conj + 1] if k[conj : conj + 1] in ("ب", "ل", "ك") else [conj]:
            rest = k[prep:]
            stems = [rest] if prep > 0 else []
            if rest.startswith("ال"):
                stems.append(rest[2:])
            elif prep > conj and k[conj] == "ل" and rest.startswith("ل"):
                stems += ["ال" + rest[1:], rest[1:]]
            found.update(s for s in stems if len(s) >= 2 and s != "ال")
    return found


def words(text: str) -> list[str]:
    """The words of a text, each with the tashkeel written on it (ألفًا is one word)."""
    return re.findall(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670])+", text)


@dataclass(frozen=True)
class Article:
    url: str
    text: str  # title and body
    names: tuple[str, ...]  # every registry name of the entities it mentions

    def stems(self) -> set[str]:
        forms = {r for w in words(self.text) + words(" ".join(self.names)) for r in readings(w)}
        forms |= {key(w) for w in words(self.text)} | {written(w) for w in words(self.text)}
        forms |= {key(re.sub("[,٬]", "", n)) for n in THOUSANDS.findall(self.text)}
        return {STEMMER.stemWord(f) for f in forms}


def holds(article: Article, query: str) -> bool:
    """Whether the article holds every word of the query in an accepted form (docs/search.md)."""
    typed = words(query)
    if not typed:  # punctuation alone (٪, ?) asks for nothing
        return False
    stems = article.stems()
    if not all({STEMMER.stemWord(r) for r in readings(w) | {written(w)}} & stems for w in typed):
        return False
    if not (query.startswith(('"', "«")) and len(typed) > 1):
        return True
    # A phrase: the words in order, spelling variants only, in the title or in the body.
    return any(
        all(i + j < len(text) and readings(w) & readings(text[i + j]) for j, w in enumerate(typed))
        for text in map(words, article.text.split("\n", 1))
        for i in range(len(text))
    )


# ---- the site ----


def _front(date: str, title: str, source: str | None = None) -> str:
    named = f'source:\n  name: "{source}"\n' if source else ""
    return f'---\ntitle: "{title}"\ndate: "{date}"\n{named}---\n'


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Article]]]:
    root = tmp_path_factory.mktemp("precision")
    shutil.copytree(REPO / "content", root / "content")
    for rel, (date, title, body) in ARTICLES.items():
        write(root, f"content/{rel}", _front(date, title, SOURCES.get(rel)) + body + "\n")
    build(root, root / "site", "http://127.0.0.1/")
    with serve_folder(root / "site") as base:
        yield base, _articles(root)


def _articles(root: Path) -> list[Article]:
    registry = yaml.safe_load((root / "content/entities.yaml").read_text(encoding="utf-8"))
    by_name = {entry["ar"][0]: entry["ar"] for entry in registry}
    found = []
    for rel in [DEMO, *ARTICLES]:
        source = (root / "content" / rel).read_text(encoding="utf-8")
        _, front, body = source.split("---\n", 2)
        title = yaml.safe_load(front)["title"]
        url = "/" + rel.removesuffix(".md") + "/"
        record = root / "site/.search" / url.strip("/") / "index.html"
        # What the article mentions is the build's business (its entity filters); what
        # the mention makes searchable is the registry's, read here.
        mentioned = re.findall(r'data-pagefind-filter="\w+">([^<]+)</li>', record.read_text())
        names = tuple(n for name in mentioned if name in by_name for n in by_name[name])
        found.append(Article(url, f"{title}\n{body}", names))
    return found


def _listed(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    return listed_paths(page, f"{base}ar/search/?q={quote(query)}")


def test_the_rule_is_not_trivial(archive: tuple[str, list[Article]]) -> None:
    _, articles = archive
    by_url = {a.url: a for a in articles}
    train = "/ar/2021/03/train-camp/"
    museum = "/ar/2021/09/museum/"
    assert {a.url for a in articles if holds(a, "قطار")} == {train, museum}
    assert not any(holds(a, "كلمةأولى") for a in articles)
    assert holds(by_url["/ar/2022/03/hospital/"], "مستشفى")  # spelt مستشفي
    assert holds(by_url["/ar/2022/04/meeting/"], "دونالد ترامب")  # spelt ترمب, a registry variant
    assert not holds(by_url["/ar/2021/06/football/"], '"القدم كرة"')
    egyptian, levantine = by_url[EGYPTIAN], by_url[LEVANTINE]
    assert holds(egyptian, "مسؤول") and holds(levantine, "مسئول")  # each writes one seat
    assert holds(egyptian, "شيء") and holds(levantine, "شئ")
    assert holds(egyptian, "الشؤون") and holds(levantine, "يقرئون")
    assert not holds(levantine, "بري")  # it writes بريء


EGYPTIAN = "/ar/2022/09/ministry/"  # writes only مسئول, شئون, شئ
LEVANTINE = "/ar/2022/10/committee/"  # writes only مسؤول, شؤون, شيء


@pytest.mark.parametrize(
    ("query", "found", "marked"),
    [
        ("مسؤول", EGYPTIAN, "مسئول"),
        ("مسئول", LEVANTINE, "مسؤول"),
        ("شيء", EGYPTIAN, "شئ"),
        ("شئ", LEVANTINE, "شيء"),
        ("الشؤون", EGYPTIAN, "الشئون"),
        ("ببطء", EGYPTIAN, "ببطئ"),
    ],
)
def test_a_hamza_seated_otherwise_finds_the_article(
    archive: tuple[str, list[Article]], page, query: str, found: str, marked: str
) -> None:  # type: ignore[no-untyped-def]
    """A reader typing one newsroom's hamza seat finds the other's article, and sees its
    word marked as the article writes it."""
    base, _ = archive
    page.set_default_timeout(10_000)
    listed = _listed(page, base, query)
    assert found in listed, listed
    result = page.locator(".search-result").nth(listed.index(found))
    assert marked in result.locator(".excerpt mark").all_inner_texts()


def test_a_word_that_only_looks_like_a_hamza_variant_is_not_found(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, _ = archive
    page.set_default_timeout(10_000)
    assert LEVANTINE not in _listed(page, base, "بري")  # ground: it writes بريء, innocent
    assert "/ar/2022/11/ground/" not in _listed(page, base, "بريء")


def test_every_query_lists_exactly_the_articles_that_hold_it(
    archive: tuple[str, list[Article]], page
) -> None:  # type: ignore[no-untyped-def]
    base, articles = archive
    page.set_default_timeout(10_000)
    wrong = {}
    for query in QUERIES:
        expected = {a.url for a in articles if holds(a, query)}
        listed = _listed(page, base, query)
        if sorted(listed) != sorted(expected):
            wrong[query] = {"extra": set(listed) - expected, "missing": expected - set(listed)}
        # Every listed article shows where it matched.
        excerpts = page.locator(".search-result .excerpt")
        unmarked = [
            i for i in range(excerpts.count()) if excerpts.nth(i).locator("mark").count() == 0
        ]
        if unmarked:
            wrong.setdefault(query, {})["unmarked"] = {listed[i] for i in unmarked}
    assert not wrong


# ---- the best match first ----
