"""The locks (requirements/run.txt, requirements/test.txt) that `make` installs from: each
meets pyproject.toml's ranges, pins every package to one version with its hashes, the test
lock keeps the run lock's versions, and the venv the tests run in holds what they pin.

A range changed in pyproject.toml without `make lock` fails here by name, where pip would
install the old lock without a word (the test extra is not something `pip check` reads).
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import REPO

RUN_LOCK = REPO / "requirements" / "run.txt"
TEST_LOCK = REPO / "requirements" / "test.txt"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Pin:
    requirement: Requirement
    hashes: tuple[str, ...]

    @property
    def version(self) -> str:
        (specifier,) = self.requirement.specifier
        return specifier.version


def _pins(lock_text: str) -> dict[str, list[Pin]]:
    """Name -> its pins (one per marker where the lock forks, as networkx by Python)."""
    pins: dict[str, list[Pin]] = {}
    for line in lock_text.replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement, *hashes = line.split(" --hash=")
        pin = Pin(Requirement(requirement), tuple(h.strip() for h in hashes))
        pins.setdefault(canonicalize_name(pin.requirement.name), []).append(pin)
    return pins


RUN_PINS = _pins(RUN_LOCK.read_text(encoding="utf-8"))
TEST_PINS = _pins(TEST_LOCK.read_text(encoding="utf-8"))


def test_the_parser_reads_a_forked_pin() -> None:
    pins = _pins(
        "a==1.0 ; python_full_version < '3.12' \\\n    --hash=sha256:aa \\\n"
        "    --hash=sha256:ab\n    # via b\n"
        "a==2.0 ; python_full_version >= '3.12' \\\n    --hash=sha256:ba\n"
    )
    assert [(p.version, p.hashes) for p in pins["a"]] == [
        ("1.0", ("sha256:aa", "sha256:ab")),
        ("2.0", ("sha256:ba",)),
    ]


@pytest.mark.parametrize(
    ("lock", "pins", "asked_by", "requirements"),
    [
        (RUN_LOCK, RUN_PINS, "dependencies", PYPROJECT["project"]["dependencies"]),
        (RUN_LOCK, RUN_PINS, "[build-system] requires", PYPROJECT["build-system"]["requires"]),
        (
            TEST_LOCK,
            TEST_PINS,
            "the test extra",
            PYPROJECT["project"]["optional-dependencies"]["test"],
        ),
        (TEST_LOCK, TEST_PINS, "dependencies", PYPROJECT["project"]["dependencies"]),
    ],
    ids=["run", "build", "test", "test-run"],
)
def test_every_range_of_pyproject_is_met_by_its_lock(
    lock: Path, pins: dict[str, list[Pin]], asked_by: str, requirements: list[str]
) -> None:
    problems = []
    for text in requirements:
        wanted = Requirement(text)
        found = pins.get(canonicalize_name(wanted.name), [])
        if not found:
            problems.append(f"{lock} pins no {wanted.name}, which {asked_by} asks for")
        problems += [
            f"{lock} pins {wanted.name}=={pin.version}, outside {wanted} of {asked_by}"
            for pin in found
            if not wanted.specifier.contains(pin.version, prereleases=True)
        ]
    assert not problems, "\n".join([*problems, "run: make lock"])


@pytest.mark.parametrize("pins", [RUN_PINS, TEST_PINS], ids=["run", "test"])
def test_every_pin_is_one_version_with_its_hashes(pins: dict[str, list[Pin]]) -> None:
    for name, forks in pins.items():
        for pin in forks:
            assert str(pin.requirement.specifier).startswith("=="), name
            assert pin.hashes and all(h.startswith("sha256:") for h in pin.hashes), name


def test_the_test_lock_keeps_the_run_locks_versions() -> None:
    """Tests run on the versions `make site` installs: else a site would be built with
    versions no test has seen."""
    for name, forks in RUN_PINS.items():
        if name == "setuptools":  # builds the project; the test lock installs over the run lock
            continue
        assert [(p.version, p.hashes) for p in TEST_PINS.get(name, [])] == [
            (p.version, p.hashes) for p in forks
        ], name


def _installed(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def test_the_venv_holds_the_locked_versions() -> None:
    """`make` installed this venv from the locks (in CI, a fresh clone): each package the
    test lock pins for this Python and platform is at its version."""
    differ = {
        name: (pin.version, _installed(name))
        for name, forks in TEST_PINS.items()
        for pin in forks
        if pin.requirement.marker is None or pin.requirement.marker.evaluate()
        if _installed(name) != pin.version
    }
    assert not differ, f"(locked, installed): {differ}; run: make .venv/.installed-test"
