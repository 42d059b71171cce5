"""Where a site is published and how much each host takes (pure).

A build states the size of the site it made; a build for a host whose limits the site
exceeds fails before anything is published (GitHub Pages refuses a site over 1 GB after the
upload, Cloudflare Pages a deployment of more files than the plan allows, or with one file
over 25 MiB). Limits as the hosts document them (2026): GitHub Pages 1 GB; Cloudflare Pages
20,000 files on the free plan, 100,000 on paid plans, 25 MiB a file on both; GitLab Pages
1 GB and 200,000 files; object storage none that matters. Only documented limits are here:
GitLab Pages documents none for one file, nor does GitHub Pages for the artifact its
workflow uploads; but that workflow builds from the repository, and GitHub refuses a push
holding a file over 100 MiB, so a photo or a video of content/media/ over it never reaches
the site: for GitHub Pages that is the limit of one file (a 300 MB recording was "within the
limits of github-pages", and then could not be pushed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .diagnostics import counted

GB = 1000**3
MiB = 1024**2


@dataclass(frozen=True)
class Host:
    """A place to publish to and its limits (None: none that an archive reaches)."""

    name: str
    max_bytes: int | None
    max_files: int | None
    max_file_bytes: int | None = None  # of one file


HOSTS = {
    host.name: host
    for host in (
        Host("github-pages", 1 * GB, None, 100 * MiB),
        Host("cloudflare-pages", None, 20_000, 25 * MiB),
        Host("cloudflare-pages-paid", None, 100_000, 25 * MiB),
        Host("gitlab-pages", 1 * GB, 200_000),
        Host("object-storage", None, None),
    )
}
DEFAULT_HOST = "github-pages"  # the README's way to publish
# A site's size names each file over this (the smallest limit of one file): every file a host
# refuses is among them, and they are few, so a build keeps them without a walk.
BIG_FILE = min(host.max_file_bytes for host in HOSTS.values() if host.max_file_bytes)
NAMED = 3  # big files named in a message, the largest first


@dataclass(frozen=True)
class SiteSize:
    """The bytes and files of a built site, everything that is published, and its files
    over BIG_FILE (path in site/, bytes), the largest first."""

    bytes: int
    files: int
    big: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        return f"{_bytes(self.bytes)} in {self.files:,} files"

    def __add__(self, other: SiteSize) -> SiteSize:
        big = largest_first(self.big + other.big)
        return SiteSize(self.bytes + other.bytes, self.files + other.files, big)

    def changed(self, before: SiteSize, after: SiteSize) -> SiteSize:
        """This site's size once some of its files, measured as `before`, were replaced,
        added or deleted, and measured again as `after` (the same paths)."""
        replaced = {path for path, _ in before.big}
        kept = tuple(file for file in self.big if file[0] not in replaced)
        return SiteSize(
            self.bytes + after.bytes - before.bytes,
            self.files + after.files - before.files,
            largest_first(kept + after.big),
        )


def largest_first(files: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Files (path, bytes) as SiteSize.big keeps them."""
    return tuple(sorted(files, key=lambda file: (-file[1], file[0])))


def size_of(files: Iterable[tuple[str, int]]) -> SiteSize:
    """The size of these files (path in site/, bytes): what the site's writers and a walk
    over a site add up as they go, so that no one walks the site again to state it."""
    count = total = 0
    big: list[tuple[str, int]] = []
    for path, size in files:
        count, total = count + 1, total + size
        if size > BIG_FILE:
            big.append((path, size))
    return SiteSize(total, count, largest_first(big))


NOTHING = SiteSize(0, 0)


def _bytes(count: int) -> str:
    for unit, size in (("GB", GB), ("MB", 1000**2), ("kB", 1000)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


def over_limits(host: Host, size: SiteSize) -> str | None:
    """What is too much for the host, by how much, and what to do; None when it fits."""
    over = []
    # By how much in bytes and files, not as a share: 50 files too many is 0% of 20,000.
    if host.max_bytes is not None and size.bytes > host.max_bytes:
        extra = _bytes(size.bytes - host.max_bytes)
        over.append(f"{_bytes(size.bytes)}, {extra} over its {_bytes(host.max_bytes)}")
    if host.max_files is not None and size.files > host.max_files:
        files = size.files - host.max_files
        over.append(f"{size.files:,} files, {files:,} over its {host.max_files:,}")
    too_big = _too_big(host, size)
    if too_big:
        over.append(_named(too_big, host.max_file_bytes or 0))
    if not over:
        return None
    bigger = [
        other.name
        for other in HOSTS.values()
        if other is not host and fits(other, size) and other.name != "object-storage"
    ]
    choices = ", ".join(f'"{name}"' for name in bigger)
    elsewhere = f"to a host it fits ({choices}) or " if bigger else ""
    smaller = (
        f"; or make each file named smaller ({_where_from(too_big)}scale, compress or split it)"
    )
    return (
        f"the site is too big for {host.name}: {' and '.join(over)}. Publish it "
        f'{elsewhere}to object storage: set host = "object-storage" in content/site.toml (or '
        f"--host) and see docs/deploy.md{smaller if too_big else ''}"
    )


# Where the big files of a site come from: the folder it publishes them under, and the
# project folder an editor makes them smaller in.
SOURCES = (("media/", "content/media/"), ("static/", "templates/static/"))


def _where_from(files: tuple[tuple[str, int], ...]) -> str:
    """'a scan, photo or recording in content/media/: ' naming the folders these files are
    copied from (an editor looking in templates/static/ for a photo of content/media/ finds
    nothing), '' when the build made them."""
    folders = [
        source for published, source in SOURCES if any(p.startswith(published) for p, _ in files)
    ]
    return f"a scan, photo or recording in {' or '.join(folders)}: " if folders else ""


def _too_big(host: Host, size: SiteSize) -> tuple[tuple[str, int], ...]:
    """The files the host refuses, the largest first."""
    limit = host.max_file_bytes
    return () if limit is None else largest_first(file for file in size.big if file[1] > limit)


def _named(files: tuple[tuple[str, int], ...], limit: int) -> str:
    """`2 files over its 25 MiB a file: static/scan.tif (31.5 MB, 5.3 MB over), …`."""
    shown = ", ".join(
        f"{path} ({_bytes(bytes_)}, {_bytes(bytes_ - limit)} over)"
        for path, bytes_ in files[:NAMED]
    )
    more = f" and {len(files) - NAMED:,} more" if len(files) > NAMED else ""
    return f"{counted(len(files), 'file')} over its {limit // MiB} MiB a file: {shown}{more}"


def fits(host: Host, size: SiteSize) -> bool:
    """Whether the host takes a site of this size."""
    return (
        (host.max_bytes is None or size.bytes <= host.max_bytes)
        and (host.max_files is None or size.files <= host.max_files)
        and not _too_big(host, size)
    )
