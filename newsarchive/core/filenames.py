"""File names that travel (pure): what a name in content/ must not be so that every editor's
clone of the archive holds it, whatever system checks it out.

The archive goes through git between Linux, macOS and Windows. Windows refuses some names
outright (a device's, `aux.md`; a character such as `:` or `?`; a trailing dot or space):
git cannot check such a file out there, and the whole clone fails. macOS and Windows do not
tell names apart by case (`Map.png`, `map.png`), nor macOS by Unicode form, so a clone there
holds one file of the two. Each is an error naming the file, on the machine that has it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

# Windows keeps these for devices, with any ending: `aux.md` and `nul.tar.gz` are the device
# too. Superscript digits count as digits there (COM¹).
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "123456789\u00b9\u00b2\u00b3"}
)
_NOT_ON_WINDOWS = re.compile(r'[<>:"\\|?*]')
# Every name windows_problem refuses, and every name holding a control character, found in
# a folder's names joined by '/' (no name holds one): a few searches of the folder, not some
# for each name (a no-op build looks at 150,000 names at 100,000 articles).
_CHARACTER_REFUSED = re.compile(r'[<>:"\\|?*\x00-\x1f\x7f-\x9f]')
_DEVICE_IN_FOLDER = re.compile(
    r"/(?:con|prn|aux|nul|(?:com|lpt)[1-9\u00b9\u00b2\u00b3]) *(?:[./]|$)"
)


def all_plain(names: Collection[str]) -> bool:
    """Whether no name of a folder holds a control character or anything windows_problem
    refuses, all are NFC, and none differs from another only by case: nearly every folder."""
    joined = "/".join(names)
    lowered = "/" + joined.lower()
    return (
        _CHARACTER_REFUSED.search(joined) is None
        and "./" not in joined
        and " /" not in joined
        and not joined.endswith((".", " "))
        and _DEVICE_IN_FOLDER.search(lowered) is None
        and unicodedata.is_normalized("NFC", joined)
        and len(set(lowered.split("/"))) == len(names) + 1  # and the "" before the first
    )


def device_name(name: str) -> str | None:
    """The device a file or folder name is to Windows (`AUX` for `aux.md`), or None."""
    stem = name.split(".", 1)[0].rstrip(" ").lower()
    return stem.upper() if stem in WINDOWS_DEVICES else None


def windows_problem(name: str) -> str | None:
    """Why Windows cannot hold a file or folder of this name, as a message, or None."""
    device = device_name(name)
    if device is not None:
        return f"Windows keeps the name {device} for a device"
    found = _NOT_ON_WINDOWS.search(name)
    if found is not None:
        return f"Windows allows no '{found.group()}' in a file name"
    if name.endswith((".", " ")):
        return f"Windows drops the {'dot' if name.endswith('.') else 'space'} at a name's end"
    return None


def unportable_message(problem: str) -> str:
    """The error for a name Windows cannot hold (`problem`: windows_problem's)."""
    return (
        f"{problem}: git cannot check this file out on Windows, and an editor's clone of the "
        "archive there fails. Rename it (git mv), and any link to it"
    )


def twins(names: Collection[str]) -> dict[str, str]:
    """Each name of a folder that another differs from only by case or Unicode form (an
    NFD name from a Mac and its NFC name), with one such other name."""
    first: dict[str, str] = {}
    found: dict[str, str] = {}
    for name in names:
        other = first.setdefault(unicodedata.normalize("NFC", name).lower(), name)
        if other != name:
            found[name] = other
            found.setdefault(other, name)
    return found


def twin_message(other: str) -> str:
    """The error for a name that `other`, beside it, differs from only by case or form."""
    return (
        f"this name differs only by case (or Unicode form) from '{other}' beside it: a clone "
        "on macOS or Windows holds only one of the two, and a site built there shows one. "
        "Rename one of them (git mv), and any link to it"
    )


def decomposed_message(composed: str) -> str:
    """The error for a name in decomposed Unicode (NFD) whose composed (NFC) name, which the
    pages, links and commands look for, leads to no file (`composed`: the path so named)."""
    return (
        "this name is in decomposed Unicode (NFD), as a Mac can save it: its page's address, "
        "links and commands look for the composed name (NFC), which this system does not find. "
        f"Rename it to {composed} (git mv, copying both names from this message), and on the "
        "Mac run: git config --global core.precomposeunicode true"
    )
