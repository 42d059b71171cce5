"""Publishing site/ to object storage or any remote rclone reaches (I/O: runs rclone),
once preflight.py has found the remote fit to receive it.

rclone (Debian's `rclone`) speaks to some seventy storage backends (S3, Cloudflare R2,
Backblaze B2, Google Cloud Storage, Azure, SFTP, WebDAV…); the remote is named as rclone
names it, configured in rclone's own config file or in RCLONE_CONFIG_<NAME>_* variables
(the deploy workflow's secrets). A deploy is a series of `rclone copy` passes, one per kind of
file, so that each kind gets its Content-Type (with charset) and Cache-Control, and one of
whatever no kind names; then one `rclone sync` that only deletes what the site no longer
has. The order keeps readers from a half-deployed site: the search index and static files
first, the pages after them (a page never arrives before what it loads), then the feeds, the
sitemap and robots.txt (a feed never names a page not yet there), and nothing is deleted
before every new file is in place. A deploy interrupted at
any point is finished by running it again.

Only files whose content changed are uploaded: files are compared by checksum when the remote
keeps one rclone can read (S3, R2, B2, GCS, Azure, SFTP…), else by size and time when it keeps
times, else every file is uploaded (a remote that keeps neither cannot tell an edited file of
the same size). A checksum the remote advertises is asked of a file it holds first (or of
the first file sent to an empty one): a WebDAV server taken for ownCloud advertises MD5 and
gives none, and rclone then compared by size alone and never sent a same-size edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.urls import SEARCH_RECORDS
from .preflight import checked_remote
from .rclone import (
    DeployError,
    a_file_held,
    call,
    gives_hashes,
    last_line,
)

LONG = "public, max-age=31536000, immutable"  # Pagefind's files named by their hash
SHORT = "public, max-age=300"  # pages and everything else: an edit shows within minutes
# The build's own marker, and what Pagefind indexes (urls.SEARCH_RECORDS): not the site.
NEVER_PUBLISHED = (".newsarchive-build", f"/{SEARCH_RECORDS}/**")


@dataclass(frozen=True)
class Pass:
    """One `rclone copy` of the files matching `include`, with these headers."""

    include: tuple[str, ...]
    content_type: str
    cache_control: str


# In upload order, each kind after what it loads or names: the JSON (pagefind-entry.json)
# after the hashed files it names, the scripts after the JSON and wasm they fetch, the style
# sheet after its fonts, the pages after all of them, then the feeds and the sitemap, which
# name the pages (a feed reader or crawler told of a new article found it missing), and
# robots.txt after the sitemap. rclone filter patterns: `**` crosses folders, `*` does not.
PASSES = (
    Pass(
        ("*.pf_fragment", "*.pf_index", "*.pf_filter", "*.pf_meta"),
        "application/octet-stream",
        LONG,
    ),
    Pass(("*.pagefind",), "application/octet-stream", SHORT),
    Pass(("*.json",), "application/json; charset=utf-8", SHORT),
    Pass(("*.woff2",), "font/woff2", SHORT),
    Pass(("*.svg",), "image/svg+xml; charset=utf-8", SHORT),
    # The photos and documents of content/media/ (published at media/), before the pages
    # that show them; a kind not named here goes in the last pass, its type rclone's guess.
    Pass(("*.jpg", "*.jpeg"), "image/jpeg", SHORT),
    Pass(("*.png",), "image/png", SHORT),
    Pass(("*.webp",), "image/webp", SHORT),
    Pass(("*.avif",), "image/avif", SHORT),
    Pass(("*.gif",), "image/gif", SHORT),
    Pass(("*.pdf",), "application/pdf", SHORT),
    Pass(("*.css",), "text/css; charset=utf-8", SHORT),
    Pass(("*.js",), "text/javascript; charset=utf-8", SHORT),
    Pass(("*.html",), "text/html; charset=utf-8", SHORT),
    Pass(("*.xml.gz",), "application/gzip", SHORT),  # the sitemap's parts, before their index
    Pass(("**/feed.xml",), "application/atom+xml; charset=utf-8", SHORT),
    Pass(("*.xml",), "application/xml; charset=utf-8", SHORT),
    Pass(("*.txt",), "text/plain; charset=utf-8", SHORT),
)


@dataclass(frozen=True)
class Deployed:
    """What a deploy did."""

    deleted: int
    compared_by: str  # "checksum", "size and time" or "nothing" (every file uploaded)
    sent: tuple[str, ...]  # the paths uploaded, in order (what the check asks first)

    @property
    def uploaded(self) -> int:
        return len(self.sent)


class Stopped(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP stopped the deploy, its rclone killed and waited for
    (`started`: a transfer had begun, and the remote may hold part of the new site)."""

    def __init__(self, *, started: bool) -> None:
        super().__init__()
        self.started = started


