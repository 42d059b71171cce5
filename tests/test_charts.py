"""Charts made at build time: an entity's timeline and companions, the home's articles per
year. The chart functions (pages/charts.py), then the charts of built archives against counts
made here from the content and the article pages, then an edit against a full build."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.core.model import AR_MONTHS, EN_MONTHS, PartialDate
from newsarchive.pages.charts import (
    HEIGHT,
    TOP,
    Period,
    Ranked,
    periods_of,
    periods_per_year,
    ranked_bars,
    timeline,
)
from newsarchive.pages.environment import PACKAGE_TEMPLATES, parse_strings

from .conftest import build_archive, differ_from_full, write

STRINGS = parse_strings((PACKAGE_TEMPLATES / "strings.toml").read_text(encoding="utf-8"), "")
BAR = re.compile(r"M(\d+) (\d+)v-(\d+)h(\d+)v(\d+)z")
ROW = re.compile(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>')


def _chart(periods: list[Period], lang: str) -> str:
    return str(timeline(periods, lang, STRINGS[lang], "heading"))


def _bars(html: str) -> list[tuple[int, int]]:
    """(x, height) of each bar drawn, in the order drawn."""
    path = re.search(r'class="chart-bars" d="([^"]*)"', html)
    assert path is not None
    bars = BAR.findall(path.group(1))
    assert "".join(f"M{x} {y}v-{h}h{w}v{h2}z" for x, y, h, w, h2 in bars) == path.group(1)
    return [(int(x), int(h)) for x, _, h, _, _ in bars]


def _dates(*texts: str) -> list[PartialDate]:
    return [PartialDate(*map(int, text.split("-"))) for text in texts]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2020-11", "2020-11", "2021-01"], [("2020-11", 2), ("2020-12", 0), ("2021-01", 1)]),
        (
            ["2020-01", "2022-12"],
            [(f"{y}-{m:02d}", 0) for y in (2020, 2021, 2022) for m in range(1, 13)],
        ),
        (["2020-01", "2023-01"], [("2020", 1), ("2021", 0), ("2022", 0), ("2023", 1)]),
        (["2020-05", "2020"], [("2020", 2)]),  # a date known only to its year: per year
        (["2019", "2021-03", "2021-04"], [("2019", 1), ("2020", 0), ("2021", 2)]),
    ],
)
def test_months_up_to_three_years_else_years(
    dates: list[str], expected: list[tuple[str, int]]
) -> None:
    found = [(p.date.iso(), p.count) for p in periods_of(_dates(*dates))]
    if len(expected) == 36:  # the ends counted, the months between empty
        expected[0], expected[-1] = ("2020-01", 1), ("2022-12", 1)
    assert found == expected


def test_no_articles_no_chart() -> None:
    assert periods_of([]) == () and str(timeline([], "ar", STRINGS["ar"], "h")) == ""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_bar_heights_are_proportional_to_counts(lang: str) -> None:
    counts = [3, 0, 12, 7, 1, 12, 5]
    html = _chart([Period(PartialDate(2000 + i), c) for i, c in enumerate(counts)], lang)
    bars = _bars(html)
    assert len(bars) == len([c for c in counts if c])  # an empty period draws nothing
    heights = [h for _, h in sorted(bars, reverse=lang == "ar")]  # oldest first
    for height, count in zip(heights, [c for c in counts if c], strict=True):
        assert abs(height - count * TOP / 12) <= 0.5 + 1e-9
    assert max(heights) == TOP <= HEIGHT
    assert 'viewBox="0 0 600 100"' in html and "style=" not in html


def test_time_runs_from_the_right_on_arabic_pages() -> None:
    periods = [Period(PartialDate(2020, m), m) for m in range(1, 7)]
    arabic = [x for x, _ in _bars(_chart(periods, "ar"))]
    english = [x for x, _ in _bars(_chart(periods, "en"))]
    assert arabic == sorted(arabic, reverse=True)  # January, the first, at the right
    assert english == sorted(english)
    assert [600 - x for x in arabic] == [x + w for x, w in zip(english, [40] * 6, strict=True)]


def test_arabic_month_names_on_arabic_pages_english_on_english() -> None:
    periods = [Period(PartialDate(2021, 3), 2), Period(PartialDate(2021, 4), 0)]
    arabic, english = _chart(periods, "ar"), _chart(periods, "en")
    assert ROW.findall(arabic) == [("آذار/مارس 2021", "2"), ("نيسان/أبريل 2021", "0")]
    assert ROW.findall(english) == [("March 2021", "2"), ("April 2021", "0")]
    assert "<span>آذار/مارس<br>2021</span><span>نيسان/أبريل<br>2021</span>" in arabic
    assert '<th scope="col">الشهر</th>' in arabic and '<th scope="col">Month</th>' in english
    assert not re.search("[٠-٩]", arabic)  # the site's digits: 0-9, as in its dates


# The axis under a timeline: a cell per period, a label (and on which screens) or nothing.
AXIS = re.compile(r'<p class="chart-axis" aria-hidden="true">(.*?)</p>')
AXIS_CELL = re.compile(r'<span(?: class="(\w+)-only")?>([^<]*(?:<br>[^<]*)?)</span>|<i></i>')


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_long_span_labels_round_years_between_its_ends(lang: str) -> None:
    """Twenty-five years: the first and the last labelled, and between them every tenth year
    on a phone, every fifth on a wider screen (not only the ends: a reader could not tell
    when the peak was without counting bars), each label in its year's cell."""
    html = _chart(list(periods_per_year({2000: 3, 2013: 9, 2024: 1})), lang)
    axis = AXIS.search(html)
    assert axis is not None
    cells = AXIS_CELL.findall(axis.group(1))
    assert len(cells) == 25
    labels = {text: only for only, text in cells if text}
    assert labels == {
        **{"2000": "", "2010": "", "2024": ""},
        **{"2005": "wide", "2015": "wide", "2020": "wide"},
    }
    assert [text for _, text in cells].index("2010") == 10


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_text_alternative_and_table_carry_the_same_numbers(lang: str) -> None:
    counts = {2014: 4, 2016: 9, 2017: 2, 2019: 9}
    html = _chart(list(periods_per_year(counts)), lang)
    title = re.search(r'<svg role="img" [^>]*><title>([^<]+)</title>', html)
    assert title is not None
    rows = ROW.findall(html)
    assert rows == [(str(y), str(counts.get(y, 0))) for y in range(2014, 2020)]
    # total, first and last period, the peak's count and the first period to reach it: 2019
    # has 9 too, so 2016 is not called the one busiest year
    assert re.findall(r"\d+", title.group(1)) == ["24", "2014", "2019", "9", "2016"]
    single = _chart(list(periods_per_year({2014: 4, 2016: 9, 2019: 8})), lang)
    assert re.findall(r"\d+", re.findall(r"<title>([^<]*)</title>", single)[0]) == [
        *("21", "2014", "2019", "2016", "9")
    ]
    even = _chart(list(periods_per_year({2013: 1, 2014: 1, 2015: 1})), lang)
    summary = re.findall(r"<title>([^<]*)</title>", even)[0]
    assert re.findall(r"\d+", summary) == ["3", "2013", "2015", "1"]  # no busiest year named
    one = _chart([Period(PartialDate(2020), 5)], lang)
    assert re.findall(r"<title>[^<]*</title>", one)[0].count("5") == 1 and "2020" in one


