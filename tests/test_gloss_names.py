"""`gloss` keeps the names notes of blocks still to translate as a new stub would write them:
a translator reads them to know whom the paragraph names, so one left from an older registry
(a variant taken out, an English name changed) misleads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.cli import main
from newsarchive.content.gloss import fingerprint, parse_gloss
from newsarchive.content.glossedit import ParagraphAid, stub_text, updated_gloss

REL = "en/2020/11/story.md"
PARAS = ["قال الوزير السوداني الأسبق إن الوضع مستقر.", "وصل الوفد إلى بغداد.", "انتهى الاجتماع."]
PRINTS = [fingerprint(p) for p in PARAS]
GLOSS = "content/en/2020/11/coalition-us-forces-syria-iraq.md"
ARTICLE = "content/ar/2020/11/coalition-us-forces-syria-iraq.md"


def _aids(*names: tuple[str, ...]) -> list[ParagraphAid]:
    return [ParagraphAid(p, n) for p, n in zip(PARAS, names, strict=True)]


def _updated(text: str, aids: list[ParagraphAid]) -> tuple[str, int]:
    parsed, diags = parse_gloss(text, REL)
    assert parsed is not None, diags
    done = updated_gloss(parsed, PRINTS, aids)
    return done.text, done.names_refreshed


@pytest.mark.parametrize(
    ("before", "now", "refreshed"),
    [
        # A variant taken out of the registry: the paragraph names nobody any more.
        ((("Mohammed Shia al-Sudani",), ("Baghdad",), ()), ((), ("Baghdad",), ()), 1),
        # An English name changed, and one given where there was none.
        (
            (("Mohammed al-Sudani",), ("بغداد (no English name yet)",), ()),
            (("Mohammed Shia al-Sudani",), ("Baghdad",), ()),
            2,
        ),
        # A name the registry now finds in a paragraph that named nobody.
        (((), ("Baghdad",), ()), ((), ("Baghdad",), ("Iraq", "Baghdad")), 1),
        # Nothing changed in the registry: nothing to refresh.
        ((("Iraq",), (), ()), (("Iraq",), (), ()), 0),
    ],
    ids=["variant removed", "english changed", "name found", "unchanged"],
)
def test_pending_blocks_read_as_a_fresh_stub(
    before: tuple[tuple[str, ...], ...], now: tuple[tuple[str, ...], ...], refreshed: int
) -> None:
    old = stub_text(PRINTS, _aids(*before))
    text, count = _updated(old, _aids(*now))
    assert text == stub_text(PRINTS, _aids(*now))
    assert count == refreshed
    assert _updated(text, _aids(*now)) == (text, 0)  # run again: nothing more to do


def test_a_translated_block_and_a_translators_own_note_are_left_alone() -> None:
    old = stub_text(PRINTS, _aids(("Mohammed al-Sudani",), ("Baghdad",), ()))
    english = "The former minister said the situation was stable."
    p1_names = "<!-- names: Mohammed al-Sudani -->"
    old = old.replace(p1_names, f"{p1_names}\n\n{english}", 1)
    mine = "<!-- ask the editor: which minister? -->"
    old = old.replace("<!-- names: Baghdad -->", f"<!-- names: Baghdad -->\n{mine}", 1)
    text, count = _updated(old, _aids((), (), ()))
    assert "<!-- names: Mohammed al-Sudani -->" in text and english in text  # p1 is translated
    assert "<!-- names: Baghdad -->" not in text and mine in text  # p2 is pending
    assert count == 1


def test_a_note_added_to_the_last_block_comes_before_a_new_paragraphs_block() -> None:
    """The file ends right after the last block's notes (a stub's of an earlier version, its
    Arabic note last): its new names note goes under its marker, as a stub has it, and the
    block of a paragraph added after it follows, apart by a blank line."""
    old = "\n".join(
        [*stub_text([], []).rstrip("\n").split("\n")]
        + [f"\n<!-- gloss p{n} {PRINTS[n - 1]} -->\n<!-- ar: {PARAS[n - 1]} -->" for n in (1, 2)]
    )
    parsed, _ = parse_gloss(old, REL)
    assert parsed is not None
    text = updated_gloss(parsed, PRINTS, _aids((), ("Baghdad",), ("Iraq",))).text
    p2 = f"<!-- gloss p2 {PRINTS[1]} -->\n<!-- names: Baghdad -->\n<!-- ar: {PARAS[1]} -->"
    p3 = f"<!-- gloss p3 {PRINTS[2]} -->\n<!-- names: Iraq -->\n<!-- ar: {PARAS[2]} -->"
    assert f"{p2}\n\n{p3}\n" in text and text.startswith(old.split("<!-- gloss p2")[0])


def _gloss(capsys: pytest.CaptureFixture[str], root: Path) -> list[str]:
    assert main(["gloss", "--root", str(root)]) == 0
    return capsys.readouterr().out.splitlines()


def test_registry_edits_reach_the_notes_translators_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The curator's case: a variant السوداني names a former minister in a paragraph still to
    translate; taken out of the registry, the next `gloss` takes its name out of the note and
    says so. An English name changed reaches the pending blocks, not the translated ones."""
    registry = project / "content/entities.yaml"
    sudani = "\n- id: mohammed-shia-al-sudani\n  type: person\n  en: Mohammed Shia al-Sudani\n"
    registry.write_text(
        registry.read_text(encoding="utf-8") + sudani + "  ar: [محمد شياع السوداني, السوداني]\n",
        encoding="utf-8",
    )
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + f"\n{PARAS[0]}\n", encoding="utf-8")
    gloss = project / GLOSS
    _gloss(capsys, project)
    assert "<!-- names: Mohammed Shia al-Sudani -->" in gloss.read_text(encoding="utf-8")

    registry.write_text(
        registry.read_text(encoding="utf-8").replace(", السوداني]", "]"), encoding="utf-8"
    )
    out = _gloss(capsys, project)
    assert "Mohammed Shia al-Sudani" not in gloss.read_text(encoding="utf-8")
    assert "0 created, 1 updated, 0 unchanged" in out
    assert "1 names note of pending blocks refreshed from the registry" in out

    registry.write_text(
        registry.read_text(encoding="utf-8").replace("en: Kevin Copsey", "en: Kevin J. Copsey"),
        encoding="utf-8",
    )
    out = _gloss(capsys, project)
    text = gloss.read_text(encoding="utf-8")
    assert "2 names notes of pending blocks refreshed from the registry" in out  # p4, p11
    assert "<!-- names: Kevin Copsey; Syrian Democratic Forces; Islamic State -->" in text  # p5
    assert text.count("Kevin J. Copsey") == 2
    assert _gloss(capsys, project)[-1] == "0 created, 0 updated, 1 unchanged"
