"""After a deploy: whether the public address serves the site just sent (I/O: HTTP requests).

An upload can succeed and readers still get nothing: a bucket read key for key answers a
folder address (`…/<slug>/`) with 404, a bucket policy that lets nobody read answers 403, a
CDN in front keeps serving the copy it cached. So after the transfers `deploy` asks the
public address, as a reader's browser would (no cache-busting), for a handful of the files
it has just published: the home page, an article's folder address, the search page, a file
of Pagefind's, and an address that does not exist. Each answer must be the file just built,
byte for byte (a stale copy is told from a right one that way), pages as `text/html` in
UTF-8, the missing address a 404 with the site's own 404 page. A host or CDN may
take a moment to show new files, so what fails is asked again for a few seconds (WAITS)
before it is reported. Standard library only (urllib).
"""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote

from ..build.searchparts import ARTICLE_PATH
from ..core import urls

# Seconds waited before asking again what failed: 6 s in all, bounded, for a store or CDN
# that shows new files a moment after the upload.
WAITS = (1.0, 2.0, 3.0)
TIMEOUT = 10  # seconds for one answer
# Some CDNs refuse urllib's own User-Agent (Python-urllib/3.x) with 403.
USER_AGENT = "newsarchive-deploy-check (+docs/deploy.md)"
# An address no build makes (a slug is never this long a word with no Arabic in it).
MISSING = "newsarchive-deploy-check-no-such-page/"
SECTION_FOLDERS = 'docs/deploy.md, "Folder addresses and the 404 page"'
SECTION_CHECK = 'docs/deploy.md, "Checking the public address"'


@dataclass(frozen=True)
class Probe:
    """One address to ask: what it is for people, its path under the base URL, the built
    file its answer must be, and the status it must come with."""

    what: str
    path: str
    built: str
    status: int = 200


@dataclass(frozen=True)
class Answer:
    """What the host said: its status (None: no answer), Content-Type and body, or why it
    did not answer."""

    status: int | None
    content_type: str = ""
    body: bytes = b""
    failure: str = ""


@dataclass(frozen=True)
class Outcome:
    """One probe's result: the URL asked and what is wrong with its answer (None: right)."""

    probe: Probe
    url: str
    problem: str | None


def probes(site: Path, sent: Sequence[str]) -> tuple[Probe, ...]:
    """The addresses to ask, chosen from what was just published: an article page and a
    Pagefind file among those this deploy sent (a cache is likeliest to hold an old copy of
    those), else the first of the site's."""
    chosen = [Probe("the home page", "", "index.html")]
    article = _first(sent, site, _is_article, "ar", "[0-9]*/**/index.html")
    if article is not None:
        chosen.append(Probe("an article", article.removesuffix("index.html"), article))
    search = urls.search("ar")
    if (site / search / "index.html").is_file():
        chosen.append(Probe("the search page", search, search + "index.html"))
    index_file = _first(sent, site, lambda p: p.endswith(".pf_meta"), "pagefind", "*/*.pf_meta")
    if index_file is not None:
        chosen.append(Probe("a search index file", index_file, index_file))
    chosen.append(Probe("a missing address", MISSING, "404.html", status=404))
    return tuple(chosen)


def _is_article(path: str) -> bool:
    return path.endswith("/index.html") and ARTICLE_PATH.match(path) is not None


def _first(
    sent: Sequence[str], site: Path, fits: Callable[[str], bool], folder: str, pattern: str
) -> str | None:
    """The first path sent that fits, else the first of the site's, in sorted order (rclone
    sends several files at once, in no set order; an Arabic page comes before an English)."""
    fitting = sorted(path for path in sent if fits(path))
    if fitting:
        return fitting[0]
    found = (p.relative_to(site).as_posix() for p in sorted((site / folder).glob(pattern)))
    return next((path for path in found if fits(path)), None)


def check_site(
    site: Path,
    base: str,
    chosen: Sequence[Probe],
    say: Callable[[str], None],
    waits: Sequence[float] = WAITS,
) -> list[Outcome]:
    """Ask `base` for each probe, asking again after each of `waits` what still fails;
    say each outcome, and return the failed ones."""
    base = base if base.endswith("/") else base + "/"
    outcomes = {probe: _judged(site, base, probe) for probe in chosen}
    for wait in waits:
        failing = [probe for probe, outcome in outcomes.items() if outcome.problem]
        if not failing:
            break
        time.sleep(wait)
        outcomes.update({probe: _judged(site, base, probe) for probe in failing})
    for outcome in outcomes.values():
        said = "ok" if outcome.problem is None else "FAILED"
        problem = f": {outcome.problem}" if outcome.problem else ""
        say(f"  {said:<6} {outcome.probe.what}, {outcome.url}{problem}")
    return [outcome for outcome in outcomes.values() if outcome.problem]