def test_ranked_bars_link_each_companion_with_a_bar_to_scale() -> None:
    rows = [Ranked("/a/", "أ", 8), Ranked("/b/", "ب", 4), Ranked("/c/", "Iraq", 1, "en")]
    arabic, english = str(ranked_bars(rows, True, "h")), str(ranked_bars(rows, False, "h"))
    for html in (arabic, english):
        links = re.findall(
            r'<li><a href="([^"]+)">(.*?)</a> <span class="count">(\d+)</span>', html
        )
        assert links == [
            ("/a/", "أ", "8"),
            ("/b/", "ب", "4"),
            ("/c/", '<bdi lang="en">Iraq</bdi>', "1"),
        ]
    assert re.findall(r"<rect( x=\"\d+\")? width=\"(\d+)\"", english) == [
        ("", "100"),
        ("", "50"),
        ("", "13"),
    ]
    assert re.findall(r"<rect x=\"(\d+)\" width", arabic) == ["50", "87"]  # ends at the right
    assert str(ranked_bars([], True, "h")) == ""
    hostile = str(ranked_bars([Ranked("/x/?a=1&b=2", "<b>x</b>", 1)], False, "<i>"))
    assert "<b>" not in hostile and "<i>" not in hostile and 'href="/x/?a=1&amp;b=2"' in hostile


# --- charts of built sites, against counts made here -------------------------------------


