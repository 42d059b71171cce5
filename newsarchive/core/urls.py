"""The URL scheme in one place: site paths, hrefs under the base path, output files (pure)."""

from __future__ import annotations

import ipaddress
import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit

from .model import PartialDate, SiteConfig

LANGS = ("ar", "en")


def home(lang: str, page: int = 1) -> str:
    """The language's home page, or page N of it."""
    return numbered(f"{lang}/", page)


def article(lang: str, story: str) -> str:
    """An article (ar) or its gloss (en); story is 2020/11/slug."""
    return f"{lang}/{story}/"


def year(lang: str, value: int) -> str:
    """The archive page of one year."""
    return f"{lang}/{value:04d}/"


def month(lang: str, year_value: int, month_value: int) -> str:
    """The archive page of one month."""
    return f"{lang}/{year_value:04d}/{month_value:02d}/"


def dated(lang: str, date: PartialDate) -> str:
    """The list page of an article's month, or of its year when only the year is known: the
    first page, which does not change as the month's list grows."""
    return year(lang, date.year) if date.month is None else month(lang, date.year, date.month)


def entities_index(lang: str) -> str:
    """The list of all entities."""
    return f"{lang}/entities/"


def entity(lang: str, entity_id: str, page: int = 1) -> str:
    """One entity's page, or page N of its articles."""
    return numbered(f"{lang}/entities/{entity_id}/", page)


def paragraph_anchor(index: int) -> str:
    """The anchor both pages of an article give its paragraph `index` (0-based): `p3` for
    the third, whatever block id its gloss has (content/gloss.block_named)."""
    return f"p{index + 1}"


def numbered(base: str, number: int) -> str:
    """The path of page `number` of a paginated list whose first page is `base`."""
    return base if number == 1 else f"{base}page/{number}/"


def translated(page: int = 1) -> str:
    """The English list of the translated articles (fully or partly), or page N of it. English
    only: an Arabic reader has every article in the original."""
    return numbered("en/translated/", page)


def translated_feed() -> str:
    """The Atom feed of the newest translated articles."""
    return "en/translated/feed.xml"


def about(lang: str) -> str:
    """Who publishes the archive, what may be reused, how to cite and mirror it."""
    return f"{lang}/about/"


def search(lang: str) -> str:
    """The search page."""
    return f"{lang}/search/"


def filter_query(key: str, value: str) -> str:
    """A search page's query string that sets one filter (`?tag=اقتصاد`): letters, marks and
    digits as written, the rest percent-encoded (a space as `+`, as a form sends it). An
    Arabic letter written as such is two bytes; percent-encoded, six: a page links each of
    an article's tags."""
    encoded = "".join(
        ch if unicodedata.category(ch)[0] in "LMN" else "+" if ch == " " else quote(ch, safe="")
        for ch in value
    )
    return f"?{key}={encoded}"


def search_entities(lang: str) -> str:
    """The entities the search page offers pages for, with the key forms of their names
    (assembly/searchnames.py)."""
    return f"{lang}/search/entities.json"


def status(year: int | None = None, month: int | None = None) -> str:
    """The editors' translation status: the summary by year, a year's by month, or one
    month's articles."""
    if year is None:
        return "en/status/"
    return f"en/status/{year:04d}/" if month is None else f"en/status/{year:04d}/{month:02d}/"


def feed(lang: str) -> str:
    """The Atom feed of one language."""
    return f"{lang}/feed.xml"


def entity_feed(lang: str, entity_id: str) -> str:
    """The Atom feed of the articles that mention one entity."""
    return f"{lang}/entities/{entity_id}/feed.xml"


def sitemap() -> str:
    """The sitemap index naming the sitemap parts."""
    return "sitemap.xml"


def sitemap_part(number: int) -> str:
    """One of the gzip-compressed sitemaps the index names (number from 1)."""
    return f"sitemap-{number}.xml.gz"


def counterpart(path: str) -> str | None:
    """The same page in the other language (ar/… <-> en/…); None for pages of one language."""
    lang, _, rest = path.partition("/")
    if lang not in LANGS or rest.startswith(("status/", "translated/")):
        return None
    return f"{'en' if lang == 'ar' else 'ar'}/{rest}"


def alternates(config: SiteConfig, path: str) -> tuple[tuple[str, str], ...]:
    """hreflang links (absolute) for a page in both languages.

    Every page of a pair lists the same set, so the links are reciprocal. Only the home pages
    name an x-default, the site root (the language chooser): x-default is for the page that
    chooses a language for a reader of neither; on the other pairs it only repeated the
    Arabic link (about 100 bytes on every article, entity and list page).
    """
    if path in ("", home("ar"), home("en")):
        links = [(lang, absolute(config, home(lang))) for lang in LANGS]
        return (*links, ("x-default", absolute(config, "")))
    other = counterpart(path)
    if other is None:
        return ()
    pair = {path[:2]: path, other[:2]: other}
    return tuple((lang, absolute(config, pair[lang])) for lang in LANGS)


def static(name: str) -> str:
    """A file under templates/static/."""
    return f"static/{name}"


@lru_cache(maxsize=1 << 16)  # a page links the same few hundred paths; quoting dominated
def href(config: SiteConfig, path: str) -> str:
    """A root-relative link that works under the base path (/repo/…), percent-encoded."""
    return quote(config.base_path + path, safe="/#?=&%-._~")


@lru_cache(maxsize=1 << 16)
def absolute(config: SiteConfig, path: str) -> str:
    """An absolute URL for canonical links, feeds and sitemaps."""
    return config.base_url + quote(path, safe="/#?=&%-._~")


def feed_id(config: SiteConfig, path: str) -> str:
    """The Atom id of what is at `path` (a feed, an article page): its address under the
    base the ids were first made from, so a site moved to a new address (github.io to its
    own domain) re-sends no entry to its subscribers."""
    return (config.feed_ids_base or config.base_url) + quote(path, safe="/#?=&%-._~")


# The folder of the site that holds what Pagefind indexes of each article page (its search
# record): never published (build/searchindex.py).
SEARCH_RECORDS = ".search"


def search_record(path: str) -> str:
    """The search record of the article page that serves `path`."""
    return f"{SEARCH_RECORDS}/{output_path(path)}"


def output_path(path: str) -> str:
    """The file that serves a site path: folders get index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


def host_of(address: str) -> str:
    """The host an absolute URL names, lower case, without brackets or port ("" when none)."""
    return urlsplit(address).hostname or ""


def names_this_machine(address: str) -> bool:
    """Whether the URL names the machine it is opened on (127.0.0.1, ::1, localhost): right
    for a preview, wrong for a published site, whose readers would be sent to their own."""
    host = host_of(address)
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost" or host.endswith(".localhost")


def names_no_machine(address: str) -> bool:
    """Whether the URL names 0.0.0.0 or [::]: to a server "listen on every address", to a
    browser no address at all (Chrome refuses it on some systems, on others it happens to
    reach this machine), so never a base URL."""
    try:
        return ipaddress.ip_address(host_of(address)).is_unspecified
    except ValueError:
        return False
