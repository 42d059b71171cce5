"""The registry's and the site settings' edits, for the random edit sequences of
tests/editsequences.py (as tests/editactions.py for articles and glosses): names taken from
the articles, so that what is added is found in them."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from .editactions import REGISTRY, WORDS, articles, set_line, split_article

ENTRY = re.compile(r"(?ms)^- id: (\S+)\n.*?(?=^- id: |\Z)")


def _phrase(root: Path, rng: random.Random) -> str:
    """Two words following each other in an article's first paragraph (a name it holds)."""
    found = articles(root)
    words = (
        split_article(rng.choice(found).read_text(encoding="utf-8"))[1][0].split()
        if found
        else WORDS
    )
    n = rng.randrange(max(1, len(words) - 1))
    return " ".join(w.strip('"،.,:«»()') for w in words[n : n + 2]).strip()


def _registry_edit(root: Path, edit: Callable[[str], tuple[str, str]]) -> str:
    file = root / REGISTRY
    text, said = edit(file.read_text(encoding="utf-8"))
    file.write_text(text, encoding="utf-8")
    return said


def add_entity(root: Path, rng: random.Random) -> str:
    """An entity named by a phrase of an article, or now and then by a made-up name no
    article writes (its pages are quiet until a variant an article writes is added)."""
    name, number = _phrase(root, rng), rng.randrange(1000)
    if rng.random() < 0.3:
        name = "زمرد" + "".join("ابتثجحخدذر"[int(digit)] for digit in str(number))
    english = f"\n  en: Thing {number}" if rng.random() < 0.6 else ""
    kind = rng.choice(["person", "place", "organization", "other"])
    entry = f"- id: thing-{number}\n  type: {kind}\n  ar: [{name}]{english}\n"
    return _registry_edit(
        root, lambda t: (t.rstrip("\n") + "\n\n" + entry, f"entity added: {entry!r}")
    )


def _registry_line(root: Path, rng: random.Random, prefix: str, edit: Callable[[str], str]) -> str:
    def change(text: str) -> tuple[str, str]:
        rows = text.split("\n")
        if not (lines := [n for n, row in enumerate(rows) if row.startswith(prefix)]):
            return text, f"no line {prefix!r}"
        n = rng.choice(lines)
        rows[n] = edit(rows[n])
        return "\n".join(rows), f"{REGISTRY}:{n + 1}: {rows[n].strip()}"

    return _registry_edit(root, change)


def add_variant(root: Path, rng: random.Random) -> str:
    name = _phrase(root, rng)
    return _registry_line(root, rng, "  ar: [", lambda row: row.rstrip("]") + f", {name}]")


def repeated_name(root: Path, rng: random.Random) -> str:
    """An entity's first name listed again (a warning at its line)."""
    return _registry_line(
        root, rng, "  ar: [", lambda row: f"{row[:-1]}, {row[7:-1].split(',')[0]}]"
    )


def english_name(root: Path, rng: random.Random) -> str:
    number = rng.randrange(10)
    return _registry_line(root, rng, "  en: ", lambda row: f"{row} {number}")


def entity_type_or_description(root: Path, rng: random.Random) -> str:
    kind = rng.choice(["person", "place", "organization", "group", "other"])
    if rng.random() < 0.5:
        return _registry_line(root, rng, "  type: ", lambda row: f"  type: {kind}")
    note = f"  description_ar: وصف {rng.randrange(9)}."
    return _registry_line(root, rng, "  ar: [", lambda row: f"{note}\n{row}")


def remove_or_reorder_entity(root: Path, rng: random.Random) -> str:
    def change(text: str) -> tuple[str, str]:
        if not (entries := list(ENTRY.finditer(text))):
            return text, "no entity"
        entry = rng.choice(entries)
        rest = text[: entry.start()] + text[entry.end() :]
        if rng.random() < 0.5:
            return rest, f"entity {entry[1]} removed"
        moved = rest.rstrip("\n") + "\n\n" + entry[0].strip("\n") + "\n"
        return moved, f"entity {entry[1]} moved last"

    return _registry_edit(root, change)


def site_settings(root: Path, rng: random.Random) -> str:
    key = rng.choice(["per_page", "title_ar", "title_en"])
    if key == "per_page":
        value = str(rng.randint(1, 4))
        pattern = r"(?m)^per_page = \d+$"
    else:
        value = f'"{rng.choice(["أرشيف", "الأرشيف الإخباري", "News", "The Archive"])}"'
        pattern = rf'(?m)^{key} = ".*"$'
    set_line(root / "content/site.toml", pattern, f"{key} = {value}")
    return f"site.toml: {key} = {value}"
