"""A site is built for its base URL, baked into canonical links, feeds, sitemaps and
structured data: 0.0.0.0 (no address a browser can be sent to) is refused where it was given.
An address of this machine (the demo's 127.0.0.1:8000) is built without a word, as every
preview is: `deploy` refuses to publish such a site (test_deploy.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.cli import main

from .conftest import write

BUILD = ["build", "--no-search"]


@pytest.mark.parametrize("address", ["http://0.0.0.0:8000/", "http://[::]:8000/news/"])
def test_a_base_url_of_no_machine_on_the_command_line_is_refused(
    project: Path, address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*BUILD, "--root", str(project), "--base-url", address]) == 1
    err = capsys.readouterr().err
    assert f"--base-url:0: error: base URL '{address}' names no machine" in err
    assert "http://127.0.0.1:8000/ to preview on this machine" in err  # what to use instead
    assert not (project / "site").exists()  # nothing built, so nothing to publish by mistake


def test_a_base_url_of_no_machine_in_site_toml_is_refused_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "content/site.toml", 'title_ar = "أرشيف"\n\nbase_url = "http://0.0.0.0:8000"\n')
    assert main([*BUILD, "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/site.toml:3: error: base URL 'http://0.0.0.0:8000/' names no machine" in err


def test_a_base_url_cut_short_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BUILD, "--root", str(project), "--base-url", "http://[::1"]) == 1
    assert "base URL 'http://[::1' must look like https://" in capsys.readouterr().err


def test_a_site_built_for_its_public_address_says_nothing_of_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*BUILD, "--root", str(project), "--base-url", "https://u.github.io/n/"]) == 0
    said = capsys.readouterr()
    assert said.err == "" and ", 0 warning(s) -> " in said.out


def _feed_ids(project: Path, base_url: str) -> set[str]:
    """Every Atom id of every feed of the site built for `base_url`."""
    assert main([*BUILD, "--root", str(project), "--base-url", base_url]) == 0
    feeds = (project / "site").rglob("feed.xml")
    return {i for feed in feeds for i in re.findall(r"<id>([^<]*)</id>", feed.read_text("utf-8"))}


def test_feed_ids_keep_the_base_they_were_first_made_from_when_the_site_moves(
    project: Path,
) -> None:
    """Moved from github.io to its own domain, a site whose ids followed its base URL sent
    every article to every subscriber again as a new entry."""
    old, new = "https://u.github.io/news/", "https://news.example.org/"
    first = _feed_ids(project, old)
    assert len(first) > 20 and all(i.startswith(old) for i in first)
    assert {i.replace(old, new, 1) for i in first} == _feed_ids(project, new)  # as until now
    config = project / "content/site.toml"
    config.write_text(config.read_text("utf-8") + f'feed_ids_base = "{old}"\n', "utf-8")
    assert _feed_ids(project, new) == first
    assert new + "ar/" in (project / "site/ar/feed.xml").read_text("utf-8")  # links do move


@pytest.mark.parametrize("value", ["news.example.org", "/news/", "ftp://x.org/"])
def test_a_feed_ids_base_that_is_no_absolute_url_is_refused_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    config = project / "content/site.toml"
    lines = config.read_text("utf-8").count("\n")
    config.write_text(config.read_text("utf-8") + f'feed_ids_base = "{value}"\n', "utf-8")
    assert main([*BUILD, "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"content/site.toml:{lines + 1}: error: 'feed_ids_base' = '{value}' must be an " in err
