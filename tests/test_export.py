"""`build.py export FILE`: every published article's metadata as CSV, JSON Lines, BibTeX or
RIS, read back with a parser of each format and compared with what the article's pages
say (their citation block and JSON-LD): one place makes a citation, so they agree."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from newsarchive.assembly.exportformats import FORMATS
from newsarchive.build.engine import build
from newsarchive.cli import main
from newsarchive.cli.exporting import EXTENSIONS

from .conftest import REPO

BASE = "https://example.org/archive/"
DEMO = "2020/11/coalition-us-forces-syria-iraq"
BUDGET = "2021/03/budget-talks"  # day-precise, signed, corrected, TeX's specials, no gloss
GONE = "2019/withdrawn-report"  # year only, withdrawn, a title a spreadsheet would run
BUDGET_TITLE = "موازنة 2021: خفض 50% & زيادة {الرواتب} #العراق"
GONE_TITLE = "=1+1 تقرير سُحب"


def _write(root: Path, rel: str, text: str) -> None:
    file = root / "content" / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, "utf-8")


def _project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    gloss = root / "content" / f"en/{DEMO}.md"
    gloss.write_text(gloss.read_text("utf-8").replace('translator: ""', 'translator: "Sara Ahmed"'))
    _write(
        root,
        f"ar/{BUDGET}.md",
        f'---\ntitle: "{BUDGET_TITLE}"\ndate: "2021-03-15"\n'
        'author: ["علي حسين", "Jane_Doe"]\ndateline: "بغداد"\ntags: ["اقتصاد"]\n'
        'source:\n  name: "شفق نيوز"\n  url: "https://shafaq.com/"\n'
        '  original_url: "https://shafaq.com/ar/a?id=1&x=%20"\n'
        'corrections:\n  - date: "2021-03-16"\n    note: "صُحّح الرقم."\n---\n'
        "قال وزير المالية إن الموازنة ستصل إلى العراق قريباً.\n",
    )
    _write(
        root,
        f"ar/{GONE}.md",
        f'---\ntitle: "{GONE_TITLE}"\ndate: "2019"\n'
        'withdrawn:\n  date: 2020-01-02\n  note: "سُحب لخطأ في المصدر."\n---\n'
        "نص التقرير.\n",
    )
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site, built apart (an export needs none): what its pages cite."""
    out = tmp_path_factory.mktemp("built") / "site"
    build(project, out, BASE, search=False)
    return out


def _export(project: Path, name: str, *options: str) -> Path:
    out = project.parent / f"out-{name}"
    out.mkdir(exist_ok=True)
    target = out / name
    assert main(["export", str(target), "--root", str(project), "--base-url", BASE, *options]) == 0
    return target


def _page(site: Path, lang: str, story: str) -> str:
    return (site / lang / story / "index.html").read_text("utf-8")


