"""The peers of the benchmark: Pelican and Hugo building the same generated corpus.

Pelican runs from its own virtual environment (bench/.venv-peers, made on first use with
`pip install pelican`), never from the project's; Hugo is Debian's `hugo` package.
Each peer gets a minimal theme of its own: one page per article plus paginated lists.

Pelican is measured twice. "Arabic pages": the Arabic articles alone, what Hugo builds too.
"Same site": the same corpus as our build reads it, so that it writes the kinds of page ours
does: each English gloss as the article's translation (Pelican's `Lang`, a page under en/),
and the registry entities each article names (found by our matcher, outside the timing) as
its tags, whose pages list every article naming them like our entity pages. It still writes
no English page for an article without a gloss, matches nothing and has no search key text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".venv-peers"
PELICAN = PEERS_VENV / "bin" / "pelican"
HUGO = shutil.which("hugo") or "/usr/bin/hugo"
FRONT = re.compile(r'^---\ntitle: "(.*)"\ndate: "(.*)"\nsource:\n  name: "(.*)"\n---\n', re.M)

PELICAN_CONF = """\
AUTHOR = "bench"
SITENAME = "أرشيف الأخبار"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"
DEFAULT_PAGINATION = 20
THEME = "simple"
ARTICLE_URL = ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
"""
PELICAN_SAME_SITE_CONF = """\
ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = "en/{date:%Y}/{date:%m}/{slug}/index.html"
SLUGIFY_USE_UNICODE = True  # tag pages named by the Arabic entity names, one each
"""
GLOSS_FRONT = re.compile(r'^---\n(?:.*\n)*?title: "(.*)"\n(?:.*\n)*?---\n', re.M)

HUGO_CONF = """\
baseURL = "http://127.0.0.1:8000/"
languageCode = "ar"
title = "أرشيف الأخبار"
contentDir = "content"
disableKinds = ["taxonomy", "term", "RSS"]
paginate = 20
"""
HUGO_SINGLE = (
    '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}'
    '</title></head><body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} · '
    "{{ .Params.source.name }}</p>{{ .Content }}</body></html>\n"
)
HUGO_LIST = (
    '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}'
    "</title></head><body><h1>{{ .Title }}</h1>{{ $p := .Paginate .RegularPagesRecursive }}"
    '{{ range $p.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
    "<p>{{ .Summary }}</p></article>{{ end }}"
    '{{ if $p.HasNext }}<a href="{{ $p.Next.URL }}">التالي</a>{{ end }}</body></html>\n'
)


def ensure_pelican() -> bool:
    """Make bench/.venv-peers with Pelican when it is missing; False if that fails."""
    if PELICAN.exists():
        return True
    made = subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=False)
    if made.returncode != 0:
        return False
    pip = PEERS_VENV / "bin" / "pip"
    done = subprocess.run(
        [str(pip), "install", "-q", "pelican>=4.9,<5", "markdown>=3.5"], check=False
    )
    return done.returncode == 0 and PELICAN.exists()


def pelican_project(
    corpus: Path, target: Path, cached: bool = False, same_site: bool = False
) -> list[str]:
    """The corpus's articles in Pelican's header format; returns the build command.

    cached: Pelican's own content cache on (CACHE_CONTENT, LOAD_CONTENT_CACHE), its fastest
    way to rebuild after an edit (it still writes every page).
    same_site: the glosses as translations and the entities as tags (see the module's doc).
    """
    content = target / "content"
    if not content.exists():
        content.mkdir(parents=True)
        tags = _entity_tags(corpus) if same_site else None
        dates: dict[str, str] = {}
        for file in sorted((corpus / "content" / "ar").rglob("*.md")):
            text = file.read_text(encoding="utf-8")
            match = FRONT.match(text)
            assert match, file
            title, date, source = match.groups()
            body = text[match.end() :]
            head = f"Title: {title}\nDate: {date}\nSlug: {file.stem}\nCategory: {source}\n"
            if tags is not None:
                head += f"Tags: {', '.join(tags(body))}\n"
            (content / file.name).write_text(f"{head}\n{body}", encoding="utf-8")
            dates[file.stem] = date
        if same_site:
            for file in sorted((corpus / "content" / "en").rglob("*.md")):
                text = file.read_text(encoding="utf-8")
                match = GLOSS_FRONT.match(text)
                assert match, file
                head = f"Title: {match.group(1)}\nDate: {dates[file.stem]}\nSlug: {file.stem}\n"
                body = text[match.end() :]
                (content / f"{file.stem}.en.md").write_text(
                    f"{head}Lang: en\n\n{body}", encoding="utf-8"
                )
    conf = PELICAN_CONF.replace("{cache}", str(cached))  # always: older projects lack CACHE_PATH
    conf += PELICAN_SAME_SITE_CONF if same_site else ""
    conf += f'CACHE_PATH = "{target / "cache"}"\n'  # Pelican's default is the current folder
    (target / "pelicanconf.py").write_text(conf, encoding="utf-8")
    cmd = [str(PELICAN), str(content), "-o", str(target / "output")]
    cmd += ["-s", str(target / "pelicanconf.py"), "-q"]
    # Cold runs start without an output folder (run.py moves it away, as it does ours); a
    # cached rebuild writes over the last output, as an author would rebuild.
    return cmd if cached else [*cmd, "--delete-output-directory"]


def _entity_tags(corpus: Path) -> Callable[[str], list[str]]:
    """The Arabic names of the registry entities a body mentions, in order of first mention."""
    sys.path.insert(0, str(HERE.parent))
    from newsarchive.entities.matcher import build_matcher, find_mentions
    from newsarchive.entities.registry import parse_registry

    registry_file = corpus / "content" / "entities.yaml"
    registry, _ = parse_registry(registry_file.read_text(encoding="utf-8"), "entities.yaml")
    matcher, names = build_matcher(registry), {e.id: e.name_ar for e in registry.entities}

    def tags(body: str) -> list[str]:
        found = dict.fromkeys(m.entity_id for m in find_mentions(matcher, body))
        return [names[entity_id].replace(",", " ") for entity_id in found]

    return tags


def hugo_project(corpus: Path, target: Path) -> list[str]:
    """A Hugo site whose content folder is the corpus's ar/ folder; returns the build command."""
    if not (target / "hugo.toml").exists():
        (target / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (target / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
        (target / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
        (target / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
        (target / "layouts" / "index.html").write_text(HUGO_LIST, encoding="utf-8")
        link = target / "content"
        if not link.exists():
            link.symlink_to((corpus / "content" / "ar").resolve())
    return [
        HUGO,
        "--source",
        str(target),
        "--quiet",
        "--cleanDestinationDir",
        "--destination",
        str(target / "public"),
    ]
