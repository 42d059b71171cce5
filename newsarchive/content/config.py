"""Site settings: parse content/site.toml into a SiteConfig, reporting every problem at once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

from ..core.diagnostics import BuildFailed, ContentError, Diagnostic
from ..core.hosts import DEFAULT_HOST, HOSTS
from ..core.model import SiteConfig
from ..core.moments import DEFAULT_TIME_ZONE, time_zone_problem
from ..core.tomlerrors import toml_diagnostic
from ..core.urls import host_of, names_no_machine
from .frontmatter import decode_text

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
KNOWN_KEYS = {
    "title_ar": str,
    "title_en": str,
    "description_ar": str,
    "description_en": str,
    "base_url": str,
    "per_page": int,
    "host": str,
    "feed_ids_base": str,
    "time_zone": str,  # the newsroom's clock, for articles' times (core/moments.py)
    # Who may reuse what, and who answers for it (optional; docs/editors-guide.md, "Rights").
    "rights_ar": str,
    "rights_en": str,
    "license_url": str,
    "publisher_ar": str,
    "publisher_en": str,
    "source_url": str,
}
# Settings said in both languages or not at all: a page of either language shows them.
PAIRED = (("rights_ar", "rights_en"), ("publisher_ar", "publisher_en"))
LINKS = ("license_url", "source_url")
STATEMENT = tuple(key for pair in PAIRED for key in pair) + LINKS
LINK_RE = re.compile(r"https?://[^\s/?#]+[^\s]*")
BASE_URL_RE = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def normalise_base_url(url: str) -> str:
    """An absolute http(s) base URL always ending in '/'; ValueError otherwise."""
    if not BASE_URL_RE.fullmatch(url) or not _parses(url):
        raise ValueError(f"base URL '{url}' must look like https://user.github.io/repo/")
    return url if url.endswith("/") else url + "/"


def _parses(url: str) -> bool:
    """Whether the URL's host can be read (not so `http://[::`, an IPv6 address cut short)."""
    try:
        host_of(url)
    except ValueError:
        return False
    return True


