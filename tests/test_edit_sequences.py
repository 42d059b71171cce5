"""Random sequences of editors' edits, each built by `build` or the dev server after every
save: the site is always what a cold build of the same content makes (tests/editsequences.py
says how; `python -m tests.editsequences --count 500` runs many more)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import snapshot
from .editsequences import (
    BUILDERS,
    EARLIER_ACTIONS,
    Step,
    report,
    run_sequence,
    sequence_for,
    shrink,
)

if TYPE_CHECKING:
    from newsarchive.core.diagnostics import Diagnostic
    from newsarchive.core.hosts import SiteSize

    Patched = (
        tuple[tuple[str, ...], int, tuple[Diagnostic, ...], SiteSize, tuple[Diagnostic, ...]] | None
    )

# A fixed handful, each builder in turn (the seed picks it): about 20 s of CPU for the twelve.
SEEDS = range(12)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_edit_sequence_builds_what_a_cold_build_makes(seed: int, tmp_path: Path) -> None:
    builder, steps = sequence_for(seed)
    got = run_sequence(seed, builder, steps, tmp_path / "sequence")
    assert got.divergence is None, report(seed, builder, got)
    assert got.builds >= len(steps) // 2  # built along the way, not only at the end


@pytest.mark.parametrize("seed", [26, 27])
def test_edits_folded_into_a_new_base_after_each_build_give_what_a_cold_build_makes(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every edit folds the delta into a new base (COMPACT 0), whose skeleton must say which
    articles name each entity, link each page, show each media file as they do now: folded,
    it kept the full build's, and these two sequences made entity pages a cold build does
    not make (drawn from the edits there were then)."""
    from newsarchive.build import snapshotfile

    monkeypatch.setattr(snapshotfile, "COMPACT", 0)
    builder, steps = sequence_for(seed, EARLIER_ACTIONS)
    got = run_sequence(seed, builder, steps, tmp_path / "sequence")
    assert got.divergence is None, report(seed, builder, got)


# Photos saved wider than a phone needs (renditions), shown, replaced under their names (a
# patch: new renditions, the old ones deleted), saved narrow (no renditions: a full build),
# cut short (the build fails, the edit is undone), their article deleted: step seeds drawn
# for what media_or_link does with them on the demo's content.
PHOTO_STEPS = [
    *(Step("media_or_link", s) for s in (18, 34, 6, 14, 10, 19)),
    Step("edit_paragraph", 5),
    *(Step("media_or_link", s) for s in (1, 42, 15, 26, 3, 55, 62)),
    Step("delete_article", 7),
    *(Step("media_or_link", s) for s in (59, 69)),
]


def test_photo_edits_build_what_a_cold_build_makes_after_every_step(tmp_path: Path) -> None:
    got = run_sequence(3, "mixed", PHOTO_STEPS, tmp_path / "sequence", check_every=True)
    assert got.divergence is None, report(3, "mixed", got, steps=PHOTO_STEPS)
    said = "\n".join(got.log)
    assert "saved cut short" in said and "the build failed; undone" in said


def test_every_builder_and_most_actions_are_exercised() -> None:
    """The fixed seeds cover each way of building and the edits of every kind of input."""
    drawn = [sequence_for(seed) for seed in SEEDS]
    assert {builder for builder, _ in drawn} == set(BUILDERS)
    actions = {step.action for _, steps in drawn for step in steps}
    for needed in ("edit_paragraph", "move_date", "translate_block", "add_entity", "correction"):
        assert needed in actions, needed
    assert "saved_with_an_error" in actions


def test_a_patch_that_leaves_a_page_behind_is_caught_and_shrunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison can fail: an engine whose patches leave the first page they rewrite
    as it was is caught, and the sequence shrunk to the one edit that shows it."""
    from newsarchive.build import engine

    real = engine.patch_site

    def forgetful(root: Path, edit: engine.Edit, step: Callable[[str], None]) -> Patched:
        site = edit.options.out_dir
        before = snapshot(site)
        patched = real(root, edit, step)
        if patched is not None and patched[0]:
            (site / patched[0][0]).write_bytes(before.get(patched[0][0], b""))
        return patched

    monkeypatch.setattr(engine, "patch_site", forgetful)
    # A settings edit (a full build, which is right), then two edits patched wrong.
    steps = [Step("site_settings", 1), Step("change_title", 1), Step("edit_paragraph", 2)]
    got = run_sequence(0, "build", steps, tmp_path / "sequence", check_every=True)
    assert got.divergence is not None and "cold build makes" in got.divergence
    assert got.at == 1, report(0, "build", got)
    assert len(shrink(0, "build", steps, tmp_path / "sequence", got.divergence)) == 1
