"""Preflight: whether site/ may go to a remote, decided before anything is sent (I/O: reads
site/, runs rclone).

A deploy makes the remote exactly the site, deleting whatever else it holds, and the site's
links name the address it was built for. So it is refused, with what to do instead, when
the remote is no remote (a bare word rclone would take for a folder) or a bucket store
without its bucket, when the site was built for the preview address or for another address
than the remote's site, when it would delete a published search index with a --no-search
build, and when the remote holds files no build of this archive made. deploy.py sends the
site once these pass.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.urls import names_this_machine, sitemap
from .rclone import DeployError, features, rclone_path, reach, text_held


def checked_remote(
    site: Path, remote: str, new_address: bool
) -> tuple[str, dict[str, Any], list[str]]:
    """rclone, what it says of the remote and the names at its top, once the remote is
    known to answer and to hold the site or nothing; DeployError before anything is sent."""
    if ":" not in remote and "/" not in remote:
        # rclone takes a bare word for a folder here: `deploy r2` would fill ./r2.
        raise DeployError(
            f"'{remote}' is not a remote: write an rclone remote as NAME:PATH (e.g. "
            f"{remote}:news-archive), and a folder on this machine with a slash (./{remote})"
        )
    address = built_for(site)
    if address is not None and names_this_machine(address):
        raise DeployError(
            f"{site} was built for {address}, the preview address: its canonical links, feeds "
            "and sitemap would send readers to their own machine. Build it for its public "
            "address first: build.py build --base-url https://…/ (docs/deploy.md)"
        )
    rclone = rclone_path()
    described = features(rclone, remote)
    if described.get("Features", {}).get("BucketBased") and not described.get("Root"):
        # rclone would make each top name (static, pagefind, index.html…) a bucket.
        name = remote.split(":", 1)[0]
        raise DeployError(
            f"{remote} names no bucket: write {name}:BUCKET or {name}:BUCKET/FOLDER "
            f"(e.g. {name}:news-archive)"
        )
    top = reach(rclone, remote)
    if "pagefind/" in top and not (site / "pagefind").is_dir():
        raise DeployError(
            f"{remote} has a search index (pagefind/) and {site} has none: it was built with "
            "--no-search (or has no articles), and deploying it would delete the search "
            "readers use. Build it without --no-search (or delete pagefind/ from the remote "
            "first)"
        )
    held = base_url_of(text_held(rclone, remote, "robots.txt")) if "robots.txt" in top else None
    if held and address and held != address and not new_address:
        raise DeployError(
            f"{remote} holds the site built for {held}, and {site} was built for {address}: "
            "every link readers and search engines have would break. Build for the "
            f"remote's address (build.py build --base-url {held}), or, moving the site to "
            "the new address on purpose, deploy with --new-address (docs/deploy.md)"
        )
    foreign = _not_made_here(top, site)
    if foreign:
        raise DeployError(
            f"{remote} holds what this site does not have: {', '.join(foreign)}. deploy makes "
            "the remote exactly the site and would delete them: deploy to an empty folder or "
            "bucket path, or move them away first"
        )
    return rclone, described, top


def built_for(site: Path) -> str | None:
    """The base URL the site was built for, read from the sitemap its robots.txt names."""
    try:
        return base_url_of((site / "robots.txt").read_text(encoding="utf-8"))
    except OSError:
        return None


def base_url_of(robots: str) -> str | None:
    """The base URL a site's robots.txt was written for: the sitemap it names tells it (a
    deployed site's, on the remote, records where the remote's site lives)."""
    for line in robots.splitlines():
        if line.startswith("Sitemap: ") and line.endswith(sitemap()):
            return line.removeprefix("Sitemap: ").removesuffix(sitemap())
    return None


# What a build of the archive may have left at the remote's top that this one does not
# make: the sitemap's parts (fewer pages, fewer parts), the search index (--no-search) and
# the media files (the last one deleted from content/media/).
MADE_BY_A_BUILD = re.compile(r"sitemap-\d+\.xml\.gz|pagefind/|media/")


def _not_made_here(top: list[str], site: Path) -> list[str]:
    """The names at the remote's top that no build of this archive made: someone else's
    files, which the final sync would delete."""
    ours = {entry.name + "/" * entry.is_dir() for entry in site.iterdir()}
    return sorted(name for name in top if name not in ours and not MADE_BY_A_BUILD.fullmatch(name))
