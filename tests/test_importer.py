"""Import: raw seed text -> content file, dateline detection, verbatim paragraphs, no clobbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.articles import parse_article
from newsarchive.content.importer import import_article, split_dateline

from .conftest import SEED, seed_paragraphs


@pytest.mark.parametrize(
    ("paragraph", "source", "rest"),
    [
        ("شفق نيوز/ قال التحالف", "شفق نيوز", "قال التحالف"),
        ("بغداد (رويترز) - قال مسؤول", "رويترز", "قال مسؤول"),
        ("قال التحالف الدولي، يوم الثلاثاء", None, "قال التحالف الدولي، يوم الثلاثاء"),
    ],
)
def test_dateline(paragraph: str, source: str | None, rest: str) -> None:
    assert split_dateline(paragraph) == (source, rest)


def test_seed_imports_with_every_paragraph_and_source() -> None:
    imported = import_article(SEED.read_text(encoding="utf-8"), "2020-11", slug="seed")
    raw = seed_paragraphs()
    assert imported.source_name == "شفق نيوز"
    assert len(imported.paragraphs) == 13
    assert imported.paragraphs[0] == raw[0].removeprefix("شفق نيوز/ ")
    assert imported.paragraphs[1:] == tuple(raw[1:])
    assert imported.title_provisional
    article, diags = parse_article(imported.markdown, imported.rel_path)
    assert diags == () and article is not None
    assert article.title_provisional
    assert article.date.iso() == "2020-11"


def test_markdown_syntax_in_raw_text_is_escaped() -> None:
    imported = import_article(
        "1. أولا *نجمة* <b>x</b> [رابط](javascript:x)\n# عنوان", "2020", slug="x"
    )
    assert "\\*نجمة\\*" in imported.markdown
    assert "\\<b\\>" in imported.markdown
    assert "\n\\# عنوان" in imported.markdown
    assert imported.markdown.count("1\\. ") == 1


def test_import_needs_a_real_date() -> None:
    with pytest.raises(ValueError, match="date"):
        import_article("نص", "last week", slug="x")


def test_cli_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    args = ["import", str(SEED), "--date", "2020-11-17", "--slug", "seed", "--root", str(tmp_path)]
    assert main(args) == 0
    target = tmp_path / "content/ar/2020/11/seed.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nتعديل المحرر\n", encoding="utf-8")
    before = target.read_bytes()
    assert main([*args, "--title", "عنوان"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before