@dataclass(frozen=True)
class Comparison:
    """How unchanged files are told: rclone's flags and their name for people. `unproven`:
    the checksum the remote advertises, asked of the first file sent (it held none)."""

    flags: tuple[str, ...]
    name: str
    unproven: str | None = None


@dataclass(frozen=True)
class Transfer:
    """What one rclone transfer did: files uploaded (their paths) and deleted, and what
    rclone noticed (that it compares by size only, say)."""

    sent: tuple[str, ...]
    deleted: int
    notices: tuple[str, ...]

    @property
    def uploaded(self) -> int:
        return len(self.sent)

    @property
    def first(self) -> str | None:
        return self.sent[0] if self.sent else None


def deploy(
    site: Path, remote: str, say: Callable[[str], None], *, new_address: bool = False
) -> Deployed:
    """Bring `remote` to exactly the files of `site` (its own marker left out); Stopped
    when stopped, saying whether anything was sent. `new_address`: the remote may hold a
    site built for another base URL (the site is moving)."""
    try:
        rclone, features, top = checked_remote(site, remote, new_address)
        compare = _comparison(features, _hashes_given(rclone, remote, features, top, say))
    except KeyboardInterrupt:
        raise Stopped(started=False) from None
    try:
        return _send(site, remote, rclone, features, compare, say)
    except KeyboardInterrupt:
        raise Stopped(started=True) from None


def _send(
    site: Path,
    remote: str,
    rclone: str,
    described: dict[str, Any],
    compare: Comparison,
    say: Callable[[str], None],
) -> Deployed:
    """The passes, then the deletions."""
    sent: list[str] = []
    done: list[str] = []
    noticed: set[str] = set()
    for step in PASSES:
        # Rules in order, the first that matches decides (rclone reads --include before
        # --exclude whatever their order, which would let an included kind in .search/).
        filters = [f"--filter=- {name}" for name in NEVER_PUBLISHED]
        filters += [f"--filter=- {pattern}" for pattern in done]
        filters += [f"--filter=+ {pattern}" for pattern in step.include]
        filters.append("--filter=- **")
        headers = [
            f"--header-upload=Content-Type: {step.content_type}",
            f"--header-upload=Cache-Control: {step.cache_control}",
        ]
        copy = ["copy", str(site), remote, *compare.flags, *filters, *headers]
        found = _run(rclone, remote, copy)
        _say_new(found.notices, noticed, say)
        sent += found.sent
        done += step.include
        if found.uploaded:
            say(f"  {found.uploaded:>6} {', '.join(step.include)}")
        asked = compare.unproven
        if asked and found.first:  # an empty remote: its first file sent is asked
            compare = _comparison(
                described, gives_hashes(rclone, remote, asked, found.first, sending=True)
            )
            if compare.name != "checksum":
                say(_no_hashes(remote, asked, found.first, compare.name))
    # What no pass named: rclone guesses its type; its cache time is everything else's.
    filters = [f"--filter=- {pattern}" for pattern in (*NEVER_PUBLISHED, *done)]
    short = f"--header-upload=Cache-Control: {SHORT}"
    last = _run(rclone, remote, ["copy", str(site), remote, *compare.flags, *filters, short])
    _say_new(last.notices, noticed, say)
    sent += last.sent
    # Then deletions, after every upload. --ignore-existing: every file is in place by now,
    # and a remote compared by nothing would otherwise get each file a second time.
    excluded = [f"--exclude={name}" for name in NEVER_PUBLISHED]
    sync = ["sync", str(site), remote, "--ignore-existing", *excluded, "--delete-after"]
    deleted = _run(rclone, remote, sync).deleted
    return Deployed(deleted, compare.name, tuple(sent))


