"""A site is built for its base URL, baked into canonical links, feeds, sitemaps and
structured data: 0.0.0.0 (no address a browser can be sent to) is refused where it was given.
An address of this machine (the demo's 127.0.0.1:8000) is built without a word, as every
preview is: `deploy` refuses to publish such a site (test_deploy.py)."""

from __future__ import annotations

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
