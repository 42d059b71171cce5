"""`deploy`: publish site/ to object storage or any remote rclone reaches."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .report import EXIT_FAILED, EXIT_OK, say_waiting, stop_on_termination

Redact = Callable[[str], str]


def cmd_deploy(args: argparse.Namespace) -> int:
    """Synchronise the built site to the remote."""
    from ..build.cache import build_lock

    root = Path(args.root)
    # The project's build lock, held to the end: a build (serve's, after an editor's save)
    # waits rather than rewriting site/ under the transfer, which would publish some kinds
    # of files from one build and the rest from the next.
    try:
        with build_lock(root, say_waiting):
            return _deploy_built(root, args)
    except KeyboardInterrupt:  # Ctrl-C while a build held the lock: nothing was sent yet
        print("stopped: nothing was sent", file=sys.stderr)
        return EXIT_FAILED


def _deploy_built(root: Path, args: argparse.Namespace) -> int:
    from ..build.cache import load_record
    from ..build.output import MARKER
    from ..publish.deploy import Stopped, deploy
    from ..publish.preflight import built_for
    from ..publish.rclone import STOPS, DeployError, redactor

    site = Path(args.site) if args.site else root / "site"
    if not (site / MARKER).is_file():
        print(f"error: {site} is not a finished build; run `build.py build` first", file=sys.stderr)
        return EXIT_FAILED
    if load_record(root) is None:  # a build forgets it first: one failed or was stopped since
        print(
            f"error: the last build of {root} failed or was stopped, so {site} is not what "
            "content/ holds now: fix what the build reported, then run `build.py build` and "
            "deploy",
            file=sys.stderr,
        )
        return EXIT_FAILED
    address = built_for(site)
    built = f" (built for {address})" if address else ""
    # An inline remote's parameters are its keys and passwords: every line said, the tool's
    # and rclone's, shows them as `secret_access_key=…` (a CI log is read by many).
    redact = redactor(args.remote)
    try:
        stop_on_termination(STOPS)
        print(redact(f"deploying {site}{built} to {args.remote}"), flush=True)
        done = deploy(
            site,
            args.remote,
            lambda line: print(redact(line), flush=True),
            new_address=args.new_address,
        )
    except DeployError as exc:
        again = "; run it again to finish the deploy" if exc.started else ""
        print(redact(f"error: {exc}{again}"), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:  # rclone was stopped and waited for; say where that leaves it
        if isinstance(exc, Stopped) and exc.started:
            print(
                redact(
                    f"stopped: {args.remote} may have part of the new site beside the old "
                    "one; run the deploy again to finish it"
                ),
                file=sys.stderr,
            )
        else:  # stopped while the remote was asked what it is and holds
            print("stopped: nothing was sent", file=sys.stderr)
        return EXIT_FAILED
    told = (
        "every file sent: the remote keeps no checksum or time"
        if done.compared_by == "nothing"
        else f"unchanged files told by {done.compared_by}"
    )
    print(f"deployed: {done.uploaded} file(s) uploaded, {done.deleted} deleted ({told})")
    return _check_public(site, args.check_url or address, done.sent, args, redact)


def _check_public(
    site: Path, base: str | None, sent: tuple[str, ...], args: argparse.Namespace, redact: Redact
) -> int:
    """Ask the public address for a few of the files just published; a failure exits 1,
    saying that the files are uploaded all the same."""
    from ..publish.check import SECTION_CHECK, WAITS, check_site, probes

    if args.no_check:
        print("public address not checked (--no-check)")
        return EXIT_OK
    if base is None:
        print("public address not checked: the site names none (no robots.txt): --check-url URL")
        return EXIT_OK
    asked = probes(site, sent)
    print(
        f"checking what {base} serves ({len(asked)} addresses; what fails is asked again for "
        f"up to {sum(WAITS):g} s, as a host or CDN may show new files a moment late)",
        flush=True,
    )
    uploaded = f"the files ARE uploaded to {args.remote}"
    try:
        failed = check_site(site, base, asked, lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print(redact(f"stopped while checking {base}: {uploaded}"), file=sys.stderr)
        return EXIT_FAILED
    if not failed:
        print(f"checked: {base} serves the site just deployed")
        return EXIT_OK
    print(
        redact(
            f"error: {uploaded}, but {base} does not serve them as readers need "
            f"({len(failed)} of {len(asked)} checks failed, above): fix the host or its cache "
            f"as each says ({SECTION_CHECK}), then run the deploy again to check again"
        ),
        file=sys.stderr,
    )
    return EXIT_FAILED


def _public_url(text: str) -> str:
    """--check-url: an absolute http(s) address, ending in /."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an http(s) address such as https://news.example.org/archive/"
        )
    if "@" in parts.netloc:  # every check line prints the address: a password would be shown
        raise argparse.ArgumentTypeError(
            "the address holds a user name or password: the check asks the public address "
            "as a reader does, without logging in; give it without them"
        )
    return text if text.endswith("/") else text + "/"


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `deploy`."""
    deploy = sub.add_parser(
        "deploy", help="publish site/ to object storage or any rclone remote (docs/deploy.md)"
    )
    deploy.add_argument(
        "remote", help="an rclone remote and path, e.g. r2:my-bucket/archive (a folder: ./out)"
    )
    deploy.add_argument("--root", default=".", help="project folder holding content/")
    deploy.add_argument("--site", help="the built site (default: ROOT/site)")
    deploy.add_argument(
        "--new-address",
        action="store_true",
        help="replace a site the remote holds that was built for another base URL (a move)",
    )
    checks = deploy.add_mutually_exclusive_group()
    checks.add_argument(
        "--check-url",
        type=_public_url,
        metavar="URL",
        help="after the upload, check what this address serves (default: the site's base URL)",
    )
    checks.add_argument(
        "--no-check",
        action="store_true",
        help="do not check the public address after the upload (a remote not yet public)",
    )
    deploy.set_defaults(func=cmd_deploy)