def _say_new(notices: tuple[str, ...], noticed: set[str], say: Callable[[str], None]) -> None:
    """Say what rclone noticed, each thing once (every pass would say it again)."""
    for notice in notices:
        if notice not in noticed:
            noticed.add(notice)
            say(f"  rclone: {notice}")


def _hashes_given(
    rclone: str, remote: str, described: dict[str, Any], top: list[str], say: Callable[[str], None]
) -> bool | None:
    """Whether the remote gives the checksums it advertises, asked of a file it holds (None:
    it holds nothing yet, to be asked of the first file sent; until then nothing is there
    to compare)."""
    hashes = described.get("Hashes") or []
    if not hashes:
        return False
    if not top:
        return None
    held = a_file_held(rclone, remote, top)
    if held is not None and gives_hashes(rclone, remote, hashes[0], held):
        return True
    fallback = _comparison(described, False).name
    if held is None:  # what it holds is deeper down: a deploy stopped early left it
        say(
            f"  {remote} holds no file to check its {hashes[0]} checksums on: unchanged "
            f"files told by {fallback}"
        )
    else:
        say(_no_hashes(remote, hashes[0], held, fallback))
    return False


def _no_hashes(remote: str, hash_name: str, path: str, fallback: str) -> str:
    return (
        f"  {remote} advertises {hash_name} checksums but gave none for {path}: unchanged "
        f"files told by {fallback}"
    )


def _comparison(described: dict[str, Any], hashes_given: bool | None) -> Comparison:
    """How to tell unchanged files: by checksum when the remote gives them (None: when it
    advertises them and holds nothing to ask yet), else by size and time when it keeps
    times, else not at all (a same-size edit would go unseen)."""
    hashes = described.get("Hashes") or []
    if hashes and hashes_given is not False:
        return Comparison(("--checksum",), "checksum", None if hashes_given else hashes[0])
    if described.get("Precision", 0) < 10**18:  # rclone's "no modification times"
        return Comparison((), "size and time")
    return Comparison(("--ignore-times",), "nothing")


def _run(rclone: str, remote: str, args: Sequence[str]) -> Transfer:
    """Run one rclone transfer; DeployError if it failed."""
    # --fast-list: a bucket listed in a few requests, not one per folder (55,000 pages).
    command = [rclone, *args, "--fast-list", "--use-json-log", "--log-level=INFO", "--stats=0"]
    result = call(command)
    sent = []
    deleted = 0
    errors = []
    notices = []
    for line in result.stderr.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = str(entry.get("msg", ""))
        if message.startswith("Copied"):
            sent.append(str(entry.get("object", "")))
        deleted += message == "Deleted"
        if entry.get("level") == "error":
            errors.append(f"{entry.get('object', '')}: {message}".lstrip(": "))
        elif entry.get("level") == "notice" and not message.startswith("Config file"):
            notices.append(message)  # not that no config file is read: RCLONE_CONFIG_* are
    if result.returncode != 0:
        said = errors[-1] if errors else last_line(result.stderr)
        said = re.sub(r'^Failed to create file system for "[^"]*": ', "", said)  # rclone's words
        raise DeployError(f"the deploy to {remote} failed part way: {said}", started=True)
    return Transfer(tuple(sent), deleted, tuple(notices))
