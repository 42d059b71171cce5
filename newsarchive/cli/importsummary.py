"""The summary an import ends with: how many rows it imported or skipped, its problems
counted by kind, and what it did for the editor that is worth checking (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.batch import Plan
from ..content.textfiles import ENCODING_NAMES
from ..core.diagnostics import Diagnostic, counted, errors_only

NAMED_AT_MOST = 5  # files named in a note; the rest are counted


def summarised(
    plan: Plan,
    notes: Sequence[Diagnostic],
    links: Sequence[Diagnostic],
    input_errors: Sequence[Diagnostic],
) -> list[str]:
    """The summary's lines, each to be printed after `import: ` (`notes`: what reading the
    manifest did, `links`: warnings of images and links the build would refuse,
    `input_errors`: the manifest's, the registry's and the given files' errors)."""
    errors = len(errors_only(plan.problems)) + len(input_errors)
    lines = [_errors(plan, input_errors) if errors else _done(plan)]
    lines += [f"{note.path}:{note.line}: {note.message}" for note in notes]
    for encoding, files in plan.encodings.items():
        shown = ", ".join(files[:NAMED_AT_MOST])
        more = f" and {len(files) - NAMED_AT_MOST:,} more" if len(files) > NAMED_AT_MOST else ""
        lines.append(
            f"{counted(len(files), 'file')} read as {ENCODING_NAMES[encoding]}, not UTF-8: "
            f"{shown}{more} (check that their text reads right)"
        )
    renamed = sum(item.taken is not None for item in plan.planned)
    if renamed:
        lines.append(
            f"{counted(renamed, 'article')} given a free slug (-2, -3 …), as another row of "
            "the delivery makes the same path (named above)"
        )
    extras = sum(len(item.article.extras) for item in plan.planned)
    if extras:
        lines.append(
            f"{counted(extras, 'line')} that look like no part of an article "
            "(warnings above): check them"
        )
    if links:
        lines.append(
            f"{counted(len(links), 'image or link', 'images or links')} the build would "
            "refuse (warnings above; most often a photo not in content/media/): add the "
            "files or fix the links before building"
        )
    return lines


def _done(plan: Plan) -> str:
    """How many rows were imported and how many skipped, imported before."""
    made, done = len(plan.planned), len(plan.done)
    if made == 0 and done == 1:
        request, article = plan.done[0]
        return f"{request.row.file} was imported before, as {article}: skipped"
    said = f"{counted(made, 'article')} imported" if made or not done else "nothing new"
    return said + (f"; {counted(done, 'row')} imported before, skipped" if done else "")


def _errors(plan: Plan, input_errors: Sequence[Diagnostic]) -> str:
    """The problems counted by kind, and how many rows were fine."""
    kinds = dict(plan.kinds)
    if input_errors:
        kinds["in the manifest, the registry or the files given"] = len(input_errors)
    total = sum(kinds.values())
    by_kind = "; ".join(f"{kind}: {number:,}" for kind, number in kinds.items())
    fine = f"{len(plan.planned):,} ready to import"
    fine += f", {len(plan.done):,} imported before" if plan.done else ""
    return f"{counted(total, 'problem')} ({by_kind}), {fine}"
