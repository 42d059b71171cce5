"""Reader views and read-later apps (Firefox's Reader View, Safari Reader, Pocket, Instapaper,
Wallabag): they keep a page's article and drop the rest, with Mozilla's Readability or rules
like it. The real Readability (tools/readability, from npm: `make readability`), run in
Debian's Chromium on built pages, must give the reader the article as the site shows it: its
headline without the site's name, its author, its language and direction, every paragraph,
the photo with its caption and credit, the table, the recording, the footnotes and the
corrections; and none of the site's header, search box, "in this article" list or citation.
An article is offered to reader mode (isProbablyReaderable); a list or an entity's page is
not (docs/sharing.md, "Reader views")."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from newsarchive.build.engine import build

from .conftest import REPO
from .sites import PACKAGE_STRINGS
from .test_media_clips import silent_mp3
from .webtools import serve_folder

pytestmark = pytest.mark.browser

READABILITY = REPO / "tools/readability/node_modules/@mozilla/readability"
STORY = "2020/11/coalition-us-forces-syria-iraq"

# Readability as Firefox runs it: on a copy of the page, after isProbablyReaderable decides
# whether to offer the reader view at all.
PARSE = """() => ({readerable: isProbablyReaderable(document),
  ...new Readability(document.cloneNode(true)).parse()})"""

ARABIC_ADDITIONS = """

![آليات عسكرية على طريق](../../../media/2020/convoy.jpg "رتل عسكري أمريكي قرب المالكية")

وبحسب بيان التحالف[^1] توزعت القوات على النحو الآتي.

| المحافظة | عدد الجنود |
| --- | --- |
| الحسكة | 50 |
| دير الزور | 30 |

![تصريح كوبسي](../../../media/2020/talk.mp3 "كوبسي في المؤتمر الصحفي، رميلان")

[^1]: بيان التحالف الدولي في المؤتمر الصحفي، رميلان.
"""


def _photo_with_credit() -> bytes:
    exif = Image.Exif()
    exif[0x013B], exif[0x8298] = "Ali Hassan", "AFP"  # Artist, Copyright
    data = io.BytesIO()
    Image.new("RGB", (900, 600), (120, 90, 60)).save(data, "JPEG", exif=exif.tobytes())
    return data.getvalue()


def _english_everywhere(gloss: str) -> str:
    """The demo gloss with every empty block given its English: a whole translation."""
    return re.sub(
        r"(<!-- gloss p(\d+) \w+ -->\n(?:<!--.*-->\n)+)\n*(?=<!-- gloss|\Z)",
        lambda m: (
            f"{m[1]}\nParagraph {m[2]} in English: the coalition's account, as translated.\n\n"
        ),
        gloss,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo archive, its article signed, dated to the day, corrected, with a photo, a
    footnote, a table and a recording, and a second article translated whole; served."""
    root = tmp_path_factory.mktemp("reader")
    shutil.copytree(REPO / "content", root / "content")
    article = root / "content/ar" / f"{STORY}.md"
    text = article.read_text(encoding="utf-8").replace(
        'date: "2020-11"\n',
        'date: "2020-11-17"\nauthor: "علي حسين"\ndateline: "الحسكة"\ncorrections:\n'
        '  - date: "2020-12-07"\n    note: "صُحّح اسم كيفن كوبسي، وكان قد ورد خطأً."\n',
    )
    article.write_text(text.rstrip("\n") + ARABIC_ADDITIONS, encoding="utf-8")
    (root / "content/media/2020").mkdir(parents=True)
    (root / "content/media/2020/convoy.jpg").write_bytes(_photo_with_credit())
    (root / "content/media/2020/talk.mp3").write_bytes(silent_mp3(3))
    gloss = root / "content/en" / f"{STORY}.md"
    english = gloss.read_text(encoding="utf-8").replace('translator: ""', 'author: "Ali Hussein"')
    gloss.write_text(english, encoding="utf-8")
    whole = "2020/11/coalition-translated-whole"
    shutil.copy(article, root / "content/ar" / f"{whole}.md")
    (root / "content/en" / f"{whole}.md").write_text(_english_everywhere(english), "utf-8")
    build(root, root / "site", "http://127.0.0.1/", search=False)
    with serve_folder(root / "site") as base:
        yield base


