"""Publishing site/ to object storage or any remote rclone reaches (I/O: runs rclone).

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
the same size).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.urls import SEARCH_RECORDS, names_this_machine, sitemap

_LOG_TIME = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d ")  # rclone's plain log lines

LONG = "public, max-age=31536000, immutable"  # Pagefind's files named by their hash
SHORT = "public, max-age=300"  # pages and everything else: an edit shows within minutes
# The build's own marker, and what Pagefind indexes (urls.SEARCH_RECORDS): not the site.
NEVER_PUBLISHED = (".newsarchive-build", f"/{SEARCH_RECORDS}/**")


# What stops a deploy: Ctrl-C, and SIGTERM and SIGHUP, which `deploy` turns into Ctrl-C.
STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


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


class DeployError(Exception):
    """rclone is missing, the remote cannot be reached, or a transfer failed (`started`:
    files may have been sent, and running the deploy again finishes it)."""

    def __init__(self, message: str, *, started: bool = False) -> None:
        super().__init__(message)
        self.started = started


@dataclass(frozen=True)
class Deployed:
    """What a deploy did."""

    uploaded: int
    deleted: int
    compared_by: str  # "checksum", "size and time" or "nothing" (every file uploaded)


def rclone_path() -> str:
    """The rclone program; DeployError saying how to install it when there is none."""
    found = shutil.which("rclone")
    if found is None:
        raise DeployError("rclone is not installed: sudo apt-get install rclone")
    return found


def deploy(site: Path, remote: str, say: Callable[[str], None]) -> Deployed:
    """Bring `remote` to exactly the files of `site` (its own marker left out)."""
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
    features = _features(rclone, remote)
    if features.get("Features", {}).get("BucketBased") and not features.get("Root"):
        # rclone would make each top name (static, pagefind, index.html…) a bucket.
        name = remote.split(":", 1)[0]
        raise DeployError(
            f"{remote} names no bucket: write {name}:BUCKET or {name}:BUCKET/FOLDER "
            f"(e.g. {name}:news-archive)"
        )
    top = _reach(rclone, remote)
    if "pagefind/" in top and not (site / "pagefind").is_dir():
        raise DeployError(
            f"{remote} has a search index (pagefind/) and {site} has none: it was built with "
            "--no-search (or has no articles), and deploying it would delete the search "
            "readers use. Build it without --no-search (or delete pagefind/ from the remote "
            "first)"
        )
    foreign = _not_made_here(top, site)
    if foreign:
        raise DeployError(
            f"{remote} holds what this site does not have: {', '.join(foreign)}. deploy makes "
            "the remote exactly the site and would delete them: deploy to an empty folder or "
            "bucket path, or move them away first"
        )
    compare, compared_by = _comparison(features)
    uploaded = deleted = 0
    done: list[str] = []
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
        found = _run(rclone, remote, ["copy", str(site), remote, *compare, *filters, *headers])
        uploaded += found[0]
        done += step.include
        if found[0]:
            say(f"  {found[0]:>6} {', '.join(step.include)}")
    # What no pass named: rclone guesses its type; its cache time is everything else's.
    filters = [f"--filter=- {pattern}" for pattern in (*NEVER_PUBLISHED, *done)]
    short = f"--header-upload=Cache-Control: {SHORT}"
    uploaded += _run(rclone, remote, ["copy", str(site), remote, *compare, *filters, short])[0]
    # Then deletions, after every upload. --ignore-existing: every file is in place by now,
    # and a remote compared by nothing would otherwise get each file a second time.
    excluded = [f"--exclude={name}" for name in NEVER_PUBLISHED]
    sync = ["sync", str(site), remote, "--ignore-existing", *excluded, "--delete-after"]
    deleted = _run(rclone, remote, sync)[1]
    return Deployed(uploaded, deleted, compared_by)


def built_for(site: Path) -> str | None:
    """The base URL the site was built for, read from the sitemap its robots.txt names."""
    try:
        text = (site / "robots.txt").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Sitemap: ") and line.endswith(sitemap()):
            return line.removeprefix("Sitemap: ").removesuffix(sitemap())
    return None


def _features(rclone: str, remote: str) -> dict[str, Any]:
    """What rclone says of the remote: its hashes, time precision, whether it is a store of
    buckets, its root; DeployError when rclone does not know it or cannot reach it."""
    result = _call([rclone, "backend", "features", remote])
    if result.returncode != 0:
        name = remote.split(":", 1)[0]
        if "didn't find section in config file" in result.stderr:
            raise DeployError(
                f"rclone knows no remote named '{name}'{_missing_config(rclone)}: add it with "
                f"`rclone config`, or set RCLONE_CONFIG_{name.upper()}_TYPE and its other "
                "settings (docs/deploy.md)"
            )
        raise _unreachable(remote, result.stderr)
    features: dict[str, Any] = json.loads(result.stdout)
    return features


def _reach(rclone: str, remote: str) -> list[str]:
    """The names at the remote's top (folders end in /); DeployError, before anything is
    sent, when the remote does not answer: it is listed once, without retries. A store that
    is down otherwise cost minutes of rclone's retries within the first upload, which then
    read as a deploy half done."""
    once = ["--retries=1", "--low-level-retries=1", "--contimeout=10s", "--timeout=30s"]
    result = _call([rclone, "lsf", remote, "--max-depth=1", *once])
    if result.returncode not in (0, DIRECTORY_NOT_FOUND):  # a first deploy makes the folder
        raise _unreachable(remote, result.stderr)
    return result.stdout.splitlines()


# What a build of the archive may have left at the remote's top that this one does not
# make: the sitemap's parts (fewer pages, fewer parts), the search index (--no-search) and
# the media files (the last one deleted from content/media/).
MADE_BY_A_BUILD = re.compile(r"sitemap-\d+\.xml\.gz|pagefind/|media/")


def _not_made_here(top: list[str], site: Path) -> list[str]:
    """The names at the remote's top that no build of this archive made: someone else's
    files, which the final sync would delete."""
    ours = {entry.name + "/" * entry.is_dir() for entry in site.iterdir()}
    return sorted(name for name in top if name not in ours and not MADE_BY_A_BUILD.fullmatch(name))


# How rclone's backends say the server refused the credentials: SSH, HTTP (WebDAV and the
# object stores' REST APIs) and S3's own codes.
REFUSED = (
    "unable to authenticate",
    "401 Unauthorized",
    "403 Forbidden",
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
)


def _unreachable(remote: str, stderr: str) -> DeployError:
    """Why rclone could not use the remote before anything was sent, in plain words first."""
    said = re.sub(r"^Failed to [\w ]+: ", "", _last_line(stderr))  # rclone's command name
    if any(sign in said for sign in REFUSED):
        name = remote.split(":", 1)[0].upper()
        return DeployError(
            f"{remote} refused access: check the user name and password or keys set for "
            f"it (`rclone config`, or the RCLONE_CONFIG_{name}_* variables); rclone said: {said}"
        )
    return DeployError(f"cannot reach {remote}: {said}")


def _missing_config(rclone: str) -> str:
    """' (it read no config file: PATH does not exist)' when rclone's config file is not
    there (RCLONE_CONFIG wrong, another user's home under sudo), else ''."""
    said = _call([rclone, "config", "file"]).stdout.strip().splitlines()
    if said and "doesn't exist" in said[0]:
        return f" (it read no config file: {said[-1]} does not exist)"
    return ""


DIRECTORY_NOT_FOUND = 3  # rclone's exit status


def _comparison(features: dict[str, Any]) -> tuple[list[str], str]:
    """How to tell unchanged files: by checksum, by size and time, or not at all."""
    if features.get("Hashes"):
        return ["--checksum"], "checksum"
    if features.get("Precision", 0) < 10**18:  # rclone's "no modification times"
        return [], "size and time"
    return ["--ignore-times"], "nothing"


def _run(rclone: str, remote: str, args: Sequence[str]) -> tuple[int, int]:
    """Run one rclone transfer; (files uploaded, files deleted). DeployError if it failed."""
    # --fast-list: a bucket listed in a few requests, not one per folder (55,000 pages).
    command = [rclone, *args, "--fast-list", "--use-json-log", "--log-level=INFO", "--stats=0"]
    result = _call(command)
    uploaded = deleted = 0
    errors = []
    for line in result.stderr.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = str(entry.get("msg", ""))
        uploaded += message.startswith("Copied")
        deleted += message == "Deleted"
        if entry.get("level") == "error":
            errors.append(f"{entry.get('object', '')}: {message}".lstrip(": "))
    if result.returncode != 0:
        said = errors[-1] if errors else _last_line(result.stderr)
        said = re.sub(r'^Failed to create file system for "[^"]*": ', "", said)  # rclone's words
        raise DeployError(f"the deploy to {remote} failed part way: {said}", started=True)
    return uploaded, deleted


def _call(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run rclone to its end. Stopped (Ctrl-C, or SIGTERM turned into KeyboardInterrupt),
    rclone is killed and waited for: once deploy says it stopped, nothing of it writes to the
    remote any more (subprocess.run kills it but does not wait on KeyboardInterrupt)."""
    # No config file is not a problem: remotes may come from RCLONE_CONFIG_* variables.
    environment = {**os.environ, "RCLONE_ASK_PASSWORD": "false"}
    # Held while rclone starts: a stop inside Popen would lose the child it had just started.
    # rclone (Go) unblocks them for itself.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
        )
    except BaseException:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)  # a stop held till now lands here
        stdout, stderr = process.communicate()
    except BaseException:
        process.kill()
        process.wait()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _last_line(text: str) -> str:
    """rclone's last message, without the date and time it starts with."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return _LOG_TIME.sub("", lines[-1]) if lines else "rclone failed"
