"""Running rclone, and asking it about a remote before anything is sent (I/O: runs rclone).

Every question asked before the transfers (what the remote is, whether it answers, whether
the checksums it advertises are real) is asked once, without rclone's retries and with
short time limits: a server that accepts the connection and never answers is reported in
seconds rather than waited on for ever, and before anything is sent. Every rclone started
dies with the process that started it, even one killed by SIGKILL, which no handler sees.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

_LOG_TIME = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d ")  # rclone's plain log lines

# What stops a deploy: Ctrl-C, and SIGTERM and SIGHUP, which `deploy` turns into Ctrl-C.
STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}

# A question asked once: no retries, 10 s to connect, 20 s of silence at most. A store that
# is down otherwise cost minutes of rclone's retries within the first upload, which then
# read as a deploy half done; one that never answers held `deploy` for ever.
ONCE = ("--retries=1", "--low-level-retries=1", "--contimeout=10s", "--timeout=20s")

DIRECTORY_NOT_FOUND = 3  # rclone's exit status

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


def redactor(remote: str) -> Callable[[str], str]:
    """What hides the parameter values of an inline remote (rclone's connection string,
    `:s3,access_key_id=K,secret_access_key=S:bucket`) in a text, as `secret_access_key=…`:
    every message naming the remote, and rclone's own lines, which quote it, go through it
    (a CI log is read by many). A remote without parameters is left as it is."""
    config = _config_part(remote)
    if config is None:
        return lambda text: text
    name, *parameters = _split_outside_quotes(config, ",")
    pairs = [parameter.split("=", 1) for parameter in parameters if "=" in parameter]
    hidden = ",".join(
        [
            name,
            *(
                parameter.split("=")[0] + "=…" if "=" in parameter else parameter
                for parameter in parameters
            ),
        ]
    )
    shown = hidden + remote[len(config) :]

    def redact(text: str) -> str:
        text = text.replace(remote, shown).replace(config, hidden)
        for key, value in pairs:
            for written in {value, value.strip("\"'")}:
                if written:
                    text = text.replace(f"{key}={written}", f"{key}=…")
        return text

    return redact


def _config_part(remote: str) -> str | None:
    """The part before the path of a remote with parameters (`:s3,k=v` of `:s3,k=v:path`,
    `archive,k=v` of `archive,k=v:path`); None for a remote without them or a local path."""
    if remote.startswith(("/", ".")):
        return None
    quote = ""
    for at, char in enumerate(remote):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ":" and at > 0:
            config = remote[:at]
            return config if "," in config else None
        elif char == "/":
            return None  # a local path holding a comma
    return None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """Text split at each separator outside '…' or "…" quotes (rclone's quoting of a value
    holding a comma or a colon)."""
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == separator:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    return [*parts, "".join(current)]


class DeployError(Exception):
    """rclone is missing, the remote cannot be reached, or a transfer failed (`started`:
    files may have been sent, and running the deploy again finishes it)."""

    def __init__(self, message: str, *, started: bool = False) -> None:
        super().__init__(message)
        self.started = started


def rclone_path() -> str:
    """The rclone program; DeployError saying how to install it when there is none."""
    found = shutil.which("rclone")
    if found is None:
        raise DeployError("rclone is not installed: sudo apt-get install rclone")
    return found


def features(rclone: str, remote: str) -> dict[str, Any]:
    """What rclone says of the remote: its hashes, time precision, whether it is a store of
    buckets, its root; DeployError when rclone does not know it or cannot reach it (SFTP
    connects to describe the remote)."""
    result = call([rclone, "backend", "features", remote, *ONCE])
    if result.returncode != 0:
        name = remote.split(":", 1)[0]
        if "didn't find section in config file" in result.stderr:
            raise DeployError(
                f"rclone knows no remote named '{name}'{_missing_config(rclone)}: add it with "
                f"`rclone config`, or set RCLONE_CONFIG_{name.upper()}_TYPE and its other "
                "settings (docs/deploy.md)"
            )
        raise _unreachable(remote, result.stderr)
    described: dict[str, Any] = json.loads(result.stdout)
    return described


def reach(rclone: str, remote: str, folder: str = "") -> list[str]:
    """The names at the top of the remote (or of a folder in it; folders end in /);
    DeployError, before anything is sent, when the remote does not answer."""
    result = call([rclone, "lsf", _within(remote, folder), "--max-depth=1", *ONCE])
    if result.returncode not in (0, DIRECTORY_NOT_FOUND):  # a first deploy makes the folder
        raise _unreachable(remote, result.stderr)
    return result.stdout.splitlines()


def text_held(rclone: str, remote: str, path: str) -> str:
    """The text of the file at `path` in the remote ("" when it cannot be read)."""
    result = call([rclone, "cat", _within(remote, path), *ONCE])
    return result.stdout if result.returncode == 0 else ""


def a_file_held(rclone: str, remote: str, top: list[str]) -> str | None:
    """A file the remote holds, to ask its checksum of: one at its top, else one at the top
    of pagefind/ or static/ (a deploy stopped before the pages sends those first); None
    when it holds none there."""
    for folder in ("", "pagefind/", "static/"):
        names = top if not folder else reach(rclone, remote, folder) if folder in top else []
        # Not .nojekyll if another is there: a store may keep no checksum of an empty file.
        files = sorted((n for n in names if not n.endswith("/")), key=lambda n: (n[0] == ".", n))
        if files:
            return folder + files[0]
    return None


def gives_hashes(
    rclone: str, remote: str, hash_name: str, path: str, *, sending: bool = False
) -> bool:
    """Whether the remote really gives the checksum it advertises, for the file at `path`:
    a WebDAV server taken for ownCloud advertises MD5 and SHA-1 and gives neither, and
    rclone then compares by size alone (an edit that keeps a file's size is never sent).
    `sending`: asked of a file just sent, a remote lost is a deploy failed part way."""
    result = call([rclone, "hashsum", hash_name, _within(remote, path), *ONCE])
    if result.returncode != 0 and sending:
        said = _said(result.stderr)
        raise DeployError(f"the deploy to {remote} failed part way: {said}", started=True)
    if result.returncode != 0:
        raise _unreachable(remote, result.stderr)
    given = result.stdout.split("  ", 1)[0].strip()
    return bool(given)


def _within(remote: str, path: str) -> str:
    """The rclone name of `path` inside `remote` (NAME:, NAME:FOLDER or a local folder)."""
    if not path:
        return remote
    return f"{remote}{path}" if remote.endswith((":", "/")) else f"{remote}/{path}"


def _unreachable(remote: str, stderr: str) -> DeployError:
    """Why rclone could not use the remote before anything was sent, in plain words first."""
    said = _said(stderr)
    if any(sign in said for sign in REFUSED):
        name = remote.split(":", 1)[0].upper()
        return DeployError(
            f"{remote} refused access: check the user name and password or keys set for "
            f"it (`rclone config`, or the RCLONE_CONFIG_{name}_* variables); rclone said: {said}"
        )
    return DeployError(f"cannot reach {remote}: {said}")


def _said(stderr: str) -> str:
    """rclone's last message, without the name of its command or the remote it opened."""
    said = re.sub(r'^Failed to create file system for "[^"]*": ', "", last_line(stderr))
    return re.sub(r"^Failed to [\w ]+: ", "", said)


def _missing_config(rclone: str) -> str:
    """' (it read no config file: PATH does not exist)' when rclone's config file is not
    there (RCLONE_CONFIG wrong, another user's home under sudo), else ''."""
    said = call([rclone, "config", "file"]).stdout.strip().splitlines()
    if said and "doesn't exist" in said[0]:
        return f" (it read no config file: {said[-1]} does not exist)"
    return ""


def call(command: list[str]) -> subprocess.CompletedProcess[str]:
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
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            preexec_fn=_dying_with(os.getpid()),
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


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _dying_with(parent: int) -> Callable[[], None] | None:
    """What the child runs before rclone: the kernel kills it when `parent` dies. Killed with
    SIGKILL (the OOM killer, `kill -9`, a CI runner's), deploy used to leave its rclone
    writing to the remote after the build lock it held was released."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it died before the line above: nobody would tell us
            os.kill(os.getpid(), signal.SIGKILL)

    return die_with_parent


def last_line(text: str) -> str:
    """rclone's last message, without the date and time it starts with, and with the lines
    it goes on over (an S3 store's error says what failed first, then `caused by: …`): the
    last line alone dropped what said why."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    starts = [number for number, line in enumerate(lines) if _LOG_TIME.match(line)]
    message = lines[starts[-1] if starts else -1 :] if lines else ["rclone failed"]
    return "; ".join(_LOG_TIME.sub("", line) for line in message)