def _judged(site: Path, base: str, probe: Probe) -> Outcome:
    url = base + quote(probe.path)
    built = (site / probe.built).read_bytes()
    answer = fetch(url)
    if probe.status == 404:
        return Outcome(probe, url, _missing_problem(answer, built))
    problem = _served_problem(answer, built, probe.built.endswith(".html"))
    if problem is not None and (probe.path == "" or probe.path.endswith("/")):
        problem = _folder_problem(problem, answer, url + "index.html", built)
    return Outcome(probe, url, problem)


def _served_problem(answer: Answer, built: bytes, html: bool) -> str | None:
    """What is wrong with the answer for a file the site has (None: nothing)."""
    if answer.status is None:
        return (
            f"no answer ({answer.failure}): is the address served yet, and is it the one "
            "the site was built for? (--check-url URL asks another, --no-check asks none)"
        )
    if answer.status == 403:
        return (
            "403 Forbidden: the host refuses readers this file; make the bucket (or "
            "folder) publicly readable, as its static website hosting does"
        )
    if answer.status != 200:
        return (
            f"answers {answer.status}, though the file was just sent: does this address "
            "serve the remote's files, and not another copy or folder?"
        )
    if answer.body != built:
        return (
            f"not the file just sent ({len(answer.body):,} bytes served, {len(built):,} "
            "built): a cache in front of the host (a CDN) still serves an older copy. Pages "
            "are sent to be cached for 5 minutes: wait, or purge the CDN's cache "
            f"({SECTION_CHECK})"
        )
    if html and not _read_as_utf8_html(answer.content_type):
        return (
            f"served as '{answer.content_type or 'no Content-Type'}', which browsers do not "
            "read as an HTML page in UTF-8: set the host to send .html files as "
            f"'text/html; charset=utf-8' ({SECTION_CHECK})"
        )
    return None


def _folder_problem(problem: str, answer: Answer, index_url: str, built: bytes) -> str:
    """A folder address that failed while its index.html answers right is a host that
    serves files only by their full name: say so, rather than what the folder answered."""
    if fetch(index_url).body != built:
        return problem
    said = answer.status if answer.status is not None else answer.failure
    return (
        f"answers {said}, while its index.html is served: the host serves files only by "
        "their full name, and every folder address (each article's) fails; set its index "
        f"document to index.html, or put a rewrite in front ({SECTION_FOLDERS})"
    )


def _missing_problem(answer: Answer, built: bytes) -> str | None:
    """What is wrong with the answer for an address the site does not have."""
    if answer.status is None:
        return f"no answer ({answer.failure})"
    if answer.status == 404 and answer.body == built:
        return None
    if answer.status == 404:
        return (
            "answers 404, but not with the site's 404 page: set the host's error document "
            f"to 404.html under the base path ({SECTION_FOLDERS})"
        )
    if answer.status == 200:
        return (
            "answers 200, as if every address were a page (search engines index them): set "
            f"the host's error document to 404.html, served with status 404 ({SECTION_FOLDERS})"
        )
    return (
        f"answers {answer.status} where readers should get the site's 404 page with status "
        f"404: set the host's error document to 404.html ({SECTION_FOLDERS})"
    )


def _read_as_utf8_html(content_type: str) -> bool:
    """Whether a browser reads a page sent with this Content-Type as HTML in UTF-8. A charset
    in the header wins over the page's own `<meta charset="utf-8">` (ISO-8859-1 would garble
    every Arabic letter); without one the page's own decides, as nginx and Apache send it
    by default, so a missing charset is no fault."""
    kind, _, parameters = content_type.lower().partition(";")
    charset = next(
        (p.split("=", 1)[1].strip(" \"'") for p in parameters.split(";") if "charset=" in p),
        "utf-8",
    )
    return kind.strip() == "text/html" and charset in ("utf-8", "utf8")


def fetch(url: str) -> Answer:
    """GET `url` as a browser would, following redirects; an error status is an answer,
    a refused connection or a timeout is none."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return _answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return _answer(error.code, error.headers, error.read())
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Answer(None, failure=str(reason))


def _answer(status: int, headers: Message, body: bytes) -> Answer:
    if headers.get("Content-Encoding", "").lower() == "gzip":  # urllib asks for none; some send it
        body = gzip.decompress(body)
    return Answer(status, headers.get("Content-Type", ""), body)
