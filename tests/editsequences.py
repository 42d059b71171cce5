"""Random sequences of the edits editors make (tests/editactions.py, registryactions.py),
built after each edit by `build` or by the dev server, and compared with a cold build.

A build that succeeds must leave exactly the site a full build of the same content makes
from nothing; a build that fails must fail where a cold build fails too, and leave the site
as it was (then the editor undoes the edit, and the next build must succeed). Each sequence
is made from its seed alone, so a failure is replayed, and shrunk to the fewest edits that
still fail, from the seed it prints:

    .venv/bin/python -m tests.editsequences --seed 1234 --count 1
    .venv/bin/python -m tests.editsequences --seed 0 --count 500   # a long run
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.build.articlesgone import NOW_NOT_FOUND
from newsarchive.build.engine import build
from newsarchive.content.paragraphprints import LAND_ELSEWHERE, NO_CORRECTION
from newsarchive.core.diagnostics import BuildFailed, Diagnostic
from newsarchive.serve.loop import Preview

from .conftest import REPO, snapshot
from .correctionactions import correction
from .editactions import (
    Action,
    add_article,
    add_paragraph,
    change_title,
    command_output,
    date_by_hand,
    dateline_or_source,
    delete_article,
    delete_gloss,
    edit_paragraph,
    empty_block,
    english_title,
    gloss_accept,
    media_or_link,
    move_date,
    move_slug,
    moved_from,
    note_in_article,
    remove_paragraph,
    rename_by_hand,
    run_command,
    run_gloss,
    saved_with_an_error,
    set_line,
    translate_block,
    withdraw,
)
from .linkactions import english_link, site_link
from .registryactions import (
    add_entity,
    add_variant,
    english_name,
    entity_type_or_description,
    remove_or_reorder_entity,
    repeated_name,
    site_settings,
)

BASE = "https://example.github.io/repo/"
# Each action with its weight: the edits editors make most often come up most often.
ACTIONS: dict[str, tuple[Action, int]] = {
    action.__name__: (action, weight)
    for action, weight in (
        (edit_paragraph, 6),
        (add_paragraph, 3),
        (remove_paragraph, 3),
        (note_in_article, 1),
        (change_title, 3),
        (move_date, 2),
        (move_slug, 1),
        (date_by_hand, 2),
        (add_article, 3),
        (delete_article, 2),
        (rename_by_hand, 1),
        (dateline_or_source, 2),
        (moved_from, 2),
        (translate_block, 5),
        (empty_block, 2),
        (english_title, 2),
        (delete_gloss, 1),
        (run_gloss, 3),
        (gloss_accept, 2),
        (add_entity, 2),
        (add_variant, 2),
        (repeated_name, 1),
        (english_name, 2),
        (entity_type_or_description, 2),
        (remove_or_reorder_entity, 1),
        (site_settings, 2),
        (saved_with_an_error, 2),
        (media_or_link, 2),
        (site_link, 2),
        (english_link, 2),
        (correction, 3),  # as often as a title edit
        (withdraw, 2),
    )
}
# The table before `correction` and `withdraw` were added: the seeds a test keeps for what
# they once found draw the edits they drew then.
EARLIER_ACTIONS = {
    name: each for name, each in ACTIONS.items() if name not in ("correction", "withdraw")
}
# How the site is rebuilt after each edit: the command line; the dev server told the files
# its watcher saw; the dev server told nothing (it looks at every file); or any of them.
BUILDERS = ("build", "serve", "serve, unwatched", "mixed")


@dataclass(frozen=True)
class Step:
    """One edit: which action, and the seed of its random choices."""

    action: str
    seed: int


@dataclass
class Outcome:
    """What a sequence did: the divergence found (None: none) after which step, the
    builds run, and each step in words."""

    divergence: str | None = None
    at: int = -1
    builds: int = 0
    log: list[str] = field(default_factory=list)

    def fail(self, divergence: str, at: int) -> Outcome:
        self.divergence, self.at = divergence, at
        return self


def start_archive(root: Path, rng: random.Random) -> None:
    """The demo content, two to five articles more (some under one date), glossed and partly
    translated most of the time, with few articles a page so that lists have pages."""
    shutil.copytree(REPO / "content", root / "content")
    for _ in range(rng.randint(2, 5)):
        add_article(root, rng)
    if rng.random() < 0.7:
        run_command("gloss", "--root", str(root))
        for _ in range(rng.randint(0, 4)):
            translate_block(root, rng)
    per_page = rng.choice([1, 2, 3, 20])
    set_line(root / "content/site.toml", r"(?m)^per_page = \d+$", f"per_page = {per_page}")


def sequence_for(
    seed: int, actions: dict[str, tuple[Action, int]] = ACTIONS
) -> tuple[str, list[Step]]:
    """The builder and the 5 to 15 edits of a seed, drawn from `actions`."""
    rng = random.Random(seed)
    names = list(actions)
    weights = [actions[name][1] for name in names]
    steps = [
        Step(rng.choices(names, weights)[0], rng.randrange(10**6))
        for _ in range(rng.randint(5, 15))
    ]
    return BUILDERS[seed % len(BUILDERS)], steps


def cold_build(root: Path, tmp: Path, search: bool = False) -> tuple[dict[str, bytes], str] | None:
    """The site a build from nothing makes of root's content, of its search index only the
    filter values (_site), and its warnings (None: it fails)."""
    clean = tmp / "cold"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root / "content", clean / "content")
    try:
        made = build(clean, clean / "site", BASE, search=search)
    except BuildFailed:
        return None
    return _site(clean), _said(made.warnings)


def _said(warnings: Iterable[Diagnostic]) -> str:
    """Warnings as `build` prints them, one a line."""
    return "".join(f"{warning}\n" for warning in warnings)


def _site(root: Path) -> dict[str, bytes]:
    """Every file of root's site (its search records in .search/ included) but Pagefind's:
    Pagefind writes its filter chunks and metadata in another order at each run (a hash
    map's, inside its binary), and an edit leaves its parts out of the word map by design
    (build/searchmap.py). Of the index, what the search page's filter menus are made of:
    each bundle's filters.json, and the values each language's page lists from them."""
    files = snapshot(root / "site")
    kept = {p: data for p, data in files.items() if not p.startswith("pagefind/")}
    kept |= {p: data for p, data in files.items() if FILTER_LISTS.fullmatch(p)}
    if "pagefind/parts.json" in files:
        for lang, values in filter_menus(root / "site").items():
            kept[f"(the {lang} search page's filter menus)"] = json.dumps(values).encode()
    return kept


FILTER_LISTS = re.compile(r"pagefind/[^/]+/filters\.json")


def filter_menus(site: Path) -> dict[str, dict[str, list[str]]]:
    """The values each language's search page lists in its filter menus, read as the page
    reads them (templates/static/js/parts.js, readFilterValues): the word map's list, if the
    manifest names a map of the language, and the list of each part it does not map."""
    bundle = site / "pagefind"
    manifest = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
    menus = {}
    for lang in sorted({lang for part in manifest["parts"] for lang in part["languages"]}):
        routes = manifest.get("maps", {}).get(lang)
        mapped = set(routes.values()) if routes else set()
        folders = [f"map-{lang}"] if routes else []
        folders += [
            part["name"]
            for part in manifest["parts"]
            if lang in part["languages"] and part["name"] not in mapped
        ]
        values: dict[str, set[str]] = {}
        for folder in folders:
            listed = json.loads((bundle / folder / "filters.json").read_text(encoding="utf-8"))
            for name, each in listed.items():
                values.setdefault(name, set()).update(each)
        menus[lang] = {name: sorted(each) for name, each in sorted(values.items())}
    return menus


def _differ(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def run_sequence(
    seed: int,
    builder: str,
    steps: list[Step],
    tmp: Path,
    check_every: bool = False,
    search: bool = False,
) -> Outcome:
    """Start the seed's archive in tmp, apply the steps, build after each (or, now and then,
    after two or three saves), and compare with a cold build after the last step and at
    random ones (every one with check_every); with search, Pagefind indexes each build."""
    shutil.rmtree(tmp, ignore_errors=True)
    root = tmp / "project"
    root.mkdir(parents=True)
    start_archive(root, random.Random(seed))
    preview = Preview(root, root / "site", BASE, search=search)
    chosen = random.Random(seed + 1)
    out = Outcome()

    warned = [""]  # what the last build said

    def rebuilt(changed: list[Path]) -> bool:
        out.builds += 1
        how = chosen.choice(BUILDERS[:3]) if builder == "mixed" else builder
        if how == "build":
            argv = ["build", "--root", str(root), "--base-url", BASE, "--quiet"]
            code, said = command_output(*argv, *([] if search else ["--no-search"]))
            # What the build took away, or saw change in a published text, it says once, as no
            # cold build does (articlesgone.py, textchanges.py).
            once = (NOW_NOT_FOUND, LAND_ELSEWHERE, NO_CORRECTION)
            lines = said.splitlines(keepends=True)
            warned[0] = "".join(line for line in lines if not any(s in line for s in once))
            return code == 0
        try:
            warned[0] = _said(
                preview.rebuild(changed=changed if how == "serve" else None).result.warnings
            )
        except BuildFailed:
            return False
        return True

    if not rebuilt([]):
        return out.fail("the starting archive does not build", -1)
    before = snapshot(root / "content")
    for n, step in enumerate(steps):
        rng = random.Random(step.seed)
        site = snapshot(root / "site")
        out.log.append(f"{n}: {step.action} ({step.seed}): {ACTIONS[step.action][0](root, rng)}")
        if n < len(steps) - 1 and rng.random() < 0.2:
            out.log.append(f"{n}: saved, not built yet")
            continue
        after = snapshot(root / "content")
        changed = [root / "content" / p for p in _differ(before, after)]
        if not rebuilt(changed):
            if snapshot(root / "site") != site:
                return out.fail("a failed build changed the site", n)
            if cold_build(root, tmp, search) is not None:
                return out.fail("the build failed where a cold build succeeds", n)
            for path in changed:  # the editor undoes the edit
                rel = path.relative_to(root / "content").as_posix()
                path.unlink(missing_ok=True)
                if rel in before:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(before[rel])
            out.log.append(f"{n}: the build failed; undone")
            if not rebuilt(changed):
                return out.fail("the build failed after the edit was undone", n)
            after = before
        before = after
        if check_every or n == len(steps) - 1 or rng.random() < 0.3:
            full = cold_build(root, tmp, search)
            if full is None:
                return out.fail("the build succeeded where a cold build fails", n)
            if differing := _differ(_site(root), full[0]):
                return out.fail(f"not what a cold build makes: {differing[:10]}", n)
            if warned[0] != full[1]:
                return out.fail(f"warned otherwise than a cold build: {warned[0]!r} {full[1]!r}", n)
    return out


def shrink(
    seed: int, builder: str, steps: list[Step], tmp: Path, found: str, search: bool = False
) -> list[Step]:
    """The fewest of the steps, in order, that still end in the same kind of divergence."""

    def still_fails(candidate: list[Step]) -> bool:
        got = run_sequence(seed, builder, candidate, tmp, check_every=True, search=search)
        return got.divergence is not None and got.divergence.split(":")[0] == found.split(":")[0]

    kept = list(steps)
    n = 0
    while n < len(kept):
        if still_fails(kept[:n] + kept[n + 1 :]):
            del kept[n]
        else:
            n += 1
    return kept


def report(
    seed: int, builder: str, got: Outcome, search: bool = False, steps: list[Step] | None = None
) -> str:
    """A failed sequence in words, with the command that replays it (`steps`: other steps
    than the seed's)."""
    given = ",".join(f"{step.action}:{step.seed}" for step in steps or ())
    return "\n".join(
        [
            f"seed {seed} ({builder}): {got.divergence}, after step {got.at}",
            *(f"    {line}" for line in got.log),
            f"replay: .venv/bin/python -m tests.editsequences --seed {seed} --count 1"
            + (" --search" if search else "")
            + (f" --steps {given}" if given else ""),
        ]
    )


def explore() -> None:
    """Run many sequences; print each divergence, shrunk, and the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--count", type=int, default=100, help="sequences (default 100)")
    parser.add_argument("--tmp", default="/tmp/editsequences", help="work folder")
    parser.add_argument("--search", action="store_true", help="index with Pagefind too")
    parser.add_argument(
        "--steps", help="instead of the seed's steps, these: action:seed,… (as printed shrunk)"
    )
    args = parser.parse_args()
    started, builds, found = time.monotonic(), 0, 0
    for seed in range(args.seed, args.seed + args.count):
        builder, steps = sequence_for(seed)
        if args.steps:
            steps = [Step(name, int(number)) for name, number in _pairs(args.steps)]
        got = run_sequence(seed, builder, steps, Path(args.tmp), search=args.search)
        builds += got.builds
        if got.divergence is not None:
            found += 1
            print(report(seed, builder, got, args.search, steps if args.steps else None))
            tmp = Path(args.tmp)
            small = shrink(seed, builder, steps, tmp, got.divergence, args.search)
            again = run_sequence(seed, builder, small, tmp, check_every=True, search=args.search)
            print(f"shrunk to {len(small)} steps:", flush=True)
            print(report(seed, builder, again, args.search, small), flush=True)
    took = time.monotonic() - started
    print(f"{args.count} sequences, {builds} builds, {found} divergent, {took:.0f} s")


def _pairs(steps: str) -> list[tuple[str, str]]:
    return [tuple(pair.split(":", 1)) for pair in steps.split(",")]  # type: ignore[misc]


if __name__ == "__main__":
    explore()
