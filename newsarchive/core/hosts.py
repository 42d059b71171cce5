"""Where a site is published and how much each host takes (pure).

A build states the size of the site it made; a build for a host whose limits the site
exceeds fails before anything is published (GitHub Pages refuses a site over 1 GB after the
upload, Cloudflare Pages a deployment of more files than the plan allows). Limits as the
hosts document them (2026): GitHub Pages 1 GB; Cloudflare Pages 20,000 files on the free plan,
100,000 on paid plans; GitLab Pages 1 GB and 200,000 files; object storage none that matters.
"""

from __future__ import annotations

from dataclasses import dataclass

GB = 1000**3


@dataclass(frozen=True)
class Host:
    """A place to publish to and its limits (None: none that an archive reaches)."""

    name: str
    max_bytes: int | None
    max_files: int | None


HOSTS = {
    host.name: host
    for host in (
        Host("github-pages", 1 * GB, None),
        Host("cloudflare-pages", None, 20_000),
        Host("cloudflare-pages-paid", None, 100_000),
        Host("gitlab-pages", 1 * GB, 200_000),
        Host("object-storage", None, None),
    )
}
DEFAULT_HOST = "github-pages"  # the README's way to publish


@dataclass(frozen=True)
class SiteSize:
    """The bytes and files of a built site, everything that is published."""

    bytes: int
    files: int

    def __str__(self) -> str:
        return f"{_bytes(self.bytes)} in {self.files:,} files"

    def __add__(self, other: SiteSize) -> SiteSize:
        return SiteSize(self.bytes + other.bytes, self.files + other.files)


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
    if not over:
        return None
    bigger = [
        other.name
        for other in HOSTS.values()
        if other is not host and fits(other, size) and other.name != "object-storage"
    ]
    choices = ", ".join(f'"{name}"' for name in bigger)
    elsewhere = f"to a host it fits ({choices}) or " if bigger else ""
    return (
        f"the site is too big for {host.name}: {' and '.join(over)}. Publish it "
        f'{elsewhere}to object storage: set host = "object-storage" in content/site.toml (or '
        "--host) and see docs/deploy.md"
    )


def fits(host: Host, size: SiteSize) -> bool:
    """Whether the host takes a site of this size."""
    return (host.max_bytes is None or size.bytes <= host.max_bytes) and (
        host.max_files is None or size.files <= host.max_files
    )