def parse_config(text: str, path: str, base_url: str | None = None) -> SiteConfig:
    """site.toml text (+ optional --base-url) to a SiteConfig; BuildFailed lists all errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuildFailed([toml_diagnostic(exc, text, path)]) from None
    diags = []
    for key, value in data.items():
        expected = KNOWN_KEYS.get(key)
        if expected is None:
            line = _line_of(text, key)
            message = f"unknown setting '{key}'"
            if text.split("\n")[line - 1].lstrip().startswith("["):  # another generator's
                message = f"unknown table [{key}]: site.toml's settings are written without one"
            diags.append(Diagnostic(path, line, message))
        elif not isinstance(value, expected) or isinstance(value, bool):
            kind = "text" if expected is str else "a whole number"
            diags.append(Diagnostic(path, _line_of(text, key), f"'{key}' must be {kind}"))
        elif key.startswith(("title_", *STATEMENT)) and not str(value).strip():
            diags.append(Diagnostic(path, _line_of(text, key), f"'{key}' must not be empty"))
    diags += _statement_problems(data, text, path)
    url = base_url or str(data.get("base_url", DEFAULT_BASE_URL))
    source = _base_url_source(text, path, base_url)
    try:
        url = normalise_base_url(url)
    except ValueError as exc:
        diags.append(Diagnostic(*source, str(exc)))
    else:
        if names_no_machine(url):
            diags.append(Diagnostic(*source, _NO_MACHINE.format(url=url, host=host_of(url))))
    ids_base = data.get("feed_ids_base", "")
    if isinstance(ids_base, str) and "feed_ids_base" in data:
        try:
            ids_base = normalise_base_url(ids_base)
        except ValueError:
            diags.append(
                Diagnostic(path, _line_of(text, "feed_ids_base"), _NOT_A_BASE.format(ids_base))
            )
    per_page = data.get("per_page", 20)
    if isinstance(per_page, int) and not 1 <= per_page <= 1000:
        diags.append(Diagnostic(path, _line_of(text, "per_page"), "'per_page' must be 1 to 1000"))
    host = data.get("host", DEFAULT_HOST)
    if isinstance(host, str) and host not in HOSTS:
        known = ", ".join(HOSTS)
        diags.append(Diagnostic(path, _line_of(text, "host"), f"'host' must be one of: {known}"))
    zone = data.get("time_zone", DEFAULT_TIME_ZONE)
    if isinstance(zone, str) and (problem := time_zone_problem(zone)) is not None:
        diags.append(Diagnostic(path, _line_of(text, "time_zone"), problem))
    if diags:
        raise BuildFailed(diags)
    return SiteConfig(
        title_ar=data.get("title_ar", "أرشيف الأخبار"),
        title_en=data.get("title_en", "News Archive"),
        description_ar=data.get("description_ar", ""),
        description_en=data.get("description_en", ""),
        base_url=url,
        per_page=per_page,
        host=host,
        feed_ids_base=ids_base,
        time_zone=zone,
        **{key: data.get(key, "").strip() for key in STATEMENT},
    )


def _statement_problems(data: dict[str, object], text: str, path: str) -> list[Diagnostic]:
    """The rights statement's mistakes: a setting of a pair without the other, a link that
    is no web address, a licence without the statement that names it."""
    diags = []
    for pair in PAIRED:
        for key, other in (pair, pair[::-1]):
            if key in data and other not in data:
                message = f"'{key}' needs '{other}' beside it: pages in both languages show it"
                diags.append(Diagnostic(path, _line_of(text, key), message))
    for key in LINKS:
        value = data.get(key)
        if isinstance(value, str) and value.strip() and not LINK_RE.fullmatch(value.strip()):
            message = f"'{key}' must be a web address (https://…), not '{value}'"
            diags.append(Diagnostic(path, _line_of(text, key), message))
    if "license_url" in data and "rights_ar" not in data and "rights_en" not in data:
        message = (
            "'license_url' needs the rights statement it belongs to (rights_ar and "
            "rights_en): a reader is told what the licence covers"
        )
        diags.append(Diagnostic(path, _line_of(text, "license_url"), message))
    return diags


def missing_statement(config: SiteConfig) -> list[Diagnostic]:
    """The note of a site that says nothing of reuse: a library or web archive cannot tell
    whether it may mirror it."""
    if config.rights_ar:
        return []
    return [Diagnostic("content/site.toml", 1, NO_STATEMENT, "note")]


NO_STATEMENT = (
    "no rights statement: mirrors, libraries and web archives cannot tell what they may copy "
    "or reuse, and the feeds, the pages' JSON-LD and the about pages say nothing of it. Add "
    "rights_ar and rights_en (and license_url, if a licence applies): docs/editors-guide.md, "
    '"Rights and the about page"'
)


_NOT_A_BASE = (
    "'feed_ids_base' = '{}' must be an absolute URL like https://user.github.io/repo/: the "
    "base URL the site's feeds were first published under, which their ids keep"
)


_NO_MACHINE = (
    "base URL '{url}' names no machine: {host} tells a server to listen on every address, but "
    "it is no address to send a browser to (some refuse it, others open the reader's own "
    "machine), and the site's canonical links, feeds and sitemap would send every reader "
    "there. Use the site's public address (https://user.github.io/repo/), "
    "http://127.0.0.1:8000/ to preview on this machine, or this machine's address on your "
    "network (http://192.168.1.20:8000/) to preview from another device"
)


def _base_url_source(text: str, path: str, base_url: str | None) -> tuple[str, int]:
    """Where the base URL came from: the --base-url option, or site.toml's line setting it
    (its first when none does: the default then)."""
    return ("--base-url", 0) if base_url else (path, _line_of(text, "base_url"))


def _line_of(text: str, key: str) -> int:
    """The line that sets key: `key = …`, a dotted `key.x = …`, or a table `[key]`."""
    name = re.escape(key)
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*(?:{name}\s*[=.]|\[+\s*{name}\s*[\].])", line):
            return number
    return 1


def load_config(root: Path, base_url: str | None = None, search: bool = True) -> SiteConfig:
    """Read content/site.toml under root (missing file: defaults) (I/O).

    search=False: the build makes no search index, so its pages need no search key text.
    """
    config = parse_config(site_toml(root), "content/site.toml", base_url)
    return config if search else replace(config, search=False)


def site_toml(root: Path) -> str:
    """The text of content/site.toml under root, "" when there is none (I/O)."""
    file = root / "content" / "site.toml"
    try:  # as the other content files: not UTF-8 named at its line; a byte-order mark, CRLF
        return decode_text(file.read_bytes(), "content/site.toml") if file.exists() else ""
    except ContentError as exc:
        raise BuildFailed([exc.diagnostic]) from None