def _read(page: Any, url: str) -> dict[str, Any]:
    """What Readability makes of the page at url (its `textContent` with spaces collapsed)."""
    if not (READABILITY / "Readability.js").exists():
        pytest.fail(f"{READABILITY} is missing: run `make readability` (npm ci)")
    page.goto(url)
    for script in ("Readability.js", "Readability-readerable.js"):
        page.add_script_tag(path=str(READABILITY / script))
    result: dict[str, Any] = page.evaluate(PARSE)
    result["text"] = " ".join((result.get("textContent") or "").replace("\xa0", " ").split())
    return result


def _site_chrome(lang: str) -> list[str]:
    """What the site puts around every article, which a reader view leaves out."""
    t = PACKAGE_STRINGS[lang]
    return [t["cite_heading"], t["in_this_article"], t["search_button"], t["entities"]]


def test_an_arabic_article_reads_whole_in_a_reader_view_right_to_left(site: str, page) -> None:  # type: ignore[no-untyped-def]
    read = _read(page, f"{site}ar/{STORY}/")
    assert read["readerable"]
    assert (
        read["title"]
        == "التحالف الدولي: نقل قوات أمريكية من سوريا إلى العراق تحرك اعتيادي ولا انسحاب"
    )
    assert (read["byline"], read["dir"], read["lang"]) == ("علي حسين", "rtl", "ar")
    assert read["publishedTime"] == "2020-11-17"
    assert read["excerpt"].startswith("قال التحالف الدولي، يوم الثلاثاء،")
    text = read["text"]
    demo = (REPO / "content/ar" / f"{STORY}.md").read_text(encoding="utf-8").split("---\n")[2]
    for paragraph in demo.split("\n\n"):
        assert " ".join(paragraph.split()) in text
    for kept in (
        "رتل عسكري أمريكي قرب المالكية",  # the photo's caption
        "Ali Hassan",  # and its credit
        "دير الزور 30",  # the table
        "كوبسي في المؤتمر الصحفي، رميلان",  # the recording's caption
        "بيان التحالف الدولي في المؤتمر الصحفي، رميلان.",  # the footnote
        "صُحّح اسم كيفن كوبسي، وكان قد ورد خطأً.",  # the correction
    ):
        assert kept in text
    assert 'src="' in read["content"] and "convoy" in read["content"]
    assert "<audio" in read["content"]
    for chrome in _site_chrome("ar"):
        assert chrome not in text


@pytest.mark.parametrize("story", [STORY, "2020/11/coalition-translated-whole"])
def test_an_english_page_reads_in_english_left_to_right_with_its_translator_s_byline(
    site: str,
    page,  # type: ignore[no-untyped-def]
    story: str,
) -> None:
    """Translated in part (three paragraphs: too short for Readability's first pass, which
    then keeps the article's header) or whole, the English page reads as English."""
    read = _read(page, f"{site}en/{story}/")
    assert read["readerable"]
    assert (
        read["title"]
        == "International coalition: US forces' move from Syria towards Iraq is routine"
    )
    assert (read["byline"], read["dir"], read["lang"]) == ("Ali Hussein", "ltr", "en")
    assert read["publishedTime"] == "2020-11-17"
    text = read["text"]
    assert "The international coalition said on Tuesday" in text
    assert "mission of fighting ISIS is not over yet." in text
    assert "Correction, 7 December 2020, to the Arabic original:" in text
    if story != STORY:
        assert "Paragraph 13 in English" in text
        assert PACKAGE_STRINGS["en"]["side_by_side"] not in text
    for chrome in _site_chrome("en"):
        assert chrome not in text


@pytest.mark.parametrize(
    "path", ["ar/", "ar/2020/11/", "ar/entities/kevin-copsey/", "en/entities/"]
)
def test_lists_and_entity_pages_are_not_offered_to_reader_mode(site: str, page, path: str) -> None:  # type: ignore[no-untyped-def]
    assert not _read(page, site + path)["readerable"]
