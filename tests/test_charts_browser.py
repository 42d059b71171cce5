"""Entity timelines as a browser draws them: time runs from the right on Arabic pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.build.engine import build

from .conftest import write
from .webtools import serve_folder


@pytest.mark.browser
def test_the_browser_draws_time_from_the_right_on_arabic_pages(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    """As drawn: Syria is named once in November 2020 (the demo article) and twice in March
    2021, so the newest bar is the tall one. On the Arabic page it is at the left and the
    oldest label at the right; on the English page the other way round."""
    for day in ("01", "02"):
        write(
            project,
            f"content/ar/2021/03/syria-{day}.md",
            f'---\ntitle: "خبر"\ndate: "2021-03-{day}"\n---\n\nقالت مصادر في سوريا.\n',
        )
    build(project, project / "site", "https://example.github.io/repo/", search=False)
    with serve_folder(project / "site", "/repo/") as base:
        for lang, time_from_right in (("ar", True), ("en", False)):
            page.goto(f"{base}{lang}/entities/syria/")
            drawn = page.evaluate(
                """() => {
                  const svg = document.querySelector('figure.chart svg');
                  const box = svg.getBoundingClientRect();
                  const main = document.querySelector('main').getBoundingClientRect();
                  const scale = box.width / svg.viewBox.baseVal.width;
                  // high up, where only the tall bar reaches: which side is it on?
                  const y = box.top + 20 * scale;
                  const hit = (x) => document.elementFromPoint(box.left + x * scale, y)
                    .classList.contains('chart-bars');
                  const shown = [...document.querySelectorAll('.chart-axis span')]
                    .filter((s) => s.getClientRects().length > 0)
                    .map((s) => s.getBoundingClientRect().left - box.left);
                  const [first, last] = [shown[0], shown[shown.length - 1]];
                  return {tallAtLeft: hit(60), tallAtRight: hit(540), first, last,
                          width: box.width, column: main.width, height: box.height};
                }"""
            )
            assert abs(drawn["width"] - drawn["column"]) < 2 and drawn["height"] > 0
            assert drawn["tallAtLeft"] == time_from_right, (lang, drawn)
            assert drawn["tallAtRight"] == (not time_from_right), (lang, drawn)
            assert (drawn["first"] > drawn["last"]) == time_from_right, (lang, drawn)
