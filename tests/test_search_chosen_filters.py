"""The filters a search is narrowed by are in sight wherever their menus are, in Chromium with
Pagefind: the menus stand on one row that scrolls sideways, in which a chosen one was out of
view (the place an entity's page set, on a phone; the source, on a laptop) while the count
and every menu in view said nothing of it. A line under the count names each chosen filter
with a button that removes it, the count says them to a screen reader, and the chosen menus
come first in the row."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from newsarchive.content.gloss import fingerprint

from .webtools import demo_site_with

pytestmark = pytest.mark.browser

PLACES = ["العراق", "سوريا"]
SOURCES = ["شفق نيوز", "وكالة الأنباء العراقية"]
WRITERS = ["علي حسين", "سارة محمد"]
YEARS = [2021, 2022, 2023]
TEXT = "قال دونالد ترامب إن التحالف الدولي يلاحق داعش في {place}، وفق التقرير."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo plus 24 articles naming a person, an organisation, a group and a place, over
    three years, from two sources, signed by two writers: a menu of every kind."""
    files = {}
    for n in range(24):
        year, place = YEARS[n % 3], PLACES[n % 2]
        files[f"content/ar/{year}/05/report-{n}.md"] = (
            f'---\ntitle: "تقرير رقم {n}"\ndate: "{year}-05-{1 + n:02d}"\n'
            f'source:\n  name: "{SOURCES[n % 2]}"\nauthor: "{WRITERS[n // 12]}"\n---\n'
            f"{TEXT.format(place=place)}\n"
        )
    # The first translated, its writer not in the registry: named in Arabic on the English page.
    files["content/en/2021/05/report-0.md"] = (
        '---\ntitle: "Report 0"\n---\n\n'
        f"<!-- gloss p1 {fingerprint(TEXT.format(place=PLACES[0]))} -->\n\n"
        "Donald Trump said the coalition is pursuing ISIS in Iraq.\n"
    )
    with demo_site_with(tmp_path_factory.mktemp("chosen-filters"), files) as base:
        yield base


# Whether `value` is drawn in the window for the reader to see: an element whose text it is, or
# a menu showing it, whose middle is inside the window and not hidden by a box that scrolls
# (what the page draws there is that element or a part of it).
SEEN = """(value) => [...document.querySelectorAll('main *')].some((element) => {
  const shows = element.tagName === 'SELECT'
    ? element.selectedOptions[0]?.textContent === value
    : element.tagName !== 'OPTION' && element.textContent === value;
  if (!shows) return false;
  const box = element.getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
  const drawn = document.elementFromPoint(x, y);
  return drawn !== null && (element === drawn || element.contains(drawn));
})"""

SETTLED = """() => document.querySelector('[data-search][data-ready]')
  && !document.querySelector('.search-status').textContent.endsWith('…')"""


def _open(browser, url: str, width: int):  # type: ignore[no-untyped-def]
    """A page of a phone's or a laptop's width, showing the search at url."""
    context = browser.new_context(viewport={"width": width, "height": 780 if width < 800 else 800})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(SETTLED)
    return context, page


@pytest.mark.parametrize(
    ("lang", "search", "value", "said"),
    [
        ("ar", {"place": "العراق"}, "العراق", "، مصفّاة حسب العراق"),  # an entity's page's link
        (
            "en",
            {"q": "Coalition", "source": "Shafaq News"},
            "Shafaq News",
            ", filtered by Shafaq News",
        ),
        ("ar", {"year": "2022"}, "2022", "، مصفّاة حسب 2022"),
        ("ar", {"author": "سارة محمد"}, "سارة محمد", "، مصفّاة حسب سارة محمد"),  # the last menu
    ],
)
@pytest.mark.parametrize("width", [360, 412, 1280])
def test_a_chosen_filter_is_in_sight_and_said_with_the_count(
    site: str, browser, lang: str, search: dict[str, str], value: str, said: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    context, page = _open(browser, f"{site}{lang}/search/?{urlencode(search)}", width)
    try:
        assert page.evaluate(SEEN, value), f"{value} is nowhere in sight at {width} px"
        # For a screen reader the count goes on with the filters; shown, it is the count alone.
        status = page.locator(".search-status")
        assert status.text_content().endswith(said)
        note = status.locator(".visually-hidden")
        assert note.text_content() == said and note.bounding_box()["width"] <= 1
        # Its menu comes first in the row of menus.
        first = page.locator(".filter-list select").first
        assert first.input_value() == value
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_each_chosen_filter_has_a_button_that_removes_it(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    search = {"place": "العراق", "year": "2022"}
    context, page = _open(browser, f"{site}ar/search/?{urlencode(search)}", 360)
    try:
        assert page.locator(".search-status").text_content() == "4 نتائج، مصفّاة حسب العراق و2022"
        line = page.locator(".chosen-filters")
        assert line.get_by_role("list", name="مصفّاة حسب:").is_visible()
        year = line.get_by_role("button", name="إلغاء عامل التصفية (السنة): 2022")
        place = line.get_by_role("button", name="إلغاء عامل التصفية (أماكن): العراق")
        place.click()
        page.wait_for_function(SETTLED)
        assert parse_qs(urlsplit(page.url).query) == {"year": ["2022"]}
        assert page.locator("select[name=place]").input_value() == ""  # its menu says "All"
        assert page.locator(".search-status").text_content() == "8 نتائج، مصفّاة حسب 2022"
        # The focus moved to the filter left, not to the top of the page.
        assert page.evaluate("document.activeElement.textContent").endswith("2022×")
        page.keyboard.press("Enter")
        page.wait_for_function(SETTLED)
        assert urlsplit(page.url).query == ""
        assert not line.is_visible()
        assert page.evaluate("document.activeElement.id") == "search-input"
        assert page.locator(".search-result").count() == 0  # no query, no filter: the hint
        # Back brings the filter, its line and its results again.
        page.go_back()
        page.wait_for_function("() => document.querySelectorAll('.search-result').length === 8")
        assert year.is_visible() and not place.is_visible()
    finally:
        context.close()


def test_arabic_names_in_the_english_line_are_marked_arabic(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    """A writer with no English name is listed in Arabic on the English page: set apart from
    the line's direction and read with an Arabic voice, as in the menu."""
    context, page = _open(browser, f"{site}en/search/?{urlencode({'author': 'علي حسين'})}", 1280)
    try:
        name = page.locator(".chosen-filters button bdi[lang=ar]")
        assert name.text_content() == "علي حسين"
    finally:
        context.close()