def _cite(html: str) -> tuple[str, str]:
    """The page's Arabic and English citation lines, as a reader copies them (text)."""
    block = html[html.index('<section class="cite"') : html.index("</section>")]
    arabic, english = block.split("<b>In English: </b>")
    return _text(arabic), _text(english[: english.index("</p>")])


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _jsonld(html: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data: dict[str, object] = json.loads(found[0])
    return data


def test_csv_is_utf8_with_a_bom_and_says_what_the_pages_cite(project: Path, site: Path) -> None:
    data = _export(project, "archive.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Arabic as UTF-8
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["date"] for r in rows] == ["2019", "2020-11", "2021-03-15"]  # oldest first
    gone, demo, budget = rows
    for row, story in ((demo, DEMO), (budget, BUDGET)):
        arabic, english = _cite(_page(site, "ar", story))
        assert row["address"] == BASE + f"ar/{story}/"
        assert row["address"] in arabic and row["address"] in english
        assert f"«{row['title_ar']}». {row['source']}، " in arabic
        assert f"“{row['title_ar']}”" in english
    english_demo = _cite(_page(site, "en", DEMO))[1]
    assert demo["address_en"] == BASE + f"en/{DEMO}/" and demo["address_en"] in english_demo
    assert f"[{(demo['title_en'])}]" in english_demo
    assert f"Translated by {demo['translator']}. {demo['source_en']}, November 2020." in (
        english_demo
    )
    assert demo["gloss_status"] == "draft" and demo["translated"] == "2026-11-24"
    assert (demo["paragraphs_glossed"], demo["paragraphs_outdated"]) == ("3", "0")
    assert budget["address_en"] == "" and budget["title_en"] == ""  # no English page
    assert budget["authors_ar"] == "علي حسين; Jane_Doe"
    assert budget["place"] == "بغداد" and budget["tags"] == "اقتصاد"
    assert budget["original_url"] == "https://shafaq.com/ar/a?id=1&x=%20"
    assert budget["corrections"] == "2021-03-16: صُحّح الرقم."
    assert "iraq" in budget["entity_ids"].split("; ")
    assert gone["withdrawn"] == "2020-01-02" and gone["withdrawn_note"] == "سُحب لخطأ في المصدر."
    # A cell a spreadsheet would run as a formula opens with an apostrophe, which it hides.
    assert gone["title_ar"] == "'" + GONE_TITLE


def test_jsonl_gives_the_pages_entities_dates_and_translator(project: Path, site: Path) -> None:
    lines = _export(project, "archive.jsonl").read_text("utf-8").splitlines()
    records = {r["story"]: r for r in map(json.loads, lines)}
    assert list(records) == [GONE, DEMO, BUDGET]
    for story in (DEMO, BUDGET):
        page = _jsonld(_page(site, "ar", story))
        record = records[story]
        assert record["date"] == page["datePublished"]
        assert record["address"] == page["@id"]
        named = [BASE + f"ar/entities/{e['id']}/" for e in record["entities"]]
        assert named == [m["@id"] for m in page["mentions"]]  # type: ignore[attr-defined]
    english = _jsonld(_page(site, "en", DEMO))
    demo = records[DEMO]
    assert demo["address_en"] == english["@id"]
    assert english["translator"] == {"@type": "Person", "name": demo["gloss"]["translator"]}
    assert demo["title"] == {"ar": records[DEMO]["title"]["ar"], "en": english["headline"]}
    assert demo["source"]["name_en"] == english["publisher"]["name"]  # type: ignore[index]
    syria = next(e for e in demo["entities"] if e["id"] == "syria")
    assert syria == {
        "id": "syria",
        "type": "place",
        "name_ar": "سوريا",
        "name_en": "Syria",
        "count": syria["count"],
    }
    budget = records[BUDGET]
    assert budget["authors"] == {"ar": ["علي حسين", "Jane_Doe"], "en": ["علي حسين", "Jane_Doe"]}
    assert budget["corrections"] == [{"date": "2021-03-16", "note": "صُحّح الرقم."}]
    assert budget["title"]["en"] is None and budget["address_en"] is None
    gone = records[GONE]
    assert gone["withdrawn"] == {"date": "2020-01-02", "note": "سُحب لخطأ في المصدر."}
    assert gone["entities"] == [] and gone["title"]["ar"] == GONE_TITLE


def _ris(data: bytes) -> Iterator[list[tuple[str, str]]]:
    """A small RIS reader, as the specification has it: every line `XX  - value` and
    CRLF-ended, a record opened by TY and closed by `ER  - `."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    record: list[tuple[str, str]] = []
    for line in text.split("\r\n")[:-1]:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        tag, value = match.groups()
        assert (tag == "TY") == (not record), line
        if tag == "ER":
            assert value == ""
            yield record
            record = []
        else:
            record.append((tag, value))
    assert not record


def test_ris_has_a_news_record_a_page_as_its_citation_says(project: Path, site: Path) -> None:
    records = list(_ris(_export(project, "archive.ris").read_bytes()))
    by_address = {dict(r)["UR"]: r for r in records}
    assert len(records) == 5  # the three Arabic pages, and the withdrawn and demo English ones
    ar = by_address[BASE + f"ar/{BUDGET}/"]
    fields = dict(ar)
    assert fields["TY"] == "NEWS" and fields["T1"] == BUDGET_TITLE
    assert [v for t, v in ar if t == "AU"] == ["علي حسين", "Jane_Doe"]
    assert (fields["DA"], fields["PY"], fields["LA"]) == ("2021/03/15/", "2021", "Arabic")
    assert fields["PB"] == "شفق نيوز" and fields["CY"] == "بغداد" and "A4" not in fields
    assert "N1" in fields and "صُحّح الرقم." in " ".join(v for t, v in ar if t == "N1")
    en = dict(by_address[BASE + f"en/{DEMO}/"])
    english = _cite(_page(site, "en", DEMO))[1]
    assert en["A4"] == "Sara Ahmed" and f"Translated by {en['A4']}." in english
    assert f"[{(en['TT'])}]" in english and f"{en['PB']}, November 2020" in english
    assert (en["DA"], en["LA"]) == ("2020/11//", "English")
    assert "A4" not in dict(by_address[BASE + f"ar/{DEMO}/"])  # the original: no translator
    # Names as the page gives them: English on the English page where the registry has one.
    keywords = {
        lang: [v for t, v in by_address[BASE + f"{lang}/{DEMO}/"] if t == "KW"]
        for lang in ("ar", "en")
    }
    assert "سوريا" in keywords["ar"] and "Syria" in keywords["en"] and "سوريا" not in keywords["en"]
    assert dict(by_address[BASE + f"ar/{GONE}/"])["DA"] == "2019///"


def _bibtex(text: str) -> dict[str, dict[str, str]]:
    """A structural reading of BibTeX: each entry's key and fields, every field's braces
    balanced counting every brace (as bibtex and biber do, escaped or not)."""
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@article\{([^,\s{}]+),\n(.*?)\n\}\n", text, re.S):
        key, body = match.groups()
        assert key.isascii() and key not in entries
        fields: dict[str, str] = {}
        for line in body.split("\n"):
            field = re.fullmatch(r"  ([a-z]+) = (\{.*\}|[a-z]+),", line)
            assert field, line
            name, value = field.groups()
            depth = 0
            for char in value:
                depth += {"{": 1, "}": -1}.get(char, 0)
                assert depth >= 0, line
            assert depth == 0 and name not in fields, line
            fields[name] = value[1:-1] if value.startswith("{") else value
        entries[key] = fields
    assert text.count("@") == len(entries)
    return entries


def test_bibtex_is_balanced_escaped_and_cites_each_page(project: Path, site: Path) -> None:
    entries = _bibtex(_export(project, "archive.bib").read_text("utf-8"))
    assert len(entries) == 5
    budget = entries["ar-2021-03-budget-talks"]
    assert budget["title"] == (
        r"موازنة 2021: خفض 50\% \& زيادة \textbraceleft{}الرواتب\textbraceright{} \#العراق"
    )
    assert budget["author"] == r"{علي حسين} and {Jane\_Doe}"
    assert (budget["date"], budget["year"], budget["month"]) == ("2021-03-15", "2021", "mar")
    assert budget["url"] == BASE + f"ar/{BUDGET}/" and budget["language"] == "arabic"
    assert budget["journal"] == "شفق نيوز"
    demo = entries["en-2020-11-coalition-us-forces-syria-iraq"]
    english = _cite(_page(site, "en", DEMO))[1]
    assert demo["url"] in english and demo["translator"] == "{Sara Ahmed}"
    assert f"{demo['journal']}, November 2020" in english
    assert "translator" not in entries["ar-2020-11-coalition-us-forces-syria-iraq"]
    assert "month" not in entries["ar-2019-withdrawn-report"]


def test_every_format_is_the_same_bytes_each_time(project: Path) -> None:
    for name in ("a.csv", "a.jsonl", "a.bib", "a.ris"):
        first = _export(project, name).read_bytes()
        assert _export(project, name, "--force").read_bytes() == first


def test_export_needs_no_build_and_writes_nothing_else(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    target = tmp_path / "meta.jsonl"
    assert main(["export", str(target), "--root", str(root), "--base-url", BASE]) == 0
    assert len(target.read_text("utf-8").splitlines()) == 3
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # no site/, .cache/
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meta.jsonl", "project"]  # no temp


def test_the_format_may_be_named_whatever_the_extension(project: Path) -> None:
    target = project.parent / "refs.txt"
    args = ["export", str(target), "--format", "ris", "--root", str(project), "--base-url", BASE]
    assert main(args) == 0
    assert target.read_bytes().startswith(b"TY  - NEWS\r\n")


def test_the_formats_offered_are_the_formats_written() -> None:
    assert tuple(FORMATS) == EXTENSIONS


@pytest.mark.parametrize(
    ("name", "code", "said"),
    [
        (
            "meta.txt",
            2,
            "unknown export format ('.txt'): name a .csv, .jsonl, .bib or .ris file, or give "
            "--format",
        ),
        (
            "meta",
            2,
            "unknown export format (no extension): name a .csv, .jsonl, .bib or .ris file, or "
            "give --format",
        ),
        (
            "content/meta.csv",
            1,
            "is inside content/, the archive's own files: export writes outside it",
        ),
        ("content/ar/2020/11/coalition-us-forces-syria-iraq.md", 2, None),
        ("missing/meta.csv", 1, "cannot write it: {root}/missing does not exist"),
        (
            "content/site.toml/meta.csv",
            1,
            "is inside content/, the archive's own files: export writes outside it",
        ),
        ("notes.txt/meta.csv", 1, "cannot write it: {root}/notes.txt is a file, not a folder"),
        ("folder.csv", 1, "is a folder: name the file to write"),
    ],
)
def test_a_bad_target_is_refused_by_name_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, code: int, said: str | None
) -> None:
    root = _project(tmp_path)
    (root / "notes.txt").write_text("mine", "utf-8")
    (root / "folder.csv").mkdir()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    target = root / name
    assert main(["export", str(target), "--root", str(root)]) == code
    err = capsys.readouterr().err
    if said is not None:
        assert err == f"{target}: error: {said.format(root=root)}\n"
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "p")
    target = tmp_path / "library.bib"
    target.write_text("@book{mine, title = {Mine}}\n", "utf-8")
    assert main(["export", str(target), "--root", str(root), "--base-url", BASE]) == 1
    assert capsys.readouterr().err == (
        f"{target}: error: exists already: export never replaces a file (give another name, "
        "or --force)\n"
    )
    assert target.read_text("utf-8") == "@book{mine, title = {Mine}}\n"
    assert main(["export", str(target), "--root", str(root), "--base-url", BASE, "--force"]) == 0
    assert target.read_text("utf-8").startswith("@article{ar-2019-withdrawn-report,\n")


def test_content_errors_are_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "p")
    _write(root, "ar/2021/04/broken.md", '---\ntitle: "عنوان"\ndate: "2021-13"\n---\nنص.\n')
    target = tmp_path / "meta.csv"
    assert main(["export", str(target), "--root", str(root), "--base-url", BASE]) == 1
    err = capsys.readouterr().err
    assert "content/ar/2021/04/broken.md:3: error:" in err
    assert err.endswith(f"export: {target} not written (fix the errors above)\n")
    assert not target.exists()


def test_the_preview_address_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "p")
    target = tmp_path / "meta.csv"
    assert main(["export", str(target), "--root", str(root)]) == 0
    assert (
        f"{target}: warning: its addresses start with this machine's preview address "
        "(http://127.0.0.1:8000/): give --base-url, or set base_url in content/site.toml"
    ) in capsys.readouterr().err


def test_the_about_page_says_how_to_export_when_the_source_is_published(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    toml = root / "content" / "site.toml"
    toml.write_text(toml.read_text("utf-8") + 'source_url = "https://example.org/src"\n')
    build(root, root / "site", BASE, search=False)
    about = (root / "site" / "en" / "about" / "index.html").read_text("utf-8")
    assert "python build.py export FILE writes every article&#39;s metadata" in about
    arabic = (root / "site" / "ar" / "about" / "index.html").read_text("utf-8")
    assert "python build.py export FILE" in arabic