def _front_dates(root: Path) -> dict[str, PartialDate]:
    """Each story's date as its file's front matter says."""
    found = {}
    for file in (root / "content/ar").rglob("*.md"):
        date = re.search(r'^date: "?([0-9-]+)"?$', file.read_text(encoding="utf-8"), re.M)
        assert date is not None, file
        parts = [int(p) for p in date.group(1).split("-")][:2]
        story = file.relative_to(root / "content/ar").with_suffix("").as_posix()
        found[story] = PartialDate(*parts)
    return found


def _label(date: PartialDate, lang: str) -> str:
    if date.month is None:
        return str(date.year)
    return f"{(AR_MONTHS if lang == 'ar' else EN_MONTHS)[date.month - 1]} {date.year}"


def _expected(dates: list[PartialDate], lang: str) -> list[tuple[str, str]]:
    """Articles per period by the rule the guide states: months over at most 36, else years."""
    index = [d.year * 12 + (d.month or 1) - 1 for d in dates]
    if all(d.month for d in dates) and max(index) - min(index) < 36:
        per = Counter(index)
        span = range(min(index), max(index) + 1)
        return [(_label(PartialDate(i // 12, i % 12 + 1), lang), str(per[i])) for i in span]
    per_year = Counter(d.year for d in dates)
    span = range(min(per_year), max(per_year) + 1)
    return [(str(y), str(per_year[y])) for y in span]


def _table(html: str) -> list[tuple[str, str]]:
    figure = re.search(r'<figure class="chart">.*?</figure>', html, re.S)
    assert figure is not None
    return ROW.findall(figure.group(0))


def _naming(site: Path) -> dict[str, list[str]]:
    """The stories each entity's mentions are marked in, read from the article pages."""
    naming: dict[str, list[str]] = {}
    for page in (site / "ar").glob("[0-9]*/[0-9]*/*/index.html"):
        story = page.parent.relative_to(site / "ar").as_posix()
        for entity_id in set(
            re.findall(r'<a href="[^"]*/entities/([^/"]+)/">', page.read_text("utf-8"))
        ):
            naming.setdefault(entity_id, []).append(story)
    return naming


def test_entity_timelines_count_their_articles_per_period(archive: Path) -> None:
    dates, site = _front_dates(archive), archive / "site"
    naming = _naming(site)
    assert len(naming) > 20
    for entity_id, stories in naming.items():
        for lang in ("ar", "en"):
            html = (site / lang / "entities" / entity_id / "index.html").read_text("utf-8")
            expected = _expected([dates[s] for s in stories], lang)
            assert _table(html) == expected, (entity_id, lang)
            said = re.search(r'<svg role="img" [^>]*><title>\D*(\d+)', html)
            assert said is not None and said.group(1) == str(len(stories))


def test_a_short_span_is_shown_month_by_month(project: Path) -> None:
    for month, day in (("03", "01"), ("03", "09"), ("05", "02")):
        write(
            project,
            f"content/ar/2021/{month}/syria-{day}.md",
            f'---\ntitle: "خبر"\ndate: "2021-{month}-{day}"\n---\n\nقالت مصادر في سوريا.\n',
        )
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    arabic = (project / "site/ar/entities/syria/index.html").read_text("utf-8")
    rows = _table(arabic)
    assert rows[0] == ("تشرين الثاني/نوفمبر 2020", "1") and len(rows) == 7
    assert ("آذار/مارس 2021", "2") in rows and ("كانون الثاني/يناير 2021", "0") in rows
    english = (project / "site/en/entities/syria/index.html").read_text("utf-8")
    assert _table(english)[-1] == ("May 2021", "1")
    assert '<ol class="co-mentions chart-ranked">' in english


def test_the_home_shows_articles_per_year(archive: Path) -> None:
    per_year = Counter(d.year for d in _front_dates(archive).values())
    expected = [(str(y), str(per_year[y])) for y in range(min(per_year), max(per_year) + 1)]
    for page in ("ar/index.html", "en/index.html"):
        html = (archive / "site" / page).read_text("utf-8")
        assert _table(html) == expected, page
        # Each year that has articles leads to its page.
        lang = page[:2]
        linked = re.findall(rf'<a href="/repo/{lang}/(\d{{4}})/">\1</a> <span class="count">', html)
        assert linked == [str(y) for y in sorted(per_year, reverse=True)], page  # newest first
    # The root is a language chooser, not a third home.
    assert 'class="chart"' not in (archive / "site/index.html").read_text("utf-8")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_year_page_shows_its_articles_per_month_and_links_its_months(
    archive: Path, lang: str
) -> None:
    dates = _front_dates(archive).values()
    year = max(d.year for d in dates)
    per_month = Counter(d.month for d in dates if d.year == year and d.month is not None)
    span = range(min(per_month), max(per_month) + 1)
    html = (archive / "site" / lang / str(year) / "index.html").read_text("utf-8")
    expected = [(_label(PartialDate(year, m), lang), str(per_month[m])) for m in span]
    assert _table(html) == expected  # the empty months between shown as empty
    months = re.search(r'<ol class="months chart-ranked">.*?</ol>', html, re.S)
    assert months is not None
    links = re.findall(r'<a href="/repo/([^"]+)">([^<]+)</a> <span class="count">(\d+)', months[0])
    assert links == [
        (f"{lang}/{year}/{m:02d}/", _label(PartialDate(year, m), lang), str(n))
        for m, n in sorted(per_month.items(), reverse=True)  # newest first, as the archive
    ]
    assert 'class="article-list"' not in html  # the months' pages list the articles


def test_companions_link_their_pages_with_counts(archive: Path) -> None:
    naming = {e: set(s) for e, s in _naming(archive / "site").items()}
    entity_id = max(naming, key=lambda e: (len(naming[e]), e))
    html = (archive / "site/ar/entities" / entity_id / "index.html").read_text("utf-8")
    ranked = re.search(r'<ol class="co-mentions chart-ranked">.*?</ol>', html, re.S)
    assert ranked is not None
    rows = re.findall(
        r'<a href="/repo/ar/entities/([^/]+)/">([^<]+)</a> <span class="count">(\d+)',
        ranked.group(0),
    )
    together = {o: len(naming[o] & naming[entity_id]) for o in naming if o != entity_id}
    best = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    assert sorted((o, int(c)) for o, _, c in rows) == sorted(best)
    # Equal counts in the order of the names shown, not of the pages' ids.
    assert [(-int(c), name) for _, name, c in rows] == sorted((-int(c), n) for _, n, c in rows)


# --- edits -----------------------------------------------------------------------------------


def _add_in_a_new_year(root: Path, year: int, story: str) -> None:
    write(
        root,
        f"content/ar/{year}/01/new-year.md",
        f'---\ntitle: "خبر جديد"\ndate: "{year}-01-05"\n---\n\nقالت مصادر في سوريا.\n',
    )


def _redate_to_a_new_year(root: Path, year: int, story: str) -> None:
    """The editor's way: `move` takes the article and its gloss to the new date's folder."""
    assert main(["move", story, "--date", f"{year}-01-05", "--root", str(root)]) == 0


def _remove(root: Path, year: int, story: str) -> None:
    (root / "content/ar" / f"{story}.md").unlink()
    (root / "content/en" / f"{story}.md").unlink(missing_ok=True)  # its gloss, if any


@pytest.mark.parametrize("edit", [_add_in_a_new_year, _redate_to_a_new_year, _remove])
def test_articles_added_removed_or_redated_update_the_home_chart_as_a_full_build(
    archive: Path, tmp_path: Path, edit: Callable[[Path, int, str], None]
) -> None:
    """The home's chart counts every article: an edit that changes the count of a year
    (never patched in place) gives the home pages a full build would."""
    before = _front_dates(archive)
    new = max(d.year for d in before.values()) + 2
    edit(archive, new, min(before))  # the oldest story's path sorts first
    build_archive(archive)
    assert differ_from_full(archive, tmp_path) == []
    per_year = Counter(d.year for d in _front_dates(archive).values())
    assert per_year != Counter(d.year for d in before.values())
    expected = [(str(y), str(per_year[y])) for y in range(min(per_year), max(per_year) + 1)]
    for page in ("ar/index.html", "en/index.html"):
        assert _table((archive / "site" / page).read_text("utf-8")) == expected


def test_an_edit_that_names_an_entity_anew_updates_its_timeline(
    archive: Path, tmp_path: Path
) -> None:
    site, dates = archive / "site", _front_dates(archive)
    naming = _naming(site)
    entity, story = "donald-trump", min(set(dates) - set(naming.get("donald-trump", ())))
    file = archive / "content/ar" / f"{story}.md"
    file.write_text(file.read_text("utf-8") + "\nوقال دونالد ترامب إن القوات باقية.\n", "utf-8")
    result = build_archive(archive)
    assert result.written is not None  # patched in place, not a full build
    assert differ_from_full(archive, tmp_path) == []
    html = (site / "ar/entities" / entity / "index.html").read_text("utf-8")
    stories = [*naming.get(entity, ()), story]
    assert _table(html) == _expected([dates[s] for s in stories], "ar")
