"""What a shared link shows in WhatsApp, Telegram, X, Facebook and LinkedIn: the tags each
app reads in a page's head (docs/sharing.md), on a site published under a sub-path, parsed
from real builds; the preview's photo opened with Pillow as the apps would fetch it."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from newsarchive.build.engine import build

from .conftest import DEMO_ARTICLE
from .test_photo_sizes import camera_jpeg, saved, scene

BASE = "https://user.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq"
PHOTO = "media/2020/flood.jpg"


class Head(HTMLParser):
    """The <meta> and <link rel=canonical> of a page's head, by their property or name."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self._in_head = True
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self._in_head = False
        elif self._in_head and tag == "meta" and (found.get("property") or found.get("name")):
            key = found.get("property") or found.get("name") or ""
            self.meta.setdefault(key, []).append(found.get("content") or "")
        elif self._in_head and tag == "link" and found.get("rel") == "canonical":
            self.canonical.append(found.get("href") or "")

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def _head(site: Path, page: str) -> Head:
    return Head((site / page / "index.html").read_text("utf-8"))


def _with_photo(root: Path, photo: bytes, name: str = PHOTO) -> None:
    (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
    (root / "content" / name).write_bytes(photo)
    article = root / "content" / DEMO_ARTICLE
    text = article.read_text("utf-8")
    first = "قال التحالف الدولي"
    shown = f"![الفيضان في الحسكة](../../../{name})\n\n{first}"
    article.write_text(text.replace(first, shown, 1), "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import REPO

    root = tmp_path_factory.mktemp("previews")
    shutil.copytree(REPO / "content", root / "content")
    build(root, root / "site", BASE, search=False)
    return root / "site"


@pytest.mark.parametrize(
    ("page", "kind", "locale"),
    [
        (f"ar/{STORY}", "article", "ar_AR"),
        (f"en/{STORY}", "article", "en_US"),
        ("ar/entities/syria", "website", "ar_AR"),
        ("en/entities/syria", "website", "en_US"),
        ("ar", "website", "ar_AR"),
        ("en/2020", "website", "en_US"),
    ],
)
def test_every_page_kind_previews_with_its_title_language_and_one_absolute_address(
    site: Path, page: str, kind: str, locale: str
) -> None:
    head = _head(site, page)
    assert head.one("og:type") == kind and head.one("og:locale") == locale
    assert head.one("og:title") and head.one("description") and head.one("og:site_name")
    # X shows a link with neither twitter:card nor og:description as bare text.
    assert head.one("twitter:card") == "summary"
    # The page's address, said once, absolute, with the sub-path the site is published under.
    assert head.canonical == [f"{BASE}{page}/"]
    assert "og:url" not in head.meta
    assert "og:image" not in head.meta  # the demo article shows no photo


def test_the_english_page_previews_in_english(site: Path) -> None:
    head = _head(site, f"en/{STORY}")
    assert head.one("og:title").startswith("International coalition")
    assert head.one("description").startswith("The international coalition said")
    assert head.one("og:site_name") == "News Archive"


def test_the_description_is_cut_between_words_without_markup(project: Path) -> None:
    article = project / "content" / DEMO_ARTICLE
    first = "قال التحالف الدولي، يوم الثلاثاء،"
    marked = (
        "قال **التحالف الدولي** في [بيان](https://example.org/a) من Camp Victory، يوم الثلاثاء،"
    )
    article.write_text(article.read_text("utf-8").replace(first, marked, 1), "utf-8")
    build(project, project / "site", BASE, search=False)
    description = _head(project / "site", f"ar/{STORY}").one("description")
    assert description.startswith("قال التحالف الدولي في بيان من Camp Victory، يوم")
    assert not set("*[]()\u2066\u2067\u2068\u2069\u200e\u200f") & set(description)
    assert description.endswith(" …")
    words = set(article.read_text("utf-8").split())
    assert description.split()[-2] in words  # a whole word before the ellipsis


def test_an_article_with_a_photo_previews_it_small_enough_for_whatsapp(project: Path) -> None:
    _with_photo(project, camera_jpeg(3000, 2000))
    build(project, project / "site", BASE, search=False)
    for lang in ("ar", "en"):
        head = _head(project / "site", f"{lang}/{STORY}")
        url = head.one("og:image")
        assert url.startswith(BASE + "media/2020/flood-960w.") and url.endswith(".jpg")
        assert head.one("twitter:card") == "summary_large_image"
        data = (project / "site" / url.removeprefix(BASE)).read_bytes()
        assert len(data) <= 300_000
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG"
            assert (str(image.width), str(image.height)) == (
                head.one("og:image:width"),
                head.one("og:image:height"),
            )


def test_a_small_photo_is_previewed_as_it_is(project: Path) -> None:
    _with_photo(project, saved(scene(400, 300), "PNG"), "media/2020/map.png")
    build(project, project / "site", BASE, search=False)
    head = _head(project / "site", f"ar/{STORY}")
    assert head.one("og:image") == BASE + "media/2020/map.png"
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("400", "300")


@pytest.mark.parametrize(
    ("name", "photo"),
    [
        ("media/2020/icon.png", saved(scene(150, 150), "PNG")),  # under 200 px: no app shows it
        ("media/2020/loop.gif", saved(scene(400, 300).convert("P"), "GIF")),
    ],
)
def test_an_image_no_app_would_show_is_not_offered(project: Path, name: str, photo: bytes) -> None:
    _with_photo(project, photo, name)
    build(project, project / "site", BASE, search=False)
    head = _head(project / "site", f"ar/{STORY}")
    assert "og:image" not in head.meta and head.one("twitter:card") == "summary"


def test_a_withdrawn_article_previews_the_notice_not_its_text_or_photo(project: Path) -> None:
    _with_photo(project, camera_jpeg(1200, 800))
    article = project / "content" / DEMO_ARTICLE
    note = "سُحب المقال لخطأ في مصدره."
    text = article.read_text("utf-8")
    withdrawn = text.replace(
        "\n---\n", f'\nwithdrawn:\n  date: 2021-01-05\n  note: "{note}"\n---\n', 1
    )
    article.write_text(withdrawn, "utf-8")
    build(project, project / "site", BASE, search=False)
    for lang in ("ar", "en"):
        head = _head(project / "site", f"{lang}/{STORY}")
        assert note in head.one("description")
        assert "og:image" not in head.meta
        shown = " ".join(value for values in head.meta.values() for value in values)
        assert "يوم الثلاثاء" not in shown  # no word of the withdrawn text
        assert head.one("robots") == "noindex"
