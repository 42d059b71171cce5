"""Podcast apps: an article's recordings are its language-feed entries' enclosures, with the
file's absolute address, media type and size, so an app subscribed to a feed plays them
(pages/enclosures.py); parsed as apps parse them, with the real feedparser."""

from __future__ import annotations

from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.cli import main
from newsarchive.content.mediaclips import clip_type

from .test_media_clips import saved_media, silent_mp3, with_paragraphs

BASE = "https://example.github.io/repo/"
STORY = "2020/11/coalition-us-forces-syria-iraq/"


def build(project: Path) -> int:
    return main(["build", "--root", str(project), "--no-search", "--quiet", "--base-url", BASE])


def entry(project: Path, feed: str) -> feedparser.FeedParserDict:
    """The demo article's entry in a feed of the built site, as a feed reader reads it."""
    parsed = feedparser.parse((project / "site" / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    [found] = [e for e in parsed.entries if e.link.endswith(STORY)]
    return found


def enclosed(found: feedparser.FeedParserDict) -> list[tuple[str, str, int]]:
    return [(e.href, e.type, int(e.length)) for e in found.enclosures]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("talk.mp3", "audio/mpeg"),
        ("talk.M4A", "audio/mp4"),
        ("talk.ogg", "audio/ogg"),
        ("talk.oga", "audio/ogg"),
        ("talk.opus", "audio/ogg"),
        ("../media/talk.mp4?v=2#t=10", "video/mp4"),
        ("talk.webm", "video/webm"),
        ("photo.jpg", ""),
        ("talk.mp3.txt", ""),
    ],
)
def test_each_kind_of_recording_has_the_media_type_podcast_apps_choose_a_player_by(
    written: str, kind: str
) -> None:
    assert clip_type(written) == kind


def test_a_podcast_app_gets_the_recordings_an_article_plays_in_both_language_feeds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_media(
        project,
        {"statement.mp3": silent_mp3(30), "conference.webm": bytes(2_500_000), "raw.mp3": b"x"},
    )
    with_paragraphs(
        project,
        '![تصريح كوبسي](../../../media/2020/statement.mp3 "كوبسي في المؤتمر الصحفي")',
        "![المؤتمر الصحفي](../../../media/2020/conference.webm)",
        # A link to a recording is no player: nothing for an app to play in the entry.
        "[التسجيل الخام](../../../media/2020/raw.mp3)",
    )
    assert build(project) == 0, capsys.readouterr().err
    recordings = [
        (BASE + "media/2020/statement.mp3", "audio/mpeg", len(silent_mp3(30))),
        (BASE + "media/2020/conference.webm", "video/webm", 2_500_000),
    ]
    for feed in ("ar/feed.xml", "en/feed.xml"):
        assert enclosed(entry(project, feed)) == recordings, feed
    # Each address is the published file, under the site's sub-path, of the size given.
    for href, _, length in recordings:
        assert (project / "site" / href.removeprefix(BASE)).stat().st_size == length
    # Summaries that lead to the page enclose nothing: an article is in several such feeds.
    for feed in ("ar/entities/kevin-copsey/feed.xml", "en/translated/feed.xml"):
        assert entry(project, feed).enclosures == [], feed


def test_an_untranslated_articles_english_entry_still_encloses_its_recording(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/en").joinpath(STORY.rstrip("/") + ".md").unlink()
    saved_media(project, {"statement.mp3": silent_mp3(2)})
    with_paragraphs(project, "![تصريح كوبسي](../../../media/2020/statement.mp3)")
    assert build(project) == 0, capsys.readouterr().err
    english = feedparser.parse((project / "site/en/feed.xml").read_bytes()).entries[0]
    assert english.title.startswith("English title pending")
    assert enclosed(english) == [(BASE + "media/2020/statement.mp3", "audio/mpeg", 2 * 39 * 417)]


def test_a_recording_saved_again_gives_its_new_size_to_podcast_apps(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_media(project, {"statement.mp3": silent_mp3(30)})
    with_paragraphs(project, "![تصريح كوبسي](../../../media/2020/statement.mp3)")
    assert build(project) == 0, capsys.readouterr().err
    (project / "content/media/2020/statement.mp3").write_bytes(silent_mp3(40))
    assert build(project) == 0, capsys.readouterr().err  # a patch of the site
    [(_, _, length)] = enclosed(entry(project, "ar/feed.xml"))
    assert length == len(silent_mp3(40))
